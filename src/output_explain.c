/* output_explain.c - the audit trail as CSV, JSON or a table. Customer
 * ids and file names are text: quoted and neutralised in CSV, escaped in
 * JSON. */
#include "cells.h"
#include "json.h"
#include "provenance.h"
#include "text.h"

#include <inttypes.h>

static int write_csv(const ndr_explain *e, FILE *out)
{
    fputs("customer_id,prior_mrr,current_mrr,movement,prior_rows,current_rows\n", out);
    for (size_t i = 0; i < ndr_explain_count(e); i++) {
        const ndr_explain_row *r = ndr_explain_get(e, i);
        char p[NDR_MONEY_TEXT], c[NDR_MONEY_TEXT];
        ndr_money_format(r->prior_mrr, 2, p);
        ndr_money_format(r->current_mrr, 2, c);
        if (ndr_csv_text(out, r->customer_id) < 0 ||
            fprintf(out, ",%s,%s,%s,", p, c, r->movement) < 0 ||
            ndr_csv_text(out, r->prior_rows) < 0 || fputc(',', out) == EOF ||
            ndr_csv_text(out, r->current_rows) < 0 || fputc('\n', out) == EOF)
            return -1;
    }
    return 0;
}

static int write_json(const ndr_explain *e, const ndr_report_options *opt, const ndr_source *src,
                      size_t n, FILE *out)
{
    ndr_cells t;
    ndr_cells_fill(&t, ndr_explain_totals(e));
    fputs("{\n  \"ndr_version\": \"" NDR_VERSION "\",\n", out);
    ndr_json_parameters(out, opt);
    fprintf(out,
            "  \"totals\": {\"period_end\": \"%s\", \"prior_period_end\": \"%s\", "
            "\"customers\": %s, \"retained_customers\": %s, \"prior_mrr\": %s, "
            "\"current_mrr\": %s, \"expansion_mrr\": %s, \"contraction_mrr\": %s, "
            "\"churned_mrr\": %s, \"complete\": %s},\n  \"customers\": [",
            t.period_end, t.prior_period_end, t.customers, t.retained_customers, t.prior_mrr,
            t.current_mrr, t.expansion_mrr, t.contraction_mrr, t.churned_mrr, t.complete);
    for (size_t i = 0; i < ndr_explain_count(e); i++) {
        const ndr_explain_row *r = ndr_explain_get(e, i);
        char p[NDR_MONEY_TEXT], c[NDR_MONEY_TEXT];
        ndr_money_format(r->prior_mrr, 2, p);
        ndr_money_format(r->current_mrr, 2, c);
        fputs(i ? ",\n    {\"customer_id\": " : "\n    {\"customer_id\": ", out);
        ndr_json_string(out, r->customer_id);
        fprintf(out, ", \"prior_mrr\": %s, \"current_mrr\": %s, \"movement\": \"%s\", "
                     "\"prior_rows\": ", p, c, r->movement);
        ndr_json_string(out, r->prior_rows);
        fputs(", \"current_rows\": ", out);
        ndr_json_string(out, r->current_rows);
        fputc('}', out);
    }
    fputs(ndr_explain_count(e) ? "\n  ],\n" : "],\n", out);
    ndr_json_accounting(out, opt, src, n);
    fputs("}\n", out);
    return 0;
}

static int write_table(const ndr_explain *e, FILE *out)
{
#define ROW "%-24s  %14s  %14s  %-10s  %s -> %s\n"
    fprintf(out, ROW, "customer_id", "prior_mrr", "current_mrr", "movement", "prior_rows",
            "current_rows");
    for (size_t i = 0; i < ndr_explain_count(e); i++) {
        const ndr_explain_row *r = ndr_explain_get(e, i);
        char p[NDR_MONEY_TEXT], c[NDR_MONEY_TEXT];
        ndr_money_format(r->prior_mrr, 2, p);
        ndr_money_format(r->current_mrr, 2, c);
        if (fprintf(out, ROW, r->customer_id, p, c, r->movement,
                    r->prior_rows[0] ? r->prior_rows : "-",
                    r->current_rows[0] ? r->current_rows : "-") < 0)
            return -1;
    }
    return 0;
#undef ROW
}

ndr_status ndr_explain_write(const ndr_explain *e, const ndr_report_options *opt,
                             ndr_format format, const ndr_source *src, size_t n, FILE *out)
{
    ndr_report_options defaults;
    int rc;
    opt = ndr_options_or_default(opt, &defaults);
    switch (format) {
    case NDR_FORMAT_CSV: rc = write_csv(e, out); break;
    case NDR_FORMAT_JSON: rc = write_json(e, opt, src, n, out); break;
    case NDR_FORMAT_TABLE: rc = write_table(e, out); break;
    default: return NDR_ERR_ARG;
    }
    return ndr_write_result(rc, out);
}
