/* fuzz_options.c - libFuzzer target for the options every view takes
 * (what the command line sets): window, --from/--to, --as-of,
 * --data-through, method, period, basis, thresholds, far outside the
 * years ndr reads too. The first 8 bytes are the options, the rest CSV.
 * Each view must refuse the options (NDR_ERR_ARG and the like) or give
 * figures that add up, within bounded time and memory; the shards of the
 * input must merge to its report under the same options. */
#include "fuzz_common.h"
#include "ndr.h"

#include <stdio.h>
#include <stdlib.h>

/* A month index from two bytes, 1890-01 to 2209-12 (past both ends of
 * 1900-2199), or none. */
static int month_of_bytes(unsigned a, unsigned b)
{
    return a == 0xff ? -1 : 1890 * 12 + (int)((a << 8 | b) % (320 * 12));
}

static void options_of(const unsigned char *o, ndr_report_options *opt)
{
    static const int periods[3] = {1, 3, 12};
    ndr_report_options_init(opt);
    opt->window_months = o[0] < 200 ? 1 + o[0] % 36 : 1100 + o[0] % 101;
    opt->from_month = month_of_bytes(o[1], o[2]);
    opt->to_month = month_of_bytes(o[3], o[4]);
    opt->method = (ndr_method)(o[5] % 7);
    opt->basis_arr = (o[5] >> 3) & 1;
    opt->period_months = periods[(o[5] >> 4) % 3];
    if (o[6] & 0x80) { /* an as-of or data-through day, 1889 to 2210 */
        ndr_date d = ndr_date_from_ymd(1889, 1, 1) + (ndr_date)(((o[6] & 0x3f) << 8 | o[7]) * 7);
        if (o[6] & 0x40)
            opt->has_data_through = 1, opt->data_through = d;
        else
            opt->has_as_of = 1, opt->as_of = d;
    }
    if (o[7] & 0x80)
        opt->min_prior_arr = (ndr_money)(o[7] & 0x7f) * NDR_MONEY_SCALE;
}

static void check_period(const ndr_period *p)
{
    if (p->prior_mrr + p->expansion_mrr - p->contraction_mrr - p->churned_mrr != p->current_mrr ||
        p->retained_customers > p->customers || p->prior_mrr < 0 || p->retained_mrr < 0)
        abort();
}

static void views(ndr_dataset *ds, const ndr_report_options *opt, FILE *sink)
{
    char msg[600];
    ndr_report *r = NULL;
    if (ndr_report_compute(ds, opt, &r, msg, sizeof msg) == NDR_OK) {
        for (size_t i = 0; i < ndr_report_count(r); i++)
            check_period(ndr_report_period(r, i));
        ndr_report_write(r, NDR_FORMAT_CSV, NULL, 0, sink);
        ndr_report_free(r);
    }
    ndr_report_options mo = *opt; /* movements and cohorts take no window */
    mo.has_as_of = 0;
    ndr_movements *m = NULL;
    if (ndr_movements_compute(ds, &mo, &m, msg, sizeof msg) == NDR_OK) {
        for (size_t i = 0; i < ndr_movements_count(m); i++) {
            const ndr_month_movement *x = ndr_movements_get(m, i);
            if (x->opening_mrr + x->new_mrr + x->reactivation_mrr + x->expansion_mrr -
                    x->contraction_mrr - x->churned_mrr != x->closing_mrr)
                abort();
        }
        ndr_movements_free(m);
    }
    ndr_cohorts *co = NULL;
    if (ndr_cohorts_compute(ds, &mo, NDR_COHORT_MONTH, &co, msg, sizeof msg) == NDR_OK)
        ndr_cohorts_free(co);
    if (opt->has_as_of) {
        ndr_methods *me = NULL;
        if (ndr_methods_compute(ds, opt, &me, msg, sizeof msg) == NDR_OK) {
            for (size_t i = 0; i < ndr_methods_count(me); i++)
                check_period(&ndr_methods_get(me, i)->period);
            ndr_methods_free(me);
        }
        ndr_explain *e = NULL;
        if (ndr_explain_compute(ds, opt, 0, &e, msg, sizeof msg) == NDR_OK)
            ndr_explain_free(e);
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static FILE *sink;
    if (sink == NULL)
        sink = fopen("/dev/null", "w");
    if (size < 8)
        return 0;
    ndr_report_options opt;
    options_of(data, &opt);
    data += 8;
    size -= 8;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_dataset_keep_rows(ds);
    ndr_status st = fuzz_read(ds, data, size, size ? size : 1, 0);
    if (st == NDR_OK) {
        views(ds, &opt, sink);
        fuzz_check_shards(data, size, size ? size : 1, &opt);
    }
    ndr_dataset_free(ds);
    return 0;
}
