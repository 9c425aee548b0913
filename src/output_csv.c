/* output_csv.c - the report as CSV, one row per period end, oldest first.
 * Every value is a date or a number, so no field ever needs quoting. */
#include "output.h"

int ndr_write_csv(const ndr_report *r, FILE *out)
{
    fputs("period_end,prior_period_end,customers,retained_customers,prior_mrr,current_mrr,"
          "expansion_mrr,contraction_mrr,churned_mrr,ndr_pct,grr_pct,logo_retention_pct\n",
          out);
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        ndr_cells c;
        ndr_cells_fill(&c, ndr_report_period(r, i));
        if (fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", c.period_end,
                    c.prior_period_end, c.customers, c.retained_customers, c.prior_mrr,
                    c.current_mrr, c.expansion_mrr, c.contraction_mrr, c.churned_mrr,
                    c.ndr_pct, c.grr_pct, c.logo_pct) < 0)
            return -1;
    }
    return 0;
}
