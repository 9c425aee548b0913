/* test_idmap.c - id interning: every id gets its own dense index, and ids
 * crafted against the hash cannot make interning quadratic (issue #16). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idmap.h"

/* ---- the attacker's model ------------------------------------------------
 * ndr_idmap_hash as it was before issue #16: unkeyed, and every step of it
 * invertible, so anyone can compute ids with any hash they like. Kept here
 * to build the ids the issue describes; the table must not care. */

#define OLD_STEP UINT64_C(0x87c37b91114253d5)
#define OLD_M1 UINT64_C(0xff51afd7ed558ccd)
#define OLD_M2 UINT64_C(0xc4ceb9fe1a85ec53)

static uint64_t old_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= OLD_M1;
    h ^= h >> 33;
    h *= OLD_M2;
    h ^= h >> 33;
    return h;
}

static uint64_t old_start(size_t len)
{
    return UINT64_C(0x9e3779b97f4a7c15) ^ (len * UINT64_C(0x100000001b3));
}

/* one 8-byte word's step of the old hash: h = (h ^ w) * C; h ^= h >> 31 */
static uint64_t old_step(uint64_t h, uint64_t w)
{
    h = (h ^ w) * OLD_STEP;
    return h ^ (h >> 31);
}

static uint64_t old_hash(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = old_start(len);
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = old_step(h, w);
    }
    uint64_t w = 0;
    memcpy(&w, p, len);
    return old_mix(h ^ w);
}

/* The inverse of odd c modulo 2^64 (Newton: each step doubles the bits). */
static uint64_t mul_inverse(uint64_t c)
{
    uint64_t x = c;
    for (int i = 0; i < 6; i++)
        x *= 2 - c * x;
    return x;
}

static uint64_t unxorshift(uint64_t h, int s)
{
    uint64_t x = h;
    for (int k = s; k < 64; k += s)
        x = h ^ (x >> s);
    return x;
}

static uint64_t old_unmix(uint64_t h)
{
    h = unxorshift(h, 33);
    h *= mul_inverse(OLD_M2);
    h = unxorshift(h, 33);
    h *= mul_inverse(OLD_M1);
    return unxorshift(h, 33);
}

/* 16-byte id number i whose old hash is (tag << 32) | i: eight bytes of
 * name, then the eight that the inverted hash asks for. */
#define CRAFTED_LEN 16
static void craft(unsigned char *id, uint32_t i, uint32_t tag)
{
    char name[9];
    snprintf(name, sizeof name, "c%07u", (unsigned)i);
    memcpy(id, name, 8);
    uint64_t w1, after1, want = ((uint64_t)tag << 32) | i;
    memcpy(&w1, id, 8);
    after1 = old_step(old_start(CRAFTED_LEN), w1);
    /* mix(step(after1, w2)) = want  <=>  (after1 ^ w2) * C = unxorshift(unmix(want)) */
    uint64_t w2 = after1 ^ (unxorshift(old_unmix(want), 31) * mul_inverse(OLD_STEP));
    memcpy(id + 8, &w2, 8);
}

/* ---- tests ---------------------------------------------------------------- */

static void test_idmap_interns_dense_indices(void **state)
{
    (void)state;
    ndr_idmap m;
    ndr_idmap_init(&m);
    int added;
    assert_int_equal(ndr_idmap_find(&m, "a", 1, ndr_idmap_hash(&m, "a", 1)), -1);
    assert_int_equal(ndr_idmap_intern(&m, "a", 1, ndr_idmap_hash(&m, "a", 1), &added), 0);
    assert_int_equal(added, 1);
    assert_int_equal(ndr_idmap_intern(&m, "ab", 2, ndr_idmap_hash(&m, "ab", 2), &added), 1);
    assert_int_equal(added, 1);
    assert_int_equal(ndr_idmap_intern(&m, "", 0, ndr_idmap_hash(&m, "", 0), &added), 2);
    assert_int_equal(added, 1);
    assert_int_equal(ndr_idmap_intern(&m, "a", 1, ndr_idmap_hash(&m, "a", 1), &added), 0);
    assert_int_equal(added, 0);
    assert_int_equal(ndr_idmap_find(&m, "ab", 2, ndr_idmap_hash(&m, "ab", 2)), 1);
    assert_int_equal(m.count, 3);
    size_t len;
    assert_string_equal(ndr_idmap_key(&m, 1, &len), "ab");
    assert_int_equal(len, 2);
    ndr_idmap_free(&m);
}

