/* fields.c - the field helpers every format's row converter shares (see
 * fields.h). */
#include "fields.h"
#include "currency.h"
#include "dataset.h"
#include "date.h"
#include "normalize.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ndr_row_result ndr_row_not_mrr(ndr_row_ctx *c, const char *kind, const char *why)
{
    c->not_mrr_kind = kind;
    snprintf(c->why, sizeof c->why, "%s", why);
    return NDR_ROW_NOT_MRR;
}

ndr_row_result ndr_row_bad(ndr_row_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why, sizeof c->why, fmt, ap);
    va_end(ap);
    return NDR_ROW_BAD;
}

/* At most 40 bytes of a field, for a message: control bytes and quotes as
 * '?', longer fields cut with "...". */
static void field_text(const ndr_field *f, char *out, size_t size)
{
    size_t n = f->n < size - 4 ? f->n : size - 4;
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        out[o++] = (unsigned char)f->p[i] < 0x20 || f->p[i] == '\'' ? '?' : f->p[i];
    if (n < f->n)
        out[o++] = '.', out[o++] = '.', out[o++] = '.';
    out[o] = '\0';
}

static int bad(ndr_row_ctx *c, int r, const char *what, const char *why)
{
    char q[48];
    field_text(&c->f[r], q, sizeof q);
    snprintf(c->why, sizeof c->why, "bad %s '%s' (%s)", what, q, why);
    return -1;
}

static void trim(const char **p, size_t *n)
{
    while (*n && (**p == ' ' || **p == '\t'))
        (*p)++, (*n)--;
    while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r'))
        (*n)--;
}

int ndr_row_id(ndr_row_ctx *c, int r, const char *what)
{
    const ndr_field *f = &c->f[r];
    if (f->n == 0) {
        snprintf(c->why, sizeof c->why, "empty %s", what);
        return -1;
    }
    size_t at = ndr_utf8_check((const unsigned char *)f->p, f->n);
    if (at != f->n) {
        snprintf(c->why, sizeof c->why, "%s is not UTF-8 text (byte 0x%02x at offset %zu)",
                 what, (unsigned char)f->p[at], at);
        return -1;
    }
    return 0;
}

int ndr_row_time(ndr_row_ctx *c, int r, const char *what, int optional, ndr_date *day,
                 int64_t *sec)
{
    const char *p = c->f[r].p;
    size_t n = c->f[r].n;
    trim(&p, &n);
    if (n == 0) {
        if (optional) {
            *day = NDR_NO_END;
            *sec = NDR_NO_TIME;
            return 0;
        }
        snprintf(c->why, sizeof c->why, "empty %s", what);
        return -1;
    }
    if (ndr_timestamp_parse(p, n, sec))
        return bad(c, r, what, "expected YYYY-MM-DD, maybe with a time");
    *day = ndr_day_of_seconds(*sec);
    if (*day < NDR_DAY_MIN || *day > NDR_DAY_MAX)
        return bad(c, r, what, "year outside 1900-2199");
    return 0;
}

static const uint64_t pow10_tab[9] = {1,      10,      100,      1000,     10000,
                                      100000, 1000000, 10000000, 100000000};

/* A whole number of minor units with d decimals in the currency unit. */
static int minor_units(ndr_row_ctx *c, int r, const char *what, int allow_negative, int d,
                       ndr_money def, ndr_money *out)
{
    const char *p = c->f[r].p;
    size_t n = c->f[r].n;
    trim(&p, &n);
    if (n == 0) {
        *out = def;
        return 0;
    }
    int neg = *p == '-';
    if (neg && !allow_negative)
        return bad(c, r, what, "negative");
    for (size_t i = (size_t)neg; i < n; i++)
        if (p[i] == '.' || p[i] == ',')
            return bad(c, r, what, "a decimal in a column of minor units: the column is in "
                                   "cents, e.g. 4900 for 49.00");
    /* minor units are 10^-d: the same limit in currency units as any amount */
    const ndr_money unit = NDR_MONEY_SCALE / (ndr_money)pow10_tab[d];
    ndr_money v = 0;
    size_t i = (size_t)neg;
    if (i < n && p[i] == '+' && !neg)
        i++;
    if (i == n)
        return bad(c, r, what, "expected minor units, e.g. 4900 for 49.00");
    for (; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return bad(c, r, what, "expected minor units, e.g. 4900 for 49.00");
        v = v * 10 + (p[i] - '0');
        if (v > NDR_MONEY_ROW_MAX / unit)
            return bad(c, r, what, "too large");
    }
    *out = (neg ? -v : v) * unit;
    return 0;
}

