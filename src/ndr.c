/* ndr.c - the command-line tool: a thin layer over libndr that parses
 * options, streams the input files, prints diagnostics on stderr and the
 * report on stdout, and maps outcomes to documented exit codes. */
#include "ndr.h"
#include "options.h"
#include "atomic_file.h"
#include "date.h"
#include "partial.h"
#include "cells.h"
#include "progress.h"
#include "checksum.h"
#include "sha256.h"
#include "utf8.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum exit_code {
    EXIT_OK = 0,       /* report written, every row used */
    EXIT_FAIL = 1,     /* no report: unreadable input, bad header, nothing to report, write error */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_REJECTED = 3, /* report written, but some rows were rejected */
    EXIT_STRICT = 4,   /* --strict stopped at a bad row; no report */
    EXIT_BELOW = 5     /* report written, but NDR is under --fail-below (or undefined) */
};

static const char *usage_text =
    "Usage: ndr SUBCOMMAND [OPTIONS] FILE...\n"
    "Computes Net Dollar Retention from subscription events (CSV).\n"
    "\n"
    "Subcommands:\n"
    "  report     NDR, GRR and logo retention for each period end\n"
    "  movements  the monthly MRR bridge: new, reactivation, expansion,\n"
    "             contraction, churn\n"
    "  cohorts    customers grouped by first paid month, MRR retained month by month\n"
    "  explain    the audit trail of one period end: every cohort customer and the\n"
    "             input rows behind its figures\n"
    "  methods    one period end under every methodology of public filings, side\n"
    "             by side, with why they differ\n"
    "  chart      an HTML page (table, bridge, trend chart, cohort heatmap) or one\n"
    "             chart as SVG\n"
    "  merge      add up the partial reports of shards (report --shard K/N\n"
    "             --format partial) into the report of the whole input\n"
    "  formats    the input formats ndr reads (--format-in), a line each\n"
    "\n"
    "Run 'ndr SUBCOMMAND --help' for the options. 'ndr --version' prints the version.\n";

static const char *movements_help =
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

static const char *report_help =
    "Usage: ndr report [OPTIONS] FILE...\n"
    "Trailing-window Net Dollar Retention (Slack 10-K definition): for each period\n"
    "end T, the cohort is every customer with MRR > 0 at the prior date P = T minus\n"
    "the window; NDR = the cohort's MRR at T / its MRR at P.\n"
    "\n"
    "FILE is a CSV: canonical events (customer_id, date, mrr and optionally\n"
    "subscription_id, currency) or a Stripe, ChartMogul or Baremetrics export,\n"
    "recognised by its header (see --format-in); '-' reads standard input.\n"
    "\n"
    "Options:\n"
    "  -w, --window N          months from prior date to period end (default 12)\n"
    "      --from YYYY-MM      first period end month to report\n"
    "      --to YYYY-MM        last period end month to report\n"
    "      --as-of DATE        report the single period end DATE (YYYY-MM-DD, any\n"
    "                          day), last-month-end or today\n"
    "  -f, --format FORMAT     table, csv or json (default: table on a terminal,\n"
    "                          csv otherwise; with -o, json for a .json FILE), or\n"
    "                          partial: the exact sums for 'ndr merge'\n"
    "  -o, --output FILE       write the report to FILE, atomically: it is replaced\n"
    "                          only when the whole report was written\n"
    "      --shard K/N         only the customers of shard K of N (by a hash of\n"
    "                          the customer or account id; docs/scale.md)\n"
    "      --strict            stop at the first bad row (exit 4, no report)\n"
    "      --format-in FMT     auto (default: by the header) or one of the formats\n"
    "                          'ndr formats' lists\n"
    "      --data-through DATE the data is complete up to DATE (the export's date;\n"
    "                          default: the latest date in it that shows how recent\n"
    "                          it is); later period ends are not final\n"
    "      --map NAME=HEADER   read the column HEADER as NAME (repeatable), e.g.\n"
    "                          --map customer_id='Account Name'\n"
    "      --accounts FILE     roll customers up into accounts: a CSV with\n"
    "                          columns customer_id,account_id\n"
    "      --by COLUMN         also the report per value of COLUMN (plan, region...),\n"
    "                          a customer counted in its value at the prior date\n"
    "      --currency CODE     report in this currency (e.g. USD)\n"
    "      --fx FILE           exchange rates to it: date,currency,rate_to_reporting\n"
    "      --fx-mode MODE      spot (default: each date at its own rates) or\n"
    "                          constant (prior MRR at the period end's rates too)\n"
    "      --method M          point (default; Slack), ttm-weighted, ttm-mean,\n"
    "                          revenue-quarter, revenue-ttm, compound or survivor\n"
    "                          (docs/methods.md)\n"
    "      --period P          month (default), quarter or year: spacing of the\n"
    "                          period ends, counted back from the last\n"
    "      --basis B           mrr (default) or arr: money x 12, same ratios\n"
    "      --min-prior-mrr X   count only customers with MRR >= X at the prior date\n"
    "      --min-current-mrr X ... and with MRR >= X at the period end\n"
    "      --min-prior-arr X, --min-current-arr X   the same as ARR (12 x MRR)\n"
    "      --provenance        CSV/table: first print '# ' lines with the command,\n"
    "                          parameters and each input's bytes and SHA-256\n"
    "      --fail-below PCT    exit 5 when the NDR of the last period end, as\n"
    "                          printed, is below PCT (e.g. 100) or undefined\n"
    "  -q, --quiet             print nothing on stderr but errors and rejected rows\n"
    "  -v, --verbose           also print the row accounting when stderr is not a\n"
    "                          terminal (it is printed on a terminal, and whenever\n"
    "                          rows were rejected)\n"
    "      --progress          show a progress line even when stderr is not a\n"
    "                          terminal; --no-progress: never (default: on a\n"
    "                          terminal, for reads longer than a second)\n"
    "  -h, --help              show this help\n";

/* the rest of report_help (one string would be too long for C99) */
static const char *report_help_end =
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

enum kind { KIND_REPORT, KIND_MOVEMENTS, KIND_COHORTS, KIND_EXPLAIN, KIND_METHODS, KIND_CHART,
            KIND_MERGE };

static const char *merge_help =
    "Usage: ndr merge [OPTIONS] PARTIAL...\n"
    "Adds up the partials of the N shards of one report (each from 'ndr report\n"
    "--shard K/N --format partial', same options and inputs) into the report of\n"
    "the whole input, exactly: the same period ends, figures and row accounting\n"
    "as one 'ndr report' over all customers. Refuses partials made with other\n"
    "parameters or inputs, a shard given twice, and missing shards.\n"
    "PARTIAL is a file, or '-' for standard input (several partials may follow\n"
    "each other there). See docs/scale.md.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT     table, csv or json (default: table on a terminal,\n"
    "                          csv otherwise; with -o, json for a .json FILE)\n"
    "  -o, --output FILE       write the report to FILE, atomically\n"
    "      --fail-below PCT    exit 5 when the last period end's NDR is below PCT\n"
    "      --provenance        CSV/table: first print '# ' lines (command, inputs)\n"
    "  -q, --quiet             print nothing on stderr but errors\n"
    "  -v, --verbose           the row accounting on stderr also when not a terminal\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit codes: as for 'ndr report': 0 ok, 1 failed (partials refused), 2 usage,\n"
    "3 report written but the shards rejected rows, 5 below --fail-below.\n"
    "\n"
    "Examples:\n"
    "  seq 1 4 | parallel ndr report --shard {}/4 -f partial -o part{}.ndr events.csv\n"
    "  ndr merge -f csv part*.ndr\n";

static const char *chart_help =
    "Usage: ndr chart [OPTIONS] FILE...\n"
    "Charts of the report, self-contained (no scripts, fonts or images to fetch).\n"
    "HTML (the default): one page for a nightly e-mail or an intranet, with the\n"
    "latest figures in a sentence, the NDR/GRR/logo retention trend with its 100%\n"
    "line, the report table, the monthly MRR bridge and the cohort heatmap.\n"
    "SVG: one chart, the trend (default) or the heatmap (--chart cohorts).\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), without --as-of,\n"
    "--by, --basis and the --min-* thresholds, and:\n"
    "  -f, --format FORMAT     html (default) or svg; with -o, svg for a .svg FILE\n"
    "      --chart CHART       with svg: trend (default) or cohorts\n"
    "      --cohort PERIOD     month (default), quarter or year cohorts in the heatmap\n"
    "      --fail-below PCT    exit 5 when the last period end's NDR is below PCT\n"
    "\n"
    "Examples:\n"
    "  ndr chart -o ndr.html events.csv\n"
    "  ndr chart -f svg --from 2024-01 events.csv > trend.svg\n"
    "  ndr chart -f svg --chart cohorts --cohort quarter events.csv > cohorts.svg\n";

