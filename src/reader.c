/* reader.c - streams one CSV input into a data set: canonical events on
 * a fast path of its own, vendor exports through their format's row
 * converter (src/input/).
 *
 * libcsv does the tokenising; this module adds what it lacks: line numbers,
 * a UTF-8 BOM, blank-line accounting, column lookup by name, validation of
 * each row, and a way to stop (strict mode); and for vendor rows, the hashes
 * by which the timeline counts a row given twice once, and the data's "as
 * of" date. Input is
 * handed to libcsv one physical line at a time so that, when a record ends,
 * the line it started on is known exactly, even for quoted fields that
 * span lines. */
#include "ndr.h"
#include "batch.h"
#include "dataset.h"
#include "currency.h"
#include "date.h"
#include "hash.h"
#include "input/events.h"
#include "input/header.h"
#include "input/input.h"
#include "pipeline.h"
#include "checksum.h"
#include "sha256.h"
#include "utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A longer field is rejected instead of buffered without bound (an
 * unbalanced quote would otherwise make libcsv hold the rest of the file). */
#define NDR_MAX_FIELD (64 * 1024)

/* libcsv 3.0.3's parser state "inside a field" (struct csv_parser.pstate is
 * public but its values are not): with .quoted set, an open quote. libcsv's
 * own 0 check works only in CSV_STRICT mode, which would make
 * one stray quote fatal for the whole file. */
#define LIBCSV_FIELD_BEGUN 2

/* Roles of the events format's columns (formats.h). */
enum role { ROLE_NONE, ROLE_CUSTOMER = EV_CUSTOMER, ROLE_SUB = EV_SUB, ROLE_DATE = EV_DATE,
            ROLE_MRR = EV_MRR, ROLE_CURRENCY = EV_CURRENCY, ROLE_COUNT };

static const char *const role_name[ROLE_COUNT] = {
    NULL, "customer_id", "subscription_id", "date", "mrr", "currency",
};

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

struct ndr_reader {
    struct csv_parser csv;
    ndr_dataset *ds;
    char *source;
    unsigned flags;
    ndr_reject_fn on_reject;
    void *ctx;
    ndr_status status;
    char msg[512];
    ndr_read_stats stats;
    ndr_sha256 sha; /* NDR_READ_FINGERPRINT: of the bytes fed */
    ndr_checksum sum; /* NDR_READ_CHECKSUM: likewise */
    int has_horizon; /* --shard: the latest "as of" date of any row */
    /* a movements export: the earliest "as of" date of its well-formed rows
     * (the right number of fields, ids that read), its own or another
     * shard's, valid or not: where the export starts, so the MRR before a
     * customer's first movement starts there in every shard */
    int has_low;
    ndr_date low;
    int known_mine;  /* --shard: the fast path found this line the shard's */
    ndr_date horizon;
    int provisional; /* --shard: a line without a customer, whose invoice
                      * decides its shard (or shard 1 if it carries none) */

    /* options */
    ndr_input_format want;
    char **map_from, **map_to; /* --map: header name -> canonical name */
    size_t nmap;
    char *seg_name;  /* --by column, normalised */
    size_t seg_col;  /* its 1-based column, 0 = none */

    /* header: the names (normalised), then the format and each column's role */
    int have_header;
    char **names;
    unsigned char *role;
    size_t ncols, role_cap;
    buf header_names; /* "a, b, c" for messages */
    const ndr_input_def *fmt;
    uint32_t src; /* the input's index in the data set */
    buf ident, content; /* a vendor row's identity and contents (row_identity) */

    /* position */
    uint64_t line;       /* physical line being fed, 1-based */
    uint64_t rec_line;   /* line the current record started on */
    int at_line_start;   /* next byte starts a line */
    /* line ends, known at the first one: 0 not yet, 1 LF or CRLF, 2 CR
     * alone (old Mac files), turned into LF so lines count right; a CR
     * that ended a buffer waits in cr_held for the byte after it */
    int eol, cr_held;
    buf cr_text;
    int line_blank;      /* the line so far is only spaces, tabs, CR */
    int rec_open;        /* a record has started and not ended */
    unsigned char bom[3];
    size_t nbom;         /* bytes held back while checking for a BOM */
    int bom_done;
    int skip_line;       /* ignore input up to the next line feed */

    /* validated rows not yet added; with NDR_READ_THREADED, `pipe` adds them
     * on a worker thread */
    ndr_batch *batch;
    ndr_pipe *pipe;

    /* the current record */
    size_t nfields;
    buf cust, sub;
    int has_date, has_mrr, bad;
    ndr_date date;
    ndr_money mrr;
    uint32_t cur;
    buf seg;
    char reason[300];
    /* a vendor format's record: the fields by role, in rec */
    buf rec;
    size_t val_off[NDR_MAX_ROLES + 1], val_len[NDR_MAX_ROLES + 1];
};

/* Makes room for need bytes in b (doubling). Returns -1 when out of
 * memory (b unchanged). */
static int buf_reserve(buf *b, size_t need)
{
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *q = realloc(b->p, cap);
    if (q == NULL)
        return -1;
    b->p = q;
    b->cap = cap;
    return 0;
}

static int buf_set(buf *b, const void *p, size_t n)
{
    if (buf_reserve(b, n + 1))
        return -1;
    if (n)
        memcpy(b->p, p, n);
    b->p[n] = '\0';
    b->len = n;
    return 0;
}

static void fail(ndr_reader *r, ndr_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    r->status = st;
}

