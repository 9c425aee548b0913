/* test_report.c - the retention engine: who is in the cohort, how each
 * customer's prior and current MRR are found, the period range, and a
 * comparison with a brute-force reference on generated data. */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ndr_dataset *load(const char *csv)
{
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, csv, strlen(csv), 0, 0, &st), NDR_OK);
    assert_int_equal(st.rows_rejected, 0);
    return ds;
}

/* The single period of an as-of report. */
static ndr_period as_of(const char *csv, const char *date, int window)
{
    ndr_dataset *ds = load(csv);
    ndr_report *r = tu_report(ds, window, date);
    assert_int_equal(ndr_report_count(r), 1);
    ndr_period p = *ndr_report_period(r, 0);
    ndr_report_free(r);
    ndr_dataset_free(ds);
    return p;
}

static void test_report_free_to_paid_and_new_excluded(void **state)
{
    (void)state;
    /* f is on a free plan (0) at P and pays at T; n first appears after P */
    ndr_period p = as_of("customer_id,date,mrr\n"
                         "a,2021-01-10,100\n"
                         "f,2021-01-10,0\n"
                         "f,2021-09-01,50\n"
                         "n,2021-08-01,70\n"
                         "a,2022-01-05,110\n",
                         "2022-01-31", 12);
    tu_assert_period(&p, 1, 1, "100", "110", "10", "0", "0");
    tu_assert_pct(p.current_mrr, p.prior_mrr, "110.00");
}

static void test_report_churn_then_reactivation_is_retained(void **state)
{
    (void)state;
    /* b churns in the window and comes back before T: retained, at its T MRR */
    ndr_period p = as_of("customer_id,date,mrr\n"
                         "b,2021-01-01,100\n"
                         "b,2021-04-01,0\n"
                         "b,2021-10-01,80\n"
                         "c,2021-01-01,50\n"
                         "c,2021-03-01,0\n",
                         "2021-12-31", 11);
    /* P = 2021-01-31 */
    tu_assert_period(&p, 2, 1, "150", "80", "0", "20", "50");
    tu_assert_pct(p.retained_mrr, p.prior_mrr, "53.33");
    tu_assert_pct((ndr_money)p.retained_customers, (ndr_money)p.customers, "50.00");
}

static void test_report_subscriptions_are_summed(void **state)
{
    (void)state;
    ndr_period p = as_of("customer_id,subscription_id,date,mrr\n"
                         "a,s1,2021-01-01,10\n"
                         "a,s2,2021-01-15,20.25\n"
                         "a,s1,2021-06-01,0\n"
                         "a,s3,2021-09-01,30\n"
                         "a,,2021-01-01,1\n",
                         "2021-12-31", 12);
    /* P 2020-12-31: nothing yet -> empty cohort */
    tu_assert_period(&p, 0, 0, "0", "0", "0", "0", "0");
    p = as_of("customer_id,subscription_id,date,mrr\n"
              "a,s1,2021-01-01,10\n"
              "a,s2,2021-01-15,20.25\n"
              "a,s1,2021-06-01,0\n"
              "a,s3,2021-09-01,30\n"
              "a,,2021-01-01,1\n",
              "2021-12-31", 11);
    /* P 2021-01-31: 10 + 20.25 + 1; T: 20.25 + 30 + 1 */
    tu_assert_period(&p, 1, 1, "31.25", "51.25", "20", "0", "0");
}

static void test_report_events_on_p_and_t_count(void **state)
{
    (void)state;
    /* MRR in force at the END of the day: an event dated P counts at P, an
     * event dated T counts at T, one dated T+1 does not */
    ndr_period p = as_of("customer_id,date,mrr\n"
                         "a,2021-06-30,100\n"
                         "a,2022-06-30,150\n"
                         "a,2022-07-01,999\n"
                         "b,2021-06-29,10\n"
                         "b,2021-06-30,0\n"
                         "c,2021-07-01,10\n",
                         "2022-06-30", 12);
    tu_assert_period(&p, 1, 1, "100", "150", "50", "0", "0");
}

