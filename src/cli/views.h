/* views.h - computing and writing what a subcommand shows (the report,
 * movements, cohorts, explain, methods, the chart, a shard's partial), and
 * what is said after it: --fail-below and figures that are not final. */
#ifndef CLI_VIEWS_H
#define CLI_VIEWS_H

#include "cli.h"

/* Computes c's view of ds and writes it to out (standard output, or the
 * temporary file of -o). Returns EXIT_OK or EXIT_FAIL. */
int cli_write_view(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n, FILE *out);

/* --provenance: the comment lines before CSV or table output (JSON carries
 * the provenance itself). */
ndr_status cli_prologue(const cli *c, const ndr_source *src, size_t n, FILE *out);

/* Keeps the report's last period end, for --fail-below. */
void cli_keep_last(cli *c, const ndr_report *r);

/* --fail-below PCT: EXIT_BELOW, with the reason on stderr, when the last
 * period end's NDR as printed is under PCT or undefined; else EXIT_OK. */
int cli_check_fail_below(const cli *c);

/* --as-of or --to after the data's "as of" date (a stale export, or
 * "today" before tonight's data arrived): says the figures are not final. */
void cli_warn_stale(const cli *c, int has_through, ndr_date through);

#endif