static void bad_field(ndr_reader *r, const char *what, const void *p, size_t n,
                      const char *why)
{
    char q[200];
    ndr_utf8_quote(q, sizeof q, p, n);
    snprintf(r->reason, sizeof r->reason, "%s '%s'%s", what, q, why);
    r->bad = 1;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static size_t trimmed(const unsigned char **p, size_t n)
{
    while (n && is_blank(**p))
        (*p)++, n--;
    while (n && is_blank((*p)[n - 1]))
        n--;
    return n;
}

/* ---- header ------------------------------------------------------------- */

static void header_field(ndr_reader *r, const unsigned char *p, size_t n)
{
    size_t col = r->nfields; /* 1-based number of this column */
    if (col > r->role_cap) {
        size_t cap = r->role_cap ? r->role_cap * 2 : 16;
        unsigned char *q = realloc(r->role, cap);
        char **names = realloc(r->names, cap * sizeof *names);
        if (q)
            r->role = q;
        if (names)
            r->names = names;
        if (q == NULL || names == NULL) {
            fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
            return;
        }
        r->role_cap = cap;
    }
    r->ncols = col - 1; /* names[] holds this many */
    if (memchr(p, '\0', n)) {
        fail(r, NDR_ERR_ENCODING,
             "%s:%llu: header contains NUL bytes (UTF-16 without a byte order mark, or not text)",
             r->source, (unsigned long long)r->rec_line);
        return;
    }
    char *name = malloc(n + 1);
    if (name == NULL) {
        fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
        return;
    }
    ndr_header_normalise((const char *)p, n, name);
    r->names[col - 1] = name;
    r->ncols = col;
    /* remember the names for a "missing column" message */
    buf *h = &r->header_names;
    if (h->len < 200) {
        char q[256];
        ndr_utf8_quote(q, sizeof q, p, n);
        size_t add = strlen(q) + 2;
        char *s = realloc(h->p, h->len + add + 1);
        if (s) {
            snprintf(s + h->len, add + 1, "%s%s", h->len ? ", " : "", q);
            h->p = s;
            h->len += strlen(s + h->len);
        }
    }
}

/* The index of name in list[0..n) (normalised names), or n. */
static size_t map_find(char *const *list, size_t n, const char *name)
{
    size_t m = 0;
    while (m < n && strcmp(list[m], name) != 0)
        m++;
    return m;
}

/* --map: the column named like a map entry's header is read as its
 * canonical name, and a column bearing a canonical name that no entry
 * gives it is ignored. The renames apply at once, to the names as read, so
 * a map onto the name a column already has (date=Date) changes nothing. */
static void apply_map(ndr_reader *r)
{
    for (size_t m = 0; m < r->nmap; m++)
        if (map_find(r->names, r->ncols, r->map_from[m]) == r->ncols) {
            fail(r, NDR_ERR_HEADER, "%s:%llu: --map %s=%s: the header has no such column (it has: %s)",
                 r->source, (unsigned long long)r->rec_line, r->map_to[m], r->map_from[m],
                 r->header_names.p ? r->header_names.p : "");
            return;
        }
    for (size_t i = 0; i < r->ncols; i++) {
        size_t m = map_find(r->map_from, r->nmap, r->names[i]);
        if (m == r->nmap) {
            if (map_find(r->map_to, r->nmap, r->names[i]) < r->nmap)
                r->names[i][0] = '\0';
            continue;
        }
        char *c = strdup(r->map_to[m]);
        if (c == NULL) {
            fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
            return;
        }
        free(r->names[i]);
        r->names[i] = c;
    }
}

/* --by: the column named seg_name, or Stripe's "seg_name (metadata)". */
static int find_segment_column(ndr_reader *r)
{
    size_t n = strlen(r->seg_name);
    for (size_t i = 0; i < r->ncols; i++)
        if (strcmp(r->names[i], r->seg_name) == 0 ||
            (strncmp(r->names[i], r->seg_name, n) == 0 &&
             strcmp(r->names[i] + n, "_(metadata)") == 0)) {
            r->seg_col = i + 1;
            return 0;
        }
    fail(r, NDR_ERR_HEADER, "%s:%llu: --by %s: the header has no such column (it has: %s)",
         r->source, (unsigned long long)r->rec_line, r->seg_name,
         r->header_names.p ? r->header_names.p : "");
    return -1;
}

/* "events, stripe-subscriptions, ..." from the registry. */
static void format_list(char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; ndr_input_def_at(i) && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "",
                                ndr_input_def_at(i)->name);
}

static void header_failed(ndr_reader *r, int rc, const char *why, ndr_input_format want)
{
    char list[400];
    format_list(list, sizeof list);
    int missing = strncmp(why, "missing", 7) == 0;
    const char *fmt = want == NDR_IN_EVENTS || want == NDR_IN_AUTO ? ""
                                                                     : ndr_input_format_name(want);
    fail(r, NDR_ERR_HEADER, "%s:%llu: %s%s%s%s%s%s%s%s%s", r->source,
         (unsigned long long)r->rec_line, why, fmt[0] ? " for " : "", fmt,
         missing ? " (header has: " : "", missing && r->header_names.p ? r->header_names.p : "",
         missing ? ")" : "", rc == -2 ? "; no known format fits: " : "", rc == -2 ? list : "",
         rc == -2 ? " (docs/formats.md)" : "");
}

static void finish_header(ndr_reader *r)
{
    char why[400];
    apply_map(r);
    if (r->status != NDR_OK)
        return;
    ndr_header_match m;
    int rc = ndr_header_resolve(r->names, r->ncols, r->want, &m, r->role, why, sizeof why);
    if (rc) {
        header_failed(r, rc, why, r->want);
        return;
    }
    if (r->seg_name && find_segment_column(r) != 0)
        return;
    r->fmt = m.def;
    r->stats.format = m.def->id;
    r->stats.also_fits = m.also;
    if (m.def->header_note) {
        unsigned char present[NDR_MAX_ROLES + 1] = {0};
        for (size_t i = 0; i < r->ncols; i++)
            if (r->role[i])
                present[r->role[i]] = 1;
        const char *note = m.def->header_note(present);
        if (note)
            snprintf(r->stats.note, sizeof r->stats.note, "%s", note);
    }
    r->have_header = 1;
}

/* ---- data rows ---------------------------------------------------------- */

/* Ids must be UTF-8 text without NUL bytes (see utf8.h). */
static int check_id(ndr_reader *r, enum role k, const unsigned char *p, size_t n)
{
    size_t at = ndr_utf8_check(p, n);
    if (at == n)
        return 0;
    char q[200];
    ndr_utf8_quote(q, sizeof q, p, n);
    if (p[at] == 0)
        snprintf(r->reason, sizeof r->reason, "%s '%s' contains a NUL byte (binary data?)",
                 role_name[k], q);
    else
        snprintf(r->reason, sizeof r->reason,
                 "%s '%s' is not UTF-8 (byte 0x%02x at offset %zu); convert the file, "
                 "e.g. iconv -f latin1 -t utf-8",
                 role_name[k], q, p[at], at);
    r->bad = 1;
    return -1;
}

