/* report.c - computes trailing-window retention from a sorted data set.
 *
 * One pass over customers. For each customer the MRR at every date the
 * report needs (each period end T and prior date P) is built from its
 * subscriptions' events with a difference array, then every period adds the
 * customer's (prior, current) pair to its totals. Cost: O(events +
 * customers x dates), memory O(dates). */
#include "currency.h"
#include "date.h"
#include "dataset.h"
#include "fx.h"
#include "normalize.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct ndr_report {
    ndr_report_options opt;
    ndr_period *periods;
    size_t n;
};

/* The dates a report evaluates and, per period, where its T and P are. */
typedef struct plan {
    ndr_date *dates; /* sorted, unique */
    size_t ndates;
    size_t *t_idx, *p_idx; /* per period: index into dates */
    uint32_t *day_idx;     /* day - dates[0] -> first date index >= day */
    size_t nperiods;
    int p_sorted;          /* p_idx never decreases with the period */
    size_t *first_period;  /* by date index j (0..ndates): when p_sorted, the
                            * first period with p_idx >= j; else 0 */
} plan;

static void say(char *msg, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
}

void ndr_report_options_init(ndr_report_options *opt)
{
    opt->window_months = 12;
    opt->from_month = -1;
    opt->to_month = -1;
    opt->has_as_of = 0;
    opt->as_of = 0;
    opt->currency[0] = '\0';
    opt->fx = NULL;
    opt->fx_constant = 0;
}

static int cmp_date(const void *a, const void *b)
{
    ndr_date x = *(const ndr_date *)a, y = *(const ndr_date *)b;
    return (x > y) - (x < y);
}