static const char *methods_help =
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

static const char *cohorts_help =
    "Usage: ndr cohorts [OPTIONS] FILE...\n"
    "Cohorts (ChartMogul style): customers grouped by the month of the first month\n"
    "end at which they paid; per cohort its starting MRR and, N months after each\n"
    "member's start, the MRR still paid as a percentage of the start.\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), but --window and\n"
    "--as-of do not apply; --from YYYY-MM and --to YYYY-MM bound the cohorts, and:\n"
    "      --cohort PERIOD     month (default), quarter or year of the first payment\n"
    "      --logos             also logo (customer) retention\n"
    "\n"
    "Examples:\n"
    "  ndr cohorts events.csv\n"
    "  ndr cohorts --cohort year --logos -f csv events.csv\n";

static const char *explain_help =
    "Usage: ndr explain --as-of YYYY-MM-DD [OPTIONS] FILE...\n"
    "The audit trail of one period end: every customer of the cohort with its prior\n"
    "and current MRR, how it moved (expanded, contracted, churned, flat) and the\n"
    "input rows (file:line) that set each figure. The totals (on stderr, or in\n"
    "JSON) equal 'ndr report' for the same period end.\n"
    "\n"
    "Options: as for 'ndr report' (see 'ndr report --help'), --as-of required,\n"
    "without --from/--to/--by, and:\n"
    "      --top N             only the N largest contractions and churns (accounts\n"
    "                          at risk), then the N largest expansions\n"
    "\n"
    "Examples:\n"
    "  ndr explain --as-of 2024-12-31 events.csv\n"
    "  ndr explain --as-of 2024-12-31 --top 10 -f table events.csv\n";

typedef struct cli {
    enum kind kind;
    int window_set;
    ndr_cohort_period cohort;
    int logos;
    size_t top;
    ndr_report_options opt;
    ndr_read_options ropt;
    const char **maps;
    const char *accounts;
    const char *fx_file;
    ndr_format format;
    int format_set, strict, quiet, verbose;
    int progress;        /* -1 --no-progress, 0 auto, 1 --progress */
    int chart_cohorts;   /* --chart cohorts */
    int partial;         /* --format partial */
    unsigned shard_k, shard_n; /* --shard K/N; 0/0 none */
    int has_fail_below;  /* --fail-below PCT, in ndr_money units of a percent */
    ndr_money fail_below;
    const char *fail_below_text;
    ndr_period last;     /* the report's last period end, for --fail-below */
    int has_last;
    const char *output; /* -o FILE, or NULL for standard output */
    int provenance;     /* --provenance */
    char *command;      /* the command line, for the provenance */
} cli;

static const char *subcommand = "report"; /* for messages */

/* Room for a name or message made printable (each byte may become \xNN). */
#define SHOWN_SIZE 4096

/* text (a file name, or a message that may hold one) as one line of valid
 * UTF-8: a file may be called "a\nb.csv" or have Latin-1 bytes, which
 * would split a message or garble a terminal. */
static const char *shown(const char *text, char buf[SHOWN_SIZE])
{
    return ndr_utf8_printable(text, buf, SHOWN_SIZE);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ndr: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'ndr %s --help'.\n", subcommand);
    return EXIT_USAGE;
}

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < INT_MIN || v > INT_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

static int finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "ndr: write error on standard output: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

enum { OPT_FROM = CHAR_MAX + 1, OPT_TO, OPT_AS_OF, OPT_STRICT, OPT_FORMAT_IN, OPT_MAP,
       OPT_DATA_THROUGH,
       OPT_ACCOUNTS, OPT_CURRENCY, OPT_FX, OPT_FX_MODE, OPT_COHORT, OPT_LOGOS, OPT_BY,
       OPT_TOP, OPT_METHOD, OPT_PERIOD, OPT_BASIS, OPT_MIN_PRIOR_MRR, OPT_MIN_CURRENT_MRR,
       OPT_MIN_PRIOR_ARR, OPT_MIN_CURRENT_ARR, OPT_PROVENANCE, OPT_FAIL_BELOW, OPT_PROGRESS,
       OPT_NO_PROGRESS, OPT_CHART, OPT_SHARD };

/* Today's date: NDR_TODAY (YYYY-MM-DD) when set, so a job can be rerun as
 * of another day, else the local date. Returns 0, or -2 for a bad NDR_TODAY. */
static int today(ndr_date *out)
{
    const char *env = getenv("NDR_TODAY");
    if (env && *env)
        return strlen(env) == 10 && ndr_date_parse(env, 10, out) == 0 ? 0 : -2;
    time_t t = time(NULL);
    struct tm tm;
    if (localtime_r(&t, &tm) == NULL)
        return -1;
    *out = ndr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}

/* --as-of: YYYY-MM-DD, "today", or "last-month-end" (the last day of the
 * month before today's). Returns 0, -1 for a bad value, -2 for a bad
 * NDR_TODAY. */
static int parse_as_of(const char *arg, ndr_date *out)
{
    int is_today = strcmp(arg, "today") == 0;
    if (is_today || strcmp(arg, "last-month-end") == 0) {
        ndr_date d;
        int r = today(&d);
        if (r == 0)
            *out = is_today ? d : ndr_month_end(ndr_month_of(d) - 1);
        return r;
    }
    return strlen(arg) == 10 && ndr_date_parse(arg, 10, out) == 0 ? 0 : -1;
}

/* "events, stripe-subscriptions, ... or baremetrics" from the library's
 * registry of input formats. */
static void format_names(char *out, size_t size)
{
    size_t len = 0, n = 0;
    while (ndr_input_format_at(n) != NDR_IN_AUTO)
        n++;
    out[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s",
                                i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                ndr_input_format_name(ndr_input_format_at(i)));
}

/* --min-*-mrr / --min-*-arr X: a threshold, kept as ARR. */
static int parse_threshold(const char *arg, int is_mrr, ndr_money *out)
{
    ndr_money v;
    if (ndr_money_parse(arg, strlen(arg), &v) != NDR_MONEY_OK)
        return -1;
    return is_mrr && __builtin_mul_overflow(v, 12, &v) ? -1 : (*out = v, 0);
}


/* Every date a run computes with (period ends, prior dates, the data's
 * end) lies in the years ndr reads, 1900-2199: a date outside them is a
 * typo, and the calendar code is not made for year 0 or 10000. */
static int check_years(const cli *c)
{
    const int lo = ndr_month_of(NDR_DAY_MIN), hi = ndr_month_of(NDR_DAY_MAX);
    const ndr_report_options *o = &c->opt;
    if (o->from_month >= 0 && (o->from_month < lo || o->from_month > hi))
        return usage_error("%s", "--from lies outside the years 1900-2199");
    if (o->to_month >= 0 && (o->to_month < lo || o->to_month > hi))
        return usage_error("%s", "--to lies outside the years 1900-2199");
    if (o->has_as_of && (o->as_of < NDR_DAY_MIN || o->as_of > NDR_DAY_MAX))
        return usage_error("%s", "--as-of lies outside the years 1900-2199");
    if (o->has_data_through && (o->data_through < NDR_DAY_MIN || o->data_through > NDR_DAY_MAX))
        return usage_error("%s", "--data-through lies outside the years 1900-2199");
    /* the earliest prior date: the window (and a method's parts) back */
    int back = c->kind == KIND_MOVEMENTS || c->kind == KIND_COHORTS ? 0
                                                                     : ndr_method_lead_months(o);
    if (o->has_as_of && ndr_month_of(o->as_of) - back < lo)
        return usage_error("%s", "--as-of minus the window falls before 1900");
    if (o->from_month >= 0 && o->from_month - back < lo)
        return usage_error("%s", "--from minus the window falls before 1900");
    return 0;
}

