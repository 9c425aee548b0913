/* format_stripe.c - Stripe exports: the Dashboard subscriptions export
 * (one row per subscription) and invoice line items (one row per line),
 * each turned into MRR intervals (see docs/formats.md). */
#include "formats.h"
#include "normalize.h"

#include <stdio.h>

/* ---- subscriptions export ----------------------------------------------- */

enum { S_ID = 1, S_CUST, S_STATUS, S_START, S_TRIAL_END, S_ENDED, S_CANCELED, S_QTY,
       S_INTERVAL, S_COUNT, S_AMOUNT, S_CURRENCY };

const ndr_column ndr_stripe_subscription_cols[] = {
    {"id|subscription_id", 1},
    {"customer_id|customer", 1},
    {"status", 1},
    {"start_date|start|created", 1},
    {"trial_end", 0},
    {"ended_at", 0},
    {"canceled_at|cancelled_at", 0},
    {"quantity", 0},
    {"interval|plan_interval", 1},
    {"interval_count|plan_interval_count", 0},
    {"amount|plan_amount", 1},
    {"currency", 0},
};
const size_t ndr_stripe_subscription_ncols =
    sizeof ndr_stripe_subscription_cols / sizeof ndr_stripe_subscription_cols[0];

static ndr_row_result not_mrr(ndr_row_ctx *c, const char *kind, const char *why)
{
    c->not_mrr_kind = kind;
    snprintf(c->why, sizeof c->why, "%s", why);
    return NDR_ROW_NOT_MRR;
}

/* Monthly MRR of `amount` x quantity billed per interval of the row. */
static int monthly(ndr_row_ctx *c, ndr_money amount, int qty_role, int iv_role, int count_role,
                   ndr_money *mrr)
{
    uint64_t qty, count;
    ndr_interval iv;
    unsigned mult;
    ndr_money total;
    if (ndr_row_count(c, qty_role, "quantity", 1, &qty) ||
        ndr_row_count(c, count_role, "interval count", 1, &count))
        return -1;
    if (ndr_interval_parse(c->f[iv_role].p, c->f[iv_role].n, &iv, &mult)) {
        snprintf(c->why, sizeof c->why, "bad interval '%.*s' (expected day, week, month or year)",
                 (int)(c->f[iv_role].n < 40 ? c->f[iv_role].n : 40), c->f[iv_role].p);
        return -1;
    }
    if (count == 0) {
        snprintf(c->why, sizeof c->why, "interval count is 0");
        return -1;
    }
    if (ndr_money_muldiv(amount, qty, 1, &total) ||
        ndr_mrr_per_interval(total, iv, count * mult, mrr)) {
        snprintf(c->why, sizeof c->why, "amount x quantity too large");
        return -1;
    }
    return 0;
}

ndr_row_result ndr_stripe_subscription_row(ndr_row_ctx *c)
{
    if (ndr_row_id(c, S_ID, "id") || ndr_row_id(c, S_CUST, "customer id"))
        return NDR_ROW_BAD;
    if (ndr_row_is(c, S_STATUS, "incomplete") || ndr_row_is(c, S_STATUS, "incomplete_expired"))
        return not_mrr(c, "unpaid", "status incomplete: never paid");
    if (ndr_row_is(c, S_STATUS, "trialing"))
        return not_mrr(c, "trial", "status trialing: not paying yet");
    int canceled = ndr_row_is(c, S_STATUS, "canceled");
    if (!canceled && !ndr_row_is(c, S_STATUS, "active") && !ndr_row_is(c, S_STATUS, "past_due") &&
        !ndr_row_is(c, S_STATUS, "unpaid") && !ndr_row_is(c, S_STATUS, "paused")) {
        snprintf(c->why, sizeof c->why,
                 "unknown status '%.*s' (expected active, past_due, unpaid, paused, canceled, "
                 "trialing, incomplete or incomplete_expired)",
                 (int)(c->f[S_STATUS].n < 40 ? c->f[S_STATUS].n : 40), c->f[S_STATUS].p);
        return NDR_ROW_BAD;
    }
    ndr_date start, trial_end, ended, canceled_at;
    if (ndr_row_date(c, S_START, "start", 0, &start) ||
        ndr_row_date(c, S_TRIAL_END, "trial end", 1, &trial_end) ||
        ndr_row_date(c, S_ENDED, "ended at", 1, &ended) ||
        ndr_row_date(c, S_CANCELED, "canceled at", 1, &canceled_at))
        return NDR_ROW_BAD;
    if (trial_end != NDR_NO_END && trial_end > start)
        start = trial_end; /* paid from the end of the trial */
    if (ended == NDR_NO_END && canceled)
        ended = canceled_at;
    if (ended == NDR_NO_END && canceled) {
        snprintf(c->why, sizeof c->why, "status canceled but no ended at or canceled at date");
        return NDR_ROW_BAD;
    }
    if (ended != NDR_NO_END && ended <= start)
        return not_mrr(c, "unpaid", "ended before its first paid day");
    uint32_t cur;
    ndr_money amount, mrr;
    if (ndr_row_currency(c, S_CURRENCY, &cur) || ndr_row_major(c, S_AMOUNT, "amount", &amount) ||
        monthly(c, amount, S_QTY, S_INTERVAL, S_COUNT, &mrr))
        return NDR_ROW_BAD;
    return ndr_row_interval(c, S_CUST, S_ID, NULL, 0, start, ended, mrr, cur);
}

