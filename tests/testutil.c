/* testutil.c - see testutil.h. */
#include "testutil.h"
#include "dataset_sort.h"
#include "dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tu_rejects tu_last_rejects;

static void collect(void *ctx, const char *source, uint64_t line, const char *reason)
{
    tu_rejects *r = ctx;
    (void)source;
    if (r->n < 64) {
        r->line[r->n] = line;
        snprintf(r->reason[r->n], sizeof r->reason[0], "%s", reason);
    }
    r->n++;
}

ndr_status tu_read(ndr_dataset *ds, const char *csv, size_t len, size_t chunk, unsigned flags,
                   ndr_read_stats *stats)
{
    memset(&tu_last_rejects, 0, sizeof tu_last_rejects);
    ndr_reader *r = ndr_reader_new(ds, "test.csv", flags, collect, &tu_last_rejects);
    assert_non_null(r);
    ndr_status st = NDR_OK;
    if (chunk == 0)
        chunk = len ? len : 1;
    for (size_t off = 0; off < len && st == NDR_OK; off += chunk)
        st = ndr_reader_feed(r, csv + off, len - off < chunk ? len - off : chunk);
    if (st == NDR_OK)
        st = ndr_reader_finish(r);
    if (stats)
        ndr_reader_stats(r, stats);
    ndr_reader_free(r);
    return st;
}

void tu_finish(ndr_dataset *ds)
{
    char msg[600];
    ndr_status st = ndr_dataset_finish_reading(ds, 0, collect, &tu_last_rejects, msg, sizeof msg);
    if (st != NDR_OK && st != NDR_ERR_DATA)
        fail_msg("finishing: %s", msg);
}

ndr_dataset *tu_load_fixtures(const char *const *paths, size_t n, ndr_read_stats *sum)
{
    ndr_dataset *ds = ndr_dataset_new();
    char msg[600];
    memset(&tu_last_rejects, 0, sizeof tu_last_rejects);
    for (size_t i = 0; i < n; i++) {
        FILE *f = fopen(paths[i], "rb");
        if (f == NULL)
            fail_msg("cannot open fixture %s (tests run from the repository root)", paths[i]);
        ndr_status st = ndr_read_stream(ds, f, paths[i], NULL, 0, collect, &tu_last_rejects,
                                        NULL, msg, sizeof msg);
        fclose(f);
        if (st != NDR_OK)
            fail_msg("reading %s: %s", paths[i], msg);
    }
    if (ndr_dataset_finish_reading(ds, 0, collect, &tu_last_rejects, msg, sizeof msg) != NDR_OK)
        fail_msg("finishing: %s", msg);
    if (sum) {
        memset(sum, 0, sizeof *sum);
        for (size_t i = 0; i < ndr_dataset_input_count(ds); i++) {
            const ndr_read_stats *t = ndr_dataset_input_stats(ds, i);
            sum->rows_read += t->rows_read;
            sum->rows_used += t->rows_used;
            sum->rows_not_mrr += t->rows_not_mrr;
            sum->rows_rejected += t->rows_rejected;
            sum->rows_duplicate += t->rows_duplicate;
            if (i == 0)
                sum->format = t->format, sum->also_fits = t->also_fits;
            snprintf(sum->note, sizeof sum->note, "%s", t->note[0] ? t->note : sum->note);
        }
        sum->has_through = ndr_dataset_data_through(ds, &sum->through) == 0;
    }
    return ds;
}

ndr_dataset *tu_load_fixture(const char *path, ndr_read_stats *stats)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open fixture %s (tests run from the repository root)", path);
    ndr_dataset *ds = ndr_dataset_new();
    char msg[600];
    memset(&tu_last_rejects, 0, sizeof tu_last_rejects);
    ndr_status st = ndr_read_stream(ds, f, path, NULL, 0, collect, &tu_last_rejects, NULL, msg,
                                    sizeof msg);
    fclose(f);
    if (st != NDR_OK)
        fail_msg("reading %s: %s", path, msg);
    tu_finish(ds);
    if (stats)
        *stats = *ndr_dataset_input_stats(ds, 0);
    return ds;
}

