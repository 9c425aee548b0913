/* output_csv.h - the report as CSV, one row per period end (and per group with --by)
 * (ndr_report_write, output.c, dispatches to it). */
#ifndef NDR_OUTPUT_CSV_H
#define NDR_OUTPUT_CSV_H

#include "ndr.h"

/* Returns 0, or -1 on a write error. */
int ndr_write_csv(const ndr_report *r, FILE *out);

#endif
