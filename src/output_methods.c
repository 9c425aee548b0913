/* output_methods.c - ndr methods as CSV, JSON or a table: one row per
 * method, with its family, its filers and why it differs. */
#include "cells.h"
#include "json.h"
#include "provenance.h"
#include "text.h"

static int write_csv(const ndr_methods *m, FILE *out)
{
    fputs("method,family,filers,measure,period_end,prior_period_end,customers,"
          "retained_customers,prior,current,expansion,contraction,churned,ndr_pct,grr_pct,"
          "logo_retention_pct,complete,note\n",
          out);
    for (size_t i = 0; i < ndr_methods_count(m); i++) {
        const ndr_method_row *r = ndr_methods_get(m, i);
        ndr_cells c;
        ndr_cells_fill(&c, &r->period);
        if (fprintf(out, "%s,%s,", r->name, r->family) < 0 || ndr_csv_text(out, r->filers) ||
            fprintf(out, ",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,", r->measure, c.period_end,
                    c.prior_period_end, c.customers, c.retained_customers, c.prior_mrr,
                    c.current_mrr, c.expansion_mrr, c.contraction_mrr, c.churned_mrr, c.ndr_pct,
                    c.grr_pct, c.logo_pct, c.complete) < 0 ||
            ndr_csv_text(out, r->note) || fputc('\n', out) == EOF)
            return -1;
    }
    return 0;
}

static void json_pct(FILE *out, const char *key, const char *v)
{
    fprintf(out, ", \"%s\": %s", key, v[0] ? v : "null");
}

static int write_json(const ndr_methods *m, const ndr_report_options *opt, const ndr_source *src,
                      size_t n, FILE *out)
{
    fputs("{\n  \"ndr_version\": \"" NDR_VERSION "\",\n", out);
    ndr_json_parameters(out, opt);
    fputs("  \"methods\": [", out);
    for (size_t i = 0; i < ndr_methods_count(m); i++) {
        const ndr_method_row *r = ndr_methods_get(m, i);
        ndr_cells c;
        ndr_cells_fill(&c, &r->period);
        fprintf(out, "%s    {\"method\": \"%s\", \"family\": \"%s\", \"filers\": ", i ? ",\n" : "\n",
                r->name, r->family);
        ndr_json_string(out, r->filers);
        fprintf(out,
                ", \"measure\": \"%s\", \"period_end\": \"%s\", \"prior_period_end\": \"%s\", "
                "\"customers\": %s, \"retained_customers\": %s, \"prior\": %s, \"current\": %s, "
                "\"expansion\": %s, \"contraction\": %s, \"churned\": %s",
                r->measure, c.period_end, c.prior_period_end, c.customers, c.retained_customers,
                c.prior_mrr, c.current_mrr, c.expansion_mrr, c.contraction_mrr, c.churned_mrr);
        json_pct(out, "ndr_pct", c.ndr_pct);
        json_pct(out, "grr_pct", c.grr_pct);
        json_pct(out, "logo_retention_pct", c.logo_pct);
        fprintf(out, ", \"complete\": %s, \"note\": ", c.complete);
        ndr_json_string(out, r->note);
        fputc('}', out);
    }
    fputs(ndr_methods_count(m) ? "\n  ],\n" : "],\n", out);
    ndr_json_accounting(out, opt, src, n);
    fputs("}\n", out);
    return 0;
}

static const char *pct(const char *v, char *buf)
{
    if (v[0] == '\0')
        return "n/a";
    snprintf(buf, 50, "%s%%", v);
    return buf;
}

/* Two lines per method: the figures, then why it differs. */
static int write_table(const ndr_methods *m, FILE *out)
{
#define ROW "%-17s  %-6s  %-38s  %-7s  %9s  %14s  %14s  %9s  %9s  %8s\n"
    int incomplete = 0;
    const ndr_method_row *r0 = ndr_methods_get(m, 0);
    if (r0) {
        ndr_cells c;
        ndr_cells_fill(&c, &r0->period);
        fprintf(out, "period end %s, prior date %s\n", c.period_end, c.prior_period_end);
    }
    fprintf(out, ROW, "method", "family", "used by", "measure", "customers", "prior", "current",
            "NDR", "GRR", "logos");
    for (size_t i = 0; i < ndr_methods_count(m); i++) {
        const ndr_method_row *r = ndr_methods_get(m, i);
        ndr_cells c;
        char a[50], b[50], d[50], name[24];
        ndr_cells_fill(&c, &r->period);
        snprintf(name, sizeof name, "%s%s", r->name, r->period.complete ? "" : "*");
        incomplete |= !r->period.complete;
        if (fprintf(out, ROW, name, r->family, r->filers, r->measure, c.customers, c.prior_mrr,
                    c.current_mrr, pct(c.ndr_pct, a), pct(c.grr_pct, b), pct(c.logo_pct, d)) < 0 ||
            fprintf(out, "%-17s  %s\n", "", r->note) < 0)
            return -1;
    }
#undef ROW
    if (incomplete &&
        fputs("* not final: the data does not cover every day this method reads\n", out) < 0)
        return -1;
    return 0;
}

ndr_status ndr_methods_write(const ndr_methods *m, const ndr_report_options *opt,
                             ndr_format format, const ndr_source *src, size_t n, FILE *out)
{
    ndr_report_options defaults;
    int rc;
    opt = ndr_options_or_default(opt, &defaults);
    switch (format) {
    case NDR_FORMAT_CSV: rc = write_csv(m, out); break;
    case NDR_FORMAT_JSON: rc = write_json(m, opt, src, n, out); break;
    case NDR_FORMAT_TABLE: rc = write_table(m, out); break;
    default: return NDR_ERR_ARG;
    }
    return ndr_write_result(rc, out);
}
