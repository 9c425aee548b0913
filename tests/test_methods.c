/* test_methods.c - the methodology families (docs/methods.md): each method
 * on a hand-computed fixture, the identities that tie them together, the
 * thresholds, ARR basis, ratable revenue, ndr methods, and the input
 * fingerprint.
 *
 * fixtures/methods/methods.csv, MRR by customer (changes on the 1st, so a
 * month's revenue is its MRR):
 *   A 100 from 2023-01, 150 from 2024-07      D 500 from 2024-03, 700 from 2024-09
 *   B 200 from 2023-01, 0 from 2024-04        E 1200 from 2023-01
 *   C 300 from 2023-07, 240 from 2024-10      F 600 from 2023-01, 0 from 2023-11
 * Period end T = 2024-12-31, P = 2023-12-31, window 12:
 * - point: cohort A B C E = 1800; at T 150 + 0 + 240 + 1200 = 1590 -> 88.33%.
 * - survivor: without B: 1600 -> 1590 -> 99.38% (99.375 rounds up).
 * - thresholds: --min-prior-arr 3000 (MRR >= 250) keeps C, E: 1500 -> 1440
 *   -> 96.00%; survivor with 10,000 ARR at both dates keeps E: 100.00%.
 * - ttm-weighted: month ends 2024-01..12 over 2023-01..12. Priors: ABEF
 *   2100 (x6), ABCEF 2400 (x4), ABCE 1800 (x2) = 25800; currents 1500 x3,
 *   1300 x3 (B gone), 1650 x3 (A up), 1590 x3 (C down) = 18120 -> 70.23%.
 * - ttm-mean: rates 5/7 x3, 13/21 x3, 1650/2400 x3, 1590/2400, 1590/1800
 *   x2; sum 8.4916667 / 12 = 70.76%.
 * - revenue-quarter: Q4 2023 A 300 B 600 C 900 E 3600 F 600 (October) =
 *   6000; Q4 2024 450 + 0 + 720 + 3600 + 0 = 4770 -> 79.50%. --period
 *   year: mean of Q4 79.50, Q3 4950/7200, Q2 3900/6300, Q1 4500/6300 =
 *   70.40%.
 * - revenue-ttm: 2023 revenue A 1200 B 2400 C 1800 E 14400 F 6000 = 25800;
 *   2024 A 1500 B 600 C 3420 E 14400 = 19920 -> 77.21%.
 * - compound: one-month rates are 1 except 2024-04 2100/2300, 2024-07
 *   2150/2100, 2024-09 2350/2150 (D, new in the window, expands), 2024-10
 *   2290/2350: product 2290/2300 = 99.57%.
 * - sum of movements: 1800 + expansion 50 + 200 (D) - 60 - 200 = 1790 ->
 *   99.44%: D's expansion leaks in. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FIXTURE "fixtures/methods/methods.csv"

static ndr_period compute(ndr_dataset *ds, ndr_method m, const char *as_of,
                          void (*tweak)(ndr_report_options *))
{
    ndr_report_options opt;
    ndr_report *r = NULL;
    char msg[600];
    ndr_report_options_init(&opt);
    opt.method = m;
    opt.has_as_of = 1;
    opt.as_of = tu_date(as_of);
    if (tweak)
        tweak(&opt);
    if (ndr_report_compute(ds, &opt, &r, msg, sizeof msg) != NDR_OK)
        fail_msg("%s: %s", ndr_method_name(m), msg);
    ndr_period p = *ndr_report_period(r, 0);
    ndr_report_free(r);
    return p;
}

/* The NDR as printed (rate or ratio of sums). */
static void assert_ndr(const ndr_period *p, const char *want)
{
    char got[48];
    if (p->has_rate)
        snprintf(got, sizeof got, "%.2f", 100.0 * p->ndr_rate);
    else if (ndr_pct_format(p->current_mrr, p->prior_mrr, got) == NULL)
        got[0] = '\0';
    assert_string_equal(got, want);
}

static void assert_money(ndr_money got, const char *want)
{
    assert_int_equal(got, tu_money(want));
}

