/* dataset.c - interned ids and the flat event array (see dataset.h). */
#include "dataset.h"
#include "currency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ndr_dataset *ndr_dataset_new(void)
{
    ndr_dataset *ds = calloc(1, sizeof *ds);
    if (ds) {
        ndr_idmap_init(&ds->customers);
        ndr_idmap_init(&ds->subs);
        ndr_idmap_init(&ds->account_of_cust);
        ndr_idmap_init(&ds->account_ids);
        ndr_arena_init(&ds->names);
        ndr_idmap_init(&ds->segments);
        ndr_join_init(&ds->join);
        ndr_hash_key_new(&ds->row_key);
        ds->ncurs = 1;
    }
    return ds;
}

void ndr_dataset_free(ndr_dataset *ds)
{
    if (ds == NULL)
        return;
    ndr_idmap_free(&ds->customers);
    free(ds->days);
    ndr_idmap_free(&ds->subs);
    ndr_idmap_free(&ds->account_of_cust);
    ndr_idmap_free(&ds->account_ids);
    free(ds->account_of);
    free(ds->account_child);
    ndr_timeline_free(&ds->timeline);
    ndr_arena_free(&ds->names);
    ndr_idmap_free(&ds->segments);
    free(ds->segev);
    free(ds->prov);
    free(ds->orig);
    free(ds->inputs);
    free(ds->input_names);
    ndr_join_free(&ds->join);
    free(ds->sub_cust);
    free(ds->sub_cur);
    free(ds->ev);
    while (ds->head) {
        ndr_evblock *next = ds->head->next;
        free(ds->head);
        ds->head = next;
    }
    free(ds->cust_sub);
    free(ds->sub_ev);
    free(ds);
}

size_t ndr_dataset_customer_count(const ndr_dataset *ds) { return ds->customers.count; }
size_t ndr_dataset_subscription_count(const ndr_dataset *ds) { return ds->subs.count; }
size_t ndr_dataset_event_count(const ndr_dataset *ds) { return ds->nev; }

int ndr_dataset_date_range(const ndr_dataset *ds, ndr_date *first, ndr_date *last)
{
    if (ds->nev == 0 && ds->timeline.n == 0)
        return -1;
    *first = ds->first;
    *last = ds->last;
    return 0;
}

const char *ndr_dataset_customer_id(const ndr_dataset *ds, uint32_t idx, size_t *len)
{
    return ndr_idmap_key(&ds->customers, idx, len);
}

/* Grows *arr (of elem-sized items, capacity *cap) to hold need items. */
static int grow(void *arr, size_t elem, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1024;
    while (n < need)
        n = n / 2 * 3; /* 1.5x: less slack than doubling on big arrays */
    void *p = realloc(*(void **)arr, n * elem);
    if (p == NULL)
        return -1;
    *(void **)arr = p;
    *cap = n;
    return 0;
}

/* Index of currency code cur in ds->curs, adding it; 0 for none. */
static int currency_index(ndr_dataset *ds, uint32_t cur)
{
    if (cur == 0)
        return 0;
    for (unsigned i = 1; i < ds->ncurs; i++)
        if (ds->curs[i] == cur)
            return (int)i;
    if (ds->ncurs == NDR_MAX_CURRENCIES)
        return -1;
    ds->curs[ds->ncurs] = cur;
    return (int)ds->ncurs++;
}

/* Records the subscription's currency; a second, different one is kept as
 * a conflict for the report to refuse. */
static ndr_status set_currency(ndr_dataset *ds, uint32_t s, uint32_t cur)
{
    if (cur == 0 || ds->curs[ds->sub_cur[s]] == cur)
        return NDR_OK;
    int ci = currency_index(ds, cur);
    if (ci < 0) /* the index is a byte per subscription: NDR_MAX_CURRENCIES - 1 codes */
        return NDR_ERR_CURRENCY;
    if (ds->sub_cur[s] == 0) {
        ds->sub_cur[s] = (uint8_t)ci;
    } else if (!ds->cur_conflict) {
        ds->cur_conflict = 1;
        ds->conflict_sub = s;
        ds->conflict_cur[0] = ds->curs[ds->sub_cur[s]];
        ds->conflict_cur[1] = cur;
    }
    return NDR_OK;
}

