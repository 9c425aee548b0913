/* sha256.c - SHA-256 (FIPS 180-4) of the input files, for the provenance
 * fingerprint that lets a figure be reproduced later; written here because
 * the project takes no crypto dependency.
 *
 * Plain portable C: message words are assembled from bytes (no unaligned
 * loads, no endianness assumptions), and whole 64-byte blocks are compressed
 * straight from the caller's buffer without copying. */
#include "sha256.h"

#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) (((x) & ((y) ^ (z))) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

static uint32_t load_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void store_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* One round; the working variables rotate by renaming, not by copying. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                                      \
    do {                                                                                      \
        uint32_t t1_ = (h) + BSIG1(e) + CH(e, f, g) + K[i] + w[(i) & 15];                     \
        (d) += t1_;                                                                           \
        (h) = t1_ + BSIG0(a) + MAJ(a, b, c);                                                  \
    } while (0)

/* Message schedule over a 16-word ring: w[i & 15] becomes W[i] for i >= 16. */
#define SCHED(i)                                                                              \
    (w[(i) & 15] += SSIG1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + SSIG0(w[((i) - 15) & 15]))

#define EIGHT(i, step)                                                                        \
    do {                                                                                      \
        step(i + 0);                                                                          \
        ROUND(a, b, c, d, e, f, g, h, i + 0);                                                 \
        step(i + 1);                                                                          \
        ROUND(h, a, b, c, d, e, f, g, i + 1);                                                 \
        step(i + 2);                                                                          \
        ROUND(g, h, a, b, c, d, e, f, i + 2);                                                 \
        step(i + 3);                                                                          \
        ROUND(f, g, h, a, b, c, d, e, i + 3);                                                 \
        step(i + 4);                                                                          \
        ROUND(e, f, g, h, a, b, c, d, i + 4);                                                 \
        step(i + 5);                                                                          \
        ROUND(d, e, f, g, h, a, b, c, i + 5);                                                 \
        step(i + 6);                                                                          \
        ROUND(c, d, e, f, g, h, a, b, i + 6);                                                 \
        step(i + 7);                                                                          \
        ROUND(b, c, d, e, f, g, h, a, i + 7);                                                 \
    } while (0)

#define LOAD(i) (w[i] = load_be32(p + 4 * (i)))

/* Compresses nblocks consecutive 64-byte blocks at p into st. */
static void compress(uint32_t st[8], const unsigned char *p, size_t nblocks)
{
    uint32_t w[16];
    while (nblocks--) {
        uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
        uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
        EIGHT(0, LOAD);
        EIGHT(8, LOAD);
        for (int i = 16; i < 64; i += 16) {
            EIGHT(i, SCHED);
            EIGHT(i + 8, SCHED);
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
        p += 64;
    }
}

void ndr_sha256_init(ndr_sha256 *s)
{
    static const uint32_t iv[8] = {
        0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
        0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
    };
    memcpy(s->h, iv, sizeof iv);
    s->len = 0;
    memset(s->buf, 0, sizeof s->buf);
    s->nbuf = 0;
}

void ndr_sha256_update(ndr_sha256 *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len == 0)
        return;
    s->len += (uint64_t)len;
    if (s->nbuf > 0) {
        size_t take = 64 - s->nbuf;
        if (take > len)
            take = len;
        memcpy(s->buf + s->nbuf, p, take);
        s->nbuf += take;
        p += take;
        len -= take;
        if (s->nbuf < 64)
            return;
        compress(s->h, s->buf, 1);
        s->nbuf = 0;
    }
    if (len >= 64) {
        size_t n = len / 64;
        compress(s->h, p, n);
        p += n * 64;
        len -= n * 64;
    }
    if (len > 0) {
        memcpy(s->buf, p, len);
        s->nbuf = len;
    }
}

void ndr_sha256_final(ndr_sha256 *s, unsigned char digest[32])
{
    uint64_t bits = s->len * 8;
    size_t n = s->nbuf;
    s->buf[n++] = 0x80;
    if (n > 56) {
        memset(s->buf + n, 0, 64 - n);
        compress(s->h, s->buf, 1);
        n = 0;
    }
    memset(s->buf + n, 0, 56 - n);
    store_be32(s->buf + 56, (uint32_t)(bits >> 32));
    store_be32(s->buf + 60, (uint32_t)bits);
    compress(s->h, s->buf, 1);
    for (int i = 0; i < 8; i++)
        store_be32(digest + 4 * i, s->h[i]);
    memset(s->buf, 0, sizeof s->buf);
    s->nbuf = 0;
}

void ndr_sha256_hex(ndr_sha256 *s, char out[65])
{
    static const char hexd[] = "0123456789abcdef";
    unsigned char d[32];
    ndr_sha256_final(s, d);
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hexd[d[i] >> 4];
        out[2 * i + 1] = hexd[d[i] & 15];
    }
    out[64] = '\0';
}
