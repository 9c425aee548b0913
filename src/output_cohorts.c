/* output_cohorts.c - cohorts as long-form CSV, JSON, or a triangle table
 * (cohort per row, months since start across). */
#include "cells.h"
#include "json.h"
#include "output_chart.h"
#include "provenance.h"

#include <inttypes.h>
#include <string.h>

static void pct(char *out, ndr_money num, ndr_money den)
{
    if (ndr_pct_format(num, den, out) == NULL)
        out[0] = '\0';
}

/* A cell's values as printed, shared by CSV and JSON. */
typedef struct ccells {
    char name[16], start[NDR_MONEY_TEXT], mrr[NDR_MONEY_TEXT], p[48], l[48];
} ccells;

static void fill(ccells *k, const ndr_cohorts *c, const ndr_cohort_cell *x)
{
    ndr_cohort_label(ndr_cohorts_period(c), x->cohort, k->name, sizeof k->name);
    ndr_money_format(x->start_mrr, 2, k->start);
    ndr_money_format(x->mrr, 2, k->mrr);
    pct(k->p, x->mrr, x->start_mrr);
    pct(k->l, (ndr_money)x->customers, (ndr_money)x->start_customers);
}

static int write_csv(const ndr_cohorts *c, int logos, FILE *out)
{
    fprintf(out, "cohort,months_since_start,customers,start_mrr,mrr,mrr_retention_pct%s\n",
            logos ? ",logo_retention_pct" : "");
    for (size_t i = 0; i < ndr_cohorts_count(c); i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        ccells k;
        fill(&k, c, x);
        if (fprintf(out, "%s,%d,%" PRIu64 ",%s,%s,%s%s%s\n", k.name, x->months_since_start,
                    x->customers, k.start, k.mrr, k.p, logos ? "," : "", logos ? k.l : "") < 0)
            return -1;
    }
    return 0;
}

static int write_json(const ndr_cohorts *c, const ndr_report_options *opt, const ndr_source *src,
                      size_t n, FILE *out)
{
    fputs("{\n  \"ndr_version\": \"" NDR_VERSION "\",\n", out);
    ndr_json_parameters(out, opt);
    fputs("  \"cohorts\": [", out);
    for (size_t i = 0; i < ndr_cohorts_count(c); i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        ccells k;
        fill(&k, c, x);
        if (x->months_since_start == 0)
            fprintf(out,
                    "%s    {\"cohort\": \"%s\", \"customers\": %" PRIu64 ", \"start_mrr\": %s, "
                    "\"months\": [",
                    i ? "]},\n" : "\n", k.name, x->start_customers, k.start);
        fprintf(out,
                "%s\n      {\"months_since_start\": %d, \"customers\": %" PRIu64
                ", \"mrr\": %s, \"mrr_retention_pct\": %s, \"logo_retention_pct\": %s}",
                x->months_since_start ? "," : "", x->months_since_start, x->customers, k.mrr,
                k.p[0] ? k.p : "null", k.l[0] ? k.l : "null");
    }
    fputs(ndr_cohorts_count(c) ? "]}\n  ],\n" : "],\n", out);
    ndr_json_accounting(out, opt, src, n);
    fputs("}\n", out);
    return 0;
}

/* One triangle: MRR (or, with logos, customer) retention per cohort. */
static int write_triangle(const ndr_cohorts *c, int logos, FILE *out)
{
    int maxn = 0;
    for (size_t i = 0; i < ndr_cohorts_count(c); i++)
        if (ndr_cohorts_get(c, i)->months_since_start > maxn)
            maxn = ndr_cohorts_get(c, i)->months_since_start;
    fprintf(out, "%s retention\n%-8s  %9s  %14s", logos ? "logo" : "MRR", "cohort", "customers",
            "start_mrr");
    for (int nn = 0; nn <= maxn; nn++) {
        char h[16];
        snprintf(h, sizeof h, "M%d", nn);
        fprintf(out, "  %7s", h);
    }
    fputc('\n', out);
    for (size_t i = 0; i < ndr_cohorts_count(c); i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        char name[16], start[NDR_MONEY_TEXT], p[48] = "n/a";
        if (x->months_since_start == 0) {
            ndr_cohort_label(ndr_cohorts_period(c), x->cohort, name, sizeof name);
            ndr_money_format(x->start_mrr, 2, start);
            fprintf(out, "%s%-8s  %9" PRIu64 "  %14s", i ? "\n" : "", name, x->start_customers,
                    start);
        }
        /* one decimal, rounded half up, keeps the triangle narrow; CSV has two */
        int64_t h;
        if (logos ? ndr_pct_hundredths((ndr_money)x->customers, (ndr_money)x->start_customers, &h) == 0
                  : ndr_pct_hundredths(x->mrr, x->start_mrr, &h) == 0)
            snprintf(p, sizeof p, "%lld.%lld", (long long)((h + 5) / 10 / 10),
                     (long long)((h + 5) / 10 % 10));
        fprintf(out, "  %6s%%", p);
    }
    return fputs(ndr_cohorts_count(c) ? "\n" : "", out) < 0 ? -1 : 0;
}

ndr_status ndr_cohorts_write(const ndr_cohorts *c, const ndr_report_options *opt, int logos,
                             ndr_format format, const ndr_source *src, size_t n, FILE *out)
{
    ndr_report_options defaults;
    int rc;
    opt = ndr_options_or_default(opt, &defaults);
    switch (format) {
    case NDR_FORMAT_CSV: rc = write_csv(c, logos, out); break;
    case NDR_FORMAT_JSON: rc = write_json(c, opt, src, n, out); break;
    case NDR_FORMAT_TABLE:
        rc = write_triangle(c, 0, out);
        if (rc == 0 && logos)
            rc = fputc('\n', out) == EOF ? -1 : write_triangle(c, 1, out);
        break;
    case NDR_FORMAT_SVG: rc = ndr_svg_cohorts(c, out, 1); break;
    default: return NDR_ERR_ARG;
    }
    return ndr_write_result(rc, out);
}
