/* combine.h - the combined methods (ttm-weighted, ttm-mean, compound,
 * revenue-quarter, revenue-ttm): each period end as the combination of its
 * parts, computed in one sweep per kind of part. */
#ifndef NDR_COMBINE_H
#define NDR_COMBINE_H

#include "dataset.h"

/* The periods of ends[0..n) under opt->method (not point or survivor,
 * which point.c computes with --by groups). ds is sorted. */
ndr_status ndr_combine_fill(const ndr_dataset *ds, const ndr_report_options *opt,
                            const ndr_date *ends, size_t n, ndr_period *out, char *msg,
                            size_t msg_size);

#endif
