/* stripe_lines.c - Stripe invoice line items, one row per line: the API's
 * invoice.lines flattened (before and since the 2025-03-31 "basil"
 * version, whose parent.* fields carry the subscription, item and
 * proration), Sigma's invoice_line_items, or a warehouse table such as
 * Fivetran's invoice_line_item, which has no customer column: its lines
 * are joined to the invoice table (stripe_invoices.c) by invoice id.
 * A line's MRR is its amount less discounts over its service period; a
 * proration (a change inside a period: "Unused time on ..." credits,
 * "Remaining time on ..." charges) moves the MRR from its start by the
 * rate its amount implies (timeline.c). */
#include "stripe_lines.h"

enum { L_ID = 1, L_INVOICE, L_CUST, L_SUB, L_SUB_SI, L_SUB_II, L_SOURCE_ID, L_SOURCE_TYPE,
       L_ITEM, L_TYPE, L_PARENT_TYPE, L_PRORATION, L_PRORATION_SI, L_PRORATION_II, L_START,
       L_END, L_AMOUNT, L_AMOUNT_NET, L_DISCOUNT, L_CURRENCY };

static const ndr_column cols[] = {
    {"id|line_item_id|invoice_line_item_id", NDR_COL_IDENT, 0},
    {"invoice_id|invoice", NDR_COL_IDENT_TOO, 1},
    {"customer_id|customer", 0, 1},
    {"subscription_id|subscription", 0, 0},
    {"parent_subscription_item_details_subscription", 0, 0},
    {"parent_invoice_item_details_subscription", 0, 0},
    {"source_id", 0, 0},
    {"source_type", 0, 0},
    {"subscription_item_id|subscription_item|parent_subscription_item_details_subscription_item",
     0, 0},
    {"type", 0, 0},
    {"parent_type|line_item_parent_type", 0, 0},
    {"proration", 0, 0},
    {"parent_subscription_item_details_proration", 0, 0},
    {"parent_invoice_item_details_proration", 0, 0},
    {"period_start", NDR_COL_REQUIRED | NDR_COL_ASOF, 0},
    {"period_end", NDR_COL_REQUIRED, 0},
    {"amount", NDR_COL_REQUIRED, 0},
    {"amount_excluding_tax", 0, 0},
    {"total_discount|discount_amount", 0, 0},
    {"currency", 0, 0},
};

/* The line's subscription: from parent.* (basil), the legacy column, or
 * Sigma's source_id when its source_type is a subscription. */
static int subscription_role(const ndr_row_ctx *c)
{
    static const int order[] = {L_SUB_SI, L_SUB_II, L_SUB};
    for (size_t i = 0; i < 3; i++)
        if (c->f[order[i]].n)
            return order[i];
    return c->f[L_SOURCE_ID].n && ndr_row_is(c, L_SOURCE_TYPE, "subscription") ? L_SOURCE_ID : 0;
}

static int proration(ndr_row_ctx *c, int *out)
{
    static const int roles[] = {L_PRORATION, L_PRORATION_SI, L_PRORATION_II};
    *out = 0;
    for (size_t i = 0; i < 3; i++) {
        int v;
        if (ndr_row_flag(c, roles[i], "proration", 0, &v))
            return -1;
        *out |= v;
    }
    return 0;
}

/* An invoice item rather than a subscription's line (one-time charges,
 * and the form pending prorations take). */
static int is_invoice_item(const ndr_row_ctx *c)
{
    return ndr_row_is(c, L_TYPE, "invoiceitem") ||
           ndr_row_is(c, L_PARENT_TYPE, "invoice_item_details") ||
           ndr_row_is(c, L_SOURCE_TYPE, "invoice_item");
}

static ndr_row_result row(ndr_row_ctx *c)
{
    int pro, sub = subscription_role(c);
    if (c->f[L_CUST].n && ndr_row_id(c, L_CUST, "customer id"))
        return NDR_ROW_BAD;
    if (c->f[L_CUST].n == 0 && ndr_row_id(c, L_INVOICE, "invoice id (the line has no customer)"))
        return NDR_ROW_BAD;
    if (proration(c, &pro))
        return NDR_ROW_BAD;
    if (!pro && (is_invoice_item(c) || sub == 0))
        return ndr_row_not_mrr(c, "one-time", "one-time invoice item");
    if (sub == 0)
        return ndr_row_bad(c, "proration without a subscription");
    if (c->f[L_TYPE].n && !ndr_row_is(c, L_TYPE, "subscription") && !is_invoice_item(c))
        return ndr_row_bad(c, "unknown type '%.*s' (expected subscription or invoiceitem)",
                           (int)(c->f[L_TYPE].n < 40 ? c->f[L_TYPE].n : 40), c->f[L_TYPE].p);
    if (ndr_row_id(c, sub, "subscription"))
        return NDR_ROW_BAD;
    ndr_tl_rec rec = {0};
    uint32_t cur;
    ndr_money amount, discount;
    int amount_role = c->f[L_AMOUNT_NET].n ? L_AMOUNT_NET : L_AMOUNT;
    if (ndr_row_time(c, L_START, "period start", 0, &rec.start, &rec.t0) ||
        ndr_row_time(c, L_END, "period end", 0, &rec.end, &rec.t1) ||
        ndr_row_currency(c, L_CURRENCY, &cur) ||
        ndr_row_minor(c, amount_role, "amount", pro, cur, -1, &amount) ||
        ndr_row_minor(c, L_DISCOUNT, "discount", 0, cur, 0, &discount))
        return NDR_ROW_BAD;
    if (c->f[amount_role].n == 0)
        return ndr_row_bad(c, "empty amount");
    if (rec.t1 < rec.t0)
        return ndr_row_bad(c, "period end is before period start");
    if (rec.end == rec.start)
        return ndr_row_not_mrr(c, "no period", "service period shorter than a day");
    if (discount > amount && !pro)
        return ndr_row_bad(c, "discount larger than the amount");
    rec.amount = amount - discount;
    rec.kind = pro ? NDR_TL_PRORATION : NDR_TL_LINE;
    rec.cur = cur;
    if (!pro && ndr_row_per_month(c, &rec))
        return NDR_ROW_BAD;
    const ndr_field *item = &c->f[L_ITEM];
    ndr_row_key k = {L_CUST, sub, item->n ? item->p : NULL, item->n, L_INVOICE, 0};
    return ndr_row_add(c, &k, &rec);
}

const ndr_input_def ndr_input_stripe_lines = {
    .id = NDR_IN_STRIPE_INVOICE_LINES,
    .name = "stripe-invoice-lines",
    .what = "Stripe invoice line items (API, Sigma, or a warehouse sync with its invoice table)",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = "amount_due|amount_paid|amount_remaining",
    .row = row,
    .cust_role = L_CUST,
    .lookup = 0,
    .joins = 1,
    .header_note = NULL,
};
