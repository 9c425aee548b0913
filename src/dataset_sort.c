/* dataset_sort.c - orders a data set's events once, before reports.
 *
 * Subscriptions are renumbered so each customer's are contiguous, events
 * are grouped by subscription with a stable counting sort (input order
 * kept), and each subscription's events are stably sorted by day. Stability
 * is what implements "for two rows with the same subscription and date, the
 * later row in the input wins". Cost: O(events) plus the per-subscription
 * sorts, which are usually on tiny, nearly sorted runs. */
#include "dataset.h"
#include "dataset_sort.h"

#include <stdlib.h>
#include <string.h>

static void insertion_sort(ndr_event *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        ndr_event x = a[i];
        size_t j = i;
        for (; j > 0 && ndr_ev_day(&a[j - 1]) > ndr_ev_day(&x); j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

/* Stable merge sort by day; tmp holds at least n events. */
static void merge_sort(ndr_event *a, size_t n, ndr_event *tmp)
{
    if (n <= 24) {
        insertion_sort(a, n);
        return;
    }
    size_t h = n / 2;
    merge_sort(a, h, tmp);
    merge_sort(a + h, n - h, tmp);
    if (ndr_ev_day(&a[h - 1]) <= ndr_ev_day(&a[h]))
        return;
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = ndr_ev_day(&a[j]) < ndr_ev_day(&tmp[i]) ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* Renumbers subscriptions so that each customer's are contiguous; fills
 * ds->cust_sub. rank[s] receives the new number of subscription s. */
static void rank_subs(ndr_dataset *ds, uint32_t *rank, uint32_t *new_cust, uint8_t *new_cur)
{
    uint32_t *start = ds->cust_sub, ncust = ds->customers.count, nsubs = ds->subs.count;
    memset(start, 0, ((size_t)ncust + 1) * sizeof *start);
    for (uint32_t s = 0; s < nsubs; s++)
        start[ds->sub_cust[s] + 1]++;
    for (uint32_t c = 0; c < ncust; c++)
        start[c + 1] += start[c];
    /* use start as a cursor per customer, then restore it */
    for (uint32_t s = 0; s < nsubs; s++) {
        uint32_t c = ds->sub_cust[s];
        rank[s] = start[c]++;
        new_cust[rank[s]] = c;
        new_cur[rank[s]] = ds->sub_cur[s];
    }
    for (uint32_t c = ncust; c > 0; c--)
        start[c] = start[c - 1];
    start[0] = 0;
}

static void remap(ndr_event *e, size_t n, const uint32_t *rank)
{
    for (size_t i = 0; i < n; i++)
        e[i].sub = rank[e[i].sub];
}

/* Renumbers subscriptions so each customer's are contiguous, in the id
 * table, sub_cust and the events alike. Leaves the data set consistent
 * whether it succeeds or not. */
static ndr_status renumber_subs(ndr_dataset *ds)
{
    size_t ns = ds->subs.count;
    uint32_t *cust_sub = realloc(ds->cust_sub, ((size_t)ds->customers.count + 1) * sizeof *cust_sub);
    if (cust_sub)
        ds->cust_sub = cust_sub;
    uint32_t *rank = malloc((ns + 1) * sizeof *rank);
    uint32_t *new_cust = malloc((ns + 1) * sizeof *new_cust);
    uint8_t *new_cur = malloc(ns + 1);
    ndr_status st = NDR_ERR_NOMEM;
    if (cust_sub && rank && new_cust && new_cur) {
        rank_subs(ds, rank, new_cust, new_cur);
        if (ndr_idmap_renumber(&ds->subs, rank) == 0) {
            memcpy(ds->sub_cust, new_cust, ns * sizeof *new_cust);
            if (ns)
                memcpy(ds->sub_cur, new_cur, ns);
            if (ds->cur_conflict)
                ds->conflict_sub = rank[ds->conflict_sub];
            remap(ds->ev, ds->nsorted, rank);
            for (ndr_evblock *b = ds->head; b; b = b->next)
                remap(b->e, b->n, rank);
            st = NDR_OK;
        }
    }
    free(rank);
    free(new_cust);
    free(new_cur);
    return st;
}

static void count(const ndr_event *e, size_t n, size_t *sub_ev)
{
    for (size_t i = 0; i < n; i++)
        sub_ev[e[i].sub + 1]++;
}

static void scatter(const ndr_event *e, size_t n, size_t *cursor, ndr_event *out)
{
    for (size_t i = 0; i < n; i++)
        out[cursor[e[i].sub]++] = e[i];
}

/* The same scatter for the input order of each event (ndr explain): from
 * orig[] for the already sorted events, counting from base for new ones. */
static void scatter_orig(const ndr_event *e, size_t n, size_t *cursor, const uint32_t *orig,
                         uint32_t base, uint32_t *out)
{
    for (size_t i = 0; i < n; i++)
        out[cursor[e[i].sub]++] = orig ? orig[i] : base + (uint32_t)i;
}

/* Stable merge sort of one subscription's row indices a[0..n) (in input
 * order) by their rows' day: the order the stable sort of the events made
 * (qsort has no context argument, and a static would make two data sets
 * in two threads share it). tmp holds n / 2 indices. */
static void orig_sort(uint32_t *a, size_t n, uint32_t *tmp, const struct ndr_prov *prov)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    orig_sort(a, h, tmp, prov);
    orig_sort(a + h, n - h, tmp, prov);
    if (prov[a[h - 1]].day <= prov[a[h]].day)
        return;
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = prov[a[j]].day < prov[tmp[i]].day ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* Groups events by subscription (stable counting sort: the sorted array
 * first, then the blocks, which is input order) into one array, freeing
 * the sources as it goes, and orders each subscription's events by day
 * (stable). Fills ds->sub_ev. */
static ndr_status group_events(ndr_dataset *ds)
{
    size_t ns = ds->subs.count;
    size_t *sub_ev = realloc(ds->sub_ev, (ns + 1) * sizeof *sub_ev);
    if (sub_ev == NULL)
        return NDR_ERR_NOMEM;
    ds->sub_ev = sub_ev;
    memset(sub_ev, 0, (ns + 1) * sizeof *sub_ev);
    count(ds->ev, ds->nsorted, sub_ev);
    for (ndr_evblock *b = ds->head; b; b = b->next)
        count(b->e, b->n, sub_ev);
    size_t longest = 0;
    for (size_t s = 0; s < ns; s++) {
        if (sub_ev[s + 1] > longest)
            longest = sub_ev[s + 1];
        sub_ev[s + 1] += sub_ev[s];
    }
    /* merge_sort copies at most half a run aside */
    ndr_event *out = malloc((ds->nev + 1) * sizeof *out);
    ndr_event *tmp = malloc((longest / 2 + 1) * sizeof *tmp);
    if (out == NULL || tmp == NULL) {
        free(out);
        free(tmp);
        return NDR_ERR_NOMEM;
    }
    uint32_t *orig = NULL;
    if (ds->keep_rows) {
        /* the input order of each event, scattered the same way */
        size_t *cur = malloc((ns + 1) * sizeof *cur);
        orig = malloc((ds->nev + 1) * sizeof *orig);
        if (cur == NULL || orig == NULL) {
            free(cur);
            free(orig);
            free(out);
            free(tmp);
            return NDR_ERR_NOMEM;
        }
        memcpy(cur, sub_ev, (ns + 1) * sizeof *cur);
        scatter_orig(ds->ev, ds->nsorted, cur, ds->orig, 0, orig);
        uint32_t base = (uint32_t)ds->nsorted;
        for (ndr_evblock *b = ds->head; b; b = b->next) {
            scatter_orig(b->e, b->n, cur, NULL, base, orig);
            base += (uint32_t)b->n;
        }
        free(cur);
        free(ds->orig);
        ds->orig = orig;
    }
    scatter(ds->ev, ds->nsorted, sub_ev, out);
    free(ds->ev);
    while (ds->head) {
        ndr_evblock *b = ds->head;
        scatter(b->e, b->n, sub_ev, out);
        ds->head = b->next;
        free(b);
    }
    ds->tail = NULL;
    ds->ev = out;
    ds->nsorted = ds->nev;
    for (size_t s = ns; s > 0; s--)
        sub_ev[s] = sub_ev[s - 1];
    sub_ev[0] = 0;
    for (size_t s = 0; s < ns; s++)
        merge_sort(ds->ev + sub_ev[s], sub_ev[s + 1] - sub_ev[s], tmp);
    free(tmp);
    uint32_t *otmp = orig ? malloc((longest / 2 + 1) * sizeof *otmp) : NULL;
    if (orig && otmp == NULL)
        return NDR_ERR_NOMEM;
    for (size_t s = 0; orig && s < ns; s++)
        orig_sort(orig + sub_ev[s], sub_ev[s + 1] - sub_ev[s], otmp, ds->prov);
    free(otmp);
    return NDR_OK;
}

ndr_status ndr_dataset_sort(ndr_dataset *ds)
{
    ndr_status st = NDR_OK;
    if (!ds->sorted && (st = ndr_dataset_flush_timeline(ds)) == NDR_OK &&
        (st = renumber_subs(ds)) == NDR_OK && (st = group_events(ds)) == NDR_OK)
        ds->sorted = 1;
    return st;
}
