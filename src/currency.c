/* currency.c - packed currency codes (see currency.h). */
#include "currency.h"

#include <string.h>

#define PACK(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))

int ndr_currency_parse(const char *p, size_t n, uint32_t *out)
{
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n == 0) {
        *out = 0;
        return 0;
    }
    if (n != 3)
        return -1;
    char u[3];
    for (int i = 0; i < 3; i++) {
        char c = p[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c < 'A' || c > 'Z')
            return -1;
        u[i] = c;
    }
    *out = PACK(u[0], u[1], u[2]);
    return 0;
}

void ndr_currency_format(uint32_t code, char out[4])
{
    if (code == 0) {
        out[0] = '\0';
        return;
    }
    out[0] = (char)(code >> 16);
    out[1] = (char)(code >> 8);
    out[2] = (char)code;
    out[3] = '\0';
}

int ndr_currency_decimals(uint32_t code)
{
    /* Stripe's list of zero-decimal and three-decimal currencies */
    static const char zero[][4] = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
                                   "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
    static const char three[][4] = {"BHD", "JOD", "KWD", "OMR", "TND"};
    for (size_t i = 0; code && i < sizeof zero / sizeof zero[0]; i++)
        if (PACK(zero[i][0], zero[i][1], zero[i][2]) == code)
            return 0;
    for (size_t i = 0; code && i < sizeof three / sizeof three[0]; i++)
        if (PACK(three[i][0], three[i][1], three[i][2]) == code)
            return 3;
    return 2;
}
