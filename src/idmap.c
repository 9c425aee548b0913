/* idmap.c - open-addressing id interning (see idmap.h for why). */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

/* An empty table keeping m's key. */
static void reset(ndr_idmap *m)
{
    ndr_hash_key key = m->key;
    memset(m, 0, sizeof *m);
    m->key = key;
    ndr_arena_init(&m->arena);
}

void ndr_idmap_init(ndr_idmap *m)
{
    ndr_hash_key_new(&m->key);
    reset(m);
}

void ndr_idmap_free(ndr_idmap *m)
{
    free(m->slots);
    free(m->keys);
    free(m->lens);
    ndr_arena_free(&m->arena);
    reset(m);
}

static uint32_t tag_of(uint64_t hash)
{
    return (uint32_t)(hash >> 32);
}

/* find, adding the slots read to *probes. */
static int64_t probe(const ndr_idmap *m, const void *key, size_t len, uint64_t hash,
                     uint64_t *probes)
{
    if (m->slots == NULL)
        return -1;
    uint32_t tag = tag_of(hash);
    for (size_t i = tag & m->mask;; i = (i + 1) & m->mask) {
        uint64_t s = m->slots[i];
        ++*probes;
        if (s == 0)
            return -1;
        if ((uint32_t)(s >> 32) == tag) {
            uint32_t idx = (uint32_t)s - 1;
            if (m->lens[idx] == len && memcmp(m->keys[idx], key, len) == 0)
                return idx;
        }
    }
}

int64_t ndr_idmap_find(const ndr_idmap *m, const void *key, size_t len, uint64_t hash)
{
    uint64_t probes = 0;
    return probe(m, key, len, hash, &probes);
}

static int grow_slots(ndr_idmap *m)
{
    size_t n = m->slots ? (m->mask + 1) * 2 : 1024;
    uint64_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return -1;
    if (m->slots) {
        for (size_t i = 0; i <= m->mask; i++) {
            uint64_t s = m->slots[i];
            if (s == 0)
                continue;
            size_t j = (uint32_t)(s >> 32) & (n - 1);
            while (slots[j])
                j = (j + 1) & (n - 1);
            slots[j] = s;
        }
        free(m->slots);
    }
    m->slots = slots;
    m->mask = n - 1;
    return 0;
}

static int grow_keys(ndr_idmap *m)
{
    uint32_t cap = m->cap ? m->cap * 2 : 1024;
    if (cap < m->cap)
        return -1;
    const char **keys = realloc(m->keys, cap * sizeof *keys);
    if (keys == NULL)
        return -1;
    m->keys = keys;
    uint32_t *lens = realloc(m->lens, cap * sizeof *lens);
    if (lens == NULL)
        return -1;
    m->lens = lens;
    m->cap = cap;
    return 0;
}

int64_t ndr_idmap_intern(ndr_idmap *m, const void *key, size_t len, uint64_t hash, int *added)
{
    *added = 0;
    int64_t found = probe(m, key, len, hash, &m->probes);
    if (found >= 0)
        return found;
    if (m->count == UINT32_MAX - 1 || len > UINT32_MAX)
        return -1;
    if ((m->slots == NULL || (size_t)m->count + 1 > (m->mask + 1) / 2) && grow_slots(m))
        return -1;
    if (m->count == m->cap && grow_keys(m))
        return -1;
    char *copy = ndr_arena_strdup(&m->arena, key, len);
    if (copy == NULL)
        return -1;
    uint32_t idx = m->count++;
    m->keys[idx] = copy;
    m->lens[idx] = (uint32_t)len;
    uint32_t tag = tag_of(hash);
    size_t i = tag & m->mask;
    while (m->slots[i]) {
        i = (i + 1) & m->mask;
        m->probes++;
    }
    m->slots[i] = ((uint64_t)tag << 32) | ((uint64_t)idx + 1);
    *added = 1;
    return idx;
}

int ndr_idmap_renumber(ndr_idmap *m, const uint32_t *new_index)
{
    const char **keys = malloc((size_t)m->cap * sizeof *keys);
    uint32_t *lens = malloc((size_t)m->cap * sizeof *lens);
    if ((keys == NULL || lens == NULL) && m->count) {
        free(keys);
        free(lens);
        return -1;
    }
    for (uint32_t i = 0; i < m->count; i++) {
        keys[new_index[i]] = m->keys[i];
        lens[new_index[i]] = m->lens[i];
    }
    free(m->keys);
    free(m->lens);
    m->keys = keys;
    m->lens = lens;
    for (size_t i = 0; m->slots && i <= m->mask; i++) {
        uint64_t s = m->slots[i];
        if (s)
            m->slots[i] = (s & ~(uint64_t)UINT32_MAX) | ((uint64_t)new_index[(uint32_t)s - 1] + 1);
    }
    return 0;
}
