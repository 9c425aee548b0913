/* revenue.c - ratable revenue of customers over intervals (see revenue.h).
 *
 * A day's weight is LCM / (days in its month), so W(day), the weight of all
 * days before `day`, is LCM per whole month plus the days of its own month
 * so far: revenue of a constant MRR m over [a, b) is m x (W(b) - W(a)),
 * exactly, in units of 1/LCM. */
#include "revenue.h"
#include "period.h"
#include "status.h"
#include "date.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

typedef ndr_money wide; /* 128 bits */

#define LCM 377580 /* lcm(28, 29, 30, 31) */

static int64_t weight_before(ndr_date day)
{
    int y, m, d;
    ndr_date_to_ymd(day, &y, &m, &d);
    return (int64_t)(y * 12 + m - 1) * LCM + (int64_t)(d - 1) * (LCM / ndr_days_in_month(y, m));
}

/* An interval as days [from, to) with their weights; j is the index of
 * the snapshot date whose rates convert it. */
typedef struct span {
    ndr_date from, to;
    int64_t wfrom, wto;
    size_t j;
} span;

typedef struct job {
    const ndr_dataset *ds;
    const ndr_report_options *opt;
    const ndr_rev_pair *pairs;
    size_t n;
    span *spans;  /* 2n: prior and current interval of each pair */
    wide *acc;    /* 2n accumulators */
    int of;       /* an accumulator overflowed */
    ndr_money *pq, *cq; /* per pair: the customer's converted revenue */
    ndr_snap snap;
} job;

/* Adds customer c's revenue in subscriptions of currency k (-1: all) into
 * job->acc. */
static void accumulate(job *jb, uint32_t c, int k)
{
    const ndr_dataset *ds = jb->ds;
    for (uint32_t sub = ds->cust_sub[c]; sub < ds->cust_sub[c + 1]; sub++) {
        if (k >= 0 && ds->sub_cur[sub] != k)
            continue;
        const ndr_event *e = ds->ev + ds->sub_ev[sub], *end = ds->ev + ds->sub_ev[sub + 1];
        for (; e < end; e++) {
            ndr_money mrr = ndr_ev_mrr(e);
            ndr_date a = ndr_ev_day(e), b = e + 1 < end ? ndr_ev_day(e + 1) : INT32_MAX;
            if (mrr == 0 || b == a)
                continue;
            int64_t wa = -1, wb = -1; /* computed when first needed */
            for (size_t i = 0; i < 2 * jb->n; i++) {
                const span *s = &jb->spans[i];
                if (b <= s->from || a >= s->to)
                    continue;
                int64_t lo = a > s->from ? (wa >= 0 ? wa : (wa = weight_before(a))) : s->wfrom;
                int64_t hi = b < s->to ? (wb >= 0 ? wb : (wb = weight_before(b))) : s->wto;
                /* an MRR (< 2^74) times a weight (< 2^36) fits; the sum
                 * over very many subscriptions might not */
                jb->of |= __builtin_add_overflow(jb->acc[i], mrr * (hi - lo), &jb->acc[i]);
            }
        }
    }
}

/* Moves job->acc into the per-pair sums, converted; -1 on overflow. */
static int collect(job *jb, int k)
{
    int of = jb->of;
    jb->of = 0;
    for (size_t i = 0; i < 2 * jb->n; i++) {
        wide v = (jb->acc[i] + LCM / 2) / LCM;
        jb->acc[i] = 0;
        if (v > NDR_MONEY_MAX) {
            of = 1;
            continue;
        }
        ndr_money r = v, conv;
        of |= ndr_snap_convert(&jb->snap, k < 0 ? 0 : (unsigned)k, jb->spans[i].j, r, &conv);
        ndr_money *sum = i % 2 ? &jb->cq[i / 2] : &jb->pq[i / 2];
        of |= __builtin_add_overflow(*sum, conv, sum);
    }
    return of ? -1 : 0;
}

