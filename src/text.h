/* text.h - text written as each output format needs it, so that no id or
 * file name can break a CSV row, a JSON document or an SVG. */
#ifndef NDR_TEXT_H
#define NDR_TEXT_H

#include <stdio.h>

/* Writes s as one CSV field: quoted when it holds a comma, quote, line
 * break or edge space (quotes doubled), and neutralised when a spreadsheet
 * would take it for a formula: '=', '+', '-', '@', tab or CR first get a
 * leading apostrophe inside quotes ("'=1+1"). Returns 0 or -1. */
int ndr_csv_text(FILE *out, const char *s);

/* Writes s as a JSON string (escaped; a byte that is not UTF-8 as U+FFFD). */
void ndr_json_string(FILE *out, const char *s);

/* Writes s with &, <, >, " and ' escaped for XML text and attributes. */
void ndr_xml_text(FILE *out, const char *s);

#endif
