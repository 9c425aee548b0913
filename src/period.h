/* period.h - the arithmetic of one period's figures (ndr_period), shared by
 * every engine: the point rate, the combined methods, revenue, merge. It
 * calls nothing above it. (ndr_period_complete is public: ndr.h.) */
#ifndef NDR_PERIOD_H
#define NDR_PERIOD_H

#include "ndr.h"

/* Adds one cohort customer's prior MRR p (> 0) and current MRR c to a
 * period's totals. Returns -1 on overflow. */
int ndr_period_add(ndr_period *q, ndr_money p, ndr_money c);

/* Sums b into a (every count and money figure); -1 on overflow or a figure
 * past NDR_MONEY_MAX. */
int ndr_period_sum(ndr_period *a, const ndr_period *b);

/* Multiplies every money figure of q by k. Returns -1 on overflow. */
int ndr_period_scale(ndr_period *q, int k);

/* Whether a customer with amounts p at P and c at T (each over `months`
 * months: 1 for MRR, the interval's length for revenue) belongs to the
 * cohort under opt: p > 0, c > 0 too when survivor, and the run rates
 * 12 x p / months and 12 x c / months at least the thresholds. */
int ndr_cohort_member(const ndr_report_options *opt, int survivor, ndr_money p, ndr_money c,
                      int months);

#endif
