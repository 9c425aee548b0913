/* date.h - internal calendar helpers beyond the public ndr_date_* API. */
#ifndef NDR_DATE_H
#define NDR_DATE_H

#include "ndr.h"

#include <stdint.h>

/* The days ndr reads and reports: 1900-01-01 to 2199-12-31. A date outside
 * these years is almost surely a typo (0202 for 2022) that would stretch a
 * report over centuries; a period end or option outside them is refused. */
#define NDR_DAY_MIN (-25567) /* 1900-01-01 */
#define NDR_DAY_MAX 84005    /* 2199-12-31 */

/* Months are indexed as year * 12 + (month - 1), so subtraction is exact. */
int ndr_days_in_month(int year, int month);
int ndr_month_of(ndr_date date);
ndr_date ndr_month_end(int month_index);
/* Parses "YYYY-MM" (NUL-terminated) into a month index; 0 ok, -1 bad. */
int ndr_month_parse(const char *text, int *month_index);

/* A vendor timestamp: "YYYY-MM-DD", optionally followed by 'T' or ' ', a
 * time "HH:MM" or "HH:MM:SS" (a fraction after the seconds is ignored) and a
 * zone ("Z", " UTC", "+HH:MM", "+HHMM", "+HH", or '-'); without a zone the
 * time is UTC. Or Unix seconds (9 to 11 digits, as the Stripe API writes
 * period.start). *sec receives seconds since 1970-01-01T00:00:00Z.
 * Returns 0, or -1 when the text is none of these or names no real day. */
int ndr_timestamp_parse(const char *text, size_t len, int64_t *sec);

/* The UTC day of a time in seconds since the epoch. */
ndr_date ndr_day_of_seconds(int64_t sec);

#endif