static void min_arr_3000(ndr_report_options *o) { o->min_prior_arr = tu_money("3000"); }
static void figma(ndr_report_options *o)
{
    o->min_prior_arr = o->min_current_arr = tu_money("10000");
}
static void year(ndr_report_options *o) { o->period_months = 12; }
static void arr(ndr_report_options *o) { o->basis_arr = 1; }

static void test_hand_computed(void **state)
{
    (void)state;
    ndr_dataset *ds = tu_load_fixture(FIXTURE, NULL);
    const char *t = "2024-12-31";
    ndr_period p = compute(ds, NDR_METHOD_POINT, t, NULL);
    tu_assert_period(&p, 4, 3, "1800", "1590", "50", "60", "200");
    assert_ndr(&p, "88.33");
    p = compute(ds, NDR_METHOD_SURVIVOR, t, NULL);
    tu_assert_period(&p, 3, 3, "1600", "1590", "50", "60", "0");
    assert_ndr(&p, "99.38");
    p = compute(ds, NDR_METHOD_POINT, t, min_arr_3000);
    tu_assert_period(&p, 2, 2, "1500", "1440", "0", "60", "0");
    p = compute(ds, NDR_METHOD_SURVIVOR, t, figma);
    tu_assert_period(&p, 1, 1, "1200", "1200", "0", "0", "0");
    p = compute(ds, NDR_METHOD_TTM_WEIGHTED, t, NULL);
    assert_money(p.prior_mrr, "25800");
    assert_money(p.current_mrr, "18120");
    assert_ndr(&p, "70.23");
    p = compute(ds, NDR_METHOD_TTM_MEAN, t, NULL);
    assert_ndr(&p, "70.76");
    assert_true(fabs(p.ndr_rate - 8.4916666666666667 / 12) < 1e-12);
    p = compute(ds, NDR_METHOD_REVENUE_QUARTER, t, NULL);
    tu_assert_period(&p, 5, 3, "6000", "4770", "150", "180", "1200");
    assert_ndr(&p, "79.50");
    p = compute(ds, NDR_METHOD_REVENUE_QUARTER, t, year);
    assert_ndr(&p, "70.40");
    assert_true(fabs(p.ndr_rate - (0.795 + 4950.0 / 7200 + 3900.0 / 6300 + 4500.0 / 6300) / 4) <
                1e-12);
    p = compute(ds, NDR_METHOD_REVENUE_TTM, t, NULL);
    assert_money(p.prior_mrr, "25800");
    assert_money(p.current_mrr, "19920");
    assert_ndr(&p, "77.21");
    p = compute(ds, NDR_METHOD_COMPOUND, t, NULL);
    assert_ndr(&p, "99.57");
    assert_true(fabs(p.ndr_rate - 2290.0 / 2300) < 1e-12);
    ndr_dataset_free(ds);
}

/* Every period of every method on a fixture adds up, and the identities
 * between methods hold. */
static void check_identities(const char *fixture, const char *t)
{
    ndr_dataset *ds = tu_load_fixture(fixture, NULL);
    ndr_period w = compute(ds, NDR_METHOD_TTM_WEIGHTED, t, NULL);
    ndr_period mean = compute(ds, NDR_METHOD_TTM_MEAN, t, NULL);
    ndr_period comp = compute(ds, NDR_METHOD_COMPOUND, t, NULL);
    ndr_money prior = 0, cur = 0;
    long double sum = 0, prod = 1;
    for (int k = 0; k < 12; k++) {
        ndr_date tk = ndr_date_prior(tu_date(t), k);
        char d[11];
        ndr_date_format(tk, d);
        ndr_report *r = tu_report(ds, 12, d);
        const ndr_period *x = ndr_report_period(r, 0);
        prior += x->prior_mrr;
        cur += x->current_mrr;
        sum += (long double)x->current_mrr / x->prior_mrr;
        ndr_report_free(r);
        r = tu_report(ds, 1, d);
        x = ndr_report_period(r, 0);
        prod *= (long double)x->current_mrr / x->prior_mrr;
        ndr_report_free(r);
    }
    /* ttm-weighted = sum of the twelve currents / sum of the twelve priors */
    assert_int_equal(w.prior_mrr, prior);
    assert_int_equal(w.current_mrr, cur);
    /* ttm-mean = mean of the twelve rates; compound = their product */
    assert_true(fabs(mean.ndr_rate - (double)(sum / 12)) < 1e-12);
    assert_true(fabs(comp.ndr_rate - (double)prod) < 1e-12);
    for (ndr_method m = NDR_METHOD_POINT; m <= NDR_METHOD_SURVIVOR; m++) {
        ndr_period p = compute(ds, m, t, NULL);
        tu_assert_identity(&p);
        /* ARR basis: money x 12, the same ratios */
        if (!ndr_method_is_revenue(m)) {
            ndr_period a = compute(ds, m, t, arr);
            assert_int_equal(a.prior_mrr, 12 * p.prior_mrr);
            assert_int_equal(a.current_mrr, 12 * p.current_mrr);
            assert_int_equal(a.churned_mrr, 12 * p.churned_mrr);
        }
    }
    ndr_dataset_free(ds);
}

