/* join.c - invoices and the lines waiting for them (see join.h). */
#include "join.h"

#include <stdlib.h>
#include <string.h>

void ndr_join_init(ndr_join *j)
{
    memset(j, 0, sizeof *j);
    ndr_idmap_init(&j->ids);
    ndr_arena_init(&j->bytes);
}

void ndr_join_free(ndr_join *j)
{
    ndr_idmap_free(&j->ids);
    ndr_arena_free(&j->bytes);
    free(j->inv);
    free(j->pend);
    memset(j, 0, sizeof *j);
}

/* Makes room for one more of the *cap elements of size each at *arr, which
 * holds n: doubles the array when full. -1 when out of memory. */
static int grow(void **arr, size_t *cap, size_t n, size_t each)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 256;
    void *p = realloc(*arr, c * each);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = c;
    return 0;
}

/* The map key of an id: 'i' (invoice id) or 'x' (external id), then the
 * id; in buf when it fits, else in *heap (freed by the caller). NULL when
 * out of memory. */
static char *map_key(char *buf, size_t size, char **heap, int by_ext, const char *id,
                     size_t len)
{
    char *k = buf;
    *heap = NULL;
    if (len + 1 > size && (k = *heap = malloc(len + 1)) == NULL)
        return NULL;
    k[0] = by_ext ? 'x' : 'i';
    memcpy(k + 1, id, len);
    return k;
}

const ndr_invoice *ndr_join_find(const ndr_join *j, int by_ext, const char *id, size_t len)
{
    char buf[256], *heap;
    const char *k = map_key(buf, sizeof buf, &heap, by_ext, id, len);
    int64_t i =
        k ? ndr_idmap_find(&j->ids, k, len + 1, ndr_idmap_hash(&j->ids, k, len + 1)) : -1;
    free(heap);
    return i < 0 ? NULL : &j->inv[i];
}

/* Interns one key of an invoice and stores the invoice under it (the map
 * indexes keys, so an invoice with an id and an external id is kept
 * twice). */
static int put(ndr_join *j, int by_ext, const char *id, size_t len, const ndr_invoice *v)
{
    void *arr = j->inv;
    int full = grow(&arr, &j->inv_cap, j->ids.count, sizeof *j->inv);
    j->inv = arr;
    if (full)
        return -1;
    char buf[256], *heap;
    const char *k = map_key(buf, sizeof buf, &heap, by_ext, id, len);
    int added;
    int64_t i = k ? ndr_idmap_intern(&j->ids, k, len + 1, ndr_idmap_hash(&j->ids, k, len + 1),
                                     &added)
                  : -1;
    free(heap);
    if (i < 0)
        return -1;
    j->inv[i] = *v;
    j->ninv = j->ids.count;
    return 0;
}

int ndr_join_add_invoice(ndr_join *j, const char *id, size_t id_len, const char *ext,
                         size_t ext_len, const char *cust, size_t cust_len, uint32_t cur,
                         int is_void, int other_shard, uint32_t src, uint64_t line)
{
    const ndr_invoice *old = id_len ? ndr_join_find(j, 0, id, id_len) : NULL;
    if (old == NULL && ext_len)
        old = ndr_join_find(j, 1, ext, ext_len);
    if (old)
        return old->cust_len == cust_len && memcmp(old->cust, cust, cust_len) == 0 &&
                       old->cur == cur && old->is_void == (is_void != 0)
                   ? 1
                   : -2;
    const char *c = ndr_arena_strdup(&j->bytes, cust, cust_len);
    if (c == NULL)
        return -1;
    ndr_invoice v = {c, (uint32_t)cust_len, cur, src, line, (unsigned char)(is_void != 0),
                     (unsigned char)(other_shard != 0)};
    if (id_len && put(j, 0, id, id_len, &v))
        return -1;
    if (ext_len && put(j, 1, ext, ext_len, &v))
        return -1;
    return 0;
}

int ndr_join_defer(ndr_join *j, int by_ext, const char *inv, size_t inv_len, const char *sub,
                   size_t sub_len, const ndr_tl_rec *rec)
{
    void *arr = j->pend;
    int full = grow(&arr, &j->pend_cap, j->npend, sizeof *j->pend);
    j->pend = arr;
    if (full)
        return -1;
    const char *a = ndr_arena_strdup(&j->bytes, inv, inv_len);
    const char *b = a ? ndr_arena_strdup(&j->bytes, sub, sub_len) : NULL;
    if (b == NULL)
        return -1;
    ndr_pending *p = &j->pend[j->npend++];
    p->rec = *rec;
    p->inv = a;
    p->inv_len = (uint32_t)inv_len;
    p->sub = b;
    p->sub_len = (uint32_t)sub_len;
    p->by_ext = (unsigned char)(by_ext != 0);
    return 0;
}
