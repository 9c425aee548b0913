/* columns.c - the formats' column tables, recognising a header, and the
 * field helpers the vendor converters share (see formats.h). */
#include "formats.h"
#include "currency.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ndr_row_result ndr_stripe_subscription_row(ndr_row_ctx *c);
ndr_row_result ndr_stripe_line_row(ndr_row_ctx *c);
ndr_row_result ndr_chartmogul_line_row(ndr_row_ctx *c);
ndr_row_result ndr_chartmogul_movement_row(ndr_row_ctx *c);
ndr_row_result ndr_baremetrics_row(ndr_row_ctx *c);
extern const ndr_column ndr_stripe_subscription_cols[], ndr_stripe_line_cols[],
    ndr_chartmogul_line_cols[], ndr_chartmogul_movement_cols[], ndr_baremetrics_cols[];
extern const size_t ndr_stripe_subscription_ncols, ndr_stripe_line_ncols,
    ndr_chartmogul_line_ncols, ndr_chartmogul_movement_ncols, ndr_baremetrics_ncols;

static const ndr_column events_cols[] = {
    {"customer_id", 1}, {"subscription_id", 0}, {"date", 1}, {"mrr", 1}, {"currency", 0},
};

static const char *const format_names[] = {
    "auto", "events", "stripe-subscriptions", "stripe-invoice-lines",
    "chartmogul-line-items", "chartmogul-movements", "baremetrics",
};

const char *ndr_input_format_name(ndr_input_format f)
{
    return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

int ndr_input_format_parse(const char *name, ndr_input_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *out = (ndr_input_format)i;
            return 0;
        }
    return -1;
}

const ndr_format_def *ndr_format_def_of(ndr_input_format id)
{
    static ndr_format_def defs[7];
    if (defs[NDR_IN_EVENTS].name == NULL) {
        defs[NDR_IN_EVENTS] = (ndr_format_def){NDR_IN_EVENTS, "events", events_cols,
                                                sizeof events_cols / sizeof events_cols[0], NULL, 0};
        defs[NDR_IN_STRIPE_SUBSCRIPTIONS] = (ndr_format_def){
            NDR_IN_STRIPE_SUBSCRIPTIONS, "stripe-subscriptions", ndr_stripe_subscription_cols,
            ndr_stripe_subscription_ncols, ndr_stripe_subscription_row, 0};
        defs[NDR_IN_STRIPE_INVOICE_LINES] =
            (ndr_format_def){NDR_IN_STRIPE_INVOICE_LINES, "stripe-invoice-lines",
                             ndr_stripe_line_cols, ndr_stripe_line_ncols, ndr_stripe_line_row, 0};
        defs[NDR_IN_CHARTMOGUL_LINE_ITEMS] = (ndr_format_def){
            NDR_IN_CHARTMOGUL_LINE_ITEMS, "chartmogul-line-items", ndr_chartmogul_line_cols,
            ndr_chartmogul_line_ncols, ndr_chartmogul_line_row, 0};
        defs[NDR_IN_CHARTMOGUL_MOVEMENTS] = (ndr_format_def){
            NDR_IN_CHARTMOGUL_MOVEMENTS, "chartmogul-movements", ndr_chartmogul_movement_cols,
            ndr_chartmogul_movement_ncols, ndr_chartmogul_movement_row, 0};
        defs[NDR_IN_BAREMETRICS] =
            (ndr_format_def){NDR_IN_BAREMETRICS, "baremetrics", ndr_baremetrics_cols,
                             ndr_baremetrics_ncols, ndr_baremetrics_row, 0};
        /* every format names its customer column customer_... */
        for (int f = NDR_IN_EVENTS; f <= NDR_IN_BAREMETRICS; f++)
            for (size_t r = defs[f].ncols; r-- > 0;)
                if (strncmp(defs[f].cols[r].names, "customer_", 9) == 0)
                    defs[f].cust_role = (int)r + 1;
    }
    return id > NDR_IN_AUTO && id <= NDR_IN_BAREMETRICS ? &defs[id] : NULL;
}

void ndr_column_normalise(const char *name, size_t len, char *out)
{
    while (len && (*name == ' ' || *name == '\t'))
        name++, len--;
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r'))
        len--;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = name[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        else if (ch == ' ' || ch == '-')
            ch = '_';
        out[o++] = ch;
    }
    out[o] = '\0';
    if (o >= 6 && strcmp(out + o - 6, "_(utc)") == 0)
        out[o - 6] = '\0';
}

/* 1 + the position of name among the "|"-separated names, or 0. */
static size_t name_rank(const char *names, const char *name)
{
    size_t n = strlen(name), rank = 1;
    for (const char *p = names;; rank++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, name, n) == 0)
            return rank;
        if (bar == NULL)
            return 0;
        p = bar + 1;
    }
}

