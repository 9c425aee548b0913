/* report.c - computes trailing-window retention from a sorted data set.
 *
 * One pass over customers (snapshot.h). For each customer the MRR at every
 * date the report needs (each period end T and prior date P) is built,
 * then every period adds the customer's (prior, current) pair to its
 * totals. Cost: O(events + customers x dates), memory O(dates). */
#include "date.h"
#include "dataset.h"
#include "methods.h"
#include "snapshot.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct ndr_report {
    ndr_report_options opt;
    ndr_period *periods;
    size_t n;
    size_t ngroups;
    char **group_names; /* bytes in names */
    ndr_arena names;
    ndr_period *groups; /* ngroups x n */
};

/* --by: which group each cohort customer counts in. */
typedef struct groups {
    size_t n;               /* 0: not grouping */
    uint32_t *rank;         /* by segment index: group number (names sorted) */
    size_t *cust_start;     /* by customer: its entries in ev */
    struct ndr_segev *ev;   /* sorted by customer, day, input order */
    ndr_period *periods;    /* n x nperiods, owned by the report */
    uint32_t none;          /* the group of "" (no value) */
} groups;

/* The snapshot dates of a report and, per period, where its T and P are. */
typedef struct plan {
    const ndr_report_options *opt;
    const unsigned char *survivor; /* per period, or NULL: count only customers
                                    * still paying at T */
    ndr_snap snap;
    size_t *t_idx, *p_idx; /* per period: index into snap.dates */
    size_t nperiods;
    int p_sorted;          /* p_idx never decreases with the period */
    size_t *first_period;  /* by date index j (0..ndates): when p_sorted, the
                            * first period with p_idx >= j; else 0 */
    groups grp;
} plan;

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
    opt->by_segment = 0;
    opt->method = NDR_METHOD_POINT;
    opt->period_months = 1;
    opt->basis_arr = 0;
    opt->min_prior_arr = 0;
    opt->min_current_arr = 0;
    opt->command = NULL;
    opt->has_data_through = 0;
    opt->data_through = 0;
    opt->has_today = 0;
    opt->today = 0;
}

static void plan_free(plan *pl)
{
    free(pl->grp.rank);
    free(pl->grp.cust_start);
    free(pl->grp.ev);
    ndr_snap_free(&pl->snap);
    free(pl->t_idx);
    free(pl->p_idx);
    free(pl->first_period);
}

/* Period ends T (in ends[]) and their prior dates -> the evaluation plan. */
static ndr_status plan_build(plan *pl, const ndr_date *ends, const ndr_date *priors, size_t n)
{
    pl->nperiods = n;
    ndr_date *dates = malloc(2 * n * sizeof *dates);
    pl->t_idx = calloc(n, sizeof *pl->t_idx);
    pl->p_idx = calloc(n, sizeof *pl->p_idx);
    if (!dates || !pl->t_idx || !pl->p_idx) {
        free(dates);
        return NDR_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        dates[2 * i] = ends[i];
        dates[2 * i + 1] = priors[i];
    }
    ndr_status st = ndr_snap_init(&pl->snap, dates, 2 * n);
    if (st != NDR_OK)
        return st;
    size_t k = pl->snap.ndates;
    for (size_t i = 0; i < n; i++) {
        pl->t_idx[i] = ndr_snap_find(&pl->snap, ends[i]);
        pl->p_idx[i] = ndr_snap_find(&pl->snap, priors[i]);
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
    return NDR_OK;
}

int ndr_period_add(ndr_period *q, ndr_money p, ndr_money c)
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

int ndr_period_complete(ndr_date end, ndr_date first, ndr_date through)
{
    int y, m, d;
    ndr_date_to_ymd(first, &y, &m, &d);
    return end <= through && !(ndr_month_of(end) == ndr_month_of(first) && d > 1);
}

static ndr_status overflow(const ndr_dataset *ds, uint32_t c, char *msg, size_t msg_size)
{
    ndr_say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
        ndr_dataset_customer_id(ds, c, NULL));
    return NDR_ERR_OVERFLOW;
}

