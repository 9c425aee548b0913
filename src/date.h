/* date.h - internal calendar helpers beyond the public ndr_date_* and
 * ndr_month_* API. */
#ifndef NDR_DATE_H
#define NDR_DATE_H

#include "ndr.h"

#include <stdint.h>

/* (NDR_DAY_MIN/MAX and the month index helpers are public: ndr.h) */
int ndr_days_in_month(int year, int month);

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
