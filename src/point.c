/* point.c - the point and survivor rates (see point.h): one sweep over
 * the customers (snapshot.h) builds each one's MRR at every date the
 * periods need (each period end T and prior date P), then every period
 * adds the customer's (prior, current) pair to its totals, and with --by
 * to its group's. Cost: O(events + customers x dates), memory O(dates). */
#include "point.h"
#include "date.h"
#include "period.h"
#include "snapshot.h"
#include "status.h"

#include <stdlib.h>
#include <string.h>

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

/* A segment's name, for sorting the groups (the key itself, so the
 * comparison needs no context: qsort has no argument for one). */
typedef struct named {
    const char *p;
    size_t len;
    uint32_t seg;
} named;

static int name_cmp(const void *pa, const void *pb)
{
    const named *a = pa, *b = pb;
    int c = memcmp(a->p, b->p, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Names the groups in name order into out (bytes in names) and ranks each
 * segment index by its group. */
static ndr_status name_groups(const ndr_dataset *ds, groups *g, ndr_point_groups *out,
                              ndr_arena *names)
{
    size_t ng = ds->segments.count;
    named *order = malloc((ng + 1) * sizeof *order);
    if (order == NULL)
        return NDR_ERR_NOMEM;
    for (uint32_t i = 0; i < ng; i++) {
        order[i].p = ndr_idmap_key(&ds->segments, i, &order[i].len);
        order[i].seg = i;
    }
    qsort(order, ng, sizeof *order, name_cmp);
    ndr_status st = NDR_OK;
    for (size_t k = 0; k < ng; k++) {
        g->rank[order[k].seg] = (uint32_t)k;
        if ((out->names[k] = ndr_arena_strdup(names, order[k].p, order[k].len)) == NULL)
            st = NDR_ERR_NOMEM;
    }
    free(order);
    return st;
}

/* Prepares --by: segment entries by customer, groups sorted by name, and
 * the per-group periods (out's, the caller's to free). */
static ndr_status groups_build(ndr_dataset *ds, plan *pl, ndr_point_groups *out,
                               ndr_arena *names, char *msg, size_t msg_size)
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
    g->rank = calloc(ng + 1, sizeof *g->rank);
    g->cust_start = calloc(nc + 2, sizeof *g->cust_start);
    g->ev = malloc((ds->nsegev + 1) * sizeof *g->ev);
    out->names = calloc(ng + 1, sizeof *out->names);
    out->periods = calloc(ng * pl->nperiods + 1, sizeof *out->periods);
    if (!g->rank || !g->cust_start || !g->ev || !out->names || !out->periods)
        return NDR_ERR_NOMEM;
    if (ds->nsegev)
        memcpy(g->ev, ds->segev, ds->nsegev * sizeof *g->ev);
    qsort(g->ev, ds->nsegev, sizeof *g->ev, segev_cmp);
    for (size_t i = 0; i < ds->nsegev; i++)
        g->cust_start[g->ev[i].cust + 1]++;
    for (size_t c = 0; c < nc; c++)
        g->cust_start[c + 1] += g->cust_start[c];
    ndr_status st = name_groups(ds, g, out, names);
    g->none = g->rank[none];
    out->none = g->none;
    out->n = ng;
    g->n = ng;
    g->periods = out->periods;
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

ndr_status ndr_point_pairs(const ndr_dataset *ds, const ndr_report_options *opt,
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
ndr_status ndr_point_compute(ndr_dataset *ds, const ndr_report_options *opt,
                             const ndr_date *ends, size_t n, ndr_period *out,
                             ndr_point_groups *g, ndr_arena *names, char *msg, size_t msg_size)
{
    plan pl;
    memset(&pl, 0, sizeof pl);
    memset(g, 0, sizeof *g);
    ndr_date *priors = calloc(n + 1, sizeof *priors);
    unsigned char *surv = calloc(n + 1, 1);
    if (!priors || !surv) {
        free(priors);
        free(surv);
        return NDR_ERR_NOMEM;
    }
    ndr_status st = NDR_OK;
    for (size_t q = 0; q < n; q++) {
        priors[q] = ndr_date_prior(ends[q], opt->window_months);
        surv[q] = opt->method == NDR_METHOD_SURVIVOR;
        out[q].period_end = ends[q];
        out[q].prior_period_end = priors[q];
    }
    if (st == NDR_OK)
        st = plan_prepare(ds, opt, &pl, ends, priors, surv, n, msg, msg_size);
    if (st == NDR_OK && opt->by_segment)
        st = groups_build(ds, &pl, g, names, msg, msg_size);
    if (st == NDR_OK)
        st = plan_sweep(ds, &pl, out, msg, msg_size);
    plan_free(&pl);
    free(priors);
    free(surv);
    return st;
}
