/* fuzz_reader.c - libFuzzer target for the reader and the engine.
 *
 * The first input byte picks a chunk size, strict mode, the threaded
 * reader and the window; the rest is fed to a
 * reader as CSV, then reports, the movements bridge, cohorts and the
 * audit trail are computed and written. Besides crashes and
 * sanitizer reports it aborts when an invariant breaks: row accounting that
 * does not balance, a period whose movements do not add up, a bridge that
 * does not chain, or an audit trail whose totals differ from the report. */
#include "ndr.h"

#include <stdio.h>
#include <stdlib.h>

static void check_report(ndr_dataset *ds, int window, int as_of, FILE *sink)
{
    ndr_report_options opt;
    ndr_report *r = NULL;
    char msg[600];
    ndr_report_options_init(&opt);
    opt.window_months = window;
    if (as_of) {
        ndr_date first, last;
        if (ndr_dataset_date_range(ds, &first, &last) == 0) {
            opt.has_as_of = 1;
            opt.as_of = last;
        }
    }
    if (ndr_report_compute(ds, &opt, &r, msg, sizeof msg) != NDR_OK)
        return;
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        const ndr_period *p = ndr_report_period(r, i);
        if (p->prior_mrr + p->expansion_mrr - p->contraction_mrr - p->churned_mrr !=
                p->current_mrr ||
            p->retained_customers > p->customers)
            abort();
    }
    ndr_report_write(r, NDR_FORMAT_JSON, NULL, 0, sink);
    ndr_report_write(r, NDR_FORMAT_TABLE, NULL, 0, sink);
    ndr_report_free(r);
}

/* The monthly bridge must add up and chain, exactly. */
static void check_movements(ndr_dataset *ds, FILE *sink)
{
    ndr_movements *m = NULL;
    char msg[600];
    if (ndr_movements_compute(ds, NULL, &m, msg, sizeof msg) != NDR_OK)
        return;
    for (size_t i = 0; i < ndr_movements_count(m); i++) {
        const ndr_month_movement *x = ndr_movements_get(m, i);
        if (x->opening_mrr + x->new_mrr + x->reactivation_mrr + x->expansion_mrr -
                    x->contraction_mrr - x->churned_mrr != x->closing_mrr ||
            (i > 0 && x->opening_mrr != ndr_movements_get(m, i - 1)->closing_mrr))
            abort();
    }
    ndr_movements_write(m, NULL, NDR_FORMAT_TABLE, NULL, 0, sink);
    ndr_movements_free(m);
}

/* Cohorts must start at 100%; explain's rows must add up to its totals,
 * which must equal the report's. */
static void check_cohorts_explain(ndr_dataset *ds, FILE *sink)
{
    char msg[600];
    ndr_cohorts *co = NULL;
    if (ndr_cohorts_compute(ds, NULL, NDR_COHORT_QUARTER, &co, msg, sizeof msg) == NDR_OK) {
        for (size_t i = 0; i < ndr_cohorts_count(co); i++) {
            const ndr_cohort_cell *x = ndr_cohorts_get(co, i);
            if (x->months_since_start == 0 &&
                (x->mrr != x->start_mrr || x->customers != x->start_customers))
                abort();
        }
        ndr_cohorts_write(co, NULL, 1, NDR_FORMAT_TABLE, NULL, 0, sink);
        ndr_cohorts_free(co);
    }
    ndr_date first, last;
    if (ndr_dataset_date_range(ds, &first, &last) != 0)
        return;
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = last;
    ndr_explain *e = NULL;
    ndr_report *r = NULL;
    if (ndr_explain_compute(ds, &opt, 0, &e, msg, sizeof msg) != NDR_OK)
        return;
    if (ndr_report_compute(ds, &opt, &r, msg, sizeof msg) == NDR_OK) {
        const ndr_period *t = ndr_explain_totals(e), *p = ndr_report_period(r, 0);
        ndr_money prior = 0, current = 0;
        for (size_t i = 0; i < ndr_explain_count(e); i++) {
            prior += ndr_explain_get(e, i)->prior_mrr;
            current += ndr_explain_get(e, i)->current_mrr;
        }
        if (t->prior_mrr != p->prior_mrr || t->current_mrr != p->current_mrr ||
            t->customers != p->customers || prior != p->prior_mrr || current != p->current_mrr)
            abort();
        ndr_report_free(r);
    }
    ndr_explain_write(e, &opt, NDR_FORMAT_CSV, NULL, 0, sink);
    ndr_explain_free(e);
}

