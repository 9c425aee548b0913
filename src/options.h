/* options.h - what the report options mean before any data is read: how
 * many parts and months of history a method needs, whether a period end is
 * final, and the checks every view makes (the defaults, method names, lead months
 * and the years check are public: ndr.h). */
#ifndef NDR_OPTIONS_H
#define NDR_OPTIONS_H

#include "ndr.h"

/* How many parts a period end of opt's method has, and (*step) how many
 * months apart they are: 12 for ttm-*, the window for compound, 1 or 4
 * quarters for revenue-quarter, else 1. */
int ndr_method_parts(const ndr_report_options *opt, int *step);

/* Refuses combinations that have no meaning (--basis arr with revenue,
 * --by with an averaged method, a bad period spacing). */
ndr_status ndr_method_check(const ndr_report_options *opt, char *msg, size_t msg_size);

/* Whether period end `end` is final under opt: as ndr_period_complete, and
 * for the methods that look further back, the earliest day they read is on
 * or after the data's first day. */
int ndr_method_complete(const ndr_report_options *opt, ndr_date end, ndr_date first,
                        ndr_date last);

/* Everything ndr_report_compute refuses before reading the data: the
 * window, --as-of with --from/--to, --from after --to, the years, prior
 * dates before 1900, and ndr_method_check's combinations. */
ndr_status ndr_options_check(const ndr_report_options *opt, char *msg, size_t msg_size);

#endif
