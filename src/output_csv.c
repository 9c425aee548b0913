/* output_csv.c - the report as CSV, one row per period end, oldest first,
 * and the text-field writer every CSV view uses for ids and labels. */
#include "output_csv.h"
#include "cells.h"
#include "text.h"

#include <string.h>

static int write_row(FILE *out, const char *scope, const char *segment, const ndr_period *p)
{
    ndr_cells c;
    ndr_cells_fill(&c, p);
    if (segment && (fprintf(out, "%s,", scope) < 0 || ndr_csv_text(out, segment) < 0 ||
                    fputc(',', out) == EOF))
        return -1;
    return fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", c.period_end,
                   c.prior_period_end, c.customers, c.retained_customers, c.prior_mrr,
                   c.current_mrr, c.expansion_mrr, c.contraction_mrr, c.churned_mrr, c.ndr_pct,
                   c.grr_pct, c.logo_pct, c.complete) < 0
               ? -1
               : 0;
}

/* Every value is a date, a number or true/false; with --by, a scope and a
 * segment column (a text field, see ndr_csv_text) come first: the groups'
 * rows have scope "segment", the totals scope "total" (and segment ALL,
 * which a plan or the lek, ISO ALL, may also be called: the scope tells). */
int ndr_write_csv(const ndr_report *r, FILE *out)
{
    int by = ndr_report_get_options(r)->by_segment;
    fputs(by ? "scope,segment," : "", out);
    const char *m = ndr_measure(ndr_report_get_options(r));
    fprintf(out,
            "period_end,prior_period_end,customers,retained_customers,prior_%s,current_%s,"
            "expansion_%s,contraction_%s,churned_%s,ndr_pct,grr_pct,logo_retention_pct,"
            "complete\n",
            m, m, m, m, m);
    for (size_t g = 0; by && g < ndr_report_group_count(r); g++)
        for (size_t i = 0; i < ndr_report_count(r); i++)
            if (write_row(out, "segment", ndr_report_group_name(r, g),
                          ndr_report_group_period(r, g, i)) < 0)
                return -1;
    for (size_t i = 0; i < ndr_report_count(r); i++)
        if (write_row(out, "total", by ? "ALL" : NULL, ndr_report_period(r, i)) < 0)
            return -1;
    return 0;
}
