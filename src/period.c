/* period.c - the arithmetic of period figures (see period.h): adding a
 * cohort customer, summing and scaling periods, whether a period is final
 * and whether a customer belongs to a cohort. A leaf: it calls nothing of
 * the engine, which every part of the engine calls. */
#include "period.h"
#include "date.h"
#include "money.h"

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

int ndr_period_scale(ndr_period *q, int k)
{
    int of = 0;
    ndr_money *f[] = {&q->prior_mrr, &q->current_mrr, &q->expansion_mrr, &q->contraction_mrr,
                      &q->churned_mrr, &q->retained_mrr};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        of |= __builtin_mul_overflow(*f[i], k, f[i]) || !ndr_money_in_range(*f[i]);
    return of ? -1 : 0;
}

/* Whether amount x over `months` months is a run rate of at least min_arr:
 * 12 x / months >= min_arr, compared exactly. */
static int at_least(ndr_money x, int months, ndr_money min_arr)
{
    /* x <= NDR_MONEY_MAX and min_arr <= NDR_MONEY_ROW_MAX: no overflow */
    return min_arr <= 0 || x * 12 >= min_arr * months;
}

int ndr_cohort_member(const ndr_report_options *opt, int survivor, ndr_money p, ndr_money c,
                      int months)
{
    return p > 0 && (!survivor || c > 0) && at_least(p, months, opt->min_prior_arr) &&
           at_least(c, months, opt->min_current_arr);
}
