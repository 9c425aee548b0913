/* fuzz_common.h - checks shared by the fuzz targets. Each aborts when an
 * invariant breaks, which libFuzzer reports as a crash. */
#ifndef NDR_FUZZ_COMMON_H
#define NDR_FUZZ_COMMON_H

#include "ndr.h"

#include <stddef.h>

/* Reads data (size bytes, fed chunk at a time) into ds as "fuzz.csv" and
 * finishes the reading; the status of the first step that failed. */
ndr_status fuzz_read(ndr_dataset *ds, const unsigned char *data, size_t size, size_t chunk,
                     unsigned flags);

/* Whether opt can go through partials (point or survivor, no --by). */
int fuzz_partial_ok(const ndr_report_options *opt);

/* data read whole and as 3 shards (in chunks): every row counted once, and
 * the shards' partials under opt merge to the whole report, figure for
 * figure; a run that the whole input refuses must be refused the same. */
void fuzz_check_shards(const unsigned char *data, size_t size, size_t chunk,
                       const ndr_report_options *opt);

#endif
