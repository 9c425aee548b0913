/* movements.c - the monthly MRR bridge of the whole base (ndr movements):
 * each customer's MRR at consecutive month ends, classified as new,
 * reactivation, expansion, contraction or churn. One pass over customers
 * on a snapshot of every month end since the data began (snapshot.h), so
 * "paid before" covers the whole history even when --from trims the
 * output. */
#include "date.h"
#include "status.h"
#include "dataset.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

struct ndr_movements {
    ndr_month_movement *m;
    size_t n;
};

/* One customer's step from a (previous month end) to b (this one). */
static int classify(ndr_month_movement *mv, ndr_money a, ndr_money b, int paid_before)
{
    int of = 0;
    if (a == 0 && b > 0) {
        if (paid_before) {
            mv->reactivated_customers++;
            of |= __builtin_add_overflow(mv->reactivation_mrr, b, &mv->reactivation_mrr);
        } else {
            mv->new_customers++;
            of |= __builtin_add_overflow(mv->new_mrr, b, &mv->new_mrr);
        }
    } else if (a > 0 && b == 0) {
        mv->churned_customers++;
        of |= __builtin_add_overflow(mv->churned_mrr, a, &mv->churned_mrr);
    } else if (b > a) {
        of |= __builtin_add_overflow(mv->expansion_mrr, b - a, &mv->expansion_mrr);
    } else if (b < a) {
        of |= __builtin_add_overflow(mv->contraction_mrr, a - b, &mv->contraction_mrr);
    }
    if (b > 0) {
        mv->closing_customers++;
        of |= __builtin_add_overflow(mv->closing_mrr, b, &mv->closing_mrr);
    }
    return of;
}

/* Month ends [first, last] as month indexes, from the data and opt. */
static ndr_status month_range(const ndr_dataset *ds, const ndr_report_options *opt, int *data0,
                              int *first, int *last, char *msg, size_t msg_size)
{
    ndr_date through = ndr_snap_through(ds, opt);
    *data0 = ndr_month_of(ds->first);
    *first = *data0;
    *last = ndr_month_of(through) - (through != ndr_date_month_end(through));
    if (opt->from_month >= 0 && opt->from_month > *first)
        *first = opt->from_month;
    if (opt->to_month >= 0) /* past the data: not complete (and a warning) */
        *last = opt->to_month;
    if (*first > *last) {
        char a[11], b[11];
        ndr_date_format(ds->first, a);
        ndr_date_format(through, b);
        ndr_say(msg, msg_size, "no month end to report: the data runs from %s to %s%s", a, b,
                opt->from_month >= 0 || opt->to_month >= 0 ? " (and --from/--to)" : "");
        return NDR_ERR_NO_PERIOD;
    }
    return NDR_OK;
}

static ndr_status sweep(const ndr_dataset *ds, ndr_snap *s, ndr_month_movement *mv, char *msg,
                        size_t msg_size)
{
    size_t nd = s->ndates; /* index 0: the month end before the data */
    ndr_money *mrr = malloc((nd + 1) * sizeof *mrr);
    if (mrr == NULL)
        return NDR_ERR_NOMEM;
    ndr_status st = NDR_OK;
    for (uint32_t c = 0; st == NDR_OK && c < ds->customers.count; c++) {
        size_t lo, hi;
        int of = ndr_snap_customer(s, ds, c, mrr, &lo, &hi);
        int paid = 0;
        size_t end = hi < nd - 1 ? hi : nd - 1;
        for (size_t j = lo > 1 ? lo : 1; !of && j <= end && lo < hi; j++) {
            ndr_money a = j - 1 >= lo && j - 1 < hi ? mrr[j - 1] : 0;
            ndr_money b = j < hi ? mrr[j] : 0;
            of |= classify(&mv[j - 1], a, b, paid);
            paid |= a > 0;
        }
        if (of) {
            ndr_say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
                    ndr_dataset_customer_id(ds, c, NULL));
            st = NDR_ERR_OVERFLOW;
        }
    }
    free(mrr);
    return st;
}

ndr_status ndr_movements_compute(ndr_dataset *ds, const ndr_report_options *opt,
                                 ndr_movements **out, char *msg, size_t msg_size)
{
    ndr_report_options defaults;
    int data0, first, last;
    ndr_snap s;
    ndr_status st;
    memset(&s, 0, sizeof s);
    *out = NULL;
    if ((st = ndr_snap_prepare(ds, &opt, &defaults, msg, msg_size)) != NDR_OK)
        return st;
    if ((st = month_range(ds, opt, &data0, &first, &last, msg, msg_size)) != NDR_OK)
        return st;
    /* month ends from the one before the data to the last reported */
    size_t nd = (size_t)(last - data0) + 2;
    ndr_date *dates = malloc(nd * sizeof *dates);
    ndr_movements *m = calloc(1, sizeof *m);
    ndr_month_movement *mv = calloc(nd, sizeof *mv);
    if (dates == NULL || m == NULL || mv == NULL) {
        free(dates);
        st = NDR_ERR_NOMEM;
        goto done;
    }
    for (size_t j = 0; j < nd; j++)
        dates[j] = ndr_month_end(data0 - 1 + (int)j);
    if ((st = ndr_snap_init(&s, dates, nd)) != NDR_OK ||
        (st = ndr_snap_view_currencies(&s, ds, opt, 1, msg, msg_size)) != NDR_OK ||
        (st = sweep(ds, &s, mv, msg, msg_size)) != NDR_OK)
        goto done;
    for (size_t j = 0; j + 1 < nd; j++) {
        mv[j].month_end = dates[j + 1];
        mv[j].opening_mrr = j ? mv[j - 1].closing_mrr : 0;
        mv[j].complete = ndr_period_complete(dates[j + 1], ds->first, ndr_snap_through(ds, opt));
    }
    /* keep [first, last] */
    size_t skip = (size_t)(first - data0), n = (size_t)(last - first) + 1;
    memmove(mv, mv + skip, n * sizeof *mv);
    m->m = mv;
    m->n = n;
    mv = NULL;
done:
    if (st == NDR_ERR_NOMEM)
        ndr_say(msg, msg_size, "out of memory");
    ndr_snap_free(&s);
    free(mv);
    if (st != NDR_OK) {
        ndr_movements_free(m);
        m = NULL;
    }
    *out = m;
    return st;
}

size_t ndr_movements_count(const ndr_movements *m) { return m->n; }

const ndr_month_movement *ndr_movements_get(const ndr_movements *m, size_t i)
{
    return i < m->n ? &m->m[i] : NULL;
}

void ndr_movements_free(ndr_movements *m)
{
    if (m == NULL)
        return;
    free(m->m);
    free(m);
}
