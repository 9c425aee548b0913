/* ndr.h - public API of libndr, the Net Dollar Retention engine.
 *
 * The library reads subscription events (CSV), keeps one MRR timeline per
 * subscription, and computes Slack-style trailing-window retention: for a
 * period end T and prior date P = T - window months, the cohort is every
 * customer with MRR > 0 at P, and NDR = their MRR at T / their MRR at P.
 *
 * Conventions:
 * - Every function and type is prefixed ndr_ / NDR_; no libcsv type
 *   appears here. Handles are opaque; whoever calls *_new calls *_free.
 * - The library never prints diagnostics. Functions return an ndr_status and,
 *   where useful, leave a one-line message in a caller-supplied buffer or in
 *   the handle. Rejected input rows are passed to a caller's callback.
 * - Money is exact: an ndr_money is a 128-bit integer count of 1e-8
 *   currency units (NDR_MONEY_SCALE per unit), wide enough for the totals of
 *   any business in any currency (NDR_MONEY_MAX). Ratios are computed only
 *   when formatted.
 * - Dates are ndr_date day numbers (days since 1970-01-01, proleptic
 *   Gregorian calendar).
 * - Threads: the library keeps no mutable global state, so separate handles
 *   (data sets, readers, reports, merges, ...) may be used from separate
 *   threads at the same time; one handle must not be used from two threads
 *   at once. (A reader with NDR_READ_THREADED runs a worker thread of its
 *   own, joined before ndr_reader_finish returns.)
 * - The shared library exports these functions and no others.
 */
#ifndef NDR_H
#define NDR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The shared library exports exactly the functions this header declares:
 * it is built with -fvisibility=hidden, and this pragma gives these
 * declarations default visibility (tests/exports.sh checks both ways). */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* ---- Types -------------------------------------------------------------- */

#define NDR_VERSION "0.1.0"

/* Money: integer units of 1/NDR_MONEY_SCALE of the currency unit, in a
 * signed 128-bit integer (gcc and clang on 64-bit targets; __extension__
 * keeps -pedantic quiet). 64 bits would hold only 9.2e10 currency units:
 * 2,000 customers paying IDR 50,000,000 a month. */
#define NDR_MONEY_SCALE INT64_C(100000000)
#define NDR_MONEY_DECIMALS 8
__extension__ typedef __int128 ndr_money;

/* The largest amount one input value, and one subscription's MRR, may have:
 * 10^14 - 10^-8 currency units (99,999,999,999,999.99999999). It keeps a
 * stored MRR within 74 bits, so a subscription event stays 16 bytes. */
#define NDR_MONEY_ROW_MAX ((ndr_money)INT64_C(1000000000000000000) * 10000 - 1)
/* The largest figure (a sum, an ARR, a revenue) ndr computes or a partial
 * may state: 10^25 - 10^-8 currency units. A figure beyond it is refused
 * (NDR_ERR_OVERFLOW), never wrapped; with every MRR at most
 * NDR_MONEY_ROW_MAX, the sums of 2^32 subscriptions stay far below it. */
#define NDR_MONEY_MAX ((ndr_money)INT64_C(1000000000000000000) * INT64_C(1000000000000000) - 1)
/* Room for ndr_money_format's text and its NUL. */
#define NDR_MONEY_TEXT 48

/* Date: days since 1970-01-01. */
typedef int32_t ndr_date;

typedef enum ndr_status {
    NDR_OK = 0,
    NDR_ERR_NOMEM,     /* out of memory */
    NDR_ERR_IO,        /* a read or write failed */
    NDR_ERR_HEADER,    /* no header, or a required column missing/duplicated */
    NDR_ERR_ENCODING,  /* input is not UTF-8/ASCII text (e.g. UTF-16) */
    NDR_ERR_BAD_ROW,   /* strict mode: a data row was rejected */
    NDR_ERR_OVERFLOW,  /* an MRR sum left the representable range */
    NDR_ERR_ARG,       /* an invalid argument or option value */
    NDR_ERR_NO_DATA,   /* no usable data rows */
    NDR_ERR_NO_PERIOD, /* no period end to report for these options */
    NDR_ERR_DATA,      /* rows that are each valid contradict each other (a
                        * subscription in two currencies, movements below 0) */
    NDR_ERR_CURRENCY   /* amounts in a currency that cannot be converted */
} ndr_status;

/* A static description of a status code ("out of memory", ...). */
const char *ndr_strerror(ndr_status status);

/* ---- Dates -------------------------------------------------------------- */

/* Day number of a valid calendar date (month 1-12, day 1-length). */
ndr_date ndr_date_from_ymd(int year, int month, int day);
void ndr_date_to_ymd(ndr_date date, int *year, int *month, int *day);

/* Parses "YYYY-MM-DD", optionally followed by 'T' or ' ' and a time that is
 * ignored but must begin "HH:MM" (2021-06-30T12:00:00Z, 2021-06-30 12:00). Returns 0 on success, -1 if the text is not such a date or names
 * a day that does not exist (2021-02-30). */