static int parse_report_args(cli *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"accounts", required_argument, NULL, OPT_ACCOUNTS},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"by", required_argument, NULL, OPT_BY},
        {"chart", required_argument, NULL, OPT_CHART},
        {"cohort", required_argument, NULL, OPT_COHORT},
        {"currency", required_argument, NULL, OPT_CURRENCY},
        {"fail-below", required_argument, NULL, OPT_FAIL_BELOW},
        {"fx", required_argument, NULL, OPT_FX},
        {"fx-mode", required_argument, NULL, OPT_FX_MODE},
        {"format-in", required_argument, NULL, OPT_FORMAT_IN},
        {"data-through", required_argument, NULL, OPT_DATA_THROUGH},
        {"map", required_argument, NULL, OPT_MAP},
        {"method", required_argument, NULL, OPT_METHOD},
        {"min-current-arr", required_argument, NULL, OPT_MIN_CURRENT_ARR},
        {"min-current-mrr", required_argument, NULL, OPT_MIN_CURRENT_MRR},
        {"min-prior-arr", required_argument, NULL, OPT_MIN_PRIOR_ARR},
        {"min-prior-mrr", required_argument, NULL, OPT_MIN_PRIOR_MRR},
        {"period", required_argument, NULL, OPT_PERIOD},
        {"basis", required_argument, NULL, OPT_BASIS},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"provenance", no_argument, NULL, OPT_PROVENANCE},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"format", required_argument, NULL, 'f'},
        {"from", required_argument, NULL, OPT_FROM},
        {"help", no_argument, NULL, 'h'},
        {"logos", no_argument, NULL, OPT_LOGOS},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"to", required_argument, NULL, OPT_TO},
        {"top", required_argument, NULL, OPT_TOP},
        {"verbose", no_argument, NULL, 'v'},
        {"window", required_argument, NULL, 'w'},
        {NULL, 0, NULL, 0},
    };
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":f:ho:qvw:", longopts, NULL)) != -1) {
        switch (ch) {
        case 'w':
            c->window_set = 1;
            if (parse_int(optarg, &c->opt.window_months) || c->opt.window_months < 1 ||
                c->opt.window_months > 1200)
                return usage_error("bad --window '%s': expected 1 to 1200 months", optarg);
            break;
        case OPT_FROM:
            if (ndr_month_parse(optarg, &c->opt.from_month))
                return usage_error("bad --from '%s': expected YYYY-MM", optarg);
            break;
        case OPT_TO:
            if (ndr_month_parse(optarg, &c->opt.to_month))
                return usage_error("bad --to '%s': expected YYYY-MM", optarg);
            break;
        case OPT_AS_OF: {
            int r = parse_as_of(optarg, &c->opt.as_of);
            if (r == -2)
                return usage_error("bad NDR_TODAY '%s': expected a date YYYY-MM-DD",
                                   getenv("NDR_TODAY"));
            if (r)
                return usage_error("bad --as-of '%s': expected a date YYYY-MM-DD, "
                                   "last-month-end or today",
                                   optarg);
            c->opt.has_as_of = 1;
            break;
        }
        case 'f':
            c->format_set = 1;
            if (c->kind == KIND_CHART) {
                if (strcmp(optarg, "html") != 0 && strcmp(optarg, "svg") != 0)
                    return usage_error("bad --format '%s': chart writes html or svg", optarg);
                c->format = optarg[0] == 'h' ? NDR_FORMAT_HTML : NDR_FORMAT_SVG;
            } else if (strcmp(optarg, "partial") == 0) {
                if (c->kind != KIND_REPORT)
                    return usage_error("%s", "--format partial applies to 'ndr report' only");
                c->partial = 1;
                c->format = NDR_FORMAT_CSV;
            } else if (strcmp(optarg, "table") == 0)
                c->format = NDR_FORMAT_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                c->format = NDR_FORMAT_CSV;
            else if (strcmp(optarg, "json") == 0)
                c->format = NDR_FORMAT_JSON;
            else
                return usage_error("bad --format '%s': expected table, csv or json", optarg);
            break;
        case 'o':
            if (optarg[0] == '\0')
                return usage_error("%s", "-o needs a file name");
            c->output = strcmp(optarg, "-") == 0 ? NULL : optarg;
            break;
        case OPT_FORMAT_IN:
            if (ndr_input_format_parse(optarg, &c->ropt.format)) {
                char list[512];
                format_names(list, sizeof list);
                return usage_error("bad --format-in '%s': expected auto, %s", optarg, list);
            }
            break;
        case OPT_DATA_THROUGH: {
            int r = parse_as_of(optarg, &c->opt.data_through);
            if (r == -2)
                return usage_error("bad NDR_TODAY '%s': expected a date YYYY-MM-DD",
                                   getenv("NDR_TODAY"));
            if (r)
                return usage_error("bad --data-through '%s': expected a date YYYY-MM-DD, "
                                   "last-month-end or today",
                                   optarg);
            c->opt.has_data_through = 1;
            break;
        }
        case OPT_MAP: {
            const char *eq = strchr(optarg, '=');
            if (eq == NULL || eq == optarg || eq[1] == '\0')
                return usage_error("bad --map '%s': expected NAME=HEADER", optarg);
            const char **m = realloc(c->maps, (c->ropt.nmap + 1) * sizeof *m);
            if (m == NULL)
                return usage_error("%s", "out of memory");
            m[c->ropt.nmap++] = optarg;
            c->maps = m;
            c->ropt.map = m;
            break;
        }
        case OPT_ACCOUNTS: c->accounts = optarg; break;
        case OPT_CURRENCY: {
            size_t n = strlen(optarg);
            int ok = n == 3;
            for (size_t i = 0; ok && i < 3; i++)
                ok = (optarg[i] >= 'A' && optarg[i] <= 'Z') || (optarg[i] >= 'a' && optarg[i] <= 'z');
            if (!ok)
                return usage_error("bad --currency '%s': expected a 3-letter code such as USD",
                                   optarg);
            for (size_t i = 0; i < 3; i++)
                c->opt.currency[i] = (char)(optarg[i] & ~0x20);
            c->opt.currency[3] = '\0';
            break;
        }
        case OPT_FX: c->fx_file = optarg; break;
        case OPT_COHORT:
            if (c->kind != KIND_COHORTS && c->kind != KIND_CHART)
                return usage_error("%s", "--cohort applies to 'ndr cohorts' and 'ndr chart' only");
            if (strcmp(optarg, "month") == 0)
                c->cohort = NDR_COHORT_MONTH;
            else if (strcmp(optarg, "quarter") == 0)
                c->cohort = NDR_COHORT_QUARTER;
            else if (strcmp(optarg, "year") == 0)
                c->cohort = NDR_COHORT_YEAR;
            else
                return usage_error("bad --cohort '%s': expected month, quarter or year", optarg);
            break;
        case OPT_BY:
            if (c->kind != KIND_REPORT)
                return usage_error("%s", "--by applies to 'ndr report' only");
            if (optarg[0] == '\0')
                return usage_error("%s", "--by needs a column name");
            c->ropt.segment_column = optarg;
            c->opt.by_segment = 1;
            break;
        case OPT_TOP: {
            int top;
            if (c->kind != KIND_EXPLAIN)
                return usage_error("%s", "--top applies to 'ndr explain' only");
            if (parse_int(optarg, &top) || top < 1)
                return usage_error("bad --top '%s': expected a number from 1", optarg);
            c->top = (size_t)top;
            break;
        }
        case OPT_LOGOS:
            if (c->kind != KIND_COHORTS)
                return usage_error("%s", "--logos applies to 'ndr cohorts' only");
            c->logos = 1;
            break;
        case OPT_FX_MODE:
            if (strcmp(optarg, "spot") == 0)
                c->opt.fx_constant = 0;
            else if (strcmp(optarg, "constant") == 0)
                c->opt.fx_constant = 1;
            else
                return usage_error("bad --fx-mode '%s': expected spot or constant", optarg);
            break;
        case OPT_METHOD:
            if (c->kind != KIND_REPORT && c->kind != KIND_CHART)
                return usage_error("%s", "--method applies to 'ndr report' and 'ndr chart' only");
            if (ndr_method_parse(optarg, &c->opt.method))
                return usage_error("bad --method '%s': expected point, ttm-weighted, ttm-mean, "
                                   "revenue-quarter, revenue-ttm, compound or survivor",
                                   optarg);
            break;
        case OPT_PERIOD:
            if (strcmp(optarg, "month") == 0)
                c->opt.period_months = 1;
            else if (strcmp(optarg, "quarter") == 0)
                c->opt.period_months = 3;
            else if (strcmp(optarg, "year") == 0)
                c->opt.period_months = 12;
            else
                return usage_error("bad --period '%s': expected month, quarter or year", optarg);
            break;
        case OPT_BASIS:
            if (strcmp(optarg, "mrr") != 0 && strcmp(optarg, "arr") != 0)
                return usage_error("bad --basis '%s': expected mrr or arr", optarg);
            c->opt.basis_arr = strcmp(optarg, "arr") == 0;
            break;
        case OPT_MIN_PRIOR_MRR:
        case OPT_MIN_PRIOR_ARR:
        case OPT_MIN_CURRENT_MRR:
        case OPT_MIN_CURRENT_ARR: {
            int prior = ch == OPT_MIN_PRIOR_MRR || ch == OPT_MIN_PRIOR_ARR;
            int mrr = ch == OPT_MIN_PRIOR_MRR || ch == OPT_MIN_CURRENT_MRR;
            if (parse_threshold(optarg, mrr, prior ? &c->opt.min_prior_arr
                                                   : &c->opt.min_current_arr))
                return usage_error("bad --min-%s-%s '%s': expected an amount such as 833.33",
                                   prior ? "prior" : "current", mrr ? "mrr" : "arr", optarg);
            break;
        }
        case OPT_PROVENANCE: c->provenance = 1; break;
        case OPT_PROGRESS: c->progress = 1; break;
        case OPT_NO_PROGRESS: c->progress = -1; break;
        case 'v': c->verbose = 1; break;
        case OPT_SHARD: {
            unsigned k, n;
            char end;
            if (c->kind != KIND_REPORT)
                return usage_error("%s", "--shard applies to 'ndr report' only");
            if (sscanf(optarg, "%u/%u%c", &k, &n, &end) != 2 || strchr(optarg, '-') || n < 1 ||
                n > NDR_MAX_SHARDS || k < 1 || k > n)
                return usage_error("bad --shard '%s': expected K/N with 1 <= K <= N, such as 2/7",
                                   optarg);
            c->shard_k = k;
            c->shard_n = n;
            break;
        }
        case OPT_CHART:
            if (c->kind != KIND_CHART)
                return usage_error("%s", "--chart applies to 'ndr chart' only");
            if (strcmp(optarg, "trend") != 0 && strcmp(optarg, "cohorts") != 0)
                return usage_error("bad --chart '%s': expected trend or cohorts", optarg);
            c->chart_cohorts = optarg[0] == 'c';
            break;
        case OPT_FAIL_BELOW:
            if (c->kind != KIND_REPORT && c->kind != KIND_CHART && c->kind != KIND_MERGE)
                return usage_error("%s", "--fail-below applies to 'ndr report', 'ndr chart' "
                                         "and 'ndr merge' only");
            if (ndr_money_parse(optarg, strlen(optarg), &c->fail_below) != NDR_MONEY_OK)
                return usage_error("bad --fail-below '%s': expected a percentage such as 100 "
                                   "or 97.5",
                                   optarg);
            c->has_fail_below = 1;
            c->fail_below_text = optarg;
            break;
        case OPT_STRICT: c->strict = 1; break;
        case 'q': c->quiet = 1; break;
        case 'h':
            fputs(c->kind == KIND_MOVEMENTS  ? movements_help
                  : c->kind == KIND_COHORTS ? cohorts_help
                  : c->kind == KIND_EXPLAIN ? explain_help
                  : c->kind == KIND_METHODS ? methods_help
                  : c->kind == KIND_CHART   ? chart_help
                  : c->kind == KIND_MERGE   ? merge_help
                                            : report_help,
                  stdout);
            if (c->kind == KIND_REPORT)
                fputs(report_help_end, stdout);
            return finish_stdout() ? EXIT_FAIL : -1;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (c->kind == KIND_MERGE &&
        (c->window_set || c->opt.from_month >= 0 || c->opt.to_month >= 0 || c->opt.has_as_of ||
         c->opt.method != NDR_METHOD_POINT || c->opt.period_months != 1 || c->opt.basis_arr ||
         c->opt.min_prior_arr || c->opt.min_current_arr || c->opt.currency[0] || c->fx_file ||
         c->accounts || c->ropt.nmap || c->ropt.format != NDR_IN_AUTO || c->strict ||
         c->opt.fx_constant || c->progress || c->opt.has_data_through))
        return usage_error("%s", "merge takes its parameters from the partials: only -f, -o, "
                                 "-q, -v, --fail-below and --provenance apply");
    if (c->kind == KIND_EXPLAIN && !c->opt.has_as_of)
        return usage_error("%s", "explain needs --as-of YYYY-MM-DD (the period end to explain)");
    if (c->kind == KIND_METHODS && !c->opt.has_as_of)
        return usage_error("%s", "methods needs --as-of YYYY-MM-DD (the period end to compare)");
    if ((c->kind == KIND_EXPLAIN || c->kind == KIND_METHODS) &&
        (c->opt.from_month >= 0 || c->opt.to_month >= 0))
        return usage_error("%s takes --as-of, not --from or --to", subcommand);
    if (c->kind == KIND_CHART && c->opt.has_as_of)
        return usage_error("%s", "chart takes --from and --to, not --as-of");
    if (c->kind == KIND_CHART && c->chart_cohorts && c->format_set &&
        c->format == NDR_FORMAT_HTML)
        return usage_error("%s", "--chart picks the SVG chart; the HTML page has both");
    if (c->kind != KIND_REPORT && c->kind != KIND_EXPLAIN && c->kind != KIND_METHODS &&
        c->kind != KIND_CHART && (c->window_set || c->opt.has_as_of))
        return usage_error("--window and --as-of do not apply to %s; bound the months with "
                           "--from and --to",
                           subcommand);
    if (c->opt.has_as_of && (c->opt.from_month >= 0 || c->opt.to_month >= 0))
        return usage_error("%s", "--as-of cannot be combined with --from or --to");
    if (c->opt.from_month >= 0 && c->opt.to_month >= 0 && c->opt.from_month > c->opt.to_month)
        return usage_error("%s", "--from is after --to");
    if (check_years(c))
        return 2;
    if (c->kind == KIND_CHART &&
        (c->opt.basis_arr || c->opt.min_prior_arr || c->opt.min_current_arr))
        return usage_error("%s", "--basis and the --min-* thresholds do not apply to chart");
    if (c->kind != KIND_REPORT && c->kind != KIND_METHODS && c->kind != KIND_CHART &&
        (c->opt.period_months != 1 || c->opt.basis_arr || c->opt.min_prior_arr ||
         c->opt.min_current_arr))
        return usage_error("%s", "--period, --basis and the --min-* thresholds apply to "
                                 "'ndr report' and 'ndr methods' only");
    if (c->opt.basis_arr && ndr_method_is_revenue(c->opt.method))
        return usage_error("--basis arr applies to the MRR methods; %s reports revenue",
                           ndr_method_name(c->opt.method));
    if (c->opt.by_segment && c->opt.method != NDR_METHOD_POINT &&
        c->opt.method != NDR_METHOD_SURVIVOR)
        return usage_error("--by works with the point and survivor methods only, not %s",
                           ndr_method_name(c->opt.method));
    if (c->partial && (c->opt.by_segment || !ndr_partial_method_ok(&c->opt)))
        return usage_error("%s", "--format partial carries the point and survivor methods, "
                                 "without --by (their sums add up over shards)");
    if (c->fx_file && c->opt.currency[0] == '\0')
        return usage_error("%s", "--fx needs --currency (the currency the rates convert to)");
    char why[600];
    /* here, not when a header is read: a --map that can mean two columns
     * is the command line's fault, whatever the files */
    if (ndr_read_options_check(&c->ropt, why, sizeof why) != NDR_OK)
        return usage_error("%s", why);
    if (optind >= argc)
        return usage_error("%s", c->kind == KIND_MERGE
                                     ? "no PARTIAL given (use '-' for standard input)"
                                     : "no input FILE given (use '-' for standard input)");
    /* standard input can be read once: a second '-' would read as empty */
    int stdin_uses = (c->fx_file && strcmp(c->fx_file, "-") == 0) +
                     (c->accounts && strcmp(c->accounts, "-") == 0);
    for (int i = optind; i < argc; i++)
        stdin_uses += strcmp(argv[i], "-") == 0;
    if (stdin_uses > 1)
        return usage_error("%s", "standard input ('-') is given more than once: it can be "
                                 "read only once");
    return 0;
}

static ndr_progress progress;

static void print_reject(void *ctx, const char *source, uint64_t line, const char *reason)
{
    (void)ctx;
    ndr_progress_end(&progress);
    fprintf(stderr, "ndr: %s:%llu: %s\n", source, (unsigned long long)line, reason);
}

/* Whether to print what is not a problem (the accounting, the format
 * recognised): on a terminal, or with --verbose; never with --quiet. */
static int chatty(const cli *c)
{
    return !c->quiet && (c->verbose || isatty(STDERR_FILENO));
}

static void show_progress(void *ctx, uint64_t bytes, uint64_t rows)
{
    ndr_progress_update(ctx, bytes, rows);
}

/* What is worth knowing about how one input was read: the format picked
 * (chatty), a header that fits two formats and the format's own warnings
 * (always: a misread file gives wrong figures), rows given twice. */
static void say_how_read(const cli *c, const ndr_source *s)
{
    const ndr_read_stats *t = &s->stats;
    ndr_input_format f = t->format;
    int guessed = c->ropt.format == NDR_IN_AUTO;
    char buf[SHOWN_SIZE];
    const char *name = shown(s->name, buf);
    if (guessed && t->also_fits != NDR_IN_AUTO)
        fprintf(stderr,
                "ndr: warning: %s: read as %s, but its header also fits %s (--format-in %s "
                "reads it so)\n",
                name, ndr_input_format_name(f), ndr_input_format_name(t->also_fits),
                ndr_input_format_name(t->also_fits));
    else if (chatty(c) && guessed && f != NDR_IN_AUTO && f != NDR_IN_EVENTS)
        fprintf(stderr, "ndr: %s: read as %s\n", name, ndr_input_format_name(f));
    if (t->note[0])
        fprintf(stderr, "ndr: warning: %s: %s\n", name, t->note);
}

/* Rows given twice (the same file twice, overlapping exports), per input,
 * once every input is read. */
static void say_duplicates(const cli *c, const ndr_source *s, int n)
{
    for (int i = 0; i < n && !c->quiet; i++) {
        const ndr_read_stats *t = &s[i].stats;
        if (t->rows_duplicate)
            fprintf(stderr,
                    "ndr: %s: %llu row%s repeat%s rows read before (the first at line %llu): "
                    "counted once\n",
                    shown(s[i].name, (char[SHOWN_SIZE]){0}), (unsigned long long)t->rows_duplicate,
                    t->rows_duplicate == 1 ? "" : "s", t->rows_duplicate == 1 ? "s" : "",
                    (unsigned long long)t->first_duplicate);
    }
}

/* A date years away from every other one is most likely a typo; it
 * stretches the report (and a late one makes periods count as final that
 * are not), so it is named, with what to do. */
static void warn_far_date(const cli *c, const ndr_dataset *ds)
{
    ndr_far_date f;
    if (c->shard_n || !ndr_dataset_far_date(ds, &f)) /* also with -q: figures are at stake */
        return;
    char d[11], r[11], more[64] = "";
    ndr_date_format(f.line_day, d);
    ndr_date_format(f.rest, r);
    int years = (f.after ? f.line_day - f.rest : f.rest - f.line_day) / 365;
    if (f.rows > 1)
        snprintf(more, sizeof more, " (one of %llu events there)", (unsigned long long)f.rows);
    if (f.after)
        fprintf(stderr,
                "ndr: warning: %s:%llu: dated %s, %d years after every other row%s, which end "
                "%s: a typo? The data then runs to %s, so period ends after %s count as "
                "final; fix the row, or give --data-through %s\n",
                f.input, (unsigned long long)f.line, d, years, more, r, d, r, r);
    else
        fprintf(stderr,
                "ndr: warning: %s:%llu: dated %s, %d years before every other row%s, which "
                "start %s: a typo? The default range of period ends starts from it; fix the "
                "row, or give --from\n",
                f.input, (unsigned long long)f.line, d, years, more, r);
}

/* After the last input: joins warehouse lines to their invoices, rejecting
 * those whose invoice is missing, and takes the final accounting of each
 * input. Returns EXIT_OK, EXIT_FAIL or EXIT_STRICT. */
static int finish_inputs(cli *c, ndr_dataset *ds, ndr_source *src, int n)
{
    char msg[600];
    ndr_status st = ndr_dataset_finish_reading(ds, c->strict ? NDR_READ_STRICT : 0, print_reject,
                                               NULL, msg, sizeof msg);
    for (int i = 0; i < n; i++) {
        const ndr_read_stats *t = src[i].stats.input == UINT32_MAX
                                      ? NULL
                                      : ndr_dataset_input_stats(ds, src[i].stats.input);
        if (t)
            src[i].stats = *t;
    }
    say_duplicates(c, src, n);
    if (st == NDR_ERR_BAD_ROW) {
        fprintf(stderr, "ndr: stopped at the first bad row (--strict)\n");
        return EXIT_STRICT;
    }
    if (st != NDR_OK) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* Reads every input into ds. Returns EXIT_OK, EXIT_FAIL or EXIT_STRICT. */
static int read_inputs(cli *c, ndr_dataset *ds, char **files, int n, ndr_source *src)
{
    int rc = EXIT_OK;
    for (int i = 0; i < n; i++) {
        int is_stdin = strcmp(files[i], "-") == 0;
        src[i].name = is_stdin ? "<stdin>" : files[i];
        memset(&src[i].stats, 0, sizeof src[i].stats);
        src[i].stats.input = UINT32_MAX; /* read into no data set entry */
        FILE *in = is_stdin ? stdin : fopen(files[i], "rb");
        if (in == NULL) {
            fprintf(stderr, "ndr: %s: cannot open: %s\n", shown(files[i], (char[SHOWN_SIZE]){0}),
                strerror(errno));
            rc = EXIT_FAIL;
            continue;
        }
        char msg[600];
        unsigned flags = (c->strict ? NDR_READ_STRICT : 0) |
                         (c->partial ? NDR_READ_CHECKSUM : 0) |
                         (c->provenance || (c->format == NDR_FORMAT_JSON && !c->partial) ||
                                  c->format == NDR_FORMAT_HTML
                              ? NDR_READ_FINGERPRINT
                              : 0);
        ndr_status st = ndr_read_stream(ds, in, src[i].name, &c->ropt, flags, print_reject, NULL,
                                        &src[i].stats, msg, sizeof msg);
        ndr_progress_next(&progress, src[i].stats.bytes, src[i].stats.rows_read);
        ndr_progress_end(&progress);
        say_how_read(c, &src[i]);
        if (!is_stdin)
            fclose(in);
        if (st == NDR_ERR_BAD_ROW) {
            fprintf(stderr, "ndr: stopped at the first bad row (--strict)\n");
            return EXIT_STRICT;
        }
        if (st != NDR_OK) {
            fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
            rc = EXIT_FAIL;
        }
    }
    return rc;
}

static void print_accounting(const ndr_source *src, int n)
{
    ndr_read_stats t;
    memset(&t, 0, sizeof t);
    for (int i = 0; i < n; i++) {
        t.rows_read += src[i].stats.rows_read;
        t.rows_used += src[i].stats.rows_used;
        t.rows_not_mrr += src[i].stats.rows_not_mrr;
        t.rows_rejected += src[i].stats.rows_rejected;
        t.blank_lines += src[i].stats.blank_lines;
        t.rows_other_shards += src[i].stats.rows_other_shards;
        t.rows_duplicate += src[i].stats.rows_duplicate;
    }
    char not_mrr[64] = "", other[64] = "", dup[64] = "";
    if (t.rows_other_shards)
        snprintf(other, sizeof other, ", %llu in other shards",
                 (unsigned long long)t.rows_other_shards);
    if (t.rows_not_mrr)
        snprintf(not_mrr, sizeof not_mrr, " %llu not MRR,", (unsigned long long)t.rows_not_mrr);
    if (t.rows_duplicate)
        snprintf(dup, sizeof dup, " %llu duplicate,", (unsigned long long)t.rows_duplicate);
    fprintf(stderr,
            "ndr: %llu row%s read, %llu used,%s%s %llu rejected (%d file%s, %llu blank line%s%s)\n",
            (unsigned long long)t.rows_read, t.rows_read == 1 ? "" : "s",
            (unsigned long long)t.rows_used, not_mrr, dup, (unsigned long long)t.rows_rejected, n,
            n == 1 ? "" : "s", (unsigned long long)t.blank_lines, t.blank_lines == 1 ? "" : "s",
            other);
}

/* A file read for the options (--fx, --accounts) in the provenance: its
 * size and SHA-256. */
static void fingerprint_file(const char *path, const char *role, ndr_source *out)
{
    memset(out, 0, sizeof *out);
    out->name = path;
    out->role = role;
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return;
    ndr_sha256 h;
    ndr_checksum sum;
    unsigned char buf[65536];
    size_t n;
    ndr_sha256_init(&h);
    ndr_checksum_init(&sum);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        ndr_sha256_update(&h, buf, n);
        ndr_checksum_update(&sum, buf, n);
        out->stats.bytes += n;
    }
    if (!ferror(in)) {
        ndr_sha256_hex(&h, out->stats.sha256);
        ndr_checksum_hex(&sum, out->stats.checksum);
    }
    fclose(in);
}

/* The command line as a shell would read it back: "ndr report 'a b.csv'". */
static char *command_line(int argc, char **argv)
{
    size_t len = 4;
    for (int i = 0; i < argc; i++)
        len += 4 * strlen(argv[i]) + 3;
    char *s = malloc(len), *p = s;
    if (s == NULL)
        return NULL;
    p += sprintf(p, "ndr %s", subcommand);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int plain = a[0] != '\0' && strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                               "0123456789_./=:,@%+-") == strlen(a);
        *p++ = ' ';
        if (plain) {
            p += sprintf(p, "%s", a);
            continue;
        }
        *p++ = '\'';
        for (; *a; a++)
            p += *a == '\'' ? sprintf(p, "'\\''") : sprintf(p, "%c", *a);
        *p++ = '\'';
    }
    *p = '\0';
    return s;
}

