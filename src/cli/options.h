/* options.h - the command line as tables: one row per option (its names,
 * its argument, the subcommands it applies to, the handler that stores it,
 * its line in the help), keyword tables for the options that take a fixed
 * set of values, and the checks of combinations once all are read.
 *
 * A new option is one row in options.c's table, one handler (or a generic
 * one: a flag, a string, a keyword), its line in docs/ndr.1 and in
 * completions/ndr.bash; tests/drift.sh fails when the last two fall behind
 * the table, and the help and the "applies to" messages come from it. */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

#include "cli.h"

#include <stddef.h>

/* A value of an option that takes a fixed set ("quarter" -> 3). */
typedef struct cli_keyword {
    const char *name;
    int value;
} cli_keyword;

typedef struct cli_option cli_option;

/* Stores arg (NULL for a flag) into c; 0, or the exit code of the usage
 * error it printed, or -1 to stop parsing (--help). */
typedef int (*cli_option_set)(cli *c, const cli_option *o, const char *arg);

struct cli_option {
    const char *name;    /* the long name, without "--" */
    char short_name;     /* 'w' for -w, or 0 */
    const char *arg;     /* the argument as the help shows it, NULL for a flag */
    unsigned commands;   /* the CLI_* bits it applies to */
    int only;            /* 1: given to another subcommand, it is refused at once
                          * ("--by applies to 'ndr report' only"); 0: it is read,
                          * and a check of the whole line says why it does not
                          * apply there ("--window and --as-of do not apply to
                          * movements; ...", merge's "only -f, -o, ... apply") */
    cli_option_set set;
    size_t field;        /* where generic handlers store: offsetof(cli, ...) */
    int value;           /* what a flag stores */
    const cli_keyword *keywords; /* the values of a keyword option, NULL-ended */
    const char *help;    /* its description in 'ndr report --help' ('\n' starts
                          * a continuation line), NULL when not listed there */
    const char *synopsis; /* the help's left column when not "--name ARG" */
};

/* The option table, in the order 'ndr report --help' lists it; NULL past
 * its end. */
const cli_option *cli_option_at(size_t i);

/* A subcommand's name ("report") for its CLI_* bit, or NULL. */
const char *cli_command_name(unsigned command);

/* Sets up c for the subcommand: the library's defaults, today's date. */
void cli_init(cli *c, unsigned command, const char *name);

/* Parses argv into c (getopt_long from the table; optind is left at the
 * first FILE) and checks the combinations. Returns 0, -1 when --help was
 * asked (c->help), or the exit code of a usage error it printed. */
int cli_parse(cli *c, int argc, char **argv);

/* Today's date: NDR_TODAY (YYYY-MM-DD) when set, so a job can be rerun as
 * of another day, else the local date. Returns 0, or -2 for a bad
 * NDR_TODAY, -1 when the clock fails. */
int cli_today(ndr_date *out);

/* The command line as a shell would read it back: "ndr report 'a b.csv'"
 * (malloc'd; NULL when out of memory). */
char *cli_command_line(const cli *c, int argc, char **argv);

#endif