int ndr_date_parse(const char *text, size_t len, ndr_date *out);

/* Writes "YYYY-MM-DD" and a NUL into out (at least 11 bytes). */
void ndr_date_format(ndr_date date, char out[11]);

/* Last day of the month containing date. */
ndr_date ndr_date_month_end(ndr_date date);

/* The prior date of period end `date` for a window of `months`: when date is
 * a month end, the last day of the month `months` earlier (2025-02-28 ->
 * 2024-02-29); otherwise the same day of month, clamped to that month. */
ndr_date ndr_date_prior(ndr_date date, int months);

/* The days ndr reads and reports: 1900-01-01 to 2199-12-31. A date outside
 * these years is almost surely a typo (0202 for 2022) that would stretch a
 * report over centuries; a period end or option outside them is refused. */
#define NDR_DAY_MIN (-25567) /* 1900-01-01 */
#define NDR_DAY_MAX 84005    /* 2199-12-31 */

/* Months are indexed as year * 12 + (month - 1), so subtraction is exact:
 * the month of a date, the last day of a month, and "YYYY-MM"
 * (NUL-terminated) as a month index (0 ok, -1 bad). */
int ndr_month_of(ndr_date date);
ndr_date ndr_month_end(int month_index);
int ndr_month_parse(const char *text, int *month_index);

/* ---- Money -------------------------------------------------------------- */

typedef enum ndr_money_error {
    NDR_MONEY_OK = 0,
    NDR_MONEY_EMPTY,      /* no digits at all */
    NDR_MONEY_SYNTAX,     /* not a plain decimal number (1e9, 12,50, NaN) */
    NDR_MONEY_NEGATIVE,   /* a number below zero */
    NDR_MONEY_PRECISION,  /* non-zero digits beyond 8 decimal places */
    NDR_MONEY_OVERFLOW    /* larger than NDR_MONEY_ROW_MAX */
} ndr_money_error;

/* Parses a plain decimal ("1234.5", "83.3333", "+7", ".5") exactly.
 * Surrounding spaces are ignored. Returns NDR_MONEY_OK or the reason. */
ndr_money_error ndr_money_parse(const char *text, size_t len, ndr_money *out);

/* Writes value rounded half away from zero to `decimals` places (0-8), e.g.
 * "125.00", into out; returns out. */
char *ndr_money_format(ndr_money value, int decimals, char out[NDR_MONEY_TEXT]);

/* Writes 100 * num / den rounded half away from zero to 2 decimals
 * ("125.00") into out and returns out, or returns NULL when den <= 0 or
 * num < 0 (the ratio is undefined). out needs 48 bytes. */
char *ndr_pct_format(ndr_money num, ndr_money den, char out[48]);

/* ---- Data set and reading ----------------------------------------------- */

/* All subscription events read so far, with interned customer and
 * subscription ids. Reports are computed from it. */
typedef struct ndr_dataset ndr_dataset;

ndr_dataset *ndr_dataset_new(void); /* NULL when out of memory */
void ndr_dataset_free(ndr_dataset *ds);
size_t ndr_dataset_customer_count(const ndr_dataset *ds);
size_t ndr_dataset_subscription_count(const ndr_dataset *ds);
size_t ndr_dataset_event_count(const ndr_dataset *ds);
/* Earliest and latest event dates; returns -1 when there are no events. */
int ndr_dataset_date_range(const ndr_dataset *ds, ndr_date *first, ndr_date *last);

/* Account roll-up: from now on, subscriptions of billing customer `cust`
 * count as subscriptions of customer `account` (parent/child accounts, one
 * customer in several billing systems). Call before reading the events.
 * NDR_ERR_ARG when cust is already mapped to another account, or when the
 * mapping would make a chain (account is itself a customer mapped to
 * another account, or cust is another customer's account): a chain is not
 * followed, so it is refused rather than half applied. A customer mapped
 * to itself (a parent listed as its own account) is fine. */
ndr_status ndr_dataset_add_account(ndr_dataset *ds, const char *cust, size_t cust_len,
                                   const char *account, size_t account_len);

/* The input formats (docs/formats.md). */
typedef enum ndr_input_format {
    NDR_IN_AUTO,                  /* recognise each file by its header */
    NDR_IN_EVENTS,                /* canonical: customer_id, date, mrr, ... */
    NDR_IN_STRIPE_SUBSCRIPTIONS,  /* Stripe Dashboard subscriptions export */
    NDR_IN_STRIPE_INVOICE_LINES,  /* Stripe invoice line items (API, Sigma, warehouse) */
    NDR_IN_CHARTMOGUL_LINE_ITEMS, /* ChartMogul invoice line items */
    NDR_IN_CHARTMOGUL_MOVEMENTS,  /* ChartMogul MRR movements or activities */
    NDR_IN_BAREMETRICS,           /* Baremetrics subscription import */
    NDR_IN_STRIPE_INVOICES,       /* Stripe invoices: each invoice's customer */
    NDR_IN_CHARTMOGUL_INVOICES    /* ChartMogul invoices: customer and currency */
} ndr_input_format;