static size_t find_date(const plan *pl, ndr_date d)
{
    size_t lo = 0, hi = pl->ndates;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pl->dates[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void plan_free(plan *pl)
{
    free(pl->dates);
    free(pl->t_idx);
    free(pl->p_idx);
    free(pl->day_idx);
    free(pl->first_period);
}

/* Period ends T (in ends[]) and their prior dates -> the evaluation plan. */
static ndr_status plan_build(plan *pl, const ndr_date *ends, size_t n, int window)
{
    memset(pl, 0, sizeof *pl);
    pl->nperiods = n;
    pl->dates = malloc(2 * n * sizeof *pl->dates);
    pl->t_idx = calloc(n, sizeof *pl->t_idx);
    pl->p_idx = calloc(n, sizeof *pl->p_idx);
    if (!pl->dates || !pl->t_idx || !pl->p_idx)
        return NDR_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        pl->dates[2 * i] = ends[i];
        pl->dates[2 * i + 1] = ndr_date_prior(ends[i], window);
    }
    qsort(pl->dates, 2 * n, sizeof *pl->dates, cmp_date);
    size_t k = 0;
    for (size_t i = 0; i < 2 * n; i++)
        if (k == 0 || pl->dates[i] != pl->dates[k - 1])
            pl->dates[k++] = pl->dates[i];
    pl->ndates = k;
    for (size_t i = 0; i < n; i++) {
        pl->t_idx[i] = find_date(pl, ends[i]);
        pl->p_idx[i] = find_date(pl, ndr_date_prior(ends[i], window));
    }
    pl->first_period = calloc(k + 1, sizeof *pl->first_period);
    if (!pl->first_period)
        return NDR_ERR_NOMEM;
    pl->p_sorted = 1;
    for (size_t i = 1; i < n; i++)
        if (pl->p_idx[i] < pl->p_idx[i - 1])
            pl->p_sorted = 0;
    for (size_t j = 0, q = 0; pl->p_sorted && j <= k; j++) {
        while (q < n && pl->p_idx[q] < j)
            q++;
        pl->first_period[j] = q;
    }
    size_t span = (size_t)(pl->dates[k - 1] - pl->dates[0]) + 1;
    pl->day_idx = malloc(span * sizeof *pl->day_idx);
    if (!pl->day_idx)
        return NDR_ERR_NOMEM;
    for (size_t d = 0, j = 0; d < span; d++) {
        while (pl->dates[j] < pl->dates[0] + (ndr_date)d)
            j++;
        pl->day_idx[d] = (uint32_t)j;
    }
    return NDR_OK;
}

/* Index of the first evaluation date on or after day (ndates if none). */
static size_t date_index(const plan *pl, ndr_date day)
{
    if (day <= pl->dates[0])
        return 0;
    if (day > pl->dates[pl->ndates - 1])
        return pl->ndates;
    return pl->day_idx[day - pl->dates[0]];
}

/* MRR of customer c at the plan dates, into mrr[lo..hi): outside that
 * range the customer's MRR is 0 (*lo == *hi when it never pays). diff has
 * ndates + 1 slots, all zero on entry and on return. Returns -1 on
 * overflow. Working only on the customer's active range keeps the sweep
 * proportional to the customer's lifetime, not to the whole history. */
static int customer_mrr(const ndr_dataset *ds, const plan *pl, uint32_t c, int only_cur,
                        ndr_money *diff, ndr_money *mrr, size_t *lo, size_t *hi)
{
    size_t k = pl->ndates, first = k, last = 0;
    int of = 0;
    for (uint32_t s = ds->cust_sub[c]; s < ds->cust_sub[c + 1]; s++) {
        if (only_cur >= 0 && ds->sub_cur[s] != only_cur)
            continue; /* -1: every subscription */
        const ndr_event *e = ds->ev + ds->sub_ev[s], *end = ds->ev + ds->sub_ev[s + 1];
        for (; e < end; e++) {
            /* a later event on the same day replaces this one */
            if (e->mrr == 0 || (e + 1 < end && e[1].day == e->day))
                continue;
            size_t a = date_index(pl, e->day);
            size_t b = e + 1 < end ? date_index(pl, e[1].day) : k;
            if (a >= b)
                continue;
            of |= __builtin_add_overflow(diff[a], e->mrr, &diff[a]);
            of |= __builtin_sub_overflow(diff[b], e->mrr, &diff[b]);
            first = a < first ? a : first;
            last = b > last ? b : last;
        }
    }
    ndr_money cur = 0;
    for (size_t j = first; j < last; j++) {
        of |= __builtin_add_overflow(cur, diff[j], &cur);
        mrr[j] = cur;
        diff[j] = 0;
    }
    if (last < k + 1)
        diff[last] = 0;
    *lo = first < last ? first : 0;
    *hi = first < last ? last : 0;
    return of ? -1 : 0;
}

static int add_pair(ndr_period *q, ndr_money p, ndr_money c)
{
    int of = 0;
    q->customers++;
    of |= __builtin_add_overflow(q->prior_mrr, p, &q->prior_mrr);
    of |= __builtin_add_overflow(q->current_mrr, c, &q->current_mrr);
    if (c > 0)
        q->retained_customers++;
    if (c > p) {
        of |= __builtin_add_overflow(q->expansion_mrr, c - p, &q->expansion_mrr);
        of |= __builtin_add_overflow(q->retained_mrr, p, &q->retained_mrr);
    } else if (c == 0) {
        of |= __builtin_add_overflow(q->churned_mrr, p, &q->churned_mrr);
    } else {
        of |= __builtin_add_overflow(q->contraction_mrr, p - c, &q->contraction_mrr);
        of |= __builtin_add_overflow(q->retained_mrr, c, &q->retained_mrr);
    }
    return of ? -1 : 0;
}

static ndr_status overflow(const ndr_dataset *ds, uint32_t c, char *msg, size_t msg_size)
{
    say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
        ndr_dataset_customer_id(ds, c, NULL));
    return NDR_ERR_OVERFLOW;
}

static ndr_status sweep(const ndr_dataset *ds, const plan *pl, ndr_period *out, char *msg,
                        size_t msg_size)
{
    ndr_money *diff = calloc(pl->ndates + 1, sizeof *diff);
    ndr_money *mrr = malloc((pl->ndates + 1) * sizeof *mrr);
    ndr_status st = NDR_OK;
    if (!diff || !mrr)
        st = NDR_ERR_NOMEM;
    for (uint32_t c = 0; st == NDR_OK && c < ds->customers.count; c++) {
        size_t lo, hi;
        int of = customer_mrr(ds, pl, c, -1, diff, mrr, &lo, &hi);
        /* only periods whose prior date falls in [lo, hi) can count c */
        for (size_t q = pl->first_period[lo]; !of && q < pl->nperiods; q++) {
            size_t pi = pl->p_idx[q], ti = pl->t_idx[q];
            if (pi >= hi) {
                if (pl->p_sorted)
                    break;
                continue;
            }
            if (pi < lo)
                continue;
            ndr_money p = mrr[pi];
            if (p > 0)
                of = add_pair(&out[q], p, ti < hi ? mrr[ti] : 0);
        }
        if (of)
            st = overflow(ds, c, msg, msg_size);
    }
    free(diff);
    free(mrr);
    return st;
}