/* Column of role r (cols[r-1]): the header column holding the earliest of
 * its names (so "start_date" beats "created"); 0 when none. */
static size_t find_role(const ndr_column *col, char *const *names, size_t n)
{
    size_t best = 0, best_rank = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t rank = name_rank(col->names, names[i]);
        if (rank && rank < best_rank)
            best = i + 1, best_rank = rank;
    }
    return best;
}

/* How many columns of f the header has (in *found); -1 when a required one
 * is missing (its first name in *missing). */
static int score(const ndr_format_def *f, char *const *names, size_t n, const char **missing,
                 int *found)
{
    *found = 0;
    *missing = NULL;
    for (size_t r = 0; r < f->ncols; r++) {
        if (find_role(&f->cols[r], names, n))
            (*found)++;
        else if (f->cols[r].required && *missing == NULL)
            *missing = f->cols[r].names;
    }
    return *missing ? -1 : *found;
}

/* "customer_id|customer" -> "'customer_id'" for messages. */
static void first_name(const char *names, char *out, size_t size)
{
    const char *bar = strchr(names, '|');
    int len = bar ? (int)(bar - names) : (int)strlen(names);
    snprintf(out, size, "'%.*s'", len, names);
}

int ndr_columns_resolve(char *const *names, size_t n, ndr_input_format want,
                        const ndr_format_def **fmt, unsigned char *role, char *msg,
                        size_t msg_size)
{
    const ndr_format_def *best = NULL;
    const char *missing = NULL;
    int found;
    if (want != NDR_IN_AUTO) {
        best = ndr_format_def_of(want);
        if (best == NULL) {
            snprintf(msg, msg_size, "unknown input format");
            return -1;
        }
        if (score(best, names, n, &missing, &found) < 0) {
            /* every missing required column, for one clear message */
            char list[200] = "", one[64];
            int k = 0;
            for (size_t r = 0; r < best->ncols; r++)
                if (best->cols[r].required && !find_role(&best->cols[r], names, n)) {
                    first_name(best->cols[r].names, one, sizeof one);
                    size_t o = strlen(list);
                    snprintf(list + o, sizeof list - o, "%s%s", k++ ? ", " : "", one);
                }
            snprintf(msg, msg_size, "missing required column%s %s", k > 1 ? "s" : "", list);
            return -1;
        }
    } else {
        /* a vendor format is "closest" only with two of its columns present */
        int best_score = -1, closest_found = 1;
        ndr_input_format closest = NDR_IN_EVENTS;
        for (int f = NDR_IN_EVENTS; f <= NDR_IN_BAREMETRICS; f++) {
            const ndr_format_def *d = ndr_format_def_of((ndr_input_format)f);
            if (d == NULL)
                continue;
            int s = score(d, names, n, &missing, &found);
            if (s > best_score)
                best = d, best_score = s;
            if (found > closest_found)
                closest = (ndr_input_format)f, closest_found = found;
        }
        if (best_score < 0 || best == NULL) {
            /* the caller reports what the closest format lacks */
            snprintf(msg, msg_size, "%s", ndr_input_format_name(closest));
            return -2 - (int)closest;
        }
    }
    memset(role, 0, n);
    for (size_t r = 1; r <= best->ncols; r++) {
        size_t col = find_role(&best->cols[r - 1], names, n);
        if (col)
            role[col - 1] = (unsigned char)r;
        /* the same name twice: which one is meant is unknown */
        for (size_t i = 0; col && i < n; i++)
            if (i != col - 1 && strcmp(names[i], names[col - 1]) == 0) {
                char one[64];
                first_name(best->cols[r - 1].names, one, sizeof one);
                snprintf(msg, msg_size, "duplicate column %s (columns %zu and %zu)", one,
                         i < col - 1 ? i + 1 : col, i < col - 1 ? col : i + 1);
                return -1;
            }
    }
    *fmt = best;
    return 0;
}

/* ---- field helpers ------------------------------------------------------ */

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
    char q[64];
    field_text(&c->f[r], q, sizeof q);
    snprintf(c->why, sizeof c->why, "bad %s '%s' (%s)", what, q, why);
    return -1;
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

int ndr_row_date(ndr_row_ctx *c, int r, const char *what, int optional, ndr_date *out)
{
    const ndr_field *f = &c->f[r];
    if (f->n == 0) {
        if (optional) {
            *out = NDR_NO_END;
            return 0;
        }
        snprintf(c->why, sizeof c->why, "empty %s", what);
        return -1;
    }
    if (ndr_date_parse(f->p, f->n, out))
        return bad(c, r, what, "expected YYYY-MM-DD");
    if (*out < -25567 || *out > 84005)
        return bad(c, r, what, "year outside 1900-2199");
    return 0;
}

