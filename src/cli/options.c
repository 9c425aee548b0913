/* options.c - the option table, its handlers and the checks of what the
 * options mean together (options.h). */
#include "options.h"
#include "say.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the subcommands ---------------------------------------------------- */

static const char *const command_names[CLI_COMMANDS] = {
    "report", "movements", "cohorts", "explain", "methods", "chart", "merge", "formats",
};

const char *cli_command_name(unsigned command)
{
    for (int i = 0; i < CLI_COMMANDS; i++)
        if (command == 1u << i)
            return command_names[i];
    return NULL;
}

/* "'ndr cohorts' and 'ndr chart'": the subcommands of a mask, in order. */
static void command_list(unsigned commands, char *out, size_t size)
{
    int n = 0, total = __builtin_popcount(commands);
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < CLI_COMMANDS && len < size; i++)
        if (commands & 1u << i) {
            n++;
            len += (size_t)snprintf(out + len, size - len, "%s'ndr %s'",
                                    n == 1 ? "" : n == total ? " and " : ", ", command_names[i]);
        }
}

/* "month, quarter or year": the names of a keyword table. */
static void keyword_list(const cli_keyword *k, char *out, size_t size)
{
    size_t n = 0, len = 0;
    while (k[n].name)
        n++;
    out[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s",
                                i == 0 ? "" : i + 1 == n ? " or " : ", ", k[i].name);
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

/* ---- value parsers ------------------------------------------------------ */

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

int cli_today(ndr_date *out)
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
        int r = cli_today(&d);
        if (r == 0)
            *out = is_today ? d : ndr_month_end(ndr_month_of(d) - 1);
        return r;
    }
    return strlen(arg) == 10 && ndr_date_parse(arg, 10, out) == 0 ? 0 : -1;
}

/* ---- handlers ----------------------------------------------------------- */

#define FIELD(c, o, type) ((type *)(void *)((char *)(c) + (o)->field))

static int set_flag(cli *c, const cli_option *o, const char *arg)
{
    (void)arg;
    *FIELD(c, o, int) = o->value;
    return 0;
}

static int set_string(cli *c, const cli_option *o, const char *arg)
{
    *FIELD(c, o, const char *) = arg;
    return 0;
}

static int set_keyword(cli *c, const cli_option *o, const char *arg)
{
    for (const cli_keyword *k = o->keywords; k->name; k++)
        if (strcmp(arg, k->name) == 0) {
            *FIELD(c, o, int) = k->value;
            return 0;
        }
    char list[256];
    keyword_list(o->keywords, list, sizeof list);
    return cli_usage_error(c, "bad --%s '%s': expected %s", o->name, arg, list);
}

static int set_help(cli *c, const cli_option *o, const char *arg)
{
    (void)o, (void)arg;
    c->help = 1;
    return -1;
}

static int set_window(cli *c, const cli_option *o, const char *arg)
{
    (void)o;
    c->window_set = 1;
    if (parse_int(arg, &c->opt.window_months) || c->opt.window_months < 1 ||
        c->opt.window_months > 1200)
        return cli_usage_error(c, "bad --window '%s': expected 1 to 1200 months", arg);
    return 0;
}

static int set_month(cli *c, const cli_option *o, const char *arg)
{
    if (ndr_month_parse(arg, FIELD(c, o, int)))
        return cli_usage_error(c, "bad --%s '%s': expected YYYY-MM", o->name, arg);
    return 0;
}

/* --as-of and --data-through: the date at o->field, its flag next to it. */
static int set_date(cli *c, const cli_option *o, const char *arg, int *has)
{
    int r = parse_as_of(arg, FIELD(c, o, ndr_date));
    if (r == -2)
        return cli_usage_error(c, "bad NDR_TODAY '%s': expected a date YYYY-MM-DD",
                               getenv("NDR_TODAY"));
    if (r)
        return cli_usage_error(c, "bad --%s '%s': expected a date YYYY-MM-DD, "
                                  "last-month-end or today",
                               o->name, arg);
    *has = 1;
    return 0;
}

static int set_as_of(cli *c, const cli_option *o, const char *arg)
{
    return set_date(c, o, arg, &c->opt.has_as_of);
}

