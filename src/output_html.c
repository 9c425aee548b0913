/* output_html.c - one self-contained HTML page for a nightly e-mail or an
 * intranet: the latest figures in a sentence, the trend chart, the report
 * table, the monthly bridge, the cohort heatmap and the inputs behind them.
 * No scripts, no external assets; styles are inline so mail clients that
 * drop <style> still show the tables. The markup is well-formed XML. */
#include "cells.h"
#include "output_chart.h"
#include "text.h"

#include <inttypes.h>
#include <string.h>

#define TABLE "<table style=\"border-collapse:collapse;font-size:13px;margin:8px 0 20px\">\n"
#define TH "<th style=\"text-align:right;white-space:nowrap;padding:4px 10px;border-bottom:2px solid #d1d5db\">"
#define THL "<th style=\"text-align:left;white-space:nowrap;padding:4px 10px;border-bottom:2px solid #d1d5db\">"
#define TD "<td style=\"text-align:right;white-space:nowrap;padding:3px 10px;border-bottom:1px solid #e5e7eb\">"
#define TDL "<td style=\"text-align:left;white-space:nowrap;padding:3px 10px;border-bottom:1px solid #e5e7eb\">"
#define H2 "<h2 style=\"font-size:17px;margin:26px 0 6px\">"

static void cells(FILE *out, int head, const char *const *v, size_t n)
{
    fputs("<tr>", out);
    for (size_t i = 0; i < n; i++) {
        fputs(head ? (i ? TH : THL) : (i ? TD : TDL), out);
        ndr_xml_text(out, v[i]);
        fputs(head ? "</th>" : "</td>", out);
    }
    fputs("</tr>\n", out);
}

/* " (+1.20pp vs 2025-05-31)" from the printed NDRs, or "". */
static void change(const ndr_report *r, size_t i, const ndr_cells *now, char *out, size_t size)
{
    char pp[32], end[11];
    out[0] = '\0';
    if (i == 0)
        return;
    const ndr_period *prev = ndr_report_period(r, i - 1);
    ndr_ndr_change(prev, now, pp, sizeof pp);
    ndr_date_format(prev->period_end, end);
    if (pp[0])
        snprintf(out, size, " (%s vs %s)", pp, end);
}

static void headline(FILE *out, const ndr_report *r)
{
    const ndr_report_options *o = ndr_report_get_options(r);
    size_t n = ndr_report_count(r);
    if (n == 0)
        return;
    const ndr_period *p = ndr_report_period(r, n - 1);
    ndr_cells c;
    char a[50], b[50], d[50], ch[80];
    ndr_cells_fill(&c, p);
    change(r, n - 1, &c, ch, sizeof ch);
    const char *m = ndr_measure(o);
    m = strcmp(m, "mrr") == 0 ? "MRR" : strcmp(m, "arr") == 0 ? "ARR" : m;
    fprintf(out,
            "<p style=\"font-size:15px\">As of <b>%s</b>%s (%d-month window, %s method): "
            "NDR <b>%s</b>%s, GRR %s, logo retention %s. %s customers paid at %s, %s %s then; "
            "the same customers pay %s %s now.</p>\n",
            c.period_end, p->complete ? "" : " <i>(not final)</i>", o->window_months,
            ndr_method_name(o->method), ndr_pct_or_na(c.ndr_pct, a), ch, ndr_pct_or_na(c.grr_pct, b),
            ndr_pct_or_na(c.logo_pct, d), c.customers, c.prior_period_end, c.prior_mrr, m,
            c.current_mrr, m);
}

static void not_final(FILE *out, int any)
{
    if (any)
        fputs("<p style=\"font-size:12px;color:#4b5563\">* not final: the data does not yet "
              "cover the whole period.</p>\n",
              out);
}

static void report_table(FILE *out, const ndr_report *r)
{
    static const char *const head[] = {"period end", "customers", "retained", "prior",
                                       "current", "expansion", "contraction", "churned",
                                       "NDR", "GRR", "logo"};
    int open = 0;
    fputs(H2 "Retention by period end</h2>\n" TABLE, out);
    cells(out, 1, head, 11);
    for (size_t i = 0; i < ndr_report_count(r); i++) {
        const ndr_period *p = ndr_report_period(r, i);
        ndr_cells c;
        char a[50], b[50], d[50], end[16];
        ndr_cells_fill(&c, p);
        snprintf(end, sizeof end, "%s%s", c.period_end, p->complete ? "" : "*");
        open |= !p->complete;
        const char *v[] = {end, c.customers, c.retained_customers, c.prior_mrr, c.current_mrr,
                           c.expansion_mrr, c.contraction_mrr, c.churned_mrr,
                           ndr_pct_or_na(c.ndr_pct, a), ndr_pct_or_na(c.grr_pct, b),
                           ndr_pct_or_na(c.logo_pct, d)};
        cells(out, 0, v, 11);
    }
    fputs("</table>\n", out);
    not_final(out, open);
}

