/* json.c - the JSON members every JSON view shares (see json.h): the
 * parameters and the accounting of the inputs. */
#include "json.h"
#include "cells.h"
#include "provenance.h"
#include "text.h"

#include <inttypes.h>
#include <string.h>

static void json_month(FILE *out, int month)
{
    if (month < 0)
        fputs("null", out);
    else
        fprintf(out, "\"%04d-%02d\"", month / 12, month % 12 + 1);
}

static void json_date_or_null(FILE *out, int has, ndr_date d)
{
    char b[11];
    if (!has) {
        fputs("null", out);
        return;
    }
    ndr_date_format(d, b);
    ndr_json_string(out, b);
}

static void write_stats(FILE *out, const ndr_read_stats *s)
{
    fprintf(out,
            "\"rows_read\": %" PRIu64 ", \"rows_used\": %" PRIu64 ", \"rows_not_mrr\": %" PRIu64
            ", \"rows_duplicate\": %" PRIu64 ", \"rows_rejected\": %" PRIu64
            ", \"blank_lines\": %" PRIu64 ", \"data_through\": ",
            s->rows_read, s->rows_used, s->rows_not_mrr, s->rows_duplicate, s->rows_rejected,
            s->blank_lines);
    json_date_or_null(out, s->has_through, s->through);
}

void ndr_json_parameters(FILE *out, const ndr_report_options *o)
{
    fprintf(out, "  \"parameters\": {\"window_months\": %d, \"from\": ", o->window_months);
    json_month(out, o->from_month);
    fputs(", \"to\": ", out);
    json_month(out, o->to_month);
    fputs(", \"as_of\": ", out);
    if (o->has_as_of) {
        char d[11];
        ndr_date_format(o->as_of, d);
        ndr_json_string(out, d);
    } else {
        fputs("null", out);
    }
    fputs(", \"data_through\": ", out);
    json_date_or_null(out, o->has_data_through, o->data_through);
    fputs(", \"currency\": ", out);
    if (o->currency[0])
        ndr_json_string(out, o->currency);
    else
        fputs("null", out);
    fprintf(out, ", \"fx_mode\": %s",
            o->fx == NULL ? "null" : o->fx_constant ? "\"constant\"" : "\"spot\"");
    fprintf(out, ", \"method\": \"%s\", \"period_months\": %d, \"measure\": \"%s\"",
            ndr_method_name(o->method), o->period_months, ndr_measure(o));
    const ndr_money *min[2] = {&o->min_prior_arr, &o->min_current_arr};
    for (int i = 0; i < 2; i++) {
        char v[NDR_MONEY_TEXT];
        fprintf(out, ", \"%s\": %s", i ? "min_current_arr" : "min_prior_arr",
                *min[i] ? ndr_money_format(*min[i], 2, v) : "null");
    }
    if (ndr_method_is_revenue(o->method))
        fprintf(out, ", \"revenue_recognition\": \"%s\"", NDR_REVENUE_RECOGNITION);
    fputs("},\n", out);
}

void ndr_json_accounting(FILE *out, const ndr_report_options *opt, const ndr_source *src,
                         size_t n)
{
    ndr_read_stats total;
    size_t data = ndr_sources_total(src, n, &total); /* then the files read for options */
    fputs("  \"accounting\": {", out);
    write_stats(out, &total);
    fputs(", \"files\": [", out);
    for (size_t i = 0; i < data; i++) {
        fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", out);
        ndr_json_string(out, src[i].name);
        fprintf(out, ", \"format\": \"%s\", ", ndr_input_format_name(src[i].stats.format));
        write_stats(out, &src[i].stats);
        fputc('}', out);
    }
    fputs(data ? "\n  ]},\n" : "]},\n", out);
    ndr_json_provenance(out, opt, src, n);
}
