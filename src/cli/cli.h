/* cli.h - what the modules of the ndr tool share: its exit codes, the
 * subcommands as bits (an option's row in the option table says which
 * ones it applies to) and the state of one run, filled from the command
 * line. Types only: each module's functions are in its own header.
 *
 * The tool sees the library through include/ndr.h alone (the Makefile
 * gives it no -Isrc): what it needs is public API. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include "ndr.h"
#include "progress.h"

enum exit_code {
    EXIT_OK = 0,       /* report written, every row used */
    EXIT_FAIL = 1,     /* no report: unreadable input, bad header, nothing to report, write error */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_REJECTED = 3, /* report written, but some rows were rejected */
    EXIT_STRICT = 4,   /* --strict stopped at a bad row; no report */
    EXIT_BELOW = 5     /* report written, but NDR is under --fail-below (or undefined) */
};

/* The subcommands, in the order help and messages list them. */
enum cli_command {
    CLI_REPORT = 1u << 0,
    CLI_MOVEMENTS = 1u << 1,
    CLI_COHORTS = 1u << 2,
    CLI_EXPLAIN = 1u << 3,
    CLI_METHODS = 1u << 4,
    CLI_CHART = 1u << 5,
    CLI_MERGE = 1u << 6,
    CLI_FORMATS = 1u << 7
};
#define CLI_COMMANDS 8

/* One run: the options as parsed, then what the run learns. */
typedef struct cli {
    unsigned kind;      /* one CLI_* bit */
    const char *name;   /* "report", for messages */
    int help;           /* -h: print the help, nothing else */
    int window_set;
    int cohort;         /* an ndr_cohort_period */
    int logos;
    size_t top;
    ndr_report_options opt;
    ndr_read_options ropt;
    const char **maps;
    const char *accounts;
    const char *fx_file;
    ndr_format format;
    int format_set, strict, quiet, verbose;
    int progress_mode;   /* -1 --no-progress, 0 auto, 1 --progress */
    int chart_cohorts;   /* --chart cohorts */
    int partial;         /* --format partial */
    const char *misplaced; /* merge: the first option the partials give instead */
    unsigned shard_k, shard_n; /* --shard K/N; 0/0 none */
    int has_fail_below;  /* --fail-below PCT, in ndr_money units of a percent */
    ndr_money fail_below;
    const char *fail_below_text;
    ndr_period last;     /* the report's last period end, for --fail-below */
    int has_last;
    const char *output; /* -o FILE, or NULL for standard output */
    int provenance;     /* --provenance */
    char *command;      /* the command line, for the provenance */
    cli_progress progress; /* the progress line while reading */
} cli;

#endif
