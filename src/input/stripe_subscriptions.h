/* stripe_subscriptions.h - the Stripe Dashboard subscriptions export. */
#ifndef NDR_INPUT_STRIPE_SUBSCRIPTIONS_H
#define NDR_INPUT_STRIPE_SUBSCRIPTIONS_H

#include "input.h"

extern const ndr_input_def ndr_input_stripe_subscriptions;

#endif