/* ---- currencies ---------------------------------------------------------- */

/* Rates by currency index and plan date: rate[k * ndates + j] in 1e-8
 * units; 0 marks "no conversion" (the reporting currency, or none). */
typedef struct rates {
    ndr_money *rate;
    size_t ndates;
} rates;

/* Checks the data's currencies against the options and, when some need
 * converting, fills rt (rt->rate stays NULL when none does). */
static ndr_status plan_currencies(const ndr_dataset *ds, const ndr_report_options *opt,
                                  const plan *pl, rates *rt, char *msg, size_t msg_size)
{
    uint32_t rep = 0;
    char a[4], b[4], d[11];
    rt->rate = NULL;
    rt->ndates = pl->ndates;
    if (opt->currency[0] && ndr_currency_parse(opt->currency, strlen(opt->currency), &rep)) {
        say(msg, msg_size, "bad reporting currency '%s'", opt->currency);
        return NDR_ERR_ARG;
    }
    if (ds->cur_conflict) {
        size_t cl;
        const char *cust = ndr_dataset_customer_id(ds, ds->sub_cust[ds->conflict_sub], &cl);
        ndr_currency_format(ds->conflict_cur[0], a);
        ndr_currency_format(ds->conflict_cur[1], b);
        say(msg, msg_size, "a subscription of customer '%s' has amounts in both %s and %s", cust,
            a, b);
        return NDR_ERR_DATA;
    }
    if (opt->fx && rep == 0) {
        say(msg, msg_size, "converting currencies needs a reporting currency (--currency)");
        return NDR_ERR_ARG;
    }
    if (rep == 0 && ds->ncurs > 2) {
        char list[64] = "";
        for (unsigned k = 1; k < ds->ncurs && strlen(list) < 40; k++) {
            ndr_currency_format(ds->curs[k], a);
            size_t o = strlen(list);
            snprintf(list + o, sizeof list - o, "%s%s", k == 1 ? "" : k + 1 == ds->ncurs ? " and " : ", ", a);
        }
        say(msg, msg_size,
            "the input has amounts in %s: choose a reporting currency with --currency "
            "and give exchange rates with --fx",
            list);
        return NDR_ERR_CURRENCY;
    }
    int convert = 0;
    for (unsigned k = 1; k < ds->ncurs; k++)
        if (ds->curs[k] != rep && rep != 0) {
            if (opt->fx == NULL) {
                ndr_currency_format(ds->curs[k], a);
                ndr_currency_format(rep, b);
                say(msg, msg_size, "the input has amounts in %s, not %s: give exchange rates "
                                   "with --fx", a, b);
                return NDR_ERR_CURRENCY;
            }
            convert = 1;
        }
    if (!convert)
        return NDR_OK;
    rt->rate = calloc((size_t)ds->ncurs * pl->ndates + 1, sizeof *rt->rate);
    if (rt->rate == NULL)
        return NDR_ERR_NOMEM;
    for (unsigned k = 1; k < ds->ncurs; k++) {
        if (ds->curs[k] == rep)
            continue;
        for (size_t j = 0; j < pl->ndates; j++) {
            ndr_money *r = &rt->rate[k * pl->ndates + j];
            if (ndr_fx_lookup(opt->fx, ds->curs[k], pl->dates[j], r) == 0)
                continue;
            /* a prior date only needs a rate in the own-date mode */
            int needed = !opt->fx_constant;
            for (size_t q = 0; !needed && q < pl->nperiods; q++)
                needed = pl->t_idx[q] == j;
            if (!needed)
                continue;
            ndr_currency_format(ds->curs[k], a);
            ndr_date_format(pl->dates[j], d);
            say(msg, msg_size, "no exchange rate for %s on or before %s in the --fx file", a, d);
            free(rt->rate);
            rt->rate = NULL;
            return NDR_ERR_CURRENCY;
        }
    }
    return NDR_OK;
}