/* The format's name as --format-in takes it ("auto", "events",
 * "stripe-subscriptions", ...), or "?". */
const char *ndr_input_format_name(ndr_input_format f);
/* One line on what the format is, or "". */
const char *ndr_input_format_summary(ndr_input_format f);
/* The formats in the order documentation lists them: i from 0 while the
 * result is not NDR_IN_AUTO. */
ndr_input_format ndr_input_format_at(size_t i);
/* Returns 0 and sets *out, or -1 for an unknown name. */
int ndr_input_format_parse(const char *name, ndr_input_format *out);

/* Reads an account roll-up CSV with columns customer_id and account_id
 * (others ignored) and adds each mapping as ndr_dataset_add_account does.
 * Any bad line is an error (the message in msg names file and line). */
ndr_status ndr_read_accounts(ndr_dataset *ds, FILE *in, const char *source, char *msg,
                             size_t msg_size);

/* Row accounting of one input:
 * rows_read = rows_used + rows_not_mrr + rows_duplicate + rows_rejected.
 * rows_not_mrr are valid rows that carry no MRR by the format's rules
 * (one-time charges, trials, unpaid subscriptions, lines of void
 * invoices); rows_duplicate repeat a row read before (same identity and
 * contents: the same file twice, overlapping exports) and count once.
 * Header and blank lines are not rows; blank lines are counted apart. */
typedef struct ndr_read_stats {
    uint64_t rows_read;
    uint64_t rows_used;
    uint64_t rows_rejected;
    uint64_t blank_lines;
    uint64_t rows_not_mrr;
    ndr_input_format format; /* the format read (NDR_IN_AUTO: no header yet) */
    uint64_t bytes;          /* bytes fed */
    char sha256[65];         /* with NDR_READ_FINGERPRINT, after finish: the
                              * SHA-256 of those bytes in hex; else "" */
    uint64_t rows_other_shards; /* --shard: rows of other shards' customers,
                                 * skipped and not in rows_read */
    char checksum[17];          /* with NDR_READ_CHECKSUM, after finish: a fast
                                 * non-cryptographic checksum in hex; else "" */
    uint64_t rows_duplicate;
    uint64_t first_duplicate;   /* the line of the first of them (0: none) */
    /* the header also fits this other format (NDR_IN_AUTO: none): the
     * choice between them was made by rule (docs/formats.md) */
    ndr_input_format also_fits;
    char note[320];             /* a warning about the file ("" none) */
    uint32_t input;             /* the input's index in its data set */
    int has_through;            /* the file's "as of" date (see below) */
    ndr_date through;
} ndr_read_stats;

/* How to read an input. */
typedef struct ndr_read_options {
    ndr_input_format format; /* default NDR_IN_AUTO */
    /* column renames, "canonical=Their Header" (e.g. "customer_id=Account"):
     * the column named Their Header is read as `canonical` */
    const char *const *map;
    size_t nmap;
    /* --by: a column (any name the file has; "plan_tier" also finds Stripe's
     * "plan_tier (metadata)") whose value, from each row's date on, is the
     * customer's segment; NULL for none */
    const char *segment_column;
    /* ndr_read_stream only: called after each chunk with the bytes and rows
     * read so far (for a progress display; NULL for none), and whether to
     * leave out the second thread (several readers side by side, --shard) */
    void (*progress)(void *ctx, uint64_t bytes, uint64_t rows);
    void *progress_ctx;
    int one_thread;
} ndr_read_options;

void ndr_read_options_init(ndr_read_options *opt);

/* Checks the column renames without reading anything, so that a command
 * line can be refused before any input is opened. NDR_ERR_ARG, with msg
 * naming the entries, for a malformed entry ("bad map 'x': expected
 * canonical=Their Header"), one name given two columns (date=a, date=b) or
 * one column given two names (date=x, customer_id=x); names compare as
 * header names do (case ignored, see docs/formats.md). A map onto the name
 * a column already has (date=Date) is fine and changes nothing. */
ndr_status ndr_read_options_check(const ndr_read_options *opt, char *msg, size_t msg_size);

/* Called once per rejected row: source name, its first physical line
 * (1-based) and the reason ("bad date '2021-02-30'"). */
typedef void (*ndr_reject_fn)(void *ctx, const char *source, uint64_t line,
                              const char *reason);

#define NDR_READ_STRICT 1u   /* stop at the first bad row (NDR_ERR_BAD_ROW) */
#define NDR_READ_THREADED 2u /* add rows to the data set on a second thread while
                              * parsing; the data set must not be used until
                              * finish or free returns */
#define NDR_READ_FINGERPRINT 4u /* compute the SHA-256 of the input (stats) */
#define NDR_READ_CHECKSUM 8u    /* a fast 64-bit checksum of it (stats; for shards) */

