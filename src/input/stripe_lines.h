/* stripe_lines.h - Stripe invoice line items (API, Sigma, warehouse syncs). */
#ifndef NDR_INPUT_STRIPE_LINES_H
#define NDR_INPUT_STRIPE_LINES_H

#include "input.h"

extern const ndr_input_def ndr_input_stripe_lines;

#endif
