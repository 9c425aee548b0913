/* dataset.h - the in-memory store behind ndr_dataset: interned customer and
 * subscription ids and one flat array of subscription events, sorted once
 * before any report is computed. Rows arrive in batches (batch.h).
 *
 * A subscription is keyed by (customer id, subscription id), so each input
 * row costs one hash lookup; the customer table is consulted only when a
 * subscription is seen for the first time.
 *
 * After ndr_dataset_sort, subscriptions are numbered so that each customer's
 * subscriptions are contiguous, and events are ordered by (subscription, day)
 * with input order kept among events of the same day, which is what makes
 * "the later row wins" a matter of taking the last event of a day. */
#ifndef NDR_DATASET_H
#define NDR_DATASET_H

#include "batch.h"
#include "date.h"
#include "hash.h"
#include "idmap.h"
#include "join.h"
#include "ndr.h"
#include "money.h"
#include "timeline.h"

/* An event: from `day` on, subscription `sub` has MRR `mrr`. Packed into
 * 16 bytes (there are billions of them): the MRR, within
 * +-NDR_MONEY_ROW_MAX (a credit line's track is negative), needs 75 bits
 * with its sign, and the day, from 1900-01-01 (NDR_DAY_MIN) on, 20 bits
 * (to the year 4770). Read and write them with ndr_ev_mrr, ndr_ev_day and
 * ndr_ev_set. */
typedef struct ndr_event {
    uint64_t mrr_lo; /* MRR bits 0-63 */
    uint32_t sub;    /* subscription index */
    uint32_t day_hi; /* bits 0-19: day - NDR_DAY_MIN; 20-31: MRR bits 64-75 */
} ndr_event;

#define NDR_EV_DAY_BITS 20
#define NDR_EV_DAY_LAST (NDR_DAY_MIN + (1 << NDR_EV_DAY_BITS) - 1)

static inline ndr_date ndr_ev_day(const ndr_event *e)
{
    return (ndr_date)(e->day_hi & ((UINT32_C(1) << NDR_EV_DAY_BITS) - 1)) + NDR_DAY_MIN;
}

static inline ndr_money ndr_ev_mrr(const ndr_event *e)
{
    /* the 12 high bits, sign-extended without shifting a negative value */
    int64_t hi = (int64_t)((e->day_hi >> NDR_EV_DAY_BITS) ^ 0x800) - 0x800;
    return (ndr_money)hi * ((ndr_money)1 << 64) + (ndr_money)e->mrr_lo;
}

/* mrr within +-NDR_MONEY_ROW_MAX and day within NDR_DAY_MIN ..
 * NDR_EV_DAY_LAST (the caller has checked both). */
static inline void ndr_ev_set(ndr_event *e, uint32_t sub, ndr_date day, ndr_money mrr)
{
    ndr_umoney u = (ndr_umoney)mrr; /* two's complement */
    e->mrr_lo = (uint64_t)u;
    e->sub = sub;
    e->day_hi = (uint32_t)(day - NDR_DAY_MIN) |
                (uint32_t)((u >> 64) & 0xfff) << NDR_EV_DAY_BITS;
}

/* Events as they arrive, in fixed-size blocks, so that sorting can free
 * each block as soon as it is copied instead of holding two full arrays.
 * A block is 32 MiB: above glibc's largest mmap threshold, so it is mapped
 * on its own and given back to the system when freed, and only the pages
 * actually written count towards the resident size of a small input. */
#define NDR_EV_BLOCK (1 << 21)
typedef struct ndr_evblock {
    struct ndr_evblock *next;
    size_t n;
    ndr_event e[NDR_EV_BLOCK];
} ndr_evblock;

#define NDR_MAX_CURRENCIES 256