/* Why an amount is not a plain decimal, for the common cases. */
static const char *syntax_hint(const unsigned char *p, size_t n)
{
    if (memchr(p, ',', n))
        return " (not a plain decimal number: use '.' for decimals and no thousands separator)";
    if (n > 1 && (memchr(p, 'e', n) || memchr(p, 'E', n)) && p[0] >= '0' && p[0] <= '9')
        return " (not a plain decimal number: exponents are not accepted)";
    return " (not a plain decimal number)";
}

/* A vendor format's field, kept until the record ends. */
static void keep_field(ndr_reader *r, unsigned k, const unsigned char *p, size_t n)
{
    if (k == 0)
        return;
    size_t off = r->rec.len;
    if (buf_reserve(&r->rec, off + n + 1)) {
        fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
        return;
    }
    memcpy(r->rec.p + off, p, n);
    r->rec.p[off + n] = '\0';
    r->rec.len = off + n + 1;
    r->val_off[k] = off;
    r->val_len[k] = n;
}

static void data_field(ndr_reader *r, const unsigned char *p, size_t n)
{
    size_t col = r->nfields;
    if (r->bad || col > r->ncols)
        return;
    if (n > NDR_MAX_FIELD) {
        snprintf(r->reason, sizeof r->reason, "field %zu is %zu bytes long (limit %d)", col, n,
                 NDR_MAX_FIELD);
        r->bad = 1;
        return;
    }
    if (col == r->seg_col) {
        if (ndr_utf8_check(p, n) != n) {
            bad_field(r, "bad --by value", p, n, " (not UTF-8 text)");
            return;
        }
        if (buf_set(&r->seg, p, n))
            fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
    }
    if (r->fmt->row) {
        keep_field(r, r->role[col - 1], p, n);
        return;
    }
    switch (r->role[col - 1]) {
    case ROLE_CURRENCY:
        if (ndr_currency_parse((const char *)p, n, &r->cur))
            bad_field(r, "bad currency", p, n, " (expected a 3-letter code such as USD)");
        break;
    case ROLE_CUSTOMER:
        if (check_id(r, ROLE_CUSTOMER, p, n) == 0 && buf_set(&r->cust, p, n))
            fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
        break;
    case ROLE_SUB:
        if (check_id(r, ROLE_SUB, p, n) == 0 && buf_set(&r->sub, p, n))
            fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
        break;
    case ROLE_DATE:
        if ((n = trimmed(&p, n)) == 0)
            break;
        if (ndr_date_parse((const char *)p, n, &r->date))
            bad_field(r, "bad date", p, n,
                      n > 10 && ndr_date_parse((const char *)p, 10, &r->date) == 0
                          ? " (a time after the date must start HH:MM)"
                          : " (expected YYYY-MM-DD)");
        else if (r->date < NDR_DAY_MIN || r->date > NDR_DAY_MAX)
            bad_field(r, "bad date", p, n, " (year outside 1900-2199)");
        else
            r->has_date = 1;
        break;
    case ROLE_MRR: {
        ndr_money_error e = ndr_money_parse((const char *)p, n, &r->mrr);
        static const char *const why[] = {
            "", "", " (not a plain decimal number)", " (negative)",
            " (more than 8 decimal places)", " (too large: the limit is 99999999999999.99999999)",
        };
        if (e == NDR_MONEY_OK) {
            r->has_mrr = 1;
        } else if (e != NDR_MONEY_EMPTY) {
            n = trimmed(&p, n);
            bad_field(r, "bad mrr", p, n, e != NDR_MONEY_SYNTAX ? why[e] : syntax_hint(p, n));
        }
        break;
    }
    default:
        break;
    }
}

static void reject(ndr_reader *r, const char *why)
{
    r->stats.rows_rejected++;
    if (r->on_reject)
        r->on_reject(r->ctx, r->source, r->rec_line, why);
    if (r->flags & NDR_READ_STRICT)
        fail(r, NDR_ERR_BAD_ROW, "%s:%llu: %s", r->source, (unsigned long long)r->rec_line,
             why);
}

/* Hands the validated rows on to the data set. */
/* Why adding rows to the data set failed. */
static const char *add_error(ndr_status st)
{
    return st == NDR_ERR_CURRENCY ? "more than 255 different currency codes: is the currency "
                                    "column another column?"
                                  : ndr_strerror(st);
}

static void flush(ndr_reader *r)
{
    ndr_status st = NDR_OK;
    if (r->batch->n == 0 || r->status != NDR_OK)
        return;
    if (r->pipe) {
        st = ndr_pipe_submit(r->pipe, &r->batch);
    } else {
        st = ndr_dataset_add_batch(r->ds, r->batch);
        r->batch->n = r->batch->nbytes = 0;
    }
    if (st != NDR_OK)
        fail(r, st, "%s: %s", r->source, add_error(st));
}

static void see_low(ndr_reader *r, ndr_date d)
{
    if (!r->has_low || d < r->low) {
        r->low = d;
        r->has_low = 1;
    }
}

static void see_date(ndr_reader *r, ndr_date d)
{
    if (!r->has_horizon || d > r->horizon) {
        r->horizon = d;
        r->has_horizon = 1;
    }
}

/* The data's "as of" date from a row of this input that counts. */
static void see_through(ndr_reader *r, ndr_date d)
{
    if (!r->stats.has_through || d > r->stats.through) {
        r->stats.through = d;
        r->stats.has_through = 1;
    }
    see_date(r, d);
}

/* The days of a vendor row's "as of" columns, to fn. */
static void vendor_asof(ndr_reader *r, void (*fn)(ndr_reader *, ndr_date))
{
    for (size_t k = 1; k <= r->fmt->ncols; k++) {
        int64_t sec;
        if ((r->fmt->cols[k - 1].flags & NDR_COL_ASOF) && r->val_len[k] &&
            ndr_timestamp_parse(r->rec.p + r->val_off[k], r->val_len[k], &sec) == 0)
            fn(r, ndr_day_of_seconds(sec));
    }
}