/* The customer index for billing customer id cust: its account's when
 * --accounts maps it. */
static int64_t customer_index(ndr_dataset *ds, const char *cust, uint32_t len)
{
    int added;
    if (ds->account_of_cust.count) {
        int64_t a = ndr_idmap_find(&ds->account_of_cust, cust, len,
                                   ndr_idmap_hash(&ds->account_of_cust, cust, len));
        if (a >= 0) {
            size_t alen;
            const char *acc = ndr_idmap_key(&ds->account_ids, ds->account_of[a], &alen);
            return ndr_idmap_intern(&ds->customers, acc, alen,
                                    ndr_idmap_hash(&ds->customers, acc, alen), &added);
        }
    }
    return ndr_idmap_intern(&ds->customers, cust, len,
                            ndr_idmap_hash(&ds->customers, cust, len), &added);
}

/* The subscription index of a row with subscription key `key` (see
 * batch.h) and its hash, interning the subscription and, for a new one,
 * its customer. The key keeps the billing customer id even when an
 * account replaces it, so two customers' "s1" stay two subscriptions. */
static ndr_status lookup(ndr_dataset *ds, const char *key, size_t len, uint64_t h,
                         uint32_t *out)
{
    int64_t s = ndr_idmap_find(&ds->subs, key, len, h);
    if (s < 0) {
        uint32_t cust_len;
        int added;
        memcpy(&cust_len, key, sizeof cust_len);
        int64_t c = customer_index(ds, key + sizeof cust_len, cust_len);
        if (c < 0 || grow(&ds->sub_cust, sizeof *ds->sub_cust, &ds->sub_cust_cap,
                          (size_t)ds->subs.count + 1))
            return NDR_ERR_NOMEM;
        if (ds->sub_cur_cap < ds->sub_cust_cap) {
            uint8_t *cur = realloc(ds->sub_cur, ds->sub_cust_cap);
            if (cur == NULL)
                return NDR_ERR_NOMEM;
            ds->sub_cur = cur;
            ds->sub_cur_cap = ds->sub_cust_cap;
        }
        s = ndr_idmap_intern(&ds->subs, key, len, h, &added);
        if (s < 0)
            return NDR_ERR_NOMEM;
        ds->sub_cust[s] = (uint32_t)c;
        ds->sub_cur[s] = 0;
    }
    *out = (uint32_t)s;
    return NDR_OK;
}

#define NDR_DAY_BUCKETS (((NDR_DAY_MAX - NDR_DAY_MIN) >> 5) + 2)

/* The bucket of a day (the last one also holds days after 2199, such as
 * a line's end). */
static size_t day_bucket(ndr_date day)
{
    size_t k = (size_t)(day - NDR_DAY_MIN) >> 5;
    return k < NDR_DAY_BUCKETS ? k : NDR_DAY_BUCKETS - 1;
}

static ndr_status append(ndr_dataset *ds, uint32_t sub, ndr_date day, ndr_money mrr,
                         uint32_t src, uint64_t line)
{
    if (ds->nev >= UINT32_MAX)
        return NDR_ERR_NOMEM;
    /* the readers keep amounts within NDR_MONEY_ROW_MAX and days within
     * the years they read: what an event can hold */
    if (mrr < -NDR_MONEY_ROW_MAX || mrr > NDR_MONEY_ROW_MAX)
        return NDR_ERR_OVERFLOW;
    if (day < NDR_DAY_MIN || day > NDR_EV_DAY_LAST)
        return NDR_ERR_ARG;
    if (ds->keep_rows) {
        if (grow(&ds->prov, sizeof *ds->prov, &ds->prov_cap, ds->nev + 1))
            return NDR_ERR_NOMEM;
        ds->prov[ds->nev].line = line;
        ds->prov[ds->nev].src = src;
        ds->prov[ds->nev].day = day;
    }
    if (ds->tail == NULL || ds->tail->n == NDR_EV_BLOCK) {
        ndr_evblock *b = malloc(sizeof *b);
        if (b == NULL)
            return NDR_ERR_NOMEM;
        b->next = NULL;
        b->n = 0;
        if (ds->tail)
            ds->tail->next = b;
        else
            ds->head = b;
        ds->tail = b;
    }
    ndr_event *e = &ds->tail->e[ds->tail->n++];
    ds->nev++;
    ndr_ev_set(e, sub, day, mrr);
    if (ds->days || (ds->days = calloc(NDR_DAY_BUCKETS, sizeof *ds->days))) {
        struct ndr_day_bucket *b = &ds->days[day_bucket(day)];
        if (b->rows++ == 0)
            *b = (struct ndr_day_bucket){1, src, line, day, day, day};
        b->lo = day < b->lo ? day : b->lo;
        b->hi = day > b->hi ? day : b->hi;
    }
    if (ds->nev == 1 || day < ds->first)
        ds->first = day;
    if (ds->nev == 1 || day > ds->last)
        ds->last = day;
    ds->sorted = 0;
    return NDR_OK;
}

