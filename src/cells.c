/* cells.c - every figure of a period as the outputs print it (see
 * cells.h), formatted once so that the CSV, JSON, table and chart views
 * cannot disagree; and the writers' shared ends. A leaf of the outputs. */
#include "cells.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void pct(char *out, ndr_money num, ndr_money den)
{
    if (ndr_pct_format(num, den, out) == NULL)
        out[0] = '\0';
}

/* A rate given as a fraction (has_rate periods), to 2 decimals. */
static void rate_pct(char *out, double rate)
{
    if (isnan(rate))
        out[0] = '\0';
    else
        snprintf(out, 48, "%.2f", 100.0 * rate);
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
    if (p->has_rate) {
        rate_pct(c->ndr_pct, p->ndr_rate);
        rate_pct(c->grr_pct, p->grr_rate);
        rate_pct(c->logo_pct, p->logo_rate);
    } else {
        pct(c->ndr_pct, p->current_mrr, p->prior_mrr);
        pct(c->grr_pct, p->retained_mrr, p->prior_mrr);
        pct(c->logo_pct, (ndr_money)p->retained_customers, (ndr_money)p->customers);
    }
    c->complete = p->complete ? "true" : "false";
}

size_t ndr_sources_total(const ndr_source *src, size_t n, ndr_read_stats *total)
{
    memset(total, 0, sizeof *total);
    size_t data = 0;
    for (; data < n && src[data].role == NULL; data++) {
        const ndr_read_stats *t = &src[data].stats;
        total->rows_read += t->rows_read;
        total->rows_used += t->rows_used;
        total->rows_not_mrr += t->rows_not_mrr;
        total->rows_rejected += t->rows_rejected;
        total->blank_lines += t->blank_lines;
        total->rows_other_shards += t->rows_other_shards;
        total->rows_duplicate += t->rows_duplicate;
        if (t->has_through && (!total->has_through || t->through > total->through))
            total->has_through = 1, total->through = t->through;
    }
    return data;
}

int ndr_period_ndr_pct(const ndr_period *p, char out[48], int64_t *hundredths)
{
    ndr_cells c;
    ndr_cells_fill(&c, p);
    memcpy(out, c.ndr_pct, sizeof c.ndr_pct);
    return ndr_pct_text_hundredths(c.ndr_pct, hundredths);
}

const char *ndr_pct_or_na(const char *pct, char buf[50])
{
    if (pct[0] == '\0')
        return "n/a";
    snprintf(buf, 50, "%s%%", pct);
    return buf;
}

void ndr_ndr_change(const ndr_period *prev, const ndr_cells *now, char *out, size_t size)
{
    int64_t a, b;
    ndr_cells was;
    out[0] = '\0';
    if (prev == NULL)
        return;
    ndr_cells_fill(&was, prev);
    if (ndr_pct_text_hundredths(was.ndr_pct, &a) || ndr_pct_text_hundredths(now->ndr_pct, &b))
        return;
    int64_t d = b - a, m = d < 0 ? -d : d;
    snprintf(out, size, "%c%lld.%02lldpp", d < 0 ? '-' : '+', (long long)(m / 100),
             (long long)(m % 100));
}

void ndr_cohort_label(ndr_cohort_period period, int month, char *out, size_t size)
{
    switch (period) {
    case NDR_COHORT_YEAR: snprintf(out, size, "%04d", month / 12); break;
    case NDR_COHORT_QUARTER:
        snprintf(out, size, "%04d-Q%d", month / 12, month % 12 / 3 + 1);
        break;
    default: snprintf(out, size, "%04d-%02d", month / 12, month % 12 + 1); break;
    }
}

int ndr_pct_hundredths(ndr_money num, ndr_money den, int64_t *out)
{
    char buf[48];
    /* parse the printed value back, so a change is the difference of what
     * the user reads */
    return ndr_pct_format(num, den, buf) ? ndr_pct_text_hundredths(buf, out) : -1;
}

int ndr_pct_text_hundredths(const char *pct_text, int64_t *out)
{
    int64_t v = 0;
    if (pct_text[0] == '\0')
        return -1;
    for (const char *p = pct_text; *p; p++)
        if (*p >= '0' && *p <= '9')
            v = v * 10 + (*p - '0');
    *out = pct_text[0] == '-' ? -v : v;
    return 0;
}

const char *ndr_measure(const ndr_report_options *o)
{
    return ndr_method_is_revenue(o->method) ? "revenue" : o->basis_arr ? "arr" : "mrr";
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
