/* arena.h - an append-only byte arena for interned ids.
 *
 * Ids (customer, subscription) are copied here once, so the hash tables
 * hold pointers instead of one malloc per string. Memory is released only
 * all at once by ndr_arena_free. Pointers stay valid until then. */
#ifndef NDR_ARENA_H
#define NDR_ARENA_H

#include <stddef.h>

typedef struct ndr_arena_block ndr_arena_block;

typedef struct ndr_arena {
    ndr_arena_block *head; /* newest block first */
    size_t used;           /* bytes used in head */
    size_t cap;            /* bytes available in head */
    size_t total;          /* bytes handed out, for statistics */
} ndr_arena;

void ndr_arena_init(ndr_arena *a);
/* Copies len bytes and a NUL; returns the copy or NULL when out of memory. */
char *ndr_arena_strdup(ndr_arena *a, const void *bytes, size_t len);
void ndr_arena_free(ndr_arena *a);

#endif