/* A streaming reader of one canonical events CSV into a data set:
 * new -> feed(buf, len)... -> finish -> free. Chunks may split the input
 * anywhere. After an error every further call returns that error. */
typedef struct ndr_reader ndr_reader;

/* source names the input in messages; it is copied. */
ndr_reader *ndr_reader_new(ndr_dataset *ds, const char *source, unsigned flags,
                           ndr_reject_fn on_reject, void *ctx);
/* Sets the format and column renames; call before the first feed. The
 * options are copied. NDR_ERR_ARG (msg says, and the reader reads
 * nothing) for what ndr_read_options_check refuses. */
ndr_status ndr_reader_set_options(ndr_reader *r, const ndr_read_options *opt);
ndr_status ndr_reader_feed(ndr_reader *r, const void *buf, size_t len);
ndr_status ndr_reader_finish(ndr_reader *r);
/* The message of the last error ("events.csv: missing column 'mrr'"), or "". */
const char *ndr_reader_message(const ndr_reader *r);
void ndr_reader_stats(const ndr_reader *r, ndr_read_stats *out);
void ndr_reader_free(ndr_reader *r);

/* Convenience: reads all of `in` (named `source`) through a reader, with
 * NDR_READ_THREADED added to flags unless opt->one_thread, calling
 * opt->progress after each chunk; opt may be NULL (defaults).
 * Copies the reader's message into msg (msg_size bytes) on error. */
ndr_status ndr_read_stream(ndr_dataset *ds, FILE *in, const char *source,
                           const ndr_read_options *opt, unsigned flags,
                           ndr_reject_fn on_reject, void *ctx, ndr_read_stats *stats,
                           char *msg, size_t msg_size);

/* After the last input: joins the invoice lines that name only their
 * invoice (warehouse tables) to the invoice tables read, finds the vendor
 * rows given twice, and turns the vendor records into events. A line whose
 * invoice is in no input, or a row that claims another's identity with
 * other values, is rejected - on_reject is called with its input and line,
 * and its input's accounting (ndr_dataset_input_stats) counts it rejected,
 * not used; a row given twice counts as a duplicate. With NDR_READ_STRICT
 * the first rejection ends it (NDR_ERR_BAD_ROW, msg says which). Records
 * that contradict each other (movements below zero ...) are NDR_ERR_DATA
 * here, as they would be from a report. Reports refuse a data set with
 * lines still waiting for their invoice (NDR_ERR_DATA); without this call
 * a report turns the records into events itself (repeats are then only
 * counted). Rows read after it are not compared with those before. */
ndr_status ndr_dataset_finish_reading(ndr_dataset *ds, unsigned flags, ndr_reject_fn on_reject,
                                      void *ctx, char *msg, size_t msg_size);

/* The inputs read into ds, in order, each with its accounting (final once
 * ndr_dataset_finish_reading has run); stats->input is the index. */
size_t ndr_dataset_input_count(const ndr_dataset *ds);
const ndr_read_stats *ndr_dataset_input_stats(const ndr_dataset *ds, size_t i);

/* The data's "as of" date: the latest date, among the rows read, that shows
 * how recent the export is (an event's date; a subscription's start,
 * current period start, cancellation or end; an invoice line's period
 * start; a movement's date: docs/formats.md). Period ends after it are not
 * final. Returns -1 when no row had one. */
int ndr_dataset_data_through(const ndr_dataset *ds, ndr_date *through);

/* A date far from all the others, most likely a typo (2194 for 2024): a
 * few rows (at most 1% of the events) more than five years before or after
 * every other one. A late one makes the data run to it (periods after the
 * real data count as final); an early one starts the default range there. */
typedef struct ndr_far_date {
    ndr_date day;      /* the farthest date on that side */
    const char *input; /* a row there: its input and line, and its date */
    uint64_t line;
    ndr_date line_day;
    uint64_t rows;     /* events on that side of the gap */
    int after;         /* 1: after the rest, 0: before it */
    ndr_date rest;     /* the rest's last date (after) or first (before) */
} ndr_far_date;

/* After reading: 1 and *out when the data has such a date, else 0. */
int ndr_dataset_far_date(const ndr_dataset *ds, ndr_far_date *out);

/* ---- Shards ------------------------------------------------------------- */

/* The most shards a run may have (ndr_dataset_set_shard, partials). */
#define NDR_MAX_SHARDS 100000

/* The shard, 1 to n, of a customer (or, with --accounts, account) id: the
 * 64-bit FNV-1a hash of its bytes, modulo n, plus 1. Stable across runs,
 * machines and files. */
unsigned ndr_shard_of(const char *id, size_t len, unsigned n);

/* Makes ds keep only shard k of n: rows whose customer (its account when
 * accounts are mapped; map them first) is in another shard are skipped and
 * counted in rows_other_shards; rows without a customer id, rows too
 * malformed to have one, and blank lines count in shard 1 only. Then
 * every row is counted in exactly one shard. Call before reading.
 * NDR_ERR_ARG unless 1 <= k <= n. */