/* Appends [u32 length][bytes] to b. */
static int buf_part(buf *b, const char *p, size_t n)
{
    if (buf_reserve(b, b->len + sizeof(uint32_t) + n + 1))
        return -1;
    uint32_t len = (uint32_t)n;
    memcpy(b->p + b->len, &len, sizeof len);
    if (n)
        memcpy(b->p + b->len + sizeof len, p, n);
    b->len += sizeof len + n;
    return 0;
}

/* A vendor row's identity (the format's identity columns with its customer;
 * the whole row where they are empty) and contents (every column read but
 * those read only for the "as of" date), as hashes for the timeline, which
 * counts a row given twice once. The hashes stand for the bytes, so they
 * are keyed (the data set's row_key): with a hash anyone can compute, a
 * row could be written to pass for another's repeat and be left out.
 * Returns -1 when out of memory. */
static int row_identity(ndr_reader *r, uint64_t *ident, uint64_t *content)
{
    const ndr_input_def *d = r->fmt;
    int has_ident = 0;
    unsigned char fid = (unsigned char)d->id;
    r->ident.len = r->content.len = 0;
    if (buf_part(&r->ident, (const char *)&fid, 1) || buf_part(&r->content, "", 0))
        return -1;
    for (size_t k = 1; k <= d->ncols; k++) {
        const char *p = r->val_len[k] ? r->rec.p + r->val_off[k] : "";
        unsigned fl = d->cols[k - 1].flags;
        if ((fl & (NDR_COL_IDENT | NDR_COL_IDENT_TOO)) && buf_part(&r->ident, p, r->val_len[k]))
            return -1;
        has_ident |= (fl & NDR_COL_IDENT) && r->val_len[k];
        if (!(fl & NDR_COL_EVIDENCE) && buf_part(&r->content, p, r->val_len[k]))
            return -1;
    }
    *content = ndr_hash(&r->ds->row_key, r->content.p, r->content.len);
    *ident = has_ident ? ndr_hash(&r->ds->row_key, r->ident.p, r->ident.len) : *content;
    return 0;
}

/* --shard: a row of another shard after all (a line whose invoice names
 * another shard's customer, or a line without a customer that carries no
 * MRR, which counts in shard 1). */
static void to_other_shard(ndr_reader *r)
{
    r->stats.rows_read--;
    r->stats.rows_other_shards++;
    vendor_asof(r, see_date);
}

static void fill_ctx(ndr_reader *r, ndr_field *f, ndr_row_ctx *c)
{
    for (size_t k = 0; k <= r->fmt->ncols; k++) {
        f[k].p = r->val_len[k] ? r->rec.p + r->val_off[k] : "";
        f[k].n = r->val_len[k];
    }
    c->f = f;
    c->ds = r->ds;
    c->src = r->src;
    c->line = r->rec_line;
    c->why[0] = '\0';
    c->not_mrr_kind = NULL;
    c->seg = r->seg_col ? (r->seg.p ? r->seg.p : "") : NULL;
    c->seg_len = r->seg.len;
}

/* A vendor format's record: converted by the format's row function. */
static void finish_vendor_row(ndr_reader *r)
{
    ndr_field f[NDR_MAX_ROLES + 1];
    ndr_row_ctx c;
    fill_ctx(r, f, &c);
    if (r->fmt->id == NDR_IN_CHARTMOGUL_MOVEMENTS) /* any row, whatever becomes of it */
        vendor_asof(r, see_low);
    ndr_row_result res =
        row_identity(r, &c.ident, &c.content) ? NDR_ROW_NOMEM : r->fmt->row(&c);
    /* a line without a customer: only its invoice can say whose shard it
     * is; when it gives no MRR there is none to ask, and shard 1 counts it */
    if (r->provisional && res != NDR_ROW_USED && res != NDR_ROW_NOMEM && r->ds->shard_k > 1)
        res = NDR_ROW_OTHER_SHARD;
    switch (res) {
    case NDR_ROW_USED:
        r->stats.rows_used++;
        vendor_asof(r, see_through);
        break;
    case NDR_ROW_DUPLICATE:
        r->stats.rows_duplicate++;
        if (r->stats.first_duplicate == 0)
            r->stats.first_duplicate = r->rec_line;
        vendor_asof(r, see_through);
        break;
    case NDR_ROW_NOT_MRR:
        r->stats.rows_not_mrr++;
        vendor_asof(r, see_through);
        break;
    case NDR_ROW_BAD: reject(r, c.why); break;
    case NDR_ROW_OTHER_SHARD: to_other_shard(r); break;
    case NDR_ROW_NOMEM:
        fail(r, NDR_ERR_NOMEM, "%s:%llu: out of memory", r->source,
             (unsigned long long)r->rec_line);
        break;
    }
}

/* A field of a plain line as libcsv gives it: spaces and tabs trimmed. */
static void trim_field(const unsigned char **p, size_t *n)
{
    while (*n && (**p == ' ' || **p == '\t'))
        (*p)++, (*n)--;
    while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
        (*n)--;
}

/* vendor_asof for a plain line of another shard: its "as of" columns. */
static void see_vendor_line(ndr_reader *r, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    for (size_t col = 0; p <= end && col < r->ncols; col++) {
        const unsigned char *c = memchr(p, ',', (size_t)(end - p));
        const unsigned char *f = p;
        size_t fn = (size_t)((c ? c : end) - p);
        int64_t sec;
        unsigned k = r->role[col];
        trim_field(&f, &fn);
        if (k && (r->fmt->cols[k - 1].flags & NDR_COL_ASOF) && fn &&
            ndr_timestamp_parse((const char *)f, fn, &sec) == 0)
            see_date(r, ndr_day_of_seconds(sec));
        if (c == NULL)
            break;
        p = c + 1;
    }
}

/* --shard: whether this record is the shard's; another shard's is only
 * counted, and its dates make the horizon (with the shard's own rows: the
 * last period end any shard may need). An invoice table's rows are kept by
 * every shard (the lines need them) but counted by their customer's. */