static int set_data_through(cli *c, const cli_option *o, const char *arg)
{
    return set_date(c, o, arg, &c->opt.has_data_through);
}

static const cli_keyword formats[] = {
    {"table", NDR_FORMAT_TABLE}, {"csv", NDR_FORMAT_CSV}, {"json", NDR_FORMAT_JSON}, {NULL, 0}};
static const cli_keyword chart_formats[] = {
    {"html", NDR_FORMAT_HTML}, {"svg", NDR_FORMAT_SVG}, {NULL, 0}};

static int set_format(cli *c, const cli_option *o, const char *arg)
{
    const cli_keyword *k = c->kind == CLI_CHART ? chart_formats : formats;
    c->format_set = 1;
    if (c->kind != CLI_CHART && strcmp(arg, "partial") == 0) {
        if (c->kind != CLI_REPORT)
            return cli_usage_error(c, "%s", "--format partial applies to 'ndr report' only");
        c->partial = 1;
        c->format = NDR_FORMAT_CSV;
        return 0;
    }
    for (; k->name; k++)
        if (strcmp(arg, k->name) == 0) {
            c->format = (ndr_format)k->value;
            return 0;
        }
    if (c->kind == CLI_CHART)
        return cli_usage_error(c, "bad --%s '%s': chart writes html or svg", o->name, arg);
    return cli_usage_error(c, "bad --%s '%s': expected table, csv or json", o->name, arg);
}

static int set_output(cli *c, const cli_option *o, const char *arg)
{
    (void)o;
    if (arg[0] == '\0')
        return cli_usage_error(c, "%s", "-o needs a file name");
    c->output = strcmp(arg, "-") == 0 ? NULL : arg;
    return 0;
}

static int set_format_in(cli *c, const cli_option *o, const char *arg)
{
    if (ndr_input_format_parse(arg, &c->ropt.format) == 0)
        return 0;
    char list[512];
    format_names(list, sizeof list);
    return cli_usage_error(c, "bad --%s '%s': expected auto, %s", o->name, arg, list);
}

static int set_map(cli *c, const cli_option *o, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg || eq[1] == '\0')
        return cli_usage_error(c, "bad --%s '%s': expected NAME=HEADER", o->name, arg);
    const char **m = realloc(c->maps, (c->ropt.nmap + 1) * sizeof *m);
    if (m == NULL)
        return cli_usage_error(c, "%s", "out of memory");
    m[c->ropt.nmap++] = arg;
    c->maps = m;
    c->ropt.map = m;
    return 0;
}

static int set_currency(cli *c, const cli_option *o, const char *arg)
{
    int ok = strlen(arg) == 3;
    for (size_t i = 0; ok && i < 3; i++)
        ok = (arg[i] >= 'A' && arg[i] <= 'Z') || (arg[i] >= 'a' && arg[i] <= 'z');
    if (!ok)
        return cli_usage_error(c, "bad --%s '%s': expected a 3-letter code such as USD",
                               o->name, arg);
    for (size_t i = 0; i < 3; i++)
        c->opt.currency[i] = (char)(arg[i] & ~0x20);
    c->opt.currency[3] = '\0';
    return 0;
}

static int set_by(cli *c, const cli_option *o, const char *arg)
{
    if (arg[0] == '\0')
        return cli_usage_error(c, "--%s needs a column name", o->name);
    c->ropt.segment_column = arg;
    c->opt.by_segment = 1;
    return 0;
}

static int set_top(cli *c, const cli_option *o, const char *arg)
{
    int top;
    if (parse_int(arg, &top) || top < 1)
        return cli_usage_error(c, "bad --%s '%s': expected a number from 1", o->name, arg);
    c->top = (size_t)top;
    return 0;
}

static int set_method(cli *c, const cli_option *o, const char *arg)
{
    if (ndr_method_parse(arg, &c->opt.method) == 0)
        return 0;
    char list[256];
    cli_keyword names[NDR_METHOD_SURVIVOR + 2];
    for (int m = 0; m <= NDR_METHOD_SURVIVOR; m++)
        names[m] = (cli_keyword){ndr_method_name((ndr_method)m), m};
    names[NDR_METHOD_SURVIVOR + 1] = (cli_keyword){NULL, 0};
    keyword_list(names, list, sizeof list);
    return cli_usage_error(c, "bad --%s '%s': expected %s", o->name, arg, list);
}

