/* output.c - formats a period's figures and dispatches to a writer. */
#include "output.h"

#include <inttypes.h>
#include <string.h>

static void pct(char *out, ndr_money num, ndr_money den)
{
    if (ndr_pct_format(num, den, out) == NULL)
        out[0] = '\0';
}

void ndr_cells_fill(ndr_cells *c, const ndr_period *p)
{
    ndr_date_format(p->period_end, c->period_end);
    ndr_date_format(p->prior_period_end, c->prior_period_end);
    snprintf(c->customers, sizeof c->customers, "%" PRIu64, p->customers);
    snprintf(c->retained_customers, sizeof c->retained_customers, "%" PRIu64,
             p->retained_customers);
    ndr_money_format(p->prior_mrr, 2, c->prior_mrr);
    ndr_money_format(p->current_mrr, 2, c->current_mrr);
    ndr_money_format(p->expansion_mrr, 2, c->expansion_mrr);
    ndr_money_format(p->contraction_mrr, 2, c->contraction_mrr);
    ndr_money_format(p->churned_mrr, 2, c->churned_mrr);
    pct(c->ndr_pct, p->current_mrr, p->prior_mrr);
    pct(c->grr_pct, p->retained_mrr, p->prior_mrr);
    pct(c->logo_pct, (ndr_money)p->retained_customers, (ndr_money)p->customers);
    c->complete = p->complete ? "true" : "false";
}

int ndr_pct_hundredths(ndr_money num, ndr_money den, int64_t *out)
{
    char buf[48];
    if (ndr_pct_format(num, den, buf) == NULL)
        return -1;
    /* parse the printed value back, so a change is the difference of what
     * the user reads */
    int64_t v = 0;
    for (const char *p = buf; *p; p++)
        if (*p >= '0' && *p <= '9')
            v = v * 10 + (*p - '0');
    *out = v;
    return 0;
}

ndr_status ndr_report_write(const ndr_report *r, ndr_format format, const ndr_source *sources,
                            size_t n, FILE *out)
{
    int rc;
    switch (format) {
    case NDR_FORMAT_CSV: rc = ndr_write_csv(r, out); break;
    case NDR_FORMAT_JSON: rc = ndr_write_json(r, sources, n, out); break;
    case NDR_FORMAT_TABLE: rc = ndr_write_table(r, out); break;
    default: return NDR_ERR_ARG;
    }
    return ndr_write_result(rc, out);
}

const ndr_report_options *ndr_options_or_default(const ndr_report_options *opt,
                                                 ndr_report_options *defaults)
{
    if (opt)
        return opt;
    ndr_report_options_init(defaults);
    return defaults;
}

ndr_status ndr_write_result(int rc, FILE *out)
{
    return rc < 0 || ferror(out) ? NDR_ERR_IO : NDR_OK;
}