ndr_report *tu_report(ndr_dataset *ds, int window, const char *as_of)
{
    ndr_report_options opt;
    ndr_report *r = NULL;
    char msg[600];
    ndr_report_options_init(&opt);
    opt.window_months = window;
    if (as_of) {
        opt.has_as_of = 1;
        opt.as_of = tu_date(as_of);
    }
    ndr_status st = ndr_report_compute(ds, &opt, &r, msg, sizeof msg);
    if (st != NDR_OK)
        fail_msg("report failed: %s", msg);
    return r;
}

ndr_money tu_money(const char *s)
{
    /* its own reading, not ndr_money_parse: expected totals go past the
     * limit of one input value (NDR_MONEY_ROW_MAX) */
    ndr_money v = 0;
    int frac = -1, neg = *s == '-';
    for (const char *p = s + neg; *p; p++) {
        if (*p == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || frac == NDR_MONEY_DECIMALS)
            fail_msg("bad money literal in test: %s", s);
        v = v * 10 + (*p - '0');
        frac += frac >= 0;
    }
    for (int i = frac < 0 ? 0 : frac; i < NDR_MONEY_DECIMALS; i++)
        v *= 10;
    return neg ? -v : v;
}

ndr_date tu_date(const char *s)
{
    ndr_date d;
    if (ndr_date_parse(s, strlen(s), &d))
        fail_msg("bad date literal in test: %s", s);
    return d;
}

const ndr_period *tu_period(const ndr_report *r, const char *end)
{
    ndr_date d = tu_date(end);
    for (size_t i = 0; i < ndr_report_count(r); i++)
        if (ndr_report_period(r, i)->period_end == d)
            return ndr_report_period(r, i);
    fail_msg("no period ending %s in the report", end);
    return NULL;
}

static void assert_money(ndr_money got, const char *want, const char *what)
{
    char buf[NDR_MONEY_TEXT];
    if (got != tu_money(want))
        fail_msg("%s: got %s, want %s", what, ndr_money_format(got, 8, buf), want);
}

void tu_assert_period(const ndr_period *p, uint64_t customers, uint64_t retained,
                      const char *prior, const char *current, const char *expansion,
                      const char *contraction, const char *churned)
{
    assert_int_equal(p->customers, customers);
    assert_int_equal(p->retained_customers, retained);
    assert_money(p->prior_mrr, prior, "prior_mrr");
    assert_money(p->current_mrr, current, "current_mrr");
    assert_money(p->expansion_mrr, expansion, "expansion_mrr");
    assert_money(p->contraction_mrr, contraction, "contraction_mrr");
    assert_money(p->churned_mrr, churned, "churned_mrr");
    tu_assert_identity(p);
}

void tu_assert_pct(ndr_money num, ndr_money den, const char *expected)
{
    char buf[48];
    const char *got = ndr_pct_format(num, den, buf);
    assert_string_equal(got ? got : "", expected);
}

void tu_assert_identity(const ndr_period *p)
{
    assert_true(p->prior_mrr + p->expansion_mrr - p->contraction_mrr - p->churned_mrr ==
                p->current_mrr);
    assert_true(p->retained_mrr == p->prior_mrr - p->contraction_mrr - p->churned_mrr);
}

ndr_money tu_customer_mrr(ndr_dataset *ds, const char *cust, const char *day)
{
    assert_int_equal(ndr_dataset_sort(ds), NDR_OK);
    ndr_date d = tu_date(day);
    uint32_t c = 0;
    while (c < ds->customers.count && strcmp(ndr_dataset_customer_id(ds, c, NULL), cust) != 0)
        c++;
    if (c == ds->customers.count)
        fail_msg("no customer %s", cust);
    ndr_money sum = 0;
    for (uint32_t s = ds->cust_sub[c]; s < ds->cust_sub[c + 1]; s++) {
        ndr_money m = 0;
        for (size_t e = ds->sub_ev[s]; e < ds->sub_ev[s + 1] && ndr_ev_day(&ds->ev[e]) <= d; e++)
            m = ndr_ev_mrr(&ds->ev[e]);
        sum += m;
    }
    return sum;
}