static int row_in_shard(ndr_reader *r)
{
    const ndr_dataset *ds = r->ds;
    r->provisional = 0;
    if (ds->shard_n == 0 || r->known_mine)
        return 1;
    const char *id = r->cust.p;
    size_t n = r->cust.len;
    if (r->fmt->row) {
        int k = r->fmt->cust_role;
        n = r->val_len[k];
        id = n ? r->rec.p + r->val_off[k] : "";
        if (n == 0 && r->fmt->joins) {
            r->provisional = 1;
            return 1;
        }
    }
    if (ndr_dataset_in_shard(ds, id, n))
        return 1; /* its own rows set the data set's range */
    if (r->fmt->lookup && r->nfields == r->ncols && !r->bad) {
        ndr_field f[NDR_MAX_ROLES + 1];
        ndr_row_ctx c;
        fill_ctx(r, f, &c);
        if (r->fmt->row(&c) == NDR_ROW_NOMEM)
            fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
    }
    if (r->fmt->row)
        vendor_asof(r, see_date);
    else if (r->has_date)
        see_date(r, r->date);
    /* the rows a whole run's finish_vendor_row sees: the same start */
    if (r->fmt->id == NDR_IN_CHARTMOGUL_MOVEMENTS && r->nfields == r->ncols && !r->bad)
        vendor_asof(r, see_low);
    r->stats.rows_other_shards++;
    return 0;
}

/* A record too malformed to name its customer (unbalanced quote, field
 * over the limit): shard 1's. Returns whether to count and reject it. */
static int malformed_in_shard(ndr_reader *r)
{
    if (r->ds->shard_k <= 1)
        return 1;
    r->stats.rows_other_shards++;
    return 0;
}

static void finish_row(ndr_reader *r)
{
    char why[400];
    int mine = row_in_shard(r);
    r->known_mine = 0;
    if (!mine)
        return;
    r->stats.rows_read++;
    if (r->fmt->row && r->nfields == r->ncols && !r->bad) {
        finish_vendor_row(r);
        return;
    }
    if (r->nfields != r->ncols)
        snprintf(why, sizeof why, "expected %zu fields, found %zu", r->ncols, r->nfields);
    else if (r->bad)
        snprintf(why, sizeof why, "%s", r->reason);
    else if (r->cust.len == 0)
        snprintf(why, sizeof why, "empty customer_id");
    else if (!r->has_date)
        snprintf(why, sizeof why, "empty date");
    else if (!r->has_mrr)
        snprintf(why, sizeof why, "empty mrr");
    else {
        if (ndr_batch_push(r->batch, r->cust.p, r->cust.len, r->sub.p, r->sub.len, r->date,
                           r->mrr, r->cur) ||
            (r->seg_col && ndr_batch_segment(r->batch, r->seg.p, r->seg.len)))
            fail(r, NDR_ERR_NOMEM, "%s:%llu: out of memory", r->source,
                 (unsigned long long)r->rec_line);
        else {
            r->stats.rows_used++;
            see_through(r, r->date);
            /* kept for ndr explain, and for naming a far-off date */
            ndr_row *row = &r->batch->rows[r->batch->n - 1];
            row->src = r->src;
            row->line = r->rec_line;
        }
        if (ndr_batch_full(r->batch))
            flush(r);
        return;
    }
    if (r->provisional && r->ds->shard_k > 1) {
        r->stats.rows_read--;
        r->stats.rows_other_shards++;
        return;
    }
    reject(r, why);
}

static void reset_record(ndr_reader *r)
{
    r->nfields = 0;
    r->cust.len = r->sub.len = 0;
    r->has_date = r->has_mrr = r->bad = 0;
    r->cur = 0;
    r->seg.len = 0;
    r->rec_open = 0;
    if (r->fmt && r->fmt->row) {
        r->rec.len = 0;
        memset(r->val_len, 0, sizeof r->val_len);
    }
}

static void on_field(void *field, size_t n, void *data)
{
    ndr_reader *r = data;
    if (r->status != NDR_OK)
        return;
    r->nfields++;
    if (r->have_header)
        data_field(r, field, n);
    else
        header_field(r, field, n);
}

static void on_row(int c, void *data)
{
    ndr_reader *r = data;
    (void)c;
    if (r->status != NDR_OK)
        return;
    if (r->have_header)
        finish_row(r);
    else
        finish_header(r);
    reset_record(r);
}

/* ---- feeding ------------------------------------------------------------ */

static void csv_failed(ndr_reader *r)
{
    int e = csv_error(&r->csv);
    fail(r, e == CSV_ENOMEM || e == CSV_ETOOBIG ? NDR_ERR_NOMEM : NDR_ERR_IO, "%s:%llu: %s",
         r->source, (unsigned long long)r->line, csv_strerror(e));
}

/* A record whose field outgrew NDR_MAX_FIELD before it ended: reject it and
 * restart the tokeniser at the next line (skipping the rest of this one when
 * mid_line). */
static void drop_oversized(ndr_reader *r, int mid_line)
{
    char why[128];
    if (!r->have_header) {
        fail(r, NDR_ERR_HEADER, "%s:%llu: header field longer than %d bytes (unbalanced quote?)",
             r->source, (unsigned long long)r->rec_line, NDR_MAX_FIELD);
        return;
    }
    if (r->line == r->rec_line)
        snprintf(why, sizeof why, "field longer than %d bytes; rest of the line skipped",
                 NDR_MAX_FIELD);
    else
        snprintf(why, sizeof why,
                 "field longer than %d bytes (unbalanced quote?); lines %llu-%llu skipped",
                 NDR_MAX_FIELD, (unsigned long long)r->rec_line,
                 (unsigned long long)r->line);
    if (malformed_in_shard(r)) {
        r->stats.rows_read++;
        reject(r, why);
    }
    csv_free(&r->csv);
    if (csv_init(&r->csv, 0) != 0)
        fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
    reset_record(r);
    r->skip_line = mid_line;
}

/* --shard fast path: a whole line with no quote, of the header's width and
 * with a plain ASCII customer id of another shard is counted and skipped
 * without parsing (its dates still make the horizon). Any other line -
 * this shard's, quoted, odd - takes the normal path, which decides the
 * same way, so every row is still counted in exactly one shard. */
