/* explain.c - the audit trail of one period end (ndr explain): every
 * cohort customer with its prior and current MRR, how it moved, and the
 * input rows behind both figures. The totals are computed the same way as
 * the report's, so they must match it to the unit. */
#include "date.h"
#include "period.h"
#include "status.h"
#include "dataset.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

struct ndr_explain {
    ndr_explain_row *rows;
    size_t n;
    ndr_period totals;
    ndr_arena text; /* the rows' strings */
};

void ndr_dataset_keep_rows(ndr_dataset *ds)
{
    ds->keep_rows = 1;
}

/* "file:line;file:line" of the events of customer c in force on day d
 * with MRR > 0, into the arena. */
static const char *rows_at(const ndr_dataset *ds, uint32_t c, ndr_date d, ndr_arena *a)
{
    char buf[1024];
    size_t o = 0;
    buf[0] = '\0';
    for (uint32_t s = ds->cust_sub[c]; ds->keep_rows && s < ds->cust_sub[c + 1]; s++) {
        size_t lo = ds->sub_ev[s], hi = ds->sub_ev[s + 1], i = hi;
        while (i > lo && ndr_ev_day(&ds->ev[i - 1]) > d)
            i--;
        if (i == lo || ndr_ev_mrr(&ds->ev[i - 1]) <= 0)
            continue;
        const struct ndr_prov *p = &ds->prov[ds->orig[i - 1]];
        int w = snprintf(buf + o, sizeof buf - o, "%s%s:%llu", o ? ";" : "",
                         ndr_dataset_input_name(ds, p->src),
                         (unsigned long long)p->line);
        if (w < 0 || (size_t)w >= sizeof buf - o)
            break; /* very many subscriptions: the list is cut */
        o += (size_t)w;
    }
    return ndr_arena_strdup(a, buf, o);
}

/* Customer c's MRR at P and T in the reporting currency (snapshot dates
 * 0 and 1, or one date when P == T cannot happen: window >= 1). */
static int customer_pair(ndr_snap *s, const ndr_dataset *ds, uint32_t c, int constant,
                         ndr_money *mrr, ndr_money *p, ndr_money *v)
{
    int of = 0;
    *p = *v = 0;
    for (unsigned k = 0; !of && k < (s->rate ? ds->ncurs : 1); k++) {
        size_t lo, hi;
        of = ndr_snap_customer_native(s, ds, c, s->rate ? (int)k : -1, mrr, &lo, &hi);
        ndr_money a = lo <= 0 && 0 < hi ? mrr[0] : 0, b = lo <= 1 && 1 < hi ? mrr[1] : 0;
        ndr_money ac, bc;
        of |= ndr_snap_convert(s, k, constant ? 1 : 0, a, &ac);
        of |= ndr_snap_convert(s, k, 1, b, &bc);
        of |= __builtin_add_overflow(*p, ac, p);
        of |= __builtin_add_overflow(*v, bc, v);
    }
    return of;
}

static int by_id(const void *pa, const void *pb)
{
    const ndr_explain_row *a = pa, *b = pb;
    return strcmp(a->customer_id, b->customer_id);
}

static int by_loss(const void *pa, const void *pb)
{
    const ndr_explain_row *a = pa, *b = pb;
    ndr_money x = a->prior_mrr - a->current_mrr, y = b->prior_mrr - b->current_mrr;
    return x != y ? (x < y) - (x > y) : strcmp(a->customer_id, b->customer_id);
}

/* With top: the largest losses, then the largest gains, top of each. */
static void keep_top(ndr_explain *e, size_t top)
{
    qsort(e->rows, e->n, sizeof *e->rows, by_loss); /* losses first, gains last */
    size_t losses = 0, gains = 0;
    while (losses < e->n && e->rows[losses].current_mrr < e->rows[losses].prior_mrr)
        losses++;
    while (gains < e->n - losses &&
           e->rows[e->n - 1 - gains].current_mrr > e->rows[e->n - 1 - gains].prior_mrr)
        gains++;
    size_t nl = losses < top ? losses : top, ng = gains < top ? gains : top;
    /* the gains, largest first, after the kept losses */
    for (size_t i = 0; i < ng; i++)
        e->rows[nl + i] = e->rows[e->n - 1 - i];
    e->n = nl + ng;
}