/* ---- invoice line items ------------------------------------------------- */

enum { L_CUST = 1, L_SUB, L_ITEM, L_TYPE, L_PRORATION, L_START, L_END, L_AMOUNT, L_AMOUNT_NET,
       L_DISCOUNT, L_CURRENCY, L_INVOICE };

const ndr_column ndr_stripe_line_cols[] = {
    {"customer_id|customer", 1},
    {"subscription_id|subscription", 0},
    {"subscription_item_id|subscription_item", 0},
    {"type", 0},
    {"proration", 0},
    {"period_start", 1},
    {"period_end", 1},
    {"amount", 1},
    {"amount_excluding_tax", 0},
    {"discount_amount|discount", 0},
    {"currency", 0},
    {"invoice_id|invoice", 0},
};
const size_t ndr_stripe_line_ncols = sizeof ndr_stripe_line_cols / sizeof ndr_stripe_line_cols[0];

ndr_row_result ndr_stripe_line_row(ndr_row_ctx *c)
{
    if (ndr_row_id(c, L_CUST, "customer id"))
        return NDR_ROW_BAD;
    if (ndr_row_is(c, L_TYPE, "invoiceitem") || c->f[L_SUB].n == 0)
        return not_mrr(c, "one-time", "one-time invoice item");
    if (ndr_row_is(c, L_PRORATION, "true"))
        return not_mrr(c, "proration", "proration");
    if (c->f[L_TYPE].n && !ndr_row_is(c, L_TYPE, "subscription")) {
        snprintf(c->why, sizeof c->why, "unknown type '%.*s' (expected subscription or invoiceitem)",
                 (int)(c->f[L_TYPE].n < 40 ? c->f[L_TYPE].n : 40), c->f[L_TYPE].p);
        return NDR_ROW_BAD;
    }
    if (ndr_row_id(c, L_SUB, "subscription"))
        return NDR_ROW_BAD;
    ndr_date start, end;
    uint32_t cur;
    ndr_money amount, discount, mrr;
    int amount_role = c->f[L_AMOUNT_NET].n ? L_AMOUNT_NET : L_AMOUNT;
    if (ndr_row_date(c, L_START, "period start", 0, &start) ||
        ndr_row_date(c, L_END, "period end", 0, &end) || ndr_row_currency(c, L_CURRENCY, &cur) ||
        ndr_row_minor(c, amount_role, "amount", 0, cur, -1, &amount) ||
        ndr_row_minor(c, L_DISCOUNT, "discount", 0, cur, 0, &discount))
        return NDR_ROW_BAD;
    if (amount < 0) {
        snprintf(c->why, sizeof c->why, "empty amount");
        return NDR_ROW_BAD;
    }
    if (discount > amount) {
        snprintf(c->why, sizeof c->why, "discount larger than the amount");
        return NDR_ROW_BAD;
    }
    if (ndr_mrr_per_period(amount - discount, start, end, &mrr)) {
        snprintf(c->why, sizeof c->why, "period end is not after period start");
        return NDR_ROW_BAD;
    }
    const ndr_field *item = &c->f[L_ITEM];
    return ndr_row_interval(c, L_CUST, L_SUB, item->p, item->n, start, end, mrr, cur);
}

/* Shared with format_baremetrics.c. */
int ndr_stripe_monthly(ndr_row_ctx *c, ndr_money amount, int qty_role, int iv_role,
                       int count_role, ndr_money *mrr)
{
    return monthly(c, amount, qty_role, iv_role, count_role, mrr);
}
