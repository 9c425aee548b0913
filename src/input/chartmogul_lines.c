/* chartmogul_lines.c - ChartMogul invoice line items: the import API's
 * invoices flattened to one row per line (invoice fields repeated), the
 * Destinations "Invoice Line Items" dataset (customer and currency on its
 * "Invoices" dataset, chartmogul_invoices.c, joined by invoice), and
 * extractor tables (Keboola's invoices_line_items, the CSV import
 * template). ChartMogul's rule: MRR = (amount - tax) over the service
 * period, normalised to a month; a prorated line is scaled up to its full
 * billing period (timeline.c); one-time, trial and balance-transfer lines
 * carry none. */
#include "chartmogul_lines.h"

enum { C_ID = 1, C_CUST, C_INVOICE, C_INVOICE_EXT, C_TYPE, C_TYPE_DATA, C_SUB, C_START, C_END,
       C_AMOUNT, C_TAX, C_CURRENCY, C_PRORATED, C_BALANCE, C_DATE };

static const ndr_column cols[] = {
    {"external_id|uuid|id", NDR_COL_IDENT, 0},
    {"customer_external_id|data_source_customer_external_id|customer_uuid", 0, 1},
    {"invoice_id|invoice_uuid|invoices_uuid", NDR_COL_IDENT_TOO, 1},
    {"invoice_external_id", NDR_COL_IDENT_TOO, 1},
    {"type", NDR_COL_REQUIRED, 0},
    {"type_data", 0, 0},
    {"subscription_external_id|subscription_uuid|subscription_id", 0, 0},
    {"service_period_start", NDR_COL_REQUIRED | NDR_COL_ASOF, 0},
    {"service_period_end", NDR_COL_REQUIRED, 0},
    {"amount_in_cents", NDR_COL_REQUIRED, 0},
    {"tax_amount_in_cents|tax_amount", 0, 0},
    {"currency", 0, 0},
    {"prorated|proration", 0, 0},
    {"balance_transfer", 0, 0},
    {"date|invoiced_at|invoiced_date", NDR_COL_ASOF | NDR_COL_EVIDENCE, 0},
};

static ndr_row_result row(ndr_row_ctx *c)
{
    int pro, transfer;
    if (c->f[C_CUST].n && ndr_row_id(c, C_CUST, "customer id"))
        return NDR_ROW_BAD;
    if (c->f[C_CUST].n == 0 && c->f[C_INVOICE].n == 0 &&
        ndr_row_id(c, C_INVOICE_EXT, "invoice (the line has no customer)"))
        return NDR_ROW_BAD;
    if (ndr_row_is(c, C_TYPE, "one_time"))
        return ndr_row_not_mrr(c, "one-time", "one-time line item");
    if (ndr_row_is(c, C_TYPE, "trial"))
        return ndr_row_not_mrr(c, "trial", "trial line item");
    if (!ndr_row_is(c, C_TYPE, "subscription"))
        return ndr_row_bad(c, "unknown type '%.*s' (expected subscription, one_time or trial)",
                           (int)(c->f[C_TYPE].n < 40 ? c->f[C_TYPE].n : 40), c->f[C_TYPE].p);
    if (ndr_row_flag(c, C_PRORATED, "prorated", 0, &pro) ||
        ndr_row_flag(c, C_BALANCE, "balance_transfer", 0, &transfer))
        return NDR_ROW_BAD;
    pro |= ndr_row_json_true(c, C_TYPE_DATA, "prorated");
    if (transfer || ndr_row_json_true(c, C_TYPE_DATA, "balance_transfer"))
        return ndr_row_not_mrr(c, "one-time", "balance transfer");
    ndr_tl_rec rec = {0};
    uint32_t cur;
    ndr_money amount, tax;
    if (ndr_row_time(c, C_START, "service_period_start", 0, &rec.start, &rec.t0) ||
        ndr_row_time(c, C_END, "service_period_end", 0, &rec.end, &rec.t1) ||
        ndr_row_currency(c, C_CURRENCY, &cur) ||
        ndr_row_minor(c, C_AMOUNT, "amount_in_cents", pro, cur, -1, &amount) ||
        ndr_row_minor(c, C_TAX, "tax_amount_in_cents", 1, cur, 0, &tax))
        return NDR_ROW_BAD;
    if (c->f[C_AMOUNT].n == 0)
        return ndr_row_bad(c, "empty amount_in_cents");
    if (rec.t1 <= rec.t0 || rec.end == rec.start)
        return ndr_row_bad(c, "service_period_end is not a day or more after service_period_start");
    if (!pro && tax > amount)
        return ndr_row_bad(c, "tax larger than the amount");
    rec.amount = amount - tax;
    rec.kind = pro ? NDR_TL_PRORATION : NDR_TL_LINE;
    rec.cur = cur;
    if (!pro && ndr_row_per_month(c, &rec))
        return NDR_ROW_BAD;
    ndr_row_key k = {C_CUST, C_SUB, NULL, 0, C_INVOICE, C_INVOICE_EXT};
    return ndr_row_add(c, &k, &rec);
}

const ndr_input_def ndr_input_chartmogul_lines = {
    .id = NDR_IN_CHARTMOGUL_LINE_ITEMS,
    .name = "chartmogul-line-items",
    .what = "ChartMogul invoice line items (import API shape, Destinations, extractors)",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = NULL,
    .row = row,
    .cust_role = C_CUST,
    .lookup = 0,
    .joins = 1,
    .header_note = NULL,
};
