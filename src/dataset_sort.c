/* dataset_sort.c - orders a data set's events once, before reports.
 *
 * Subscriptions are renumbered so each customer's are contiguous, events
 * are grouped by subscription with a stable counting sort (input order
 * kept), and each subscription's events are stably sorted by day. Stability
 * is what implements "for two rows with the same subscription and date, the
 * later row in the input wins". Cost: O(events) plus the per-subscription
 * sorts, which are usually on tiny, nearly sorted runs. */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

static void insertion_sort(ndr_event *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        ndr_event x = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1].day > x.day; j--)
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
    if (a[h - 1].day <= a[h].day)
        return;
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = a[j].day < tmp[i].day ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

/* Renumbers subscriptions so that each customer's are contiguous; fills
 * ds->cust_sub. rank[s] receives the new number of subscription s. */
static void rank_subs(ndr_dataset *ds, uint32_t *rank, uint32_t *new_cust)
{
    uint32_t *start = ds->cust_sub;
    memset(start, 0, ((size_t)ds->ncust + 1) * sizeof *start);
    for (uint32_t s = 0; s < ds->nsubs; s++)
        start[ds->sub_cust[s] + 1]++;
    for (uint32_t c = 0; c < ds->ncust; c++)
        start[c + 1] += start[c];
    /* use rank as a cursor per customer, then restore start */
    for (uint32_t s = 0; s < ds->nsubs; s++) {
        uint32_t c = ds->sub_cust[s];
        rank[s] = start[c]++;
        new_cust[rank[s]] = c;
    }
    for (uint32_t c = ds->ncust; c > 0; c--)
        start[c] = start[c - 1];
    start[0] = 0;
}

ndr_status ndr_dataset_sort(ndr_dataset *ds)
{
    if (ds->sorted)
        return NDR_OK;
    size_t ns = ds->nsubs;
    uint32_t *cust_sub = realloc(ds->cust_sub, ((size_t)ds->ncust + 1) * sizeof *cust_sub);
    size_t *sub_ev = realloc(ds->sub_ev, (ns + 1) * sizeof *sub_ev);
    if (cust_sub)
        ds->cust_sub = cust_sub;
    if (sub_ev)
        ds->sub_ev = sub_ev;
    uint32_t *rank = malloc((ns + 1) * sizeof *rank);
    uint32_t *new_cust = malloc((ns + 1) * sizeof *new_cust);
    ndr_event *out = malloc((ds->nev + 1) * sizeof *out);
    if (!cust_sub || !sub_ev || !rank || !new_cust || !out) {
        free(rank);
        free(new_cust);
        free(out);
        return NDR_ERR_NOMEM;
    }
    rank_subs(ds, rank, new_cust);

    /* counting sort of events by new subscription number */
    memset(sub_ev, 0, (ns + 1) * sizeof *sub_ev);
    for (size_t i = 0; i < ds->nev; i++)
        sub_ev[rank[ds->ev[i].sub] + 1]++;
    for (size_t s = 0; s < ns; s++)
        sub_ev[s + 1] += sub_ev[s];
    size_t longest = 0;
    for (size_t s = 0; s < ns; s++)
        if (sub_ev[s + 1] - sub_ev[s] > longest)
            longest = sub_ev[s + 1] - sub_ev[s];
    for (size_t i = 0; i < ds->nev; i++) {
        uint32_t r = rank[ds->ev[i].sub];
        ndr_event e = ds->ev[i];
        e.sub = r;
        out[sub_ev[r]++] = e;
    }
    for (size_t s = ns; s > 0; s--)
        sub_ev[s] = sub_ev[s - 1];
    sub_ev[0] = 0;
    free(ds->ev);
    ds->ev = out;
    ds->ev_cap = ds->nev + 1;

    /* order each subscription's events by day; merge_sort copies at most
     * half a run aside */
    ndr_event *tmp = malloc((longest / 2 + 1) * sizeof *tmp);
    if (tmp == NULL) {
        free(rank);
        free(new_cust);
        return NDR_ERR_NOMEM;
    }
    for (size_t s = 0; s < ns; s++)
        merge_sort(ds->ev + sub_ev[s], sub_ev[s + 1] - sub_ev[s], tmp);
    free(tmp);

    /* the hash entries and caches must follow the renumbering */
    for (ndr_id_entry *e = ds->subs; e; e = e->hh.next)
        e->idx = rank[e->idx];
    memcpy(ds->sub_cust, new_cust, ns * sizeof *new_cust);
    free(rank);
    free(new_cust);
    ds->has_last = 0;
    ds->sorted = 1;
    return NDR_OK;
}
