/* methods.h - the methodology families of public filings (docs/methods.md)
 * as period figures: which snapshot pairs or revenue intervals each method
 * needs for a period end, and how their periods combine into one. */
#ifndef NDR_METHODS_H
#define NDR_METHODS_H

#include "dataset.h"

/* Months of data a period end needs before its own month under opt. */
int ndr_method_lead_months(const ndr_report_options *opt);

/* Refuses combinations that have no meaning (--basis arr with revenue,
 * --by with an averaged method, a bad period spacing). */
ndr_status ndr_method_check(const ndr_report_options *opt, char *msg, size_t msg_size);

/* Whether period end `end` is final under opt: as ndr_period_complete, and
 * for the methods that look further back, the earliest day they read is on
 * or after the data's first day. */
int ndr_method_complete(const ndr_report_options *opt, ndr_date end, ndr_date first,
                        ndr_date last);

/* The periods of ends[0..n) under opt->method (not point or survivor,
 * which report.c computes with --by groups). ds is sorted. */
ndr_status ndr_methods_fill(const ndr_dataset *ds, const ndr_report_options *opt,
                            const ndr_date *ends, size_t n, ndr_period *out, char *msg,
                            size_t msg_size);

/* Point periods for any (end, prior) pairs (report.c): the customers with
 * MRR > 0 at priors[q] (and opt's thresholds; still paying at ends[q] too
 * when survivor[q]), their MRR at both. survivor may be NULL. */
ndr_status ndr_report_pairs(const ndr_dataset *ds, const ndr_report_options *opt,
                            const ndr_date *ends, const ndr_date *priors,
                            const unsigned char *survivor, size_t n, ndr_period *out, char *msg,
                            size_t msg_size);

/* The period ends of the default range (or --from/--to) for data from
 * data_first to data_last: every period_months month end from the first
 * with the method's history to the last on or before data_last.
 * *ends is realloc'ed. NDR_ERR_NO_PERIOD (msg says why) when none. */
ndr_status ndr_report_ends(const ndr_report_options *opt, ndr_date data_first,
                           ndr_date data_last, ndr_date **ends, size_t *n, char *msg,
                           size_t msg_size);

/* A report of the given periods (taken over, freed on error), without
 * the leading period ends that have no cohort, as ndr_report_compute
 * leaves them out (merge.c). */
ndr_status ndr_report_assemble(const ndr_report_options *opt, ndr_period *periods, size_t n,
                               ndr_report **out, char *msg, size_t msg_size);

/* Whether --format partial can carry opt's method: the sums of point and
 * survivor add up over shards; averaged and compounded rates do not. */
int ndr_partial_method_ok(const ndr_report_options *opt);

/* Sums b into a (every count and money figure). -1 on overflow. */
int ndr_period_sum(ndr_period *a, const ndr_period *b);

#endif