/* --fx FILE. Returns EXIT_OK or EXIT_FAIL. */
static int read_fx(const char *path, ndr_fx **out)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "ndr: %s: cannot open: %s\n", shown(path, (char[SHOWN_SIZE]){0}),
                strerror(errno));
        return EXIT_FAIL;
    }
    char msg[600];
    ndr_fx *fx = ndr_fx_new();
    ndr_status st = fx ? ndr_fx_read(fx, in, path, msg, sizeof msg) : NDR_ERR_NOMEM;
    fclose(in);
    if (st != NDR_OK) {
        fprintf(stderr, "ndr: %s\n", fx ? shown(msg, (char[SHOWN_SIZE]){0}) : "out of memory");
        ndr_fx_free(fx);
        return EXIT_FAIL;
    }
    *out = fx;
    return EXIT_OK;
}

/* --accounts FILE into ds. Returns EXIT_OK or EXIT_FAIL. */
static int read_accounts(const char *path, ndr_dataset *ds)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "ndr: %s: cannot open: %s\n", shown(path, (char[SHOWN_SIZE]){0}),
                strerror(errno));
        return EXIT_FAIL;
    }
    char msg[1200]; /* a chain names the file twice and four ids */
    ndr_status st = ndr_read_accounts(ds, in, path, msg, sizeof msg);
    fclose(in);
    if (st != NDR_OK) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* The format when --format is not given: by -o FILE's extension, else
 * a table for a terminal and CSV for a pipe or file. */
