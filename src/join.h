/* join.h - invoice lines that name only their invoice (the line-item tables
 * of Stripe and ChartMogul warehouse syncs), joined to the invoice tables
 * read, which name each invoice's customer and currency.
 *
 * A line whose invoice is already known is added to the timeline at once;
 * the others wait until every input is read (the files may come in any
 * order) and ndr_join_resolve adds them, or reports those whose invoice is
 * in no input. With --shard, every shard keeps every invoice (an invoice
 * row counts in its customer's shard only), so that it can tell a line of
 * another shard's customer from one whose invoice is missing. */
#ifndef NDR_JOIN_H
#define NDR_JOIN_H

#include "arena.h"
#include "idmap.h"
#include "ndr.h"
#include "timeline.h"

typedef struct ndr_invoice {
    const char *cust; /* in the join's arena */
    uint32_t cust_len;
    uint32_t cur;     /* packed currency, 0 = none */
    uint32_t src;     /* where it was read */
    uint64_t line;
    unsigned char is_void, other_shard;
} ndr_invoice;

typedef struct ndr_pending {
    ndr_tl_rec rec;
    const char *inv, *sub; /* in the join's arena */
    uint32_t inv_len, sub_len;
    unsigned char by_ext;  /* inv is the invoice's external id */
} ndr_pending;

typedef struct ndr_join {
    ndr_idmap ids;     /* 'i' or 'x' + invoice id or external id -> invoice */
    ndr_invoice *inv;
    size_t ninv, inv_cap;
    ndr_pending *pend;
    size_t npend, pend_cap;
    ndr_arena bytes;
} ndr_join;

void ndr_join_init(ndr_join *j);
void ndr_join_free(ndr_join *j);

/* An invoice (its id and/or external id; a NULL or empty one is left out)
 * names customer cust in currency cur. Returns 0; 1 when the invoice was
 * already there with the same customer and currency (a repeated export);
 * -2 when it was there with others; -1 when out of memory. */
int ndr_join_add_invoice(ndr_join *j, const char *id, size_t id_len, const char *ext,
                         size_t ext_len, const char *cust, size_t cust_len, uint32_t cur,
                         int is_void, int other_shard, uint32_t src, uint64_t line);

/* The invoice of id (by_ext: external id), or NULL. */
const ndr_invoice *ndr_join_find(const ndr_join *j, int by_ext, const char *id, size_t len);

/* Keeps a line whose invoice is not known yet (its record, the invoice id
 * and the subscription part of its key). -1 when out of memory. */
int ndr_join_defer(ndr_join *j, int by_ext, const char *inv, size_t inv_len, const char *sub,
                   size_t sub_len, const ndr_tl_rec *rec);

#endif
