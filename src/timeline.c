/* timeline.c - vendor records to events (see timeline.h).
 *
 * The records are sorted once by subscription key, then time, rank and
 * input order. Keys are [u32 customer length][customer][subscription], and
 * an item of a subscription is the subscription id, 0x1f and the item id,
 * so a customer's keys are contiguous and so are the items of one
 * subscription (its "base" key). Then, per base key:
 * - state spans: a sweep with a heap of the spans in force; the latest
 *   started sets the MRR;
 * - invoice lines: each prorated line's rate first (its amount x the
 *   billing period's length / its own length, normalised like that
 *   period: the line of the same subscription that ends when it ends; as
 *   ChartMogul and Stripe prorate), then the lines are laid out on
 *   non-overlapping tracks (interval partitioning with a heap), each track
 *   a subscription of the data set, so that the customer's MRR is the sum
 *   of the lines in force and ndr explain can name each of them;
 * - movements: running sums, or, where the export states the MRR after
 *   each movement, that level, checked against the sums.
 * Every step is a sort or a heap: O(n log n) in records. */
#include "timeline.h"
#include "batch.h"
#include "normalize.h"

#include <stdio.h>
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
    size_t len = sizeof(uint32_t) + cust_len + sub_len;
    if (cust_len > UINT32_MAX || t->nkeys + len > UINT32_MAX || t->n >= UINT32_MAX)
        return -1;
    if (t->n == t->cap) { /* 1.5 x: less slack than doubling on big arrays */
        size_t cap = t->cap ? t->cap / 2 * 3 : 256;
        ndr_tl_rec *p = realloc(t->recs, cap * sizeof *p);
        if (p == NULL)
            return -1;
        t->recs = p;
        t->cap = cap;
    }
    if (t->nkeys + len > t->keys_cap) {
        size_t cap = t->keys_cap ? t->keys_cap / 2 * 3 : 4096;
        while (cap < t->nkeys + len)
            cap = cap / 2 * 3;
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
    r->seq = (uint32_t)t->n++;
    t->nkeys += len;
    return 0;
}

/* ---- ordering ----------------------------------------------------------- */

static int bytes_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