static void test_identities(void **state)
{
    (void)state;
    check_identities(FIXTURE, "2024-12-31");
    check_identities("fixtures/demo.csv", "2025-06-30");
    check_identities("fixtures/demo.csv", "2025-03-31");
}

/* point and survivor agree when no cohort customer churned. */
static void test_point_is_survivor_without_churn(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,date,mrr\n"
                              "a,2023-01-01,100\na,2024-02-01,130\n"
                              "b,2023-03-01,50\nb,2024-05-01,20\n"
                              "c,2023-12-01,70\nd,2024-06-01,999\n";
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, csv, sizeof csv - 1, 0, 0, NULL), NDR_OK);
    ndr_period p = compute(ds, NDR_METHOD_POINT, "2024-12-31", NULL);
    ndr_period s = compute(ds, NDR_METHOD_SURVIVOR, "2024-12-31", NULL);
    assert_int_equal(p.churned_mrr, 0);
    assert_memory_equal(&p, &s, sizeof p);
    tu_assert_period(&p, 3, 3, "220", "220", "30", "30", "0");
    ndr_dataset_free(ds);
}

/* Revenue is ratable by day: 310 MRR from 2024-01-17 earns 310 x 15/31 =
 * 150.00 in January and 310 in February (29 days): 206.67%. A threshold
 * on revenue compares the average monthly revenue. */
static void test_ratable_revenue(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,date,mrr\nx,2024-01-17,310\n"
                              "y,2024-01-01,29\ny,2024-02-16,0\n";
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, csv, sizeof csv - 1, 0, 0, NULL), NDR_OK);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.method = NDR_METHOD_REVENUE_TTM;
    opt.window_months = 1;
    opt.has_as_of = 1;
    opt.as_of = tu_date("2024-02-29");
    ndr_report *r = NULL;
    char msg[300];
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    /* y: 29 in January, 29 x 15/29 = 15 in February (days 1-15) */
    tu_assert_period(ndr_report_period(r, 0), 2, 2, "179", "325", "160", "14", "0");
    ndr_report_free(r);
    opt.min_prior_arr = tu_money("1800"); /* 150 a month: x just counts */
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    tu_assert_period(ndr_report_period(r, 0), 1, 1, "150", "310", "160", "0", "0");
    ndr_report_free(r);
    opt.min_prior_arr = tu_money("1800.00000001");
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    assert_int_equal(ndr_report_period(r, 0)->customers, 0);
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

static void test_methods_side_by_side(void **state)
{
    (void)state;
    static const char *want[][2] = {
        {"point", "88.33"},        {"ttm-weighted", "70.23"}, {"ttm-mean", "70.76"},
        {"revenue-quarter", "79.50"}, {"revenue-ttm", "77.21"}, {"compound", "99.57"},
        {"survivor", "99.38"},     {"sum-of-movements", "99.44"},
    };
    ndr_dataset *ds = tu_load_fixture(FIXTURE, NULL);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = tu_date("2024-12-31");
    ndr_methods *m = NULL;
    char msg[300];
    assert_int_equal(ndr_methods_compute(ds, &opt, &m, msg, sizeof msg), NDR_OK);
    assert_int_equal(ndr_methods_count(m), 8);
    for (size_t i = 0; i < 8; i++) {
        const ndr_method_row *r = ndr_methods_get(m, i);
        assert_string_equal(r->name, want[i][0]);
        assert_ndr(&r->period, want[i][1]);
        assert_true(r->note[0] != '\0');
        tu_assert_identity(&r->period);
    }
    /* the survivor line names what it leaves out */
    assert_non_null(strstr(ndr_methods_get(m, 6)->note, "1 cohort customer gone at T (200.00"));
    ndr_methods_free(m);
    opt.has_as_of = 0;
    assert_int_equal(ndr_methods_compute(ds, &opt, &m, msg, sizeof msg), NDR_ERR_ARG);
    ndr_dataset_free(ds);
}