static ndr_format default_format(const cli *c)
{
    size_t len = c->output ? strlen(c->output) : 0;
    if (c->kind == KIND_CHART)
        return len > 4 && strcmp(c->output + len - 4, ".svg") == 0 ? NDR_FORMAT_SVG
                                                                   : NDR_FORMAT_HTML;
    if (c->output) {
        size_t n = len;
        return n > 5 && strcmp(c->output + n - 5, ".json") == 0 ? NDR_FORMAT_JSON
                                                                 : NDR_FORMAT_CSV;
    }
    return isatty(STDOUT_FILENO) ? NDR_FORMAT_TABLE : NDR_FORMAT_CSV;
}

/* explain's totals, on stderr, to compare with the report. */
static void print_totals(const ndr_period *t)
{
    char p[NDR_MONEY_TEXT], c[NDR_MONEY_TEXT], e[NDR_MONEY_TEXT], k[NDR_MONEY_TEXT], h[NDR_MONEY_TEXT], pct[48];
    ndr_money_format(t->prior_mrr, 2, p);
    ndr_money_format(t->current_mrr, 2, c);
    ndr_money_format(t->expansion_mrr, 2, e);
    ndr_money_format(t->contraction_mrr, 2, k);
    ndr_money_format(t->churned_mrr, 2, h);
    fprintf(stderr,
            "ndr: totals: %llu customers, %llu retained, prior %s, current %s, expansion %s, "
            "contraction %s, churned %s, NDR %s%s\n",
            (unsigned long long)t->customers, (unsigned long long)t->retained_customers, p, c, e,
            k, h, ndr_pct_format(t->current_mrr, t->prior_mrr, pct) ? pct : "n/a",
            ndr_pct_format(t->current_mrr, t->prior_mrr, pct) ? "%" : "");
}

