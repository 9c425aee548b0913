/* output_json.c - the report as one JSON document: parameters, periods and
 * the row accounting of every input. Money and percentages are written as
 * exact decimal literals (2 places); an undefined ratio is null. */
#include "output_json.h"
#include "cells.h"
#include "json.h"
#include "provenance.h"
#include "text.h"
#include "utf8.h"

#include <string.h>

#include <inttypes.h>

static void json_number_or_null(FILE *out, const char *s)
{
    fputs(s[0] ? s : "null", out);
}

static void write_period(FILE *out, const ndr_period *p, const char *m)
{
    ndr_cells c;
    ndr_cells_fill(&c, p);
    fprintf(out,
            "    {\"period_end\": \"%s\", \"prior_period_end\": \"%s\", \"customers\": %s, "
            "\"retained_customers\": %s, \"prior_%s\": %s, \"current_%s\": %s, "
            "\"expansion_%s\": %s, \"contraction_%s\": %s, \"churned_%s\": %s, \"ndr_pct\": ",
            c.period_end, c.prior_period_end, c.customers, c.retained_customers, m, c.prior_mrr,
            m, c.current_mrr, m, c.expansion_mrr, m, c.contraction_mrr, m, c.churned_mrr);
    json_number_or_null(out, c.ndr_pct);
    fputs(", \"grr_pct\": ", out);
    json_number_or_null(out, c.grr_pct);
    fputs(", \"logo_retention_pct\": ", out);
    json_number_or_null(out, c.logo_pct);
    fprintf(out, ", \"complete\": %s}", c.complete);
}

int ndr_write_json(const ndr_report *r, const ndr_source *src, size_t n, FILE *out)
{
    fputs("{\n  \"ndr_version\": \"" NDR_VERSION "\",\n", out);
    ndr_json_parameters(out, ndr_report_get_options(r));
    fputs("  \"periods\": [", out);
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        fputs(i ? ",\n" : "\n", out);
        write_period(out, ndr_report_period(r, i), ndr_measure(ndr_report_get_options(r)));
    }
    fputs(ndr_report_count(r) ? "\n  ],\n" : "],\n", out);
    if (ndr_report_get_options(r)->by_segment) {
        fputs("  \"groups\": [", out);
        for (size_t g = 0; g < ndr_report_group_count(r); g++) {
            fputs(g ? ",\n    {\"segment\": " : "\n    {\"segment\": ", out);
            ndr_json_string(out, ndr_report_group_name(r, g));
            fputs(", \"periods\": [", out);
            for (size_t i = 0; i < ndr_report_count(r); i++) {
                fputs(i ? ",\n  " : "\n  ", out);
                write_period(out, ndr_report_group_period(r, g, i),
                             ndr_measure(ndr_report_get_options(r)));
            }
            fputs("]}", out);
        }
        fputs(ndr_report_group_count(r) ? "\n  ],\n" : "],\n", out);
    }
    ndr_json_accounting(out, ndr_report_get_options(r), src, n);
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}