/* amount of currency index k converted at the rate of plan date j. */
static int convert(const rates *rt, unsigned k, size_t j, ndr_money amount, ndr_money *out)
{
    ndr_money r = rt->rate[k * rt->ndates + j];
    if (r == 0) {
        *out = amount;
        return 0;
    }
    return ndr_money_muldiv(amount, (uint64_t)r, (uint64_t)NDR_MONEY_SCALE, out);
}

/* The sweep when some amounts need converting: each customer's MRR is
 * built per currency, converted, and summed per period before it counts. */
static ndr_status sweep_fx(const ndr_dataset *ds, const plan *pl, const rates *rt,
                           int constant, ndr_period *out, char *msg, size_t msg_size)
{
    ndr_money *diff = calloc(pl->ndates + 1, sizeof *diff);
    ndr_money *mrr = malloc((pl->ndates + 1) * sizeof *mrr);
    ndr_money *pq = calloc(pl->nperiods + 1, sizeof *pq), *cq = calloc(pl->nperiods + 1, sizeof *cq);
    ndr_status st = NDR_OK;
    if (!diff || !mrr || !pq || !cq)
        st = NDR_ERR_NOMEM;
    for (uint32_t c = 0; st == NDR_OK && c < ds->customers.count; c++) {
        int of = 0;
        for (unsigned k = 0; !of && k < ds->ncurs; k++) {
            int present = 0;
            for (uint32_t s = ds->cust_sub[c]; s < ds->cust_sub[c + 1]; s++)
                present |= ds->sub_cur[s] == k;
            if (!present)
                continue;
            size_t lo, hi;
            of = customer_mrr(ds, pl, c, (int)k, diff, mrr, &lo, &hi);
            for (size_t q = 0; !of && q < pl->nperiods; q++) {
                size_t pi = pl->p_idx[q], ti = pl->t_idx[q];
                ndr_money p = pi >= lo && pi < hi ? mrr[pi] : 0;
                ndr_money v = ti >= lo && ti < hi ? mrr[ti] : 0;
                ndr_money pc, vc;
                of |= convert(rt, k, constant ? ti : pi, p, &pc);
                of |= convert(rt, k, ti, v, &vc);
                of |= __builtin_add_overflow(pq[q], pc, &pq[q]);
                of |= __builtin_add_overflow(cq[q], vc, &cq[q]);
            }
        }
        for (size_t q = 0; q < pl->nperiods; q++) {
            if (!of && pq[q] > 0)
                of = add_pair(&out[q], pq[q], cq[q]);
            pq[q] = cq[q] = 0;
        }
        if (of)
            st = overflow(ds, c, msg, msg_size);
    }
    free(diff);
    free(mrr);
    free(pq);
    free(cq);
    return st;
}

/* The period ends to report: the --as-of date, or every month end from
 * `window` months after the first event's month to the last month end on
 * or before the last event, within --from/--to. */
static ndr_status period_ends(const ndr_dataset *ds, const ndr_report_options *opt,
                              ndr_date **ends, size_t *n, char *msg, size_t msg_size)
{
    *n = 0;
    *ends = malloc(sizeof **ends);
    if (*ends == NULL)
        return NDR_ERR_NOMEM;
    if (opt->has_as_of) {
        (*ends)[(*n)++] = opt->as_of;
        return NDR_OK;
    }
    int first = ndr_month_of(ds->first) + opt->window_months;
    int last = ndr_month_of(ds->last) - (ds->last != ndr_date_month_end(ds->last));
    if (opt->from_month >= 0 && opt->from_month > first)
        first = opt->from_month;
    if (opt->to_month >= 0 && opt->to_month < last)
        last = opt->to_month;
    if (first > last) {
        char a[11], b[11];
        ndr_date_format(ds->first, a);
        ndr_date_format(ds->last, b);
        say(msg, msg_size,
            "no period end to report: the data runs from %s to %s, and a period end "
            "needs %d months of history before it%s",
            a, b, opt->window_months,
            opt->from_month >= 0 || opt->to_month >= 0 ? " and must lie in --from/--to" : "");
        return NDR_ERR_NO_PERIOD;
    }
    ndr_date *p = realloc(*ends, (size_t)(last - first + 1) * sizeof *p);
    if (p == NULL)
        return NDR_ERR_NOMEM;
    *ends = p;
    for (int m = first; m <= last; m++)
        p[(*n)++] = ndr_month_end(m);
    return NDR_OK;
}

