/* baremetrics.h - the Baremetrics manual subscription import. */
#ifndef NDR_INPUT_BAREMETRICS_H
#define NDR_INPUT_BAREMETRICS_H

#include "input.h"

extern const ndr_input_def ndr_input_baremetrics;

#endif
