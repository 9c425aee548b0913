/* test_cohorts.c - the cohort triangle, cell by cell, by month, quarter and
 * year (fixtures/cohorts/cohorts.csv and fixtures/movements/bridge.csv,
 * computed by hand below). */
#include "testutil.h"

#include <string.h>

#include "date.h"

typedef struct want {
    const char *cohort; /* YYYY-MM of the cohort's first month */
    int n;
    uint64_t start_customers, customers;
    const char *start_mrr, *mrr;
} want;

static void check(const char *file, ndr_cohort_period period, const want *w, size_t nw)
{
    ndr_dataset *ds = tu_load_fixture(file, NULL);
    ndr_cohorts *c = NULL;
    char msg[400];
    assert_int_equal(ndr_cohorts_compute(ds, NULL, period, &c, msg, sizeof msg), NDR_OK);
    assert_int_equal(ndr_cohorts_count(c), nw);
    for (size_t i = 0; i < nw; i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        int month;
        assert_int_equal(ndr_month_parse(w[i].cohort, &month), 0);
        assert_int_equal(x->cohort, month);
        assert_int_equal(x->months_since_start, w[i].n);
        assert_int_equal(x->start_customers, w[i].start_customers);
        assert_int_equal(x->customers, w[i].customers);
        assert_int_equal(x->start_mrr, tu_money(w[i].start_mrr));
        assert_int_equal(x->mrr, tu_money(w[i].mrr));
    }
    ndr_cohorts_free(c);
    ndr_dataset_free(ds);
}

/* First paid month ends: a Jan (100, 120 from May), b Feb (50, churns Apr
 * 1), c Mar (20), d Apr (10), z Jun (5); data to 2024-06-30. */
static void test_cohorts_by_month(void **state)
{
    (void)state;
    static const want w[] = {
        {"2024-01", 0, 1, 1, "100", "100"}, {"2024-01", 1, 1, 1, "100", "100"},
        {"2024-01", 2, 1, 1, "100", "100"}, {"2024-01", 3, 1, 1, "100", "100"},
        {"2024-01", 4, 1, 1, "100", "120"}, {"2024-01", 5, 1, 1, "100", "120"},
        {"2024-02", 0, 1, 1, "50", "50"},   {"2024-02", 1, 1, 1, "50", "50"},
        {"2024-02", 2, 1, 0, "50", "0"},    {"2024-02", 3, 1, 0, "50", "0"},
        {"2024-02", 4, 1, 0, "50", "0"},    {"2024-03", 0, 1, 1, "20", "20"},
        {"2024-03", 1, 1, 1, "20", "20"},   {"2024-03", 2, 1, 1, "20", "20"},
        {"2024-03", 3, 1, 1, "20", "20"},   {"2024-04", 0, 1, 1, "10", "10"},
        {"2024-04", 1, 1, 1, "10", "10"},   {"2024-04", 2, 1, 1, "10", "10"},
        {"2024-06", 0, 1, 1, "5", "5"},
    };
    check("fixtures/cohorts/cohorts.csv", NDR_COHORT_MONTH, w, sizeof w / sizeof w[0]);
}

/* Q1 = a, b, c: N counts from each member's own start, and runs while
 * every member has been seen (c started in March: N <= 3).
 * N0 100+50+20, N1 100+50+20, N2 100+0+20, N3 100+0+20. Q2 = d, z: N0
 * only (z started in June). 2024 = everyone, N0 only. */
static void test_cohorts_by_quarter_and_year(void **state)
{
    (void)state;
    static const want q[] = {
        {"2024-01", 0, 3, 3, "170", "170"}, {"2024-01", 1, 3, 3, "170", "170"},
        {"2024-01", 2, 3, 2, "170", "120"}, {"2024-01", 3, 3, 2, "170", "120"},
        {"2024-04", 0, 2, 2, "15", "15"},
    };
    check("fixtures/cohorts/cohorts.csv", NDR_COHORT_QUARTER, q, sizeof q / sizeof q[0]);
    static const want y[] = {{"2024-01", 0, 5, 5, "185", "185"}};
    check("fixtures/cohorts/cohorts.csv", NDR_COHORT_YEAR, y, 1);
}

/* bridge.csv: Jan = a (100, 150, 150, 0) + b (50, 50, 20, 20); Feb = c
 * (30, 0, 40); d never pays at a month end and is in no cohort. */
static void test_cohorts_bridge(void **state)
{
    (void)state;
    static const want w[] = {
        {"2024-01", 0, 2, 2, "150", "150"}, {"2024-01", 1, 2, 2, "150", "200"},
        {"2024-01", 2, 2, 2, "150", "170"}, {"2024-01", 3, 2, 1, "150", "20"},
        {"2024-02", 0, 1, 1, "30", "30"},   {"2024-02", 1, 1, 0, "30", "0"},
        {"2024-02", 2, 1, 1, "30", "40"},
    };
    check("fixtures/movements/bridge.csv", NDR_COHORT_MONTH, w, sizeof w / sizeof w[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cohorts_by_month),
        cmocka_unit_test(test_cohorts_by_quarter_and_year),
        cmocka_unit_test(test_cohorts_bridge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
