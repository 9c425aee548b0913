/* idmap.h - interns byte-string ids into dense indices 0, 1, 2, ...
 *
 * An open-addressing hash table built for the reader's hot path, where
 * every input row looks up an id: a slot is one 64-bit word (32-bit hash
 * tag, index + 1), probing is linear, the load stays at or below 1/2, and
 * growing rehashes from the tags without touching the keys. Keys are copied
 * once into an arena. About 30 bytes per id plus the id itself, against 70+
 * for a uthash entry, and usually one cache miss per lookup instead of a
 * chain walk (see docs/performance.md).
 *
 * Linear probing is only as good as the hash is random: ids that share a
 * slot make one chain, and n of them cost n^2 probes. So each table hashes
 * under its own secret key (hash.h), drawn by ndr_idmap_init, and a hash is
 * valid only for the table it was computed for. */
#ifndef NDR_IDMAP_H
#define NDR_IDMAP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "hash.h"

typedef struct ndr_idmap {
    uint64_t *slots;    /* 0 = empty, else (tag << 32) | (index + 1) */
    size_t mask;        /* number of slots - 1 (a power of two) */
    const char **keys;  /* by index: the key bytes (NUL-terminated copy) */
    uint32_t *lens;     /* by index: key length */
    uint32_t count;     /* ids interned */
    uint32_t cap;       /* capacity of keys/lens */
    uint64_t probes;    /* slots read by ndr_idmap_intern, so that a test can
                         * tell linear interning from quadratic without timing */
    ndr_hash_key key;   /* this table's hash key (random, kept by free) */
    ndr_arena arena;
} ndr_idmap;

/* An empty table with a fresh key. */
void ndr_idmap_init(ndr_idmap *m);
/* Frees everything; m is then an empty table with the same key. */
void ndr_idmap_free(ndr_idmap *m);

/* 64-bit hash of len bytes under m's key, for the calls below on m only
 * (computed ahead, it lets a caller prefetch: dataset.c). */
static inline uint64_t ndr_idmap_hash(const ndr_idmap *m, const void *key, size_t len)
{
    return ndr_hash(&m->key, key, len);
}

/* Index of key, or -1 when absent. */
int64_t ndr_idmap_find(const ndr_idmap *m, const void *key, size_t len, uint64_t hash);

/* Index of key, adding it (as index count) when absent; *added tells which.
 * Returns -1 when out of memory or when 2^32 - 1 ids are interned. */
int64_t ndr_idmap_intern(ndr_idmap *m, const void *key, size_t len, uint64_t hash, int *added);

/* Gives id i the index new_index[i] (a permutation of 0..count-1).
 * Returns -1 when out of memory (the map is then unchanged). */
int ndr_idmap_renumber(ndr_idmap *m, const uint32_t *new_index);

/* Hints that key with this hash will be looked up soon. */
static inline void ndr_idmap_prefetch(const ndr_idmap *m, uint64_t hash)
{
    if (m->slots)
        __builtin_prefetch(&m->slots[(uint32_t)(hash >> 32) & m->mask]);
}

/* The index in the first slot whose tag matches hash, or -1: a guess to
 * prefetch by, not an answer. */
static inline int64_t ndr_idmap_peek(const ndr_idmap *m, uint64_t hash)
{
    if (m->slots == NULL)
        return -1;
    uint64_t s = m->slots[(uint32_t)(hash >> 32) & m->mask];
    return s && (uint32_t)(s >> 32) == (uint32_t)(hash >> 32) ? (int64_t)(uint32_t)s - 1 : -1;
}

/* Hints that entry idx's key address, then its bytes, will be read soon. */
static inline void ndr_idmap_prefetch_entry(const ndr_idmap *m, uint32_t idx)
{
    __builtin_prefetch(&m->keys[idx]);
    __builtin_prefetch(&m->lens[idx]);
}

static inline void ndr_idmap_prefetch_key(const ndr_idmap *m, uint32_t idx)
{
    __builtin_prefetch(m->keys[idx]);
}

static inline const char *ndr_idmap_key(const ndr_idmap *m, uint32_t idx, size_t *len)
{
    if (len)
        *len = m->lens[idx];
    return m->keys[idx];
}

#endif
