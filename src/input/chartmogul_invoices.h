/* chartmogul_invoices.h - ChartMogul invoices: customer and currency of each invoice. */
#ifndef NDR_INPUT_CHARTMOGUL_INVOICES_H
#define NDR_INPUT_CHARTMOGUL_INVOICES_H

#include "input.h"

extern const ndr_input_def ndr_input_chartmogul_invoices;

#endif
