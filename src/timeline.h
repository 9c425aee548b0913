/* timeline.h - service intervals and MRR movements, turned into events.
 *
 * Vendor exports do not say "from this day the MRR is m" as the events
 * format does: invoice lines give an amount over a service period, a
 * subscription export gives a start and an end, a movements export gives
 * signed changes. Such records are kept here, per subscription key, until
 * every input is read; only then can overlapping or adjacent periods (an
 * invoice that starts the day the previous one ends, possibly in another
 * file) and out-of-order movements be resolved. ndr_timeline_flush turns
 * each subscription's records into plain "MRR from day d" events. */
#ifndef NDR_TIMELINE_H
#define NDR_TIMELINE_H

#include "ndr.h"

#define NDR_NO_END INT32_MAX /* an interval that has not ended */

typedef struct ndr_tl_rec {
    uint32_t key_off, key_len; /* subscription key (batch.h layout) in keys */
    ndr_date start, end;       /* interval [start, end); a movement: start only */
    ndr_money amount;          /* MRR over the interval, or the signed movement */
    uint32_t cur;              /* packed currency code, 0 = none */
    uint32_t seg;              /* --by segment index + 1, 0 = none */
    uint32_t src;              /* source index, for messages */
    uint64_t line;
    uint64_t seq;              /* input order */
    int delta;                 /* 1: a movement, 0: an interval */
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

/* Called for each resulting event, in subscription order then day order. */
/* `from` is the record that sets the MRR from that day (for a drop to 0,
 * the interval that ended). */
typedef ndr_status (*ndr_tl_emit)(void *ctx, const char *key, size_t key_len, ndr_date day,
                                  ndr_money mrr, uint32_t cur, uint32_t seg,
                                  const ndr_tl_rec *from);

/* Sorts the records and emits the events of every subscription, then empties
 * the timeline. A movement that would take a subscription's MRR below zero
 * stops with NDR_ERR_DATA and *bad pointing at a copy of that record. */
ndr_status ndr_timeline_flush(ndr_timeline *t, ndr_tl_emit emit, void *ctx, ndr_tl_rec *bad,
                              ndr_money *bad_sum);

#endif