static int skip_other_shard(ndr_reader *r, const unsigned char *p, size_t n)
{
    if (n && p[n - 1] == '\r')
        n--;
    /* quotes, and a CR inside the line (which libcsv takes for a line end,
     * making two rows of it), are for the full parse to count; so are a
     * movements export's rows, whose start must be taken from exactly the
     * well-formed rows a whole run takes it from (see_low) */
    if (n == 0 || n > NDR_MAX_FIELD || memchr(p, '"', n) || memchr(p, '\r', n) ||
        r->fmt->lookup || r->fmt->id == NDR_IN_CHARTMOGUL_MOVEMENTS)
        return 0;
    int cust = r->fmt->row ? r->fmt->cust_role : ROLE_CUSTOMER;
    const unsigned char *id = NULL, *date = NULL, *f = p, *end = p + n;
    size_t idn = 0, daten = 0, col = 0;
    for (;; col++) {
        const unsigned char *c = memchr(f, ',', (size_t)(end - f));
        size_t fn = (size_t)((c ? c : end) - f);
        if (col < r->ncols && r->role[col] == cust)
            id = f, idn = fn;
        else if (col < r->ncols && r->role[col] == ROLE_DATE && !r->fmt->row)
            date = f, daten = fn;
        if (c == NULL)
            break;
        f = c + 1;
    }
    if (col + 1 != r->ncols || id == NULL)
        return 0;
    trim_field(&id, &idn);
    for (size_t i = 0; i < idn; i++)
        if (id[i] < 0x21 || id[i] > 0x7e)
            return 0;
    if (idn == 0)
        return 0;
    if (ndr_dataset_in_shard(r->ds, (const char *)id, idn)) {
        r->known_mine = 1; /* the normal path need not hash it again */
        return 0;
    }
    ndr_date d;
    if (date)
        trim_field(&date, &daten);
    if (r->fmt->row)
        see_vendor_line(r, p, n);
    else if (daten >= 10 && ndr_date_parse((const char *)date, 10, &d) == 0)
        see_date(r, d);
    r->stats.rows_other_shards++;
    return 1;
}

static void feed_lines(ndr_reader *r, const unsigned char *p, size_t len)
{
    while (len && r->status == NDR_OK) {
        const unsigned char *nl = memchr(p, '\n', len);
        size_t n = nl ? (size_t)(nl - p) + 1 : len;
        if (r->skip_line) {
            if (nl) {
                r->skip_line = 0;
                r->line++;
                r->at_line_start = 1;
            }
            p += n;
            len -= n;
            continue;
        }
        if (nl && r->at_line_start && !r->rec_open && r->have_header && r->ds->shard_n &&
            skip_other_shard(r, p, n - 1)) {
            r->line++;
            p += n;
            len -= n;
            continue;
        }
        if (r->at_line_start) {
            r->line_blank = 1;
            r->at_line_start = 0;
        }
        int seg_blank = 1;
        for (size_t i = 0; seg_blank && i < n - (nl != NULL); i++)
            seg_blank = is_blank(p[i]);
        r->line_blank &= seg_blank;
        if (!seg_blank && !r->rec_open) {
            r->rec_open = 1;
            r->rec_line = r->line;
        }
        if (csv_parse(&r->csv, p, n, on_field, on_row, r) != n) {
            csv_failed(r);
            return;
        }
        if (r->status == NDR_OK && r->rec_open && r->csv.entry_pos > NDR_MAX_FIELD)
            drop_oversized(r, nl == NULL);
        if (nl) {
            if (r->line_blank && !r->rec_open && r->ds->shard_k <= 1)
                r->stats.blank_lines++;
            r->line++;
            r->at_line_start = 1;
        }
        p += n;
        len -= n;
    }
}

/* The line ends of data that starts p[0..len), once they are known. */
static int eol_kind(const unsigned char *p, size_t len, int *held)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '\n')
            return 1;
        if (p[i] == '\r') {
            if (i + 1 == len) {
                *held = 1;
                return 0;
            }
            return p[i + 1] == '\n' ? 1 : 2;
        }
    }
    return 0;
}

/* feed_lines, after deciding the line ends: CR-only text is given to it
 * with each CR made LF, so that every line counts (a CR-only file used to
 * report every bad row as line 1). */
static void feed_text(ndr_reader *r, const unsigned char *p, size_t len)
{
    if (r->eol == 0) {
        int held = 0;
        if (r->cr_held && len) /* the CR that ended the last buffer */
            r->eol = p[0] == '\n' ? 1 : 2;
        else
            r->eol = eol_kind(p, len, &held);
        if (r->cr_held && r->eol) { /* give it now, as it turned out to be */
            r->cr_held = 0;
            feed_lines(r, (const unsigned char *)(r->eol == 2 ? "\n" : "\r"), 1);
        }
        if (held) { /* the last byte is a CR: hold it back */
            r->cr_held = 1;
            len--;
        }
    }
    if (r->eol != 2) {
        feed_lines(r, p, len);
        return;
    }
    if (buf_reserve(&r->cr_text, len + 1)) {
        fail(r, NDR_ERR_NOMEM, "%s: out of memory", r->source);
        return;
    }
    for (size_t i = 0; i < len; i++)
        r->cr_text.p[i] = p[i] == '\r' ? '\n' : (char)p[i];
    feed_lines(r, (const unsigned char *)r->cr_text.p, len);
}

/* Holds back the first three bytes until it is known whether they are a
 * UTF-8 byte order mark (dropped), or a UTF-16 one, gzip or zip magic
 * (refused with a message that says what the file is). */
static void feed_start(ndr_reader *r, const unsigned char **p, size_t *len, int at_end)
{
    while (*len && r->nbom < 3) {
        r->bom[r->nbom++] = **p;
        (*p)++;
        (*len)--;
    }
    if (r->nbom < 3 && !at_end)
        return;
    r->bom_done = 1;
    if (r->nbom >= 2 && ((r->bom[0] == 0xff && r->bom[1] == 0xfe) ||
                         (r->bom[0] == 0xfe && r->bom[1] == 0xff))) {
        fail(r, NDR_ERR_ENCODING, "%s: file is UTF-16 encoded; convert it to UTF-8", r->source);
        return;
    }
    if (r->nbom >= 2 && r->bom[0] == 0x1f && r->bom[1] == 0x8b) {
        fail(r, NDR_ERR_ENCODING,
             "%s: file is gzip-compressed; decompress it first (zcat FILE | ndr report -)",
             r->source);
        return;
    }
    if (r->nbom == 3 && memcmp(r->bom, "PK\x03", 3) == 0) {
        fail(r, NDR_ERR_ENCODING,
             "%s: file is a zip archive (a spreadsheet?); export it as CSV", r->source);
        return;
    }
    if (ndr_utf8_bom(r->bom, r->nbom))
        return;
    feed_text(r, r->bom, r->nbom);
}