ndr_status ndr_dataset_set_shard(ndr_dataset *ds, unsigned k, unsigned n);

/* ---- Retention report --------------------------------------------------- */

/* Exchange rates to a reporting currency: rows of date, currency and
 * rate_to_reporting (reporting-currency units per unit). */
typedef struct ndr_fx ndr_fx;

ndr_fx *ndr_fx_new(void); /* NULL when out of memory */
/* Reads a CSV with columns date, currency, rate_to_reporting; any bad line
 * is an error (msg names file and line). May be called for several files. */
ndr_status ndr_fx_read(ndr_fx *fx, FILE *in, const char *source, char *msg, size_t msg_size);
void ndr_fx_free(ndr_fx *fx);

/* Methodology families of public filings (docs/methods.md). */
typedef enum ndr_method {
    NDR_METHOD_POINT,           /* A: MRR at T of customers paying at P / their MRR at P */
    NDR_METHOD_TTM_WEIGHTED,    /* A': the 12 point rates ending at T, prior-weighted */
    NDR_METHOD_TTM_MEAN,        /* A': the plain mean of those 12 rates */
    NDR_METHOD_REVENUE_QUARTER, /* B: revenue in the quarter ending at T over the same
                                 * quarter a window earlier; --period year: mean of 4 */
    NDR_METHOD_REVENUE_TTM,     /* C: revenue in the window ending at T over the window
                                 * before */
    NDR_METHOD_COMPOUND,        /* D: product of the one-month rates over the window */
    NDR_METHOD_SURVIVOR         /* E: point, counting only customers still paying at T */
} ndr_method;

/* "point", "ttm-weighted", "ttm-mean", "revenue-quarter", "revenue-ttm",
 * "compound", "survivor". */
const char *ndr_method_name(ndr_method m);
/* Returns 0 and sets *out, or -1 for an unknown name. */
int ndr_method_parse(const char *name, ndr_method *out);
/* Whether the method measures recognised revenue rather than MRR. */
int ndr_method_is_revenue(ndr_method m);

typedef struct ndr_report_options {
    int window_months; /* prior date = period end - window; default 12 */
    int from_month;    /* first period end's month as year*12 + month-1; -1 none */
    int to_month;      /* last period end's month, same encoding; -1 none */
    int has_as_of;     /* when non-zero, report only period end as_of */
    ndr_date as_of;
    /* Currencies. Amounts without a currency count as the reporting one.
     * Without fx every amount must be in one currency (currency, when set,
     * must be it); with fx, others are converted at the rate in force on
     * each snapshot date, or with fx_constant at the period end's rates for
     * both the prior and the current MRR (constant-currency NDR). */
    char currency[4];  /* reporting currency, "" = the data's own */
    const ndr_fx *fx;  /* NULL: no conversion */
    int fx_constant;
    /* report per segment too (the data set was read with a segment_column):
     * a customer counts in the group of its segment value at P */
    int by_segment;
    ndr_method method;     /* default NDR_METHOD_POINT */
    int period_months;     /* spacing of period ends: 1 (default), 3 or 12, counted
                            * back from the last period end */
    int basis_arr;         /* report MRR money x 12 (ARR); ratios are unchanged */
    /* Cohort thresholds, as annual run rates (12 x MRR; 0 = none): a
     * customer counts only when its run rate at P is >= min_prior_arr and
     * its run rate at T is >= min_current_arr (revenue methods: 12 x its
     * average monthly revenue over each interval). */
    ndr_money min_prior_arr, min_current_arr;
    /* the command line that produced the report, shown in JSON provenance
     * and --provenance lines; NULL for none */
    const char *command;
    /* The data is complete up to data_through when has_data_through (the
     * export date, which the user knows), else up to the data's own "as of"
     * date (ndr_dataset_data_through); and never after today when has_today.
     * Period ends after that are not complete, and the default range stops
     * at the last month end on or before it. */
    int has_data_through;
    ndr_date data_through;
    int has_today;
    ndr_date today;
} ndr_report_options;

/* Defaults: 12-month window, every month end the data supports. */
void ndr_report_options_init(ndr_report_options *opt);

/* Months of data a period end needs before its own month under opt: the
 * window, and the further parts of the averaged and compounded methods. */
int ndr_method_lead_months(const ndr_report_options *opt);

/* The dates of opt (from, to, as-of, data-through) within the years ndr
 * computes with (NDR_DAY_MIN..NDR_DAY_MAX): the calendar code is not made
 * for year 0 or 10000, and a far date makes thousands of period ends.
 * NDR_ERR_ARG with "from lies outside the years 1900-2199" and the like. */
ndr_status ndr_options_check_years(const ndr_report_options *opt, char *msg, size_t msg_size);

/* Whether --format partial (ndr_partial_write) can carry opt's method: the
 * sums of point and survivor add up over shards; averaged and compounded
 * rates do not. */
int ndr_partial_method_ok(const ndr_report_options *opt);

