/* input.h - the input formats: for each, the columns it reads, how a header
 * is recognised as that format, and the function that turns one row into
 * timeline records (timeline.h).
 *
 * One file per format (src/input/NAME.c, with NAME.h declaring its
 * definition) and one registry (registry.c) that lists them: everything
 * that names formats - messages, --help, the completion - asks the
 * registry, so a new shape is one file, one registry line and its tests.
 * The canonical events format is read by the reader's own fast path
 * (reader.c); its definition only names its columns. */
#ifndef NDR_INPUT_H
#define NDR_INPUT_H

#include "ndr.h"

#include "fields.h"

#define NDR_MAX_ROLES 32 /* columns a format may read */

/* Column flags. */
enum {
    NDR_COL_REQUIRED = 1, /* the header must have the column */
    NDR_COL_ASOF = 2,     /* its dates lie in the past when the file is exported:
                           * the latest one is the data's "as of" date */
    NDR_COL_IDENT = 4,    /* part of a row's identity: two rows with the same
                           * identity are one row given twice (counted once) */
    NDR_COL_EVIDENCE = 8, /* read only for the "as of" date, so not part of
                           * what makes two rows of one identity the same */
    NDR_COL_IDENT_TOO = 16 /* part of the identity when an NDR_COL_IDENT
                            * column is filled (a line id is unique per
                            * invoice; an item is of its subscription) */
};

/* One column of a format: its names after ndr_header_normalise,
 * "|"-separated, the first being the one --map uses. */
typedef struct ndr_column {
    const char *names;
    unsigned flags;
    unsigned char any_of; /* n > 0: the header needs at least one of the
                           * columns marked n */
} ndr_column;

typedef struct ndr_input_def {
    ndr_input_format id;
    const char *name;  /* as --format-in takes it */
    const char *what;  /* one line for help and messages */
    const ndr_column *cols; /* role r is cols[r - 1] */
    size_t ncols;
    const char *forbid;     /* "|"-separated names: a header with any of them
                             * is not this format (NULL: none) */
    ndr_row_result (*row)(ndr_row_ctx *c); /* NULL: the events fast path */
    int cust_role;          /* the customer id's role (--shard hashes it);
                             * 0: rows name their customer through a join */
    int lookup;             /* rows name the customers of other rows (invoice
                             * tables): every shard keeps them all */
    int joins;              /* a row may name its customer through its invoice
                             * instead (warehouse line items) */
    /* a warning about the header itself (present[r]: role r has a column),
     * or NULL; the function may be NULL */
    const char *(*header_note)(const unsigned char *present);
} ndr_input_def;

/* The definition of format id, or NULL (NDR_IN_AUTO, unknown). */
const ndr_input_def *ndr_input_def_of(ndr_input_format id);

/* The formats in registry order: i from 0 while the result is not NULL. */
const ndr_input_def *ndr_input_def_at(size_t i);

#endif
