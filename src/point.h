/* point.h - the point and survivor rates: for any (period end, prior date)
 * pairs, the customers paying at the prior date and their MRR at both, in
 * one sweep over the customers; with --by, per group too. report.c uses it
 * for its periods, combine.c for the parts of the combined methods. */
#ifndef NDR_POINT_H
#define NDR_POINT_H

#include "arena.h"
#include "dataset.h"

/* The --by groups of a point computation. */
typedef struct ndr_point_groups {
    size_t n;            /* groups (0 without --by) */
    char **names;        /* by group, in name order; bytes in the arena given */
    ndr_period *periods; /* n x the periods computed: group g's are at g x n */
    uint32_t none;       /* the group of customers without a value */
} ndr_point_groups;

/* Point periods for any (end, prior) pairs: the customers with MRR > 0 at
 * priors[q] (and opt's thresholds; still paying at ends[q] too when
 * survivor[q]), their MRR at both. survivor may be NULL. ds is sorted. */
ndr_status ndr_point_pairs(const ndr_dataset *ds, const ndr_report_options *opt,
                           const ndr_date *ends, const ndr_date *priors,
                           const unsigned char *survivor, size_t n, ndr_period *out, char *msg,
                           size_t msg_size);

/* The periods of ends[0..n) under opt (point or survivor, the window's
 * prior dates) into out, and with opt->by_segment the groups into *g
 * (names and periods then the caller's to free, also on error). */
ndr_status ndr_point_compute(ndr_dataset *ds, const ndr_report_options *opt,
                             const ndr_date *ends, size_t n, ndr_period *out,
                             ndr_point_groups *g, ndr_arena *names, char *msg, size_t msg_size);

#endif
