/* output_json.h - the report as one JSON document: parameters, periods,
 * accounting and provenance (ndr_report_write, output.c, dispatches to it). */
#ifndef NDR_OUTPUT_JSON_H
#define NDR_OUTPUT_JSON_H

#include "ndr.h"

/* Returns 0, or -1 on a write error. */
int ndr_write_json(const ndr_report *r, const ndr_source *src, size_t n, FILE *out);

#endif
