/* formats.h - the input formats: the columns each one has, how a header is
 * recognised as one of them, and how a row of a vendor export becomes MRR
 * intervals or movements (timeline.h). The canonical events format is read
 * by reader.c's own fast path; the vendor formats are converted here, one
 * module per vendor (format_stripe.c, format_chartmogul.c,
 * format_baremetrics.c). */
#ifndef NDR_FORMATS_H
#define NDR_FORMATS_H

#include "dataset.h"
#include "ndr.h"

#define NDR_MAX_ROLES 24

/* One column of a format: its names (normalised, see ndr_column_normalise),
 * "|"-separated, the first being the name --map uses. */
typedef struct ndr_column {
    const char *names;
    int required;
} ndr_column;

/* The events format's columns, in role order (reader.c relies on it). */
enum { EV_CUSTOMER = 1, EV_SUB, EV_DATE, EV_MRR, EV_CURRENCY };

typedef struct ndr_field {
    const char *p;
    size_t n; /* 0: empty or no such column */
} ndr_field;

typedef enum ndr_row_result {
    NDR_ROW_USED,    /* became MRR records */
    NDR_ROW_NOT_MRR, /* valid, but carries no MRR by the format's rules */
    NDR_ROW_BAD,     /* rejected: why says so */
    NDR_ROW_NOMEM
} ndr_row_result;

typedef struct ndr_row_ctx {
    const ndr_field *f; /* by role: f[1] .. f[ncols] */
    ndr_dataset *ds;
    uint32_t src;       /* ndr_dataset_source index of the input */
    uint64_t line;
    char why[300];      /* reason of NDR_ROW_BAD or NDR_ROW_NOT_MRR */
    const char *not_mrr_kind; /* NDR_ROW_NOT_MRR: "one-time", "proration", ... */
    const char *seg;          /* the row's --by value, or NULL */
    size_t seg_len;
} ndr_row_ctx;

typedef struct ndr_format_def {
    ndr_input_format id;
    const char *name;
    const ndr_column *cols; /* role r is cols[r - 1] */
    size_t ncols;
    ndr_row_result (*row)(ndr_row_ctx *c); /* NULL for the events format */
    int cust_role; /* the role of the customer id column (--shard hashes it) */
} ndr_format_def;

const ndr_format_def *ndr_format_def_of(ndr_input_format id);

/* Header name to the form formats are written in: lower case, spaces and
 * '-' as '_', no trailing " (UTC)", trimmed. out has len + 1 bytes. */
void ndr_column_normalise(const char *name, size_t len, char *out);

/* Picks the format of a header (names already normalised and --map applied)
 * when want is NDR_IN_AUTO, else checks it, and fills role[col] (0: column
 * not used). Returns 0; or -1 with a message (missing or duplicated
 * columns); or, when no format fits an NDR_IN_AUTO header, -2 - F where F
 * is the format whose columns the header has most of (events on a tie). */
int ndr_columns_resolve(char *const *names, size_t n, ndr_input_format want,
                        const ndr_format_def **fmt, unsigned char *role, char *msg,
                        size_t msg_size);

/* ---- helpers for the vendor row converters ------------------------------ */

/* The field of role r as an id: non-empty UTF-8 without NUL. Returns 0, or
 * -1 with c->why set (what names the column in the message). */
int ndr_row_id(ndr_row_ctx *c, int r, const char *what);

/* The field of role r as a date (a time after it is ignored); *out is
 * NDR_NO_END when the field is empty and optional is set. Returns 0 or -1
 * with c->why set. */
int ndr_row_date(ndr_row_ctx *c, int r, const char *what, int optional, ndr_date *out);

/* The field of role r as a whole number of minor units (cents), possibly
 * signed, converted to money in currency cur. Empty gives def. */
int ndr_row_minor(ndr_row_ctx *c, int r, const char *what, int allow_negative, uint32_t cur,
                  ndr_money def, ndr_money *out);

/* The field of role r as a decimal in major units (49.00). */
int ndr_row_major(ndr_row_ctx *c, int r, const char *what, ndr_money *out);

/* A non-negative integer (quantity, interval count); empty gives def. */
int ndr_row_count(ndr_row_ctx *c, int r, const char *what, uint64_t def, uint64_t *out);

/* The currency of role r (0 when the column is absent or empty). */
int ndr_row_currency(ndr_row_ctx *c, int r, uint32_t *out);

/* True when the field of role r equals word, ignoring case. */
int ndr_row_is(const ndr_row_ctx *c, int r, const char *word);

/* Monthly MRR of amount x the quantity field, billed every count x
 * interval (fields of roles qty_role, iv_role, count_role). */
int ndr_stripe_monthly(ndr_row_ctx *c, ndr_money amount, int qty_role, int iv_role,
                       int count_role, ndr_money *mrr);

/* Adds an interval [start, end) of monthly MRR mrr, or a movement. */
ndr_row_result ndr_row_interval(ndr_row_ctx *c, int cust_role, int sub_role, const char *sub2,
                                size_t sub2_len, ndr_date start, ndr_date end, ndr_money mrr,
                                uint32_t cur);
ndr_row_result ndr_row_movement(ndr_row_ctx *c, int cust_role, int sub_role, ndr_date day,
                                ndr_money delta, uint32_t cur);

#endif