static void test_report_month_end_prior_dates(void **state)
{
    (void)state;
    /* T = 2025-02-28 looks back to 2024-02-29, not 2024-02-28 */
    ndr_period p = as_of("customer_id,date,mrr\n"
                         "a,2024-02-29,100\n"
                         "b,2024-02-28,100\n"
                         "b,2024-02-29,0\n",
                         "2025-02-28", 12);
    assert_int_equal(p.prior_period_end, tu_date("2024-02-29"));
    tu_assert_period(&p, 1, 1, "100", "100", "0", "0", "0");
    /* a non-month-end as-of date keeps its day, clamped */
    p = as_of("customer_id,date,mrr\na,2022-02-28,100\n", "2022-03-30", 1);
    assert_int_equal(p.prior_period_end, tu_date("2022-02-28"));
    tu_assert_period(&p, 1, 1, "100", "100", "0", "0", "0");
}

static void test_report_default_range(void **state)
{
    (void)state;
    /* first paid MRR in 2021-03; data ends 2022-05-15 -> last T 2022-04-30;
     * window 12 -> first T with a paying P is 2022-03-31 */
    ndr_dataset *ds = load("customer_id,date,mrr\n"
                           "a,2021-01-20,0\n"
                           "a,2021-03-10,10\n"
                           "a,2022-04-01,20\n"
                           "z,2022-05-15,0\n");
    ndr_report *r = tu_report(ds, 12, NULL);
    assert_int_equal(ndr_report_count(r), 2);
    assert_int_equal(ndr_report_period(r, 0)->period_end, tu_date("2022-03-31"));
    assert_int_equal(ndr_report_period(r, 1)->period_end, tu_date("2022-04-30"));
    tu_assert_period(ndr_report_period(r, 0), 1, 1, "10", "10", "0", "0", "0");
    tu_assert_period(ndr_report_period(r, 1), 1, 1, "10", "20", "10", "0", "0");
    ndr_report_free(r);

    /* --from/--to narrow the range */
    ndr_report_options opt;
    char msg[300];
    ndr_report_options_init(&opt);
    opt.from_month = 2022 * 12 + 3;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    assert_int_equal(ndr_report_count(r), 1);
    assert_int_equal(ndr_report_period(r, 0)->period_end, tu_date("2022-04-30"));
    ndr_report_free(r);
    opt.from_month = -1;
    opt.to_month = 2022 * 12 + 1;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_NO_PERIOD);
    assert_null(r);
    ndr_dataset_free(ds);
}

