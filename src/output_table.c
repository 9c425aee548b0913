/* output_table.c - the report as an aligned table for a terminal. */
#include "output_table.h"
#include "cells.h"

#include <string.h>

/* The band of an NDR (in hundredths of a percent), as boards read it. */
static const char *band(int64_t h)
{
    return h >= 12000 ? "world class" : h >= 10000 ? "strong" : h >= 9000 ? "needs work"
                                                                          : "critical";
}

/* One table row; seg is the --by value or NULL. */
static int write_row(FILE *out, const char *seg, const ndr_period *prev, const ndr_period *p)
{
#define ROW "%-11s  %-10s  %9s  %9s  %14s  %14s  %13s  %13s  %13s  %8s  %-11s  %9s  %8s  %8s\n"
    ndr_cells c;
    char a[50], b[50], d[50], end[16], ch[32];
    int64_t h;
    ndr_cells_fill(&c, p);
    snprintf(end, sizeof end, "%s%s", c.period_end, p->complete ? "" : "*");
    ndr_ndr_change(prev, &c, ch, sizeof ch);
    if (seg && fprintf(out, "%-16.16s  ", seg) < 0)
        return -1;
    return fprintf(out, ROW, end, c.prior_period_end, c.customers, c.retained_customers,
                   c.prior_mrr, c.current_mrr, c.expansion_mrr, c.contraction_mrr,
                   c.churned_mrr, ndr_pct_or_na(c.ndr_pct, a),
                   ndr_pct_text_hundredths(c.ndr_pct, &h) ? "" : band(h), ch,
                   ndr_pct_or_na(c.grr_pct, b), ndr_pct_or_na(c.logo_pct, d)) < 0
               ? -1
               : 0;
}

int ndr_write_table(const ndr_report *r, FILE *out)
{
    int by = ndr_report_get_options(r)->by_segment, incomplete = 0;
    size_t n = ndr_report_count(r);
    if (by)
        fprintf(out, "%-16s  ", "segment");
    const char *m = ndr_measure(ndr_report_get_options(r));
    char prior[16], current[16];
    snprintf(prior, sizeof prior, "prior_%.3s", m);
    snprintf(current, sizeof current, "current_%.3s", m);
    fprintf(out, ROW, "period_end", "prior_end", "customers", "retained", prior, current,
            "expansion", "contraction", "churned", "NDR", "band", "change", "GRR", "logos");
#undef ROW
    for (size_t g = 0; by && g < ndr_report_group_count(r); g++)
        for (size_t i = 0; i < n; i++)
            if (write_row(out, ndr_report_group_name(r, g),
                          i ? ndr_report_group_period(r, g, i - 1) : NULL,
                          ndr_report_group_period(r, g, i)) < 0)
                return -1;
    for (size_t i = 0; i < n; i++) {
        const ndr_period *p = ndr_report_period(r, i);
        incomplete |= !p->complete;
        /* not "ALL": a segment may be called that (a plan, the lek) */
        if (write_row(out, by ? "(total)" : NULL, i ? ndr_report_period(r, i - 1) : NULL, p) < 0)
            return -1;
    }
    if (incomplete &&
        fputs("* not final: the period end is after the last event date, or in a month the "
              "data only partly covers\n",
              out) < 0)
        return -1;
    return 0;
}
