/* events.h - the canonical events format (docs/input-format.md). */
#ifndef NDR_INPUT_EVENTS_H
#define NDR_INPUT_EVENTS_H

#include "input.h"

extern const ndr_input_def ndr_input_events;

/* Roles of the events columns, in order (reader.c reads them itself). */
enum { EV_CUSTOMER = 1, EV_SUB, EV_DATE, EV_MRR, EV_CURRENCY };

#endif
