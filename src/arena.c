/* arena.c - append-only byte arena (see arena.h for why). */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (1u << 20)

struct ndr_arena_block {
    ndr_arena_block *next;
    char data[];
};

void ndr_arena_init(ndr_arena *a)
{
    a->head = NULL;
    a->used = a->cap = a->total = 0;
}

char *ndr_arena_strdup(ndr_arena *a, const void *bytes, size_t len)
{
    size_t need = len + 1;
    if (a->head == NULL || a->cap - a->used < need) {
        size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        ndr_arena_block *b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->cap = cap;
    }
    char *p = a->head->data + a->used;
    if (len)
        memcpy(p, bytes, len);
    p[len] = '\0';
    a->used += need;
    a->total += need;
    return p;
}

void ndr_arena_free(ndr_arena *a)
{
    ndr_arena_block *b = a->head;
    while (b) {
        ndr_arena_block *next = b->next;
        free(b);
        b = next;
    }
    ndr_arena_init(a);
}
