/* test_chart.c - the SVG charts and the HTML page: the axis and colour
 * scales computed by hand, a point placed where the arithmetic says, a
 * line broken where a rate is undefined, and text escaped for XML.
 * (tests/chart.sh checks every plotted number against the CSV.) */
#include "testutil.h"
#include "cells.h"
#include "output_chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a churns in February, nobody is paying at the end of February (so March's
 * window-1 rates are undefined), b expands 20.005 -> 30 in April */
static const char *events = "customer_id,date,mrr\n"
                            "a,2021-01-15,10\n"
                            "a,2021-02-10,0\n"
                            "b,2021-03-15,20.005\n"
                            "b,2021-04-30,30\n";

static char *render(int html)
{
    ndr_dataset *ds = ndr_dataset_new();
    ndr_read_stats st;
    assert_int_equal(tu_read(ds, events, strlen(events), 0, 0, &st), NDR_OK);
    ndr_report *r = tu_report(ds, 1, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ndr_source src = {"in \"<x>\" & y.csv", st, NULL};
    if (html)
        assert_int_equal(ndr_html_write(r, NULL, NULL, &src, 1, out), NDR_OK);
    else
        assert_int_equal(ndr_report_write(r, NDR_FORMAT_SVG, &src, 1, out), NDR_OK);
    fclose(out);
    ndr_report_free(r);
    ndr_dataset_free(ds);
    return buf;
}

static void axis(int64_t vmin, int64_t vmax, int64_t lo, int64_t hi, int64_t step)
{
    int64_t a, b, s;
    ndr_chart_axis(vmin, vmax, &a, &b, &s);
    assert_int_equal(a, lo);
    assert_int_equal(b, hi);
    assert_int_equal(s, step);
}

/* Round steps, at most 8 of them, always covering 100%. */
static void test_chart_axis(void **state)
{
    (void)state;
    axis(8500, 11000, 8500, 11000, 500);   /* 85%..110%: 5 steps of 5% */
    axis(6000, 12922, 6000, 13000, 1000);  /* 60%..129.22%: 7 of 10% */
    axis(0, 14996, 0, 16000, 2000);        /* 0..149.96%: 8 of 20% */
    axis(0, 22700, 0, 25000, 5000);        /* 2500 would take 10 steps */
    axis(10000, 10000, 10000, 10500, 500); /* one value: one step */
    axis(0, 1000000, 0, 1000000, 200000);  /* beyond the table: doubling 50000 */
}

/* White at 100%, full orange-red at 0%, full blue at 200% and above;
 * halfway down is 255 - (61, 190, 243) x 5000 / 10000 with the product
 * truncated: (225, 160, 134); halfway up 255 - (226, 177, 39) x .5 =
 * (142, 167, 236). */
static void test_chart_heat_colours(void **state)
{
    (void)state;
    static const struct {
        int64_t h;
        const char *color;
        int dark;
    } cases[] = {
        {10000, "#ffffff", 0}, {0, "#c2410c", 1},    {20000, "#1d4ed8", 1},
        {50000, "#1d4ed8", 1}, {5000, "#e1a086", 0}, {15000, "#8ea7ec", 0},
        /* 45%: 61 x .55 = 33.55, 190 x .55 = 104.5, 243 x .55 = 133.65,
         * truncated: 255 - (33, 104, 133) = (222, 151, 122); the text turns
         * white past 55% of the way */
        {4500, "#de977a", 0},  {4499, "#de977a", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char c[8];
        int dark;
        ndr_chart_heat(cases[i].h, c, &dark);
        assert_string_equal(c, cases[i].color);
        assert_int_equal(dark, cases[i].dark);
    }
}

/* Window-1 NDRs 0.00, undefined, 149.96: axis 0..160%, x at 64, 352, 640;
 * 149.96% at y = 340 - 276 x 14996 / 16000 = 81.3; the line jumps over
 * March. */
static void test_chart_trend_points(void **state)
{
    (void)state;
    char *s = render(0);
    assert_non_null(strstr(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
    assert_non_null(strstr(s, "<g class=\"series\" data-series=\"ndr\">\n<path fill=\"none\" "
                              "stroke=\"#1d4ed8\" stroke-width=\"2\" "
                              "d=\"M64.0 340.0 M640.0 81.3\"/>"));
    assert_non_null(strstr(s, "<circle cx=\"640.0\" cy=\"81.3\" r=\"3.5\" fill=\"#1d4ed8\" "
                              "stroke=\"#1d4ed8\" stroke-width=\"1.5\" "
                              "data-period-end=\"2021-04-30\" data-pct=\"149.96\">"));
    /* the 100% line at 340 - 276 x 10000 / 16000 = 167.5 */
    assert_non_null(strstr(s, "<line class=\"hundred\" x1=\"64\" y1=\"167.5\" x2=\"640\" "
                              "y2=\"167.5\""));
    assert_null(strstr(s, "data-period-end=\"2021-03-31\""));
    assert_non_null(strstr(s, ">NDR 149.96%</text>"));
    free(s);
}

static void test_chart_html_page(void **state)
{
    (void)state;
    char *s = render(1);
    assert_memory_equal(s, "<!DOCTYPE html>\n<html lang=\"en\">", 31);
    assert_non_null(strstr(s, "<title>NDR report as of 2021-04-30</title>"));
    assert_non_null(strstr(s, "NDR <b>149.96%</b>"));
    /* no XML declaration inside the page, one svg */
    assert_null(strstr(s + 1, "<?xml"));
    assert_non_null(strstr(s, "in &quot;&lt;x&gt;&quot; &amp; y.csv"));
    assert_null(strstr(s, "MRR bridge"));
    assert_null(strstr(s, "Cohort MRR retention"));
    assert_non_null(strstr(s, "</body>\n</html>\n"));
    free(s);
}

/* Other writers refuse the chart formats. */
static void test_chart_formats_refused(void **state)
{
    (void)state;
    ndr_dataset *ds = ndr_dataset_new();
    assert_int_equal(tu_read(ds, events, strlen(events), 0, 0, NULL), NDR_OK);
    ndr_report_options o;
    ndr_report_options_init(&o);
    ndr_movements *m = NULL;
    char msg[200];
    assert_int_equal(ndr_movements_compute(ds, &o, &m, msg, sizeof msg), NDR_OK);
    FILE *out = fopen("/dev/null", "w");
    assert_int_equal(ndr_movements_write(m, &o, NDR_FORMAT_SVG, NULL, 0, out), NDR_ERR_ARG);
    ndr_report *r = tu_report(ds, 1, NULL);
    assert_int_equal(ndr_report_write(r, NDR_FORMAT_HTML, NULL, 0, out), NDR_ERR_ARG);
    fclose(out);
    ndr_report_free(r);
    ndr_movements_free(m);
    ndr_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_axis),
        cmocka_unit_test(test_chart_heat_colours),
        cmocka_unit_test(test_chart_trend_points),
        cmocka_unit_test(test_chart_html_page),
        cmocka_unit_test(test_chart_formats_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