static const uint64_t pow10_tab[9] = {1,      10,      100,      1000,     10000,
                                      100000, 1000000, 10000000, 100000000};

int ndr_row_minor(ndr_row_ctx *c, int r, const char *what, int allow_negative, uint32_t cur,
                  ndr_money def, ndr_money *out)
{
    const ndr_field *f = &c->f[r];
    const char *p = f->p;
    size_t n = f->n;
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    if (n == 0) {
        *out = def;
        return 0;
    }
    int neg = *p == '-';
    if (neg && !allow_negative)
        return bad(c, r, what, "negative");
    ndr_money m;
    ndr_money_error e = ndr_money_parse(p + neg, n - neg, &m);
    if (e != NDR_MONEY_OK)
        return bad(c, r, what, e == NDR_MONEY_OVERFLOW ? "too large" : "expected minor units, e.g. 4900 for 49.00");
    /* m is minor units x 1e8; the currency's minor unit is 10^-d */
    int d = ndr_currency_decimals(cur);
    ndr_money q = m / (ndr_money)pow10_tab[d], rem = m % (ndr_money)pow10_tab[d];
    if (2 * rem >= (ndr_money)pow10_tab[d])
        q++;
    *out = neg ? -q : q;
    return 0;
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
    const ndr_field *f = &c->f[r];
    size_t i = 0, n = f->n;
    while (i < n && f->p[i] == ' ')
        i++;
    if (i == n) {
        *out = def;
        return 0;
    }
    uint64_t v = 0;
    for (; i < n && f->p[i] >= '0' && f->p[i] <= '9'; i++) {
        v = v * 10 + (uint64_t)(f->p[i] - '0');
        if (v > 1000000000)
            return bad(c, r, what, "too large");
    }
    while (i < n && (f->p[i] == ' ' || f->p[i] == '\r'))
        i++;
    if (i != n)
        return bad(c, r, what, "expected a whole number");
    *out = v;
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

int ndr_row_is(const ndr_row_ctx *c, int r, const char *word)
{
    const ndr_field *f = &c->f[r];
    const char *p = f->p;
    size_t n = f->n;
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n != strlen(word))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] + 32) : p[i];
        if (ch != word[i])
            return 0;
    }
    return 1;
}

/* The subscription key part: the sub id, then (for Stripe items) a 0x1f
 * and the item id. */
static ndr_row_result add(ndr_row_ctx *c, int cust_role, int sub_role, const char *sub2,
                          size_t sub2_len, ndr_tl_rec *rec)
{
    if (c->seg) {
        int64_t g = ndr_dataset_segment_index(c->ds, c->seg, c->seg_len);
        if (g < 0)
            return NDR_ROW_NOMEM;
        rec->seg = (uint32_t)g + 1;
    }
    char stack[256] = {0}, *sub = stack;
    const ndr_field *s = &c->f[sub_role];
    size_t len = s->n + (sub2_len ? 1 + sub2_len : 0);
    if (len > sizeof stack && (sub = malloc(len)) == NULL)
        return NDR_ROW_NOMEM;
    if (s->n)
        memcpy(sub, s->p, s->n);
    if (sub2_len) {
        sub[s->n] = 0x1f;
        memcpy(sub + s->n + 1, sub2, sub2_len);
    }
    ndr_status st = ndr_dataset_add_record(c->ds, c->f[cust_role].p, c->f[cust_role].n, sub,
                                           len, rec);
    if (sub != stack)
        free(sub);
    return st == NDR_OK ? NDR_ROW_USED : NDR_ROW_NOMEM;
}

/* A timeline record of the current row; delta marks a movement. */
static ndr_tl_rec record(const ndr_row_ctx *c, ndr_date start, ndr_date end, ndr_money amount,
                         uint32_t cur, int delta)
{
    ndr_tl_rec rec;
    memset(&rec, 0, sizeof rec);
    rec.start = start;
    rec.end = end;
    rec.amount = amount;
    rec.cur = cur;
    rec.src = c->src;
    rec.line = c->line;
    rec.delta = delta;
    return rec;
}

ndr_row_result ndr_row_interval(ndr_row_ctx *c, int cust_role, int sub_role, const char *sub2,
                                size_t sub2_len, ndr_date start, ndr_date end, ndr_money mrr,
                                uint32_t cur)
{
    ndr_tl_rec rec = record(c, start, end, mrr, cur, 0);
    return add(c, cust_role, sub_role, sub2, sub2_len, &rec);
}

ndr_row_result ndr_row_movement(ndr_row_ctx *c, int cust_role, int sub_role, ndr_date day,
                                ndr_money delta, uint32_t cur)
{
    ndr_tl_rec rec = record(c, day, NDR_NO_END, delta, cur, 1);
    return add(c, cust_role, sub_role, NULL, 0, &rec);
}
