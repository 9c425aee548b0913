/* chartmogul_movements.h - ChartMogul MRR movements (Destinations) and activities (API). */
#ifndef NDR_INPUT_CHARTMOGUL_MOVEMENTS_H
#define NDR_INPUT_CHARTMOGUL_MOVEMENTS_H

#include "input.h"

extern const ndr_input_def ndr_input_chartmogul_movements;

#endif