/* Every method at the last date: each row adds up, and point and survivor
 * agree on the customers still paying. */
static void check_methods(ndr_dataset *ds, int window, FILE *sink)
{
    ndr_date first, last;
    if (ndr_dataset_date_range(ds, &first, &last) != 0)
        return;
    ndr_report_options opt;
    ndr_report_options_init(&opt);
    opt.has_as_of = 1;
    opt.as_of = ndr_date_month_end(last);
    opt.window_months = window;
    char msg[600];
    ndr_methods *m = NULL;
    if (ndr_methods_compute(ds, &opt, &m, msg, sizeof msg) != NDR_OK)
        return;
    for (size_t i = 0; i < ndr_methods_count(m); i++) {
        const ndr_period *p = &ndr_methods_get(m, i)->period;
        if (p->prior_mrr + p->expansion_mrr - p->contraction_mrr - p->churned_mrr !=
            p->current_mrr)
            abort();
    }
    const ndr_period *pt = &ndr_methods_get(m, 0)->period, *sv = &ndr_methods_get(m, 6)->period;
    if (sv->current_mrr != pt->current_mrr || sv->customers != pt->retained_customers)
        abort();
    ndr_methods_write(m, &opt, NDR_FORMAT_JSON, NULL, 0, sink);
    ndr_methods_free(m);
}

/* Reads data as shard k of n (k = 0: no shard) in chunks; returns the
 * data set (NULL when reading failed) and the stats. */
static ndr_dataset *read_shard(const unsigned char *data, size_t size, size_t chunk, unsigned k,
                               unsigned n, ndr_read_stats *s)
{
    ndr_dataset *ds = ndr_dataset_new();
    if (k)
        ndr_dataset_set_shard(ds, k, n);
    ndr_reader *r = ndr_reader_new(ds, "fuzz.csv", NDR_READ_CHECKSUM, NULL, NULL);
    ndr_status st = NDR_OK;
    for (size_t off = 0; off < size && st == NDR_OK; off += chunk)
        st = ndr_reader_feed(r, data + off, size - off < chunk ? size - off : chunk);
    if (st == NDR_OK)
        st = ndr_reader_finish(r);
    ndr_reader_free(r);
    char msg[400];
    if (st == NDR_OK)
        st = ndr_dataset_finish_reading(ds, 0, NULL, NULL, msg, sizeof msg);
    *s = *ndr_dataset_input_stats(ds, 0);
    if (st != NDR_OK) {
        ndr_dataset_free(ds);
        return NULL;
    }
    return ds;
}

/* The shards of 3 count every row once and their partials merge to the
 * whole report, figure for figure. */
