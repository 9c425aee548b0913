/* date.h - internal calendar helpers beyond the public ndr_date_* API. */
#ifndef NDR_DATE_H
#define NDR_DATE_H

#include "ndr.h"

/* Months are indexed as year * 12 + (month - 1), so subtraction is exact. */
int ndr_days_in_month(int year, int month);
int ndr_month_of(ndr_date date);
ndr_date ndr_month_end(int month_index);
/* Parses "YYYY-MM" (NUL-terminated) into a month index; 0 ok, -1 bad. */
int ndr_month_parse(const char *text, int *month_index);

#endif
