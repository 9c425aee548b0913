/* timeline.h - vendor records (spans, invoice lines, movements) turned into
 * events.
 *
 * Vendor exports do not say "from this day the MRR is m" as the events
 * format does: a subscriptions export gives a span of one state, invoice
 * lines give amounts over service periods (several at once: a base plan and
 * an add-on, a proration and its credit), a movements export gives signed
 * changes. Such records are kept here, per subscription key, until every
 * input is read; only then can lines of one period from several files,
 * prorations and the periods they belong to, and out-of-order movements be
 * resolved. ndr_timeline_flush turns them into plain "MRR from day d"
 * events, in near-linear time (sorts and heaps, no scan per day). */
#ifndef NDR_TIMELINE_H
#define NDR_TIMELINE_H

#include "ndr.h"

#define NDR_NO_END INT32_MAX       /* a span that has not ended */
#define NDR_NO_TIME INT64_MAX      /* ... in seconds */
#define NDR_NO_LEVEL INT64_MIN     /* a movement whose export gives no MRR after it */

/* How a record combines with the other records of its subscription key. */
enum ndr_tl_kind {
    NDR_TL_STATE,     /* a span of one subscription's state (a subscriptions
                       * export row, a Baremetrics row): where spans overlap,
                       * the one that started later sets the MRR */
    NDR_TL_LINE,      /* an invoice line: the MRR on a day is the sum of the
                       * lines whose service period covers it */
    NDR_TL_PRORATION, /* a prorated line (amount: the amount charged, maybe
                       * negative): its rate is the amount scaled up to the
                       * billing period it is a share of (see timeline.c) */
    NDR_TL_MOVEMENT,  /* a signed MRR change at t0 (level: the MRR after it
                       * as the export states it, or NDR_NO_LEVEL) */
    NDR_TL_DROPPED    /* left out as a repeat (during the flush) */
};

typedef struct ndr_tl_rec {
    uint32_t key_off, key_len; /* subscription key (batch.h layout) in keys */
    ndr_date start, end;       /* days [start, end); a movement: start only */
    int64_t t0;                /* start in seconds */
    union {
        int64_t t1;            /* spans, lines: end in seconds (NDR_NO_TIME: none) */
        ndr_money level;       /* movements: the MRR after it as the export states
                                * it, or NDR_NO_LEVEL */
    };
    ndr_money amount;          /* monthly MRR (state, line), amount charged
                                * (proration), or the signed movement */
    uint64_t line;             /* input line, for messages and ndr explain */
    uint64_t ident, content;   /* hashes of the row's identity and contents:
                                * a row given twice is one row (timeline.c);
                                * keyed per data set, so their order is no
                                * order to show anything in */
    uint32_t rank;             /* movements: order among those of one time */
    uint32_t seq;              /* input order */
    uint32_t cur;              /* packed currency code, 0 = none */
    uint32_t seg;              /* --by segment index + 1, 0 = none */
    uint32_t src;              /* input index, for messages */
    uint8_t kind;              /* enum ndr_tl_kind */
} ndr_tl_rec;

typedef struct ndr_timeline {
    ndr_tl_rec *recs;
    size_t n, cap;
    char *keys;
    size_t nkeys, keys_cap;
} ndr_timeline;

void ndr_timeline_free(ndr_timeline *t);

/* Adds a record; its key is [u32 customer length][customer][subscription].
 * Returns -1 when out of memory. */
int ndr_timeline_add(ndr_timeline *t, const char *cust, size_t cust_len, const char *sub,
                     size_t sub_len, const ndr_tl_rec *rec);

/* Called for each resulting event of a subscription key (the record's key,
 * or for invoice lines one of its tracks: the key, 0x1e and a number), in
 * day order per key. `from` is the record that set the MRR from that day
 * (for a drop to 0, the one that ended). */
typedef ndr_status (*ndr_tl_emit)(void *ctx, const char *key, size_t key_len, ndr_date day,
                                  ndr_money mrr, uint32_t cur, uint32_t seg,
                                  const ndr_tl_rec *from);

/* Called for each record left out as a repeat of `first` (the same
 * identity and contents: the same row given twice) or, with conflict set,
 * as another row claiming first's identity (the later is left out). A
 * status other than NDR_OK stops the flush with it. */
typedef ndr_status (*ndr_tl_drop)(void *ctx, const ndr_tl_rec *dropped, const ndr_tl_rec *first,
                                  int conflict);

/* What the flush knows of the inputs, by a record's src: its name (for
 * messages) and the earliest date of its rows (where a movements export
 * starts, read from every row, also other shards'; NDR_NO_END: none). */
typedef struct ndr_tl_inputs {
    const char *const *names;
    const ndr_date *start;
    size_t n;
} ndr_tl_inputs;

/* Sorts the records, leaves out repeated rows (drop says which), and emits
 * the events of every subscription, then empties the timeline.
 * NDR_ERR_DATA, with msg naming the row, when records contradict each
 * other: movements or credits that take a subscription below zero, an
 * export's MRR column that its movements do not add up to, one
 * subscription in inputs of two kinds. */
ndr_status ndr_timeline_flush(ndr_timeline *t, ndr_tl_emit emit, ndr_tl_drop drop, void *ctx,
                              const ndr_tl_inputs *in, char *msg, size_t msg_size);

#endif