static void test_report_data_ending_on_month_end(void **state)
{
    (void)state;
    /* the last event on a month end makes that month end the last T */
    ndr_dataset *ds = load("customer_id,date,mrr\na,2021-01-31,10\na,2021-03-31,10\n");
    ndr_report *r = tu_report(ds, 1, NULL);
    assert_int_equal(ndr_report_count(r), 2);
    assert_int_equal(ndr_report_period(r, 1)->period_end, tu_date("2021-03-31"));
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

static void test_report_empty_cohort_in_the_middle(void **state)
{
    (void)state;
    ndr_dataset *ds = load("customer_id,date,mrr\n"
                           "a,2021-01-15,10\n"
                           "a,2021-02-10,0\n"
                           "b,2021-03-15,20\n"
                           "b,2021-04-30,20\n");
    ndr_report *r = tu_report(ds, 1, NULL);
    /* T Feb (P Jan: a), T Mar (P Feb: nobody), T Apr (P Mar: b) */
    assert_int_equal(ndr_report_count(r), 3);
    tu_assert_period(ndr_report_period(r, 0), 1, 0, "10", "0", "0", "0", "10");
    tu_assert_period(ndr_report_period(r, 1), 0, 0, "0", "0", "0", "0", "0");
    tu_assert_pct(ndr_report_period(r, 1)->current_mrr, ndr_report_period(r, 1)->prior_mrr, "");
    tu_assert_period(ndr_report_period(r, 2), 1, 1, "20", "20", "0", "0", "0");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* n customers c0..c(n-1) paying `start` from 2021-01-01; every other one
 * pays `later` from 2022-01-01, and the last `churn` of them pay 0. */
static char *high_nominal_csv(int n, const char *start, const char *later, int churn)
{
    size_t size = (size_t)n * 160 + 64, len = 0;
    char *csv = malloc(size);
    assert_non_null(csv);
    len += (size_t)snprintf(csv, size, "customer_id,date,mrr\n");
    for (int i = 0; i < n; i++) {
        len += (size_t)snprintf(csv + len, size - len, "c%d,2021-01-01,%s\n", i, start);
        if (i >= n - churn)
            len += (size_t)snprintf(csv + len, size - len, "c%d,2022-01-01,0\n", i);
        else if (i % 2 == 0)
            len += (size_t)snprintf(csv + len, size - len, "c%d,2022-01-01,%s\n", i, later);
    }
    return csv;
}

static void test_report_high_nominal_currency_totals(void **state)
{
    (void)state;
    /* issue #16: 2,000 customers paying IDR 50,000,000 (about US$3,300)
     * stopped with "MRR sum out of range" when money was 64 bits */
    char *csv = high_nominal_csv(2000, "50000000", "60000000", 100);
    ndr_dataset *ds = load(csv);
    ndr_report *r = tu_report(ds, 12, "2022-01-31");
    /* the last 100 churn (5e9); 950 of the first 1,900 expand by 1e7 */
    tu_assert_period(ndr_report_period(r, 0), 2000, 1900, "100000000000", "104500000000",
                     "9500000000", "0", "5000000000");
    tu_assert_pct(ndr_report_period(r, 0)->current_mrr, ndr_report_period(r, 0)->prior_mrr,
                  "104.50");
    ndr_report_free(r);
    ndr_dataset_free(ds);
    free(csv);
}

static void test_report_totals_at_the_row_limit(void **state)
{
    (void)state;
    /* 10,000 customers each at the largest value a row may hold: 10^18
     * currency units of MRR in all, 1.2 x 10^19 of ARR, exact */
    char *csv = high_nominal_csv(10000, "99999999999999.99999999", "99999999999999.99999999", 1);
    ndr_dataset *ds = load(csv);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.window_months = 12;
    opt.has_as_of = 1;
    opt.as_of = tu_date("2022-01-31");
    opt.basis_arr = 1;
    ndr_report *r = NULL;
    char msg[300];
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_OK);
    const ndr_period *p = ndr_report_period(r, 0);
    assert_true(p->prior_mrr == NDR_MONEY_ROW_MAX * 10000 * 12);
    assert_true(p->current_mrr == NDR_MONEY_ROW_MAX * 9999 * 12);
    assert_true(p->churned_mrr == NDR_MONEY_ROW_MAX * 12);
    tu_assert_identity(p);
    tu_assert_pct(p->current_mrr, p->prior_mrr, "99.99");
    ndr_report_free(r);
    ndr_dataset_free(ds);
    free(csv);
}

static void test_report_bad_options(void **state)
{
    (void)state;
    ndr_dataset *ds = load("customer_id,date,mrr\na,2021-01-01,1\n");
    ndr_report_options opt;
    ndr_report *r = NULL;
    char msg[300];
    ndr_report_options_init(&opt);
    opt.window_months = 0;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    ndr_report_options_init(&opt);
    opt.from_month = 2022 * 12;
    opt.to_month = 2021 * 12;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = tu_date("0001-06-30");
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    assert_null(r);
    /* issue #16: from year 1 with 1,200 months read before the calendar's
     * start (UBSan: index -11); --to 9999 made 96,000 period ends */
    ndr_report_options_init(&opt);
    opt.from_month = 1 * 12;
    opt.window_months = 1200;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    assert_string_equal(msg, "from lies outside the years 1900-2199");
    opt.from_month = 1950 * 12;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    assert_string_equal(msg, "from minus the window falls before 1900");
    ndr_report_options_init(&opt);
    opt.to_month = 9999 * 12 + 11;
    assert_int_equal(ndr_report_compute(ds, &opt, &r, msg, sizeof msg), NDR_ERR_ARG);
    ndr_movements *m = NULL;
    assert_int_equal(ndr_movements_compute(ds, &opt, &m, msg, sizeof msg), NDR_ERR_ARG);
    assert_string_equal(msg, "to lies outside the years 1900-2199");
    ndr_dataset_free(ds);
}

/* ---- generated data against a brute-force reference --------------------- */

typedef struct gen_event {
    int cust, sub; /* sub -1: implicit */
    ndr_date day;
    ndr_money mrr;
} gen_event;

static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng_state >> 33) % n;
}

