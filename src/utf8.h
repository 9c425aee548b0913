/* utf8.h - checks that ids are UTF-8 text, and shows text in messages.
 *
 * Ids end up in CSV, JSON and terminal output; a Latin-1 or binary id
 * would make that output invalid, and two encodings of one name would
 * silently count as two customers. So the reader rejects such rows with a
 * message telling the user to convert the file. */
#ifndef NDR_UTF8_H
#define NDR_UTF8_H

#include "ndr.h"

#include <stddef.h>

/* Returns n when p[0..n) is valid UTF-8 without NUL bytes (no overlongs,
 * no surrogates, nothing above U+10FFFF), else the offset of the first
 * byte that is not. */
size_t ndr_utf8_check(const unsigned char *p, size_t n);

/* Length (1-4) of the valid UTF-8 sequence at p, of at most `left` bytes;
 * 0 if p does not start one or p[0] is NUL. */
size_t ndr_utf8_seq(const unsigned char *p, size_t left);

/* (ndr_utf8_printable, for messages, is public: ndr.h) */

/* The length of the UTF-8 byte order mark (EF BB BF) p[0..n) starts with:
 * 3, or 0 when it does not start with one. Excel's "CSV UTF-8" writes it
 * before the header; it is not part of the first column's name. */
size_t ndr_utf8_bom(const unsigned char *p, size_t n);

/* Writes at most 48 bytes of p[0..n) into out (size bytes, NUL-terminated,
 * "..." when cut) for a message, control bytes, quotes, backslashes and
 * bytes that are not UTF-8 as \xHH: whatever an id holds, a message stays
 * one line of plain text. */
void ndr_utf8_quote(char *out, size_t size, const unsigned char *p, size_t n);

#endif
