/* output_table.h - the report as an aligned text table, with the NDR bands and changes
 * (ndr_report_write, output.c, dispatches to it). */
#ifndef NDR_OUTPUT_TABLE_H
#define NDR_OUTPUT_TABLE_H

#include "ndr.h"

/* Returns 0, or -1 on a write error. */
int ndr_write_table(const ndr_report *r, FILE *out);

#endif
