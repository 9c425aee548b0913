/* methods.c - ndr methods: one period end under every methodology family
 * side by side (docs/methods.md), each with a line on why it differs from
 * the point rate, plus the "sum of movements over the window" that
 * analytics tools report and that no filing uses. */
#include "date.h"
#include "period.h"
#include "status.h"
#include "options.h"
#include "cells.h"
#include "snapshot.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NROWS = 8 };

struct ndr_methods {
    ndr_method_row rows[NROWS];
    size_t n;
};

static const struct {
    ndr_method method;
    const char *family, *filers;
} table[] = {
    {NDR_METHOD_POINT, "A", "Slack, Confluent, CrowdStrike, MongoDB"},
    {NDR_METHOD_TTM_WEIGHTED, "A'", "Datadog, Elastic"},
    {NDR_METHOD_TTM_MEAN, "A'", "Datadog, Elastic (unweighted reading)"},
    {NDR_METHOD_REVENUE_QUARTER, "B", "Twilio, Cloudflare"},
    {NDR_METHOD_REVENUE_TTM, "C", "Zscaler, Snowflake"},
    {NDR_METHOD_COMPOUND, "D", "HubSpot-style"},
    {NDR_METHOD_SURVIVOR, "E", "Figma, Fastly"},
};

/* The sum of the whole base's movements over the months of (P, T]:
 * opening MRR at P plus expansion and reactivation, less contraction and
 * churn, of every customer, including those new in the window. */
static ndr_status sum_of_movements(ndr_dataset *ds, const ndr_report_options *opt,
                                   ndr_method_row *row, char *msg, size_t msg_size)
{
    ndr_date t = opt->as_of, p = ndr_date_prior(t, opt->window_months);
    ndr_period *q = &row->period;
    row->name = "sum-of-movements";
    row->family = "-";
    row->filers = "analytics dashboards (no filing)";
    row->measure = opt->basis_arr ? "arr" : "mrr";
    q->period_end = t;
    q->prior_period_end = p;
    q->has_rate = 1;
    q->ndr_rate = q->grr_rate = q->logo_rate = NAN;
    if (t != ndr_date_month_end(t)) {
        snprintf(row->note, sizeof row->note, "needs a month-end --as-of: movements are monthly");
        return NDR_OK;
    }
    ndr_report_options o = *opt;
    o.has_as_of = 0;
    o.from_month = ndr_month_of(p) + 1;
    o.to_month = ndr_month_of(t);
    ndr_movements *m = NULL;
    ndr_status st = ndr_movements_compute(ds, &o, &m, msg, msg_size);
    if (st != NDR_OK)
        return st;
    uint64_t fresh = 0;
    int of = 0;
    size_t k = ndr_movements_count(m);
    for (size_t i = 0; i < k; i++) {
        const ndr_month_movement *x = ndr_movements_get(m, i);
        if (i == 0) {
            q->prior_mrr = x->opening_mrr;
            q->customers = x->closing_customers + x->churned_customers - x->new_customers -
                           x->reactivated_customers;
        }
        fresh += x->new_customers;
        of |= __builtin_add_overflow(q->expansion_mrr, x->expansion_mrr, &q->expansion_mrr);
        of |= __builtin_add_overflow(q->expansion_mrr, x->reactivation_mrr, &q->expansion_mrr);
        of |= __builtin_add_overflow(q->contraction_mrr, x->contraction_mrr, &q->contraction_mrr);
        of |= __builtin_add_overflow(q->churned_mrr, x->churned_mrr, &q->churned_mrr);
        q->complete = x->complete && (int)k == opt->window_months;
    }
    ndr_movements_free(m);
    q->current_mrr = q->prior_mrr + q->expansion_mrr - q->contraction_mrr - q->churned_mrr;
    q->retained_mrr = q->prior_mrr - q->contraction_mrr - q->churned_mrr;
    if (of || (opt->basis_arr && ndr_period_scale(q, 12))) {
        ndr_say(msg, msg_size, "MRR sum out of range");
        return NDR_ERR_OVERFLOW;
    }
    if (q->prior_mrr > 0) {
        q->ndr_rate = (double)((long double)q->current_mrr / (long double)q->prior_mrr);
        q->grr_rate = (double)((long double)q->retained_mrr / (long double)q->prior_mrr);
    }
    snprintf(row->note, sizeof row->note,
             "adds the window's movements of the whole base: the later expansion, contraction "
             "and churn of the %" PRIu64 " customer%s new in the window leak in",
             fresh, fresh == 1 ? "" : "s");
    return NDR_OK;
}

static double rate_of(const ndr_period *p)
{
    if (p->has_rate)
        return p->ndr_rate;
    return p->prior_mrr > 0 ? (double)((long double)p->current_mrr / (long double)p->prior_mrr)
                            : NAN;
}

/* The note of a row whose rate, or the point rate, is undefined: which
 * part and why, instead of a difference of "nan" points. */
