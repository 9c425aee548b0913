/* cohorts.c - the cohort triangle (ndr cohorts): customers grouped by the
 * period of their first paid month end, followed month by month from each
 * member's own start. One pass over customers on a snapshot of every month
 * end of the data (snapshot.h). */
#include "date.h"
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

ndr_status ndr_cohorts_compute(ndr_dataset *ds, const ndr_report_options *opt,
                               ndr_cohort_period period, ndr_cohorts **out, char *msg,
                               size_t msg_size)
{
    ndr_report_options defaults;
    ndr_snap s;
    ndr_status st;
    memset(&s, 0, sizeof s);
    *out = NULL;
    if ((st = ndr_snap_prepare(ds, &opt, &defaults, msg, msg_size)) != NDR_OK)
        return st;
    ndr_date through = ndr_snap_through(ds, opt);
    int m0 = ndr_month_of(ds->first);
    int m1 = ndr_month_of(through) - (through != ndr_date_month_end(through));
    if (m1 < m0) {
        ndr_say(msg, msg_size, "no complete month end in the data");
        return NDR_ERR_NO_PERIOD;
    }
    size_t nm = (size_t)(m1 - m0) + 1;
    int c0 = cohort_of(m0, period);
    size_t nslots = (size_t)(m1 - c0) + 1;
    ndr_date *dates = malloc(nm * sizeof *dates);
    ndr_money *mrr = malloc((nm + 1) * sizeof *mrr);
    ndr_money *sum = calloc(nslots * nm + 1, sizeof *sum);
    uint64_t *cnt = calloc(nslots * nm + 1, sizeof *cnt);
    int *max_start = malloc((nslots + 1) * sizeof *max_start);
    ndr_cohorts *r = calloc(1, sizeof *r);
    if (!dates || !mrr || !sum || !cnt || !max_start || !r) {
        free(dates);
        st = NDR_ERR_NOMEM;
        goto done;
    }
    for (size_t j = 0; j < nm; j++)
        dates[j] = ndr_month_end(m0 + (int)j);
    for (size_t k = 0; k < nslots; k++)
        max_start[k] = -1;
    if ((st = ndr_snap_init(&s, dates, nm)) != NDR_OK ||
        (st = ndr_snap_view_currencies(&s, ds, opt, 0, msg, msg_size)) != NDR_OK)
        goto done;
    for (uint32_t c = 0; st == NDR_OK && c < ds->customers.count; c++) {
        size_t lo, hi, f;
        if (ndr_snap_customer(&s, ds, c, mrr, &lo, &hi)) {
            ndr_say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
                    ndr_dataset_customer_id(ds, c, NULL));
            st = NDR_ERR_OVERFLOW;
            break;
        }
        for (f = lo; f < hi && mrr[f] <= 0; f++)
            ;
        if (f >= hi)
            continue; /* never paid at a month end */
        int first = m0 + (int)f;
        size_t slot = (size_t)(cohort_of(first, period) - c0);
        if ((int)f > max_start[slot])
            max_start[slot] = (int)f;
        int of = 0;
        for (size_t j = f; j < hi && !of; j++) {
            ndr_money *cell = &sum[slot * nm + (j - f)];
            of |= __builtin_add_overflow(*cell, mrr[j], cell);
            cnt[slot * nm + (j - f)] += mrr[j] > 0;
        }
        if (of) {
            ndr_say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
                    ndr_dataset_customer_id(ds, c, NULL));
            st = NDR_ERR_OVERFLOW;
        }
    }
    if (st != NDR_OK)
        goto done;
    /* cells of the cohorts in from/to, N while every member has N months */
    size_t ncells = 0;
    for (size_t k = 0; k < nslots; k++)
        if (max_start[k] >= 0)
            ncells += nm - (size_t)max_start[k];
    r->cells = calloc(ncells + 1, sizeof *r->cells);
    if (r->cells == NULL) {
        st = NDR_ERR_NOMEM;
        goto done;
    }
    r->period = period;
    for (size_t k = 0; k < nslots; k++) {
        int cm = c0 + (int)k;
        if (max_start[k] < 0 || (opt->from_month >= 0 && cm < cohort_of(opt->from_month, period)) ||
            (opt->to_month >= 0 && cm > opt->to_month))
            continue;
        for (size_t nn = 0; nn < nm - (size_t)max_start[k]; nn++) {
            ndr_cohort_cell *x = &r->cells[r->n++];
            x->cohort = cm;
            x->months_since_start = (int)nn;
            x->start_customers = cnt[k * nm];
            x->start_mrr = sum[k * nm];
            x->customers = cnt[k * nm + nn];
            x->mrr = sum[k * nm + nn];
        }
    }
done:
    if (st == NDR_ERR_NOMEM)
        ndr_say(msg, msg_size, "out of memory");
    ndr_snap_free(&s);
    free(mrr);
    free(sum);
    free(cnt);
    free(max_start);
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
