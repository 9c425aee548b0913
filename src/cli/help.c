/* help.c - each subcommand's help page (help.h): its prose here, its option
 * lines from the option table. */
#include "help.h"
#include "options.h"

#include <string.h>

/* An option as one subcommand's page describes it ('\n' starts a
 * continuation line). */
typedef struct help_line {
    const char *option;
    const char *text;
} help_line;

/* A page: head, the option lines, tail. The report's page lists every
 * option of the table that has a help text; the others refer to it and
 * list their own options (own), or none. */
typedef struct help_page {
    unsigned command;
    const char *head;
    int whole_table;
    const help_line *own;
    const char *tail;
} help_page;

static const char report_head[] =
    "Usage: ndr report [OPTIONS] FILE...\n"
    "Trailing-window Net Dollar Retention (Slack 10-K definition): for each period\n"
    "end T, the cohort is every customer with MRR > 0 at the prior date P = T minus\n"
    "the window; NDR = the cohort's MRR at T / its MRR at P.\n"
    "\n"
    "FILE is a CSV: canonical events (customer_id, date, mrr and optionally\n"
    "subscription_id, currency) or a Stripe, ChartMogul or Baremetrics export,\n"
    "recognised by its header (see --format-in); '-' reads standard input.\n"
    "\n"
    "Options:\n";

static const char report_tail[] =
    "\n"
    "Exit codes: 0 ok; 1 failed (no report); 2 usage error; 3 report written but\n"
    "some rows were rejected; 4 --strict stopped at a bad row; 5 report written\n"
    "but NDR is below --fail-below.\n"
    "\n"
    "Examples:\n"
    "  ndr report events.csv\n"
    "  ndr report --format json --as-of 2024-06-30 events.csv\n"
    "  ndr report --as-of last-month-end --fail-below 100 -o ndr.json events.csv\n"
    "  cat jan.csv feb.csv | ndr report --window 1 -\n";

static const char movements_head[] =
    "Usage: ndr movements [OPTIONS] FILE...\n"
    "The MRR bridge of the whole base for every month: each customer's MRR at the\n"
    "previous month end (a) against this month end (b): new (a = 0 < b, never paid\n"
    "before), reactivation (a = 0 < b, paid before), expansion (b > a > 0),\n"
    "contraction (0 < b < a), churn (a > 0 = b). opening + new + reactivation +\n"
    "expansion - contraction - churn = closing, exactly.\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), but --window and\n"
    "--as-of do not apply: --from YYYY-MM and --to YYYY-MM bound the months.\n"
    "\n"
    "Examples:\n"
    "  ndr movements events.csv\n"
    "  ndr movements --from 2024-01 -f csv stripe_invoice_lines.csv\n";

static const char cohorts_head[] =
    "Usage: ndr cohorts [OPTIONS] FILE...\n"
    "Cohorts (ChartMogul style): customers grouped by the month of the first month\n"
    "end at which they paid; per cohort its starting MRR and, N months after each\n"
    "member's start, the MRR still paid as a percentage of the start.\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), but --window and\n"
    "--as-of do not apply; --from YYYY-MM and --to YYYY-MM bound the cohorts, and:\n";

static const help_line cohorts_own[] = {
    {"cohort", "month (default), quarter or year of the first payment"},
    {"logos", "also logo (customer) retention"},
    {NULL, NULL},
};

static const char cohorts_tail[] =
    "\n"
    "Examples:\n"
    "  ndr cohorts events.csv\n"
    "  ndr cohorts --cohort year --logos -f csv events.csv\n";

static const char explain_head[] =
    "Usage: ndr explain --as-of YYYY-MM-DD [OPTIONS] FILE...\n"
    "The audit trail of one period end: every customer of the cohort with its prior\n"
    "and current MRR, how it moved (expanded, contracted, churned, flat) and the\n"
    "input rows (file:line) that set each figure. The totals (on stderr, or in\n"
    "JSON) equal 'ndr report' for the same period end.\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), --as-of required,\n"
    "without --from/--to/--by, and:\n";

static const help_line explain_own[] = {
    {"top",
     "only the N largest contractions and churns (accounts\n"
     "at risk), then the N largest expansions"},
    {NULL, NULL},
};

static const char explain_tail[] =
    "\n"
    "Examples:\n"
    "  ndr explain --as-of 2024-12-31 events.csv\n"
    "  ndr explain --as-of 2024-12-31 --top 10 -f table events.csv\n";

static const char methods_head[] =
    "Usage: ndr methods --as-of YYYY-MM-DD [OPTIONS] FILE...\n"
    "One period end under every methodology family of public filings, side by\n"
    "side: point (A), ttm-weighted and ttm-mean (A'), revenue-quarter (B),\n"
    "revenue-ttm (C), compound (D), survivor (E), and the sum of movements over the\n"
    "window that analytics tools show; each with a line on why it differs.\n"
    "See docs/methods.md for the definitions and the filings behind them.\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), --as-of required,\n"
    "without --from/--to/--by/--method; thresholds and --basis apply to every row.\n"
    "\n"
    "Examples:\n"
    "  ndr methods --as-of 2024-12-31 events.csv\n"
    "  ndr methods --as-of 2024-12-31 --min-prior-arr 10000 -f json events.csv\n";