/* --min-*-mrr / --min-*-arr X: a threshold, kept as ARR. */
static int set_threshold(cli *c, const cli_option *o, const char *arg)
{
    size_t len = strlen(o->name);
    int mrr = strcmp(o->name + len - 3, "mrr") == 0;
    ndr_money v;
    if (ndr_money_parse(arg, strlen(arg), &v) != NDR_MONEY_OK ||
        (mrr && __builtin_mul_overflow(v, 12, &v)))
        return cli_usage_error(c, "bad --%s '%s': expected an amount such as 833.33", o->name,
                               arg);
    *FIELD(c, o, ndr_money) = v;
    return 0;
}

static int set_shard(cli *c, const cli_option *o, const char *arg)
{
    unsigned k, n;
    char end;
    if (sscanf(arg, "%u/%u%c", &k, &n, &end) != 2 || strchr(arg, '-') || n < 1 ||
        n > NDR_MAX_SHARDS || k < 1 || k > n)
        return cli_usage_error(c, "bad --%s '%s': expected K/N with 1 <= K <= N, such as 2/7",
                               o->name, arg);
    c->shard_k = k;
    c->shard_n = n;
    return 0;
}

static int set_fail_below(cli *c, const cli_option *o, const char *arg)
{
    if (ndr_money_parse(arg, strlen(arg), &c->fail_below) != NDR_MONEY_OK)
        return cli_usage_error(c, "bad --%s '%s': expected a percentage such as 100 or 97.5",
                               o->name, arg);
    c->has_fail_below = 1;
    c->fail_below_text = arg;
    return 0;
}

/* ---- the table ---------------------------------------------------------- */

#define REPORTS (CLI_REPORT | CLI_MOVEMENTS | CLI_COHORTS | CLI_EXPLAIN | CLI_METHODS | CLI_CHART)
#define AT(member) offsetof(cli, member)

static const cli_keyword periods[] = {{"month", 1}, {"quarter", 3}, {"year", 12}, {NULL, 0}};
static const cli_keyword cohorts[] = {{"month", NDR_COHORT_MONTH},
                                      {"quarter", NDR_COHORT_QUARTER},
                                      {"year", NDR_COHORT_YEAR},
                                      {NULL, 0}};
static const cli_keyword fx_modes[] = {{"spot", 0}, {"constant", 1}, {NULL, 0}};
static const cli_keyword bases[] = {{"mrr", 0}, {"arr", 1}, {NULL, 0}};
static const cli_keyword charts[] = {{"trend", 0}, {"cohorts", 1}, {NULL, 0}};