/* Customer cust has segment index g from day on. */
static ndr_status push_segment(ndr_dataset *ds, uint32_t cust, ndr_date day, uint32_t g)
{
    if (grow(&ds->segev, sizeof *ds->segev, &ds->segev_cap, ds->nsegev + 1))
        return NDR_ERR_NOMEM;
    struct ndr_segev *e = &ds->segev[ds->nsegev];
    e->cust = cust;
    e->seg = g;
    e->day = day;
    e->seq = (uint32_t)ds->nsegev++;
    return NDR_OK;
}

/* Adding a batch is a software pipeline over its rows, because each lookup
 * is a chain of three dependent loads that miss the cache on large inputs:
 * the table slot, the key's address, the key's bytes. Row i is hashed and
 * its slot prefetched; row i - STAGE has its slot read and key address
 * prefetched; row i - 2 STAGE has its key bytes prefetched; row i - 3 STAGE
 * is looked up for real, by then mostly from cache. The prefetches are only
 * hints: the final lookup is exact whatever they guessed. */
#ifndef STAGE
#define STAGE 4
#endif
#ifndef RING
#define RING 16 /* > 3 * STAGE, a power of two */
#endif

ndr_status ndr_dataset_add_batch(ndr_dataset *ds, const ndr_batch *b)
{
    uint64_t hash[RING];
    int64_t guess[RING];
    size_t n = b->n;
    ndr_status st = NDR_OK;
    for (size_t i = 0; i < n + 3 * STAGE && st == NDR_OK; i++) {
        if (i < n) {
            const ndr_row *row = &b->rows[i];
            hash[i % RING] = ndr_idmap_hash(&ds->subs, ndr_batch_key(b, row), row->key_len);
            ndr_idmap_prefetch(&ds->subs, hash[i % RING]);
        }
        if (i >= STAGE && i - STAGE < n) {
            size_t j = (i - STAGE) % RING;
            guess[j] = ndr_idmap_peek(&ds->subs, hash[j]);
            if (guess[j] >= 0)
                ndr_idmap_prefetch_entry(&ds->subs, (uint32_t)guess[j]);
        }
        if (i >= 2 * STAGE && i - 2 * STAGE < n) {
            size_t j = (i - 2 * STAGE) % RING;
            if (guess[j] >= 0)
                ndr_idmap_prefetch_key(&ds->subs, (uint32_t)guess[j]);
        }
        if (i >= 3 * STAGE) {
            const ndr_row *row = &b->rows[i - 3 * STAGE];
            uint32_t sub;
            st = lookup(ds, ndr_batch_key(b, row), row->key_len, hash[(i - 3 * STAGE) % RING],
                        &sub);
            if (st == NDR_OK && row->cur)
                st = set_currency(ds, sub, row->cur);
            if (st == NDR_OK && row->seg_off)
                st = ndr_dataset_add_segment(ds, ds->sub_cust[sub], row->day,
                                             b->bytes + row->seg_off, row->seg_len);
            if (st == NDR_OK)
                st = append(ds, sub, row->day, row->mrr, row->src, row->line);
        }
    }
    return st;
}

