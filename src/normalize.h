/* normalize.h - amounts per billing interval or service period turned into
 * monthly MRR, exactly: a year is 12 months, a week 52/12 of a month's
 * worth per month (52 weeks a year), a day 365/12. Every division rounds
 * half away from zero to the 1e-8 money unit, once. */
#ifndef NDR_NORMALIZE_H
#define NDR_NORMALIZE_H

#include "money.h"

typedef enum ndr_interval { NDR_IV_DAY, NDR_IV_WEEK, NDR_IV_MONTH, NDR_IV_YEAR } ndr_interval;

/* "day", "week", "month", "year" (any case; also "daily", "weekly",
 * "monthly", "yearly", "annual", "annually", "quarter", "quarterly"; a
 * quarter is 3 months, which *mult receives). Returns -1 if unknown. */
int ndr_interval_parse(const char *p, size_t n, ndr_interval *iv, unsigned *mult);

/* amount x num / den, rounded half away from zero. -1 on overflow or
 * den == 0. */
int ndr_money_muldiv(ndr_money amount, uint64_t num, uint64_t den, ndr_money *out);

/* The most intervals one billing period may span (every 1,000,000 days is
 * 2,700 years: a larger count is a wrong column, not a plan). */
#define NDR_MAX_INTERVAL_COUNT 1000000

/* Monthly MRR of `amount` billed every `count` intervals; -1 when count is
 * 0 or above NDR_MAX_INTERVAL_COUNT, or the MRR is above
 * NDR_MONEY_ROW_MAX. */
int ndr_mrr_per_interval(ndr_money amount, ndr_interval iv, uint64_t count, ndr_money *out);

/* Monthly MRR of `amount` paid for the service period [start, end): whole
 * calendar months when end is start plus m months (month ends clamped),
 * else whole weeks, else days. -1 when end <= start or the MRR is above
 * NDR_MONEY_ROW_MAX. */
int ndr_mrr_per_period(ndr_money amount, ndr_date start, ndr_date end, ndr_money *out);

/* The same for amount x num / den (a prorated charge scaled up to its whole
 * billing period [start, end): num/den = the period's length over the
 * prorated length), rounded once. -1 on overflow or end <= start. */
int ndr_mrr_per_period_scaled(ndr_money amount, uint64_t num, uint64_t den, ndr_date start,
                              ndr_date end, ndr_money *out);

#endif