static const cli_option options[] = {
    {.name = "window", .short_name = 'w', .arg = "N",
     .commands = CLI_REPORT | CLI_EXPLAIN | CLI_METHODS | CLI_CHART, .set = set_window,
     .help = "months from prior date to period end (default 12)"},
    {.name = "from", .arg = "YYYY-MM",
     .commands = CLI_REPORT | CLI_MOVEMENTS | CLI_COHORTS | CLI_CHART, .set = set_month,
     .field = AT(opt.from_month),
     .help = "first period end month to report"},
    {.name = "to", .arg = "YYYY-MM",
     .commands = CLI_REPORT | CLI_MOVEMENTS | CLI_COHORTS | CLI_CHART, .set = set_month,
     .field = AT(opt.to_month),
     .help = "last period end month to report"},
    {.name = "as-of", .arg = "DATE",
     .commands = CLI_REPORT | CLI_EXPLAIN | CLI_METHODS, .set = set_as_of, .field = AT(opt.as_of),
     .help = "report the single period end DATE (YYYY-MM-DD, any\n"
            "day), last-month-end or today"},
    {.name = "format", .short_name = 'f', .arg = "FORMAT",
     .commands = REPORTS | CLI_MERGE, .set = set_format,
     .help = "table, csv or json (default: table on a terminal,\n"
            "csv otherwise; with -o, json for a .json FILE), or\n"
            "partial: the exact sums for 'ndr merge'"},
    {.name = "output", .short_name = 'o', .arg = "FILE",
     .commands = REPORTS | CLI_MERGE, .set = set_output,
     .help = "write the report to FILE, atomically: it is replaced\n"
            "only when the whole report was written"},
    {.name = "shard", .arg = "K/N", .only = 1,
     .commands = CLI_REPORT, .set = set_shard,
     .help = "only the customers of shard K of N (by a hash of\n"
            "the customer or account id; docs/scale.md)"},
    {.name = "strict",
     .commands = REPORTS, .set = set_flag, .field = AT(strict), .value = 1,
     .help = "stop at the first bad row (exit 4, no report)"},
    {.name = "format-in", .arg = "FMT",
     .commands = REPORTS, .set = set_format_in,
     .help = "auto (default: by the header) or one of the formats\n"
            "'ndr formats' lists"},
    {.name = "data-through", .arg = "DATE",
     .commands = REPORTS, .set = set_data_through, .field = AT(opt.data_through),
     .help = "the data is complete up to DATE (the export's date;\n"
            "default: the latest date in it that shows how recent\n"
            "it is); later period ends are not final"},
    {.name = "map", .arg = "NAME=HEADER",
     .commands = REPORTS, .set = set_map,
     .help = "read the column HEADER as NAME (repeatable), e.g.\n"
            "--map customer_id='Account Name'"},
    {.name = "accounts", .arg = "FILE",
     .commands = REPORTS, .set = set_string, .field = AT(accounts),
     .help = "roll customers up into accounts: a CSV with\n"
            "columns customer_id,account_id"},
    {.name = "by", .arg = "COLUMN", .only = 1,
     .commands = CLI_REPORT, .set = set_by,
     .help = "also the report per value of COLUMN (plan, region...),\n"
            "a customer counted in its value at the prior date"},
    {.name = "currency", .arg = "CODE",
     .commands = REPORTS, .set = set_currency,
     .help = "report in this currency (e.g. USD)"},
    {.name = "fx", .arg = "FILE",
     .commands = REPORTS, .set = set_string, .field = AT(fx_file),
     .help = "exchange rates to it: date,currency,rate_to_reporting"},
    {.name = "fx-mode", .arg = "MODE",
     .commands = REPORTS, .set = set_keyword, .field = AT(opt.fx_constant), .keywords = fx_modes,
     .help = "spot (default: each date at its own rates) or\n"
            "constant (prior MRR at the period end's rates too)"},
    {.name = "method", .arg = "M", .only = 1,
     .commands = CLI_REPORT | CLI_CHART, .set = set_method,
     .help = "point (default; Slack), ttm-weighted, ttm-mean,\n"
            "revenue-quarter, revenue-ttm, compound or survivor\n"
            "(docs/methods.md)"},
    {.name = "period", .arg = "P",
     .commands = CLI_REPORT | CLI_METHODS | CLI_CHART, .set = set_keyword,
     .field = AT(opt.period_months), .keywords = periods,
     .help = "month (default), quarter or year: spacing of the\n"
            "period ends, counted back from the last"},
    {.name = "basis", .arg = "B",
     .commands = CLI_REPORT | CLI_METHODS, .set = set_keyword, .field = AT(opt.basis_arr),
     .keywords = bases,
     .help = "mrr (default) or arr: money x 12, same ratios"},
    {.name = "min-prior-mrr", .arg = "X",
     .commands = CLI_REPORT | CLI_METHODS, .set = set_threshold, .field = AT(opt.min_prior_arr),
     .help = "count only customers with MRR >= X at the prior date"},
    {.name = "min-current-mrr", .arg = "X",
     .commands = CLI_REPORT | CLI_METHODS, .set = set_threshold, .field = AT(opt.min_current_arr),
     .help = "... and with MRR >= X at the period end"},
    {.name = "min-prior-arr", .arg = "X",
     .synopsis = "--min-prior-arr X, --min-current-arr X",
     .commands = CLI_REPORT | CLI_METHODS, .set = set_threshold, .field = AT(opt.min_prior_arr),
     .help = "  the same as ARR (12 x MRR)"},
    {.name = "min-current-arr", .arg = "X",
     .commands = CLI_REPORT | CLI_METHODS, .set = set_threshold, .field = AT(opt.min_current_arr)},
    {.name = "provenance",
     .commands = REPORTS | CLI_MERGE, .set = set_flag, .field = AT(provenance), .value = 1,
     .help = "CSV/table: first print '# ' lines with the command,\n"
            "parameters and each input's bytes and SHA-256"},
    {.name = "fail-below", .arg = "PCT", .only = 1,
     .commands = CLI_REPORT | CLI_CHART | CLI_MERGE, .set = set_fail_below,
     .help = "exit 5 when the NDR of the last period end, as\n"
            "printed, is below PCT (e.g. 100) or undefined"},
    {.name = "quiet", .short_name = 'q',
     .commands = REPORTS | CLI_MERGE, .set = set_flag, .field = AT(quiet), .value = 1,
     .help = "print nothing on stderr but errors and rejected rows"},
    {.name = "verbose", .short_name = 'v',
     .commands = REPORTS | CLI_MERGE, .set = set_flag, .field = AT(verbose), .value = 1,
     .help = "also print the row accounting when stderr is not a\n"
            "terminal (it is printed on a terminal, and whenever\n"
            "rows were rejected)"},
    {.name = "progress",
     .commands = REPORTS, .set = set_flag, .field = AT(progress_mode), .value = 1,
     .help = "show a progress line even when stderr is not a\n"
            "terminal; --no-progress: never (default: on a\n"
            "terminal, for reads longer than a second)"},
    {.name = "no-progress",
     .commands = REPORTS, .set = set_flag, .field = AT(progress_mode), .value = -1},
    {.name = "help", .short_name = 'h', .only = 1,
     .commands = REPORTS | CLI_MERGE | CLI_FORMATS, .set = set_help,
     .help = "show this help"},
    {.name = "chart", .arg = "CHART", .only = 1,
     .commands = CLI_CHART, .set = set_keyword, .field = AT(chart_cohorts), .keywords = charts},
    {.name = "cohort", .arg = "PERIOD", .only = 1,
     .commands = CLI_COHORTS | CLI_CHART, .set = set_keyword, .field = AT(cohort),
     .keywords = cohorts},
    {.name = "logos", .only = 1,
     .commands = CLI_COHORTS, .set = set_flag, .field = AT(logos), .value = 1},
    {.name = "top", .arg = "N", .only = 1,
     .commands = CLI_EXPLAIN, .set = set_top},
};

