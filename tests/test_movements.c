/* test_movements.c - the monthly MRR bridge: a hand-computed fixture, the
 * bridge identity on every fixture, and agreement with the retention
 * report (a month's closing MRR is the prior MRR of the period end twelve
 * months later). */
#include "testutil.h"

#include <string.h>

#include "date.h"

static ndr_movements *movements(ndr_dataset *ds)
{
    ndr_movements *m = NULL;
    char msg[400];
    ndr_status st = ndr_movements_compute(ds, NULL, &m, msg, sizeof msg);
    if (st != NDR_OK)
        fail_msg("movements: %s", msg);
    return m;
}

static void assert_month(const ndr_month_movement *m, const char *end, const char *open,
                         const char *new_mrr, const char *react, const char *exp,
                         const char *contr, const char *churn, const char *close,
                         uint64_t new_c, uint64_t react_c, uint64_t churn_c, uint64_t close_c,
                         int complete)
{
    assert_int_equal(m->month_end, tu_date(end));
    assert_int_equal(m->opening_mrr, tu_money(open));
    assert_int_equal(m->new_mrr, tu_money(new_mrr));
    assert_int_equal(m->reactivation_mrr, tu_money(react));
    assert_int_equal(m->expansion_mrr, tu_money(exp));
    assert_int_equal(m->contraction_mrr, tu_money(contr));
    assert_int_equal(m->churned_mrr, tu_money(churn));
    assert_int_equal(m->closing_mrr, tu_money(close));
    assert_int_equal(m->new_customers, new_c);
    assert_int_equal(m->reactivated_customers, react_c);
    assert_int_equal(m->churned_customers, churn_c);
    assert_int_equal(m->closing_customers, close_c);
    assert_int_equal(m->complete, complete);
}

/* fixtures/movements/bridge.csv, by hand:
 * Jan: a new 100, b new 50 (first month starts on the 10th: not final)
 * Feb: a 100 -> 150 expansion, c new 30
 * Mar: b 50 -> 20 contraction, c 30 -> 0 churn
 * Apr: c back at 40 (reactivation), a 150 -> 0 on Apr 30 (churn); d pays
 *      10 from Apr 15 to Apr 20 only, never at a month end: no movement */
static void test_movements_hand_computed(void **state)
{
    (void)state;
    ndr_dataset *ds = tu_load_fixture("fixtures/movements/bridge.csv", NULL);
    ndr_movements *m = movements(ds);
    assert_int_equal(ndr_movements_count(m), 4);
    assert_month(ndr_movements_get(m, 0), "2024-01-31", "0", "150", "0", "0", "0", "0", "150",
                 2, 0, 0, 2, 0);
    assert_month(ndr_movements_get(m, 1), "2024-02-29", "150", "30", "0", "50", "0", "0", "230",
                 1, 0, 0, 3, 1);
    assert_month(ndr_movements_get(m, 2), "2024-03-31", "230", "0", "0", "0", "30", "30", "170",
                 0, 0, 1, 2, 1);
    assert_month(ndr_movements_get(m, 3), "2024-04-30", "170", "0", "40", "0", "0", "150", "60",
                 0, 1, 1, 2, 1);
    ndr_movements_free(m);
    ndr_dataset_free(ds);
}

/* On every fixture: the bridge adds up, months chain, and each closing MRR
 * and customer count equal the retention report's prior MRR and cohort
 * for the period end twelve months later. */
static void test_movements_identities(void **state)
{
    (void)state;
    static const char *const files[] = {
        "fixtures/demo.csv",           "fixtures/examples/a.csv",
        "fixtures/examples/c.csv",     "fixtures/examples/j.csv",
        "fixtures/stripe_invoice_lines.csv", "fixtures/chartmogul_movements.csv",
        "fixtures/movements/bridge.csv",
    };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        ndr_dataset *ds = tu_load_fixture(files[f], NULL);
        ndr_movements *m = movements(ds);
        for (size_t i = 0; i < ndr_movements_count(m); i++) {
            const ndr_month_movement *x = ndr_movements_get(m, i);
            assert_int_equal(x->opening_mrr + x->new_mrr + x->reactivation_mrr +
                                 x->expansion_mrr - x->contraction_mrr - x->churned_mrr,
                             x->closing_mrr);
            if (i > 0)
                assert_int_equal(x->opening_mrr, ndr_movements_get(m, i - 1)->closing_mrr);
            char t[11];
            ndr_date_format(ndr_month_end(ndr_month_of(x->month_end) + 12), t);
            ndr_report *r = tu_report(ds, 12, t);
            assert_int_equal(ndr_report_period(r, 0)->prior_mrr, x->closing_mrr);
            assert_int_equal(ndr_report_period(r, 0)->customers, x->closing_customers);
            ndr_report_free(r);
        }
        ndr_movements_free(m);
        ndr_dataset_free(ds);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_movements_hand_computed),
        cmocka_unit_test(test_movements_identities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