struct ndr_dataset {
    ndr_idmap customers; /* customer id -> customer index */
    ndr_idmap subs;      /* (u32 length, customer id, sub id) -> sub index */
    uint32_t *sub_cust;  /* by subscription index: its customer */
    uint8_t *sub_cur;    /* by subscription index: index in curs[], 0 = none */
    size_t sub_cust_cap, sub_cur_cap;
    uint32_t curs[NDR_MAX_CURRENCIES]; /* packed codes; curs[0] = 0 (none) */
    unsigned ncurs;
    /* the first subscription seen in two currencies (report refuses it) */
    int cur_conflict;
    uint32_t conflict_sub, conflict_cur[2];

    /* --accounts: billing customer id -> index of its account id in
     * account_ids; a subscription's customer is its account. account_child
     * is, by account index, 1 + the index of the first customer other than
     * the account itself mapped to it, or 0: how a chain is found */
    ndr_idmap account_of_cust, account_ids;
    uint32_t *account_of, *account_child;
    size_t account_of_cap, account_child_cap;

    /* --by: segment values, and from which day each customer has which */
    int has_segments;
    ndr_idmap segments;
    struct ndr_segev {
        uint32_t cust, seg;
        ndr_date day;
        uint32_t seq;
    } *segev;
    size_t nsegev, segev_cap;

    /* ndr explain: where each event came from (keep_rows set before reading) */
    int keep_rows;
    struct ndr_prov {
        uint64_t line;
        uint32_t src; /* index in inputs */
        ndr_date day;
    } *prov;          /* by input order of the events */
    size_t prov_cap;
    uint32_t *orig;   /* when sorted: by event position, its input order */

    /* intervals and movements of vendor formats, until the sort */
    ndr_timeline timeline;
    /* the key of the records' identity and contents hashes (reader.c),
     * drawn with the data set: rows crafted to pass for another row's
     * repeat would need it (hash.h) */
    ndr_hash_key row_key;
    ndr_join join;      /* invoices, and lines waiting for theirs */
    /* every input read, in order: its name (for messages) and accounting */
    struct ndr_input_entry {
        const char *name;
        ndr_read_stats stats;
        ndr_date start; /* its rows' earliest "as of" date (NDR_NO_END: none) */
    } *inputs;
    size_t ninputs, inputs_cap;
    const char **input_names; /* inputs[i].name, for the timeline's messages */
    ndr_arena names; /* the names' bytes */
    char flush_msg[600];
    /* during ndr_dataset_finish_reading's flush: where rejections go */
    struct ndr_dropping {
        ndr_reject_fn on_reject;
        void *ctx;
        unsigned flags;
    } dropping;
    int reading_done;  /* ndr_dataset_finish_reading ran */
    /* the data's "as of" date: the latest date of the rows read that shows
     * how recent the export is (ndr_input_def's NDR_COL_ASOF columns) */
    int has_through;
    ndr_date through;
    ndr_event *ev;      /* events already sorted (nsorted of them) */
    size_t nsorted;
    ndr_evblock *head, *tail; /* events added since, in input order */
    size_t nev;               /* all events: nsorted + those in blocks */
    ndr_date first, last;     /* event date range, valid when nev > 0 */
    /* events by 32-day bucket from NDR_DAY_MIN, with the first row of
     * each: a date far from all the others (a typo) shows as a lone
     * bucket across a wide gap (ndr_dataset_far_date) */
    struct ndr_day_bucket {
        uint32_t rows, src;
        uint64_t line;    /* the bucket's first row */
        ndr_date day;     /* its date */
        ndr_date lo, hi;  /* the bucket's earliest and latest dates */
    } *days;

    /* --shard K/N (shard_n 0: none): only the rows of the customers (or
     * accounts) of shard K are kept; horizon is the latest date of any
     * events row read, of this shard or another, so every shard can report
     * the period ends of the whole input */
    unsigned shard_k, shard_n;
    int has_horizon;
    ndr_date horizon;

    /* Valid while `sorted` (then every event is in ev): customer c owns
     * subscriptions
     * [cust_sub[c], cust_sub[c+1]); subscription s owns events
     * [sub_ev[s], sub_ev[s+1]). */
    int sorted;
    uint32_t *cust_sub;
    size_t *sub_ev;
};

/* Appends one event, interning its ids. sub may be empty (len 0): the row
 * then belongs to the customer's implicit whole-customer subscription.
 * Returns NDR_OK or NDR_ERR_NOMEM. */
