/* chartmogul_invoices.c - ChartMogul invoices (the Destinations "Invoices"
 * dataset, extractor tables, the CSV import template): each invoice's
 * customer and currency, which the Destinations line items lack. Lines of
 * a voided invoice (STATUS 4) carry no MRR. */
#include "chartmogul_invoices.h"

enum { V_ID = 1, V_EXT, V_CUST, V_CURRENCY, V_DATE, V_STATUS };

static const ndr_column cols[] = {
    {"id|uuid|invoice_uuid", NDR_COL_IDENT, 1},
    {"external_id|invoice_external_id", NDR_COL_IDENT, 1},
    {"data_source_customer_external_id|customer_external_id|customer_uuid", NDR_COL_REQUIRED, 0},
    {"currency", NDR_COL_REQUIRED, 0},
    {"invoiced_at|invoiced_date|date", NDR_COL_REQUIRED | NDR_COL_ASOF, 0},
    {"status", 0, 0},
};

static ndr_row_result row(ndr_row_ctx *c)
{
    uint32_t cur;
    if ((c->f[V_ID].n == 0 && ndr_row_id(c, V_EXT, "invoice id")) ||
        ndr_row_id(c, V_CUST, "customer id") || ndr_row_currency(c, V_CURRENCY, &cur))
        return NDR_ROW_BAD;
    int is_void = ndr_row_is(c, V_STATUS, "4") || ndr_row_is(c, V_STATUS, "voided") ||
                  ndr_row_is(c, V_STATUS, "void");
    return ndr_row_invoice(c, V_ID, V_EXT, V_CUST, cur, is_void);
}

const ndr_input_def ndr_input_chartmogul_invoices = {
    .id = NDR_IN_CHARTMOGUL_INVOICES,
    .name = "chartmogul-invoices",
    .what = "ChartMogul invoices: the customer and currency of each invoice, for line items",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = "amount_in_cents|service_period_start|mrr_movement|activity_mrr_movement",
    .row = row,
    .cust_role = V_CUST,
    .lookup = 1,
    .joins = 0,
    .header_note = NULL,
};
