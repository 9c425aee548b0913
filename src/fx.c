/* fx.c - reading and looking up exchange rates (see fx.h). A bad line is
 * an error, never skipped: a missing rate must not turn into a silent 0. */
#include "fx.h"
#include "currency.h"
#include "input/header.h"

#include "small_csv.h"

#include <stdlib.h>
#include <string.h>

ndr_fx *ndr_fx_new(void)
{
    return calloc(1, sizeof(ndr_fx));
}

void ndr_fx_free(ndr_fx *fx)
{
    if (fx) {
        free(fx->r);
        free(fx);
    }
}

typedef struct fx_cols {
    ndr_fx *fx;
    size_t ncols, date, cur, rate; /* 1-based */
} fx_cols;

static int rate_cmp(const void *pa, const void *pb)
{
    const ndr_fx_rate *a = pa, *b = pb;
    if (a->cur != b->cur)
        return a->cur < b->cur ? -1 : 1;
    return (a->day > b->day) - (a->day < b->day);
}

static ndr_status fx_header(fx_cols *c, char **f, const size_t *len, size_t n, char *why,
                            size_t why_size)
{
    c->ncols = n;
    for (size_t i = 0; i < n; i++) {
        ndr_header_normalise(f[i], len[i], f[i]);
        if (strcmp(f[i], "date") == 0)
            c->date = i + 1;
        else if (strcmp(f[i], "currency") == 0)
            c->cur = i + 1;
        else if (strcmp(f[i], "rate_to_reporting") == 0 || strcmp(f[i], "rate") == 0)
            c->rate = i + 1;
    }
    if (c->date && c->cur && c->rate)
        return NDR_OK;
    snprintf(why, why_size, "an --fx file needs columns date,currency,rate_to_reporting");
    return NDR_ERR_HEADER;
}

static ndr_status fx_row(void *ctx, size_t row, unsigned long long line, char **f,
                         const size_t *len, size_t n, char *why, size_t why_size)
{
    fx_cols *c = ctx;
    (void)line; /* small_csv names it in messages */
    if (row == 0)
        return fx_header(c, f, len, n, why, why_size);
    ndr_fx_rate r;
    if (n != c->ncols) {
        snprintf(why, why_size, "expected %zu fields, found %zu", c->ncols, n);
        return NDR_ERR_BAD_ROW;
    }
    if (ndr_date_parse(f[c->date - 1], len[c->date - 1], &r.day)) {
        snprintf(why, why_size, "bad date (expected YYYY-MM-DD)");
        return NDR_ERR_BAD_ROW;
    }
    if (ndr_currency_parse(f[c->cur - 1], len[c->cur - 1], &r.cur) || r.cur == 0) {
        snprintf(why, why_size, "bad currency (expected a 3-letter code such as EUR)");
        return NDR_ERR_BAD_ROW;
    }
    if (ndr_money_parse(f[c->rate - 1], len[c->rate - 1], &r.rate) != NDR_MONEY_OK || r.rate == 0) {
        snprintf(why, why_size, "bad rate (expected a positive decimal, up to 8 places)");
        return NDR_ERR_BAD_ROW;
    }
    /* a rate is a 64-bit factor of the conversion (snapshot.c); real ones
     * are far below the limit (1 BTC is about IDR 1.6e9) */
    if (r.rate > NDR_FX_RATE_MAX) {
        snprintf(why, why_size, "bad rate (too large: the limit is 10000000000)");
        return NDR_ERR_BAD_ROW;
    }
    ndr_fx *fx = c->fx;
    if (fx->n == fx->cap) {
        size_t cap = fx->cap ? fx->cap * 2 : 64;
        ndr_fx_rate *p = realloc(fx->r, cap * sizeof *p);
        if (p == NULL) {
            snprintf(why, why_size, "out of memory");
            return NDR_ERR_NOMEM;
        }
        fx->r = p;
        fx->cap = cap;
    }
    fx->r[fx->n++] = r;
    return NDR_OK;
}

ndr_status ndr_fx_read(ndr_fx *fx, FILE *in, const char *source, char *msg, size_t msg_size)
{
    fx_cols c;
    memset(&c, 0, sizeof c);
    c.fx = fx;
    ndr_status st = ndr_small_csv_read(in, source, fx_row, &c, msg, msg_size);
    qsort(fx->r, fx->n, sizeof *fx->r, rate_cmp);
    for (size_t i = 1; st == NDR_OK && i < fx->n; i++)
        if (fx->r[i].cur == fx->r[i - 1].cur && fx->r[i].day == fx->r[i - 1].day &&
            fx->r[i].rate != fx->r[i - 1].rate) {
            char cur[4], d[11];
            ndr_currency_format(fx->r[i].cur, cur);
            ndr_date_format(fx->r[i].day, d);
            snprintf(msg, msg_size, "%s: two different rates for %s on %s", source, cur, d);
            st = NDR_ERR_BAD_ROW;
        }
    return st;
}

int ndr_fx_lookup(const ndr_fx *fx, uint32_t cur, ndr_date day, ndr_money *rate)
{
    size_t lo = 0, hi = fx ? fx->n : 0;
    /* first entry after (cur, day) */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const ndr_fx_rate *m = &fx->r[mid];
        if (m->cur < cur || (m->cur == cur && m->day <= day))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || fx->r[lo - 1].cur != cur)
        return -1;
    *rate = fx->r[lo - 1].rate;
    return 0;
}
