/* test_hash.c - the keyed hash of the id tables: SipHash-1-3 exactly (the
 * reference's values), and keys that differ between tables. */
#include "testutil.h"

#include <string.h>

#include "hash.h"

/* SipHash-1-3 under the all-zero key of the bytes 0, 1, ..., len - 1, as
 * computed by the reference implementation (github.com/veorq/SipHash):
 * every tail length, and both sides of the block edges. */
static const struct {
    size_t len;
    uint64_t want;
} vectors[] = {
    {0, UINT64_C(0xd1fba762150c532c)},  {1, UINT64_C(0x68a914128e01e473)},
    {2, UINT64_C(0x010bac45c41e3669)},  {3, UINT64_C(0x4d4c9a4a8ef6e0ad)},
    {4, UINT64_C(0x7cc43f98813e4dbd)},  {5, UINT64_C(0x5abe2169dff36275)},
    {6, UINT64_C(0xe3c25f87624f1cdb)},  {7, UINT64_C(0x2f098ab0c751325a)},
    {8, UINT64_C(0xead411e67ebe2eea)},  {9, UINT64_C(0x75927f9d95124362)},
    {15, UINT64_C(0xf30eb725bb91c9ea)}, {16, UINT64_C(0x8972188433a5c5b7)},
    {17, UINT64_C(0x4883c49a2c009c1d)}, {20, UINT64_C(0x639e355ae68c0100)},
};

static void test_hash_siphash13_reference_values(void **state)
{
    (void)state;
    unsigned char msg[32];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)i;
    const ndr_hash_key zero = {0, 0};
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
        assert_int_equal(ndr_hash(&zero, msg, vectors[i].len), vectors[i].want);
}

/* The key changes every hash; the same key gives the same hash. */
static void test_hash_depends_on_key(void **state)
{
    (void)state;
    const ndr_hash_key a = {1, 2}, b = {1, 3}, c = {2, 2};
    uint64_t h = ndr_hash(&a, "cus_123", 7);
    assert_int_equal(ndr_hash(&a, "cus_123", 7), h);
    assert_true(ndr_hash(&b, "cus_123", 7) != h);
    assert_true(ndr_hash(&c, "cus_123", 7) != h);
    assert_true(ndr_hash(&a, "cus_124", 7) != h);
    assert_true(ndr_hash(&a, "cus_123\0", 8) != h); /* the length counts */
}

/* Fresh keys differ (two equal 128-bit random keys: 2^-128), and so do the
 * fallback's for two key objects (their addresses are in it). */
static void test_hash_keys_differ(void **state)
{
    (void)state;
    ndr_hash_key k[2], w[2];
    ndr_hash_key_new(&k[0]);
    ndr_hash_key_new(&k[1]);
    assert_true(k[0].k0 != k[1].k0 || k[0].k1 != k[1].k1);
    ndr_hash_key_weak(&w[0]);
    ndr_hash_key_weak(&w[1]);
    assert_true(w[0].k0 != w[1].k0 || w[0].k1 != w[1].k1);
    assert_true(w[0].k0 != w[0].k1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_siphash13_reference_values),
        cmocka_unit_test(test_hash_depends_on_key),
        cmocka_unit_test(test_hash_keys_differ),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
