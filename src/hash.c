/* hash.c - SipHash-1-3 and its keys (see hash.h for why).
 *
 * SipHash by Jean-Philippe Aumasson and Daniel J. Bernstein; 1 compression
 * and 3 finalisation rounds, as Rust's and CPython's hash tables use it:
 * the ids hashed here are short, so the finalisation is most of the cost. */
#include "hash.h"

#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/random.h>
#endif

static uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

static uint64_t load_le(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    memcpy(&w, p, n);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* the n bytes were the high ones */
#endif
    return w;
}

#define SIPROUND                                                                                  \
    do {                                                                                          \
        v0 += v1;                                                                                 \
        v1 = rotl(v1, 13);                                                                        \
        v1 ^= v0;                                                                                 \
        v0 = rotl(v0, 32);                                                                        \
        v2 += v3;                                                                                 \
        v3 = rotl(v3, 16);                                                                        \
        v3 ^= v2;                                                                                 \
        v0 += v3;                                                                                 \
        v3 = rotl(v3, 21);                                                                        \
        v3 ^= v0;                                                                                 \
        v2 += v1;                                                                                 \
        v1 = rotl(v1, 17);                                                                        \
        v1 ^= v2;                                                                                 \
        v2 = rotl(v2, 32);                                                                        \
    } while (0)

uint64_t ndr_hash(const ndr_hash_key *key, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t v0 = key->k0 ^ UINT64_C(0x736f6d6570736575);
    uint64_t v1 = key->k1 ^ UINT64_C(0x646f72616e646f6d);
    uint64_t v2 = key->k0 ^ UINT64_C(0x6c7967656e657261);
    uint64_t v3 = key->k1 ^ UINT64_C(0x7465646279746573);
    uint64_t last = (uint64_t)len << 56;
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t m = load_le(p, 8);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    last |= load_le(p, len);
    v3 ^= last;
    SIPROUND;
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

void ndr_hash_key_weak(ndr_hash_key *key)
{
    /* everything at hand that an input cannot know, hashed together */
    struct timespec rt = {0, 0}, mt = {0, 0};
    clock_gettime(CLOCK_REALTIME, &rt);
    clock_gettime(CLOCK_MONOTONIC, &mt);
    uint64_t parts[6] = {(uint64_t)rt.tv_sec, (uint64_t)rt.tv_nsec, (uint64_t)mt.tv_nsec,
                         (uint64_t)getpid(), (uint64_t)(uintptr_t)key,
                         (uint64_t)(uintptr_t)&rt};
    ndr_hash_key fixed = {UINT64_C(0x6e64722068617368), (uint64_t)mt.tv_sec};
    key->k0 = ndr_hash(&fixed, parts, sizeof parts);
    fixed.k1 = key->k0;
    key->k1 = ndr_hash(&fixed, parts, sizeof parts);
}

void ndr_hash_key_new(ndr_hash_key *key)
{
#ifdef __linux__
    unsigned char b[16];
    /* GRND_NONBLOCK: early in boot, a weaker key beats waiting */
    if (getrandom(b, sizeof b, GRND_NONBLOCK) == (ssize_t)sizeof b) {
        key->k0 = load_le(b, 8);
        key->k1 = load_le(b + 8, 8);
        return;
    }
#endif
    ndr_hash_key_weak(key);
}