/* By key, then time, rank and input order. */
static int rec_cmp(const char *keys, const ndr_tl_rec *a, const ndr_tl_rec *b)
{
    int c = bytes_cmp(keys + a->key_off, a->key_len, keys + b->key_off, b->key_len);
    if (c)
        return c;
    if (a->t0 != b->t0)
        return a->t0 < b->t0 ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Stable merge sort of the records (qsort has no context argument, and a
 * static one would be shared by every data set). */
static void sort_run(const char *keys, ndr_tl_rec *a, size_t n, ndr_tl_rec *tmp)
{
    if (n < 16) {
        for (size_t i = 1; i < n; i++) {
            ndr_tl_rec x = a[i];
            size_t j = i;
            for (; j > 0 && rec_cmp(keys, &a[j - 1], &x) > 0; j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    sort_run(keys, a, h, tmp);
    sort_run(keys, a + h, n - h, tmp);
    if (rec_cmp(keys, &a[h - 1], &a[h]) <= 0)
        return;
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = rec_cmp(keys, &a[j], &tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* ---- keys and messages -------------------------------------------------- */

typedef struct flush {
    ndr_timeline *t;
    ndr_tl_emit emit;
    ndr_tl_drop drop;
    void *ctx;
    const char *const *names;
    size_t nnames;
    char *msg;
    size_t msg_size;
    ndr_date *src_first; /* by input: its first movement day (see movements) */
    size_t nsrc;
} flush;

static const char *key_of(const flush *f, const ndr_tl_rec *r)
{
    return f->t->keys + r->key_off;
}

static uint32_t cust_len(const char *key)
{
    uint32_t cl;
    memcpy(&cl, key, sizeof cl);
    return cl;
}

/* Length of the base key (without an item part). */
static size_t base_len(const char *key, size_t len)
{
    size_t at = sizeof(uint32_t) + cust_len(key);
    const char *us = at < len ? memchr(key + at, 0x1f, len - at) : NULL;
    return us ? (size_t)(us - key) : len;
}

static int same_prefix(const flush *f, const ndr_tl_rec *a, const ndr_tl_rec *b, int base)
{
    const char *ka = key_of(f, a), *kb = key_of(f, b);
    size_t la = base ? base_len(ka, a->key_len) : sizeof(uint32_t) + cust_len(ka);
    size_t lb = base ? base_len(kb, b->key_len) : sizeof(uint32_t) + cust_len(kb);
    return la == lb && memcmp(ka, kb, la) == 0;
}

static const char *where_name(const flush *f, const ndr_tl_rec *r)
{
    return r->src < f->nnames && f->names[r->src] ? f->names[r->src] : "?";
}

/* "subscription 's' of customer 'c'" for messages. */
static void describe(const flush *f, const ndr_tl_rec *r, char *out, size_t size)
{
    const char *k = key_of(f, r);
    uint32_t cl = cust_len(k);
    size_t at = sizeof cl + cl, bl = base_len(k, r->key_len);
    if (bl > at)
        snprintf(out, size, "subscription '%.*s' of customer '%.*s'", (int)(bl - at), k + at,
                 (int)cl, k + sizeof cl);
    else
        snprintf(out, size, "customer '%.*s'", (int)cl, k + sizeof cl);
}

/* NDR_ERR_DATA with "FILE:LINE: " and the message. */
static ndr_status data_error(flush *f, const ndr_tl_rec *r, const char *what)
{
    snprintf(f->msg, f->msg_size, "%s:%llu: %s", where_name(f, r), (unsigned long long)r->line,
             what);
    return NDR_ERR_DATA;
}

/* ---- a max-heap of record indices (state spans in force) ---------------- */

typedef struct heap {
    size_t *v;
    size_t n;
} heap;

static void heap_swap(heap *h, size_t a, size_t b)
{
    size_t t = h->v[a];
    h->v[a] = h->v[b];
    h->v[b] = t;
}

static void heap_push(heap *h, size_t x)
{
    size_t i = h->n++;
    h->v[i] = x;
    for (; i > 0 && h->v[(i - 1) / 2] < h->v[i]; i = (i - 1) / 2)
        heap_swap(h, i, (i - 1) / 2);
}

static void heap_pop(heap *h)
{
    h->v[0] = h->v[--h->n];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, b = i;
        if (l < h->n && h->v[l] > h->v[b])
            b = l;
        if (r < h->n && h->v[r] > h->v[b])
            b = r;
        if (b == i)
            break;
        heap_swap(h, i, b);
        i = b;
    }
}

static int date_cmp(const void *a, const void *b)
{
    ndr_date x = *(const ndr_date *)a, y = *(const ndr_date *)b;
    return (x > y) - (x < y);
}

/* ---- state spans -------------------------------------------------------- */

/* The events of one key's spans r[0..n) (sorted by start): at every start
 * and end, the MRR of the latest-started span in force, when it changes. */
static ndr_status emit_states(flush *f, const ndr_tl_rec *r, size_t n)
{
    ndr_date *ends = malloc((n + 1) * sizeof *ends);
    heap h = {malloc((n + 1) * sizeof *h.v), 0};
    if (ends == NULL || h.v == NULL) {
        free(ends);
        free(h.v);
        return NDR_ERR_NOMEM;
    }
    size_t ne = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].end != NDR_NO_END)
            ends[ne++] = r[i].end;
    qsort(ends, ne, sizeof *ends, date_cmp);
    const char *key = key_of(f, &r[0]);
    const ndr_tl_rec *prev = NULL;
    ndr_money last = -1;
    ndr_status st = NDR_OK;
    for (size_t i = 0, e = 0; st == NDR_OK && (i < n || e < ne);) {
        ndr_date d = i < n && (e == ne || r[i].start <= ends[e]) ? r[i].start : ends[e];
        for (; i < n && r[i].start == d; i++)
            heap_push(&h, i);
        for (; e < ne && ends[e] == d; e++)
            ;
        while (h.n && r[h.v[0]].end <= d)
            heap_pop(&h);
        const ndr_tl_rec *top = h.n ? &r[h.v[0]] : NULL;
        ndr_money m = top ? top->amount : 0;
        if (m != last) {
            const ndr_tl_rec *from = top ? top : prev;
            st = f->emit(f->ctx, key, r[0].key_len, d, m, from->cur, top ? top->seg : 0, from);
        }
        last = m;
        if (top)
            prev = top;
    }
    free(ends);
    free(h.v);
    return st;
}

/* ---- invoice lines ------------------------------------------------------ */

typedef struct ref {
    ndr_date end, start;
    size_t i; /* index in the group */
} ref;

static int ref_cmp(const void *pa, const void *pb)
{
    const ref *a = pa, *b = pb;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* The regular line of refs[0..n) (sorted) that a proration [start, end)
 * is a share of: one ending when it ends, the latest started before it. */
static const ref *find_ref(const ref *refs, size_t n, ndr_date start, ndr_date end)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first ref with (end, start) >= (end, start) */
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].end < end || (refs[mid].end == end && refs[mid].start < start))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && refs[lo - 1].end == end ? &refs[lo - 1] : NULL;
}

/* Turns the prorations of one subscription's lines r[0..n) into lines
 * with a monthly rate. A proration with no line of its billing period in
 * the input is normalised over its own period (by days: within a few
 * percent of the billing system's figure; docs/formats.md). */
static ndr_status rate_prorations(ndr_tl_rec *r, size_t n)
{
    size_t nref = 0, npro = 0;
    for (size_t i = 0; i < n; i++)
        npro += r[i].kind == NDR_TL_PRORATION;
    if (npro == 0)
        return NDR_OK;
    ref *refs = malloc((n + 1) * sizeof *refs);
    ndr_money *rate = malloc((n + 1) * sizeof *rate);
    if (refs == NULL || rate == NULL) {
        free(refs);
        free(rate);
        return NDR_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (r[i].kind == NDR_TL_LINE && r[i].end != NDR_NO_END)
            refs[nref++] = (ref){r[i].end, r[i].start, i};
    qsort(refs, nref, sizeof *refs, ref_cmp);
    ndr_status st = NDR_OK;
    for (size_t i = 0; st == NDR_OK && i < n; i++) {
        if (r[i].kind != NDR_TL_PRORATION)
            continue;
        const ref *b = find_ref(refs, nref, r[i].start, r[i].end);
        const ndr_tl_rec *p = b ? &r[b->i] : NULL;
        int64_t full = p ? p->t1 - p->t0 : 0, part = r[i].t1 - r[i].t0;
        int bad = p && full > 0 && part > 0
                      ? ndr_mrr_per_period_scaled(r[i].amount, (uint64_t)full, (uint64_t)part,
                                                  p->start, p->end, &rate[i])
                      : ndr_mrr_per_period(r[i].amount, r[i].start, r[i].end, &rate[i]);
        if (bad)
            st = NDR_ERR_OVERFLOW;
    }
    for (size_t i = 0; st == NDR_OK && i < n; i++)
        if (r[i].kind == NDR_TL_PRORATION) {
            r[i].amount = rate[i];
            r[i].kind = NDR_TL_LINE;
        }
    free(refs);
    free(rate);
    return st;
}

typedef struct change {
    ndr_date day;
    ndr_money delta;
    size_t i;
} change;

static int change_cmp(const void *pa, const void *pb)
{
    const change *a = pa, *b = pb;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Whether one subscription's lines r[0..n) ever add up to less than zero
 * (credits whose line is not in the input). */
static ndr_status check_not_negative(flush *f, const ndr_tl_rec *r, size_t n)
{
    change *c = malloc((2 * n + 1) * sizeof *c);
    if (c == NULL)
        return NDR_ERR_NOMEM;
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        c[nc++] = (change){r[i].start, r[i].amount, i};
        if (r[i].end != NDR_NO_END)
            c[nc++] = (change){r[i].end, -r[i].amount, i};
    }
    qsort(c, nc, sizeof *c, change_cmp);
    ndr_money sum = 0;
    ndr_status st = NDR_OK;
    for (size_t k = 0; k < nc && st == NDR_OK; k++) {
        if (__builtin_add_overflow(sum, c[k].delta, &sum)) {
            st = NDR_ERR_OVERFLOW;
            break;
        }
        if (k + 1 < nc && c[k + 1].day == c[k].day)
            continue;
        if (sum < 0) {
            char what[500], who[300], d[11], m[NDR_MONEY_TEXT];
            describe(f, &r[c[k].i], who, sizeof who);
            ndr_date_format(c[k].day, d);
            ndr_money_format(sum, 2, m);
            snprintf(what, sizeof what,
                     "with this line %s has MRR %s on %s (below zero): a credit whose line "
                     "is not in the input (an export that starts inside a billing period?)",
                     who, m, d);
            st = data_error(f, &r[c[k].i], what);
        }
    }
    free(c);
    return st;
}

/* Emits the events of one track (lines that do not overlap, in order). */
static ndr_status emit_track(flush *f, const ndr_tl_rec *const *tr, size_t n, const char *key,
                             size_t key_len)
{
    ndr_status st = NDR_OK;
    ndr_money last = 0;
    int any = 0;
    for (size_t k = 0; k < n && st == NDR_OK; k++) {
        const ndr_tl_rec *x = tr[k];
        if (!any || x->amount != last)
            st = f->emit(f->ctx, key, key_len, x->start, x->amount, x->cur, x->seg, x);
        any = 1;
        last = x->amount;
        int next_abuts = k + 1 < n && tr[k + 1]->start == x->end;
        if (st == NDR_OK && x->end != NDR_NO_END && !next_abuts && last != 0) {
            st = f->emit(f->ctx, key, key_len, x->end, 0, x->cur, x->seg, x);
            last = 0;
        }
    }
    return st;
}

/* A min-heap of tracks by the day they end (then number). */
typedef struct track_end {
    ndr_date end;
    size_t k;
} track_end;

static int te_less(const track_end *a, const track_end *b)
{
    return a->end < b->end || (a->end == b->end && a->k < b->k);
}

static void te_push(track_end *h, size_t *n, track_end x)
{
    size_t i = (*n)++;
    h[i] = x;
    while (i > 0 && te_less(&h[i], &h[(i - 1) / 2])) {
        track_end t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static void te_pop(track_end *h, size_t *n)
{
    h[0] = h[--*n];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, b = i;
        if (l < *n && te_less(&h[l], &h[b]))
            b = l;
        if (r < *n && te_less(&h[r], &h[b]))
            b = r;
        if (b == i)
            break;
        track_end t = h[i];
        h[i] = h[b];
        h[b] = t;
        i = b;
    }
}

/* One key's lines r[0..n) (sorted by start) on tracks: a line goes on the
 * track that ended first if it is free at its start, else on a new one
 * (interval partitioning: as few tracks as lines overlap at most). */
static ndr_status emit_lines(flush *f, const ndr_tl_rec *r, size_t n)
{
    size_t *track = malloc((n + 1) * sizeof *track), ntracks = 0, nh = 0;
    track_end *h = malloc((n + 1) * sizeof *h);
    const ndr_tl_rec **order = malloc((n + 1) * sizeof *order);
    size_t *count = calloc(n + 2, sizeof *count);
    const char *key = key_of(f, &r[0]);
    char *tkey = malloc(r[0].key_len + 24);
    ndr_status st = NDR_OK;
    if (!track || !h || !order || !count || !tkey)
        st = NDR_ERR_NOMEM;
    for (size_t i = 0; st == NDR_OK && i < n; i++) {
        size_t k;
        if (nh && h[0].end <= r[i].start) {
            k = h[0].k;
            te_pop(h, &nh);
        } else {
            k = ntracks++;
        }
        track[i] = k;
        te_push(h, &nh, (track_end){r[i].end, k});
    }
    /* counting sort by track, input order kept */
    for (size_t i = 0; st == NDR_OK && i < n; i++)
        count[track[i] + 1]++;
    for (size_t k = 0; st == NDR_OK && k < ntracks; k++)
        count[k + 1] += count[k];
    for (size_t i = 0; st == NDR_OK && i < n; i++)
        order[count[track[i]]++] = &r[i];
    for (size_t k = 0, at = 0; st == NDR_OK && k < ntracks; k++) {
        size_t end = count[k], len = r[0].key_len;
        memcpy(tkey, key, len);
        if (k) /* the first track keeps the key: one line per period is the usual */
            len += (size_t)snprintf(tkey + len, 24, "\x1e%zu", k);
        st = emit_track(f, order + at, end - at, tkey, len);
        at = end;
    }
    free(track);
    free(h);
    free(order);
    free(count);
    free(tkey);
    return st;
}

/* ---- movements ---------------------------------------------------------- */

/* Whether record x goes before y: by time, rank, then input order. */
static int by_time(const ndr_tl_rec *x, const ndr_tl_rec *y)
{
    return x->t0 != y->t0 ? x->t0 < y->t0 : x->rank != y->rank ? x->rank < y->rank : x->seq < y->seq;
}

/* Whether record x goes before y: by identity, then input order. */
static int by_ident(const ndr_tl_rec *x, const ndr_tl_rec *y)
{
    return x->ident != y->ident ? x->ident < y->ident : x->seq < y->seq;
}

/* Stable merge sort of the indices a[0..n) of records r in the order given
 * by before (tmp holds n/2 indices). */
static void idx_sort(const ndr_tl_rec *r, size_t *a, size_t n, size_t *tmp,
                     int (*before)(const ndr_tl_rec *, const ndr_tl_rec *))
{
    if (n < 2)
        return;
    size_t h = n / 2;
    idx_sort(r, a, h, tmp, before);
    idx_sort(r, a + h, n - h, tmp, before);
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = before(&r[a[j]], &r[tmp[i]]) ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* The events of running sums: per key in r[lo..hi), the sum at the end of
 * each day that has a movement. */
static ndr_status emit_sums(flush *f, const ndr_tl_rec *r, size_t n)
{
    ndr_money sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (__builtin_add_overflow(sum, r[i].amount, &sum))
            return NDR_ERR_OVERFLOW;
        if (sum < 0) {
            char who[300], m[NDR_MONEY_TEXT], what[500];
            describe(f, &r[i], who, sizeof who);
            ndr_money_format(sum, 2, m);
            snprintf(what, sizeof what,
                     "this movement takes %s to MRR %s (below zero): movements missing from "
                     "the export?",
                     who, m);
            return data_error(f, &r[i], what);
        }
        if (i + 1 < n && r[i + 1].start == r[i].start)
            continue;
        ndr_status st = f->emit(f->ctx, key_of(f, &r[0]), r[0].key_len, r[i].start, sum,
                                r[i].cur, r[i].seg, &r[i]);
        if (st != NDR_OK)
            return st;
    }
    return NDR_OK;
}

/* Whether the levels (the export's MRR after each movement) of the
 * records idx[0..n) (in time order) are their running sum plus one offset
 * (the MRR before the export's first movement). Returns -1 and the first
 * record where they are not in *bad, else 0 and the offset. */
static int levels_fit(const ndr_tl_rec *r, const size_t *idx, size_t n, ndr_money *offset,
                      size_t *bad, ndr_money *sum_at_bad)
{
    ndr_money sum = 0;
    for (size_t k = 0; k < n; k++) {
        const ndr_tl_rec *x = &r[idx[k]];
        if (__builtin_add_overflow(sum, x->amount, &sum))
            return -1;
        if (k == 0)
            *offset = x->level - sum;
        if (*offset < 0 || x->level < 0 || x->level - sum != *offset) {
            *bad = k;
            *sum_at_bad = k == 0 ? sum : sum + *offset;
            return -1;
        }
    }
    return 0;
}

/* Emits levels of idx[0..n) on the key of the first record (customer
 * level: the customer's key with no subscription), the offset from the
 * input's first movement day. */
static ndr_status emit_levels(flush *f, const ndr_tl_rec *r, const size_t *idx, size_t n,
                              ndr_money offset, const char *key, size_t key_len)
{
    const ndr_tl_rec *first = &r[idx[0]];
    ndr_status st = NDR_OK;
    ndr_money last = 0;
    if (offset > 0) {
        ndr_date from = first->src < f->nsrc ? f->src_first[first->src] : first->start;
        st = f->emit(f->ctx, key, key_len, from, offset, first->cur, first->seg, first);
        last = offset;
    }
    for (size_t k = 0; k < n && st == NDR_OK; k++) {
        const ndr_tl_rec *x = &r[idx[k]];
        if (k + 1 < n && r[idx[k + 1]].start == x->start)
            continue; /* the day's last movement leaves its MRR */
        if (x->level != last)
            st = f->emit(f->ctx, key, key_len, x->start, x->level, x->cur, x->seg, x);
        last = x->level;
    }
    return st;
}

static ndr_status level_error(flush *f, const ndr_tl_rec *x, ndr_money sum)
{
    char who[300], a[NDR_MONEY_TEXT], b[NDR_MONEY_TEXT], what[600];
    describe(f, x, who, sizeof who);
    ndr_money_format(x->level, 2, a);
    ndr_money_format(sum, 2, b);
    snprintf(what, sizeof what,
             "the export says the MRR after this movement is %s, but the movements of %s up "
             "to it add up to %s: a movement missing or given twice?",
             a, who, b);
    return data_error(f, x, what);
}

/* One customer's movements r[0..n) (sorted by key, then time). Where every
 * one states the MRR after it, the levels are used (so an export that
 * starts after the customer's first payment still gives its MRR) once
 * they are checked against the movements: at the customer's level (as
 * ChartMogul's activities state it), else per subscription. Otherwise, the
 * running sums per subscription. */
static ndr_status emit_movements(flush *f, const ndr_tl_rec *r, size_t n)
{
    int levels = 1;
    for (size_t i = 0; i < n; i++)
        levels &= r[i].level != NDR_NO_LEVEL;
    ndr_status st = NDR_OK;
    if (!levels) {
        for (size_t i = 0, j; i < n && st == NDR_OK; i = j) {
            for (j = i + 1; j < n && r[j].key_len == r[i].key_len &&
                            memcmp(key_of(f, &r[j]), key_of(f, &r[i]), r[i].key_len) == 0;
                 j++)
                ;
            st = emit_sums(f, r + i, j - i);
        }
        return st;
    }
    size_t *idx = calloc(n + 1, sizeof *idx), *tmp = calloc(n + 1, sizeof *tmp);
    if (idx == NULL || tmp == NULL) {
        free(idx);
        free(tmp);
        return NDR_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    idx_sort(r, idx, n, tmp, by_time);
    ndr_money offset = 0, sum_bad = 0;
    size_t bad = 0;
    const char *key = key_of(f, &r[0]);
    if (levels_fit(r, idx, n, &offset, &bad, &sum_bad) == 0) {
        st = emit_levels(f, r, idx, n, offset, key, sizeof(uint32_t) + cust_len(key));
    } else {
        /* per subscription: each key's records are already in time order */
        size_t cbad = bad;
        ndr_money csum = sum_bad;
        int fits = 1;
        for (size_t i = 0, j; i < n && fits; i = j) {
            for (j = i + 1; j < n && r[j].key_len == r[i].key_len &&
                            memcmp(key_of(f, &r[j]), key_of(f, &r[i]), r[i].key_len) == 0;
                 j++)
                ;
            for (size_t k = i; k < j; k++)
                idx[k - i] = k;
            fits = levels_fit(r, idx, j - i, &offset, &bad, &sum_bad) == 0;
        }
        for (size_t i = 0, j; fits && i < n && st == NDR_OK; i = j) {
            for (j = i + 1; j < n && r[j].key_len == r[i].key_len &&
                            memcmp(key_of(f, &r[j]), key_of(f, &r[i]), r[i].key_len) == 0;
                 j++)
                ;
            for (size_t k = i; k < j; k++)
                idx[k - i] = k;
            levels_fit(r, idx, j - i, &offset, &bad, &sum_bad);
            st = emit_levels(f, r, idx, j - i, offset, key_of(f, &r[i]), r[i].key_len);
        }
        if (!fits) {
            for (size_t i = 0; i < n; i++)
                idx[i] = i;
            idx_sort(r, idx, n, tmp, by_time);
            st = level_error(f, &r[idx[cbad]], csum);
        }
    }
    free(idx);
    free(tmp);
    return st;
}

/* ---- rows given twice --------------------------------------------------- */

/* Whether record x was read before y. */
static int by_seq(const ndr_tl_rec *x, const ndr_tl_rec *y)
{
    return x->seq < y->seq;
}

/* Marks the records of one key r[0..n) that repeat an earlier one (same
 * identity: same contents, a duplicate; other contents, a conflict) as
 * dropped, telling f->drop. A row given twice has the same key, so looking
 * within a key finds every repeat. Grouping is by the identity hashes, but
 * f->drop hears of the repeats in input order: the hashes are keyed per
 * data set (dataset.h), so their order differs from run to run, and the
 * rejections it reports, and the one --strict stops at, must not. */
static ndr_status drop_repeats(flush *f, ndr_tl_rec *r, size_t n)
{
    if (n < 2)
        return NDR_OK;
    size_t *idx = malloc(n * sizeof *idx), *tmp = malloc(n * sizeof *tmp);
    size_t *of = malloc(n * sizeof *of); /* by record: the one it repeats */
    ndr_status st = idx && tmp && of ? NDR_OK : NDR_ERR_NOMEM;
    size_t nrep = 0;
    if (st == NDR_OK) {
        for (size_t i = 0; i < n; i++)
            idx[i] = i;
        idx_sort(r, idx, n, tmp, by_ident);
        /* the repeats' indices move to idx[0..nrep): nrep <= i, and the
         * group's first record is kept aside, so nothing unread is lost */
        for (size_t i = 1, first = idx[0]; i < n; i++) {
            if (r[idx[i]].ident != r[first].ident) {
                first = idx[i];
                continue;
            }
            of[idx[i]] = first;
            idx[nrep++] = idx[i];
        }
        idx_sort(r, idx, nrep, tmp, by_seq);
    }
    for (size_t i = 0; st == NDR_OK && i < nrep; i++) {
        ndr_tl_rec *x = &r[idx[i]];
        const ndr_tl_rec *y = &r[of[idx[i]]];
        x->kind = NDR_TL_DROPPED;
        if (f->drop)
            st = f->drop(f->ctx, x, y, x->content != y->content);
    }
    free(idx);
    free(tmp);
    free(of);
    return st;
}

/* Leaves out one customer's repeated records: returns how many are left
 * (moved to the front, in order). */
static size_t compact(ndr_tl_rec *r, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].kind != NDR_TL_DROPPED)
            r[m++] = r[i];
    return m;
}

/* ---- the flush ---------------------------------------------------------- */

static const char *kind_name(int kind)
{
    return kind == NDR_TL_STATE      ? "a subscriptions export"
           : kind == NDR_TL_MOVEMENT ? "a movements export"
                                     : "invoice lines";
}

static int kind_class(int kind)
{
    return kind == NDR_TL_PRORATION ? NDR_TL_LINE : kind;
}

/* One subscription (base key) must come from one kind of input: its
 * states, lines or movements added up would count it twice. */
static ndr_status check_kinds(flush *f, const ndr_tl_rec *r, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (kind_class(r[i].kind) != kind_class(r[0].kind)) {
            char who[300], what[700];
            describe(f, &r[0], who, sizeof who);
            snprintf(what, sizeof what,
                     "%s is also in %s:%llu (%s, here %s): give each subscription in one "
                     "kind of input",
                     who, where_name(f, &r[0]), (unsigned long long)r[0].line,
                     kind_name(r[0].kind), kind_name(r[i].kind));
            return data_error(f, &r[i], what);
        }
    return NDR_OK;
}

/* The end of the group of records from i that share a key (part 0), a
 * base key (1) or a customer (2). */
static size_t group_end(const flush *f, const ndr_tl_rec *r, size_t n, size_t i, int part)
{
    size_t j = i + 1;
    for (; j < n; j++) {
        if (part == 0 ? r[j].key_len != r[i].key_len ||
                            memcmp(key_of(f, &r[j]), key_of(f, &r[i]), r[i].key_len) != 0
                      : !same_prefix(f, &r[i], &r[j], part == 1))
            break;
    }
    return j;
}

/* One customer's records r[0..n). */
static ndr_status flush_customer(flush *f, ndr_tl_rec *r, size_t n)
{
    ndr_status st = NDR_OK;
    for (size_t i = 0, j; i < n && st == NDR_OK; i = j) {
        j = group_end(f, r, n, i, 0);
        st = drop_repeats(f, r + i, j - i);
    }
    if (st != NDR_OK)
        return st;
    n = compact(r, n);
    size_t nmov = 0;
    for (size_t i = 0; i < n; i++)
        nmov += r[i].kind == NDR_TL_MOVEMENT;
    for (size_t i = 0, j; i < n && st == NDR_OK; i = j) {
        j = group_end(f, r, n, i, 1);
        st = check_kinds(f, r + i, j - i);
        if (st == NDR_OK && kind_class(r[i].kind) == NDR_TL_LINE) {
            st = rate_prorations(r + i, j - i);
            if (st == NDR_OK)
                st = check_not_negative(f, r + i, j - i);
            for (size_t a = i, b; a < j && st == NDR_OK; a = b) {
                b = group_end(f, r, j, a, 0);
                st = emit_lines(f, r + a, b - a);
            }
        } else if (st == NDR_OK && r[i].kind == NDR_TL_STATE) {
            for (size_t a = i, b; a < j && st == NDR_OK; a = b) {
                b = group_end(f, r, j, a, 0);
                st = emit_states(f, r + a, b - a);
            }
        }
    }
    if (st != NDR_OK || nmov == 0)
        return st;
    if (nmov == n)
        return emit_movements(f, r, n);
    /* a customer with movements and other records: levels would count the
     * others twice, so each subscription's movements are summed */
    for (size_t i = 0, j; i < n && st == NDR_OK; i = j) {
        j = group_end(f, r, n, i, 0);
        if (r[i].kind == NDR_TL_MOVEMENT) {
            ndr_money keep = r[i].level;
            r[i].level = NDR_NO_LEVEL; /* forces sums */
            st = emit_movements(f, r + i, j - i);
            r[i].level = keep;
        }
    }
    return st;
}

ndr_status ndr_timeline_flush(ndr_timeline *t, ndr_tl_emit emit, ndr_tl_drop drop, void *ctx,
                              const ndr_tl_inputs *in, char *msg, size_t msg_size)
{
    size_t nnames = in->n;
    flush f = {t, emit, drop, ctx, in->names, nnames, msg, msg_size, NULL, 0};
    ndr_tl_rec *tmp = malloc((t->n / 2 + 1) * sizeof *tmp);
    f.nsrc = nnames;
    f.src_first = malloc((nnames + 1) * sizeof *f.src_first);
    if (tmp == NULL || f.src_first == NULL) {
        free(tmp);
        free(f.src_first);
        return NDR_ERR_NOMEM;
    }
    sort_run(t->keys, t->recs, t->n, tmp);
    free(tmp);
    for (size_t s = 0; s < nnames; s++)
        f.src_first[s] = in->start ? in->start[s] : NDR_NO_END;
    for (size_t i = 0; i < t->n; i++) {
        const ndr_tl_rec *r = &t->recs[i];
        if (r->kind == NDR_TL_MOVEMENT && r->src < nnames && r->start < f.src_first[r->src])
            f.src_first[r->src] = r->start;
    }
    ndr_status st = NDR_OK;
    for (size_t i = 0, j; i < t->n && st == NDR_OK; i = j) {
        j = group_end(&f, t->recs, t->n, i, 2);
        st = flush_customer(&f, t->recs + i, j - i);
    }
    free(f.src_first);
    if (st == NDR_OK) {
        free(t->recs);
        free(t->keys);
        memset(t, 0, sizeof *t);
    }
    return st;
}
