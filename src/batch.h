/* batch.h - a batch of validated input rows on their way from the reader to
 * the data set. Batching lets the data set hash a run of rows ahead and
 * prefetch their table slots, and lets a second thread intern one batch
 * while the reader parses the next (see pipeline.h). */
#ifndef NDR_BATCH_H
#define NDR_BATCH_H

#include "ndr.h"

#include <string.h>

/* A row's subscription key is [u32 customer id length][customer id][sub id],
 * stored in the batch's byte buffer at key_off. */
typedef struct ndr_row {
    ndr_money mrr;
    ndr_date day;
    uint32_t key_off, key_len;
    uint32_t cur; /* packed currency code (currency.h), 0 = not given */
    uint32_t seg_off, seg_len; /* --by value in bytes; seg_off 0: none */
    uint32_t src;              /* for ndr explain: source index and line */
    uint64_t line;
} ndr_row;

typedef struct ndr_batch {
    ndr_row *rows;
    size_t n, cap;
    char *bytes;
    size_t nbytes, bytes_cap;
} ndr_batch;

#define NDR_BATCH_ROWS 4096
#define NDR_BATCH_BYTES (256 * 1024)

ndr_batch *ndr_batch_new(void); /* NULL when out of memory */
void ndr_batch_free(ndr_batch *b);
/* Appends a row; returns -1 when out of memory. */
int ndr_batch_push(ndr_batch *b, const char *cust, size_t cust_len, const char *sub,
                   size_t sub_len, ndr_date day, ndr_money mrr, uint32_t cur);
/* Attaches a --by segment value to the row just pushed. */
int ndr_batch_segment(ndr_batch *b, const char *seg, size_t seg_len);
/* True when the batch should be handed on. */
int ndr_batch_full(const ndr_batch *b);

/* Writes the subscription key of (cust, sub) at dst, which has
 * NDR_KEY_LEN(cust_len, sub_len) bytes. */
#define NDR_KEY_LEN(cust_len, sub_len) (sizeof(uint32_t) + (cust_len) + (sub_len))
static inline void ndr_key_write(char *dst, const char *cust, size_t cust_len, const char *sub,
                                 size_t sub_len)
{
    uint32_t cl = (uint32_t)cust_len;
    memcpy(dst, &cl, sizeof cl);
    memcpy(dst + sizeof cl, cust, cust_len);
    if (sub_len)
        memcpy(dst + sizeof cl + cust_len, sub, sub_len);
}

static inline const char *ndr_batch_key(const ndr_batch *b, const ndr_row *row)
{
    return b->bytes + row->key_off;
}

#endif