static void undefined_note(ndr_method_row *r, const ndr_period *pt)
{
    const ndr_period *q = &r->period;
    char e[11], p[11];
    if (!(pt->prior_mrr > 0)) {
        ndr_date_format(pt->prior_period_end, p);
        snprintf(r->note, sizeof r->note, "n/a: the point rate is undefined (nobody paid at %s)",
                 p);
    } else if (q->undefined_end) {
        ndr_date_format(q->undefined_end, e);
        ndr_date_format(q->undefined_prior, p);
        snprintf(r->note, sizeof r->note,
                 "n/a: its part ending %s is undefined (nobody paid at %s), so the combined "
                 "rate is too", e, p);
    } else {
        ndr_date_format(q->prior_period_end, p);
        snprintf(r->note, sizeof r->note, "n/a: undefined (nobody in its cohort at %s)", p);
    }
}

/* The line on each row saying why it differs from the point rate. */
static void notes(ndr_methods *m, const ndr_report_options *opt)
{
    const ndr_period *pt = &m->rows[0].period;
    char v[NDR_MONEY_TEXT];
    int w = opt->window_months;
    for (size_t i = 0; i < m->n; i++) {
        ndr_method_row *r = &m->rows[i];
        const ndr_period *q = &r->period;
        double d = 100.0 * (rate_of(q) - rate_of(pt));
        char *note = r->note;
        size_t size = sizeof r->note;
        if (i > 0 && isnan(d)) {
            undefined_note(r, pt);
            continue;
        }
        if (i == 0) {
            snprintf(note, size,
                     "the reference: run rate at T of the %" PRIu64
                     " customers paying at P over their run rate at P; churn counts as 0",
                     q->customers);
            continue;
        }
        switch (i) {
        case 1:
            snprintf(note, size,
                     "prior-weighted average of the point rates at the 12 month ends to T: "
                     "lags the point rate (%+.2fpp)", d);
            break;
        case 2:
            snprintf(note, size,
                     "plain mean of the same 12 rates: each month counts alike, whatever its "
                     "cohort's size (%+.2fpp)", d);
            break;
        case 3:
            snprintf(note, size,
                     "revenue of the quarters ending at T and at P: %" PRIu64
                     " with revenue in the prior quarter vs %" PRIu64
                     " paying at P; changes count by days (%+.2fpp)", q->customers, pt->customers, d);
            break;
        case 4:
            snprintf(note, size,
                     "revenue of the %d months to T over the %d before: smooths, and lags the "
                     "run rate by about half a window (%+.2fpp)", w, w, d);
            break;
        case 5:
            snprintf(note, size,
                     "product of %d one-month rates: each month's cohort takes in the customers "
                     "new that month (%+.2fpp)", w, d);
            break;
        case 6:
            ndr_money_format(pt->churned_mrr, 2, v);
            snprintf(note, size,
                     "leaves out the %" PRIu64 " cohort customer%s gone at T (%s at P) (%+.2fpp)",
                     pt->customers - pt->retained_customers,
                     pt->customers - pt->retained_customers == 1 ? "" : "s", v, d);
            break;
        default: break;
        }
    }
}

ndr_status ndr_methods_compute(ndr_dataset *ds, const ndr_report_options *opt,
                               ndr_methods **out, char *msg, size_t msg_size)
{
    *out = NULL;
    if (opt == NULL || !opt->has_as_of) {
        ndr_say(msg, msg_size, "comparing methods needs an as-of date");
        return NDR_ERR_ARG;
    }
    ndr_methods *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NDR_ERR_NOMEM;
    ndr_status st = NDR_OK;
    for (size_t i = 0; st == NDR_OK && i < sizeof table / sizeof *table; i++) {
        ndr_report_options o = *opt;
        o.method = table[i].method;
        o.by_segment = 0;
        if (ndr_method_is_revenue(o.method))
            o.basis_arr = 0;
        ndr_report *r = NULL;
        st = ndr_report_compute(ds, &o, &r, msg, msg_size);
        if (st != NDR_OK)
            break;
        ndr_method_row *row = &m->rows[m->n++];
        row->name = ndr_method_name(o.method);
        row->family = table[i].family;
        row->filers = table[i].filers;
        row->measure = ndr_measure(&o);
        row->period = *ndr_report_period(r, 0);
        ndr_report_free(r);
    }
    if (st == NDR_OK)
        st = sum_of_movements(ds, opt, &m->rows[m->n++], msg, msg_size);
    if (st != NDR_OK) {
        free(m);
        return st;
    }
    notes(m, opt);
    *out = m;
    return NDR_OK;
}

size_t ndr_methods_count(const ndr_methods *m) { return m->n; }

const ndr_method_row *ndr_methods_get(const ndr_methods *m, size_t i)
{
    return i < m->n ? &m->rows[i] : NULL;
}

void ndr_methods_free(ndr_methods *m) { free(m); }