int ndr_row_minor(ndr_row_ctx *c, int r, const char *what, int allow_negative, uint32_t cur,
                  ndr_money def, ndr_money *out)
{
    return minor_units(c, r, what, allow_negative, ndr_currency_decimals(cur), def, out);
}

int ndr_row_cents(ndr_row_ctx *c, int r, const char *what, ndr_money def, ndr_money *out)
{
    return minor_units(c, r, what, 1, 2, def, out);
}

int ndr_row_major(ndr_row_ctx *c, int r, const char *what, ndr_money *out)
{
    const ndr_field *f = &c->f[r];
    ndr_money_error e = ndr_money_parse(f->p, f->n, out);
    static const char *const why[] = {"", "empty", "not a plain decimal number", "negative",
                                      "more than 8 decimal places", "too large"};
    if (e == NDR_MONEY_EMPTY) {
        snprintf(c->why, sizeof c->why, "empty %s", what);
        return -1;
    }
    return e == NDR_MONEY_OK ? 0 : bad(c, r, what, why[e]);
}

int ndr_row_count(ndr_row_ctx *c, int r, const char *what, uint64_t def, uint64_t *out)
{
    const char *p = c->f[r].p;
    size_t n = c->f[r].n;
    trim(&p, &n);
    if (n == 0) {
        *out = def;
        return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return bad(c, r, what, "expected a whole number");
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > 1000000000)
            return bad(c, r, what, "too large");
    }
    *out = v;
    return 0;
}

int ndr_row_is(const ndr_row_ctx *c, int r, const char *word)
{
    const char *p = c->f[r].p;
    size_t n = c->f[r].n;
    trim(&p, &n);
    if (n != strlen(word))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] + 32) : p[i];
        if (ch != word[i])
            return 0;
    }
    return 1;
}

int ndr_row_flag(ndr_row_ctx *c, int r, const char *what, int def, int *out)
{
    static const char *const yes[] = {"true", "t", "yes", "y", "1"};
    static const char *const no[] = {"false", "f", "no", "n", "0"};
    const char *p = c->f[r].p;
    size_t n = c->f[r].n;
    trim(&p, &n);
    if (n == 0) {
        *out = def;
        return 0;
    }
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (ndr_row_is(c, r, yes[i]))
            return *out = 1, 0;
        if (ndr_row_is(c, r, no[i]))
            return *out = 0, 0;
    }
    return bad(c, r, what, "expected true or false");
}

int ndr_row_json_true(const ndr_row_ctx *c, int r, const char *key)
{
    const char *p = c->f[r].p, *end = p + c->f[r].n;
    size_t kn = strlen(key);
    for (; p + kn + 2 <= end; p++) {
        if (p[0] != '"' || memcmp(p + 1, key, kn) != 0 || p[kn + 1] != '"')
            continue;
        const char *v = p + kn + 2;
        while (v < end && (*v == ' ' || *v == ':' || *v == '\t'))
            v++;
        return end - v >= 4 && memcmp(v, "true", 4) == 0;
    }
    return 0;
}

int ndr_row_currency(ndr_row_ctx *c, int r, uint32_t *out)
{
    if (r == 0) {
        *out = 0;
        return 0;
    }
    if (ndr_currency_parse(c->f[r].p, c->f[r].n, out))
        return bad(c, r, "currency", "expected a 3-letter code such as USD");
    return 0;
}

int ndr_row_monthly(ndr_row_ctx *c, ndr_money amount, uint64_t qty, int iv_role,
                    uint64_t count, ndr_money *mrr)
{
    ndr_interval iv;
    unsigned mult;
    ndr_money total;
    if (ndr_interval_parse(c->f[iv_role].p, c->f[iv_role].n, &iv, &mult))
        return bad(c, iv_role, "interval", "expected day, week, month or year");
    if (count == 0) {
        snprintf(c->why, sizeof c->why, "interval count is 0");
        return -1;
    }
    if (count * mult > NDR_MAX_INTERVAL_COUNT) {
        snprintf(c->why, sizeof c->why, "interval count %llu is above %d",
                 (unsigned long long)count, NDR_MAX_INTERVAL_COUNT / (int)mult);
        return -1;
    }
    if (ndr_money_muldiv(amount, qty, 1, &total) || total > NDR_MONEY_ROW_MAX ||
        ndr_mrr_per_interval(total, iv, count * mult, mrr)) {
        snprintf(c->why, sizeof c->why,
                 "amount x quantity, as MRR, is above the limit of 99999999999999.99999999");
        return -1;
    }
    return 0;
}