/* Figures for one period end. Money in ndr_money units. For each cohort
 * customer (MRR p > 0 at prior_period_end, c at period_end):
 * expansion += c - p if c > p; contraction += p - c if 0 < c < p;
 * churned += p if c = 0; retained_mrr += min(p, c). Always
 * prior + expansion - contraction - churned = current. */
typedef struct ndr_period {
    ndr_date period_end;
    ndr_date prior_period_end;
    uint64_t customers;          /* cohort size: MRR > 0 at the prior date */
    uint64_t retained_customers; /* cohort customers with MRR > 0 at the end */
    ndr_money prior_mrr;
    ndr_money current_mrr;
    ndr_money expansion_mrr;
    ndr_money contraction_mrr;
    ndr_money churned_mrr;
    ndr_money retained_mrr; /* sum of min(prior, current): GRR numerator */
    /* 0 when the period end is after the data's "as of" date (or today),
     * or falls in the first month of the data when that month is only partly
     * covered: the figures may still change as data arrives, so they are
     * not final */
    int complete;
    /* Methods whose rate is not one ratio of these sums (ttm-mean,
     * compound, revenue-quarter over a year) set has_rate and give each
     * rate as a fraction (1.05 = 105%), computed in long double from the
     * exact figures of the periods combined; a negative rate is undefined.
     * The money and counts are then the sums over those periods. */
    int has_rate;
    double ndr_rate, grr_rate, logo_rate;
    /* With has_rate: the first part whose rate is undefined (no cohort:
     * nobody paid at its prior date), which makes the combined rate
     * undefined; undefined_end 0 when every part is defined. */
    ndr_date undefined_end, undefined_prior;
} ndr_period;

/* Whether period end `end` is fully covered by data from first to through
 * (see ndr_period.complete). */
int ndr_period_complete(ndr_date end, ndr_date first, ndr_date through);

typedef struct ndr_report ndr_report;

/* Computes the report. On error returns the status, leaves a message in msg
 * and sets *out to NULL. The data set is sorted in place on first use. */
ndr_status ndr_report_compute(ndr_dataset *ds, const ndr_report_options *opt,
                              ndr_report **out, char *msg, size_t msg_size);
size_t ndr_report_count(const ndr_report *r);
const ndr_period *ndr_report_period(const ndr_report *r, size_t i);
/* p's NDR as every output prints it ("104.85"), and (*hundredths) the same
 * in hundredths of a percent (10485); returns -1, out "", when it is
 * undefined (no customer paid at the prior date). */
int ndr_period_ndr_pct(const ndr_period *p, char out[48], int64_t *hundredths);
const ndr_report_options *ndr_report_get_options(const ndr_report *r);
/* With by_segment: the groups, sorted by name, each with one period per
 * period of the report (same order); their customers, prior and current
 * MRR add up to the report's. A customer without a value is in group "". */
size_t ndr_report_group_count(const ndr_report *r);
const char *ndr_report_group_name(const ndr_report *r, size_t g);
const ndr_period *ndr_report_group_period(const ndr_report *r, size_t g, size_t i);
void ndr_report_free(ndr_report *r);

/* ---- Monthly MRR movements ---------------------------------------------- */

/* The MRR bridge of one month over the whole base: each customer's MRR at
 * the previous month end (a) against this month end (b). new: a = 0 < b
 * and never paid at an earlier month end; reactivation: a = 0 < b and paid
 * before; expansion b > a > 0; contraction 0 < b < a; churned a > 0 = b.
 * Always opening + new + reactivation + expansion - contraction - churned
 * = closing. */
typedef struct ndr_month_movement {
    ndr_date month_end;
    ndr_money opening_mrr, new_mrr, reactivation_mrr, expansion_mrr, contraction_mrr,
        churned_mrr, closing_mrr;
    uint64_t new_customers, reactivated_customers, churned_customers, closing_customers;
    int complete; /* as ndr_period.complete */
} ndr_month_movement;

typedef struct ndr_movements ndr_movements;

/* Every month end from the data's first month to the last month end on or
 * before its last date, within opt's from/to (window and as_of are not
 * used); currencies as for reports (each month end at its own rates). */
ndr_status ndr_movements_compute(ndr_dataset *ds, const ndr_report_options *opt,
                                 ndr_movements **out, char *msg, size_t msg_size);
size_t ndr_movements_count(const ndr_movements *m);
const ndr_month_movement *ndr_movements_get(const ndr_movements *m, size_t i);
void ndr_movements_free(ndr_movements *m);

/* ---- Cohorts ------------------------------------------------------------ */

/* ChartMogul-style cohorts: customers grouped by the month (quarter, year)
 * of the first month end at which they paid; per cohort its starting MRR
 * (each member's MRR at that first month end) and, N months after each
 * member's start, the MRR and paying customers of the cohort. */
typedef enum ndr_cohort_period { NDR_COHORT_MONTH, NDR_COHORT_QUARTER, NDR_COHORT_YEAR } ndr_cohort_period;

