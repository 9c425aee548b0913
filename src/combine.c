/* combine.c - the methods other than the point rate (docs/methods.md), as
 * combinations of parts. Each method turns a period end into parts:
 * snapshot pairs (ttm-weighted, ttm-mean, compound: point.c) or revenue
 * interval pairs (revenue-quarter, revenue-ttm: revenue.c). All parts of
 * all period ends are computed in one sweep over the customers per kind,
 * then each period end's parts are combined: summed, and for the rate
 * methods averaged or multiplied. */
#include "combine.h"
#include "options.h"
#include "point.h"
#include "options.h"
#include "period.h"
#include "status.h"
#include "money.h"
#include "date.h"
#include "revenue.h"
#include "snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- parts --------------------------------------------------------------- */

typedef struct parts {
    ndr_date *ends, *priors; /* snapshot pairs */
    size_t n;
    ndr_rev_pair *rev;       /* revenue pairs */
    size_t nrev;
} parts;

/* Adds period end t's parts under opt (room for ndr_method_parts() of them is
 * there). Parts of one period end are consecutive. */
static void add_parts(parts *p, const ndr_report_options *opt, ndr_date t)
{
    int w = opt->window_months, step, k = ndr_method_parts(opt, &step);
    for (int i = 0; i < k; i++) {
        ndr_date ti = ndr_date_prior(t, i * step);
        switch (opt->method) {
        case NDR_METHOD_COMPOUND:
            p->ends[p->n] = ti;
            p->priors[p->n++] = ndr_date_prior(t, i + 1);
            break;
        case NDR_METHOD_REVENUE_QUARTER: {
            ndr_date pi = ndr_date_prior(ti, w);
            p->rev[p->nrev++] = (ndr_rev_pair){ndr_date_prior(pi, 3), pi, ndr_date_prior(ti, 3),
                                               ti, t, 3};
            break;
        }
        case NDR_METHOD_REVENUE_TTM:
            p->rev[p->nrev++] = (ndr_rev_pair){ndr_date_prior(t, 2 * w), ndr_date_prior(t, w),
                                               ndr_date_prior(t, w), t, t, w};
            break;
        default:
            p->ends[p->n] = ti;
            p->priors[p->n++] = ndr_date_prior(ti, w);
        }
    }
}

/* A part's rates as fractions; NAN when its cohort is empty. */
static void part_rates(const ndr_period *x, double r[3])
{
    if (x->prior_mrr <= 0) {
        r[0] = r[1] = r[2] = NAN;
        return;
    }
    r[0] = (double)((long double)x->current_mrr / (long double)x->prior_mrr);
    r[1] = (double)((long double)x->retained_mrr / (long double)x->prior_mrr);
    r[2] = (double)((long double)x->retained_customers / (long double)x->customers);
}

/* Combines the k parts x[0..k) of period end t into *out. */
static int combine(const ndr_report_options *opt, const ndr_period *x, int k, ndr_date t,
                   ndr_period *out)
{
    int of = 0;
    int mean = opt->method == NDR_METHOD_TTM_MEAN || opt->method == NDR_METHOD_REVENUE_QUARTER;
    long double start = mean ? 0 : 1, acc[3] = {start, start, start};
    memset(out, 0, sizeof *out);
    ndr_date undef_end = 0, undef_prior = 0;
    for (int i = 0; i < k; i++) {
        double r[3];
        of |= ndr_period_sum(out, &x[i]);
        part_rates(&x[i], r);
        if (isnan(r[0]) && undef_end == 0)
            undef_end = x[i].period_end, undef_prior = x[i].prior_period_end;
        for (int j = 0; j < 3; j++)
            acc[j] = mean ? acc[j] + r[j] : acc[j] * r[j];
    }
    out->has_rate = k > 1 && opt->method != NDR_METHOD_TTM_WEIGHTED;
    out->ndr_rate = (double)(mean ? acc[0] / k : acc[0]);
    out->grr_rate = (double)(mean ? acc[1] / k : acc[1]);
    out->logo_rate = (double)(mean ? acc[2] / k : acc[2]);
    out->period_end = t;
    out->prior_period_end = ndr_date_prior(t, opt->window_months);
    if (out->has_rate)
        out->undefined_end = undef_end, out->undefined_prior = undef_prior;
    return of;
}

