/* chartmogul_lines.h - ChartMogul invoice line items (import API, Destinations, extractors). */
#ifndef NDR_INPUT_CHARTMOGUL_LINES_H
#define NDR_INPUT_CHARTMOGUL_LINES_H

#include "input.h"

extern const ndr_input_def ndr_input_chartmogul_lines;

#endif
