/* dataset.c - interned ids and the flat event array (see dataset.h). */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

#define SLAB_ENTRIES 4096
struct ndr_slab {
    ndr_slab *next;
    uint32_t used;
    ndr_id_entry e[SLAB_ENTRIES];
};

ndr_dataset *ndr_dataset_new(void)
{
    ndr_dataset *ds = calloc(1, sizeof *ds);
    if (ds)
        ndr_arena_init(&ds->arena);
    return ds;
}

void ndr_dataset_free(ndr_dataset *ds)
{
    if (ds == NULL)
        return;
    HASH_CLEAR(hh, ds->customers);
    HASH_CLEAR(hh, ds->subs);
    while (ds->slabs) {
        ndr_slab *next = ds->slabs->next;
        free(ds->slabs);
        ds->slabs = next;
    }
    ndr_arena_free(&ds->arena);
    free(ds->cust_entry);
    free(ds->sub_cust);
    free(ds->ev);
    free(ds->cust_sub);
    free(ds->sub_ev);
    free(ds->keybuf);
    free(ds);
}

size_t ndr_dataset_customer_count(const ndr_dataset *ds) { return ds->ncust; }
size_t ndr_dataset_subscription_count(const ndr_dataset *ds) { return ds->nsubs; }
size_t ndr_dataset_event_count(const ndr_dataset *ds) { return ds->nev; }

int ndr_dataset_date_range(const ndr_dataset *ds, ndr_date *first, ndr_date *last)
{
    if (ds->nev == 0)
        return -1;
    *first = ds->first;
    *last = ds->last;
    return 0;
}

const char *ndr_dataset_customer_id(const ndr_dataset *ds, uint32_t idx, size_t *len)
{
    const ndr_id_entry *e = ds->cust_entry[idx];
    if (len)
        *len = e->hh.keylen;
    return e->hh.key;
}

/* Grows *arr (of elem-sized items, capacity *cap) to hold need items. */
static int grow(void *arr, size_t elem, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    void *p = realloc(*(void **)arr, n * elem);
    if (p == NULL)
        return -1;
    *(void **)arr = p;
    *cap = n;
    return 0;
}

static ndr_id_entry *new_entry(ndr_dataset *ds)
{
    if (ds->slabs == NULL || ds->slabs->used == SLAB_ENTRIES) {
        ndr_slab *s = malloc(sizeof *s);
        if (s == NULL)
            return NULL;
        s->next = ds->slabs;
        s->used = 0;
        ds->slabs = s;
    }
    ndr_id_entry *e = &ds->slabs->e[ds->slabs->used++];
    memset(e, 0, sizeof *e);
    return e;
}

/* Finds key in *head or adds it with index *count (then *count grows).
 * Returns the entry, or NULL when out of memory. */
static ndr_id_entry *intern(ndr_dataset *ds, ndr_id_entry **head, const char *key,
                            size_t len, uint32_t *count)
{
    ndr_id_entry *e;
    int oom = 0;
    HASH_FIND(hh, *head, key, len, e);
    if (e)
        return e;
    if (*count == UINT32_MAX || (e = new_entry(ds)) == NULL)
        return NULL;
    char *copy = ndr_arena_strdup(&ds->arena, key, len);
    if (copy == NULL)
        return NULL;
    e->idx = *count;
    HASH_ADD_KEYPTR(hh, *head, copy, len, e);
    if (oom)
        return NULL;
    (*count)++;
    return e;
}

static ndr_status add_customer(ndr_dataset *ds, const char *id, size_t len, uint32_t *idx)
{
    size_t cap = ds->cust_cap;
    if (grow(&ds->cust_entry, sizeof *ds->cust_entry, &cap, (size_t)ds->ncust + 1))
        return NDR_ERR_NOMEM;
    ds->cust_cap = (uint32_t)cap;
    ndr_id_entry *e = intern(ds, &ds->customers, id, len, &ds->ncust);
    if (e == NULL)
        return NDR_ERR_NOMEM;
    ds->cust_entry[e->idx] = e;
    *idx = e->idx;
    return NDR_OK;
}

static ndr_status add_sub(ndr_dataset *ds, uint32_t cust, const char *id, size_t len,
                          uint32_t *idx)
{
    size_t cap = ds->sub_cap, kcap = ds->keybuf_cap, klen = sizeof cust + len;
    if (grow(&ds->sub_cust, sizeof *ds->sub_cust, &cap, (size_t)ds->nsubs + 1) ||
        grow(&ds->keybuf, 1, &kcap, klen))
        return NDR_ERR_NOMEM;
    ds->sub_cap = (uint32_t)cap;
    ds->keybuf_cap = kcap;
    memcpy(ds->keybuf, &cust, sizeof cust);
    if (len)
        memcpy(ds->keybuf + sizeof cust, id, len);
    uint32_t before = ds->nsubs;
    ndr_id_entry *e = intern(ds, &ds->subs, ds->keybuf, klen, &ds->nsubs);
    if (e == NULL)
        return NDR_ERR_NOMEM;
    if (ds->nsubs != before)
        ds->sub_cust[e->idx] = cust;
    *idx = e->idx;
    return NDR_OK;
}

static int same_key(const ndr_id_entry *e, const void *key, size_t len)
{
    return e->hh.keylen == len && memcmp(e->hh.key, key, len) == 0;
}

/* The subscription index of a row. keybuf still holds the previous row's
 * (customer, subscription) key, so a run of rows for the same subscription
 * costs two memcmp and no hashing. */
static ndr_status lookup(ndr_dataset *ds, const char *cust, size_t cust_len,
                         const char *sub, size_t sub_len, uint32_t *sub_idx)
{
    uint32_t c;
    ndr_status st;
    if (ds->has_last && same_key(ds->cust_entry[ds->last_cust], cust, cust_len)) {
        c = ds->last_cust;
        if (ds->last_klen == sizeof c + sub_len &&
            (sub_len == 0 || memcmp(ds->keybuf + sizeof c, sub, sub_len) == 0)) {
            *sub_idx = ds->last_sub;
            return NDR_OK;
        }
    } else if ((st = add_customer(ds, cust, cust_len, &c)) != NDR_OK) {
        return st;
    }
    if ((st = add_sub(ds, c, sub, sub_len, sub_idx)) != NDR_OK)
        return st;
    ds->last_cust = c;
    ds->last_sub = *sub_idx;
    ds->last_klen = sizeof c + sub_len;
    ds->has_last = 1;
    return NDR_OK;
}

ndr_status ndr_dataset_add(ndr_dataset *ds, const char *cust, size_t cust_len,
                           const char *sub, size_t sub_len, ndr_date day, ndr_money mrr)
{
    uint32_t s;
    ndr_status st = lookup(ds, cust, cust_len, sub, sub_len, &s);
    if (st != NDR_OK)
        return st;
    if (ds->nev >= UINT32_MAX || grow(&ds->ev, sizeof *ds->ev, &ds->ev_cap, ds->nev + 1))
        return NDR_ERR_NOMEM;
    ndr_event *e = &ds->ev[ds->nev++];
    e->mrr = mrr;
    e->day = day;
    e->sub = s;
    if (ds->nev == 1 || day < ds->first)
        ds->first = day;
    if (ds->nev == 1 || day > ds->last)
        ds->last = day;
    ds->sorted = 0;
    return NDR_OK;
}