#define NOPTIONS (sizeof options / sizeof options[0])

const cli_option *cli_option_at(size_t i)
{
    return i < NOPTIONS ? &options[i] : NULL;
}

/* ---- parsing ------------------------------------------------------------ */

void cli_init(cli *c, unsigned command, const char *name)
{
    memset(c, 0, sizeof *c);
    c->kind = command;
    c->name = name;
    ndr_report_options_init(&c->opt);
    ndr_read_options_init(&c->ropt);
    /* period ends after today are never final */
    c->opt.has_today = cli_today(&c->opt.today) == 0;
}

/* One option found by getopt_long: applies it, or refuses it here. */
static int apply(cli *c, const cli_option *o, const char *arg)
{
    if (!(o->commands & c->kind) && o->only) {
        char list[256];
        command_list(o->commands, list, sizeof list);
        return cli_usage_error(c, "--%s applies to %s only", o->name, list);
    }
    if (!(o->commands & c->kind) && c->kind == CLI_MERGE && c->misplaced == NULL)
        c->misplaced = o->name;
    return o->set(c, o, arg);
}

/* getopt_long over the table: the long options, and ":f:ho:qvw:". Each
 * long option returns its row's index + 256, past every char. */
static int parse_table(cli *c, int argc, char **argv)
{
    struct option longopts[NOPTIONS + 1];
    char shorts[2 * NOPTIONS + 2] = ":";
    size_t ns = 1;
    for (size_t i = 0; i < NOPTIONS; i++) {
        const cli_option *o = &options[i];
        longopts[i] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
                                      (int)i + 256};
        if (o->short_name) {
            shorts[ns++] = o->short_name;
            if (o->arg)
                shorts[ns++] = ':';
        }
    }
    shorts[ns] = '\0';
    longopts[NOPTIONS] = (struct option){NULL, 0, NULL, 0};
    int ch, rc = 0;
    opterr = 0;
    while (rc == 0 && (ch = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
        const cli_option *o = NULL;
        if (ch >= 256)
            o = &options[ch - 256];
        for (size_t i = 0; o == NULL && ch != ':' && ch != '?' && i < NOPTIONS; i++)
            if (options[i].short_name == ch)
                o = &options[i];
        if (o)
            rc = apply(c, o, optarg);
        else if (ch == ':')
            rc = cli_usage_error(c, "option '%s' needs a value", argv[optind - 1]);
        else
            rc = cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
    }
    return rc;
}

