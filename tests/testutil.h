/* testutil.h - helpers shared by the cmocka test programs: load CSV text or
 * a fixture into a data set, compute a report, and assert a period's
 * figures from human-readable strings. */
#ifndef NDR_TESTUTIL_H
#define NDR_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ndr.h"

/* Collected rejects of the last load (line numbers and reasons). */
typedef struct tu_rejects {
    size_t n;
    uint64_t line[64];
    char reason[64][160];
} tu_rejects;

extern tu_rejects tu_last_rejects;

/* Reads csv (len bytes) into ds, fed in chunks of `chunk` bytes (0 = all at
 * once). Returns the reader's status; stats may be NULL. */
ndr_status tu_read(ndr_dataset *ds, const char *csv, size_t len, size_t chunk, unsigned flags,
                   ndr_read_stats *stats);

/* Loads a file under fixtures/ (path relative to the repository root, where
 * the tests run) and finishes the reading; fails the test if reading
 * fails. stats gets its final accounting. */
ndr_dataset *tu_load_fixture(const char *path, ndr_read_stats *stats);

/* ndr_dataset_finish_reading, rejections added to tu_last_rejects; fails
 * the test on an error other than NDR_ERR_DATA (which the report then
 * meets again, for the test to check). */
void tu_finish(ndr_dataset *ds);

/* Loads several fixtures into one data set and finishes the reading
 * (joins); *sum (may be NULL) gets the summed accounting, the first
 * input's format, any note and the data's "as of" date. */
ndr_dataset *tu_load_fixtures(const char *const *paths, size_t n, ndr_read_stats *sum);

/* Report with the given window, at as_of ("YYYY-MM-DD") or, when NULL, over
 * the default range. Fails the test on error. */
ndr_report *tu_report(ndr_dataset *ds, int window, const char *as_of);

ndr_money tu_money(const char *decimal);
ndr_date tu_date(const char *ymd);

/* The period of r whose end is `end`; fails the test if there is none. */
const ndr_period *tu_period(const ndr_report *r, const char *end);

/* Asserts every figure of p. Money as decimal strings ("125.00"). */
void tu_assert_period(const ndr_period *p, uint64_t customers, uint64_t retained,
                      const char *prior, const char *current, const char *expansion,
                      const char *contraction, const char *churned);

/* Asserts a formatted percentage ("125.00", or "" for undefined). */
void tu_assert_pct(ndr_money num, ndr_money den, const char *expected);

/* Customer cust's MRR at the end of day "YYYY-MM-DD": the sum over its
 * subscriptions of the event in force (sorts the data set). */
ndr_money tu_customer_mrr(ndr_dataset *ds, const char *cust, const char *day);

/* prior + expansion - contraction - churned == current, exactly. */
void tu_assert_identity(const ndr_period *p);

#endif