static ndr_status sweep(job *jb, ndr_period *out, char *msg, size_t msg_size)
{
    const ndr_dataset *ds = jb->ds;
    for (uint32_t c = 0; c < ds->customers.count; c++) {
        int of = 0;
        if (jb->snap.rate == NULL) {
            accumulate(jb, c, -1);
            of = collect(jb, -1);
        }
        for (unsigned k = 0; jb->snap.rate && !of && k < ds->ncurs; k++) {
            accumulate(jb, c, (int)k);
            of = collect(jb, (int)k);
        }
        for (size_t q = 0; q < jb->n; q++) {
            if (!of && ndr_cohort_member(jb->opt, 0, jb->pq[q], jb->cq[q], jb->pairs[q].months))
                of = ndr_period_add(&out[q], jb->pq[q], jb->cq[q]);
            jb->pq[q] = jb->cq[q] = 0;
        }
        if (of) {
            ndr_say(msg, msg_size, "revenue sum out of range (reached while adding customer '%s')",
                ndr_dataset_customer_id(ds, c, NULL));
            return NDR_ERR_OVERFLOW;
        }
    }
    return NDR_OK;
}

/* The spans of the pairs and the snapshot whose dates carry the rates. */
static ndr_status prepare(job *jb, char *msg, size_t msg_size)
{
    size_t n = jb->n;
    ndr_date *dates = malloc(3 * n * sizeof *dates);
    unsigned char *needed = NULL;
    jb->spans = malloc(2 * n * sizeof *jb->spans);
    jb->acc = calloc(2 * n, sizeof *jb->acc);
    jb->pq = calloc(n, sizeof *jb->pq);
    jb->cq = calloc(n, sizeof *jb->cq);
    if (!dates || !jb->spans || !jb->acc || !jb->pq || !jb->cq) {
        free(dates);
        return NDR_ERR_NOMEM;
    }
    for (size_t q = 0; q < n; q++) {
        const ndr_rev_pair *p = &jb->pairs[q];
        dates[3 * q] = p->prior_to;
        dates[3 * q + 1] = p->cur_to;
        dates[3 * q + 2] = p->period_end;
        jb->spans[2 * q] = (span){p->prior_from + 1, p->prior_to + 1, 0, 0, 0};
        jb->spans[2 * q + 1] = (span){p->cur_from + 1, p->cur_to + 1, 0, 0, 0};
    }
    ndr_status st = ndr_snap_init(&jb->snap, dates, 3 * n);
    if (st == NDR_OK && (needed = calloc(jb->snap.ndates, 1)) == NULL)
        st = NDR_ERR_NOMEM;
    for (size_t i = 0; st == NDR_OK && i < 2 * n; i++) {
        span *s = &jb->spans[i];
        s->wfrom = weight_before(s->from);
        s->wto = weight_before(s->to);
        s->j = ndr_snap_find(&jb->snap, jb->opt->fx_constant ? jb->pairs[i / 2].period_end
                                                             : s->to - 1);
        needed[s->j] = 1;
    }
    if (st == NDR_OK)
        st = ndr_snap_currencies(&jb->snap, jb->ds, jb->opt, needed, msg, msg_size);
    free(needed);
    return st;
}

ndr_status ndr_revenue_pairs(const ndr_dataset *ds, const ndr_report_options *opt,
                             const ndr_rev_pair *pairs, size_t n, ndr_period *out, char *msg,
                             size_t msg_size)
{
    job jb;
    memset(&jb, 0, sizeof jb);
    for (size_t q = 0; q < n; q++) { /* each part's own dates, for messages */
        out[q].period_end = pairs[q].cur_to;
        out[q].prior_period_end = pairs[q].prior_to;
    }
    jb.ds = ds;
    jb.opt = opt;
    jb.pairs = pairs;
    jb.n = n;
    ndr_status st = n ? prepare(&jb, msg, msg_size) : NDR_OK;
    if (st == NDR_OK && n)
        st = sweep(&jb, out, msg, msg_size);
    ndr_snap_free(&jb.snap);
    free(jb.spans);
    free(jb.acc);
    free(jb.pq);
    free(jb.cq);
    return st;
}