/* Writes n random events as CSV into *csv, records them in ev. */
static size_t generate(gen_event *ev, size_t n, int ncust, char **csv)
{
    size_t cap = n * 64 + 64, len = 0;
    char *s = malloc(cap);
    len += (size_t)sprintf(s, "customer_id,subscription_id,date,mrr\n");
    ndr_date base = tu_date("2020-01-01");
    for (size_t i = 0; i < n; i++) {
        gen_event *e = &ev[i];
        e->cust = (int)rnd((uint32_t)ncust);
        e->sub = rnd(4) == 0 ? -1 : (int)rnd(3);
        e->day = base + (ndr_date)rnd(3 * 365);
        if (i > 0 && rnd(10) == 0) { /* same subscription and day again */
            e->cust = ev[i - 1].cust;
            e->sub = ev[i - 1].sub;
            e->day = ev[i - 1].day;
        }
        uint32_t k = rnd(10);
        e->mrr = k < 3 ? 0 : (ndr_money)rnd(100000) * 1000000 + (k == 9 ? 3333 : 0);
        char day[11], m[NDR_MONEY_TEXT];
        ndr_date_format(e->day, day);
        ndr_money_format(e->mrr, 8, m);
        char sub[16] = "";
        if (e->sub >= 0)
            snprintf(sub, sizeof sub, "s%d", e->sub);
        len += (size_t)snprintf(s + len, cap - len, "c%d,%s,%s,%s\n", e->cust, sub, day, m);
    }
    *csv = s;
    return len;
}

/* A customer's MRR at a day: for each subscription, the latest event on or
 * before day (the later one in input order on ties), summed. */
static ndr_money naive_mrr(const gen_event *ev, size_t n, int cust, ndr_date day)
{
    ndr_money total = 0;
    for (int sub = -1; sub < 3; sub++) {
        long best = -1;
        for (size_t i = 0; i < n; i++)
            if (ev[i].cust == cust && ev[i].sub == sub && ev[i].day <= day &&
                (best < 0 || ev[i].day >= ev[best].day))
                best = (long)i;
        if (best >= 0)
            total += ev[best].mrr;
    }
    return total;
}

static void check_against_naive(const gen_event *ev, size_t n, int ncust, const ndr_period *q)
{
    ndr_period want;
    memset(&want, 0, sizeof want);
    for (int c = 0; c < ncust; c++) {
        ndr_money p = naive_mrr(ev, n, c, q->prior_period_end);
        ndr_money cur = naive_mrr(ev, n, c, q->period_end);
        if (p <= 0)
            continue;
        want.customers++;
        want.prior_mrr += p;
        want.current_mrr += cur;
        want.retained_customers += cur > 0;
        if (cur > p)
            want.expansion_mrr += cur - p;
        else if (cur == 0)
            want.churned_mrr += p;
        else
            want.contraction_mrr += p - cur;
    }
    assert_int_equal(q->customers, want.customers);
    assert_int_equal(q->retained_customers, want.retained_customers);
    assert_true(q->prior_mrr == want.prior_mrr);
    assert_true(q->current_mrr == want.current_mrr);
    assert_true(q->expansion_mrr == want.expansion_mrr);
    assert_true(q->contraction_mrr == want.contraction_mrr);
    assert_true(q->churned_mrr == want.churned_mrr);
    tu_assert_identity(q);
}