ndr_status ndr_reader_feed(ndr_reader *r, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (r->status != NDR_OK)
        return r->status;
    r->stats.bytes += len;
    if (r->flags & NDR_READ_FINGERPRINT)
        ndr_sha256_update(&r->sha, data, len);
    if (r->flags & NDR_READ_CHECKSUM)
        ndr_checksum_update(&r->sum, data, len);
    if (!r->bom_done)
        feed_start(r, &p, &len, 0);
    if (r->status == NDR_OK && r->bom_done)
        feed_text(r, p, len);
    return r->status;
}

/* Waits for the worker thread, if any, and takes over its error. */
static void stop_pipe(ndr_reader *r)
{
    if (r->pipe == NULL)
        return;
    ndr_status st = ndr_pipe_finish(r->pipe);
    r->pipe = NULL;
    if (st != NDR_OK && r->status == NDR_OK)
        fail(r, st, "%s: %s", r->source, add_error(st));
}

ndr_status ndr_reader_finish(ndr_reader *r)
{
    const unsigned char *p = NULL;
    size_t len = 0;
    if ((r->flags & NDR_READ_FINGERPRINT) && r->stats.sha256[0] == '\0')
        ndr_sha256_hex(&r->sha, r->stats.sha256);
    if (r->flags & NDR_READ_CHECKSUM)
        ndr_checksum_hex(&r->sum, r->stats.checksum);
    if (r->status == NDR_OK && !r->bom_done)
        feed_start(r, &p, &len, 1);
    if (r->status == NDR_OK && r->cr_held) { /* the input's last byte was a CR */
        r->cr_held = 0;
        feed_lines(r, (const unsigned char *)"\n", 1);
    }
    if (r->status != NDR_OK) {
        stop_pipe(r);
        ndr_dataset_set_input_stats(r->ds, r->src, &r->stats);
        return r->status;
    }
    if (r->csv.pstate == LIBCSV_FIELD_BEGUN && r->csv.quoted) {
        const char *why = "unterminated quoted field (record runs to end of input)";
        if (r->have_header) {
            if (malformed_in_shard(r)) {
                r->stats.rows_read++;
                reject(r, why);
            }
        } else {
            fail(r, NDR_ERR_HEADER, "%s:%llu: %s", r->source, (unsigned long long)r->rec_line,
                 why);
        }
        reset_record(r);
    } else if (csv_fini(&r->csv, on_field, on_row, r) != 0) {
        csv_failed(r);
    }
    if (r->status == NDR_OK && !r->have_header)
        fail(r, NDR_ERR_HEADER, "%s: empty input (no header row)", r->source);
    flush(r);
    stop_pipe(r);
    /* after the pipe stopped: the data set is ours again */
    if (r->has_horizon && (!r->ds->has_horizon || r->horizon > r->ds->horizon)) {
        r->ds->horizon = r->horizon;
        r->ds->has_horizon = 1;
    }
    if (r->has_low)
        ndr_dataset_set_input_start(r->ds, r->src, r->low);
    if (r->stats.has_through && (!r->ds->has_through || r->stats.through > r->ds->through)) {
        r->ds->through = r->stats.through;
        r->ds->has_through = 1;
    }
    ndr_dataset_set_input_stats(r->ds, r->src, &r->stats);
    return r->status;
}

ndr_reader *ndr_reader_new(ndr_dataset *ds, const char *source, unsigned flags,
                           ndr_reject_fn on_reject, void *ctx)
{
    ndr_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    /* the name as messages show it: one line, valid UTF-8 */
    const char *name = source ? source : "<input>";
    size_t size = 4 * strlen(name) + 1;
    if ((r->source = malloc(size)) != NULL)
        ndr_utf8_printable(name, r->source, size);
    r->batch = ndr_batch_new();
    if (r->source == NULL || r->batch == NULL || csv_init(&r->csv, 0) != 0 ||
        ndr_dataset_add_input(ds, r->source, &r->src) != NDR_OK) {
        free(r->source);
        ndr_batch_free(r->batch);
        free(r);
        return NULL;
    }
    /* without a thread, the rows are added on this one: same result */
    if (flags & NDR_READ_THREADED)
        r->pipe = ndr_pipe_new(ds);
    r->ds = ds;
    r->flags = flags;
    ndr_sha256_init(&r->sha);
    ndr_checksum_init(&r->sum);
    r->on_reject = on_reject;
    r->ctx = ctx;
    r->stats.input = r->src;
    r->line = 1;
    r->at_line_start = 1;
    return r;
}

void ndr_reader_free(ndr_reader *r)
{
    if (r == NULL)
        return;
    stop_pipe(r);
    ndr_batch_free(r->batch);
    csv_free(&r->csv);
    free(r->source);
    free(r->role);
    for (size_t i = 0; i < r->ncols; i++)
        free(r->names[i]);
    free(r->names);
    for (size_t i = 0; i < r->nmap; i++) {
        free(r->map_from[i]);
        free(r->map_to[i]);
    }
    free(r->map_from);
    free(r->map_to);
    free(r->rec.p);
    free(r->cr_text.p);
    free(r->seg.p);
    free(r->seg_name);
    free(r->header_names.p);
    free(r->cust.p);
    free(r->sub.p);
    free(r->ident.p);
    free(r->content.p);
    free(r);
}

void ndr_read_options_init(ndr_read_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = NDR_IN_AUTO;
}

/* Splits the map entry e ("canonical=Their Header") into its two names,
 * normalised, in *to and *from (the caller frees both). Returns 0; -1 for
 * a malformed entry; -2 when out of memory (nothing stored then). */
