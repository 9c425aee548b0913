/* test_explain.c - the audit trail: its rows add up to the report's
 * totals, each figure points at the input rows that set it, and --top
 * picks the largest losses and gains (fixtures/demo.csv, checked by hand
 * against the file's lines). */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

static ndr_explain *explain(const char *file, const char *as_of, size_t top, ndr_dataset **ds)
{
    char msg[400];
    FILE *f = fopen(file, "rb");
    assert_non_null(f);
    *ds = ndr_dataset_new();
    ndr_dataset_keep_rows(*ds);
    assert_int_equal(ndr_read_stream(*ds, f, file, NULL, 0, NULL, NULL, NULL, msg, sizeof msg),
                     NDR_OK);
    fclose(f);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = tu_date(as_of);
    ndr_explain *e;
    assert_int_equal(ndr_explain_compute(*ds, &opt, top, &e, msg, sizeof msg), NDR_OK);
    return e;
}

static void test_explain_totals_equal_report(void **state)
{
    (void)state;
    static const char *const days[] = {"2024-06-30", "2025-01-31", "2025-06-30", "2025-06-15"};
    for (size_t d = 0; d < 4; d++) {
        ndr_dataset *ds;
        ndr_explain *e = explain("fixtures/demo.csv", days[d], 0, &ds);
        ndr_report *r = tu_report(ds, 12, days[d]);
        const ndr_period *t = ndr_explain_totals(e), *p = ndr_report_period(r, 0);
        assert_memory_equal(t, p, sizeof *t);
        ndr_money prior = 0, current = 0;
        assert_int_equal(ndr_explain_count(e), p->customers);
        for (size_t i = 0; i < ndr_explain_count(e); i++) {
            prior += ndr_explain_get(e, i)->prior_mrr;
            current += ndr_explain_get(e, i)->current_mrr;
        }
        assert_int_equal(prior, p->prior_mrr);
        assert_int_equal(current, p->current_mrr);
        ndr_report_free(r);
        ndr_explain_free(e);
        ndr_dataset_free(ds);
    }
}

/* acme at 2024-06-30: sub_acme_core 499.00 (line 2) + sub_acme_seats
 * 240.00 (line 18); at 2025-06-30: 799.00 (line 28) + 360.00 (line 37).
 * soylent churned: 299.00 (line 16), nothing at T. */
static void test_explain_rows_point_at_the_input(void **state)
{
    (void)state;
    ndr_dataset *ds;
    ndr_explain *e = explain("fixtures/demo.csv", "2025-06-30", 0, &ds);
    const ndr_explain_row *acme = ndr_explain_get(e, 0), *soylent = NULL;
    for (size_t i = 0; i < ndr_explain_count(e); i++)
        if (strcmp(ndr_explain_get(e, i)->customer_id, "soylent") == 0)
            soylent = ndr_explain_get(e, i);
    assert_string_equal(acme->customer_id, "acme");
    assert_int_equal(acme->prior_mrr, tu_money("739"));
    assert_int_equal(acme->current_mrr, tu_money("1159"));
    assert_string_equal(acme->movement, "expanded");
    assert_string_equal(acme->prior_rows, "fixtures/demo.csv:2;fixtures/demo.csv:18");
    assert_string_equal(acme->current_rows, "fixtures/demo.csv:28;fixtures/demo.csv:37");
    assert_non_null(soylent);
    assert_string_equal(soylent->movement, "churned");
    assert_string_equal(soylent->prior_rows, "fixtures/demo.csv:16");
    assert_string_equal(soylent->current_rows, "");
    ndr_explain_free(e);
    ndr_dataset_free(ds);
}

/* Losses: stark -300, soylent -299, tyrell -199, wayne -100; gains: acme
 * +420, cyberdyne +350, ... */
static void test_explain_top(void **state)
{
    (void)state;
    ndr_dataset *ds;
    ndr_explain *e = explain("fixtures/demo.csv", "2025-06-30", 2, &ds);
    static const char *const want[] = {"stark", "soylent", "acme", "cyberdyne"};
    assert_int_equal(ndr_explain_count(e), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(ndr_explain_get(e, i)->customer_id, want[i]);
    assert_int_equal(ndr_explain_totals(e)->customers, 10); /* totals of the whole cohort */
    ndr_explain_free(e);
    ndr_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explain_totals_equal_report),
        cmocka_unit_test(test_explain_rows_point_at_the_input),
        cmocka_unit_test(test_explain_top),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