static void test_report_generated_matches_naive(void **state)
{
    (void)state;
    enum { N = 3000, NCUST = 150 };
    static gen_event ev[N];
    rng_state = 42;
    char *csv;
    size_t len = generate(ev, N, NCUST, &csv);
    int windows[] = {1, 3, 12};
    for (size_t w = 0; w < 3; w++) {
        ndr_dataset *ds = ndr_dataset_new();
        ndr_read_stats st;
        assert_int_equal(tu_read(ds, csv, len, 7919, 0, &st), NDR_OK);
        assert_int_equal(st.rows_used, N);
        ndr_report *r = tu_report(ds, windows[w], NULL);
        assert_true(ndr_report_count(r) > 10);
        for (size_t i = 0; i < ndr_report_count(r); i++)
            check_against_naive(ev, N, NCUST, ndr_report_period(r, i));
        ndr_report_free(r);
        /* and a few arbitrary as-of days */
        for (int k = 0; k < 5; k++) {
            char day[11];
            ndr_date_format(tu_date("2021-01-01") + (ndr_date)rnd(700), day);
            r = tu_report(ds, windows[w], day);
            check_against_naive(ev, N, NCUST, ndr_report_period(r, 0));
            ndr_report_free(r);
        }
        ndr_dataset_free(ds);
    }
    free(csv);
}

/* Reading on a worker thread (NDR_READ_THREADED, many batches) gives the
 * same figures as reading on the caller's thread. */
static void test_report_threaded_reader_same_result(void **state)
{
    (void)state;
    enum { N = 20000, NCUST = 3000 };
    static gen_event ev[N];
    rng_state = 7;
    char *csv;
    size_t len = generate(ev, N, NCUST, &csv);
    ndr_report *r[2];
    ndr_dataset *ds[2];
    for (int t = 0; t < 2; t++) {
        ds[t] = ndr_dataset_new();
        ndr_read_stats st;
        assert_int_equal(tu_read(ds[t], csv, len, 65536, t ? NDR_READ_THREADED : 0, &st),
                         NDR_OK);
        assert_int_equal(st.rows_used, N);
        assert_int_equal(ndr_dataset_event_count(ds[t]), N);
        r[t] = tu_report(ds[t], 12, NULL);
    }
    assert_int_equal(ndr_report_count(r[0]), ndr_report_count(r[1]));
    assert_true(ndr_report_count(r[0]) > 10);
    for (size_t i = 0; i < ndr_report_count(r[0]); i++)
        assert_memory_equal(ndr_report_period(r[0], i), ndr_report_period(r[1], i),
                            sizeof(ndr_period));
    for (int t = 0; t < 2; t++) {
        ndr_report_free(r[t]);
        ndr_dataset_free(ds[t]);
    }
    free(csv);
}

/* A period end after the last event, or in a partly covered first month,
 * is not final. */
