/* money.h - money as integer units in text (the partial format) and the
 * range every computed figure keeps; the decimal forms are public (ndr.h). */
#ifndef NDR_MONEY_H
#define NDR_MONEY_H

#include "ndr.h"

#include <stddef.h>

/* The unsigned 128-bit integer, for magnitudes and products. */
__extension__ typedef unsigned __int128 ndr_umoney;

/* Writes v as a signed count of units ("-1234500000000"); returns out. */
char *ndr_units_format(ndr_money v, char out[NDR_MONEY_TEXT]);

/* Reads a signed count of units, |v| <= NDR_MONEY_MAX, the whole of
 * text[0..len). 0, or -1 when it is not such a number. */
int ndr_units_parse(const char *text, size_t len, ndr_money *out);

/* Whether v lies within +-NDR_MONEY_MAX. */
static inline int ndr_money_in_range(ndr_money v)
{
    return v <= NDR_MONEY_MAX && v >= -NDR_MONEY_MAX;
}

#endif
