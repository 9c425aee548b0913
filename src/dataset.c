/* dataset.c - interned ids and the flat event array (see dataset.h). */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

ndr_dataset *ndr_dataset_new(void)
{
    ndr_dataset *ds = calloc(1, sizeof *ds);
    if (ds) {
        ndr_idmap_init(&ds->customers);
        ndr_idmap_init(&ds->subs);
    }
    return ds;
}

void ndr_dataset_free(ndr_dataset *ds)
{
    if (ds == NULL)
        return;
    ndr_idmap_free(&ds->customers);
    ndr_idmap_free(&ds->subs);
    free(ds->sub_cust);
    free(ds->ev);
    free(ds->cust_sub);
    free(ds->sub_ev);
    free(ds->key);
    free(ds);
}

size_t ndr_dataset_customer_count(const ndr_dataset *ds) { return ds->customers.count; }
size_t ndr_dataset_subscription_count(const ndr_dataset *ds) { return ds->subs.count; }
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

/* Builds the subscription key of a row in ds->key; returns 1 when it equals
 * the previous row's key (then ds->key_sub is its index). */
static int build_key(ndr_dataset *ds, const char *cust, size_t cust_len, const char *sub,
                     size_t sub_len)
{
    uint32_t cl = (uint32_t)cust_len;
    size_t len = sizeof cl + cust_len + sub_len;
    if (len == ds->key_len && memcmp(ds->key, &cl, sizeof cl) == 0 &&
        memcmp(ds->key + sizeof cl, cust, cust_len) == 0 &&
        (sub_len == 0 || memcmp(ds->key + sizeof cl + cust_len, sub, sub_len) == 0))
        return 1;
    if (grow(&ds->key, 1, &ds->key_cap, len)) {
        ds->key_len = 0;
        return -1;
    }
    memcpy(ds->key, &cl, sizeof cl);
    memcpy(ds->key + sizeof cl, cust, cust_len);
    if (sub_len)
        memcpy(ds->key + sizeof cl + cust_len, sub, sub_len);
    ds->key_len = len;
    return 0;
}

/* The subscription index of a row, interning the subscription (and, for a
 * new one, its customer). */
static ndr_status lookup(ndr_dataset *ds, const char *cust, size_t cust_len, const char *sub,
                         size_t sub_len, uint32_t *out)
{
    int same = build_key(ds, cust, cust_len, sub, sub_len);
    if (same < 0 || cust_len > UINT32_MAX)
        return NDR_ERR_NOMEM;
    if (same) {
        *out = ds->key_sub;
        return NDR_OK;
    }
    uint64_t h = ndr_idmap_hash(ds->key, ds->key_len);
    int64_t s = ndr_idmap_find(&ds->subs, ds->key, ds->key_len, h);
    if (s < 0) {
        int added;
        int64_t c = ndr_idmap_intern(&ds->customers, cust, cust_len,
                                     ndr_idmap_hash(cust, cust_len), &added);
        if (c < 0 || grow(&ds->sub_cust, sizeof *ds->sub_cust, &ds->sub_cust_cap,
                          (size_t)ds->subs.count + 1))
            return NDR_ERR_NOMEM;
        s = ndr_idmap_intern(&ds->subs, ds->key, ds->key_len, h, &added);
        if (s < 0)
            return NDR_ERR_NOMEM;
        ds->sub_cust[s] = (uint32_t)c;
    }
    ds->key_sub = (uint32_t)s;
    *out = (uint32_t)s;
    return NDR_OK;
}

ndr_status ndr_dataset_add(ndr_dataset *ds, const char *cust, size_t cust_len,
                           const char *sub, size_t sub_len, ndr_date day, ndr_money mrr)
{
    uint32_t s;
    ndr_status st = lookup(ds, cust, cust_len, sub, sub_len, &s);
    if (st != NDR_OK) {
        ds->key_len = 0;
        return st;
    }
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
