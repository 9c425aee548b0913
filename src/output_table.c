/* output_table.c - the report as an aligned table for a terminal. */
#include "output.h"

#include <string.h>

static const char *pct_or_na(const char *s, char *buf)
{
    if (s[0] == '\0')
        return "n/a";
    snprintf(buf, 50, "%s%%", s);
    return buf;
}

int ndr_write_table(const ndr_report *r, FILE *out)
{
#define ROW "%-10s  %-10s  %9s  %9s  %14s  %14s  %13s  %13s  %13s  %8s  %8s  %8s\n"
    fprintf(out, ROW, "period_end", "prior_end", "customers", "retained", "prior_mrr",
            "current_mrr", "expansion", "contraction", "churned", "NDR", "GRR", "logos");
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        ndr_cells c;
        char a[50], b[50], d[50];
        ndr_cells_fill(&c, ndr_report_period(r, i));
        if (fprintf(out, ROW, c.period_end, c.prior_period_end, c.customers,
                    c.retained_customers, c.prior_mrr, c.current_mrr, c.expansion_mrr,
                    c.contraction_mrr, c.churned_mrr, pct_or_na(c.ndr_pct, a),
                    pct_or_na(c.grr_pct, b), pct_or_na(c.logo_pct, d)) < 0)
            return -1;
    }
    return 0;
#undef ROW
}