ndr_status ndr_dataset_add(ndr_dataset *ds, const char *cust, size_t cust_len,
                           const char *sub, size_t sub_len, ndr_date day, ndr_money mrr)
{
    ndr_batch *b = ndr_batch_new();
    if (b == NULL || ndr_batch_push(b, cust, cust_len, sub, sub_len, day, mrr, 0)) {
        ndr_batch_free(b);
        return NDR_ERR_NOMEM;
    }
    ndr_status st = ndr_dataset_add_batch(ds, b);
    ndr_batch_free(b);
    return st;
}

ndr_status ndr_dataset_add_input(ndr_dataset *ds, const char *name, uint32_t *idx)
{
    if (ds->ninputs >= UINT32_MAX - 1)
        return NDR_ERR_NOMEM;
    if (ds->ninputs == ds->inputs_cap) {
        size_t cap = ds->inputs_cap ? ds->inputs_cap * 2 : 8;
        struct ndr_input_entry *p = realloc(ds->inputs, cap * sizeof *p);
        if (p)
            ds->inputs = p;
        const char **q = p ? realloc(ds->input_names, cap * sizeof *q) : NULL;
        if (q == NULL)
            return NDR_ERR_NOMEM;
        ds->input_names = q;
        ds->inputs_cap = cap;
    }
    struct ndr_input_entry *e = &ds->inputs[ds->ninputs];
    memset(e, 0, sizeof *e);
    e->start = NDR_NO_END;
    if ((e->name = ndr_arena_strdup(&ds->names, name, strlen(name))) == NULL)
        return NDR_ERR_NOMEM;
    ds->input_names[ds->ninputs] = e->name;
    e->stats.input = (uint32_t)ds->ninputs;
    *idx = (uint32_t)ds->ninputs++;
    return NDR_OK;
}

void ndr_dataset_set_input_start(ndr_dataset *ds, uint32_t idx, ndr_date start)
{
    if (idx < ds->ninputs && start < ds->inputs[idx].start)
        ds->inputs[idx].start = start;
}

void ndr_dataset_set_input_stats(ndr_dataset *ds, uint32_t idx, const ndr_read_stats *st)
{
    if (idx < ds->ninputs) {
        ds->inputs[idx].stats = *st;
        ds->inputs[idx].stats.input = idx;
    }
}

const char *ndr_dataset_input_name(const ndr_dataset *ds, uint32_t idx)
{
    return idx < ds->ninputs ? ds->inputs[idx].name : "?";
}

size_t ndr_dataset_input_count(const ndr_dataset *ds)
{
    return ds->ninputs;
}

const ndr_read_stats *ndr_dataset_input_stats(const ndr_dataset *ds, size_t i)
{
    return i < ds->ninputs ? &ds->inputs[i].stats : NULL;
}

int ndr_dataset_data_through(const ndr_dataset *ds, ndr_date *through)
{
    if (!ds->has_through)
        return -1;
    *through = ds->through;
    return 0;
}

ndr_status ndr_dataset_add_record(ndr_dataset *ds, const char *cust, size_t cust_len,
                                  const char *sub, size_t sub_len, const ndr_tl_rec *rec)
{
    if (ndr_timeline_add(&ds->timeline, cust, cust_len, sub, sub_len, rec))
        return NDR_ERR_NOMEM;
    /* the date range covers the records before they become events */
    ndr_date hi = rec->end != NDR_NO_END && rec->end > rec->start ? rec->end : rec->start;
    if (ds->nev == 0 && ds->timeline.n == 1)
        ds->first = rec->start, ds->last = hi;
    if (rec->start < ds->first)
        ds->first = rec->start;
    if (hi > ds->last)
        ds->last = hi;
    ds->sorted = 0;
    return NDR_OK;
}

/* The mapping that cust -> account (cust not account, a its index in
 * account_ids or -1) would chain with, as ndr_dataset_map_account says, or
 * -1. */