/* --provenance: the comment lines before CSV or table output (JSON carries
 * the provenance itself). */
static ndr_status prologue(const cli *c, const ndr_source *src, size_t n, FILE *out)
{
    if (!c->provenance || c->format == NDR_FORMAT_JSON)
        return NDR_OK;
    return ndr_provenance_write(&c->opt, src, n, out);
}

static int write_failed(const cli *c)
{
    fprintf(stderr, "ndr: write error on %s\n",
            c->output ? shown(c->output, (char[SHOWN_SIZE]){0}) : "standard output");
    return EXIT_FAIL;
}

/* The report's last period end, for --fail-below. */
static void keep_last(cli *c, const ndr_report *r)
{
    size_t n = ndr_report_count(r);
    c->has_last = n > 0;
    if (n)
        c->last = *ndr_report_period(r, n - 1);
}

/* The reading options a merge must find equal in every partial. */
static void read_params(const cli *c, char *out, size_t size)
{
    size_t len = (size_t)snprintf(out, size, "format_in=%s",
                                  c->ropt.format == NDR_IN_AUTO
                                      ? "auto"
                                      : ndr_input_format_name(c->ropt.format));
    for (size_t i = 0; i < c->ropt.nmap && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, ";map=%s", c->ropt.map[i]);
}

/* --format partial: the shard's sums for ndr merge. Returns EXIT_OK or
 * EXIT_FAIL. */
static int write_partial(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n, FILE *out)
{
    char msg[600], params[2048];
    ndr_report *r = NULL;
    ndr_date first, last;
    ndr_status st = NDR_OK;
    if (ndr_dataset_date_range(ds, &first, &last) == 0)
        st = ndr_report_compute(ds, &c->opt, &r, msg, sizeof msg);
    if (st != NDR_OK) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        return EXIT_FAIL;
    }
    read_params(c, params, sizeof params);
    st = ndr_partial_write(&c->opt, r, ds, params, src, n, out);
    ndr_report_free(r);
    return st == NDR_OK ? EXIT_OK : write_failed(c);
}

/* ndr chart: the cohort heatmap or the trend as SVG, or the HTML page with
 * the report, the bridge and the cohorts. Returns EXIT_OK or EXIT_FAIL. */
/* The chart's heatmap shows the latest 120 cohorts (ten years of monthly
 * ones) unless --from says where to start: older rows would make a page
 * nobody reads, and 300 years of them 1.5 GB. */
static ndr_report_options chart_cohort_options(const cli *c, const ndr_dataset *ds)
{
    ndr_report_options o = c->opt;
    ndr_date first, last;
    if (o.from_month >= 0 || ndr_dataset_date_range(ds, &first, &last) != 0)
        return o;
    ndr_dataset_data_through(ds, &last); /* else the last event date stays */
    if (o.has_data_through)
        last = o.data_through;
    if (o.has_today && o.today < last)
        last = o.today;
    int step = c->cohort == NDR_COHORT_YEAR ? 12 : c->cohort == NDR_COHORT_QUARTER ? 3 : 1;
    int from = ndr_month_of(last) - 120 * step + 1;
    if (from > ndr_month_of(first))
        o.from_month = from;
    return o;
}

static int write_chart(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n, FILE *out)
{
    char msg[600];
    ndr_report *r = NULL;
    ndr_movements *m = NULL;
    ndr_cohorts *co = NULL;
    int svg = c->format == NDR_FORMAT_SVG;
    ndr_status st = NDR_OK;
    if (!(svg && c->chart_cohorts) || c->has_fail_below)
        st = ndr_report_compute(ds, &c->opt, &r, msg, sizeof msg);
    if (st == NDR_OK && !svg)
        st = ndr_movements_compute(ds, &c->opt, &m, msg, sizeof msg);
    ndr_report_options co_opt = chart_cohort_options(c, ds);
    if (st == NDR_OK && (!svg || c->chart_cohorts))
        st = ndr_cohorts_compute(ds, &co_opt, c->cohort, &co, msg, sizeof msg);
    int rc = EXIT_FAIL;
    if (st != NDR_OK) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
    } else {
        st = svg && c->chart_cohorts ? ndr_cohorts_write(co, &c->opt, 0, c->format, src, n, out)
             : svg                  ? ndr_report_write(r, c->format, src, n, out)
                                    : ndr_html_write(r, m, co, src, n, out);
        rc = st == NDR_OK ? EXIT_OK : write_failed(c);
    }
    if (r)
        keep_last(c, r);
    ndr_report_free(r);
    ndr_movements_free(m);
    ndr_cohorts_free(co);
    return rc;
}

/* --as-of or --to after the data's "as of" date (a stale export, or
 * "today" before tonight's data arrived): the figures are not final, so
 * say so. */
static void warn_stale(const cli *c, int has_through, ndr_date through)
{
    char a[11], b[11];
    int given = c->opt.has_data_through, is_today = 0;
    if (given)
        through = c->opt.data_through, has_through = 1;
    if (!has_through)
        return;
    if (c->opt.has_today && c->opt.today < through)
        through = c->opt.today, is_today = 1;
    ndr_date end;
    if (c->opt.has_as_of)
        end = c->opt.as_of;
    else if (c->opt.to_month >= 0)
        end = ndr_month_end(c->opt.to_month);
    else
        return;
    if (end <= through)
        return;
    ndr_date_format(through, a);
    ndr_date_format(end, b);
    if (is_today)
        fprintf(stderr, "ndr: warning: the period end %s is after today (%s): its figures are "
                        "not final\n",
                b, a);
    else
        fprintf(stderr,
                "ndr: warning: the data runs to %s%s, before the period end %s: its figures "
                "are not final%s\n",
                a, given ? " (--data-through)" : "", b,
                given ? "" : " (--data-through DATE if the export is more recent)");
}

