/* json.h - the JSON members every JSON view shares. */
#ifndef NDR_JSON_H
#define NDR_JSON_H

#include "ndr.h"

/* The "parameters" member and the "accounting" member (each on its own
 * lines, followed by a comma), which the "provenance" member follows. */
void ndr_json_parameters(FILE *out, const ndr_report_options *o);
void ndr_json_accounting(FILE *out, const ndr_report_options *opt, const ndr_source *src,
                         size_t n);

#endif
