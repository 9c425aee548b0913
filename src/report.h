/* report.h - what report.c offers the rest of the library besides the
 * public ndr_report_* (ndr.h): the period ends a range has, and a report
 * built from given periods (merge.c rebuilds one from the shards'). */
#ifndef NDR_REPORT_H
#define NDR_REPORT_H

#include "ndr.h"

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

#endif
