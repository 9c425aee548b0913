/* format_baremetrics.c - the Baremetrics manual subscription import: one
 * row per subscription, MRR = plan amount x quantity per month of the plan
 * interval, from the start until the cancellation (docs/formats.md). */
#include "formats.h"
#include "normalize.h"

#include <stdio.h>

enum { B_CUST = 1, B_SUB, B_START, B_CANCELED, B_AMOUNT, B_INTERVAL, B_COUNT, B_QTY,
       B_CURRENCY };

const ndr_column ndr_baremetrics_cols[] = {
    {"customer_oid", 1},
    {"subscription_oid", 1},
    {"subscription_started_at", 1},
    {"subscription_canceled_at", 0},
    {"plan_amount", 1},
    {"plan_interval", 1},
    {"plan_interval_count", 0},
    {"subscription_quantity", 0},
    {"plan_currency", 0},
};
const size_t ndr_baremetrics_ncols = sizeof ndr_baremetrics_cols / sizeof ndr_baremetrics_cols[0];

ndr_row_result ndr_baremetrics_row(ndr_row_ctx *c)
{
    ndr_date start, end;
    uint32_t cur;
    ndr_money amount, mrr;
    if (ndr_row_id(c, B_CUST, "customer_oid") || ndr_row_id(c, B_SUB, "subscription_oid") ||
        ndr_row_date(c, B_START, "subscription_started_at", 0, &start) ||
        ndr_row_date(c, B_CANCELED, "subscription_canceled_at", 1, &end) ||
        ndr_row_currency(c, B_CURRENCY, &cur) ||
        ndr_row_minor(c, B_AMOUNT, "plan_amount", 0, cur, -1, &amount))
        return NDR_ROW_BAD;
    if (amount < 0) {
        snprintf(c->why, sizeof c->why, "empty plan_amount");
        return NDR_ROW_BAD;
    }
    if (ndr_stripe_monthly(c, amount, B_QTY, B_INTERVAL, B_COUNT, &mrr))
        return NDR_ROW_BAD;
    if (end != NDR_NO_END && end <= start) {
        c->not_mrr_kind = "unpaid";
        snprintf(c->why, sizeof c->why, "canceled on or before its start");
        return NDR_ROW_NOT_MRR;
    }
    return ndr_row_interval(c, B_CUST, B_SUB, NULL, 0, start, end, mrr, cur);
}