static void test_bad_combinations(void **state)
{
    (void)state;
    ndr_dataset *ds = tu_load_fixture(FIXTURE, NULL);
    ndr_report_options opt;
    ndr_report *r = NULL;
    char msg[300];
    ndr_report_options_init(&opt);
    opt.method = NDR_METHOD_REVENUE_TTM;
    opt.basis_arr = 1;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    assert_non_null(strstr(msg, "basis arr"));
    ndr_report_options_init(&opt);
    opt.period_months = 2;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    assert_null(r);
    ndr_dataset_free(ds);
}

/* --period quarter: period ends 3 months apart, counted back from the last;
 * the default range of each method starts where its history suffices. */
static void test_period_spacing(void **state)
{
    (void)state;
    ndr_dataset *ds = tu_load_fixture("fixtures/demo.csv", NULL);
    ndr_report_options opt;
    ndr_report *r = NULL;
    char msg[300], d[11];
    ndr_report_options_init(&opt);
    opt.period_months = 3;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    size_t n = ndr_report_count(r);
    ndr_date_format(ndr_report_period(r, n - 1)->period_end, d);
    assert_string_equal(d, "2025-06-30");
    ndr_date_format(ndr_report_period(r, 0)->period_end, d);
    assert_string_equal(d, "2024-03-31");
    assert_int_equal(n, 6);
    ndr_report_free(r);
    opt.period_months = 1;
    opt.method = NDR_METHOD_TTM_WEIGHTED; /* needs 23 months before T */
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    ndr_date_format(ndr_report_period(r, 0)->period_end, d);
    assert_string_equal(d, "2024-12-31");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* The fingerprint: the same bytes give the same SHA-256 and byte count, in
 * any chunking; one changed byte changes it. */
static void test_fingerprint(void **state)
{
    (void)state;
    static const char csv[] = "customer_id,date,mrr\na,2024-01-01,10\n";
    char changed[sizeof csv];
    memcpy(changed, csv, sizeof csv);
    changed[sizeof csv - 3] = '1';
    ndr_read_stats a, b, c;
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, csv, sizeof csv - 1, 0, NDR_READ_FINGERPRINT, &a), NDR_OK);
    assert_int_equal(tu_read(ds, csv, sizeof csv - 1, 5, NDR_READ_FINGERPRINT, &b), NDR_OK);
    assert_int_equal(tu_read(ds, changed, sizeof csv - 1, 0, NDR_READ_FINGERPRINT, &c), NDR_OK);
    /* sha256sum of the same 37 bytes */
    assert_string_equal(a.sha256, "ed758865950b738518290ff8e55c6a99febb15fe87e7981a72ed7c22c878f9e0");
    assert_int_equal(a.bytes, sizeof csv - 1);
    assert_string_equal(a.sha256, b.sha256);
    assert_string_not_equal(a.sha256, c.sha256);
    assert_int_equal(tu_read(ds, csv, sizeof csv - 1, 0, 0, &a), NDR_OK);
    assert_string_equal(a.sha256, "");
    ndr_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed),
        cmocka_unit_test(test_identities),
        cmocka_unit_test(test_point_is_survivor_without_churn),
        cmocka_unit_test(test_ratable_revenue),
        cmocka_unit_test(test_methods_side_by_side),
        cmocka_unit_test(test_bad_combinations),
        cmocka_unit_test(test_period_spacing),
        cmocka_unit_test(test_fingerprint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
