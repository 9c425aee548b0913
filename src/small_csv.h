/* small_csv.h - reads a small side file (account map, exchange rates)
 * whole, record by record, where any bad line is an error naming file and
 * line: unlike event rows, a skipped mapping or rate would silently change
 * every figure. */
#ifndef NDR_SMALL_CSV_H
#define NDR_SMALL_CSV_H

#include <stdio.h>

#include "ndr.h"

/* Called for each record (row 0 is the header) with the physical line it
 * starts on (1-based) and its fields, each NUL-terminated. Returns NDR_OK,
 * or a status with `why` set. */
typedef ndr_status (*ndr_small_row_fn)(void *ctx, size_t row, unsigned long long line,
                                       char **fields, const size_t *lens, size_t n, char *why,
                                       size_t why_size);

/* Reads in (named source); a leading UTF-8 byte order mark is skipped, LF
 * and CRLF line ends are read alike. On error msg is "source:line: why",
 * line the one the record at fault starts on. */
ndr_status ndr_small_csv_read(FILE *in, const char *source, ndr_small_row_fn fn, void *ctx,
                              char *msg, size_t msg_size);

#endif