static void test_report_complete_flag(void **state)
{
    (void)state;
    ndr_date first = tu_date("2021-01-15"), last = tu_date("2021-06-10");
    assert_false(ndr_period_complete(tu_date("2021-01-31"), first, last));
    assert_true(ndr_period_complete(tu_date("2021-02-28"), first, last));
    assert_true(ndr_period_complete(tu_date("2021-06-10"), first, last));
    assert_false(ndr_period_complete(tu_date("2021-06-11"), first, last));
    assert_true(ndr_period_complete(tu_date("2021-01-31"), tu_date("2021-01-01"), last));
    ndr_dataset *ds = ndr_dataset_new();
    static const char csv[] = "customer_id,date,mrr\na,2021-01-15,10\na,2022-01-20,12\n";
    assert_int_equal(tu_read(ds, csv, strlen(csv), 0, 0, NULL), NDR_OK);
    ndr_report *r = tu_report(ds, 12, "2022-01-20");
    assert_true(ndr_report_period(r, 0)->complete);
    ndr_report_free(r);
    r = tu_report(ds, 12, "2022-01-31");
    assert_false(ndr_report_period(r, 0)->complete);
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

static ndr_report *by_segment(const char *file, const char *column, const char *as_of,
                              ndr_dataset **ds)
{
    ndr_read_options ro;
    ndr_read_options_init(&ro);
    ro.segment_column = column;
    char msg[400];
    FILE *f = fopen(file, "rb");
    assert_non_null(f);
    *ds = ndr_dataset_new();
    assert_int_equal(ndr_read_stream(*ds, f, file, &ro, 0, NULL, NULL, NULL, msg, sizeof msg),
                     NDR_OK);
    fclose(f);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.by_segment = 1;
    if (as_of) {
        opt.has_as_of = 1;
        opt.as_of = tu_date(as_of);
    }
    ndr_report *r;
    assert_int_equal(ndr_report_compute(*ds, &opt, &r, msg, sizeof msg), NDR_OK);
    return r;
}

/* fixtures/segments/by_region.csv at 2024-01-31 (P 2023-01-31): a (EU)
 * 100 -> 150, b (US) 50 -> 0, c EU at P (US only from June) 30 -> 30; d is
 * new. EU: 130 -> 180; US: 50 -> 0; all: 180 -> 180. */
static void test_report_by_segment_hand_computed(void **state)
{
    (void)state;
    ndr_dataset *ds;
    ndr_report *r = by_segment("fixtures/segments/by_region.csv", "Region", "2024-01-31", &ds);
    assert_int_equal(ndr_report_group_count(r), 2);
    assert_string_equal(ndr_report_group_name(r, 0), "EU");
    assert_string_equal(ndr_report_group_name(r, 1), "US");
    tu_assert_period(ndr_report_group_period(r, 0, 0), 2, 2, "130", "180", "50", "0", "0");
    tu_assert_period(ndr_report_group_period(r, 1, 0), 1, 0, "50", "0", "0", "0", "50");
    tu_assert_period(ndr_report_period(r, 0), 3, 2, "180", "180", "50", "0", "50");
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* Over every period of the demo: the groups add up to the total. */
static void test_report_by_segment_sums(void **state)
{
    (void)state;
    ndr_dataset *ds;
    ndr_report *r = by_segment("fixtures/demo.csv", "plan", NULL, &ds);
    assert_true(ndr_report_group_count(r) >= 3);
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        ndr_period sum;
        memset(&sum, 0, sizeof sum);
        for (size_t g = 0; g < ndr_report_group_count(r); g++) {
            const ndr_period *p = ndr_report_group_period(r, g, i);
            assert_int_equal(p->period_end, ndr_report_period(r, i)->period_end);
            sum.customers += p->customers;
            sum.retained_customers += p->retained_customers;
            sum.prior_mrr += p->prior_mrr;
            sum.current_mrr += p->current_mrr;
            sum.expansion_mrr += p->expansion_mrr;
            sum.churned_mrr += p->churned_mrr;
        }
        const ndr_period *t = ndr_report_period(r, i);
        assert_int_equal(sum.customers, t->customers);
        assert_int_equal(sum.retained_customers, t->retained_customers);
        assert_int_equal(sum.prior_mrr, t->prior_mrr);
        assert_int_equal(sum.current_mrr, t->current_mrr);
        assert_int_equal(sum.expansion_mrr, t->expansion_mrr);
        assert_int_equal(sum.churned_mrr, t->churned_mrr);
    }
    ndr_report_free(r);
    ndr_dataset_free(ds);
}

/* One data set's whole run, on a thread of its own: read with --by plan
 * (keeping rows for explain), the report by plan, the audit trail. */
typedef struct job {
    ndr_status st;
    ndr_report *r;
    ndr_explain *e;
    ndr_dataset *ds;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    ndr_read_options ro;
    ndr_read_options_init(&ro);
    ro.segment_column = "plan";
    char msg[400];
    FILE *f = fopen("fixtures/demo.csv", "rb");
    j->ds = ndr_dataset_new();
    ndr_dataset_keep_rows(j->ds);
    j->st = f ? ndr_read_stream(j->ds, f, "demo.csv", &ro, 0, NULL, NULL, NULL, msg, sizeof msg)
              : NDR_ERR_IO;
    if (f)
        fclose(f);
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.by_segment = 1;
    if (j->st == NDR_OK)
        j->st = ndr_report_compute(j->ds, &opt, &j->r, msg, sizeof msg);
    opt.by_segment = 0;
    opt.has_as_of = 1;
    opt.as_of = ndr_date_from_ymd(2025, 6, 30);
    if (j->st == NDR_OK)
        j->st = ndr_explain_compute(j->ds, &opt, 0, &j->e, msg, sizeof msg);
    return NULL;
}

/* ndr.h's thread rule: separate handles on separate threads at once give
 * what one thread gives (make check runs this under ThreadSanitizer, which
 * flagged the static qsort contexts --by and explain used to share). */
static void test_report_separate_handles_in_threads(void **state)
{
    (void)state;
    job j[3];
    pthread_t th[2];
    memset(j, 0, sizeof j);
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_create(&th[t], NULL, run_job, &j[t]), 0);
    run_job(&j[2]);
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < 3; t++)
        assert_int_equal(j[t].st, NDR_OK);
    for (int t = 0; t < 2; t++) {
        assert_int_equal(ndr_report_count(j[t].r), ndr_report_count(j[2].r));
        assert_int_equal(ndr_report_group_count(j[t].r), ndr_report_group_count(j[2].r));
        for (size_t g = 0; g < ndr_report_group_count(j[2].r); g++) {
            assert_string_equal(ndr_report_group_name(j[t].r, g), ndr_report_group_name(j[2].r, g));
            for (size_t i = 0; i < ndr_report_count(j[2].r); i++)
                assert_memory_equal(ndr_report_group_period(j[t].r, g, i),
                                    ndr_report_group_period(j[2].r, g, i), sizeof(ndr_period));
        }
        assert_int_equal(ndr_explain_count(j[t].e), ndr_explain_count(j[2].e));
        for (size_t i = 0; i < ndr_explain_count(j[2].e); i++)
            assert_string_equal(ndr_explain_get(j[t].e, i)->prior_rows,
                                ndr_explain_get(j[2].e, i)->prior_rows);
    }
    assert_true(ndr_report_group_count(j[2].r) >= 3);
    assert_true(ndr_explain_count(j[2].e) > 3);
    for (int t = 0; t < 3; t++) {
        ndr_report_free(j[t].r);
        ndr_explain_free(j[t].e);
        ndr_dataset_free(j[t].ds);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_free_to_paid_and_new_excluded),
        cmocka_unit_test(test_report_churn_then_reactivation_is_retained),
        cmocka_unit_test(test_report_subscriptions_are_summed),
        cmocka_unit_test(test_report_events_on_p_and_t_count),
        cmocka_unit_test(test_report_month_end_prior_dates),
        cmocka_unit_test(test_report_default_range),
        cmocka_unit_test(test_report_data_ending_on_month_end),
        cmocka_unit_test(test_report_empty_cohort_in_the_middle),
        cmocka_unit_test(test_report_high_nominal_currency_totals),
        cmocka_unit_test(test_report_totals_at_the_row_limit),
        cmocka_unit_test(test_report_bad_options),
        cmocka_unit_test(test_report_generated_matches_naive),
        cmocka_unit_test(test_report_threaded_reader_same_result),
        cmocka_unit_test(test_report_complete_flag),
        cmocka_unit_test(test_report_by_segment_hand_computed),
        cmocka_unit_test(test_report_by_segment_sums),
        cmocka_unit_test(test_report_separate_handles_in_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
