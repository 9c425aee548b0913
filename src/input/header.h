/* header.h - a CSV header recognised as one of the input formats: names
 * normalised, the format picked (or the one asked for checked), and each
 * column given its role in that format. */
#ifndef NDR_HEADER_H
#define NDR_HEADER_H

#include "input.h"

/* Header name to the form formats are written in: lower case, spaces, '-'
 * and '.' as '_', no trailing " (UTC)", trimmed ("Start Date (UTC)" ->
 * "start_date", "parent.subscription_item_details.proration" ->
 * "parent_subscription_item_details_proration"). out has len + 1 bytes. */
void ndr_header_normalise(const char *name, size_t len, char *out);

/* The result of recognising a header. */
typedef struct ndr_header_match {
    const ndr_input_def *def;  /* the format */
    ndr_input_format also;     /* another format the header fits too, or
                                * NDR_IN_AUTO: the choice was not unique */
} ndr_header_match;

/* Picks the format of a header (names normalised, --map applied) when want
 * is NDR_IN_AUTO, else checks that the header has want's columns, and
 * fills role[col] (0: column not used). A header fits a format when it has
 * every required column, one of each any-of group and none of the
 * forbidden; among several, events wins (the canonical names are explicit),
 * then the one with most of its columns present, then registry order.
 * Returns 0; or -1 with a message (missing or duplicated columns); or, when
 * no format fits an NDR_IN_AUTO header, -2 with msg saying what the
 * closest format lacks. */
int ndr_header_resolve(char *const *names, size_t n, ndr_input_format want, ndr_header_match *m,
                       unsigned char *role, char *msg, size_t msg_size);

#endif
