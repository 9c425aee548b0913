/* output_chart.c - the charts as self-contained SVG: the NDR, GRR and logo
 * retention trend with its 100% line, and the cohort heatmap. Every plotted
 * number is the report's printed value (also in a data-pct attribute and a
 * tooltip), so a chart can be checked against the CSV. */
#include "output_chart.h"
#include "cells.h"
#include "text.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define FONT "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""

static void svg_open(FILE *out, int standalone, int w, int h, const char *label)
{
    if (standalone)
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
            w, h, w, h);
    ndr_xml_text(out, label);
    fprintf(out, "\" " FONT ">\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", w, h);
}

static void svg_titles(FILE *out, const char *title, const char *subtitle)
{
    fputs("<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\" fill=\"#111827\">", out);
    ndr_xml_text(out, title);
    fputs("</text>\n<text x=\"16\" y=\"46\" font-size=\"12\" fill=\"#4b5563\">", out);
    ndr_xml_text(out, subtitle);
    fputs("</text>\n", out);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void ndr_chart_axis(int64_t vmin, int64_t vmax, int64_t *lo, int64_t *hi, int64_t *step)
{
    static const int64_t steps[] = {500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000};
    size_t i = 0;
    int64_t s = steps[0];
    for (;;) {
        s = i < sizeof steps / sizeof *steps ? steps[i] : s * 2;
        i++;
        *lo = floor_div(vmin, s) * s;
        *hi = -floor_div(-vmax, s) * s;
        if (*hi == *lo)
            *hi += s;
        if ((*hi - *lo) / s <= 8)
            break;
    }
    *step = s;
}

/* ---- trend -------------------------------------------------------------- */

enum { TW = 860, TH = 400, TX0 = 64, TX1 = 640, TY0 = 64, TY1 = 340 };

typedef struct series {
    const char *key, *name, *color;
} series;

static const series SERIES[3] = {
    {"ndr", "NDR", "#1d4ed8"},
    {"grr", "GRR", "#c2410c"},
    {"logo", "Logo retention", "#047857"},
};

typedef struct trend {
    size_t n;
    ndr_cells *cells;
    int64_t lo, hi, step;
} trend;

static const char *series_pct(const ndr_cells *c, int s)
{
    return s == 0 ? c->ndr_pct : s == 1 ? c->grr_pct : c->logo_pct;
}

static double tx(const trend *t, size_t i)
{
    return t->n < 2 ? (TX0 + TX1) / 2.0 : TX0 + (double)(TX1 - TX0) * (double)i / (double)(t->n - 1);
}

static double ty(const trend *t, int64_t h)
{
    return TY1 - (double)(TY1 - TY0) * (double)(h - t->lo) / (double)(t->hi - t->lo);
}

/* A period end as an axis label: its month, or the date when it is not a
 * month end. */
static void end_label(const ndr_cells *c, ndr_date end, char out[11])
{
    memcpy(out, c->period_end, 11);
    if (ndr_date_month_end(end) == end)
        out[7] = '\0';
}

static void trend_grid(FILE *out, const trend *t, const ndr_report *r)
{
    for (int64_t v = t->lo; v <= t->hi; v += t->step) {
        double y = ty(t, v);
        fprintf(out,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>\n"
                "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                "fill=\"#4b5563\">%" PRId64 "%%</text>\n",
                TX0, y, TX1, y, TX0 - 8, y + 4, v / 100);
    }
    double y100 = ty(t, 10000);
    fprintf(out,
            "<line class=\"hundred\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
            "stroke=\"#111827\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n"
            "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#111827\">100%%</text>\n",
            TX0, y100, TX1, y100, TX1 + 6, y100 + 4);
    size_t every = t->n / 10 + 1;
    for (size_t i = 0; i < t->n; i++) {
        if ((t->n - 1 - i) % every != 0)
            continue;
        char lab[11];
        end_label(&t->cells[i], ndr_report_period(r, i)->period_end, lab);
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#9ca3af\"/>\n"
                "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                "fill=\"#4b5563\">%s</text>\n",
                tx(t, i), TY1, tx(t, i), TY1 + 5, tx(t, i), TY1 + 19, lab);
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                 "fill=\"#4b5563\">period end</text>\n",
            (TX0 + TX1) / 2, TY1 + 40);
}

/* One series: a line broken where the rate is undefined, and a point per
 * defined value, hollow when the period is not final. */
