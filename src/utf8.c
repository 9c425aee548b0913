/* utf8.c - UTF-8 validation for ids, the byte order mark, and text quoted
 * for messages (see utf8.h). */
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

size_t ndr_utf8_seq(const unsigned char *p, size_t left)
{
    unsigned c = p[0];
    size_t len;
    unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c == 0)
        return 0;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        if (c == 0xe0)
            lo = 0xa0; /* overlong */
        else if (c == 0xed)
            hi = 0x9f; /* surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        if (c == 0xf0)
            lo = 0x90; /* overlong */
        else if (c == 0xf4)
            hi = 0x8f; /* above U+10FFFF */
    } else
        return 0;
    if (left < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

size_t ndr_utf8_check(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII without NUL, eight bytes at a time: the common case */
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (((w | ((w - ONES) & ~w)) & HIGHS) == 0) {
                i += 8;
                continue;
            }
        }
        size_t len = ndr_utf8_seq(p + i, n - i);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

char *ndr_utf8_printable(const char *s, char *out, size_t size)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), o = 0;
    for (size_t i = 0; i < n && o + 5 < size;) {
        size_t k = ndr_utf8_seq(p + i, n - i);
        if (k > 1 || (k == 1 && p[i] >= 0x20 && p[i] != 0x7f)) {
            if (o + k >= size)
                break;
            memcpy(out + o, p + i, k);
            o += k;
            i += k;
            continue;
        }
        const char *esc = p[i] == '\n' ? "\\n" : p[i] == '\r' ? "\\r" : p[i] == '\t' ? "\\t" : NULL;
        o += esc ? (size_t)snprintf(out + o, size - o, "%s", esc)
                 : (size_t)snprintf(out + o, size - o, "\\x%02x", p[i]);
        i++;
    }
    out[o < size ? o : size - 1] = '\0';
    return out;
}

size_t ndr_utf8_bom(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf ? 3 : 0;
}

void ndr_utf8_quote(char *out, size_t size, const unsigned char *p, size_t n)
{
    size_t o = 0, i;
    for (i = 0; i < n && i < 48 && o + 8 < size;) {
        size_t len = p[i] < 0x80 ? 1 : ndr_utf8_seq(p + i, n - i);
        if (len == 0 || p[i] < 0x20 || p[i] == 0x7f || p[i] == '\'' || p[i] == '\\') {
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", p[i]);
            i++;
        } else {
            memcpy(out + o, p + i, len); /* a UTF-8 sequence stays whole */
            o += len;
            i += len;
        }
    }
    if (i < n && o + 4 < size)
        o += (size_t)snprintf(out + o, size - o, "...");
    out[o] = '\0';
}
