/* test_sha256.c - the SHA-256 used for provenance fingerprints: the FIPS
 * 180-4 / NIST example digests, padding at the block-boundary lengths, and
 * the same digest however the input is split across updates. */
#include "testutil.h"

#include <string.h>

#include "sha256.h"

static void hex_of(const void *data, size_t len, char out[65])
{
    ndr_sha256 s;
    ndr_sha256_init(&s);
    ndr_sha256_update(&s, data, len);
    ndr_sha256_hex(&s, out);
}

static void assert_sha(const char *msg, const char *want)
{
    char got[65];
    hex_of(msg, strlen(msg), got);
    assert_string_equal(got, want);
}

static void test_sha256_nist_vectors(void **state)
{
    (void)state;
    assert_sha("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_sha("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256_empty_update_and_null(void **state)
{
    (void)state;
    ndr_sha256 s;
    char got[65];
    ndr_sha256_init(&s);
    ndr_sha256_update(&s, NULL, 0);
    ndr_sha256_update(&s, "abc", 0);
    ndr_sha256_hex(&s, got);
    assert_string_equal(got, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_million_a(void **state)
{
    (void)state;
    static const char *const want =
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    static unsigned char a[1000000];
    char got[65];
    memset(a, 'a', sizeof a);
    hex_of(a, sizeof a, got);
    assert_string_equal(got, want);

    /* Also fed in 1000 updates of 1000 bytes (not a multiple of 64). */
    ndr_sha256 s;
    ndr_sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        ndr_sha256_update(&s, a, 1000);
    ndr_sha256_hex(&s, got);
    assert_string_equal(got, want);
}

static void test_sha256_binary_digest_matches_hex(void **state)
{
    (void)state;
    static const unsigned char want[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
        0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
        0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    };
    ndr_sha256 s;
    unsigned char d[32];
    ndr_sha256_init(&s);
    ndr_sha256_update(&s, "abc", 3);
    ndr_sha256_final(&s, d);
    assert_memory_equal(d, want, sizeof want);
}

/* Messages of n bytes 'a' + i % 26 ("abc...zabc..."), around the lengths
 * where the padding (0x80 + zeros + 8-byte length) changes shape: 55 fits in
 * one block, 56..63 need a second one, 64/65 cross a full block. Expected
 * values were obtained with GNU coreutils sha256sum, e.g. for n = 55:
 *   python3 -c "import sys; sys.stdout.write(''.join(chr(97+i%26) \
 *       for i in range(55)))" | sha256sum                                   */
static void test_sha256_block_boundaries(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        const char *hex;
    } cases[] = {
        {55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005"},
        {56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51"},
        {57, "808f0738aa4401bdee842e5a15a7baad5809f976d8eb6f9bd2683cebd2e8d671"},
        {63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c"},
        {64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e"},
        {65, "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d"},
        {119, "faef67da856d6fd9c8d12f9ed0a4fefd3cf0ce085ab43e2907418d457e3c354b"},
        {120, "c9512b08619c19fbb503c7da6b46ef20301e5f7a7a5f43989182398536f5c5c8"},
        {128, "6c05be2c4268843ae47e68e611277ce62c02153f2f4d2e1e2a1a4b44f766cf74"},
    };
    unsigned char msg[128];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)('a' + i % 26);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char got[65];
        hex_of(msg, cases[c].n, got);
        assert_string_equal(got, cases[c].hex);
        /* The same message one byte at a time. */
        ndr_sha256 s;
        ndr_sha256_init(&s);
        for (size_t i = 0; i < cases[c].n; i++)
            ndr_sha256_update(&s, msg + i, 1);
        ndr_sha256_hex(&s, got);
        assert_string_equal(got, cases[c].hex);
    }
}

/* Deterministic xorshift so a failing split can be reproduced. */
static uint32_t next_rand(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

static void hash_in_chunks(const unsigned char *p, size_t len, size_t chunk, char out[65])
{
    ndr_sha256 s;
    ndr_sha256_init(&s);
    while (len > 0) {
        size_t k = chunk < len ? chunk : len;
        ndr_sha256_update(&s, p, k);
        p += k;
        len -= k;
    }
    ndr_sha256_hex(&s, out);
}

static void test_sha256_every_split_agrees(void **state)
{
    (void)state;
    enum { LEN = 4099 };
    static unsigned char data[LEN + 1];
    uint32_t x = 0x9e3779b9u;
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)next_rand(&x);

    /* Lengths around block boundaries, each from an even and an odd start
     * address, so blocks compressed straight from the caller's buffer are
     * read at more than one alignment. */
    static const size_t lens[] = {0, 1, 63, 64, 65, 127, 128, 129, 1000, 4096, LEN};
    static const size_t chunks[] = {1, 2, 3, 7, 31, 32, 55, 56, 57, 63, 64, 65, 100, 128, 1000};
    for (size_t off = 0; off < 2; off++) {
        for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
            const unsigned char *p = data + off;
            size_t len = lens[l];
            char whole[65], got[65];
            hex_of(p, len, whole);
            for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
                hash_in_chunks(p, len, chunks[c], got);
                assert_string_equal(got, whole);
            }
            /* Random splits, including empty updates. */
            for (int trial = 0; trial < 50; trial++) {
                ndr_sha256 s;
                size_t done = 0;
                ndr_sha256_init(&s);
                while (done < len) {
                    size_t k = next_rand(&x) % 150;
                    if (k > len - done)
                        k = len - done;
                    ndr_sha256_update(&s, p + done, k);
                    done += k;
                }
                ndr_sha256_hex(&s, got);
                assert_string_equal(got, whole);
            }
        }
    }
}

static void test_sha256_reinit_reuses_state(void **state)
{
    (void)state;
    ndr_sha256 s;
    char got[65];
    ndr_sha256_init(&s);
    const char *other = "some other data, long enough to leave a partial block behind: "
                        "0123456789abcdefghijklmnopqrstuvwxyz";
    ndr_sha256_update(&s, other, strlen(other));
    ndr_sha256_hex(&s, got);
    ndr_sha256_init(&s);
    ndr_sha256_update(&s, "abc", 3);
    ndr_sha256_hex(&s, got);
    assert_string_equal(got, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_nist_vectors),
        cmocka_unit_test(test_sha256_empty_update_and_null),
        cmocka_unit_test(test_sha256_million_a),
        cmocka_unit_test(test_sha256_binary_digest_matches_hex),
        cmocka_unit_test(test_sha256_block_boundaries),
        cmocka_unit_test(test_sha256_every_split_agrees),
        cmocka_unit_test(test_sha256_reinit_reuses_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
