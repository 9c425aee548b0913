/* stripe_subscriptions.c - the Stripe Dashboard subscriptions export
 * (Billing > Subscriptions > Export): one row per subscription, or per item
 * of one, with its current plan, price, quantity and status. Each row is a
 * span of one state, from its start (or trial end) to its end (docs/
 * formats.md gives the source of every column). */
#include "stripe_subscriptions.h"

#include "date.h"

enum { S_ID = 1, S_CUST, S_STATUS, S_START_DATE, S_CREATED, S_START, S_PERIOD_START,
       S_PERIOD_END, S_TRIAL_START, S_TRIAL_END, S_ENDED, S_CANCELED, S_QTY, S_INTERVAL,
       S_COUNT, S_AMOUNT, S_CURRENCY, S_ITEM };

static const ndr_column cols[] = {
    {"id|subscription_id", NDR_COL_REQUIRED | NDR_COL_IDENT, 0},
    {"customer_id|customer", NDR_COL_REQUIRED, 0},
    {"status", NDR_COL_REQUIRED, 0},
    /* since Stripe's 2019-10-17 change, start_date is when the subscription
     * began and start (legacy) when its current plan configuration did */
    {"start_date", NDR_COL_ASOF, 1},
    {"created", NDR_COL_ASOF, 1},
    {"start", NDR_COL_ASOF, 1},
    {"current_period_start", NDR_COL_ASOF | NDR_COL_EVIDENCE, 0},
    {"current_period_end", NDR_COL_EVIDENCE, 0},
    {"trial_start", NDR_COL_ASOF | NDR_COL_EVIDENCE, 0},
    {"trial_end", 0, 0},
    {"ended_at", NDR_COL_ASOF, 0},
    {"canceled_at|cancelled_at", NDR_COL_ASOF, 0},
    {"quantity", 0, 0},
    {"interval|plan_interval", NDR_COL_REQUIRED, 0},
    {"interval_count|plan_interval_count", 0, 0},
    {"amount|plan_amount", NDR_COL_REQUIRED, 0},
    {"currency", 0, 0},
    /* an item of a multi-item subscription: its price, plan or product */
    {"plan_price_id|price_id|price|plan_id|plan|product_id|product", NDR_COL_IDENT_TOO, 0},
};

/* Where the export has no interval count: the current period's length in
 * whole intervals (a quarterly plan is "month" over three months), else 1. */
static uint64_t count_from_period(ndr_row_ctx *c)
{
    ndr_date a, b;
    int64_t sa, sb;
    const ndr_field *iv = &c->f[S_INTERVAL];
    if (c->f[S_PERIOD_START].n == 0 || c->f[S_PERIOD_END].n == 0 ||
        ndr_row_time(c, S_PERIOD_START, "current period start", 0, &a, &sa) ||
        ndr_row_time(c, S_PERIOD_END, "current period end", 0, &b, &sb) || b <= a)
        return 1;
    int ya, ma, da, yb, mb, db;
    ndr_date_to_ymd(a, &ya, &ma, &da);
    ndr_date_to_ymd(b, &yb, &mb, &db);
    int months = (yb * 12 + mb) - (ya * 12 + ma);
    int whole = da == db || (da > db && db == ndr_days_in_month(yb, mb));
    if (ndr_row_is(c, S_INTERVAL, "month") && whole && months > 1)
        return (uint64_t)months;
    if (ndr_row_is(c, S_INTERVAL, "year") && whole && months > 12 && months % 12 == 0)
        return (uint64_t)months / 12;
    if (ndr_row_is(c, S_INTERVAL, "week") && (b - a) % 7 == 0 && b - a > 7)
        return (uint64_t)(b - a) / 7;
    (void)iv;
    return 1;
}

static int paying_status(const ndr_row_ctx *c)
{
    return ndr_row_is(c, S_STATUS, "active") || ndr_row_is(c, S_STATUS, "past_due") ||
           ndr_row_is(c, S_STATUS, "unpaid") || ndr_row_is(c, S_STATUS, "paused");
}

/* The first day of MRR: Start Date, else Created, else (legacy) Start;
 * the trial end when later. */