static int map_split(const char *e, char **to, char **from)
{
    const char *eq = strchr(e, '=');
    if (eq == NULL || eq == e || eq[1] == '\0')
        return -1;
    char *t = malloc((size_t)(eq - e) + 1), *f = malloc(strlen(eq + 1) + 1);
    if (t == NULL || f == NULL) {
        free(t);
        free(f);
        return -2;
    }
    ndr_header_normalise(e, (size_t)(eq - e), t);
    ndr_header_normalise(eq + 1, strlen(eq + 1), f);
    *to = t;
    *from = f;
    return 0;
}

/* Two entries of one name, or of one column, leave it open which column
 * is meant (the header would then miss a column it has): NDR_ERR_ARG with
 * msg naming both, else NDR_OK. to, from: the n entries split. */
static ndr_status map_conflict(const char *const *map, char *const *to, char *const *from,
                               size_t n, char *msg, size_t msg_size)
{
    for (size_t j = 1; j < n; j++)
        for (size_t i = 0; i < j; i++) {
            int name = strcmp(to[i], to[j]) == 0;
            if (!name && strcmp(from[i], from[j]) != 0)
                continue;
            if (name)
                snprintf(msg, msg_size, "--map '%s' and --map '%s' both name a column '%s' "
                         "(map each name once)", map[i], map[j], to[i]);
            else
                snprintf(msg, msg_size, "--map '%s' and --map '%s' both read the column '%s' "
                         "(map each column once)", map[i], map[j], from[i]);
            return NDR_ERR_ARG;
        }
    return NDR_OK;
}

/* Splits the n map entries into to and from (n + 1 slots each, freed by
 * the caller) and checks them. Returns NDR_OK, NDR_ERR_ARG or
 * NDR_ERR_NOMEM with msg set. */
static ndr_status map_read(const char *const *map, size_t n, char **to, char **from, char *msg,
                           size_t msg_size)
{
    for (size_t i = 0; i < n; i++) {
        int rc = map_split(map[i], &to[i], &from[i]);
        if (rc == -1)
            snprintf(msg, msg_size, "bad map '%s': expected canonical=Their Header", map[i]);
        else if (rc == -2)
            snprintf(msg, msg_size, "out of memory");
        if (rc)
            return rc == -1 ? NDR_ERR_ARG : NDR_ERR_NOMEM;
    }
    return map_conflict(map, to, from, n, msg, msg_size);
}

static void map_free(char **to, char **from, size_t n)
{
    for (size_t i = 0; to && from && i < n; i++) {
        free(to[i]);
        free(from[i]);
    }
    free(to);
    free(from);
}

ndr_status ndr_read_options_check(const ndr_read_options *opt, char *msg, size_t msg_size)
{
    char **to = calloc(opt->nmap + 1, sizeof *to), **from = calloc(opt->nmap + 1, sizeof *from);
    ndr_status st = NDR_ERR_NOMEM;
    if (to == NULL || from == NULL)
        snprintf(msg, msg_size, "out of memory");
    else
        st = map_read(opt->map, opt->nmap, to, from, msg, msg_size);
    map_free(to, from, opt->nmap);
    return st;
}

ndr_status ndr_reader_set_options(ndr_reader *r, const ndr_read_options *opt)
{
    r->want = opt->format;
    if (opt->segment_column) {
        size_t n = strlen(opt->segment_column);
        if ((r->seg_name = malloc(n + 1)) == NULL) {
            fail(r, NDR_ERR_NOMEM, "out of memory");
            return r->status;
        }
        ndr_header_normalise(opt->segment_column, n, r->seg_name);
    }
    r->map_from = calloc(opt->nmap + 1, sizeof *r->map_from);
    r->map_to = calloc(opt->nmap + 1, sizeof *r->map_to);
    if (r->map_from == NULL || r->map_to == NULL) {
        fail(r, NDR_ERR_NOMEM, "out of memory");
        return r->status;
    }
    r->nmap = opt->nmap; /* freed with the reader, whatever map_read filled */
    /* a reader whose maps are wrong reads nothing: half a map is no map */
    ndr_status st = map_read(opt->map, opt->nmap, r->map_to, r->map_from, r->msg, sizeof r->msg);
    if (st != NDR_OK)
        r->status = st;
    return st;
}

const char *ndr_reader_message(const ndr_reader *r)
{
    return r->msg;
}

void ndr_reader_stats(const ndr_reader *r, ndr_read_stats *out)
{
    *out = r->stats;
}

ndr_status ndr_read_stream(ndr_dataset *ds, FILE *in, const char *source,
                           const ndr_read_options *opt, unsigned flags, ndr_reject_fn on_reject,
                           void *ctx, ndr_read_stats *stats, char *msg, size_t msg_size)
{
    enum { CHUNK = 1 << 20 };
    unsigned thr = opt && opt->one_thread ? 0 : NDR_READ_THREADED;
    ndr_reader *r = ndr_reader_new(ds, source, flags | thr, on_reject, ctx);
    char *chunk = malloc(CHUNK);
    ndr_status st = NDR_OK;
    if (r == NULL || chunk == NULL) {
        st = NDR_ERR_NOMEM;
        if (msg_size)
            snprintf(msg, msg_size, "%s: out of memory", source);
    } else {
        size_t n;
        if (opt)
            st = ndr_reader_set_options(r, opt);
        while (st == NDR_OK && (n = fread(chunk, 1, CHUNK, in)) > 0) {
            st = ndr_reader_feed(r, chunk, n);
            if (opt && opt->progress)
                opt->progress(opt->progress_ctx, r->stats.bytes, r->stats.rows_read);
        }
        if (st == NDR_OK && ferror(in)) {
            st = NDR_ERR_IO;
            snprintf(r->msg, sizeof r->msg, "%s: read error: %s", r->source, strerror(errno));
        }
        if (st == NDR_OK)
            st = ndr_reader_finish(r);
        else /* the accounting so far, all the same */
            ndr_dataset_set_input_stats(ds, r->src, &r->stats);
        if (st != NDR_OK && msg_size)
            snprintf(msg, msg_size, "%s", r->msg);
    }
    if (stats) {
        if (r)
            ndr_reader_stats(r, stats);
        else
            memset(stats, 0, sizeof *stats);
    }
    free(chunk);
    ndr_reader_free(r);
    return st;
}