/* --fail-below PCT: EXIT_BELOW, with the reason on stderr, when the last
 * period end's NDR as printed is under PCT or undefined; else EXIT_OK. */
static int check_fail_below(const cli *c)
{
    ndr_cells cells;
    const char *pct = c->fail_below_text;
    char end[11];
    int64_t h;
    if (!c->has_fail_below || !c->has_last)
        return EXIT_OK;
    ndr_cells_fill(&cells, &c->last);
    ndr_date_format(c->last.period_end, end);
    if (ndr_pct_text_hundredths(cells.ndr_pct, &h) != 0) {
        fprintf(stderr, "ndr: NDR at %s is undefined (no customer paid at %s): --fail-below %s\n",
                end, cells.prior_period_end, pct);
        return EXIT_BELOW;
    }
    /* hundredths of a percent against ndr_money units of a percent; a
     * product too large to hold is far above any threshold */
    int64_t units;
    if (__builtin_mul_overflow(h, NDR_MONEY_SCALE / 100, &units) || units >= c->fail_below)
        return EXIT_OK;
    fprintf(stderr, "ndr: NDR at %s is %s%%, below --fail-below %s%%\n", end, cells.ndr_pct, pct);
    return EXIT_BELOW;
}

/* Computes the report or the movements and writes them to out (standard
 * output, or the temporary file of -o). Returns EXIT_OK or EXIT_FAIL. */
static int write_output(cli *c, ndr_dataset *ds, const ndr_source *src, size_t n, FILE *out)
{
    char msg[600];
    ndr_status st;
    if (c->kind == KIND_EXPLAIN) {
        ndr_explain *e = NULL;
        if ((st = ndr_explain_compute(ds, &c->opt, c->top, &e, msg, sizeof msg)) == NDR_OK) {
            st = prologue(c, src, n, out);
            if (st == NDR_OK)
                st = ndr_explain_write(e, &c->opt, c->format, src, n, out);
            if (st == NDR_OK && !c->quiet && c->format != NDR_FORMAT_JSON)
                print_totals(ndr_explain_totals(e));
            ndr_explain_free(e);
            return st == NDR_OK ? EXIT_OK : write_failed(c);
        }
    } else if (c->kind == KIND_COHORTS) {
        ndr_cohorts *co = NULL;
        if ((st = ndr_cohorts_compute(ds, &c->opt, c->cohort, &co, msg, sizeof msg)) == NDR_OK) {
            st = prologue(c, src, n, out);
            if (st == NDR_OK)
                st = ndr_cohorts_write(co, &c->opt, c->logos, c->format, src, n, out);
            ndr_cohorts_free(co);
            return st == NDR_OK ? EXIT_OK : write_failed(c);
        }
    } else if (c->kind == KIND_METHODS) {
        ndr_methods *m = NULL;
        if ((st = ndr_methods_compute(ds, &c->opt, &m, msg, sizeof msg)) == NDR_OK) {
            st = prologue(c, src, n, out);
            if (st == NDR_OK)
                st = ndr_methods_write(m, &c->opt, c->format, src, n, out);
            ndr_methods_free(m);
            return st == NDR_OK ? EXIT_OK : write_failed(c);
        }
    } else if (c->kind == KIND_MOVEMENTS) {
        ndr_movements *m = NULL;
        if ((st = ndr_movements_compute(ds, &c->opt, &m, msg, sizeof msg)) == NDR_OK) {
            st = prologue(c, src, n, out);
            if (st == NDR_OK)
                st = ndr_movements_write(m, &c->opt, c->format, src, n, out);
            ndr_movements_free(m);
            return st == NDR_OK ? EXIT_OK : write_failed(c);
        }
    } else if (c->kind == KIND_CHART) {
        return write_chart(c, ds, src, n, out);
    } else if (c->partial) {
        return write_partial(c, ds, src, n, out);
    } else {
        ndr_report *report = NULL;
        if ((st = ndr_report_compute(ds, &c->opt, &report, msg, sizeof msg)) == NDR_OK) {
            st = prologue(c, src, n, out);
            if (st == NDR_OK)
                st = ndr_report_write(report, c->format, src, n, out);
            keep_last(c, report);
            ndr_report_free(report);
            return st == NDR_OK ? EXIT_OK : write_failed(c);
        }
    }
    fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
    return EXIT_FAIL;
}

/* Says why nothing could be computed when no row at all was usable. */
static int check_some_rows(const ndr_source *src, int n)
{
    uint64_t read = 0, used = 0, rejected = 0;
    for (int i = 0; i < n; i++) {
        read += src[i].stats.rows_read;
        used += src[i].stats.rows_used;
        rejected += src[i].stats.rows_rejected;
    }
    if (used > 0)
        return EXIT_OK;
    if (read > 0 && rejected == read)
        fprintf(stderr, "ndr: no usable rows: all %llu data rows were rejected\n",
                (unsigned long long)read);
    else if (read > 0)
        fprintf(stderr, "ndr: no usable rows: of %llu data rows, %llu were rejected and the "
                        "others carry no MRR or repeat others\n",
                (unsigned long long)read, (unsigned long long)rejected);
    else if (n == 1)
        fprintf(stderr, "ndr: %s: no data rows after the header\n",
                shown(src[0].name, (char[SHOWN_SIZE]){0}));
    else
        fprintf(stderr, "ndr: no data rows after the header in any of the %d inputs\n", n);
    return EXIT_FAIL;
}

/* Whether path (standard input for "-") is the file -o would replace. */
static int is_output(const ndr_atomic_file *out, const char *path)
{
    struct stat st;
    int got = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st);
    return got == 0 && ndr_atomic_replaces(out, &st);
}

/* Refuses an -o FILE that is a file the run reads (an input, also one
 * redirected to standard input, or the --fx or --accounts file): the
 * report would replace the data it came from. Checked before reading, so
 * nothing is lost. Returns 0, or EXIT_USAGE after the message. */
static int check_output(const cli *c, const ndr_atomic_file *out, char **files, int n)
{
    for (int i = 0; i < n; i++)
        if (is_output(out, files[i]))
            return usage_error("-o '%s' is the same file as the input '%s'", c->output,
                               strcmp(files[i], "-") == 0 ? "<stdin>" : files[i]);
    if (c->fx_file && is_output(out, c->fx_file))
        return usage_error("-o '%s' is the same file as the --fx file '%s'", c->output,
                           c->fx_file);
    if (c->accounts && is_output(out, c->accounts))
        return usage_error("-o '%s' is the same file as the --accounts file '%s'", c->output,
                           c->accounts);
    return 0;
}

/* Parses the command line into c. Returns 1 with the exit code in *rc
 * when there is nothing more to do (--help, a usage error). */
static int cli_start(cli *c, enum kind kind, int argc, char **argv, int *rc)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    ndr_report_options_init(&c->opt);
    ndr_read_options_init(&c->ropt);
    /* period ends after today are never final */
    c->opt.has_today = today(&c->opt.today) == 0;
    *rc = parse_report_args(c, argc, argv);
    if (*rc != 0) {
        free(c->maps);
        *rc = *rc < 0 ? EXIT_OK : *rc;
        return 1;
    }
    if (!c->format_set)
        c->format = default_format(c);
    return 0;
}