static int64_t account_chain(const ndr_dataset *ds, const char *cust, size_t cust_len,
                             const char *account, size_t account_len, int64_t a)
{
    int64_t up = ndr_idmap_find(&ds->account_of_cust, account, account_len,
                                ndr_idmap_hash(&ds->account_of_cust, account, account_len));
    if (up >= 0 && (a < 0 || ds->account_of[up] != (uint32_t)a))
        return up; /* account maps on to another account */
    int64_t down = ndr_idmap_find(&ds->account_ids, cust, cust_len,
                                  ndr_idmap_hash(&ds->account_ids, cust, cust_len));
    if (down >= 0 && ds->account_child[down])
        return (int64_t)ds->account_child[down] - 1; /* cust is another's account */
    return -1;
}

ndr_status ndr_dataset_map_account(ndr_dataset *ds, const char *cust, size_t cust_len,
                                   const char *account, size_t account_len, int64_t *other)
{
    int self = cust_len == account_len && memcmp(cust, account, cust_len) == 0, added;
    uint64_t ch = ndr_idmap_hash(&ds->account_of_cust, cust, cust_len);
    int64_t a = ndr_idmap_find(&ds->account_ids, account, account_len,
                               ndr_idmap_hash(&ds->account_ids, account, account_len));
    int64_t c = ndr_idmap_find(&ds->account_of_cust, cust, cust_len, ch);
    *other = -1;
    if (c >= 0) /* a line given twice is fine, another account is not */
        return a >= 0 && ds->account_of[c] == (uint32_t)a ? NDR_OK : NDR_ERR_ARG;
    if (!self && (*other = account_chain(ds, cust, cust_len, account, account_len, a)) >= 0)
        return NDR_ERR_ARG;
    a = ndr_idmap_intern(&ds->account_ids, account, account_len,
                         ndr_idmap_hash(&ds->account_ids, account, account_len), &added);
    if (a < 0 || grow(&ds->account_child, sizeof *ds->account_child, &ds->account_child_cap,
                      (size_t)a + 1))
        return NDR_ERR_NOMEM;
    if (added)
        ds->account_child[a] = 0;
    c = ndr_idmap_intern(&ds->account_of_cust, cust, cust_len, ch, &added);
    if (c < 0 || grow(&ds->account_of, sizeof *ds->account_of, &ds->account_of_cap,
                      (size_t)c + 1))
        return NDR_ERR_NOMEM;
    ds->account_of[c] = (uint32_t)a;
    if (!self && ds->account_child[a] == 0)
        ds->account_child[a] = (uint32_t)c + 1;
    return NDR_OK;
}

ndr_status ndr_dataset_add_account(ndr_dataset *ds, const char *cust, size_t cust_len,
                                   const char *account, size_t account_len)
{
    int64_t other;
    return ndr_dataset_map_account(ds, cust, cust_len, account, account_len, &other);
}

/* ndr_timeline_flush's emit: one event of a vendor record's
 * subscription. */
static ndr_status emit_event(void *ctx, const char *key, size_t key_len, ndr_date day,
                             ndr_money mrr, uint32_t cur, uint32_t seg, const ndr_tl_rec *from)
{
    ndr_dataset *ds = ctx;
    uint32_t sub;
    ndr_status st = lookup(ds, key, key_len, ndr_idmap_hash(&ds->subs, key, key_len), &sub);
    if (st == NDR_OK)
        st = set_currency(ds, sub, cur);
    if (st == NDR_OK && seg)
        st = push_segment(ds, ds->sub_cust[sub], day, seg - 1);
    if (st == NDR_OK)
        st = append(ds, sub, day, mrr, from ? from->src : 0, from ? from->line : 0);
    if (st == NDR_ERR_CURRENCY)
        snprintf(ds->flush_msg, sizeof ds->flush_msg,
                 "%s:%llu: more than 255 different currency codes: is the currency column "
                 "another column?",
                 ndr_dataset_input_name(ds, from ? from->src : 0),
                 (unsigned long long)(from ? from->line : 0));
    if (st == NDR_ERR_OVERFLOW) { /* the sum of a subscription's rows */
        char m[NDR_MONEY_TEXT];
        snprintf(ds->flush_msg, sizeof ds->flush_msg,
                 "%s:%llu: customer '%s': one subscription's MRR reaches %s, past the limit of "
                 "99999999999999.99999999",
                 ndr_dataset_input_name(ds, from ? from->src : 0),
                 (unsigned long long)(from ? from->line : 0),
                 ndr_dataset_customer_id(ds, ds->sub_cust[sub], NULL),
                 ndr_money_format(mrr, 2, m));
    }
    return st;
}