static void trend_series(FILE *out, const trend *t, const ndr_report *r, int s)
{
    const series *se = &SERIES[s];
    fprintf(out, "<g class=\"series\" data-series=\"%s\">\n<path fill=\"none\" stroke=\"%s\" "
                 "stroke-width=\"2\" d=\"",
            se->key, se->color);
    int pen = 0;
    for (size_t i = 0; i < t->n; i++) {
        int64_t h;
        if (ndr_pct_text_hundredths(series_pct(&t->cells[i], s), &h)) {
            pen = 0;
            continue;
        }
        fprintf(out, "%s%c%.1f %.1f", i ? " " : "", pen ? 'L' : 'M', tx(t, i), ty(t, h));
        pen = 1;
    }
    fputs("\"/>\n", out);
    for (size_t i = 0; i < t->n; i++) {
        const char *p = series_pct(&t->cells[i], s);
        int64_t h;
        if (ndr_pct_text_hundredths(p, &h))
            continue;
        int final = ndr_report_period(r, i)->complete;
        fprintf(out,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\" "
                "stroke-width=\"1.5\" data-period-end=\"%s\" data-pct=\"%s\"><title>%s %s "
                "%s%%%s</title></circle>\n",
                tx(t, i), ty(t, h), final ? se->color : "#ffffff", se->color,
                t->cells[i].period_end, p, t->cells[i].period_end, se->name, p,
                final ? "" : " (not final)");
    }
    fputs("</g>\n", out);
}

static void trend_legend(FILE *out, const trend *t, const ndr_report *r)
{
    int any_open = 0;
    for (int s = 0; s < 3; s++) {
        const char *last = "";
        for (size_t i = t->n; i-- > 0 && last[0] == '\0';)
            last = series_pct(&t->cells[i], s);
        int y = TY0 + 8 + 22 * s;
        fprintf(out,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n"
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#111827\">%s%s%s%s</text>\n",
                TX1 + 46, y, TX1 + 64, y, SERIES[s].color, TX1 + 70, y + 4, SERIES[s].name,
                last[0] ? " " : "", last, last[0] ? "%" : "");
    }
    for (size_t i = 0; i < t->n; i++)
        any_open |= !ndr_report_period(r, i)->complete;
    if (any_open)
        fprintf(out,
                "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#4b5563\" "
                "stroke-width=\"1.5\"/>\n<text x=\"%d\" y=\"%d\" font-size=\"11\" "
                "fill=\"#4b5563\">not final</text>\n",
                TX1 + 55, TY0 + 82, TX1 + 70, TY0 + 86);
}

static void trend_range(trend *t)
{
    int64_t vmin = 10000, vmax = 10000;
    for (size_t i = 0; i < t->n; i++)
        for (int s = 0; s < 3; s++) {
            int64_t h;
            if (ndr_pct_text_hundredths(series_pct(&t->cells[i], s), &h))
                continue;
            vmin = h < vmin ? h : vmin;
            vmax = h > vmax ? h : vmax;
        }
    ndr_chart_axis(vmin, vmax, &t->lo, &t->hi, &t->step);
}

int ndr_svg_trend(const ndr_report *r, FILE *out, int standalone)
{
    const ndr_report_options *o = ndr_report_get_options(r);
    trend t = {ndr_report_count(r), NULL, 0, 0, 0};
    t.cells = calloc(t.n ? t.n : 1, sizeof *t.cells);
    if (t.cells == NULL)
        return -1;
    for (size_t i = 0; i < t.n; i++)
        ndr_cells_fill(&t.cells[i], ndr_report_period(r, i));
    trend_range(&t);
    char sub[200];
    snprintf(sub, sizeof sub, "%d-month window, %s method, %s, %zu period end%s%s%s%s%s",
             o->window_months, ndr_method_name(o->method), ndr_measure(o), t.n,
             t.n == 1 ? "" : "s", t.n ? " from " : "", t.n ? t.cells[0].period_end : "",
             t.n ? " to " : "", t.n ? t.cells[t.n - 1].period_end : "");
    svg_open(out, standalone, TW, TH, "NDR, GRR and logo retention by period end");
    svg_titles(out, "Net Dollar Retention, GRR and logo retention", sub);
    trend_grid(out, &t, r);
    for (int s = 2; s >= 0; s--) /* NDR drawn last, on top */
        trend_series(out, &t, r, s);
    trend_legend(out, &t, r);
    fputs("</svg>\n", out);
    free(t.cells);
    return 0;
}

/* ---- cohort heatmap ----------------------------------------------------- */

/* Below 100% white to orange-red, above it white to blue, full at 0% and
 * at 200%; *dark says the text on it should be white. */
void ndr_chart_heat(int64_t h, char color[8], int *dark)
{
    static const int below[3] = {194, 65, 12}, above[3] = {29, 78, 216};
    const int *to = h < 10000 ? below : above;
    int64_t d = h < 10000 ? 10000 - h : h - 10000;
    if (d > 10000)
        d = 10000;
    int r = (int)(255 - (255 - to[0]) * d / 10000), g = (int)(255 - (255 - to[1]) * d / 10000),
        b = (int)(255 - (255 - to[2]) * d / 10000);
    snprintf(color, 8, "#%02x%02x%02x", r, g, b);
    *dark = d > 5500;
}

typedef struct heat {
    int rows, cols, cw, ch, x0, y0;
} heat;

