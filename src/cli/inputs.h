/* inputs.h - reading a run's files: the data inputs (with the progress
 * line, each rejected row as file:line: reason, how each file was read),
 * the --fx and --accounts files, and the accounting of rows afterwards. */
#ifndef CLI_INPUTS_H
#define CLI_INPUTS_H

#include "cli.h"

/* Reads every input into ds, then joins warehouse lines to their invoices
 * and takes the final accounting of each input into src[i].stats.
 * Returns EXIT_OK, EXIT_FAIL or EXIT_STRICT. */
int cli_read_inputs(cli *c, ndr_dataset *ds, char **files, int n, ndr_source *src);

/* --fx FILE; --accounts FILE into ds. EXIT_OK, or EXIT_FAIL after the
 * message. */
int cli_read_fx(const char *path, ndr_fx **out);
int cli_read_accounts(const char *path, ndr_dataset *ds);

/* A file read for the options in the provenance: its size and SHA-256
 * (left empty when it cannot be read again). */
void cli_fingerprint_file(const char *path, const char *role, ndr_source *out);

/* A date years away from every other one, named with what to do. */
void cli_warn_far_date(const cli *c, const ndr_dataset *ds);

/* "ndr: N rows read, N used, ... N rejected (N files, N blank lines)" over
 * the data inputs among src (ndr_sources_total). */
void cli_print_accounting(const ndr_source *src, int n);

/* EXIT_OK when some row was used; else EXIT_FAIL, saying why. */
int cli_check_some_rows(const ndr_source *src, int n);

#endif
