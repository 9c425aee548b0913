/* revenue.h - recognised revenue of each customer over intervals of days,
 * for the revenue-based methods (docs/methods.md, families B and C).
 *
 * Revenue is recognised ratably from the MRR timeline: on each day a
 * customer earns its MRR in force that day divided by the number of days of
 * that day's month, so a whole month at a constant MRR earns exactly that
 * MRR. Sums are exact (128-bit, in units of 1/377580 of a money unit, the
 * least common multiple of 28, 29, 30 and 31 days), and each customer's
 * revenue over an interval is rounded once, to 1e-8 of the currency unit. */
#ifndef NDR_REVENUE_H
#define NDR_REVENUE_H

#include "dataset.h"

/* One comparison: a customer's revenue over the days after prior_from up to
 * and including prior_to, against the days after cur_from up to cur_to.
 * Each interval is `months` long (for the thresholds). With --fx, each
 * interval's revenue is converted at the rates of its last day, or both at
 * period_end's rates in constant mode. */
typedef struct ndr_rev_pair {
    ndr_date prior_from, prior_to, cur_from, cur_to;
    ndr_date period_end;
    int months;
} ndr_rev_pair;

/* For each pair q, adds every cohort customer (revenue > 0 in the prior
 * interval, and opt's thresholds) to out[q] as ndr_period_add does, with
 * revenue in place of MRR. out[] must be zeroed by the caller. */
ndr_status ndr_revenue_pairs(const ndr_dataset *ds, const ndr_report_options *opt,
                             const ndr_rev_pair *pairs, size_t n, ndr_period *out, char *msg,
                             size_t msg_size);

#endif