/* ndr_timeline_flush's drop: a row given twice counts as a duplicate of
 * its input; a second row claiming an identity with other values is
 * rejected, naming the first. */
static ndr_status drop_row(void *ctx, const ndr_tl_rec *x, const ndr_tl_rec *first, int conflict)
{
    ndr_dataset *ds = ctx;
    const struct ndr_dropping *d = &ds->dropping;
    if (x->src >= ds->ninputs)
        return NDR_OK;
    ndr_read_stats *t = &ds->inputs[x->src].stats;
    t->rows_used--;
    if (!conflict) {
        t->rows_duplicate++;
        if (t->first_duplicate == 0 || x->line < t->first_duplicate)
            t->first_duplicate = x->line;
        return NDR_OK;
    }
    t->rows_rejected++;
    char why[400];
    snprintf(why, sizeof why,
             "%s:%llu has the same identity with other values (exports of two dates? give "
             "one, or the later one alone)",
             ndr_dataset_input_name(ds, first->src), (unsigned long long)first->line);
    const char *name = ndr_dataset_input_name(ds, x->src);
    if (d->on_reject)
        d->on_reject(d->ctx, name, x->line, why);
    if (d->flags & NDR_READ_STRICT) {
        snprintf(ds->flush_msg, sizeof ds->flush_msg, "%s:%llu: %s", name,
                 (unsigned long long)x->line, why);
        return NDR_ERR_BAD_ROW;
    }
    return NDR_OK;
}

/* Turns the timeline records into events; rejections of rows that claim
 * another's identity go to on_reject (may be NULL). */
static ndr_status flush_records(ndr_dataset *ds, ndr_reject_fn on_reject, void *ctx,
                                unsigned flags)
{
    if (ds->timeline.n == 0)
        return NDR_OK;
    ndr_date *start = malloc((ds->ninputs + 1) * sizeof *start);
    if (start == NULL)
        return NDR_ERR_NOMEM;
    for (size_t i = 0; i < ds->ninputs; i++)
        start[i] = ds->inputs[i].start;
    ndr_tl_inputs in = {ds->input_names, start, ds->ninputs};
    ds->dropping.on_reject = on_reject;
    ds->dropping.ctx = ctx;
    ds->dropping.flags = flags;
    ndr_status st = ndr_timeline_flush(&ds->timeline, emit_event, drop_row, ds, &in,
                                       ds->flush_msg, sizeof ds->flush_msg);
    memset(&ds->dropping, 0, sizeof ds->dropping);
    free(start);
    return st;
}

ndr_status ndr_dataset_flush_timeline(ndr_dataset *ds)
{
    if (ds->join.npend) {
        const ndr_pending *p = &ds->join.pend[0];
        snprintf(ds->flush_msg, sizeof ds->flush_msg,
                 "%s:%llu: %zu invoice line%s wait for their invoice (this one for '%.*s'): "
                 "read every input, then ndr_dataset_finish_reading",
                 ndr_dataset_input_name(ds, p->rec.src), (unsigned long long)p->rec.line,
                 ds->join.npend, ds->join.npend == 1 ? "" : "s", (int)p->inv_len, p->inv);
        return NDR_ERR_DATA;
    }
    return flush_records(ds, NULL, NULL, 0);
}

/* ---- invoices and the lines that name only theirs ------------------------ */

int ndr_dataset_add_invoice(ndr_dataset *ds, const char *id, size_t id_len, const char *ext,
                            size_t ext_len, const char *cust, size_t cust_len, uint32_t cur,
                            int is_void, uint32_t src, uint64_t line)
{
    int other = !ndr_dataset_in_shard(ds, cust, cust_len);
    return ndr_join_add_invoice(&ds->join, id, id_len, ext, ext_len, cust, cust_len, cur,
                                is_void, other, src, line);
}

