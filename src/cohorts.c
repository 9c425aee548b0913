/* cohorts.c - the cohort triangle (ndr cohorts): customers grouped by the
 * period of their first paid month end, followed month by month from each
 * member's own start. One pass over customers on a snapshot of every month
 * end of the data (snapshot.h). */
#include "date.h"
#include "status.h"
#include "dataset.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

struct ndr_cohorts {
    ndr_cohort_cell *cells;
    size_t n;
    ndr_cohort_period period;
};

/* The cohort's first month index of month index m. */
static int cohort_of(int m, ndr_cohort_period p)
{
    return p == NDR_COHORT_YEAR ? m / 12 * 12 : p == NDR_COHORT_QUARTER ? m / 3 * 3 : m;
}

/* The triangle, while it is built: for each cohort slot (a month index
 * from c0) and each month since its start, the MRR and customer count. */
typedef struct tri {
    int m0, m1;         /* month ends of the data: the snapshot dates */
    int c0, c1;         /* first and last cohort kept (--from, --to) */
    size_t nm, nslots;
    ndr_money *sum;     /* [slot * nm + months since start] */
    uint64_t *cnt;
    int *max_start;     /* by slot: the latest member start, as a date index */
} tri;

/* The most cells a cohort table may have: 1,000 months of monthly cohorts
 * (83 years) is about half of it, a business's real history far less. */
#define NDR_MAX_COHORT_CELLS 1000000

/* The cells the kept cohorts can have at most (each followed from its
 * first month to the last month end); too many is refused before any
 * memory is taken for them. */
static ndr_status check_size(const tri *t, ndr_cohort_period period, char *msg, size_t msg_size)
{
    int step = period == NDR_COHORT_YEAR ? 12 : period == NDR_COHORT_QUARTER ? 3 : 1;
    uint64_t cells = 0, cohorts = 0;
    for (int k = t->c0; k <= t->c1; k += step, cohorts++)
        cells += (uint64_t)(t->m1 - (k > t->m0 ? k : t->m0) + 1);
    if (cells <= NDR_MAX_COHORT_CELLS)
        return NDR_OK;
    ndr_say(msg, msg_size,
            "the cohort table would have up to %llu cells (%llu cohorts over %zu months), "
            "more than %d: narrow it with --from/--to, or use --cohort quarter or year",
            (unsigned long long)cells, (unsigned long long)cohorts, t->nm,
            NDR_MAX_COHORT_CELLS);
    return NDR_ERR_ARG;
}

static ndr_status overflow(const ndr_dataset *ds, uint32_t c, char *msg, size_t msg_size)
{
    ndr_say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
            ndr_dataset_customer_id(ds, c, NULL));
    return NDR_ERR_OVERFLOW;
}

/* Adds every customer whose cohort is kept into the triangle. */
static ndr_status sweep(tri *t, ndr_snap *s, const ndr_dataset *ds, ndr_cohort_period period,
                        ndr_money *mrr, char *msg, size_t msg_size)
{
    for (uint32_t c = 0; c < ds->customers.count; c++) {
        size_t lo, hi, f = 0;
        int of = ndr_snap_customer(s, ds, c, mrr, &lo, &hi);
        for (f = lo; !of && f < hi && mrr[f] <= 0; f++)
            ;
        int cm = cohort_of(t->m0 + (int)f, period);
        if (of)
            return overflow(ds, c, msg, msg_size);
        if (f >= hi || cm < t->c0 || cm > t->c1)
            continue; /* never paid at a month end, or a cohort not shown */
        size_t slot = (size_t)(cm - t->c0);
        if ((int)f > t->max_start[slot])
            t->max_start[slot] = (int)f;
        for (size_t j = f; j < hi && !of; j++) {
            ndr_money *cell = &t->sum[slot * t->nm + (j - f)];
            of |= __builtin_add_overflow(*cell, mrr[j], cell);
            t->cnt[slot * t->nm + (j - f)] += mrr[j] > 0;
        }
        if (of)
            return overflow(ds, c, msg, msg_size);
    }
    return NDR_OK;
}

/* The cells of the triangle: month N of a cohort while every member has
 * N months. */
