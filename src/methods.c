/* methods.c - the methodology families other than the point rate
 * (docs/methods.md). Each method turns a period end into parts: snapshot
 * pairs (ttm-weighted, ttm-mean, compound) or revenue interval pairs
 * (revenue-quarter, revenue-ttm). All parts of all period ends are computed
 * in one sweep over the customers per kind, then each period end's parts
 * are combined: summed, and for the rate methods averaged or multiplied. */
#include "methods.h"
#include "money.h"
#include "date.h"
#include "revenue.h"
#include "snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"point", "ttm-weighted", "ttm-mean", "revenue-quarter",
                                     "revenue-ttm", "compound", "survivor"};

const char *ndr_method_name(ndr_method m)
{
    return (unsigned)m < sizeof names / sizeof *names ? names[m] : "?";
}

int ndr_method_parse(const char *name, ndr_method *out)
{
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (ndr_method)i;
            return 0;
        }
    return -1;
}

int ndr_method_is_revenue(ndr_method m)
{
    return m == NDR_METHOD_REVENUE_QUARTER || m == NDR_METHOD_REVENUE_TTM;
}

/* How many parts a period end has, and how many months apart they are. */
static int part_count(const ndr_report_options *opt, int *step)
{
    *step = 1;
    switch (opt->method) {
    case NDR_METHOD_TTM_WEIGHTED:
    case NDR_METHOD_TTM_MEAN: return 12;
    case NDR_METHOD_COMPOUND: return opt->window_months;
    case NDR_METHOD_REVENUE_QUARTER: *step = 3; return opt->period_months == 12 ? 4 : 1;
    default: return 1;
    }
}

int ndr_method_lead_months(const ndr_report_options *opt)
{
    int w = opt->window_months, step, k = part_count(opt, &step);
    switch (opt->method) {
    case NDR_METHOD_TTM_WEIGHTED:
    case NDR_METHOD_TTM_MEAN: return w + 11;
    case NDR_METHOD_REVENUE_QUARTER: return w + 2 + (k - 1) * step;
    case NDR_METHOD_REVENUE_TTM: return 2 * w - 1;
    default: return w;
    }
}

ndr_status ndr_method_check(const ndr_report_options *opt, char *msg, size_t msg_size)
{
    if ((unsigned)opt->method > NDR_METHOD_SURVIVOR) {
        ndr_say(msg, msg_size, "unknown method %d", (int)opt->method);
        return NDR_ERR_ARG;
    }
    if (opt->period_months != 1 && opt->period_months != 3 && opt->period_months != 12) {
        ndr_say(msg, msg_size, "period must be 1, 3 or 12 months, not %d", opt->period_months);
        return NDR_ERR_ARG;
    }
    if (opt->basis_arr && ndr_method_is_revenue(opt->method)) {
        ndr_say(msg, msg_size, "basis arr applies to the MRR methods; %s reports revenue",
            ndr_method_name(opt->method));
        return NDR_ERR_ARG;
    }
    if (opt->by_segment && opt->method != NDR_METHOD_POINT && opt->method != NDR_METHOD_SURVIVOR) {
        ndr_say(msg, msg_size, "grouping by segment works with the point and survivor methods "
                           "only, not %s", ndr_method_name(opt->method));
        return NDR_ERR_ARG;
    }
    if (opt->min_prior_arr < 0 || opt->min_current_arr < 0) {
        ndr_say(msg, msg_size, "thresholds cannot be negative");
        return NDR_ERR_ARG;
    }
    return NDR_OK;
}

/* The earliest day whose data the period end `end` reads. */
static ndr_date earliest(const ndr_report_options *opt, ndr_date end)
{
    int w = opt->window_months, step, k = part_count(opt, &step);
    switch (opt->method) {
    case NDR_METHOD_TTM_WEIGHTED:
    case NDR_METHOD_TTM_MEAN: return ndr_date_prior(ndr_date_prior(end, 11), w);
    case NDR_METHOD_REVENUE_QUARTER:
        return ndr_date_prior(ndr_date_prior(ndr_date_prior(end, (k - 1) * step), w), 3) + 1;
    case NDR_METHOD_REVENUE_TTM: return ndr_date_prior(end, 2 * w) + 1;
    default: return ndr_date_prior(end, w);
    }
}

int ndr_method_complete(const ndr_report_options *opt, ndr_date end, ndr_date first,
                        ndr_date last)
{
    int ok = ndr_period_complete(end, first, last);
    if (opt->method != NDR_METHOD_POINT && opt->method != NDR_METHOD_SURVIVOR)
        ok = ok && earliest(opt, end) >= first;
    return ok;
}

int ndr_period_sum(ndr_period *a, const ndr_period *b)
{
    int of = 0;
    of |= __builtin_add_overflow(a->customers, b->customers, &a->customers);
    of |= __builtin_add_overflow(a->retained_customers, b->retained_customers,
                                 &a->retained_customers);
    ndr_money *x[6] = {&a->prior_mrr,       &a->current_mrr, &a->expansion_mrr,
                       &a->contraction_mrr, &a->churned_mrr, &a->retained_mrr};
    const ndr_money y[6] = {b->prior_mrr,       b->current_mrr, b->expansion_mrr,
                            b->contraction_mrr, b->churned_mrr, b->retained_mrr};
    for (int i = 0; i < 6; i++) {
        of |= __builtin_add_overflow(*x[i], y[i], x[i]);
        of |= !ndr_money_in_range(*x[i]);
    }
    return of ? -1 : 0;
}

/* ---- parts --------------------------------------------------------------- */

typedef struct parts {
    ndr_date *ends, *priors; /* snapshot pairs */
    size_t n;
    ndr_rev_pair *rev;       /* revenue pairs */
    size_t nrev;
} parts;

/* Adds period end t's parts under opt (room for part_count() of them is
 * there). Parts of one period end are consecutive. */
static void add_parts(parts *p, const ndr_report_options *opt, ndr_date t)
{
    int w = opt->window_months, step, k = part_count(opt, &step);
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
    int step, k = part_count(opt, &step), w = opt->window_months;
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
        st = ndr_report_pairs(ds, opt, e, pr, NULL, nm, x, msg, msg_size);
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

ndr_status ndr_methods_fill(const ndr_dataset *ds, const ndr_report_options *opt,
                            const ndr_date *ends, size_t n, ndr_period *out, char *msg,
                            size_t msg_size)
{
    int step, k = part_count(opt, &step);
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
        st = ndr_report_pairs(ds, opt, p.ends, p.priors, NULL, p.n, x, msg, msg_size);
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