/* Adds a line under invoice v's customer. */
static ndr_joined join_line(ndr_dataset *ds, const ndr_invoice *v, const char *sub,
                            size_t sub_len, ndr_tl_rec *rec)
{
    if (v->is_void)
        return NDR_JOIN_VOID;
    if (v->other_shard)
        return NDR_JOIN_OTHER;
    if (rec->cur == 0)
        rec->cur = v->cur;
    return ndr_dataset_add_record(ds, v->cust, v->cust_len, sub, sub_len, rec) == NDR_OK
               ? NDR_JOINED
               : NDR_JOIN_NOMEM;
}

ndr_joined ndr_dataset_add_line_by_invoice(ndr_dataset *ds, int by_ext, const char *inv,
                                           size_t inv_len, const char *sub, size_t sub_len,
                                           ndr_tl_rec *rec)
{
    const ndr_invoice *v = ndr_join_find(&ds->join, by_ext, inv, inv_len);
    if (v)
        return join_line(ds, v, sub, sub_len, rec);
    return ndr_join_defer(&ds->join, by_ext, inv, inv_len, sub, sub_len, rec) ? NDR_JOIN_NOMEM
                                                                               : NDR_JOIN_LATER;
}

/* A waiting line whose invoice turned out void, another shard's or
 * missing: its input's accounting moves it from "used" to where it
 * belongs. */
static void recount(ndr_dataset *ds, uint32_t src, ndr_joined how)
{
    if (src >= ds->ninputs)
        return;
    ndr_read_stats *t = &ds->inputs[src].stats;
    t->rows_used--;
    if (how == NDR_JOIN_VOID)
        t->rows_not_mrr++;
    else if (how == NDR_JOIN_OTHER)
        t->rows_read--, t->rows_other_shards++;
    else
        t->rows_rejected++;
}

ndr_status ndr_dataset_finish_reading(ndr_dataset *ds, unsigned flags, ndr_reject_fn on_reject,
                                      void *ctx, char *msg, size_t msg_size)
{
    ndr_status st = NDR_OK;
    ndr_join *j = &ds->join;
    for (size_t i = 0; i < j->npend && st == NDR_OK; i++) {
        ndr_pending *p = &j->pend[i];
        const ndr_invoice *v = ndr_join_find(j, p->by_ext, p->inv, p->inv_len);
        ndr_joined how = v ? join_line(ds, v, p->sub, p->sub_len, &p->rec) : NDR_JOIN_LATER;
        /* --shard: a line with no invoice is shard 1's to reject */
        if (how == NDR_JOIN_LATER && ds->shard_k > 1)
            how = NDR_JOIN_OTHER;
        if (how == NDR_JOIN_NOMEM) {
            st = NDR_ERR_NOMEM;
            if (msg_size)
                snprintf(msg, msg_size, "out of memory");
            break;
        }
        if (how == NDR_JOINED)
            continue;
        recount(ds, p->rec.src, how);
        if (how != NDR_JOIN_LATER)
            continue;
        char why[400];
        int stripe = p->rec.src < ds->ninputs &&
                     ds->inputs[p->rec.src].stats.format == NDR_IN_STRIPE_INVOICE_LINES;
        snprintf(why, sizeof why,
                 "invoice '%.*s' is in no input: give the invoice table too (%s, which "
                 "names each invoice's customer)",
                 (int)(p->inv_len < 80 ? p->inv_len : 80), p->inv,
                 stripe ? "stripe-invoices" : "chartmogul-invoices");
        const char *name = ndr_dataset_input_name(ds, p->rec.src);
        if (on_reject)
            on_reject(ctx, name, p->rec.line, why);
        if (flags & NDR_READ_STRICT) {
            if (msg_size)
                snprintf(msg, msg_size, "%s:%llu: %s", name, (unsigned long long)p->rec.line,
                         why);
            st = NDR_ERR_BAD_ROW;
        }
    }
    j->npend = 0;
    ds->reading_done = 1;
    if (st != NDR_OK)
        return st;
    /* every record is in: repeats can be found, and the timeline turned
     * into events, so the accounting is final */
    st = flush_records(ds, on_reject, ctx, flags);
    if (st != NDR_OK && msg_size)
        snprintf(msg, msg_size, "%s", st == NDR_ERR_NOMEM ? "out of memory" : ds->flush_msg);
    return st;
}