static int cmd_run(enum kind kind, int argc, char **argv)
{
    cli c;
    int rc;
    if (cli_start(&c, kind, argc, argv, &rc))
        return rc;

    int nfiles = argc - optind;
    /* the data inputs, then the files read for the options */
    ndr_source *src = calloc((size_t)nfiles + 2, sizeof *src);
    int nsrc = nfiles;
    c.command = command_line(argc, argv);
    c.opt.command = c.command;
    ndr_dataset *ds = ndr_dataset_new();
    ndr_atomic_file file = {0};
    ndr_fx *fx = NULL;
    char msg[600];
    if (src == NULL || ds == NULL) {
        fprintf(stderr, "ndr: out of memory\n");
        rc = EXIT_FAIL;
        goto out;
    }
    /* before reading, so a bad -o fails before a long read */
    if (c.output && ndr_atomic_open(&file, c.output, msg, sizeof msg) != 0) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        rc = EXIT_FAIL;
        goto out;
    }
    if (c.output && (rc = check_output(&c, &file, argv + optind, nfiles)) != EXIT_OK)
        goto out;
    if (c.kind == KIND_EXPLAIN)
        ndr_dataset_keep_rows(ds);
    if (c.accounts && (rc = read_accounts(c.accounts, ds)) != EXIT_OK)
        goto out;
    if (c.shard_n) /* after the accounts: a shard hashes account ids */
        ndr_dataset_set_shard(ds, c.shard_k, c.shard_n);
    /* shards run side by side: a second thread each only makes them contend */
    c.ropt.one_thread = c.shard_n > 0;
    c.ropt.progress = show_progress;
    c.ropt.progress_ctx = &progress;
    if (c.fx_file && (rc = read_fx(c.fx_file, &fx)) != EXIT_OK)
        goto out;
    c.opt.fx = fx;
    if (src && c.fx_file)
        fingerprint_file(c.fx_file, "fx", &src[nsrc++]);
    if (src && c.accounts)
        fingerprint_file(c.accounts, "accounts", &src[nsrc++]);
    ndr_progress_init(&progress, stderr, c.quiet && c.progress == 0 ? -1 : c.progress);
    for (int i = 0; i < nfiles; i++)
        ndr_progress_add_input(&progress, argv[optind + i]);
    rc = read_inputs(&c, ds, argv + optind, nfiles, src);
    if (rc == EXIT_OK)
        rc = finish_inputs(&c, ds, src, nfiles);
    if (rc == EXIT_OK)
        warn_far_date(&c, ds);
    /* a shard may hold no customer at all; its partial says so */
    if (rc == EXIT_OK && !(c.partial && c.shard_n))
        rc = check_some_rows(src, nfiles);
    if (rc == EXIT_OK)
        rc = write_output(&c, ds, src, (size_t)nsrc, c.output ? file.fp : stdout);
    if (rc == EXIT_OK && c.output && ndr_atomic_commit(&file, msg, sizeof msg) != 0) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && !c.output && finish_stdout() != 0)
        rc = EXIT_FAIL;
    int rejected = 0;
    for (int i = 0; i < nfiles; i++)
        rejected |= src[i].stats.rows_rejected > 0;
    /* the JSON report carries the accounting itself; a run that went well
     * says nothing unless asked or on a terminal (cron mails any output) */
    if (!c.quiet && !(rc == EXIT_OK && c.format == NDR_FORMAT_JSON) &&
        (chatty(&c) || rejected || rc != EXIT_OK))
        print_accounting(src, nfiles);
    if (rc == EXIT_OK && rejected)
        rc = EXIT_REJECTED;
    if (rc == EXIT_OK || rc == EXIT_REJECTED)
        rc = check_fail_below(&c) == EXIT_BELOW ? EXIT_BELOW : rc;
    ndr_date through;
    int has_through = ndr_dataset_data_through(ds, &through) == 0;
    /* a shard's own dates are not the input's */
    if ((rc == EXIT_OK || rc == EXIT_REJECTED || rc == EXIT_BELOW) && !c.quiet && !c.shard_n)
        warn_stale(&c, has_through, through);
out:
    free(c.maps);
    free(c.command);
    ndr_fx_free(fx);
    ndr_atomic_abort(&file);
    ndr_dataset_free(ds);
    free(src);
    return rc;
}

/* After a merged report: the accounting of the whole input (the data
 * inputs come first), exit 3 for rejected rows, --fail-below. */
static int merge_epilogue(cli *c, const ndr_merge *m, int rc)
{
    const ndr_source *src = ndr_merge_sources(m);
    int n = 0, rejected = 0;
    while ((size_t)n < ndr_merge_source_count(m) && src[n].role == NULL)
        rejected |= src[n++].stats.rows_rejected > 0;
    if (!c->quiet && !(rc == EXIT_OK && c->format == NDR_FORMAT_JSON) &&
        (chatty(c) || rejected || rc != EXIT_OK))
        print_accounting(src, n);
    if (rc != EXIT_OK)
        return rc;
    rc = rejected ? EXIT_REJECTED : EXIT_OK;
    rc = check_fail_below(c) == EXIT_BELOW ? EXIT_BELOW : rc;
    ndr_date through;
    int has_through = ndr_merge_data_through(m, &through) == 0;
    if (!c->quiet)
        warn_stale(c, has_through, through);
    return rc;
}

/* Reads every partial of one file (several may follow each other). */
static int merge_file(ndr_merge *m, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    char msg[600];
    int ch, rc = EXIT_OK;
    if (in == NULL) {
        fprintf(stderr, "ndr: %s: cannot open: %s\n", shown(path, (char[SHOWN_SIZE]){0}),
                strerror(errno));
        return EXIT_FAIL;
    }
    do {
        if (ndr_merge_add(m, in, name, msg, sizeof msg) != NDR_OK) {
            fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
            rc = EXIT_FAIL;
            break;
        }
        ch = getc(in);
    } while (ch != EOF && ungetc(ch, in) != EOF);
    if (!is_stdin)
        fclose(in);
    return rc;
}

/* Writes the merged report; returns EXIT_OK, EXIT_FAIL or EXIT_REJECTED. */
static int merge_write(cli *c, ndr_merge *m, FILE *out)
{
    char msg[600];
    ndr_report *r = NULL;
    if (ndr_merge_compute(m, c->command, &r, msg, sizeof msg) != NDR_OK) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        return EXIT_FAIL;
    }
    const ndr_source *src = ndr_merge_sources(m);
    size_t n = ndr_merge_source_count(m);
    ndr_status st = prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_report_write(r, c->format, src, n, out);
    keep_last(c, r);
    c->opt = *ndr_report_get_options(r); /* the partials' parameters */
    c->opt.command = NULL;
    ndr_report_free(r);
    return st == NDR_OK ? EXIT_OK : write_failed(c);
}

static int cmd_merge(int argc, char **argv)
{
    cli c;
    int rc;
    if (cli_start(&c, KIND_MERGE, argc, argv, &rc))
        return rc;
    c.command = command_line(argc, argv);
    ndr_merge *m = ndr_merge_new();
    ndr_atomic_file file = {0};
    char msg[600];
    if (m == NULL || c.command == NULL) {
        fprintf(stderr, "ndr: out of memory\n");
        rc = EXIT_FAIL;
    } else if (c.output && ndr_atomic_open(&file, c.output, msg, sizeof msg) != 0) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        rc = EXIT_FAIL;
    } else if (c.output) {
        rc = check_output(&c, &file, argv + optind, argc - optind);
    }
    if (m && c.opt.has_today)
        ndr_merge_set_today(m, c.opt.today);
    for (int i = optind; rc == EXIT_OK && i < argc; i++)
        rc = merge_file(m, argv[i]);
    int read_all = rc == EXIT_OK;
    if (rc == EXIT_OK)
        rc = merge_write(&c, m, c.output ? file.fp : stdout);
    if (rc == EXIT_OK && c.output && ndr_atomic_commit(&file, msg, sizeof msg) != 0) {
        fprintf(stderr, "ndr: %s\n", shown(msg, (char[SHOWN_SIZE]){0}));
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && !c.output && finish_stdout() != 0)
        rc = EXIT_FAIL;
    if (read_all)
        rc = merge_epilogue(&c, m, rc);
    free(c.maps);
    free(c.command);
    ndr_atomic_abort(&file);
    ndr_merge_free(m);
    return rc;
}

/* ndr formats: the input formats, a line each (name, what it is). */
static int cmd_formats(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs("Usage: ndr formats\n"
              "The input formats ndr reads, one a line: the name --format-in takes and what\n"
              "the format is. docs/formats.md has each one's columns and their sources.\n"
              "\n"
              "Options:\n"
              "  -h, --help              show this help\n",
              stdout);
        return finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    if (argc > 1) {
        fputs("ndr: 'ndr formats' takes no argument\nTry 'ndr formats --help'.\n", stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; ndr_input_format_at(i) != NDR_IN_AUTO; i++) {
        ndr_input_format f = ndr_input_format_at(i);
        printf("%-24s %s\n", ndr_input_format_name(f), ndr_input_format_summary(f));
    }
    return finish_stdout() ? EXIT_FAIL : EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        fputs("ndr " NDR_VERSION "\n", stdout);
        return finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    subcommand = cmd;
    if (strcmp(cmd, "report") == 0)
        return cmd_run(KIND_REPORT, argc - 1, argv + 1);
    if (strcmp(cmd, "movements") == 0)
        return cmd_run(KIND_MOVEMENTS, argc - 1, argv + 1);
    if (strcmp(cmd, "cohorts") == 0)
        return cmd_run(KIND_COHORTS, argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return cmd_run(KIND_EXPLAIN, argc - 1, argv + 1);
    if (strcmp(cmd, "methods") == 0)
        return cmd_run(KIND_METHODS, argc - 1, argv + 1);
    if (strcmp(cmd, "chart") == 0)
        return cmd_run(KIND_CHART, argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0)
        return cmd_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "formats") == 0)
        return cmd_formats(argc - 1, argv + 1);
    fprintf(stderr, "ndr: unknown subcommand '%s'\nTry 'ndr --help'.\n", cmd);
    return EXIT_USAGE;
}
