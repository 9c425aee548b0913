/* baremetrics.c - the Baremetrics manual subscription import template: one
 * row per subscription, MRR = plan amount (cents) x quantity per month of
 * the plan interval, from the start until the cancellation date. One
 * subscription has one plan at a time, so rows of one subscription are
 * spans of its state (a later start takes over). */
#include "baremetrics.h"

enum { B_CUST = 1, B_SUB, B_START, B_CANCELED, B_AMOUNT, B_INTERVAL, B_COUNT, B_QTY,
       B_CURRENCY };

static const ndr_column cols[] = {
    {"customer_oid", NDR_COL_REQUIRED, 0},
    {"subscription_oid", NDR_COL_REQUIRED | NDR_COL_IDENT, 0},
    {"subscription_started_at", NDR_COL_REQUIRED | NDR_COL_ASOF | NDR_COL_IDENT_TOO, 0},
    {"subscription_canceled_at", NDR_COL_ASOF, 0},
    {"plan_amount", NDR_COL_REQUIRED, 0},
    {"plan_interval", NDR_COL_REQUIRED, 0},
    {"plan_interval_count", 0, 0},
    {"subscription_quantity", 0, 0},
    {"plan_currency", 0, 0},
};

static ndr_row_result row(ndr_row_ctx *c)
{
    ndr_tl_rec rec = {0};
    uint32_t cur;
    uint64_t qty, count;
    ndr_money amount;
    if (ndr_row_id(c, B_CUST, "customer_oid") || ndr_row_id(c, B_SUB, "subscription_oid") ||
        ndr_row_time(c, B_START, "subscription_started_at", 0, &rec.start, &rec.t0) ||
        ndr_row_time(c, B_CANCELED, "subscription_canceled_at", 1, &rec.end, &rec.t1) ||
        ndr_row_currency(c, B_CURRENCY, &cur) ||
        ndr_row_minor(c, B_AMOUNT, "plan_amount", 0, cur, -1, &amount) ||
        ndr_row_count(c, B_QTY, "quantity", 1, &qty) ||
        ndr_row_count(c, B_COUNT, "interval count", 1, &count))
        return NDR_ROW_BAD;
    if (amount < 0)
        return ndr_row_bad(c, "empty plan_amount");
    if (ndr_row_monthly(c, amount, qty, B_INTERVAL, count, &rec.amount))
        return NDR_ROW_BAD;
    if (rec.end != NDR_NO_END && rec.end <= rec.start)
        return ndr_row_not_mrr(c, "unpaid", "canceled on or before its start");
    rec.kind = NDR_TL_STATE;
    rec.cur = cur;
    ndr_row_key k = {B_CUST, B_SUB, NULL, 0, 0, 0};
    return ndr_row_add(c, &k, &rec);
}

const ndr_input_def ndr_input_baremetrics = {
    .id = NDR_IN_BAREMETRICS,
    .name = "baremetrics",
    .what = "the Baremetrics manual subscription import template",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = NULL,
    .row = row,
    .cust_role = B_CUST,
    .lookup = 0,
    .joins = 0,
    .header_note = NULL,
};
