/* checksum.c - the shards' input checksum: 8-byte little-endian words
 * multiplied into a 64-bit state, the tail and the length mixed in last.
 * The same bytes give the same digits on every platform. */
#include "checksum.h"

#include <stdio.h>
#include <string.h>

#define MULT UINT64_C(0x9E3779B97F4A7C15)

static uint64_t load_le(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * MULT;
    return h ^ (h >> 29);
}

void ndr_checksum_init(ndr_checksum *c)
{
    memset(c, 0, sizeof *c);
    c->h = UINT64_C(0x6A09E667F3BCC908);
}

void ndr_checksum_update(ndr_checksum *c, const void *data, size_t len)
{
    const unsigned char *p = data;
    c->len += len;
    while (len && c->ntail) {
        c->tail[c->ntail++] = *p++;
        len--;
        if (c->ntail == 8) {
            c->h = mix(c->h, load_le(c->tail));
            c->ntail = 0;
        }
    }
    for (; len >= 8; p += 8, len -= 8)
        c->h = mix(c->h, load_le(p));
    while (len--)
        c->tail[c->ntail++] = *p++;
}

void ndr_checksum_hex(const ndr_checksum *c, char out[17])
{
    unsigned char last[8] = {0};
    memcpy(last, c->tail, c->ntail);
    uint64_t h = mix(mix(c->h, load_le(last)), c->len);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
