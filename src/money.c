/* money.c - exact decimal money: text <-> integer units of 1e-8, and the
 * percentages that are the only place a ratio is formed. No floating point
 * anywhere, so sums and identities hold to the last unit. */
#include "money.h"

#include <string.h>

/* gcc and clang on 64-bit targets; __extension__ keeps -pedantic quiet. */
__extension__ typedef unsigned __int128 u128;

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

ndr_money_error ndr_money_parse(const char *s, size_t len, ndr_money *out)
{
    size_t i = 0, n = len;
    while (i < n && is_space(s[i]))
        i++;
    while (n > i && is_space(s[n - 1]))
        n--;
    if (i == n)
        return NDR_MONEY_EMPTY;
    int negative = 0;
    if (s[i] == '+' || s[i] == '-')
        negative = s[i++] == '-';

    /* the whole part (the limit, 10^14, fits 64 bits) saturates just past
     * the limit, so any number of digits is read without overflow and still
     * reported too large */
    const uint64_t limit = (uint64_t)(NDR_MONEY_ROW_MAX / NDR_MONEY_SCALE) + 1;
    uint64_t whole = 0, frac = 0;
    int ndigits = 0, nfrac = 0, too_precise = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ndigits++)
        if ((whole = whole * 10 + (uint64_t)(s[i] - '0')) > limit)
            whole = limit;
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, ndigits++) {
            if (nfrac < NDR_MONEY_DECIMALS)
                frac = frac * 10 + (uint64_t)(s[i] - '0'), nfrac++;
            else if (s[i] != '0')
                too_precise = 1;
        }
    }
    if (i != n || ndigits == 0)
        return NDR_MONEY_SYNTAX;
    static const uint64_t scale_up[NDR_MONEY_DECIMALS + 1] = {
        100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1,
    };
    u128 v = (u128)whole * NDR_MONEY_SCALE + frac * scale_up[nfrac];
    if (v > (u128)NDR_MONEY_ROW_MAX)
        return NDR_MONEY_OVERFLOW;
    if (negative && v != 0)
        return NDR_MONEY_NEGATIVE;
    if (too_precise)
        return NDR_MONEY_PRECISION;
    *out = (ndr_money)v;
    return NDR_MONEY_OK;
}

/* Writes the decimal digits of v (at least min_digits, zero-padded) ending
 * just before `end`; returns the start. */
static char *utoa_back(char *end, u128 v, int min_digits)
{
    char *p = end;
    for (int n = 0; v || n < min_digits; n++) {
        *--p = (char)('0' + (int)(v % 10));
        v /= 10;
    }
    return p;
}

/* Formats q / 10^decimals, q >= 0, with exactly `decimals` places. */
static char *fixed_format(u128 q, int decimals, int negative, char *out)
{
    char tmp[64], *end = tmp + sizeof tmp - 1, *p;
    *end = '\0';
    u128 pow10 = 1;
    for (int i = 0; i < decimals; i++)
        pow10 *= 10;
    p = end;
    if (decimals > 0) {
        p = utoa_back(p, q % pow10, decimals);
        *--p = '.';
    }
    p = utoa_back(p, q / pow10, 1);
    if (negative)
        *--p = '-';
    memcpy(out, p, (size_t)(end - p) + 1);
    return out;
}

char *ndr_money_format(ndr_money value, int decimals, char out[NDR_MONEY_TEXT])
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > NDR_MONEY_DECIMALS)
        decimals = NDR_MONEY_DECIMALS;
    uint64_t unit = 1;
    for (int i = decimals; i < NDR_MONEY_DECIMALS; i++)
        unit *= 10;
    int negative = value < 0;
    u128 mag = negative ? (u128)0 - (u128)value : (u128)value;
    u128 q = mag / unit + (mag % unit >= unit - unit / 2); /* no overflow at the extremes */
    return fixed_format(q, decimals, negative && q != 0, out);
}

char *ndr_pct_format(ndr_money num, ndr_money den, char out[48])
{
    /* beyond NDR_MONEY_MAX, 2 * num * 10000 might not fit in 128 bits */
    if (den <= 0 || num < 0 || num > NDR_MONEY_MAX || den > NDR_MONEY_MAX)
        return NULL;
    /* hundredths of a percent = num * 10000 / den, rounded half up */
    u128 n = (u128)num * 10000u;
    u128 d = (u128)den;
    u128 q = (2 * n + d) / (2 * d);
    return fixed_format(q, 2, 0, out);
}

char *ndr_units_format(ndr_money v, char out[NDR_MONEY_TEXT])
{
    int negative = v < 0;
    return fixed_format(negative ? (u128)0 - (u128)v : (u128)v, 0, negative, out);
}

int ndr_units_parse(const char *s, size_t len, ndr_money *out)
{
    size_t i = s && len && s[0] == '-';
    if (i == len)
        return -1;
    u128 v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if ((v = v * 10 + (unsigned)(s[i] - '0')) > (u128)NDR_MONEY_MAX)
            return -1;
    }
    *out = s[0] == '-' ? -(ndr_money)v : (ndr_money)v;
    return 0;
}
