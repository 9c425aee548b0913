/* test_examples.c - the worked examples A-J of the project's background
 * notes (public articles on NDR), one fixture each under fixtures/examples/
 * (its README has the table of scenarios and expected figures). Every figure below is computed
 * by hand in the comment above its test.
 *
 * Notation: P = prior date, T = period end, p = a customer's MRR at the end
 * of day P, c = its MRR at the end of day T. Only customers with p > 0 are in
 * the cohort. NDR = current / prior, GRR = retained_mrr / prior (retained_mrr
 * = sum of min(p, c)), logos = retained customers / cohort customers. */
#include "testutil.h"

/* Checks the three ratios of p (each "NNN.NN", rounded half away from 0). */
static void assert_ratios(const ndr_period *p, const char *ndr, const char *grr,
                          const char *logos)
{
    tu_assert_pct(p->current_mrr, p->prior_mrr, ndr);
    tu_assert_pct(p->retained_mrr, p->prior_mrr, grr);
    tu_assert_pct((ndr_money)p->retained_customers, (ndr_money)p->customers, logos);
}

static void assert_prior_end(const ndr_period *p, const char *prior_end)
{
    assert_int_equal(p->prior_period_end, tu_date(prior_end));
}

/* Example A: 10 customers at $10; 6 upgrade to $20, 1 downgrades to $5,
 * 3 cancel. T = 2022-06-30, P = 2021-06-30.
 *   c1..c6   p 10 -> c 20    expansion 6 x 10 = 60
 *   c7       p 10 -> c 5     contraction 5
 *   c8..c10  p 10 -> c 0     churn 3 x 10 = 30 (cancelled 2021-11-30)
 *   new1     starts 2021-08-01 (after P): not in the cohort
 * prior 100, current 100 + 60 - 5 - 30 = 125 (= 6 x 20 + 5).
 * NDR 125/100 = 125.00%; GRR (6 x 10 + 5)/100 = 65.00%; logos 7/10 = 70.00%.
 * Default range: data 2021-06-15 .. 2022-06-30 -> one period, 2022-06-30. */
static void test_examples_a_upgrades_downgrades_cancels(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/a.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);
    assert_int_equal(stats.rows_read, 22);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2022-06-30");
    assert_prior_end(p, "2021-06-30");
    tu_assert_period(p, 10, 7, "100.00", "125.00", "60.00", "5.00", "30.00");
    assert_true(p->retained_mrr == tu_money("65"));
    assert_ratios(p, "125.00", "65.00", "70.00");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example B: start $6,000; downgrades $400; churn $500; upgrades $3,000.
 * Several subscriptions per customer. T = 2022-06-30, P = 2021-06-30.
 *   b1  core 1000 + addon 500 = 1500 -> + analytics 1500 = 3000  exp 1500
 *   b2  core 2000 -> 3500                                        exp 1500
 *   b3  core 600 + seats 400 = 1000 -> seats cancelled: 600      contr 400
 *   b4  core 500 -> cancelled 2022-01-31: 0                      churn 500
 *   b5  core 1000 -> 1000                                        flat
 *   b6  free (0) at P, pays 800 from 2021-10-01: excluded
 *   b7  paid 300 from 2021-06-02, cancelled 2021-06-25: 0 at P, excluded
 *   b8  starts 2022-05-05 (after P): excluded
 * prior 6000; current 3000 + 3500 + 600 + 0 + 1000 = 8100
 *   (= 6000 + 3000 - 400 - 500). NDR 8100/6000 = 135.00%;
 * GRR (1500 + 2000 + 600 + 1000)/6000 = 5100/6000 = 85.00%; logos 4/5 = 80.00%. */
static void test_examples_b_subscriptions_expand_and_churn(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/b.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);
    assert_int_equal(ndr_dataset_customer_count(ds), 8);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2022-06-30");
    assert_prior_end(p, "2021-06-30");
    tu_assert_period(p, 5, 4, "6000.00", "8100.00", "3000.00", "400.00", "500.00");
    assert_ratios(p, "135.00", "85.00", "80.00");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example C: start $20,000; expansion $2,000; churn $1,000; downgrade $500.
 * Rows unsorted. T = 2023-12-31, P = 2022-12-31.
 *   c1  5000 -> 6500                                   exp 1500
 *   c2  2500 -> 3000                                   exp 500
 *   c3  4000 -> 3500                                   contr 500
 *   c4  1000 -> 0 (cancelled 2023-06-30)               churn 1000
 *   c5  3000, cancelled 2023-04-01, back at 3000 on 2023-07-01: flat at P and T
 *   c6  4500 starting on P itself (2022-12-31): in the cohort, flat
 *   c7  starts 2023-03-01: excluded; c8 free at P, pays from 2023-02-01: excluded
 * prior 5000 + 2500 + 4000 + 1000 + 3000 + 4500 = 20000;
 * current 6500 + 3000 + 3500 + 0 + 3000 + 4500 = 20500. NDR 102.50%;
 * GRR (20000 - 500 - 1000)/20000 = 92.50%; logos 5/6 = 83.33%. */
