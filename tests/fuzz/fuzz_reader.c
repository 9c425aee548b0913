/* fuzz_reader.c - libFuzzer target for the reader and the engine.
 *
 * The first input byte picks a chunk size, strict mode, the threaded
 * reader and the window; the rest is fed to a
 * reader as CSV, then reports, the movements bridge, cohorts and the
 * audit trail are computed and written. Besides crashes and
 * sanitizer reports it aborts when an invariant breaks: row accounting that
 * does not balance, a period whose movements do not add up, a bridge that
 * does not chain, or an audit trail whose totals differ from the report. */
#include "fuzz_common.h"
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
    ndr_status st = fuzz_read(ds, data, size, chunk,
                              ((mode & 0x40) ? NDR_READ_STRICT : 0) |
                                  ((mode & 0x20) ? NDR_READ_THREADED : 0));
    const ndr_read_stats *s = ndr_dataset_input_stats(ds, 0);
    if (s->rows_read != s->rows_used + s->rows_not_mrr + s->rows_duplicate + s->rows_rejected)
        abort();
    if (st == NDR_OK) {
        check_report(ds, (mode & 0x80) ? 1 : 12, 0, sink);
        check_report(ds, 3, 1, sink);
        check_movements(ds, sink);
        check_cohorts_explain(ds, sink);
        check_methods(ds, (mode & 0x80) ? 1 : 3, sink);
        ndr_report_options o;
        ndr_report_options_init(&o);
        if (!(mode & 0x40))
            fuzz_check_shards(data, size, chunk, &o);
    }
    ndr_dataset_free(ds);
    return 0;
}
