/* output.c - ndr_report_write: the report to the writer of its format. */
#include "output_csv.h"
#include "output_json.h"
#include "output_table.h"
#include "output_chart.h"
#include "cells.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

ndr_status ndr_report_write(const ndr_report *r, ndr_format format, const ndr_source *sources,
                            size_t n, FILE *out)
{
    int rc;
    switch (format) {
    case NDR_FORMAT_CSV: rc = ndr_write_csv(r, out); break;
    case NDR_FORMAT_JSON: rc = ndr_write_json(r, sources, n, out); break;
    case NDR_FORMAT_TABLE: rc = ndr_write_table(r, out); break;
    case NDR_FORMAT_SVG: rc = ndr_svg_trend(r, out, 1); break;
    default: return NDR_ERR_ARG;
    }
    return ndr_write_result(rc, out);
}