static void check_shards(const unsigned char *data, size_t size, size_t chunk)
{
    ndr_read_stats whole, part[3];
    ndr_dataset *all = read_shard(data, size, chunk, 0, 0, &whole);
    ndr_report_options o;
    ndr_report_options_init(&o);
    ndr_report *want = NULL;
    char msg[400];
    if (all == NULL)
        return;
    ndr_status wst = ndr_report_compute(all, &o, &want, msg, sizeof msg);
    ndr_merge *m = ndr_merge_new();
    uint64_t read = 0, rejected = 0, blank = 0, used = 0, dup = 0, not_mrr = 0;
    int ok = 1;
    for (unsigned k = 1; k <= 3; k++) {
        ndr_dataset *ds = read_shard(data, size, chunk, k, 3, &part[k - 1]);
        if (ds == NULL)
            abort(); /* the whole input read fine */
        read += part[k - 1].rows_read;
        used += part[k - 1].rows_used;
        rejected += part[k - 1].rows_rejected;
        blank += part[k - 1].blank_lines;
        dup += part[k - 1].rows_duplicate;
        not_mrr += part[k - 1].rows_not_mrr;
        if (part[k - 1].rows_read + part[k - 1].rows_other_shards != whole.rows_read)
            abort();
        ndr_report *r = NULL;
        ndr_date a, b;
        if (ndr_dataset_date_range(ds, &a, &b) == 0 &&
            ndr_report_compute(ds, &o, &r, msg, sizeof msg) != NDR_OK)
            ok = 0; /* e.g. a currency conflict inside one shard */
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        ndr_source src = {"fuzz.csv", part[k - 1], NULL};
        if (ok)
            ndr_partial_write(&o, r, ds, NULL, &src, 1, out);
        fclose(out);
        FILE *in = fmemopen(buf, len ? len : 1, "r");
        if (ok && ndr_merge_add(m, in, "p", msg, sizeof msg) != NDR_OK)
            abort();
        fclose(in);
        free(buf);
        ndr_report_free(r);
        ndr_dataset_free(ds);
    }
    if (read != whole.rows_read || used != whole.rows_used ||
        rejected != whole.rows_rejected || blank != whole.blank_lines ||
        dup != whole.rows_duplicate || not_mrr != whole.rows_not_mrr)
        abort();
    ndr_report *got = NULL;
    ndr_status gst = ok ? ndr_merge_compute(m, NULL, &got, msg, sizeof msg) : wst;
    if (ok && wst == NDR_OK) {
        if (gst != NDR_OK || ndr_report_count(got) != ndr_report_count(want))
            abort();
        for (size_t i = 0; i < ndr_report_count(want); i++) {
            const ndr_period *p = ndr_report_period(want, i), *q = ndr_report_period(got, i);
            if (p->period_end != q->period_end || p->customers != q->customers ||
                p->retained_customers != q->retained_customers || p->prior_mrr != q->prior_mrr ||
                p->current_mrr != q->current_mrr || p->churned_mrr != q->churned_mrr ||
                p->expansion_mrr != q->expansion_mrr || p->complete != q->complete)
                abort();
        }
    }
    ndr_report_free(got);
    ndr_report_free(want);
    ndr_merge_free(m);
    ndr_dataset_free(all);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static FILE *sink;
    if (sink == NULL)
        sink = fopen("/dev/null", "w");
    if (size == 0)
        return 0;
    unsigned mode = data[0];
    /* bits 0-4: chunk size (32 = all at once); 5: threaded reader;
     * 6: strict; 7: window 1 instead of 12 */
    size_t chunk = (mode & 0x1f) + 1;
    if (chunk == 32)
        chunk = size;
    data++;
    size--;

    ndr_dataset *ds = ndr_dataset_new();
    ndr_dataset_keep_rows(ds);
    ndr_reader *r = ndr_reader_new(ds, "fuzz.csv", ((mode & 0x40) ? NDR_READ_STRICT : 0) |
                                                     ((mode & 0x20) ? NDR_READ_THREADED : 0),
                                   NULL,
                                   NULL);
    ndr_status st = NDR_OK;
    for (size_t off = 0; off < size && st == NDR_OK; off += chunk)
        st = ndr_reader_feed(r, data + off, size - off < chunk ? size - off : chunk);
    if (st == NDR_OK)
        st = ndr_reader_finish(r);
    ndr_reader_free(r);
    char msg[400];
    if (st == NDR_OK)
        st = ndr_dataset_finish_reading(ds, 0, NULL, NULL, msg, sizeof msg);
    const ndr_read_stats *s = ndr_dataset_input_stats(ds, 0);
    if (s->rows_read != s->rows_used + s->rows_not_mrr + s->rows_duplicate + s->rows_rejected)
        abort();
    if (st == NDR_OK) {
        check_report(ds, (mode & 0x80) ? 1 : 12, 0, sink);
        check_report(ds, 3, 1, sink);
        check_movements(ds, sink);
        check_cohorts_explain(ds, sink);
        check_methods(ds, (mode & 0x80) ? 1 : 3, sink);
        if (!(mode & 0x40))
            check_shards(data, size, chunk);
    }
    ndr_dataset_free(ds);
    return 0;
}
