/* stripe_invoices.c - Stripe invoices, one row per invoice (the API's
 * invoice object flattened, Sigma's invoices, or a warehouse table such as
 * Fivetran's invoice): read for the customer of each invoice, which
 * warehouse line-item tables do not carry. Lines of a void invoice carry
 * no MRR. */
#include "stripe_invoices.h"

enum { I_ID = 1, I_CUST, I_CURRENCY, I_STATUS, I_TOTALS, I_CREATED };

static const ndr_column cols[] = {
    {"id", NDR_COL_REQUIRED | NDR_COL_IDENT, 0},
    {"customer_id|customer", NDR_COL_REQUIRED, 0},
    {"currency", 0, 0},
    {"status", 0, 0},
    /* not read: only invoices have these, so they tell the table apart */
    {"amount_due|amount_paid|amount_remaining", NDR_COL_REQUIRED, 0},
    {"created|date", NDR_COL_ASOF, 0},
};

static ndr_row_result row(ndr_row_ctx *c)
{
    uint32_t cur;
    if (ndr_row_id(c, I_ID, "invoice id") || ndr_row_id(c, I_CUST, "customer id") ||
        ndr_row_currency(c, I_CURRENCY, &cur))
        return NDR_ROW_BAD;
    return ndr_row_invoice(c, I_ID, 0, I_CUST, cur, ndr_row_is(c, I_STATUS, "void"));
}

const ndr_input_def ndr_input_stripe_invoices = {
    .id = NDR_IN_STRIPE_INVOICES,
    .name = "stripe-invoices",
    .what = "Stripe invoices: the customer of each invoice, for line items that lack it",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = NULL,
    .row = row,
    .cust_role = I_CUST,
    .lookup = 1,
    .joins = 0,
    .header_note = NULL,
};