ndr_status ndr_dataset_add(ndr_dataset *ds, const char *cust, size_t cust_len,
                           const char *sub, size_t sub_len, ndr_date day, ndr_money mrr);

/* --shard: whether the rows of billing customer cust are this shard's. */
int ndr_dataset_in_shard(const ndr_dataset *ds, const char *cust, size_t len);

/* Index of segment value seg, interning it. -1 when out of memory. */
int64_t ndr_dataset_segment_index(ndr_dataset *ds, const char *seg, size_t seg_len);

/* Records that customer `cust` has segment value seg from day on. */
ndr_status ndr_dataset_add_segment(ndr_dataset *ds, uint32_t cust, ndr_date day, const char *seg,
                                   size_t seg_len);

/* Registers an input named name (copied): its index, for records and the
 * accounting. */
ndr_status ndr_dataset_add_input(ndr_dataset *ds, const char *name, uint32_t *idx);

/* ndr_dataset_add_account, telling why it refuses: NDR_ERR_ARG with
 * *other = -1 when cust already maps to another account; NDR_ERR_ARG with
 * *other the index (in account_of_cust) of a mapping this one would chain
 * with: account is itself a customer mapped on to another account, or cust
 * is the account of another customer. Mapping a customer to itself (a
 * parent listed as its own account) is no chain. */
ndr_status ndr_dataset_map_account(ndr_dataset *ds, const char *cust, size_t cust_len,
                                   const char *account, size_t account_len, int64_t *other);

/* Stores input idx's accounting (the reader, when it finishes). */
void ndr_dataset_set_input_stats(ndr_dataset *ds, uint32_t idx, const ndr_read_stats *st);

/* Input idx's rows start no later than `start` (the reader's earliest
 * "as of" date of any of its rows, see ndr_tl_inputs). */
void ndr_dataset_set_input_start(ndr_dataset *ds, uint32_t idx, ndr_date start);

/* The name of input idx ("?" when there is none). */
const char *ndr_dataset_input_name(const ndr_dataset *ds, uint32_t idx);

/* An invoice table's row (see join.h): 0; 1 when the invoice was read
 * before with the same customer, currency and status (a repeat); -2 when
 * with others; -1 when out of memory. */
int ndr_dataset_add_invoice(ndr_dataset *ds, const char *id, size_t id_len, const char *ext,
                            size_t ext_len, const char *cust, size_t cust_len, uint32_t cur,
                            int is_void, uint32_t src, uint64_t line);

/* What became of a line that names only its invoice. */
typedef enum ndr_joined {
    NDR_JOINED,      /* added under the invoice's customer */
    NDR_JOIN_LATER,  /* the invoice is not known yet: kept for the end */
    NDR_JOIN_VOID,   /* the invoice is void: no MRR */
    NDR_JOIN_OTHER,  /* the invoice's customer is another shard's */
    NDR_JOIN_NOMEM
} ndr_joined;

ndr_joined ndr_dataset_add_line_by_invoice(ndr_dataset *ds, int by_ext, const char *inv,
                                           size_t inv_len, const char *sub, size_t sub_len,
                                           ndr_tl_rec *rec);

/* Keeps an interval [start, end) of MRR `mrr`, or (delta) a signed MRR
 * movement on `start`, for the sort to turn into events (timeline.h). */
ndr_status ndr_dataset_add_record(ndr_dataset *ds, const char *cust, size_t cust_len,
                                  const char *sub, size_t sub_len, const ndr_tl_rec *rec);

/* Appends every row of a batch (see batch.h). */
ndr_status ndr_dataset_add_batch(ndr_dataset *ds, const ndr_batch *b);

/* Turns the timeline records into events (part of the sort). */
ndr_status ndr_dataset_flush_timeline(ndr_dataset *ds);

/* The id of customer idx (NUL-terminated) and its length. */
const char *ndr_dataset_customer_id(const ndr_dataset *ds, uint32_t idx, size_t *len);

#endif
