/* output_movements.c - the monthly MRR bridge as CSV, JSON or a table. */
#include "cells.h"
#include "json.h"
#include "provenance.h"

#include <inttypes.h>

typedef struct mcells {
    char end[11], opening[NDR_MONEY_TEXT], new_mrr[NDR_MONEY_TEXT], react[NDR_MONEY_TEXT], exp[NDR_MONEY_TEXT], contr[NDR_MONEY_TEXT], churn[NDR_MONEY_TEXT],
        closing[NDR_MONEY_TEXT];
    char new_c[24], react_c[24], churn_c[24], closing_c[24];
} mcells;

static void fill(mcells *c, const ndr_month_movement *m)
{
    ndr_date_format(m->month_end, c->end);
    ndr_money_format(m->opening_mrr, 2, c->opening);
    ndr_money_format(m->new_mrr, 2, c->new_mrr);
    ndr_money_format(m->reactivation_mrr, 2, c->react);
    ndr_money_format(m->expansion_mrr, 2, c->exp);
    ndr_money_format(m->contraction_mrr, 2, c->contr);
    ndr_money_format(m->churned_mrr, 2, c->churn);
    ndr_money_format(m->closing_mrr, 2, c->closing);
    snprintf(c->new_c, sizeof c->new_c, "%" PRIu64, m->new_customers);
    snprintf(c->react_c, sizeof c->react_c, "%" PRIu64, m->reactivated_customers);
    snprintf(c->churn_c, sizeof c->churn_c, "%" PRIu64, m->churned_customers);
    snprintf(c->closing_c, sizeof c->closing_c, "%" PRIu64, m->closing_customers);
}

static int write_csv(const ndr_movements *mv, FILE *out)
{
    fputs("month_end,opening_mrr,new_mrr,reactivation_mrr,expansion_mrr,contraction_mrr,"
          "churned_mrr,closing_mrr,new_customers,reactivated_customers,churned_customers,"
          "closing_customers,complete\n",
          out);
    for (size_t i = 0; i < ndr_movements_count(mv); i++) {
        const ndr_month_movement *m = ndr_movements_get(mv, i);
        mcells c;
        fill(&c, m);
        if (fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", c.end, c.opening,
                    c.new_mrr, c.react, c.exp, c.contr, c.churn, c.closing, c.new_c, c.react_c,
                    c.churn_c, c.closing_c, m->complete ? "true" : "false") < 0)
            return -1;
    }
    return 0;
}

static int write_json(const ndr_movements *mv, const ndr_report_options *opt,
                      const ndr_source *src, size_t n, FILE *out)
{
    fputs("{\n  \"ndr_version\": \"" NDR_VERSION "\",\n", out);
    ndr_json_parameters(out, opt);
    fputs("  \"months\": [", out);
    for (size_t i = 0; i < ndr_movements_count(mv); i++) {
        const ndr_month_movement *m = ndr_movements_get(mv, i);
        mcells c;
        fill(&c, m);
        fprintf(out,
                "%s    {\"month_end\": \"%s\", \"opening_mrr\": %s, \"new_mrr\": %s, "
                "\"reactivation_mrr\": %s, \"expansion_mrr\": %s, \"contraction_mrr\": %s, "
                "\"churned_mrr\": %s, \"closing_mrr\": %s, \"new_customers\": %s, "
                "\"reactivated_customers\": %s, \"churned_customers\": %s, "
                "\"closing_customers\": %s, \"complete\": %s}",
                i ? ",\n" : "\n", c.end, c.opening, c.new_mrr, c.react, c.exp, c.contr, c.churn,
                c.closing, c.new_c, c.react_c, c.churn_c, c.closing_c,
                m->complete ? "true" : "false");
    }
    fputs(ndr_movements_count(mv) ? "\n  ],\n" : "],\n", out);
    ndr_json_accounting(out, opt, src, n);
    fputs("}\n", out);
    return 0;
}

static int write_table(const ndr_movements *mv, FILE *out)
{
#define ROW "%-11s  %13s  %12s  %12s  %12s  %12s  %12s  %13s  %5s  %5s  %5s  %9s\n"
    int incomplete = 0;
    fprintf(out, ROW, "month_end", "opening", "new", "reactivation", "expansion", "contraction",
            "churned", "closing", "new#", "react", "churn", "customers");
    for (size_t i = 0; i < ndr_movements_count(mv); i++) {
        const ndr_month_movement *m = ndr_movements_get(mv, i);
        mcells c;
        char end[16];
        fill(&c, m);
        snprintf(end, sizeof end, "%s%s", c.end, m->complete ? "" : "*");
        incomplete |= !m->complete;
        if (fprintf(out, ROW, end, c.opening, c.new_mrr, c.react, c.exp, c.contr, c.churn,
                    c.closing, c.new_c, c.react_c, c.churn_c, c.closing_c) < 0)
            return -1;
    }
    if (incomplete && fputs("* not final: a month the data only partly covers\n", out) < 0)
        return -1;
    return 0;
#undef ROW
}

ndr_status ndr_movements_write(const ndr_movements *m, const ndr_report_options *opt,
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
