/* main.c - the ndr command-line tool: a thin layer over libndr. The
 * command table names each subcommand, what it does and what runs it;
 * options.c parses, run.c and merge.c run, views.c writes, and every
 * outcome maps to a documented exit code (cli.h). */
#include "cli.h"
#include "help.h"
#include "merge.h"
#include "options.h"
#include "run.h"
#include "say.h"

#include <string.h>

static int run_formats(unsigned command, int argc, char **argv);

static int run_merge(unsigned command, int argc, char **argv)
{
    (void)command;
    return cli_merge(argc, argv);
}

/* The subcommands, in the order 'ndr --help' lists them; the name of each
 * is cli_command_name(command). */
static const struct {
    unsigned command;
    const char *summary; /* '\n' starts a continuation line */
    int (*run)(unsigned command, int argc, char **argv);
} commands[] = {
    {CLI_REPORT, "NDR, GRR and logo retention for each period end", cli_run},
    {CLI_MOVEMENTS, "the monthly MRR bridge: new, reactivation, expansion,\ncontraction, churn",
     cli_run},
    {CLI_COHORTS, "customers grouped by first paid month, MRR retained month by month", cli_run},
    {CLI_EXPLAIN,
     "the audit trail of one period end: every cohort customer and the\n"
     "input rows behind its figures",
     cli_run},
    {CLI_METHODS,
     "one period end under every methodology of public filings, side\n"
     "by side, with why they differ",
     cli_run},
    {CLI_CHART,
     "an HTML page (table, bridge, trend chart, cohort heatmap) or one\n"
     "chart as SVG",
     cli_run},
    {CLI_MERGE,
     "add up the partial reports of shards (report --shard K/N\n"
     "--format partial) into the report of the whole input",
     run_merge},
    {CLI_FORMATS, "the input formats ndr reads (--format-in), a line each", run_formats},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void write_usage(FILE *out)
{
    fputs("Usage: ndr SUBCOMMAND [OPTIONS] FILE...\n"
          "Computes Net Dollar Retention from subscription events (CSV).\n"
          "\n"
          "Subcommands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        fprintf(out, "  %-9s  ", cli_command_name(commands[i].command));
        for (const char *p = commands[i].summary; *p;) {
            size_t n = strcspn(p, "\n");
            fprintf(out, "%.*s\n", (int)n, p);
            p += n;
            if (*p == '\n' && *++p)
                fprintf(out, "%13s", "");
        }
    }
    fputs("\n"
          "Run 'ndr SUBCOMMAND --help' for the options. 'ndr --version' prints the version.\n",
          out);
}

/* ndr formats: the input formats, a line each (name, what it is). */
static int run_formats(unsigned command, int argc, char **argv)
{
    (void)command;
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_help_write(CLI_FORMATS, stdout);
        return cli_finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    if (argc > 1) {
        fputs("ndr: 'ndr formats' takes no argument\nTry 'ndr formats --help'.\n", stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; ndr_input_format_at(i) != NDR_IN_AUTO; i++) {
        ndr_input_format f = ndr_input_format_at(i);
        printf("%-24s %s\n", ndr_input_format_name(f), ndr_input_format_summary(f));
    }
    return cli_finish_stdout() ? EXIT_FAIL : EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        write_usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        write_usage(stdout);
        return cli_finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        fputs("ndr " NDR_VERSION "\n", stdout);
        return cli_finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(cmd, cli_command_name(commands[i].command)) == 0)
            return commands[i].run(commands[i].command, argc - 1, argv + 1);
    fprintf(stderr, "ndr: unknown subcommand '%s'\nTry 'ndr --help'.\n", cmd);
    return EXIT_USAGE;
}