static void heat_layout(const ndr_cohorts *c, heat *g)
{
    g->rows = g->cols = 0;
    for (size_t i = 0; i < ndr_cohorts_count(c); i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        g->rows += x->months_since_start == 0;
        if (x->months_since_start + 1 > g->cols)
            g->cols = x->months_since_start + 1;
    }
    int cols = g->cols ? g->cols : 1, rows = g->rows ? g->rows : 1;
    g->cw = 960 / cols > 44 ? 44 : 960 / cols < 12 ? 12 : 960 / cols;
    g->ch = 640 / rows > 24 ? 24 : 640 / rows < 10 ? 10 : 640 / rows;
    g->x0 = 92;
    g->y0 = 84;
}

static void heat_axes(FILE *out, const ndr_cohorts *c, const heat *g)
{
    int every = (30 + g->cw - 1) / g->cw;
    for (int n = 0; n < g->cols; n += every)
        fprintf(out,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                "fill=\"#4b5563\">M%d</text>\n",
                g->x0 + g->cw * (n + 0.5), g->y0 - 8, n);
    int row = 0, rows_every = (13 + g->ch - 1) / g->ch;
    for (size_t i = 0; i < ndr_cohorts_count(c); i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        if (x->months_since_start != 0)
            continue;
        char name[16];
        ndr_cohort_label(ndr_cohorts_period(c), x->cohort, name, sizeof name);
        if (row % rows_every == 0)
            fprintf(out,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                    "fill=\"#374151\">%s</text>\n",
                    g->x0 - 8, g->y0 + g->ch * (row + 0.5) + 4, name);
        row++;
    }
}

static void heat_cells(FILE *out, const ndr_cohorts *c, const heat *g)
{
    int row = -1;
    int text = g->cw >= 32 && g->ch >= 16;
    for (size_t i = 0; i < ndr_cohorts_count(c); i++) {
        const ndr_cohort_cell *x = ndr_cohorts_get(c, i);
        char name[16], pct[48], start[NDR_MONEY_TEXT], color[8] = "#f3f4f6";
        int dark = 0;
        int64_t h = 0;
        row += x->months_since_start == 0;
        ndr_cohort_label(ndr_cohorts_period(c), x->cohort, name, sizeof name);
        int defined = ndr_pct_format(x->mrr, x->start_mrr, pct) != NULL;
        if (defined && ndr_pct_text_hundredths(pct, &h) == 0)
            ndr_chart_heat(h, color, &dark);
        ndr_money_format(x->start_mrr, 2, start);
        double cx = g->x0 + g->cw * x->months_since_start, cy = g->y0 + g->ch * row;
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                "stroke=\"#e5e7eb\" data-cohort=\"%s\" data-months=\"%d\" data-pct=\"%s\">"
                "<title>%s M%d: %s%s of %s starting MRR, %" PRIu64 " of %" PRIu64
                " customers</title></rect>\n",
                cx, cy, g->cw, g->ch, color, name, x->months_since_start, pct, name,
                x->months_since_start, defined ? pct : "n/a", defined ? "%" : "", start,
                x->customers, x->start_customers);
        if (text && defined)
            fprintf(out,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" "
                    "fill=\"%s\">%" PRId64 "</text>\n",
                    cx + g->cw / 2.0, cy + g->ch / 2.0 + 3.5, dark ? "#ffffff" : "#111827",
                    (h + 50) / 100);
    }
}

static void heat_legend(FILE *out, int x, int y)
{
    fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#4b5563\">MRR retained:</text>\n",
            x, y + 11);
    for (int k = 0; k <= 8; k++) {
        char color[8];
        int dark;
        ndr_chart_heat(k * 2500, color, &dark);
        fprintf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"34\" height=\"14\" fill=\"%s\" stroke=\"#d1d5db\"/>\n",
                x + 90 + 34 * k, y, color);
        if (k % 2 == 0)
            fprintf(out,
                    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" "
                    "fill=\"#4b5563\">%d%%%s</text>\n",
                    x + 107 + 34 * k, y + 27, k * 25, k == 8 ? "+" : "");
    }
}

int ndr_svg_cohorts(const ndr_cohorts *c, FILE *out, int standalone)
{
    heat g;
    heat_layout(c, &g);
    int w = g.x0 + g.cw * g.cols + 24, h = g.y0 + g.ch * g.rows + 56;
    if (w < 520)
        w = 520;
    static const char *names[] = {"month", "quarter", "year"};
    char sub[160];
    snprintf(sub, sizeof sub,
             "%% of each %s cohort's starting MRR still paid N months after each member's start",
             names[ndr_cohorts_period(c)]);
    svg_open(out, standalone, w, h, "Cohort MRR retention heatmap");
    svg_titles(out, "Cohort MRR retention", sub);
    heat_axes(out, c, &g);
    heat_cells(out, c, &g);
    heat_legend(out, g.x0, g.y0 + g.ch * g.rows + 14);
    fputs("</svg>\n", out);
    return 0;
}
