/* output_chart.h - the SVG charts: the NDR trend and the cohort heatmap
 * (ndr chart, and inline in the HTML page). */
#ifndef NDR_OUTPUT_CHART_H
#define NDR_OUTPUT_CHART_H

#include "ndr.h"

/* standalone adds the XML declaration; inline in HTML it is left out.
 * Return 0, or -1 when out of memory. */
int ndr_svg_trend(const ndr_report *r, FILE *out, int standalone);
int ndr_svg_cohorts(const ndr_cohorts *c, FILE *out, int standalone);
/* A y axis in hundredths of a percent covering vmin..vmax: multiples of
 * *step (a round 5%, 10%, 20%, 25%, 50%, 100%, ...) from *lo to *hi, at
 * most 8 steps. */
void ndr_chart_axis(int64_t vmin, int64_t vmax, int64_t *lo, int64_t *hi, int64_t *step);
/* The heatmap colour of a retention (hundredths of a percent) as "#rrggbb";
 * *dark when text on it should be white. */
void ndr_chart_heat(int64_t h, char color[8], int *dark);

#endif
