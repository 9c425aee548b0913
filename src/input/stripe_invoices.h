/* stripe_invoices.h - Stripe invoices: the customer of each invoice, for warehouse line items. */
#ifndef NDR_INPUT_STRIPE_INVOICES_H
#define NDR_INPUT_STRIPE_INVOICES_H

#include "input.h"

extern const ndr_input_def ndr_input_stripe_invoices;

#endif
