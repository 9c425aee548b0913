/* partial.h - what partial.c offers besides ndr_partial_write (ndr.h). */
#ifndef NDR_PARTIAL_H
#define NDR_PARTIAL_H

#include "ndr.h"

/* Whether --format partial can carry opt's method: the sums of point and
 * survivor add up over shards; averaged and compounded rates do not. */
int ndr_partial_method_ok(const ndr_report_options *opt);

#endif
