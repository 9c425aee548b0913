/* inputs.c - reading the files of a run (inputs.h). */
#include "inputs.h"
#include "say.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

static void print_reject(void *ctx, const char *source, uint64_t line, const char *reason)
{
    cli_progress_end(ctx);
    fprintf(stderr, "ndr: %s:%llu: %s\n", source, (unsigned long long)line, reason);
}

static void show_progress(void *ctx, uint64_t bytes, uint64_t rows)
{
    cli_progress_update(ctx, bytes, rows);
}

/* "ndr: NAME: cannot open: REASON"; returns EXIT_FAIL. */
static int cannot_open(const char *path)
{
    char buf[CLI_SHOWN_SIZE];
    fprintf(stderr, "ndr: %s: cannot open: %s\n", cli_shown(path, buf), strerror(errno));
    return EXIT_FAIL;
}

/* What is worth knowing about how one input was read: the format picked
 * (chatty), a header that fits two formats and the format's own warnings
 * (always: a misread file gives wrong figures), rows given twice. */
static void say_how_read(const cli *c, const ndr_source *s)
{
    const ndr_read_stats *t = &s->stats;
    ndr_input_format f = t->format;
    int guessed = c->ropt.format == NDR_IN_AUTO;
    char buf[CLI_SHOWN_SIZE];
    const char *name = cli_shown(s->name, buf);
    if (guessed && t->also_fits != NDR_IN_AUTO)
        fprintf(stderr,
                "ndr: warning: %s: read as %s, but its header also fits %s (--format-in %s "
                "reads it so)\n",
                name, ndr_input_format_name(f), ndr_input_format_name(t->also_fits),
                ndr_input_format_name(t->also_fits));
    else if (cli_chatty(c) && guessed && f != NDR_IN_AUTO && f != NDR_IN_EVENTS)
        fprintf(stderr, "ndr: %s: read as %s\n", name, ndr_input_format_name(f));
    if (t->note[0])
        fprintf(stderr, "ndr: warning: %s: %s\n", name, t->note);
}

/* Rows given twice (the same file twice, overlapping exports), per input,
 * once every input is read. */
static void say_duplicates(const cli *c, const ndr_source *s, int n)
{
    char buf[CLI_SHOWN_SIZE];
    for (int i = 0; i < n && !c->quiet; i++) {
        const ndr_read_stats *t = &s[i].stats;
        if (t->rows_duplicate)
            fprintf(stderr,
                    "ndr: %s: %llu row%s repeat%s rows read before (the first at line %llu): "
                    "counted once\n",
                    cli_shown(s[i].name, buf), (unsigned long long)t->rows_duplicate,
                    t->rows_duplicate == 1 ? "" : "s", t->rows_duplicate == 1 ? "s" : "",
                    (unsigned long long)t->first_duplicate);
    }
}

/* After the last input: joins warehouse lines to their invoices, rejecting
 * those whose invoice is missing, and takes the final accounting of each
 * input. Returns EXIT_OK, EXIT_FAIL or EXIT_STRICT. */
static int finish_inputs(cli *c, ndr_dataset *ds, ndr_source *src, int n)
{
    char msg[600];
    ndr_status st = ndr_dataset_finish_reading(ds, c->strict ? NDR_READ_STRICT : 0, print_reject,
                                               &c->progress, msg, sizeof msg);
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
    return st == NDR_OK ? EXIT_OK : cli_fail(msg);
}

/* The reading flags of a run: what its outputs need computed while reading. */
static unsigned read_flags(const cli *c)
{
    int fingerprint = c->provenance || (c->format == NDR_FORMAT_JSON && !c->partial) ||
                      c->format == NDR_FORMAT_HTML;
    return (c->strict ? NDR_READ_STRICT : 0) | (c->partial ? NDR_READ_CHECKSUM : 0) |
           (fingerprint ? NDR_READ_FINGERPRINT : 0);
}

int cli_read_inputs(cli *c, ndr_dataset *ds, char **files, int n, ndr_source *src)
{
    int rc = EXIT_OK;
    c->ropt.progress = show_progress;
    c->ropt.progress_ctx = &c->progress;
    for (int i = 0; i < n; i++) {
        int is_stdin = strcmp(files[i], "-") == 0;
        src[i].name = is_stdin ? "<stdin>" : files[i];
        memset(&src[i].stats, 0, sizeof src[i].stats);
        src[i].stats.input = UINT32_MAX; /* read into no data set entry */
        FILE *in = is_stdin ? stdin : fopen(files[i], "rb");
        if (in == NULL) {
            rc = cannot_open(files[i]);
            continue;
        }
        char msg[600];
        ndr_status st = ndr_read_stream(ds, in, src[i].name, &c->ropt, read_flags(c), print_reject,
                                        &c->progress, &src[i].stats, msg, sizeof msg);
        cli_progress_next(&c->progress, src[i].stats.bytes, src[i].stats.rows_read);
        cli_progress_end(&c->progress);
        say_how_read(c, &src[i]);
        if (!is_stdin)
            fclose(in);
        if (st == NDR_ERR_BAD_ROW) {
            fprintf(stderr, "ndr: stopped at the first bad row (--strict)\n");
            return EXIT_STRICT;
        }
        if (st != NDR_OK)
            rc = cli_fail(msg);
    }
    return rc == EXIT_OK ? finish_inputs(c, ds, src, n) : rc;
}

int cli_read_fx(const char *path, ndr_fx **out)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return cannot_open(path);
    char msg[600];
    ndr_fx *fx = ndr_fx_new();
    ndr_status st = fx ? ndr_fx_read(fx, in, path, msg, sizeof msg) : NDR_ERR_NOMEM;
    fclose(in);
    if (st != NDR_OK) {
        ndr_fx_free(fx);
        return cli_fail(fx ? msg : "out of memory");
    }
    *out = fx;
    return EXIT_OK;
}

int cli_read_accounts(const char *path, ndr_dataset *ds)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return cannot_open(path);
    char msg[1200]; /* a chain names the file twice and four ids */
    ndr_status st = ndr_read_accounts(ds, in, path, msg, sizeof msg);
    fclose(in);
    return st == NDR_OK ? EXIT_OK : cli_fail(msg);
}

void cli_fingerprint_file(const char *path, const char *role, ndr_source *out)
{
    memset(out, 0, sizeof *out);
    out->name = path;
    out->role = role;
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return;
    ndr_source_fingerprint(out, in);
    fclose(in);
}

void cli_warn_far_date(const cli *c, const ndr_dataset *ds)
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

void cli_print_accounting(const ndr_source *src, int n)
{
    ndr_read_stats t;
    n = (int)ndr_sources_total(src, (size_t)n, &t);
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

int cli_check_some_rows(const ndr_source *src, int n)
{
    ndr_read_stats t;
    char buf[CLI_SHOWN_SIZE];
    n = (int)ndr_sources_total(src, (size_t)n, &t);
    uint64_t read = t.rows_read, used = t.rows_used, rejected = t.rows_rejected;
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
        fprintf(stderr, "ndr: %s: no data rows after the header\n", cli_shown(src[0].name, buf));
    else
        fprintf(stderr, "ndr: no data rows after the header in any of the %d inputs\n", n);
    return EXIT_FAIL;
}