/* Every date a run computes with (period ends, prior dates, the data's
 * end) lies in the years ndr reads, 1900-2199: a date outside them is a
 * typo, and the calendar code is not made for year 0 or 10000. */
static int check_years(const cli *c)
{
    const ndr_report_options *o = &c->opt;
    char why[200];
    if (ndr_options_check_years(o, why, sizeof why) != NDR_OK)
        return cli_usage_error(c, "--%s", why);
    /* the earliest prior date: the window (and a method's parts) back */
    int lo = ndr_month_of(NDR_DAY_MIN);
    int back = c->kind == CLI_MOVEMENTS || c->kind == CLI_COHORTS ? 0
                                                                 : ndr_method_lead_months(o);
    if (o->has_as_of && ndr_month_of(o->as_of) - back < lo)
        return cli_usage_error(c, "%s", "--as-of minus the window falls before 1900");
    if (o->from_month >= 0 && o->from_month - back < lo)
        return cli_usage_error(c, "%s", "--from minus the window falls before 1900");
    return 0;
}

/* What a subcommand needs or refuses whatever the values: explain and
 * methods need one period end, chart draws a range, movements and cohorts
 * have no window, merge takes its parameters from the partials. */
static int check_subcommand(const cli *c)
{
    const ndr_report_options *o = &c->opt;
    if (c->misplaced)
        return cli_usage_error(c, "%s", "merge takes its parameters from the partials: only -f, "
                                        "-o, -q, -v, --fail-below and --provenance apply");
    if (c->kind == CLI_EXPLAIN && !o->has_as_of)
        return cli_usage_error(c, "%s",
                               "explain needs --as-of YYYY-MM-DD (the period end to explain)");
    if (c->kind == CLI_METHODS && !o->has_as_of)
        return cli_usage_error(c, "%s",
                               "methods needs --as-of YYYY-MM-DD (the period end to compare)");
    if ((c->kind & (CLI_EXPLAIN | CLI_METHODS)) && (o->from_month >= 0 || o->to_month >= 0))
        return cli_usage_error(c, "%s takes --as-of, not --from or --to", c->name);
    if (c->kind == CLI_CHART && o->has_as_of)
        return cli_usage_error(c, "%s", "chart takes --from and --to, not --as-of");
    if (c->kind == CLI_CHART && c->chart_cohorts && c->format_set &&
        c->format == NDR_FORMAT_HTML)
        return cli_usage_error(c, "%s", "--chart picks the SVG chart; the HTML page has both");
    if ((c->kind & (CLI_MOVEMENTS | CLI_COHORTS)) && (c->window_set || o->has_as_of))
        return cli_usage_error(c, "--window and --as-of do not apply to %s; bound the months "
                                  "with --from and --to",
                               c->name);
    return 0;
}

/* The range, the years, and what the methods, thresholds and shards can
 * carry. */