ndr_status ndr_explain_compute(ndr_dataset *ds, const ndr_report_options *opt, size_t top,
                               ndr_explain **out, char *msg, size_t msg_size)
{
    ndr_report_options defaults;
    ndr_snap s;
    ndr_status st;
    memset(&s, 0, sizeof s);
    *out = NULL;
    if (opt == NULL || !opt->has_as_of) {
        ndr_say(msg, msg_size, "explain needs a period end (as-of date)");
        return NDR_ERR_ARG;
    }
    if ((st = ndr_snap_prepare(ds, &opt, &defaults, msg, msg_size)) != NDR_OK)
        return st;
    ndr_explain *e = calloc(1, sizeof *e);
    ndr_date *dates = malloc(2 * sizeof *dates);
    ndr_money *mrr = malloc(3 * sizeof *mrr);
    if (e)
        ndr_arena_init(&e->text);
    if (!e || !dates || !mrr || !(e->rows = malloc((ds->customers.count + 1) * sizeof *e->rows))) {
        free(dates);
        st = NDR_ERR_NOMEM;
        goto done;
    }
    ndr_date p_day = ndr_date_prior(opt->as_of, opt->window_months), t_day = opt->as_of;
    dates[0] = p_day;
    dates[1] = t_day;
    unsigned char needed[2] = {(unsigned char)!opt->fx_constant, 1};
    if ((st = ndr_snap_init(&s, dates, 2)) != NDR_OK ||
        (st = ndr_snap_currencies(&s, ds, opt, needed, msg, msg_size)) != NDR_OK)
        goto done;
    e->totals.period_end = t_day;
    e->totals.prior_period_end = p_day;
    e->totals.complete = ndr_period_complete(t_day, ds->first, ndr_snap_through(ds, opt));
    for (uint32_t c = 0; c < ds->customers.count; c++) {
        ndr_money p, v;
        if (customer_pair(&s, ds, c, opt->fx_constant, mrr, &p, &v) ||
            (p > 0 && ndr_period_add(&e->totals, p, v))) {
            ndr_say(msg, msg_size, "MRR sum out of range (reached while adding customer '%s')",
                    ndr_dataset_customer_id(ds, c, NULL));
            st = NDR_ERR_OVERFLOW;
            goto done;
        }
        if (p <= 0)
            continue;
        ndr_explain_row *r = &e->rows[e->n++];
        size_t len;
        const char *id = ndr_dataset_customer_id(ds, c, &len);
        r->customer_id = ndr_arena_strdup(&e->text, id, len);
        r->prior_mrr = p;
        r->current_mrr = v;
        r->movement = v == 0 ? "churned" : v > p ? "expanded" : v < p ? "contracted" : "flat";
        r->prior_rows = rows_at(ds, c, p_day, &e->text);
        r->current_rows = rows_at(ds, c, t_day, &e->text);
        if (!r->customer_id || !r->prior_rows || !r->current_rows) {
            st = NDR_ERR_NOMEM;
            goto done;
        }
    }
    qsort(e->rows, e->n, sizeof *e->rows, by_id);
    if (top)
        keep_top(e, top);
done:
    if (st == NDR_ERR_NOMEM)
        ndr_say(msg, msg_size, "out of memory");
    ndr_snap_free(&s);
    free(mrr);
    if (st != NDR_OK) {
        ndr_explain_free(e);
        e = NULL;
    }
    *out = e;
    return st;
}

size_t ndr_explain_count(const ndr_explain *e) { return e->n; }

const ndr_explain_row *ndr_explain_get(const ndr_explain *e, size_t i)
{
    return i < e->n ? &e->rows[i] : NULL;
}

const ndr_period *ndr_explain_totals(const ndr_explain *e) { return &e->totals; }

void ndr_explain_free(ndr_explain *e)
{
    if (e == NULL)
        return;
    ndr_arena_free(&e->text);
    free(e->rows);
    free(e);
}