int64_t ndr_dataset_segment_index(ndr_dataset *ds, const char *seg, size_t seg_len)
{
    int added;
    ds->has_segments = 1;
    return ndr_idmap_intern(&ds->segments, seg, seg_len,
                            ndr_idmap_hash(&ds->segments, seg, seg_len), &added);
}

ndr_status ndr_dataset_add_segment(ndr_dataset *ds, uint32_t cust, ndr_date day, const char *seg,
                                   size_t seg_len)
{
    int64_t g = ndr_dataset_segment_index(ds, seg, seg_len);
    return g < 0 ? NDR_ERR_NOMEM : push_segment(ds, cust, day, (uint32_t)g);
}

unsigned ndr_shard_of(const char *id, size_t len, unsigned n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)id[i];
        h *= UINT64_C(1099511628211);
    }
    return n ? (unsigned)(h % n) + 1 : 1;
}

ndr_status ndr_dataset_set_shard(ndr_dataset *ds, unsigned k, unsigned n)
{
    if (n < 1 || n > NDR_MAX_SHARDS || k < 1 || k > n)
        return NDR_ERR_ARG;
    ds->shard_k = k;
    ds->shard_n = n;
    return NDR_OK;
}

int ndr_dataset_in_shard(const ndr_dataset *ds, const char *cust, size_t len)
{
    if (ds->shard_n == 0)
        return 1;
    if (len == 0)
        return ds->shard_k == 1;
    if (ds->account_of_cust.count) {
        int64_t a = ndr_idmap_find(&ds->account_of_cust, cust, len,
                                   ndr_idmap_hash(&ds->account_of_cust, cust, len));
        if (a >= 0)
            cust = ndr_idmap_key(&ds->account_ids, ds->account_of[a], &len);
    }
    return ndr_shard_of(cust, len, ds->shard_n) == ds->shard_k;
}

/* ---- dates far from the rest --------------------------------------------- */

/* The widest gap between dates with events, as bucket indexes: the last
 * bucket before it and the first after; 0 when there is no gap. */
static size_t widest_gap(const struct ndr_day_bucket *d, size_t *before, size_t *after)
{
    size_t prev = SIZE_MAX, best = 0;
    for (size_t k = 0; k < NDR_DAY_BUCKETS; k++) {
        if (d[k].rows == 0)
            continue;
        if (prev != SIZE_MAX && k - prev > best)
            best = k - prev, *before = prev, *after = k;
        prev = k;
    }
    return best;
}

int ndr_dataset_far_date(const ndr_dataset *ds, ndr_far_date *out)
{
    const struct ndr_day_bucket *d = ds->days;
    size_t b = 0, a = 0;
    /* five years with no event at all, between a few rows and the rest */
    if (d == NULL || widest_gap(d, &b, &a) * 32 < 5 * 365)
        return 0;
    uint64_t early = 0, total = 0;
    for (size_t k = 0; k < NDR_DAY_BUCKETS; k++) {
        total += d[k].rows;
        early += k <= b ? d[k].rows : 0;
    }
    uint64_t few = total / 100 > 1 ? total / 100 : 1, late = total - early;
    if ((early > few || early >= late) && (late > few || late >= early))
        return 0;
    int is_late = late <= few && late < early;
    size_t k = is_late ? NDR_DAY_BUCKETS - 1 : 0; /* the outermost bucket */
    while (d[k].rows == 0)
        k += is_late ? (size_t)-1 : 1;
    memset(out, 0, sizeof *out);
    out->day = is_late ? d[k].hi : d[k].lo;
    out->input = ndr_dataset_input_name(ds, d[k].src);
    out->line = d[k].line;
    out->line_day = d[k].day;
    out->rows = is_late ? late : early;
    out->after = is_late;
    out->rest = is_late ? d[b].hi : d[a].lo;
    return 1;
}