static const char chart_head[] =
    "Usage: ndr chart [OPTIONS] FILE...\n"
    "Charts of the report, self-contained (no scripts, fonts or images to fetch).\n"
    "HTML (the default): one page for a nightly e-mail or an intranet, with the\n"
    "latest figures in a sentence, the NDR/GRR/logo retention trend with its 100%\n"
    "line, the report table, the monthly MRR bridge and the cohort heatmap.\n"
    "SVG: one chart, the trend (default) or the heatmap (--chart cohorts).\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), without --as-of,\n"
    "--by, --basis and the --min-* thresholds, and:\n";

static const help_line chart_own[] = {
    {"format", "html (default) or svg; with -o, svg for a .svg FILE"},
    {"chart", "with svg: trend (default) or cohorts"},
    {"cohort", "month (default), quarter or year cohorts in the heatmap"},
    {"fail-below", "exit 5 when the last period end's NDR is below PCT"},
    {NULL, NULL},
};

static const char chart_tail[] =
    "\n"
    "Examples:\n"
    "  ndr chart -o ndr.html events.csv\n"
    "  ndr chart -f svg --from 2024-01 events.csv > trend.svg\n"
    "  ndr chart -f svg --chart cohorts --cohort quarter events.csv > cohorts.svg\n";

static const char merge_head[] =
    "Usage: ndr merge [OPTIONS] PARTIAL...\n"
    "Adds up the partials of the N shards of one report (each from 'ndr report\n"
    "--shard K/N --format partial', same options and inputs) into the report of\n"
    "the whole input, exactly: the same period ends, figures and row accounting\n"
    "as one 'ndr report' over all customers. Refuses partials made with other\n"
    "parameters or inputs, a shard given twice, and missing shards.\n"
    "PARTIAL is a file, or '-' for standard input (several partials may follow\n"
    "each other there). See docs/scale.md.\n"
    "\n"
    "Options:\n";

static const help_line merge_own[] = {
    {"format",
     "table, csv or json (default: table on a terminal,\n"
     "csv otherwise; with -o, json for a .json FILE)"},
    {"output", "write the report to FILE, atomically"},
    {"fail-below", "exit 5 when the last period end's NDR is below PCT"},
    {"provenance", "CSV/table: first print '# ' lines (command, inputs)"},
    {"quiet", "print nothing on stderr but errors"},
    {"verbose", "the row accounting on stderr also when not a terminal"},
    {"help", "show this help"},
    {NULL, NULL},
};

static const char merge_tail[] =
    "\n"
    "Exit codes: as for 'ndr report': 0 ok, 1 failed (partials refused), 2 usage,\n"
    "3 report written but the shards rejected rows, 5 below --fail-below.\n"
    "\n"
    "Examples:\n"
    "  seq 1 4 | parallel ndr report --shard {}/4 -f partial -o part{}.ndr events.csv\n"
    "  ndr merge -f csv part*.ndr\n";

static const char formats_head[] =
    "Usage: ndr formats\n"
    "The input formats ndr reads, one a line: the name --format-in takes and what\n"
    "the format is. docs/formats.md has each one's columns and their sources.\n"
    "\n"
    "Options:\n";
static const help_line formats_own[] = {
    {"help", "show this help"},
    {NULL, NULL},
};

static const help_page pages[] = {
    {CLI_REPORT, report_head, 1, NULL, report_tail},
    {CLI_MOVEMENTS, movements_head, 0, NULL, NULL},
    {CLI_COHORTS, cohorts_head, 0, cohorts_own, cohorts_tail},
    {CLI_EXPLAIN, explain_head, 0, explain_own, explain_tail},
    {CLI_METHODS, methods_head, 0, NULL, NULL},
    {CLI_CHART, chart_head, 0, chart_own, chart_tail},
    {CLI_MERGE, merge_head, 0, merge_own, merge_tail},
    {CLI_FORMATS, formats_head, 0, formats_own, NULL},
};

/* "  -w, --window N" or "      --from YYYY-MM", in a column of 25, then
 * the text, its continuation lines under it. */
static void write_line(cli_option row, const char *text, FILE *out)
{
    const cli_option *o = &row;
    char left[128];
    if (o->synopsis)
        snprintf(left, sizeof left, "      %s", o->synopsis);
    else if (o->short_name)
        snprintf(left, sizeof left, "  -%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    else
        snprintf(left, sizeof left, "      --%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    fprintf(out, "%-25s ", left);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "%.*s\n", (int)n, p);
        p += n;
        if (*p == '\n' && *++p)
            fprintf(out, "%26s", "");
    }
}

/* The table's row for name, or a bare row of that name. */
static cli_option option_named(const char *name)
{
    const cli_option *o;
    for (size_t i = 0; (o = cli_option_at(i)) != NULL; i++)
        if (strcmp(o->name, name) == 0)
            return *o;
    return (cli_option){.name = name};
}

void cli_help_write(unsigned command, FILE *out)
{
    const help_page *p = &pages[0];
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (pages[i].command == command)
            p = &pages[i];
    fputs(p->head, out);
    const cli_option *o;
    for (size_t i = 0; p->whole_table && (o = cli_option_at(i)) != NULL; i++)
        if (o->help && (o->commands & command))
            write_line(*o, o->help, out);
    /* a name the table lacks still shows, for tests/completion.sh to flag */
    for (const help_line *l = p->own; l && l->option; l++)
        write_line(option_named(l->option), l->text, out);
    if (p->tail)
        fputs(p->tail, out);
}