int ndr_row_per_month(ndr_row_ctx *c, ndr_tl_rec *rec)
{
    if (ndr_mrr_per_period(rec->amount, rec->start, rec->end, &rec->amount) == 0)
        return 0;
    snprintf(c->why, sizeof c->why,
             rec->end <= rec->start
                 ? "the service period ends before it starts"
                 : "amount, as MRR, is above the limit of 99999999999999.99999999");
    return -1;
}

/* The subscription part of a key: the sub id, then (items) 0x1f and the
 * item id, written to buf (sub_part_len bytes). */
static size_t sub_part_len(const ndr_row_ctx *c, const ndr_row_key *k)
{
    return c->f[k->sub_role].n + (k->item_len ? 1 + k->item_len : 0);
}

static void sub_part(const ndr_row_ctx *c, const ndr_row_key *k, char *buf)
{
    const ndr_field *s = &c->f[k->sub_role];
    if (s->n)
        memcpy(buf, s->p, s->n);
    if (k->item_len) {
        buf[s->n] = 0x1f;
        memcpy(buf + s->n + 1, k->item, k->item_len);
    }
}

/* Adds rec under the customer of the row, or of its invoice. */
static ndr_row_result add_keyed(ndr_row_ctx *c, const ndr_row_key *k, const char *sub,
                                size_t len, ndr_tl_rec *rec)
{
    if (k->cust_role && c->f[k->cust_role].n)
        return ndr_dataset_add_record(c->ds, c->f[k->cust_role].p, c->f[k->cust_role].n, sub,
                                      len, rec) == NDR_OK
                   ? NDR_ROW_USED
                   : NDR_ROW_NOMEM;
    /* a warehouse line: its customer is its invoice's */
    int by_ext = k->invoice_role == 0 || c->f[k->invoice_role].n == 0;
    const ndr_field *inv = &c->f[by_ext ? k->invoice_ext_role : k->invoice_role];
    switch (ndr_dataset_add_line_by_invoice(c->ds, by_ext, inv->p, inv->n, sub, len, rec)) {
    case NDR_JOINED:
    case NDR_JOIN_LATER: return NDR_ROW_USED;
    case NDR_JOIN_VOID: return ndr_row_not_mrr(c, "void", "the line's invoice is void");
    case NDR_JOIN_OTHER: return NDR_ROW_OTHER_SHARD;
    case NDR_JOIN_NOMEM: break;
    }
    return NDR_ROW_NOMEM;
}

ndr_row_result ndr_row_add(ndr_row_ctx *c, const ndr_row_key *k, ndr_tl_rec *rec)
{
    if (c->seg) {
        int64_t g = ndr_dataset_segment_index(c->ds, c->seg, c->seg_len);
        if (g < 0)
            return NDR_ROW_NOMEM;
        rec->seg = (uint32_t)g + 1;
    }
    rec->src = c->src;
    rec->line = c->line;
    rec->ident = c->ident;
    rec->content = c->content;
    char stack[256];
    size_t len = sub_part_len(c, k);
    if (len <= sizeof stack) {
        sub_part(c, k, stack);
        return add_keyed(c, k, stack, len, rec);
    }
    char *heap = malloc(len);
    if (heap == NULL)
        return NDR_ROW_NOMEM;
    sub_part(c, k, heap);
    ndr_row_result res = add_keyed(c, k, heap, len, rec);
    free(heap);
    return res;
}

ndr_row_result ndr_row_invoice(ndr_row_ctx *c, int id_role, int ext_role, int cust_role,
                               uint32_t cur, int is_void)
{
    const ndr_field *id = &c->f[id_role], *ext = &c->f[ext_role], *cust = &c->f[cust_role];
    int r = ndr_dataset_add_invoice(c->ds, id->p, id->n, ext->p, ext->n, cust->p, cust->n, cur,
                                    is_void, c->src, c->line);
    if (r == -2)
        return ndr_row_bad(c, "invoice given before with another customer, currency or status");
    return r == 1 ? NDR_ROW_DUPLICATE : r == 0 ? NDR_ROW_USED : NDR_ROW_NOMEM;
}