typedef struct ndr_cohort_cell {
    int cohort;               /* first month index (year*12 + month-1) of the cohort */
    int months_since_start;   /* N, from 0 */
    uint64_t start_customers; /* cohort size */
    uint64_t customers;       /* of them, paying N months after their start */
    ndr_money start_mrr;
    ndr_money mrr;            /* their MRR N months after their start */
} ndr_cohort_cell;

typedef struct ndr_cohorts ndr_cohorts;

/* Cohorts of customers whose first paid month end falls in opt's from/to
 * (default: all), observed up to the last month end on or before the
 * data's last date; a cohort's N runs while every member has been seen N
 * months. Currencies as for reports. */
ndr_status ndr_cohorts_compute(ndr_dataset *ds, const ndr_report_options *opt,
                               ndr_cohort_period period, ndr_cohorts **out, char *msg,
                               size_t msg_size);
size_t ndr_cohorts_count(const ndr_cohorts *c); /* cells, by cohort then N */
const ndr_cohort_cell *ndr_cohorts_get(const ndr_cohorts *c, size_t i);
ndr_cohort_period ndr_cohorts_period(const ndr_cohorts *c);
void ndr_cohorts_free(ndr_cohorts *c);

/* ---- Audit trail (ndr explain) ----------------------------------------- */

/* Makes the data set remember the input file and line of every event, for
 * ndr_explain_compute. Call before reading. Costs 16 bytes per event. */
void ndr_dataset_keep_rows(ndr_dataset *ds);

/* One cohort customer of a period end: MRR at P and at T, how it moved,
 * and the input rows (file:line, ';'-separated) of the subscription events
 * in force at P and at T with MRR > 0 ("" when rows were not kept). */
typedef struct ndr_explain_row {
    const char *customer_id;
    ndr_money prior_mrr, current_mrr;
    const char *movement; /* "expanded", "contracted", "churned" or "flat" */
    const char *prior_rows, *current_rows;
} ndr_explain_row;

typedef struct ndr_explain ndr_explain;

/* The cohort of period end opt->as_of (required) with opt's window and
 * currencies, sorted by customer id; with top > 0 only the top largest
 * losses (contractions and churns, largest first) then the top largest
 * expansions. The totals are always those of the whole cohort, equal to
 * ndr_report_compute's period. */
ndr_status ndr_explain_compute(ndr_dataset *ds, const ndr_report_options *opt, size_t top,
                               ndr_explain **out, char *msg, size_t msg_size);
size_t ndr_explain_count(const ndr_explain *e);
const ndr_explain_row *ndr_explain_get(const ndr_explain *e, size_t i);
const ndr_period *ndr_explain_totals(const ndr_explain *e);
void ndr_explain_free(ndr_explain *e);

/* ---- Methods side by side (ndr methods) --------------------------------- */

/* One method's figures for a period end, with what sets it apart. */
typedef struct ndr_method_row {
    const char *name;    /* "point", ..., "survivor", "sum-of-movements" */
    const char *family;  /* "A", "A'", "B", "C", "D", "E" or "-" */
    const char *filers;  /* whose filings use it, e.g. "Slack, Confluent, ..." */
    const char *measure; /* "mrr", "arr" or "revenue" */
    ndr_period period;   /* has_rate set where the rate is not current/prior */
    char note[240];      /* one line: why it differs from the point rate */
} ndr_method_row;

typedef struct ndr_methods ndr_methods;

/* Period end opt->as_of (required) under every method, with opt's window,
 * thresholds, basis and currencies (opt->method is ignored), plus the "sum
 * of movements over the window" that analytics tools report. */
ndr_status ndr_methods_compute(ndr_dataset *ds, const ndr_report_options *opt,
                               ndr_methods **out, char *msg, size_t msg_size);
size_t ndr_methods_count(const ndr_methods *m);
const ndr_method_row *ndr_methods_get(const ndr_methods *m, size_t i);
void ndr_methods_free(ndr_methods *m);

/* ---- Output ------------------------------------------------------------- */

/* SVG is a chart: the retention trend for ndr_report_write, the heatmap
 * for ndr_cohorts_write (other writers refuse it, and HTML, with
 * NDR_ERR_ARG); HTML is ndr_html_write's. */
typedef enum ndr_format {
    NDR_FORMAT_TABLE,
    NDR_FORMAT_CSV,
    NDR_FORMAT_JSON,
    NDR_FORMAT_SVG,
    NDR_FORMAT_HTML
} ndr_format;

/* One input and its accounting, for the JSON output and the provenance.
 * role NULL: a data input, counted in the row accounting; otherwise the
 * kind of a file read for the options ("fx", "accounts"), listed in the
 * provenance only (stats.bytes and stats.sha256 set, rows not counted). */
typedef struct ndr_source {
    const char *name;
    ndr_read_stats stats;
    const char *role;
} ndr_source;

/* The provenance as comment lines ("# ..."): version and command, the
 * parameters, and per input its role, bytes, SHA-256 and rows. For CSV
 * and table output with --provenance. */