/* Enough ids to grow the table several times, then renumbered: every id
 * keeps its key under its new index. */
static void test_idmap_grows_and_renumbers(void **state)
{
    (void)state;
    enum { N = 5000 };
    ndr_idmap m;
    ndr_idmap_init(&m);
    char k[16];
    int added;
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(k, sizeof k, "cus_%u", (unsigned)i);
        uint64_t h = ndr_idmap_hash(&m, k, (size_t)n);
        assert_int_equal(ndr_idmap_intern(&m, k, (size_t)n, h, &added), i);
    }
    uint32_t *rev = malloc(N * sizeof *rev);
    assert_non_null(rev);
    for (uint32_t i = 0; i < N; i++)
        rev[i] = N - 1 - i;
    assert_int_equal(ndr_idmap_renumber(&m, rev), 0);
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(k, sizeof k, "cus_%u", (unsigned)i);
        assert_int_equal(ndr_idmap_find(&m, k, (size_t)n, ndr_idmap_hash(&m, k, (size_t)n)),
                         N - 1 - i);
        assert_string_equal(ndr_idmap_key(&m, N - 1 - i, NULL), k);
    }
    free(rev);
    ndr_idmap_free(&m);
}

/* Issue #16: 20,000 distinct ids that all share one 32-bit tag under the
 * old hash put every id in one probe chain there: about n^2 slot reads
 * (0.78 s instead of 0.01 s). Counted, not timed: with a keyed hash the
 * same ids cost a few slots each, as random ids do (at load <= 1/2, about
 * 2.5 reads per new id: the search, then the walk to the free slot). */
static void test_idmap_crafted_ids_stay_linear(void **state)
{
    (void)state;
    enum { N = 20000 };
    const uint32_t tag = 0x5eed0001;
    unsigned char(*ids)[CRAFTED_LEN] = malloc(N * sizeof *ids);
    assert_non_null(ids);
    for (uint32_t i = 0; i < N; i++) {
        craft(ids[i], i, tag);
        /* the construction works: one tag under the old hash, for all */
        assert_int_equal(old_hash(ids[i], CRAFTED_LEN), ((uint64_t)tag << 32) | i);
    }
    ndr_idmap m;
    ndr_idmap_init(&m);
    int added;
    for (uint32_t i = 0; i < N; i++) {
        uint64_t h = ndr_idmap_hash(&m, ids[i], CRAFTED_LEN);
        assert_int_equal(ndr_idmap_intern(&m, ids[i], CRAFTED_LEN, h, &added), i);
        assert_int_equal(added, 1);
    }
    assert_int_equal(m.count, N);
    printf("crafted ids: %llu slot reads for %d ids\n", (unsigned long long)m.probes, N);
    assert_true(m.probes < 4 * (uint64_t)N);
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(
            ndr_idmap_find(&m, ids[i], CRAFTED_LEN, ndr_idmap_hash(&m, ids[i], CRAFTED_LEN)), i);
    ndr_idmap_free(&m);
    free(ids);
}

/* Each table hashes under its own key, kept when it is emptied: a hash is
 * stable for its table, and another table's is another number (equal only
 * by a 2^-64 chance), so nobody can compute ids that collide in both. */
static void test_idmap_tables_key_their_hashes(void **state)
{
    (void)state;
    ndr_idmap a, b;
    ndr_idmap_init(&a);
    ndr_idmap_init(&b);
    uint64_t h = ndr_idmap_hash(&a, "cus_1", 5);
    assert_int_equal(ndr_idmap_hash(&a, "cus_1", 5), h);
    assert_true(ndr_idmap_hash(&b, "cus_1", 5) != h);
    int added;
    assert_int_equal(ndr_idmap_intern(&a, "cus_1", 5, h, &added), 0);
    ndr_idmap_free(&a);
    assert_int_equal(a.count, 0);
    assert_int_equal(ndr_idmap_hash(&a, "cus_1", 5), h);
    assert_int_equal(ndr_idmap_find(&a, "cus_1", 5, h), -1);
    ndr_idmap_free(&a);
    ndr_idmap_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idmap_interns_dense_indices),
        cmocka_unit_test(test_idmap_grows_and_renumbers),
        cmocka_unit_test(test_idmap_crafted_ids_stay_linear),
        cmocka_unit_test(test_idmap_tables_key_their_hashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