/* Whether every end is a month end: then part i of end t is the pair of
 * the month end i x step months before t, the same pair for every end
 * that has it (months.c below computes each once). */
static int all_month_ends(const ndr_date *ends, size_t n)
{
    for (size_t q = 0; q < n; q++)
        if (ends[q] != ndr_date_month_end(ends[q]))
            return 0;
    return n > 0;
}

/* The snapshot methods over month ends: one pair per month from the
 * earliest part to the last end (memory in months, not ends x window, so
 * --method compound -w 1200 over two centuries needs 3,600 pairs, not 2.9
 * million), then each end combines its parts from those. */
static ndr_status fill_by_month(const ndr_dataset *ds, const ndr_report_options *opt,
                                const ndr_date *ends, size_t n, ndr_period *out, char *msg,
                                size_t msg_size)
{
    int step, k = ndr_method_parts(opt, &step), w = opt->window_months;
    int lo = ndr_month_of(ends[0]) - (k - 1) * step, hi = ndr_month_of(ends[n - 1]);
    size_t nm = (size_t)(hi - lo) + 1;
    ndr_date *e = malloc(nm * sizeof *e), *pr = malloc(nm * sizeof *pr);
    ndr_period *x = calloc(nm, sizeof *x), *part = calloc((size_t)k, sizeof *part);
    ndr_status st = e && pr && x && part ? NDR_OK : NDR_ERR_NOMEM;
    for (size_t m = 0; st == NDR_OK && m < nm; m++) {
        e[m] = ndr_month_end(lo + (int)m);
        pr[m] = ndr_date_prior(e[m], opt->method == NDR_METHOD_COMPOUND ? 1 : w);
    }
    if (st == NDR_OK)
        st = ndr_point_pairs(ds, opt, e, pr, NULL, nm, x, msg, msg_size);
    for (size_t q = 0; st == NDR_OK && q < n; q++) {
        int t = ndr_month_of(ends[q]);
        for (int i = 0; i < k; i++)
            part[i] = x[t - i * step - lo];
        if (combine(opt, part, k, ends[q], &out[q])) {
            ndr_say(msg, msg_size, "MRR sum out of range");
            st = NDR_ERR_OVERFLOW;
        }
    }
    free(e);
    free(pr);
    free(x);
    free(part);
    return st;
}

ndr_status ndr_combine_fill(const ndr_dataset *ds, const ndr_report_options *opt,
                            const ndr_date *ends, size_t n, ndr_period *out, char *msg,
                            size_t msg_size)
{
    int step, k = ndr_method_parts(opt, &step);
    if (!ndr_method_is_revenue(opt->method) && k > 1 && all_month_ends(ends, n))
        return fill_by_month(ds, opt, ends, n, out, msg, msg_size);
    size_t total = n * (size_t)k;
    parts p = {malloc(total * sizeof *p.ends), malloc(total * sizeof *p.priors), 0,
               malloc(total * sizeof *p.rev), 0};
    ndr_period *x = calloc(total, sizeof *x);
    ndr_status st = p.ends && p.priors && p.rev && x ? NDR_OK : NDR_ERR_NOMEM;
    for (size_t q = 0; st == NDR_OK && q < n; q++)
        add_parts(&p, opt, ends[q]);
    if (st == NDR_OK && p.n)
        st = ndr_point_pairs(ds, opt, p.ends, p.priors, NULL, p.n, x, msg, msg_size);
    if (st == NDR_OK && p.nrev)
        st = ndr_revenue_pairs(ds, opt, p.rev, p.nrev, x, msg, msg_size);
    for (size_t q = 0; st == NDR_OK && q < n; q++)
        if (combine(opt, x + q * (size_t)k, k, ends[q], &out[q])) {
            ndr_say(msg, msg_size, "MRR sum out of range");
            st = NDR_ERR_OVERFLOW;
        }
    free(p.ends);
    free(p.priors);
    free(p.rev);
    free(x);
    return st;
}