static int check_values(const cli *c)
{
    const ndr_report_options *o = &c->opt;
    int thresholds = o->basis_arr || o->min_prior_arr || o->min_current_arr;
    if (o->has_as_of && (o->from_month >= 0 || o->to_month >= 0))
        return cli_usage_error(c, "%s", "--as-of cannot be combined with --from or --to");
    if (o->from_month >= 0 && o->to_month >= 0 && o->from_month > o->to_month)
        return cli_usage_error(c, "%s", "--from is after --to");
    if (check_years(c))
        return EXIT_USAGE;
    if (c->kind == CLI_CHART && thresholds)
        return cli_usage_error(c, "%s", "--basis and the --min-* thresholds do not apply to chart");
    if (!(c->kind & (CLI_REPORT | CLI_METHODS | CLI_CHART)) &&
        (o->period_months != 1 || thresholds))
        return cli_usage_error(c, "%s", "--period, --basis and the --min-* thresholds apply to "
                                        "'ndr report' and 'ndr methods' only");
    if (o->basis_arr && ndr_method_is_revenue(o->method))
        return cli_usage_error(c, "--basis arr applies to the MRR methods; %s reports revenue",
                               ndr_method_name(o->method));
    if (o->by_segment && o->method != NDR_METHOD_POINT && o->method != NDR_METHOD_SURVIVOR)
        return cli_usage_error(c, "--by works with the point and survivor methods only, not %s",
                               ndr_method_name(o->method));
    if (c->partial && (o->by_segment || !ndr_partial_method_ok(o)))
        return cli_usage_error(c, "%s", "--format partial carries the point and survivor "
                                        "methods, without --by (their sums add up over shards)");
    if (c->fx_file && o->currency[0] == '\0')
        return cli_usage_error(c, "%s",
                               "--fx needs --currency (the currency the rates convert to)");
    return 0;
}

/* The files: at least one, and standard input read once at most. */
static int check_files(const cli *c, int argc, char **argv)
{
    char why[600];
    /* here, not when a header is read: a --map that can mean two columns
     * is the command line's fault, whatever the files */
    if (ndr_read_options_check(&c->ropt, why, sizeof why) != NDR_OK)
        return cli_usage_error(c, "%s", why);
    if (optind >= argc)
        return cli_usage_error(c, "%s", c->kind == CLI_MERGE
                                            ? "no PARTIAL given (use '-' for standard input)"
                                            : "no input FILE given (use '-' for standard input)");
    /* standard input can be read once: a second '-' would read as empty */
    int stdin_uses = (c->fx_file && strcmp(c->fx_file, "-") == 0) +
                     (c->accounts && strcmp(c->accounts, "-") == 0);
    for (int i = optind; i < argc; i++)
        stdin_uses += strcmp(argv[i], "-") == 0;
    if (stdin_uses > 1)
        return cli_usage_error(c, "%s", "standard input ('-') is given more than once: it can "
                                        "be read only once");
    return 0;
}

/* The format when --format is not given: by -o FILE's extension, else
 * a table for a terminal and CSV for a pipe or file. */
static ndr_format default_format(const cli *c)
{
    size_t len = c->output ? strlen(c->output) : 0;
    if (c->kind == CLI_CHART)
        return len > 4 && strcmp(c->output + len - 4, ".svg") == 0 ? NDR_FORMAT_SVG
                                                                   : NDR_FORMAT_HTML;
    if (c->output)
        return len > 5 && strcmp(c->output + len - 5, ".json") == 0 ? NDR_FORMAT_JSON
                                                                     : NDR_FORMAT_CSV;
    return isatty(STDOUT_FILENO) ? NDR_FORMAT_TABLE : NDR_FORMAT_CSV;
}

int cli_parse(cli *c, int argc, char **argv)
{
    int rc = parse_table(c, argc, argv);
    if (rc == 0)
        rc = check_subcommand(c);
    if (rc == 0)
        rc = check_values(c);
    if (rc == 0)
        rc = check_files(c, argc, argv);
    if (rc == 0 && !c->format_set)
        c->format = default_format(c);
    return rc;
}

char *cli_command_line(const cli *c, int argc, char **argv)
{
    size_t len = 4 + strlen(c->name);
    for (int i = 0; i < argc; i++)
        len += 4 * strlen(argv[i]) + 3;
    char *s = malloc(len), *p = s;
    if (s == NULL)
        return NULL;
    p += sprintf(p, "ndr %s", c->name);
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
