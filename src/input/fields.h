/* fields.h - what a format's row converter gets (the row's fields by role)
 * and the helpers every converter shares: ids, timestamps, amounts in minor
 * or major units, counts, flags, currencies, and adding the row's MRR
 * records to the data set. Each helper that fails leaves the reason in
 * c->why ("bad period_start '2023-13-01' (expected YYYY-MM-DD)"). */
#ifndef NDR_FIELDS_H
#define NDR_FIELDS_H

#include "ndr.h"
#include "timeline.h"

#include <stdint.h>

typedef struct ndr_field {
    const char *p;
    size_t n; /* 0: empty or no such column */
} ndr_field;

typedef enum ndr_row_result {
    NDR_ROW_USED,    /* became MRR records */
    NDR_ROW_NOT_MRR, /* valid, but carries no MRR by the format's rules */
    NDR_ROW_BAD,     /* rejected: why says so */
    NDR_ROW_NOMEM,
    NDR_ROW_OTHER_SHARD, /* --shard: its invoice names another shard's customer */
    NDR_ROW_DUPLICATE    /* repeats a row read before (an invoice given twice) */
} ndr_row_result;

typedef struct ndr_row_ctx {
    const ndr_field *f; /* by role: f[1] .. f[ncols]; f[0] is empty */
    ndr_dataset *ds;
    uint32_t src;       /* the input's index in the data set */
    uint64_t line;
    char why[300];      /* reason of NDR_ROW_BAD or NDR_ROW_NOT_MRR */
    const char *not_mrr_kind; /* NDR_ROW_NOT_MRR: "one-time", "trial", ... */
    const char *seg;          /* the row's --by value, or NULL */
    size_t seg_len;
    uint64_t ident, content;  /* hashes of the row's identity and contents
                               * (the reader's), for ndr_row_add's records */
} ndr_row_ctx;

/* NDR_ROW_NOT_MRR with kind and reason. */
ndr_row_result ndr_row_not_mrr(ndr_row_ctx *c, const char *kind, const char *why);

/* NDR_ROW_BAD with a formatted reason. */
ndr_row_result ndr_row_bad(ndr_row_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The field of role r as an id: non-empty UTF-8 without NUL. Returns 0, or
 * -1 with c->why set (what names the column in the message). */
int ndr_row_id(ndr_row_ctx *c, int r, const char *what);

/* The field of role r as a timestamp (ndr_timestamp_parse): its UTC day and
 * seconds. Empty: *day = NDR_NO_END when optional, else an error. Years
 * outside 1900-2199 are refused. */
int ndr_row_time(ndr_row_ctx *c, int r, const char *what, int optional, ndr_date *day,
                 int64_t *sec);

/* The field of role r as a whole number of the currency's minor units
 * (cents; whole yen; thousandths of a dinar), possibly signed, as money.
 * A decimal point is refused: the column is in minor units. Empty gives
 * def. */
int ndr_row_minor(ndr_row_ctx *c, int r, const char *what, int allow_negative, uint32_t cur,
                  ndr_money def, ndr_money *out);

/* ... in cents whatever the currency (ChartMogul's account-currency MRR). */
int ndr_row_cents(ndr_row_ctx *c, int r, const char *what, ndr_money def, ndr_money *out);

/* The field of role r as a decimal in major units (49.00). */
int ndr_row_major(ndr_row_ctx *c, int r, const char *what, ndr_money *out);

/* A non-negative whole number (quantity, interval count); empty gives def. */
int ndr_row_count(ndr_row_ctx *c, int r, const char *what, uint64_t def, uint64_t *out);

/* A flag: true/false, t/f, yes/no, 1/0 in any case; empty gives def. */
int ndr_row_flag(ndr_row_ctx *c, int r, const char *what, int def, int *out);

/* The currency of role r (0 when the column is absent or empty). */
int ndr_row_currency(ndr_row_ctx *c, int r, uint32_t *out);

/* True when the field of role r equals word, ignoring case and spaces. */
int ndr_row_is(const ndr_row_ctx *c, int r, const char *word);

/* True when the JSON text of role r has "key": true (TYPE_DATA). */
int ndr_row_json_true(const ndr_row_ctx *c, int r, const char *key);

/* amount x qty per `count` intervals (field of iv_role: day, week, month,
 * quarter, year), as monthly MRR. */
int ndr_row_monthly(ndr_row_ctx *c, ndr_money amount, uint64_t qty, int iv_role,
                    uint64_t count, ndr_money *mrr);

/* Turns rec->amount, paid for the service period [rec->start, rec->end),
 * into monthly MRR (normalize.h). */
int ndr_row_per_month(ndr_row_ctx *c, ndr_tl_rec *rec);

/* The parts of a record's subscription key and where its customer comes
 * from: the field of cust_role, or (cust_role 0) the invoice of the
 * invoice roles (a warehouse line, joined to an invoice table). */
typedef struct ndr_row_key {
    int cust_role;
    int sub_role;             /* 0: the customer's one implicit subscription */
    const char *item;         /* an item of the subscription, or NULL */
    size_t item_len;
    int invoice_role;         /* invoice id (matching the invoice's id) */
    int invoice_ext_role;     /* invoice external id (matching its external id) */
} ndr_row_key;

/* Adds rec (days, seconds, amount, kind...; key, source and line are
 * filled here) under key k. */
ndr_row_result ndr_row_add(ndr_row_ctx *c, const ndr_row_key *k, ndr_tl_rec *rec);

/* An invoice table's row: invoice id (role id_role) and external id
 * (ext_role) name the customer of role cust_role, in currency cur; lines
 * of a void invoice carry no MRR. */
ndr_row_result ndr_row_invoice(ndr_row_ctx *c, int id_role, int ext_role, int cust_role,
                               uint32_t cur, int is_void);

#endif