static int first_day(ndr_row_ctx *c, ndr_date *start, int64_t *sec)
{
    static const int order[] = {S_START_DATE, S_CREATED, S_START};
    ndr_date trial;
    int64_t ts;
    int r = 0;
    for (size_t i = 0; i < 3 && r == 0; i++)
        if (c->f[order[i]].n)
            r = order[i];
    if (r == 0) {
        ndr_row_bad(c, "empty start date");
        return -1;
    }
    if (ndr_row_time(c, r, "start", 0, start, sec) ||
        ndr_row_time(c, S_TRIAL_END, "trial end", 1, &trial, &ts))
        return -1;
    if (trial != NDR_NO_END && trial > *start) /* paid from the end of the trial */
        *start = trial, *sec = ts;
    return 0;
}

static ndr_row_result row(ndr_row_ctx *c)
{
    if (ndr_row_id(c, S_ID, "id") || ndr_row_id(c, S_CUST, "customer id"))
        return NDR_ROW_BAD;
    if (ndr_row_is(c, S_STATUS, "incomplete") || ndr_row_is(c, S_STATUS, "incomplete_expired"))
        return ndr_row_not_mrr(c, "unpaid", "status incomplete: never paid");
    if (ndr_row_is(c, S_STATUS, "trialing"))
        return ndr_row_not_mrr(c, "trial", "status trialing: not paying yet");
    int canceled = ndr_row_is(c, S_STATUS, "canceled");
    if (!canceled && !paying_status(c))
        return ndr_row_bad(c,
                           "unknown status '%.*s' (expected active, past_due, unpaid, paused, "
                           "canceled, trialing, incomplete or incomplete_expired)",
                           (int)(c->f[S_STATUS].n < 40 ? c->f[S_STATUS].n : 40), c->f[S_STATUS].p);
    ndr_date start, ended, canceled_at;
    int64_t s0, s1, s2;
    if (first_day(c, &start, &s0) || ndr_row_time(c, S_ENDED, "ended at", 1, &ended, &s1) ||
        ndr_row_time(c, S_CANCELED, "canceled at", 1, &canceled_at, &s2))
        return NDR_ROW_BAD;
    if (ended == NDR_NO_END && canceled)
        ended = canceled_at, s1 = s2;
    if (ended == NDR_NO_END && canceled)
        return ndr_row_bad(c, "status canceled but no ended at or canceled at date");
    if (ended != NDR_NO_END && ended <= start)
        return ndr_row_not_mrr(c, "unpaid", "ended before its first paid day");
    uint32_t cur;
    uint64_t qty, count;
    ndr_money amount, mrr;
    if (ndr_row_currency(c, S_CURRENCY, &cur) || ndr_row_major(c, S_AMOUNT, "amount", &amount) ||
        ndr_row_count(c, S_QTY, "quantity", 1, &qty) ||
        ndr_row_count(c, S_COUNT, "interval count", 0, &count))
        return NDR_ROW_BAD;
    if (c->f[S_COUNT].n == 0)
        count = count_from_period(c);
    if (ndr_row_monthly(c, amount, qty, S_INTERVAL, count, &mrr))
        return NDR_ROW_BAD;
    ndr_tl_rec rec = {0};
    rec.kind = NDR_TL_STATE;
    rec.start = start;
    rec.t0 = s0;
    rec.end = ended;
    rec.t1 = s1;
    rec.amount = mrr;
    rec.cur = cur;
    const ndr_field *item = &c->f[S_ITEM];
    ndr_row_key k = {S_CUST, S_ID, item->n ? item->p : NULL, item->n, 0, 0};
    return ndr_row_add(c, &k, &rec);
}

static const char *note(const unsigned char *present)
{
    if (present[S_START] && !present[S_START_DATE] && !present[S_CREATED])
        return "the export has 'Start (UTC)' but not 'Start Date (UTC)' or 'Created (UTC)': "
               "since 2019 'Start' is when the current plan configuration began, so a "
               "customer who changed plan or quantity looks new from then (export Start Date)";
    return NULL;
}

const ndr_input_def ndr_input_stripe_subscriptions = {
    .id = NDR_IN_STRIPE_SUBSCRIPTIONS,
    .name = "stripe-subscriptions",
    .what = "the Stripe Dashboard subscriptions export (Billing > Subscriptions > Export)",
    .cols = cols,
    .ncols = sizeof cols / sizeof cols[0],
    .forbid = NULL,
    .row = row,
    .cust_role = S_CUST,
    .lookup = 0,
    .joins = 0,
    .header_note = note,
};
