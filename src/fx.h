/* fx.h - exchange rates to the reporting currency (--fx rates.csv), looked
 * up as "the rate in force on a date": the latest rate dated on or before
 * it. Rates are exact decimals with up to 8 places, kept as ndr_money. */
#ifndef NDR_FX_H
#define NDR_FX_H

#include "ndr.h"

/* The largest rate: 10^10 reporting-currency units per unit. */
#define NDR_FX_RATE_MAX ((ndr_money)INT64_C(10000000000) * NDR_MONEY_SCALE)

typedef struct ndr_fx_rate {
    uint32_t cur;
    ndr_date day;
    ndr_money rate; /* reporting-currency units per unit, x 1e8 */
} ndr_fx_rate;

struct ndr_fx {
    ndr_fx_rate *r; /* sorted by (cur, day) once read */
    size_t n, cap;
};

/* The rate of cur in force on day; -1 when none is dated on or before. */
int ndr_fx_lookup(const ndr_fx *fx, uint32_t cur, ndr_date day, ndr_money *rate);

#endif