static void test_examples_c_unsorted_mixed_movements(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/c.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2023-12-31");
    assert_prior_end(p, "2022-12-31");
    tu_assert_period(p, 6, 5, "20000.00", "20500.00", "2000.00", "500.00", "1000.00");
    assert_ratios(p, "102.50", "92.50", "83.33");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example D: start ARR $10M; expansion $2M; contraction $500K; churn $1M.
 * The fixture puts ARR figures straight into the mrr column: ARR = 12 x MRR
 * scales prior and current alike, so every ratio is the same, and the money
 * figures below are ARR. T = 2025-02-28, P = 2024-02-29 (leap day).
 *   d1  4,000,000 -> 5,500,000                         exp 1,500,000
 *   d2  2,500,000 -> 3,000,000 (from T itself)         exp   500,000
 *   d3  2,000,000 -> 1,500,000                         contr 500,000
 *   d4  1,000,000 -> 0 (cancelled 2024-11-30)          churn 1,000,000
 *   d5    500,000 signed on P (2024-02-29): in the cohort, flat
 *   d6  signed 2024-03-01, the day after P: excluded
 * prior 10,000,000; current 5.5M + 3M + 1.5M + 0 + 0.5M = 10,500,000.
 * NDR 105.00%; GRR 8.5M/10M = 85.00%; logos 4/5 = 80.00%. */
static void test_examples_d_arr_basis_leap_day(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/d.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2025-02-28");
    assert_prior_end(p, "2024-02-29");
    tu_assert_period(p, 5, 4, "10000000.00", "10500000.00", "2000000.00", "500000.00",
                     "1000000.00");
    assert_ratios(p, "105.00", "85.00", "80.00");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example E: start $100,000; churn $10,000; upsell $20,000. Subscriptions;
 * data from 2019-06-01 to 2020-12-31, so the default range has 7 period ends
 * (2020-06-30 .. 2020-12-31). Checked: T = 2020-12-31, P = 2019-12-31.
 *   e1  platform 30000 + seats 10000 = 40000 -> seats 25000: 55000  exp 15000
 *   e2  platform 25000 -> + analytics 5000 = 30000                  exp 5000
 *   e3  6000 -> cancelled 2020-04-30                                 churn 6000
 *   e4  platform 12000 + support 3000 = 15000, flat
 *   e5  10000, flat
 *   e6  4000 -> cancelled 2020-09-30                                 churn 4000
 *   e7  trial at 0 on P, pays 9000 from 2020-03-01: excluded
 *   e8  starts 2020-06-01: excluded
 * prior 40000 + 25000 + 6000 + 15000 + 10000 + 4000 = 100000;
 * current 55000 + 30000 + 15000 + 10000 = 110000. NDR 110.00%;
 * GRR 90000/100000 = 90.00%; logos 4/6 = 66.67%.
 * Also the first period, T = 2020-06-30, P = 2019-06-30: only e1 paid at P
 * (40000) and has 55000 at T: 1 customer, expansion 15000, NDR 137.50%. */
static void test_examples_e_upsell_and_churn_over_a_range(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/e.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 7);
    assert_int_equal(ndr_report_period(r, 0)->period_end, tu_date("2020-06-30"));
    assert_int_equal(ndr_report_period(r, 6)->period_end, tu_date("2020-12-31"));

    const ndr_period *p = tu_period(r, "2020-12-31");
    assert_prior_end(p, "2019-12-31");
    tu_assert_period(p, 6, 4, "100000.00", "110000.00", "20000.00", "0.00", "10000.00");
    assert_ratios(p, "110.00", "90.00", "66.67");

    p = tu_period(r, "2020-06-30");
    assert_prior_end(p, "2019-06-30");
    tu_assert_period(p, 1, 1, "40000.00", "55000.00", "15000.00", "0.00", "0.00");
    assert_ratios(p, "137.50", "100.00", "100.00");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example F: start $500,000; upsell $50,000; churn $25,000. Rows unsorted.
 * T = 2023-03-31, P = 2022-03-31.
 *   f1  200000 -> 230000                               exp 30000
 *   f2  150000, down to 120000 (2022-09), back to 150000 (2023-01): flat
 *   f3  100000 -> 120000 (from T itself)               exp 20000
 *   f4   15000 -> 0 (cancelled 2023-02-14)             churn 15000
 *   f5   25000, flat
 *   f6   10000 starting on P, cancelled 2022-08-31     churn 10000
 *   f7  starts 2022-05-01: excluded
 *   f8  paid 2022-03-25, cancelled 2022-03-30 (before P): excluded
 * prior 200000 + 150000 + 100000 + 15000 + 25000 + 10000 = 500000;
 * current 230000 + 150000 + 120000 + 25000 = 525000. NDR 105.00%;
 * GRR 475000/500000 = 95.00%; logos 4/6 = 66.67%. */
static void test_examples_f_upsell_outweighs_churn(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/f.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2023-03-31");
    assert_prior_end(p, "2022-03-31");
    tu_assert_period(p, 6, 4, "500000.00", "525000.00", "50000.00", "0.00", "25000.00");
    assert_ratios(p, "105.00", "95.00", "66.67");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example G: start $200,000; churn $30,000; upgrades $40,000. Cents
 * (annual contracts / 12) and several subscriptions per customer.
 * T = 2022-06-30, P = 2021-06-30.
 *   g1  annual 66666.67 -> 106666.67                   exp 40000.00
 *   g2  annual 66666.67, flat
 *   g3  team 20000.00 + addon 16666.66 = 36666.66, flat
 *   g4  team 18000.00 + addon 12000.00 = 30000.00; addon cancelled
 *       2021-12-31, team 2022-03-31: 0                 churn 30000.00
 *   g5  starts 2021-07-01: excluded
 * prior 66666.67 + 66666.67 + 36666.66 + 30000.00 = 200000.00;
 * current 106666.67 + 66666.67 + 36666.66 = 210000.00. NDR 105.00%;
 * GRR 170000/200000 = 85.00%; logos 3/4 = 75.00%. */
static void test_examples_g_cents_and_subscriptions(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/g.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2022-06-30");
    assert_prior_end(p, "2021-06-30");
    tu_assert_period(p, 4, 3, "200000.00", "210000.00", "40000.00", "0.00", "30000.00");
    assert_ratios(p, "105.00", "85.00", "75.00");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example H: cohort MRR $1,000 in 2021-06, the same customers $1,300 in
 * 2022-06: NDR as of 2022-06-30 = 130%. P = 2021-06-30.
 *   h1  400 -> 600                                     exp 200
 *   h2  300 -> 450                                     exp 150
 *   h3  200 -> 150                                     contr 50
 *   h4  100 starting on P, flat
 *   h5  starts 2021-09-01: excluded; h6 free at P, pays 250 from 2022-02-01:
 *       excluded; h7 paid 300 2021-01-10 .. cancelled 2021-05-31: 0 at P
 * prior 1000; current 600 + 450 + 150 + 100 = 1300. NDR 130.00%;
 * GRR (400 + 300 + 150 + 100)/1000 = 95.00%; logos 4/4 = 100.00%.
 * Data from 2021-01-10 to 2022-06-30: the default range has 6 period ends
 * (2022-01-31 .. 2022-06-30) and its last one equals the --as-of figure.
 * First period, T = 2022-01-31, P = 2021-01-31: only h7 (300) paid at P and
 * it churned: 1 customer, 0 retained, churn 300, NDR/GRR/logos 0.00%. */
static void test_examples_h_as_of_cohort_growth(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/h.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 12, "2022-06-30");
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2022-06-30");
    assert_prior_end(p, "2021-06-30");
    tu_assert_period(p, 4, 4, "1000.00", "1300.00", "350.00", "50.00", "0.00");
    assert_ratios(p, "130.00", "95.00", "100.00");
    ndr_report_free(r);

    r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 6);
    p = tu_period(r, "2022-06-30");
    tu_assert_period(p, 4, 4, "1000.00", "1300.00", "350.00", "50.00", "0.00");
    assert_ratios(p, "130.00", "95.00", "100.00");
    p = tu_period(r, "2022-01-31");
    assert_prior_end(p, "2021-01-31");
    tu_assert_period(p, 1, 0, "300.00", "0.00", "0.00", "0.00", "300.00");
    assert_ratios(p, "0.00", "0.00", "0.00");
    ndr_report_free(r);

    ndr_dataset_free(ds);
}

/* Example I: 120 customers at 50 each on P = 2021-06-30, 40 of them
 * (i081..i120) cancel during the year, the other 80 stay flat; i121..i123
 * join after P and are excluded. T = 2022-06-30.
 * prior 120 x 50 = 6000; current 80 x 50 = 4000; churn 40 x 50 = 2000.
 * NDR 4000/6000 = 66.67%; GRR 4000/6000 = 66.67%; logos 80/120 = 66.67%. */
static void test_examples_i_one_third_of_logos_churn(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/i.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);
    assert_int_equal(stats.rows_read, 120 + 40 + 3 + 1);
    assert_int_equal(ndr_dataset_customer_count(ds), 123);

    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 1);
    const ndr_period *p = tu_period(r, "2022-06-30");
    assert_prior_end(p, "2021-06-30");
    tu_assert_period(p, 120, 80, "6000.00", "4000.00", "0.00", "0.00", "2000.00");
    assert_ratios(p, "66.67", "66.67", "66.67");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Example J: one-month window, three months (P of each month = the previous
 * month end). Rows grouped by customer, so not in date order.
 * 2022-02-28 (P 2022-01-31): cohort j1..j10 = 100000 + 100000 + 80000 +
 *   70000 + 50000 + 32000 + 30000 + 15000 + 13000 + 10000 = 500000
 *   (j10 starts on P). j1 +30000 (two steps), j2 +20000 = exp 50000;
 *   j3 -10000 = contr 10000; j8 cancelled on T = churn 15000.
 *   current 525000; NDR 105.00%; GRR 475000/500000 = 95.00%; logos 9/10 = 90.00%.
 * 2022-03-31 (P 2022-02-28): cohort 9 (j8 gone) = 525000. j4 +40000, j5 +20000
 *   = exp 60000; j1 -12000 = contr 12000; j9 churn 13000. current 560000;
 *   NDR 560000/525000 = 106.666.. = 106.67%; GRR 500000/525000 = 95.238.. =
 *   95.24%; logos 8/9 = 88.89%.
 * 2022-04-30 (P 2022-03-31): cohort 8 (j9 gone) = 560000. j2 +30000, j6 +28000,
 *   j7 +12000 = exp 70000; j4 -15000 (on T) = contr 15000; j10 churn 10000.
 *   current 605000; NDR 605000/560000 = 108.0357.. = 108.04% (the background
 *   doc shows 108.0); GRR 535000/560000 = 95.5357.. = 95.54%; logos 7/8 = 87.50%.
 *   j11 (new 2022-04-12) and j12 (free until 2022-04-20) are excluded. */
static void test_examples_j_monthly_window(void **state)
{
    (void)state;
    ndr_read_stats stats;
    ndr_dataset *ds = tu_load_fixture("fixtures/examples/j.csv", &stats);
    assert_int_equal(stats.rows_rejected, 0);

    ndr_report *r = tu_report(ds, 1, NULL);
    assert_int_equal(ndr_report_count(r), 3);

    const ndr_period *p = ndr_report_period(r, 0);
    assert_int_equal(p->period_end, tu_date("2022-02-28"));
    assert_prior_end(p, "2022-01-31");
    tu_assert_period(p, 10, 9, "500000.00", "525000.00", "50000.00", "10000.00", "15000.00");
    assert_ratios(p, "105.00", "95.00", "90.00");

    p = ndr_report_period(r, 1);
    assert_int_equal(p->period_end, tu_date("2022-03-31"));
    assert_prior_end(p, "2022-02-28");
    tu_assert_period(p, 9, 8, "525000.00", "560000.00", "60000.00", "12000.00", "13000.00");
    assert_ratios(p, "106.67", "95.24", "88.89");

    p = ndr_report_period(r, 2);
    assert_int_equal(p->period_end, tu_date("2022-04-30"));
    assert_prior_end(p, "2022-03-31");
    tu_assert_period(p, 8, 7, "560000.00", "605000.00", "70000.00", "15000.00", "10000.00");
    assert_ratios(p, "108.04", "95.54", "87.50");

    ndr_report_free(r);
    ndr_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples_a_upgrades_downgrades_cancels),
        cmocka_unit_test(test_examples_b_subscriptions_expand_and_churn),
        cmocka_unit_test(test_examples_c_unsorted_mixed_movements),
        cmocka_unit_test(test_examples_d_arr_basis_leap_day),
        cmocka_unit_test(test_examples_e_upsell_and_churn_over_a_range),
        cmocka_unit_test(test_examples_f_upsell_outweighs_churn),
        cmocka_unit_test(test_examples_g_cents_and_subscriptions),
        cmocka_unit_test(test_examples_h_as_of_cohort_growth),
        cmocka_unit_test(test_examples_i_one_third_of_logos_churn),
        cmocka_unit_test(test_examples_j_monthly_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
