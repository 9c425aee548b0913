/* timeline.c - intervals and movements to events (see timeline.h). */
#include "timeline.h"
#include "batch.h"

#include <stdlib.h>
#include <string.h>

void ndr_timeline_free(ndr_timeline *t)
{
    free(t->recs);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

int ndr_timeline_add(ndr_timeline *t, const char *cust, size_t cust_len, const char *sub,
                     size_t sub_len, const ndr_tl_rec *rec)
{
    uint32_t cl = (uint32_t)cust_len;
    size_t len = sizeof cl + cust_len + sub_len;
    if (cust_len > UINT32_MAX || t->nkeys + len > UINT32_MAX)
        return -1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        ndr_tl_rec *p = realloc(t->recs, cap * sizeof *p);
        if (p == NULL)
            return -1;
        t->recs = p;
        t->cap = cap;
    }
    if (t->nkeys + len > t->keys_cap) {
        size_t cap = t->keys_cap ? t->keys_cap * 2 : 4096;
        while (cap < t->nkeys + len)
            cap *= 2;
        char *p = realloc(t->keys, cap);
        if (p == NULL)
            return -1;
        t->keys = p;
        t->keys_cap = cap;
    }
    ndr_key_write(t->keys + t->nkeys, cust, cust_len, sub, sub_len);
    ndr_tl_rec *r = &t->recs[t->n];
    *r = *rec;
    r->key_off = (uint32_t)t->nkeys;
    r->key_len = (uint32_t)len;
    r->seq = t->n++;
    t->nkeys += len;
    return 0;
}

static const char *sort_keys; /* qsort has no context argument */

static int key_cmp(const ndr_tl_rec *a, const ndr_tl_rec *b)
{
    size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
    int c = memcmp(sort_keys + a->key_off, sort_keys + b->key_off, n);
    if (c)
        return c;
    return (a->key_len > b->key_len) - (a->key_len < b->key_len);
}

/* By subscription key, then start day, then input order. */
static int rec_cmp(const void *pa, const void *pb)
{
    const ndr_tl_rec *a = pa, *b = pb;
    int c = key_cmp(a, b);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The interval of r[0..n) (sorted by start) that sets the MRR on day d:
 * the latest-starting one (the later in the input on a tie) that covers
 * d; NULL when none does (MRR 0). */
static const ndr_tl_rec *covering(const ndr_tl_rec *r, size_t n, ndr_date d)
{
    size_t i = n;
    while (i > 0 && r[i - 1].start > d)
        i--;
    while (i > 0) {
        i--;
        if (r[i].end > d)
            return &r[i];
    }
    return NULL;
}

/* The interval of r[0..n) that ends on day d (the latest such). */
static const ndr_tl_rec *ended(const ndr_tl_rec *r, size_t n, ndr_date d)
{
    const ndr_tl_rec *e = NULL;
    for (size_t i = 0; i < n; i++)
        if (r[i].end == d)
            e = &r[i];
    return e;
}

static int date_cmp(const void *a, const void *b)
{
    ndr_date x = *(const ndr_date *)a, y = *(const ndr_date *)b;
    return (x > y) - (x < y);
}

/* The events of one subscription's intervals: the MRR at every start and
 * end, when it changes. */
static ndr_status emit_intervals(const ndr_tl_rec *r, size_t n, const char *key,
                                 ndr_tl_emit emit, void *ctx)
{
    ndr_date *days = malloc(2 * n * sizeof *days);
    if (days == NULL)
        return NDR_ERR_NOMEM;
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) {
        days[nd++] = r[i].start;
        if (r[i].end != NDR_NO_END)
            days[nd++] = r[i].end;
    }
    qsort(days, nd, sizeof *days, date_cmp);
    ndr_status st = NDR_OK;
    ndr_money last = -1;
    for (size_t i = 0; i < nd && st == NDR_OK; i++) {
        if (i > 0 && days[i] == days[i - 1])
            continue;
        const ndr_tl_rec *c = covering(r, n, days[i]);
        ndr_money m = c ? c->amount : 0;
        if (m != last)
            st = emit(ctx, key, r[0].key_len, days[i], m, r[0].cur, c ? c->seg : 0,
                      c ? c : ended(r, n, days[i]));
        last = m;
    }
    free(days);
    return st;
}

/* The events of one subscription's movements: the running sum at the end
 * of each day that has one. */
static ndr_status emit_movements(const ndr_tl_rec *r, size_t n, const char *key,
                                 ndr_tl_emit emit, void *ctx, ndr_tl_rec *bad,
                                 ndr_money *bad_sum)
{
    ndr_money sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (__builtin_add_overflow(sum, r[i].amount, &sum))
            return NDR_ERR_OVERFLOW;
        if (sum < 0) {
            *bad = r[i];
            *bad_sum = sum;
            return NDR_ERR_DATA;
        }
        if (i + 1 < n && r[i + 1].start == r[i].start)
            continue;
        ndr_status st = emit(ctx, key, r[0].key_len, r[i].start, sum, r[i].cur, r[i].seg, &r[i]);
        if (st != NDR_OK)
            return st;
    }
    return NDR_OK;
}

ndr_status ndr_timeline_flush(ndr_timeline *t, ndr_tl_emit emit, void *ctx, ndr_tl_rec *bad,
                              ndr_money *bad_sum)
{
    sort_keys = t->keys;
    qsort(t->recs, t->n, sizeof *t->recs, rec_cmp);
    ndr_status st = NDR_OK;
    for (size_t i = 0, j; i < t->n && st == NDR_OK; i = j) {
        /* a key's intervals and its movements are separate timelines */
        for (j = i + 1; j < t->n && key_cmp(&t->recs[i], &t->recs[j]) == 0; j++)
            ;
        ndr_tl_rec *iv = malloc((j - i) * sizeof *iv), *mv = malloc((j - i) * sizeof *mv);
        size_t niv = 0, nmv = 0;
        if (iv == NULL || mv == NULL)
            st = NDR_ERR_NOMEM;
        for (size_t k = i; st == NDR_OK && k < j; k++) {
            if (t->recs[k].delta)
                mv[nmv++] = t->recs[k];
            else
                iv[niv++] = t->recs[k];
        }
        const char *key = t->keys + t->recs[i].key_off;
        if (st == NDR_OK && niv)
            st = emit_intervals(iv, niv, key, emit, ctx);
        if (st == NDR_OK && nmv)
            st = emit_movements(mv, nmv, key, emit, ctx, bad, bad_sum);
        free(iv);
        free(mv);
    }
    if (st == NDR_OK) {
        free(t->recs);
        free(t->keys);
        memset(t, 0, sizeof *t);
    }
    return st;
}