ndr_status ndr_provenance_write(const ndr_report_options *opt, const ndr_source *sources,
                                size_t n, FILE *out);

/* The accounting of the data inputs of sources (they come first, those
 * without a role): every count of their stats summed and the latest "as
 * of" date into *total. Returns how many data inputs there are. */
size_t ndr_sources_total(const ndr_source *sources, size_t n, ndr_read_stats *total);

/* The provenance of a file read for the options (--fx, --accounts): reads
 * in to its end into out->stats (bytes, sha256, checksum); name and role
 * are the caller's. NDR_ERR_IO when in fails (the digests stay empty). */
ndr_status ndr_source_fingerprint(ndr_source *out, FILE *in);

/* s made safe for a one-line message: control bytes as \n, \r, \t or
 * \xNN, bytes that are not UTF-8 as \xNN (a file name may hold any byte
 * but '/' and NUL). Written into out (size > 0), cut to fit; returns out. */
char *ndr_utf8_printable(const char *s, char *out, size_t size);

/* Writes the report. JSON also carries the parameters and the accounting of
 * the n sources. Returns NDR_ERR_IO when a write to out fails. */
ndr_status ndr_report_write(const ndr_report *r, ndr_format format,
                            const ndr_source *sources, size_t n, FILE *out);
/* With logos, CSV gains a logo_retention_pct column and the table shows
 * the logo triangle too. opt (may be NULL) gives the JSON parameters. */
ndr_status ndr_cohorts_write(const ndr_cohorts *c, const ndr_report_options *opt, int logos,
                             ndr_format format, const ndr_source *sources, size_t n, FILE *out);
/* CSV columns customer_id, prior_mrr, current_mrr, movement, prior_rows,
 * current_rows; JSON adds the totals. */
ndr_status ndr_explain_write(const ndr_explain *e, const ndr_report_options *opt,
                             ndr_format format, const ndr_source *sources, size_t n, FILE *out);
/* One row per method; opt (may be NULL) gives the JSON parameters. */
ndr_status ndr_methods_write(const ndr_methods *m, const ndr_report_options *opt,
                             ndr_format format, const ndr_source *sources, size_t n, FILE *out);
/* opt (may be NULL) gives the parameters shown in JSON. */
ndr_status ndr_movements_write(const ndr_movements *m, const ndr_report_options *opt,
                               ndr_format format, const ndr_source *sources, size_t n,
                               FILE *out);

/* One self-contained HTML page (no scripts or external assets, inline
 * styles, well-formed XML): the latest period end in a sentence, the trend
 * chart, the report table, the bridge (m, may be NULL), the cohort heatmap
 * (c, may be NULL) and the inputs with their SHA-256 when computed. */
ndr_status ndr_html_write(const ndr_report *r, const ndr_movements *m, const ndr_cohorts *c,
                          const ndr_source *sources, size_t n, FILE *out);

/* ---- Shard partials and their merge (docs/scale.md) --------------------- */

/* Writes the exact intermediate of a shard's report r (NULL when the shard
 * had no data rows): the parameters of opt plus read_params (the caller's
 * reading options, compared as a string; may be NULL), the shard of ds, the
 * n sources with their accounting and SHA-256, the data's date range and
 * every period's sums in integer units. NDR_ERR_ARG for --by or a method
 * whose rates do not add up over shards (only point and survivor do). */
ndr_status ndr_partial_write(const ndr_report_options *opt, const ndr_report *r,
                             const ndr_dataset *ds, const char *read_params,
                             const ndr_source *sources, size_t n, FILE *out);

/* Merging partials: new -> add (each partial) -> compute -> free. add
 * refuses (NDR_ERR_DATA, msg says why) a partial of other parameters,
 * inputs or shard count than the first, or a shard given twice; compute
 * refuses missing shards, and builds the report the single run would have
 * made, its options from the partials (command for its provenance). */
typedef struct ndr_merge ndr_merge;

ndr_merge *ndr_merge_new(void); /* NULL when out of memory */
ndr_status ndr_merge_add(ndr_merge *m, FILE *in, const char *name, char *msg, size_t msg_size);
ndr_status ndr_merge_compute(ndr_merge *m, const char *command, ndr_report **out, char *msg,
                             size_t msg_size);
/* The inputs of the run with their accounting summed over the shards. */
size_t ndr_merge_source_count(const ndr_merge *m);
const ndr_source *ndr_merge_sources(const ndr_merge *m);
/* The whole input's event dates, as ndr_dataset_date_range, and its "as
 * of" date, as ndr_dataset_data_through (-1 when there is none). */
int ndr_merge_date_range(const ndr_merge *m, ndr_date *first, ndr_date *last);
int ndr_merge_data_through(const ndr_merge *m, ndr_date *through);
/* Period ends after today are not complete (as has_today in the options);
 * call before ndr_merge_compute. */
void ndr_merge_set_today(ndr_merge *m, ndr_date today);
void ndr_merge_free(ndr_merge *m);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif /* NDR_H */
