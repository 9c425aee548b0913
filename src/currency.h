/* currency.h - ISO 4217 currency codes as packed integers, and how many
 * decimals each currency's minor unit has (Stripe, ChartMogul and
 * Baremetrics give amounts in minor units: cents, but whole yen). */
#ifndef NDR_CURRENCY_H
#define NDR_CURRENCY_H

#include <stddef.h>
#include <stdint.h>

/* Packs three ASCII letters (any case, spaces around ignored) into a
 * non-zero code; an empty text gives 0 ("not given"). Returns -1 if the
 * text is not three letters. */
int ndr_currency_parse(const char *text, size_t len, uint32_t *out);

/* Writes the code's letters ("USD") and a NUL into out; "" for 0. */
void ndr_currency_format(uint32_t code, char out[4]);

/* Decimal places of the currency's minor unit: 0 for JPY, KRW and the
 * other zero-decimal currencies, 3 for BHD, JOD, KWD, OMR, TND, else 2. */
int ndr_currency_decimals(uint32_t code);

#endif
