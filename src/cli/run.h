/* run.h - one run of a subcommand that reads data (report, movements,
 * cohorts, explain, methods, chart): the command line parsed, -o opened
 * and checked against the inputs, the inputs read, the view written, the
 * accounting and the exit code. */
#ifndef CLI_RUN_H
#define CLI_RUN_H

#include "cli.h"
#include "atomic_file.h"

/* Parses the command line into c (help.h for --help). Returns 1 with the
 * exit code in *rc when there is nothing more to do (--help, a usage
 * error), else 0 with *rc = EXIT_OK. */
int cli_start(cli *c, unsigned command, const char *name, int argc, char **argv, int *rc);

/* Refuses an -o FILE that is a file the run reads (an input, also one
 * redirected to standard input, or the --fx or --accounts file): the
 * report would replace the data it came from. Checked before reading, so
 * nothing is lost. Returns 0, or EXIT_USAGE after the message. */
int cli_check_output(const cli *c, const cli_atomic_file *out, char **files, int n);

/* ndr SUB [OPTIONS] FILE... for the subcommands that read data; argv[0]
 * is the subcommand. Returns the exit code. */
int cli_run(unsigned command, int argc, char **argv);

#endif