/* The group of customer c at day p: its segment value from its latest
 * entry on or before p, else its earliest. */
static size_t group_of(const plan *pl, uint32_t c, ndr_date p)
{
    const groups *g = &pl->grp;
    size_t a = g->cust_start[c], b = g->cust_start[c + 1];
    if (a == b)
        return g->none;
    size_t i = b;
    while (i > a + 1 && g->ev[i - 1].day > p)
        i--;
    return g->rank[g->ev[i - 1].seg];
}

/* Adds customer c's (p, v) for period q to the totals and its group, when
 * it belongs to the cohort. */
static int count_pair(plan *pl, ndr_period *out, size_t q, uint32_t c, ndr_money p, ndr_money v)
{
    if (!ndr_cohort_member(pl->opt, pl->survivor && pl->survivor[q], p, v, 1))
        return 0;
    int of = ndr_period_add(&out[q], p, v);
    if (!of && pl->grp.n)
        of = ndr_period_add(&pl->grp.periods[group_of(pl, c, out[q].prior_period_end) * pl->nperiods + q],
                      p, v);
    return of;
}

static int segev_cmp(const void *pa, const void *pb)
{
    const struct ndr_segev *a = pa, *b = pb;
    if (a->cust != b->cust)
        return a->cust < b->cust ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static const ndr_dataset *names_ds; /* qsort has no context argument */

static int name_cmp(const void *pa, const void *pb)
{
    size_t la, lb;
    const char *a = ndr_idmap_key(&names_ds->segments, *(const uint32_t *)pa, &la);
    const char *b = ndr_idmap_key(&names_ds->segments, *(const uint32_t *)pb, &lb);
    int c = memcmp(a, b, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

/* Prepares --by: segment entries by customer, groups sorted by name, and
 * the report's per-group periods. */
static ndr_status groups_build(ndr_dataset *ds, plan *pl, ndr_report *r, char *msg,
                               size_t msg_size)
{
    groups *g = &pl->grp;
    if (!ds->has_segments) {
        ndr_say(msg, msg_size, "grouping by segment needs a segment column read with the data");
        return NDR_ERR_ARG;
    }
    int64_t none = ndr_dataset_segment_index(ds, "", 0); /* the group of "no value" */
    if (none < 0)
        return NDR_ERR_NOMEM;
    size_t ng = ds->segments.count, nc = ds->customers.count;
    uint32_t *order = malloc(ng * sizeof *order);
    g->rank = calloc(ng + 1, sizeof *g->rank);
    g->cust_start = calloc(nc + 2, sizeof *g->cust_start);
    g->ev = malloc((ds->nsegev + 1) * sizeof *g->ev);
    r->group_names = calloc(ng, sizeof *r->group_names);
    r->groups = calloc(ng * pl->nperiods + 1, sizeof *r->groups);
    if (!order || !g->rank || !g->cust_start || !g->ev || !r->group_names || !r->groups) {
        free(order);
        return NDR_ERR_NOMEM;
    }
    if (ds->nsegev)
        memcpy(g->ev, ds->segev, ds->nsegev * sizeof *g->ev);
    qsort(g->ev, ds->nsegev, sizeof *g->ev, segev_cmp);
    for (size_t i = 0; i < ds->nsegev; i++)
        g->cust_start[g->ev[i].cust + 1]++;
    for (size_t c = 0; c < nc; c++)
        g->cust_start[c + 1] += g->cust_start[c];
    for (uint32_t i = 0; i < ng; i++)
        order[i] = i;
    names_ds = ds;
    qsort(order, ng, sizeof *order, name_cmp);
    ndr_status st = NDR_OK;
    for (size_t k = 0; k < ng; k++) {
        size_t len;
        const char *name = ndr_idmap_key(&ds->segments, order[k], &len);
        g->rank[order[k]] = (uint32_t)k;
        if ((r->group_names[k] = ndr_arena_strdup(&r->names, name, len)) == NULL)
            st = NDR_ERR_NOMEM;
    }
    free(order);
    g->none = g->rank[none];
    r->ngroups = ng;
    g->n = ng;
    g->periods = r->groups;
    return st;
}

static ndr_status sweep(const ndr_dataset *ds, plan *pl, ndr_period *out, char *msg,
                        size_t msg_size)
{
    ndr_money *mrr = malloc((pl->snap.ndates + 1) * sizeof *mrr);
    ndr_status st = mrr ? NDR_OK : NDR_ERR_NOMEM;
    for (uint32_t c = 0; st == NDR_OK && c < ds->customers.count; c++) {
        size_t lo, hi;
        int of = ndr_snap_customer_native(&pl->snap, ds, c, -1, mrr, &lo, &hi);
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
                of = count_pair(pl, out, q, c, p, ti < hi ? mrr[ti] : 0);
        }
        if (of)
            st = overflow(ds, c, msg, msg_size);
    }
    free(mrr);
    return st;
}

/* ---- currencies ---------------------------------------------------------- */

/* Loads the rates the report needs: every snapshot date in spot mode, only
 * the period ends in constant mode. */
static ndr_status plan_currencies(const ndr_dataset *ds, const ndr_report_options *opt,
                                  plan *pl, char *msg, size_t msg_size)
{
    unsigned char *needed = calloc(pl->snap.ndates + 1, 1);
    if (needed == NULL)
        return NDR_ERR_NOMEM;
    for (size_t q = 0; q < pl->nperiods; q++) {
        needed[pl->t_idx[q]] = 1;
        if (!opt->fx_constant)
            needed[pl->p_idx[q]] = 1;
    }
    ndr_status st = ndr_snap_currencies(&pl->snap, ds, opt, needed, msg, msg_size);
    free(needed);
    return st;
}

/* The sweep when some amounts need converting: each customer's MRR is
 * built per currency, converted (the prior MRR at P's rates, or T's when
 * constant), and summed per period before it counts. */
static ndr_status sweep_fx(const ndr_dataset *ds, plan *pl, int constant, ndr_period *out,
                           char *msg, size_t msg_size)
{
    ndr_money *mrr = malloc((pl->snap.ndates + 1) * sizeof *mrr);
    ndr_money *pq = calloc(pl->nperiods + 1, sizeof *pq), *cq = calloc(pl->nperiods + 1, sizeof *cq);
    ndr_status st = mrr && pq && cq ? NDR_OK : NDR_ERR_NOMEM;
    for (uint32_t c = 0; st == NDR_OK && c < ds->customers.count; c++) {
        int of = 0;
        for (unsigned k = 0; !of && k < ds->ncurs; k++) {
            int present = 0;
            for (uint32_t s = ds->cust_sub[c]; s < ds->cust_sub[c + 1]; s++)
                present |= ds->sub_cur[s] == k;
            if (!present)
                continue;
            size_t lo, hi;
            of = ndr_snap_customer_native(&pl->snap, ds, c, (int)k, mrr, &lo, &hi);
            for (size_t q = 0; !of && q < pl->nperiods; q++) {
                size_t pi = pl->p_idx[q], ti = pl->t_idx[q];
                ndr_money p = pi >= lo && pi < hi ? mrr[pi] : 0;
                ndr_money v = ti >= lo && ti < hi ? mrr[ti] : 0;
                ndr_money pc, vc;
                of |= ndr_snap_convert(&pl->snap, k, constant ? ti : pi, p, &pc);
                of |= ndr_snap_convert(&pl->snap, k, ti, v, &vc);
                of |= __builtin_add_overflow(pq[q], pc, &pq[q]);
                of |= __builtin_add_overflow(cq[q], vc, &cq[q]);
            }
        }
        for (size_t q = 0; q < pl->nperiods; q++) {
            if (!of && pq[q] > 0)
                of = count_pair(pl, out, q, c, pq[q], cq[q]);
            pq[q] = cq[q] = 0;
        }
        if (of)
            st = overflow(ds, c, msg, msg_size);
    }
    free(mrr);
    free(pq);
    free(cq);
    return st;
}

/* The period ends to report: the --as-of date, or the month ends from the
 * first one with the history its method needs (`window` months after the
 * first event's month for the point rate) to the last month end on or
 * before the last event, within --from/--to, every period_months counted
 * back from the last. */
/* The last month end on or before day, as a month index. */
static int last_month_end(ndr_date day)
{
    return ndr_month_of(day) - (day != ndr_date_month_end(day));
}

/* A shard's period ends: every month end that the whole input's report
 * could have (see ndr_report_ends), so the merge finds each of them: from
 * the later of --from and the shard's own first, to --to, --data-through or the horizon
 * (the latest "as of" date of any shard's row), monthly; today is the
 * merge's to apply. */
static ndr_status shard_ends(const ndr_dataset *ds, const ndr_report_options *opt,
                             ndr_date **ends, size_t *n)
{
    /* from its own first: an end before it has none of its customers
     * (merge counts a shard's missing early ends as 0), so --from earlier
     * than the data writes no empty periods */
    int first = ndr_month_of(ds->first) + ndr_method_lead_months(opt);
    if (opt->from_month > first)
        first = opt->from_month;
    ndr_date t = ds->has_through ? ds->through : ds->last;
    if (ds->has_horizon && ds->horizon > t)
        t = ds->horizon;
    if (opt->has_data_through)
        t = opt->data_through;
    int last = last_month_end(t);
    if (opt->to_month >= 0)
        last = opt->to_month;
    if (first > last)
        return NDR_OK;
    ndr_date *p = realloc(*ends, (size_t)(last - first + 1) * sizeof *p);
    if (p == NULL)
        return NDR_ERR_NOMEM;
    *ends = p;
    for (int m = first; m <= last; m++)
        p[(*n)++] = ndr_month_end(m);
    return NDR_OK;
}

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
    if (ds->shard_n)
        return shard_ends(ds, opt, ends, n);
    return ndr_report_ends(opt, ds->first, ndr_snap_through(ds, opt), ends, n, msg, msg_size);
}

ndr_status ndr_report_ends(const ndr_report_options *opt, ndr_date data_first,
                           ndr_date data_last, ndr_date **ends, size_t *n, char *msg,
                           size_t msg_size)
{
    int first = ndr_month_of(data_first) + ndr_method_lead_months(opt);
    int last = last_month_end(data_last);
    if (opt->from_month >= 0 && opt->from_month > first)
        first = opt->from_month;
    if (opt->to_month >= 0) /* past the data: reported as not final */
        last = opt->to_month;
    if (first > last) {
        char a[11], b[11];
        ndr_date_format(data_first, a);
        ndr_date_format(data_last, b);
        ndr_say(msg, msg_size,
            "no period end to report: the data runs from %s to %s, and a period end "
            "needs %d months of history before it%s",
            a, b, ndr_method_lead_months(opt),
            opt->from_month >= 0 || opt->to_month >= 0 ? " and must lie in --from/--to" : "");
        return NDR_ERR_NO_PERIOD;
    }
    int step = opt->period_months, count = (last - first) / step + 1;
    ndr_date *p = realloc(*ends, (size_t)count * sizeof *p);
    if (p == NULL)
        return NDR_ERR_NOMEM;
    *ends = p;
    for (int m = last - (count - 1) * step; m <= last; m += step)
        p[(*n)++] = ndr_month_end(m);
    return NDR_OK;
}

static ndr_status check_options(const ndr_report_options *opt, char *msg, size_t msg_size)
{
    if (opt->window_months < 1 || opt->window_months > 1200) {
        ndr_say(msg, msg_size, "window must be 1 to 1200 months, not %d", opt->window_months);
        return NDR_ERR_ARG;
    }
    if (opt->has_as_of && (opt->from_month >= 0 || opt->to_month >= 0)) {
        ndr_say(msg, msg_size, "as-of cannot be combined with from/to");
        return NDR_ERR_ARG;
    }
    if (opt->from_month >= 0 && opt->to_month >= 0 && opt->from_month > opt->to_month) {
        ndr_say(msg, msg_size, "from is after to");
        return NDR_ERR_ARG;
    }
    ndr_status st = ndr_snap_check_years(opt, msg, msg_size);
    if (st != NDR_OK)
        return st;
    /* the earliest date read: the window (and a method's parts) back */
    int lo = ndr_month_of(NDR_DAY_MIN), lead = ndr_method_lead_months(opt);
    if ((opt->has_as_of && ndr_month_of(opt->as_of) - lead < lo) ||
        (opt->from_month >= 0 && opt->from_month - lead < lo)) {
        ndr_say(msg, msg_size, "%s minus the window falls before 1900",
                opt->has_as_of ? "as-of" : "from");
        return NDR_ERR_ARG;
    }
    return ndr_method_check(opt, msg, msg_size);
}

/* The group "" exists for customers without a value; drop it when none
 * of them is in any cohort. */
static void drop_empty_none(ndr_report *r, uint32_t none)
{
    if (r->ngroups == 0 || r->group_names[none][0] != '\0')
        return;
    for (size_t q = 0; q < r->n; q++)
        if (r->groups[none * r->n + q].customers)
            return;
    memmove(r->group_names + none, r->group_names + none + 1,
            (r->ngroups - none - 1) * sizeof *r->group_names);
    memmove(r->groups + none * r->n, r->groups + (none + 1) * r->n,
            (r->ngroups - none - 1) * r->n * sizeof *r->groups);
    r->ngroups--;
}

/* Builds the plan of the (end, prior) pairs with opt's currencies. */
static ndr_status plan_prepare(const ndr_dataset *ds, const ndr_report_options *opt, plan *pl,
                               const ndr_date *ends, const ndr_date *priors,
                               const unsigned char *survivor, size_t n, char *msg,
                               size_t msg_size)
{
    memset(pl, 0, sizeof *pl);
    pl->opt = opt;
    pl->survivor = survivor;
    ndr_status st = plan_build(pl, ends, priors, n);
    if (st == NDR_OK)
        st = plan_currencies(ds, opt, pl, msg, msg_size);
    return st;
}

static ndr_status plan_sweep(const ndr_dataset *ds, plan *pl, ndr_period *out, char *msg,
                             size_t msg_size)
{
    return pl->snap.rate ? sweep_fx(ds, pl, pl->opt->fx_constant, out, msg, msg_size)
                         : sweep(ds, pl, out, msg, msg_size);
}

ndr_status ndr_report_pairs(const ndr_dataset *ds, const ndr_report_options *opt,
                            const ndr_date *ends, const ndr_date *priors,
                            const unsigned char *survivor, size_t n, ndr_period *out, char *msg,
                            size_t msg_size)
{
    plan pl;
    for (size_t q = 0; q < n; q++) {
        memset(&out[q], 0, sizeof out[q]);
        out[q].period_end = ends[q];
        out[q].prior_period_end = priors[q];
    }
    ndr_status st = plan_prepare(ds, opt, &pl, ends, priors, survivor, n, msg, msg_size);
    if (st == NDR_OK)
        st = plan_sweep(ds, &pl, out, msg, msg_size);
    plan_free(&pl);
    return st;
}

/* The point and survivor rates, with --by groups: one sweep. */
static ndr_status compute_point(ndr_dataset *ds, const ndr_report_options *opt, ndr_report *r,
                                const ndr_date *ends, size_t n, plan *pl, char *msg,
                                size_t msg_size)
{
    ndr_date *priors = calloc(n + 1, sizeof *priors);
    unsigned char *surv = calloc(n + 1, 1);
    if (priors == NULL || surv == NULL) {
        free(priors);
        free(surv);
        return NDR_ERR_NOMEM;
    }
    ndr_status st = NDR_OK;
    for (size_t q = 0; q < n; q++) {
        priors[q] = ndr_date_prior(ends[q], opt->window_months);
        surv[q] = opt->method == NDR_METHOD_SURVIVOR;
        r->periods[q].period_end = ends[q];
        r->periods[q].prior_period_end = priors[q];
    }
    if (st == NDR_OK)
        st = plan_prepare(ds, opt, pl, ends, priors, surv, n, msg, msg_size);
    if (st == NDR_OK && opt->by_segment)
        st = groups_build(ds, pl, r, msg, msg_size);
    if (st == NDR_OK)
        st = plan_sweep(ds, pl, r->periods, msg, msg_size);
    pl->survivor = NULL;
    free(priors);
    free(surv);
    return st;
}

/* How many leading periods have no cohort (the default range only);
 * NDR_ERR_NO_PERIOD when none has one. */
static ndr_status leading_empty(const ndr_report *r, size_t n, size_t *skip, char *msg,
                                size_t msg_size)
{
    /* every figure within NDR_MONEY_MAX, what the formats and ratios are
     * exact for (only conversions or merged partials can get near it) */
    for (size_t q = 0; q < n * (1 + r->ngroups); q++) {
        const ndr_period *x = q < n ? &r->periods[q] : &r->groups[q - n];
        ndr_period t;
        memset(&t, 0, sizeof t);
        if (ndr_period_sum(&t, x)) {
            char e[11];
            ndr_date_format(x->period_end, e);
            ndr_say(msg, msg_size, "MRR sum out of range at %s (the limit is 10^25 currency units)", e);
            return NDR_ERR_OVERFLOW;
        }
    }
    *skip = 0;
    while (!r->opt.has_as_of && *skip < n && r->periods[*skip].customers == 0)
        (*skip)++;
    if (*skip == n && !r->opt.has_as_of) {
        ndr_say(msg, msg_size, "no period end has a paying cohort: no customer had MRR > 0 "
                           "at any prior date in range");
        return NDR_ERR_NO_PERIOD;
    }
    return NDR_OK;
}

ndr_status ndr_report_assemble(const ndr_report_options *opt, ndr_period *periods, size_t n,
                               ndr_report **out, char *msg, size_t msg_size)
{
    size_t skip;
    ndr_report *r = calloc(1, sizeof *r);
    *out = NULL;
    if (r == NULL) {
        free(periods);
        return NDR_ERR_NOMEM;
    }
    ndr_arena_init(&r->names);
    r->opt = *opt;
    r->periods = periods;
    r->n = n;
    ndr_status st = leading_empty(r, n, &skip, msg, msg_size);
    if (st != NDR_OK) {
        ndr_report_free(r);
        return st;
    }
    memmove(r->periods, r->periods + skip, (n - skip) * sizeof *r->periods);
    r->n = n - skip;
    *out = r;
    return NDR_OK;
}

/* Drops the leading periods without a cohort (the default range only) and
 * fills in the groups' dates. */
static ndr_status trim(ndr_report *r, size_t n, const plan *pl, char *msg, size_t msg_size)
{
    size_t skip;
    ndr_status st = leading_empty(r, n, &skip, msg, msg_size);
    if (st != NDR_OK)
        return st;
    memmove(r->periods, r->periods + skip, (n - skip) * sizeof *r->periods);
    for (size_t g = 0; g < r->ngroups; g++) {
        ndr_period *gp = r->groups + g * n;
        /* compact: group g's periods move to g * (n - skip) */
        memmove(r->groups + g * (n - skip), gp + skip, (n - skip) * sizeof *gp);
    }
    r->n = n - skip;
    drop_empty_none(r, pl->grp.none);
    for (size_t g = 0; g < r->ngroups; g++)
        for (size_t q = 0; q < r->n; q++) {
            ndr_period *x = &r->groups[g * r->n + q];
            x->period_end = r->periods[q].period_end;
            x->prior_period_end = r->periods[q].prior_period_end;
            x->complete = r->periods[q].complete;
        }
    return NDR_OK;
}

/* --basis arr: every money figure x 12. */
static ndr_status annualise(ndr_report *r, char *msg, size_t msg_size)
{
    int of = 0;
    for (size_t q = 0; q < r->n; q++)
        of |= ndr_period_scale(&r->periods[q], 12);
    for (size_t q = 0; q < r->n * r->ngroups; q++)
        of |= ndr_period_scale(&r->groups[q], 12);
    if (of) {
        ndr_say(msg, msg_size, "ARR (MRR x 12) out of range");
        return NDR_ERR_OVERFLOW;
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
    ndr_status st;
    ndr_report *r = NULL;

    *out = NULL;
    if (opt == NULL) {
        ndr_report_options_init(&defaults);
        opt = &defaults;
    }
    if ((st = check_options(opt, msg, msg_size)) != NDR_OK)
        return st;
    if (ds->nev == 0 && ds->timeline.n == 0 && ds->join.npend == 0) {
        ndr_say(msg, msg_size, "no data rows to compute from");
        return NDR_ERR_NO_DATA;
    }
    memset(&pl, 0, sizeof pl);
    if ((st = ndr_dataset_sort(ds)) != NDR_OK ||
        (st = period_ends(ds, opt, &ends, &n, msg, msg_size)) != NDR_OK)
        goto done;
    r = calloc(1, sizeof *r);
    if (r)
        ndr_arena_init(&r->names);
    if (r == NULL || (r->periods = calloc(n ? n : 1, sizeof *r->periods)) == NULL) {
        st = NDR_ERR_NOMEM;
        goto done;
    }
    r->opt = *opt;
    if (n == 0) /* a shard whose data cannot reach a period end */
        goto done;
    if (opt->method == NDR_METHOD_POINT || opt->method == NDR_METHOD_SURVIVOR)
        st = compute_point(ds, opt, r, ends, n, &pl, msg, msg_size);
    else
        st = ndr_methods_fill(ds, opt, ends, n, r->periods, msg, msg_size);
    for (size_t q = 0; st == NDR_OK && q < n; q++)
        r->periods[q].complete =
            ndr_method_complete(opt, ends[q], ds->first, ndr_snap_through(ds, opt));
    if (st == NDR_OK && ds->shard_n)
        r->n = n; /* a shard keeps every period end for the merge */
    else if (st == NDR_OK)
        st = trim(r, n, &pl, msg, msg_size);
    if (st == NDR_OK && opt->basis_arr)
        st = annualise(r, msg, msg_size);
done:
    if (st == NDR_ERR_NOMEM)
        ndr_say(msg, msg_size, "out of memory");
    if (st == NDR_ERR_DATA && ds->flush_msg[0])
        ndr_say(msg, msg_size, "%s", ds->flush_msg);
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

size_t ndr_report_group_count(const ndr_report *r) { return r->ngroups; }

const char *ndr_report_group_name(const ndr_report *r, size_t g)
{
    return g < r->ngroups ? r->group_names[g] : NULL;
}

const ndr_period *ndr_report_group_period(const ndr_report *r, size_t g, size_t i)
{
    return g < r->ngroups && i < r->n ? &r->groups[g * r->n + i] : NULL;
}

void ndr_report_free(ndr_report *r)
{
    if (r == NULL)
        return;
    ndr_arena_free(&r->names);
    free(r->group_names);
    free(r->groups);
    free(r->periods);
    free(r);
}
