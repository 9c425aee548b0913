/* format_chartmogul.c - ChartMogul data: invoice line items in the shape of
 * its import API (MRR = (amount - tax) per month of the service period) and
 * the MRR movements export (a subscription's MRR is the running sum of its
 * movements). See docs/formats.md. */
#include "formats.h"
#include "normalize.h"

#include <stdio.h>

enum { C_CUST = 1, C_TYPE, C_SUB, C_START, C_END, C_AMOUNT, C_TAX, C_CURRENCY };

const ndr_column ndr_chartmogul_line_cols[] = {
    {"customer_external_id", 1},
    {"type", 1},
    {"subscription_external_id", 1},
    {"service_period_start", 1},
    {"service_period_end", 1},
    {"amount_in_cents", 1},
    {"tax_amount_in_cents", 0},
    {"currency", 0},
};
const size_t ndr_chartmogul_line_ncols =
    sizeof ndr_chartmogul_line_cols / sizeof ndr_chartmogul_line_cols[0];

ndr_row_result ndr_chartmogul_line_row(ndr_row_ctx *c)
{
    if (ndr_row_id(c, C_CUST, "customer_external_id"))
        return NDR_ROW_BAD;
    if (ndr_row_is(c, C_TYPE, "one_time")) {
        c->not_mrr_kind = "one-time";
        snprintf(c->why, sizeof c->why, "one-time line item");
        return NDR_ROW_NOT_MRR;
    }
    if (!ndr_row_is(c, C_TYPE, "subscription")) {
        snprintf(c->why, sizeof c->why, "unknown type '%.*s' (expected subscription or one_time)",
                 (int)(c->f[C_TYPE].n < 40 ? c->f[C_TYPE].n : 40), c->f[C_TYPE].p);
        return NDR_ROW_BAD;
    }
    ndr_date start, end;
    uint32_t cur;
    ndr_money amount, tax, mrr;
    if (ndr_row_id(c, C_SUB, "subscription_external_id") ||
        ndr_row_date(c, C_START, "service_period_start", 0, &start) ||
        ndr_row_date(c, C_END, "service_period_end", 0, &end) ||
        ndr_row_currency(c, C_CURRENCY, &cur) ||
        ndr_row_minor(c, C_AMOUNT, "amount_in_cents", 0, cur, -1, &amount) ||
        ndr_row_minor(c, C_TAX, "tax_amount_in_cents", 0, cur, 0, &tax))
        return NDR_ROW_BAD;
    if (amount < 0) {
        snprintf(c->why, sizeof c->why, "empty amount_in_cents");
        return NDR_ROW_BAD;
    }
    if (tax > amount) {
        snprintf(c->why, sizeof c->why, "tax larger than the amount");
        return NDR_ROW_BAD;
    }
    if (ndr_mrr_per_period(amount - tax, start, end, &mrr)) {
        snprintf(c->why, sizeof c->why, "service_period_end is not after service_period_start");
        return NDR_ROW_BAD;
    }
    return ndr_row_interval(c, C_CUST, C_SUB, NULL, 0, start, end, mrr, cur);
}

enum { M_DATE = 1, M_CUST, M_SUB, M_MOVEMENT, M_TYPE, M_CURRENCY };

const ndr_column ndr_chartmogul_movement_cols[] = {
    {"date", 1},
    {"customer_external_id", 1},
    {"subscription_external_id", 1},
    {"mrr_movement", 1},
    {"movement_type", 0},
    {"currency_code|currency", 0},
};
const size_t ndr_chartmogul_movement_ncols =
    sizeof ndr_chartmogul_movement_cols / sizeof ndr_chartmogul_movement_cols[0];

ndr_row_result ndr_chartmogul_movement_row(ndr_row_ctx *c)
{
    ndr_date day;
    uint32_t cur;
    ndr_money delta;
    if (ndr_row_id(c, M_CUST, "customer_external_id") ||
        ndr_row_id(c, M_SUB, "subscription_external_id") ||
        ndr_row_date(c, M_DATE, "date", 0, &day) || ndr_row_currency(c, M_CURRENCY, &cur) ||
        ndr_row_minor(c, M_MOVEMENT, "mrr_movement", 1, cur, INT64_MIN, &delta))
        return NDR_ROW_BAD;
    if (delta == INT64_MIN) {
        snprintf(c->why, sizeof c->why, "empty mrr_movement");
        return NDR_ROW_BAD;
    }
    return ndr_row_movement(c, M_CUST, M_SUB, day, delta, cur);
}