static ndr_status collect(const tri *t, ndr_cohorts *r)
{
    size_t ncells = 0;
    for (size_t k = 0; k < t->nslots; k++)
        if (t->max_start[k] >= 0)
            ncells += t->nm - (size_t)t->max_start[k];
    r->cells = calloc(ncells + 1, sizeof *r->cells);
    if (r->cells == NULL)
        return NDR_ERR_NOMEM;
    for (size_t k = 0; k < t->nslots; k++) {
        for (size_t nn = 0; t->max_start[k] >= 0 && nn < t->nm - (size_t)t->max_start[k]; nn++) {
            ndr_cohort_cell *x = &r->cells[r->n++];
            x->cohort = t->c0 + (int)k;
            x->months_since_start = (int)nn;
            x->start_customers = t->cnt[k * t->nm];
            x->start_mrr = t->sum[k * t->nm];
            x->customers = t->cnt[k * t->nm + nn];
            x->mrr = t->sum[k * t->nm + nn];
        }
    }
    return NDR_OK;
}

/* The data's month ends and the cohorts kept. */
static ndr_status bounds(const ndr_dataset *ds, const ndr_report_options *opt,
                         ndr_cohort_period period, tri *t, char *msg, size_t msg_size)
{
    ndr_date through = ndr_snap_through(ds, opt);
    t->m0 = ndr_month_of(ds->first);
    t->m1 = ndr_month_of(through) - (through != ndr_date_month_end(through));
    if (t->m1 < t->m0) {
        ndr_say(msg, msg_size, "no complete month end in the data");
        return NDR_ERR_NO_PERIOD;
    }
    int lo = opt->from_month > t->m0 ? opt->from_month : t->m0;
    int hi = opt->to_month >= 0 && opt->to_month < t->m1 ? opt->to_month : t->m1;
    t->c0 = cohort_of(lo, period);
    t->c1 = cohort_of(hi, period);
    t->nm = (size_t)(t->m1 - t->m0) + 1;
    t->nslots = t->c1 >= t->c0 ? (size_t)(t->c1 - t->c0) + 1 : 0;
    return check_size(t, period, msg, msg_size);
}

ndr_status ndr_cohorts_compute(ndr_dataset *ds, const ndr_report_options *opt,
                               ndr_cohort_period period, ndr_cohorts **out, char *msg,
                               size_t msg_size)
{
    ndr_report_options defaults;
    ndr_snap s;
    tri t;
    ndr_status st;
    memset(&s, 0, sizeof s);
    memset(&t, 0, sizeof t);
    *out = NULL;
    if ((st = ndr_snap_prepare(ds, &opt, &defaults, msg, msg_size)) != NDR_OK ||
        (st = bounds(ds, opt, period, &t, msg, msg_size)) != NDR_OK)
        return st;
    ndr_date *dates = malloc(t.nm * sizeof *dates);
    ndr_money *mrr = malloc((t.nm + 1) * sizeof *mrr);
    t.sum = calloc(t.nslots * t.nm + 1, sizeof *t.sum);
    t.cnt = calloc(t.nslots * t.nm + 1, sizeof *t.cnt);
    t.max_start = malloc((t.nslots + 1) * sizeof *t.max_start);
    ndr_cohorts *r = calloc(1, sizeof *r);
    if (!dates || !mrr || !t.sum || !t.cnt || !t.max_start || !r) {
        free(dates);
        st = NDR_ERR_NOMEM;
        goto done;
    }
    r->period = period;
    for (size_t j = 0; j < t.nm; j++)
        dates[j] = ndr_month_end(t.m0 + (int)j);
    for (size_t k = 0; k < t.nslots; k++)
        t.max_start[k] = -1;
    if ((st = ndr_snap_init(&s, dates, t.nm)) == NDR_OK &&
        (st = ndr_snap_view_currencies(&s, ds, opt, 0, msg, msg_size)) == NDR_OK &&
        (st = sweep(&t, &s, ds, period, mrr, msg, msg_size)) == NDR_OK)
        st = collect(&t, r);
done:
    if (st == NDR_ERR_NOMEM)
        ndr_say(msg, msg_size, "out of memory");
    ndr_snap_free(&s);
    free(mrr);
    free(t.sum);
    free(t.cnt);
    free(t.max_start);
    if (st != NDR_OK) {
        ndr_cohorts_free(r);
        r = NULL;
    }
    *out = r;
    return st;
}

size_t ndr_cohorts_count(const ndr_cohorts *c) { return c->n; }

const ndr_cohort_cell *ndr_cohorts_get(const ndr_cohorts *c, size_t i)
{
    return i < c->n ? &c->cells[i] : NULL;
}

ndr_cohort_period ndr_cohorts_period(const ndr_cohorts *c) { return c->period; }

void ndr_cohorts_free(ndr_cohorts *c)
{
    if (c == NULL)
        return;
    free(c->cells);
    free(c);
}
