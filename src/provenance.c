/* provenance.c - what a figure was computed from, so it can be reproduced
 * later: the command, the parameters, and for every input its size and
 * SHA-256 (the fingerprint) with its row accounting. JSON reports always
 * carry it; CSV and table output get it as "# " comment lines on request
 * (--provenance). Nothing time-dependent is written, so the same inputs and
 * options give the same lines. */
#include "provenance.h"
#include "cells.h"
#include "text.h"
#include "checksum.h"
#include "sha256.h"

#include <inttypes.h>

static const char *role_of(const ndr_source *s)
{
    return s->role ? s->role : "data";
}

void ndr_json_provenance(FILE *out, const ndr_report_options *opt, const ndr_source *src,
                         size_t n)
{
    fputs("  \"provenance\": {\"ndr_version\": \"" NDR_VERSION "\", \"command\": ", out);
    if (opt && opt->command)
        ndr_json_string(out, opt->command);
    else
        fputs("null", out);
    fputs(", \"inputs\": [", out);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", out);
        ndr_json_string(out, src[i].name);
        fprintf(out, ", \"role\": \"%s\", \"bytes\": %" PRIu64 ", \"sha256\": ", role_of(&src[i]),
                src[i].stats.bytes);
        if (src[i].stats.sha256[0])
            fprintf(out, "\"%s\"}", src[i].stats.sha256);
        else
            fputs("null}", out);
    }
    fputs(n ? "\n  ]}\n" : "]}\n", out);
}

/* A text on a comment line: control characters would end the line. */
static void comment_text(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
}

static void parameters(FILE *out, const ndr_report_options *o)
{
    char a[11], v[NDR_MONEY_TEXT];
    fprintf(out, "# parameters: method=%s window_months=%d period_months=%d measure=%s",
            ndr_method_name(o->method), o->window_months, o->period_months, ndr_measure(o));
    if (o->has_as_of) {
        ndr_date_format(o->as_of, a);
        fprintf(out, " as_of=%s", a);
    }
    if (o->has_data_through) {
        ndr_date_format(o->data_through, a);
        fprintf(out, " data_through=%s", a);
    }
    if (o->from_month >= 0)
        fprintf(out, " from=%04d-%02d", o->from_month / 12, o->from_month % 12 + 1);
    if (o->to_month >= 0)
        fprintf(out, " to=%04d-%02d", o->to_month / 12, o->to_month % 12 + 1);
    if (o->currency[0])
        fprintf(out, " currency=%s", o->currency);
    if (o->fx)
        fprintf(out, " fx_mode=%s", o->fx_constant ? "constant" : "spot");
    if (o->min_prior_arr)
        fprintf(out, " min_prior_arr=%s", ndr_money_format(o->min_prior_arr, 2, v));
    if (o->min_current_arr)
        fprintf(out, " min_current_arr=%s", ndr_money_format(o->min_current_arr, 2, v));
    fputc('\n', out);
    if (ndr_method_is_revenue(o->method))
        fputs("# revenue: " NDR_REVENUE_RECOGNITION "\n", out);
}

ndr_status ndr_provenance_write(const ndr_report_options *opt, const ndr_source *src, size_t n,
                                FILE *out)
{
    ndr_report_options defaults;
    opt = ndr_options_or_default(opt, &defaults);
    fputs("# ndr " NDR_VERSION, out);
    if (opt->command) {
        fputs(": ", out);
        comment_text(out, opt->command);
    }
    fputc('\n', out);
    parameters(out, opt);
    for (size_t i = 0; i < n; i++) {
        const ndr_read_stats *s = &src[i].stats;
        fputs("# input: ", out);
        comment_text(out, src[i].name);
        fprintf(out, " role=%s bytes=%" PRIu64 " sha256=%s", role_of(&src[i]), s->bytes,
                s->sha256[0] ? s->sha256 : "-");
        if (src[i].role == NULL) {
            char through[11] = "-";
            if (s->has_through)
                ndr_date_format(s->through, through);
            fprintf(out,
                    " format=%s rows_read=%" PRIu64 " rows_used=%" PRIu64
                    " rows_not_mrr=%" PRIu64 " rows_duplicate=%" PRIu64
                    " rows_rejected=%" PRIu64 " data_through=%s",
                    ndr_input_format_name(s->format), s->rows_read, s->rows_used, s->rows_not_mrr,
                    s->rows_duplicate, s->rows_rejected, through);
        }
        fputc('\n', out);
    }
    return ndr_write_result(0, out);
}

ndr_status ndr_source_fingerprint(ndr_source *out, FILE *in)
{
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
    if (ferror(in))
        return NDR_ERR_IO;
    ndr_sha256_hex(&h, out->stats.sha256);
    ndr_checksum_hex(&sum, out->stats.checksum);
    return NDR_OK;
}