static ndr_status check_options(const ndr_report_options *opt, char *msg, size_t msg_size)
{
    if (opt->window_months < 1 || opt->window_months > 1200) {
        say(msg, msg_size, "window must be 1 to 1200 months, not %d", opt->window_months);
        return NDR_ERR_ARG;
    }
    if (opt->has_as_of && (opt->from_month >= 0 || opt->to_month >= 0)) {
        say(msg, msg_size, "as-of cannot be combined with from/to");
        return NDR_ERR_ARG;
    }
    if (opt->from_month >= 0 && opt->to_month >= 0 && opt->from_month > opt->to_month) {
        say(msg, msg_size, "from is after to");
        return NDR_ERR_ARG;
    }
    if (opt->has_as_of && ndr_month_of(opt->as_of) - opt->window_months < 12) {
        say(msg, msg_size, "as-of date is too early: its prior date falls before year 1");
        return NDR_ERR_ARG;
    }
    return NDR_OK;
}

ndr_status ndr_report_compute(ndr_dataset *ds, const ndr_report_options *opt, ndr_report **out,
                              char *msg, size_t msg_size)
{
    ndr_report_options defaults;
    ndr_date *ends = NULL;
    size_t n = 0;
    plan pl;
    rates rt = {NULL, 0};
    ndr_status st;
    ndr_report *r = NULL;

    *out = NULL;
    if (opt == NULL) {
        ndr_report_options_init(&defaults);
        opt = &defaults;
    }
    if ((st = check_options(opt, msg, msg_size)) != NDR_OK)
        return st;
    if (ds->nev == 0 && ds->timeline.n == 0) {
        say(msg, msg_size, "no data rows to compute from");
        return NDR_ERR_NO_DATA;
    }
    memset(&pl, 0, sizeof pl);
    if ((st = ndr_dataset_sort(ds)) != NDR_OK ||
        (st = period_ends(ds, opt, &ends, &n, msg, msg_size)) != NDR_OK ||
        (st = plan_build(&pl, ends, n, opt->window_months)) != NDR_OK)
        goto done;
    r = calloc(1, sizeof *r);
    if (r == NULL || (r->periods = calloc(n, sizeof *r->periods)) == NULL) {
        st = NDR_ERR_NOMEM;
        goto done;
    }
    r->opt = *opt;
    for (size_t q = 0; q < n; q++) {
        r->periods[q].period_end = ends[q];
        r->periods[q].prior_period_end = ndr_date_prior(ends[q], opt->window_months);
    }
    if ((st = plan_currencies(ds, opt, &pl, &rt, msg, msg_size)) != NDR_OK)
        goto done;
    st = rt.rate ? sweep_fx(ds, &pl, &rt, opt->fx_constant, r->periods, msg, msg_size)
                 : sweep(ds, &pl, r->periods, msg, msg_size);
    if (st != NDR_OK)
        goto done;
    /* the default range starts at the first period with a paying cohort */
    size_t skip = 0;
    while (!opt->has_as_of && skip < n && r->periods[skip].customers == 0)
        skip++;
    if (skip == n && !opt->has_as_of) {
        say(msg, msg_size, "no period end has a paying cohort: no customer had MRR > 0 "
                           "at any prior date in range");
        st = NDR_ERR_NO_PERIOD;
        goto done;
    }
    memmove(r->periods, r->periods + skip, (n - skip) * sizeof *r->periods);
    r->n = n - skip;
done:
    if (st == NDR_ERR_NOMEM)
        say(msg, msg_size, "out of memory");
    if (st == NDR_ERR_DATA && ds->flush_msg[0])
        say(msg, msg_size, "%s", ds->flush_msg);
    free(rt.rate);
    plan_free(&pl);
    free(ends);
    if (st != NDR_OK) {
        ndr_report_free(r);
        r = NULL;
    }
    *out = r;
    return st;
}

size_t ndr_report_count(const ndr_report *r) { return r->n; }

const ndr_period *ndr_report_period(const ndr_report *r, size_t i)
{
    return i < r->n ? &r->periods[i] : NULL;
}

const ndr_report_options *ndr_report_get_options(const ndr_report *r) { return &r->opt; }

void ndr_report_free(ndr_report *r)
{
    if (r == NULL)
        return;
    free(r->periods);
    free(r);
}
