/* dataset.h - the in-memory store behind ndr_dataset: interned customer and
 * subscription ids (uthash tables over an arena) and one flat array of
 * subscription events, sorted once before any report is computed.
 *
 * After ndr_dataset_sort, subscriptions are numbered so that each customer's
 * subscriptions are contiguous, and events are ordered by (subscription, day)
 * with input order kept among events of the same day, which is what makes
 * "the later row wins" a matter of taking the last event of a day. */
#ifndef NDR_DATASET_H
#define NDR_DATASET_H

#include "arena.h"
#include "ndr.h"

/* uthash must not exit() from inside a library. With this, an add that runs
 * out of memory sets the caller's local `int oom` and adds nothing. */
#define HASH_NONFATAL_OOM 1
#define uthash_nonfatal_oom(obj) (oom = 1)
#include <uthash.h>

typedef struct ndr_event {
    ndr_money mrr; /* MRR in force from `day` on */
    ndr_date day;
    uint32_t sub; /* subscription index */
} ndr_event;

typedef struct ndr_id_entry {
    UT_hash_handle hh; /* key = the interned id bytes, in the arena */
    uint32_t idx;
} ndr_id_entry;
typedef struct ndr_slab ndr_slab;

struct ndr_dataset {
    ndr_arena arena;        /* id bytes */
    ndr_slab *slabs;        /* storage of hash entries */
    ndr_id_entry *customers; /* uthash head: customer id -> index */
    ndr_id_entry *subs;      /* uthash head: (customer index, sub id) -> index */
    ndr_id_entry **cust_entry; /* by customer index: its entry (id = hh.key) */
    uint32_t ncust, cust_cap;
    uint32_t *sub_cust; /* by subscription index: its customer */
    uint32_t nsubs, sub_cap;
    ndr_event *ev;
    size_t nev, ev_cap;
    ndr_date first, last; /* event date range, valid when nev > 0 */

    /* Valid while `sorted`: customer c owns subscriptions
     * [cust_sub[c], cust_sub[c+1]); subscription s owns events
     * [sub_ev[s], sub_ev[s+1]). */
    int sorted;
    uint32_t *cust_sub;
    size_t *sub_ev;

    /* one-entry lookup caches: consecutive rows often share a customer */
    uint32_t last_cust, last_sub;
    size_t last_klen; /* length of the key in keybuf */
    int has_last;
    char *keybuf; /* scratch for (customer, subscription) keys */
    size_t keybuf_cap;
};

/* Appends one event, interning its ids. sub may be empty (len 0): the row
 * then belongs to the customer's implicit whole-customer subscription.
 * Returns NDR_OK or NDR_ERR_NOMEM. */
ndr_status ndr_dataset_add(ndr_dataset *ds, const char *cust, size_t cust_len,
                           const char *sub, size_t sub_len, ndr_date day, ndr_money mrr);

/* Groups and orders the events (see above). Idempotent. */
ndr_status ndr_dataset_sort(ndr_dataset *ds);

/* The id of customer idx (NUL-terminated) and its length. */
const char *ndr_dataset_customer_id(const ndr_dataset *ds, uint32_t idx, size_t *len);

#endif
