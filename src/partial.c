/* partial.c - the exact intermediate of a shard (--format partial) and its
 * merge. Every figure of a report is a sum over customers, so shards that
 * partition the customers add up to the whole: a partial keeps the sums in
 * integer money units, with the parameters, the shard, the inputs'
 * fingerprints and accounting, and the shard's date range; the merge checks
 * that the partials belong together, adds them and rebuilds the report the
 * single run would have made (same period ends, completeness and trim).
 *
 * Format (text, one record per line, fields separated by one space; the
 * last field of "input" is the name, to the end of the line, with '%' and
 * line breaks written as %25, %0A, %0D):
 *   ndr-partial 2
 *   shard K N fnv1a-64
 *   parameters KEY=VALUE ...
 *   input ROLE BYTES SHA256 CHECKSUM READ USED NOT_MRR REJECTED BLANK OTHER
 *         DUPLICATE THROUGH FORMAT NAME   (SHA256 - unless --provenance;
 *                                          THROUGH: its rows' "as of", or -)
 *   range FIRST LAST THROUGH              (dates, or - - - without data;
 *                                          THROUGH: the shard's "as of")
 *   period END PRIOR CUSTOMERS RETAINED PRIOR_MRR CURRENT_MRR EXPANSION
 *          CONTRACTION CHURNED RETAINED_MRR   (money in 1e-8 units)
 *   end PERIODS */
#include "date.h"
#include "options.h"
#include "dataset.h"
#include "cells.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define PARTIAL_VERSION 2

/* ---- writing ------------------------------------------------------------ */

static void write_name(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '%' || *s == '\n' || *s == '\r')
            fprintf(out, "%%%02X", (unsigned char)*s);
        else
            fputc(*s, out);
    }
}

/* " YYYY-MM-DD", or " -" */
static void write_date(FILE *out, int has, ndr_date d)
{
    char b[11];
    if (has)
        ndr_date_format(d, b);
    fprintf(out, " %s", has ? b : "-");
}

static void write_month(FILE *out, const char *key, int m)
{
    if (m < 0)
        fprintf(out, " %s=-", key);
    else
        fprintf(out, " %s=%04d-%02d", key, m / 12, m % 12 + 1);
}

/* The options that change any figure, as KEY=VALUE; read_params (the
 * caller's reading options) is compared as a whole. */
static void write_parameters(FILE *out, const ndr_report_options *o, const char *read_params)
{
    fprintf(out, "parameters window=%d method=%s period=%d basis=%s", o->window_months,
            ndr_method_name(o->method), o->period_months, o->basis_arr ? "arr" : "mrr");
    write_month(out, "from", o->from_month);
    write_month(out, "to", o->to_month);
    char asof[11] = "-", through[11] = "-";
    if (o->has_as_of)
        ndr_date_format(o->as_of, asof);
    if (o->has_data_through)
        ndr_date_format(o->data_through, through);
    fprintf(out, " as_of=%s data_through=%s", asof, through);
    char a[NDR_MONEY_TEXT], b[NDR_MONEY_TEXT];
    fprintf(out, " currency=%s fx=%s min_prior_arr=%s min_current_arr=%s read=",
            o->currency[0] ? o->currency : "-",
            o->fx == NULL ? "-" : o->fx_constant ? "constant" : "spot",
            ndr_units_format(o->min_prior_arr, a), ndr_units_format(o->min_current_arr, b));
    write_name(out, read_params && read_params[0] ? read_params : "-");
    fputc('\n', out);
}

static void write_input(FILE *out, const ndr_source *s)
{
    const ndr_read_stats *t = &s->stats;
    fprintf(out,
            "input %s %" PRIu64 " %s %s %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
            " %" PRIu64 " %" PRIu64 " %" PRIu64,
            s->role ? s->role : "data", t->bytes, t->sha256[0] ? t->sha256 : "-",
            t->checksum[0] ? t->checksum : "-", t->rows_read,
            t->rows_used, t->rows_not_mrr, t->rows_rejected, t->blank_lines,
            t->rows_other_shards, t->rows_duplicate);
    write_date(out, t->has_through, t->through);
    fprintf(out, " %s ", s->role ? "-" : ndr_input_format_name(t->format));
    write_name(out, s->name);
    fputc('\n', out);
}

static void write_period(FILE *out, const ndr_period *p)
{
    char e[11], b[11], m[6][NDR_MONEY_TEXT];
    ndr_date_format(p->period_end, e);
    ndr_date_format(p->prior_period_end, b);
    fprintf(out, "period %s %s %" PRIu64 " %" PRIu64 " %s %s %s %s %s %s\n", e, b, p->customers,
            p->retained_customers, ndr_units_format(p->prior_mrr, m[0]),
            ndr_units_format(p->current_mrr, m[1]), ndr_units_format(p->expansion_mrr, m[2]),
            ndr_units_format(p->contraction_mrr, m[3]), ndr_units_format(p->churned_mrr, m[4]),
            ndr_units_format(p->retained_mrr, m[5]));
}

ndr_status ndr_partial_write(const ndr_report_options *o, const ndr_report *r,
                             const ndr_dataset *ds, const char *read_params,
                             const ndr_source *src, size_t n, FILE *out)
{
    if (o->by_segment || !ndr_partial_method_ok(o))
        return NDR_ERR_ARG;
    ndr_date first = 0, last = 0, through = 0;
    int has = ndr_dataset_date_range(ds, &first, &last) == 0;
    if (has && ndr_dataset_data_through(ds, &through) != 0)
        through = last;
    fprintf(out, "ndr-partial %d\nshard %u %u fnv1a-64\n", PARTIAL_VERSION,
            ds->shard_n ? ds->shard_k : 1, ds->shard_n ? ds->shard_n : 1);
    write_parameters(out, o, read_params);
    for (size_t i = 0; i < n; i++)
        write_input(out, &src[i]);
    fputs("range", out);
    write_date(out, has, first);
    write_date(out, has, last);
    write_date(out, has, through);
    fputc('\n', out);
    size_t np = r ? ndr_report_count(r) : 0;
    for (size_t i = 0; i < np; i++)
        write_period(out, ndr_report_period(r, i));
    fprintf(out, "end %zu\n", np);
    return ndr_write_result(0, out);
}

int ndr_partial_method_ok(const ndr_report_options *o)
{
    return o->method == NDR_METHOD_POINT || o->method == NDR_METHOD_SURVIVOR;
}