static void bridge_table(FILE *out, const ndr_movements *m)
{
    static const char *const head[] = {"month end", "opening", "new", "reactivation",
                                       "expansion", "contraction", "churned", "closing",
                                       "customers"};
    fputs(H2 "MRR bridge by month</h2>\n<p style=\"font-size:12px;color:#4b5563\">opening + "
             "new + reactivation + expansion - contraction - churned = closing</p>\n" TABLE,
          out);
    cells(out, 1, head, 9);
    int open = 0;
    for (size_t i = 0; i < ndr_movements_count(m); i++) {
        const ndr_month_movement *x = ndr_movements_get(m, i);
        char end[16], f[7][NDR_MONEY_TEXT], k[24];
        ndr_date_format(x->month_end, end);
        if (!x->complete)
            strcat(end, "*");
        open |= !x->complete;
        const ndr_money v[7] = {x->opening_mrr, x->new_mrr, x->reactivation_mrr, x->expansion_mrr,
                                x->contraction_mrr, x->churned_mrr, x->closing_mrr};
        for (int j = 0; j < 7; j++)
            ndr_money_format(v[j], 2, f[j]);
        snprintf(k, sizeof k, "%" PRIu64, x->closing_customers);
        const char *row[] = {end, f[0], f[1], f[2], f[3], f[4], f[5], f[6], k};
        cells(out, 0, row, 9);
    }
    fputs("</table>\n", out);
    not_final(out, open);
}

static void inputs_table(FILE *out, const ndr_report_options *o, const ndr_source *src,
                         size_t n)
{
    static const char *const head[] = {"input", "role", "rows read", "used", "rejected",
                                       "bytes", "SHA-256"};
    fputs(H2 "Inputs</h2>\n" TABLE, out);
    cells(out, 1, head, 7);
    for (size_t i = 0; i < n; i++) {
        const ndr_read_stats *s = &src[i].stats;
        char rd[24] = "", us[24] = "", rj[24] = "", by[24];
        if (src[i].role == NULL) {
            snprintf(rd, sizeof rd, "%" PRIu64, s->rows_read);
            snprintf(us, sizeof us, "%" PRIu64, s->rows_used);
            snprintf(rj, sizeof rj, "%" PRIu64, s->rows_rejected);
        }
        snprintf(by, sizeof by, "%" PRIu64, s->bytes);
        const char *row[] = {src[i].name, src[i].role ? src[i].role : "data", rd, us, rj, by,
                             s->sha256[0] ? s->sha256 : "-"};
        cells(out, 0, row, 7);
    }
    fputs("</table>\n<p style=\"font-size:12px;color:#4b5563\">ndr " NDR_VERSION, out);
    if (o->command) {
        fputs(": <code>", out);
        ndr_xml_text(out, o->command);
        fputs("</code>", out);
    }
    fputs("</p>\n", out);
}

ndr_status ndr_html_write(const ndr_report *r, const ndr_movements *m, const ndr_cohorts *c,
                          const ndr_source *src, size_t n, FILE *out)
{
    const ndr_report_options *o = ndr_report_get_options(r);
    size_t np = ndr_report_count(r);
    char title[40] = "NDR report";
    if (np) {
        char end[11];
        ndr_date_format(ndr_report_period(r, np - 1)->period_end, end);
        snprintf(title, sizeof title, "NDR report as of %s", end);
    }
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            "<title>%s</title>\n</head>\n<body style=\"font-family:DejaVu Sans,Helvetica,Arial,"
            "sans-serif;color:#111827;margin:24px;max-width:1100px\">\n"
            "<h1 style=\"font-size:22px;margin:0 0 8px\">%s</h1>\n",
            title, title);
    headline(out, r);
    fputs(H2 "Trend</h2>\n", out);
    int rc = ndr_svg_trend(r, out, 0);
    if (rc == 0) {
        report_table(out, r);
        if (m)
            bridge_table(out, m);
        if (c) {
            fputs(H2 "Cohorts</h2>\n", out);
            rc = ndr_svg_cohorts(c, out, 0);
        }
    }
    if (rc == 0) {
        inputs_table(out, o, src, n);
        fputs("</body>\n</html>\n", out);
    }
    return rc == 0 ? ndr_write_result(0, out) : NDR_ERR_NOMEM;
}
