/* events.c - the canonical events format (docs/input-format.md): one row
 * per change, "from this date the subscription's MRR is m". The reader
 * reads these rows itself (reader.c, its fast path); this definition names
 * the columns for header recognition and messages. */
#include "events.h"

static const ndr_column cols[] = {
    {"customer_id", NDR_COL_REQUIRED, 0},
    {"subscription_id", 0, 0},
    {"date", NDR_COL_REQUIRED | NDR_COL_ASOF, 0},
    {"mrr", NDR_COL_REQUIRED, 0},
    {"currency", 0, 0},
};

const ndr_input_def ndr_input_events = {
    .id = NDR_IN_EVENTS,
    .name = "events",
    .what = "canonical events: customer_id, date, mrr (MRR from that date)",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = NULL,
    .row = NULL,
    .cust_role = EV_CUSTOMER,
    .lookup = 0,
    .joins = 0,
    .header_note = NULL,
};
