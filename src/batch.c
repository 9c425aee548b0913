/* batch.c - rows between the reader and the data set (see batch.h). */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

ndr_batch *ndr_batch_new(void)
{
    ndr_batch *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    b->rows = malloc(NDR_BATCH_ROWS * sizeof *b->rows);
    b->bytes = malloc(NDR_BATCH_BYTES);
    if (b->rows == NULL || b->bytes == NULL) {
        ndr_batch_free(b);
        return NULL;
    }
    b->cap = NDR_BATCH_ROWS;
    b->bytes_cap = NDR_BATCH_BYTES;
    return b;
}

void ndr_batch_free(ndr_batch *b)
{
    if (b == NULL)
        return;
    free(b->rows);
    free(b->bytes);
    free(b);
}

int ndr_batch_full(const ndr_batch *b)
{
    return b->n >= NDR_BATCH_ROWS || b->nbytes >= NDR_BATCH_BYTES;
}

/* Room for len more bytes in b->bytes. */
static int reserve(ndr_batch *b, size_t len)
{
    if (b->nbytes + len <= b->bytes_cap)
        return 0;
    size_t cap = b->bytes_cap * 2;
    while (cap < b->nbytes + len)
        cap *= 2;
    char *bytes = realloc(b->bytes, cap);
    if (bytes == NULL)
        return -1;
    b->bytes = bytes;
    b->bytes_cap = cap;
    return 0;
}

int ndr_batch_push(ndr_batch *b, const char *cust, size_t cust_len, const char *sub,
                   size_t sub_len, ndr_date day, ndr_money mrr, uint32_t cur)
{
    uint32_t cl = (uint32_t)cust_len;
    size_t len = sizeof cl + cust_len + sub_len;
    if (cust_len > UINT32_MAX || len > UINT32_MAX || b->nbytes + len > UINT32_MAX)
        return -1;
    if (b->n == b->cap) {
        ndr_row *rows = realloc(b->rows, 2 * b->cap * sizeof *rows);
        if (rows == NULL)
            return -1;
        b->rows = rows;
        b->cap *= 2;
    }
    if (reserve(b, len))
        return -1;
    ndr_key_write(b->bytes + b->nbytes, cust, cust_len, sub, sub_len);
    ndr_row *row = &b->rows[b->n++];
    row->mrr = mrr;
    row->day = day;
    row->key_off = (uint32_t)b->nbytes;
    row->key_len = (uint32_t)len;
    row->cur = cur;
    row->seg_off = row->seg_len = 0;
    row->src = 0;
    row->line = 0;
    b->nbytes += len;
    return 0;
}

int ndr_batch_segment(ndr_batch *b, const char *seg, size_t seg_len)
{
    if (b->nbytes + seg_len + 1 > UINT32_MAX)
        return -1;
    if (reserve(b, seg_len + 1))
        return -1;
    /* a leading byte keeps seg_off non-zero even for an empty value */
    b->bytes[b->nbytes] = 0;
    if (seg_len)
        memcpy(b->bytes + b->nbytes + 1, seg, seg_len);
    ndr_row *row = &b->rows[b->n - 1];
    row->seg_off = (uint32_t)b->nbytes + 1;
    row->seg_len = (uint32_t)seg_len;
    b->nbytes += seg_len + 1;
    return 0;
}
