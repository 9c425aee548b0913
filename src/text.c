/* text.c - text as each output format needs it (see text.h): a CSV field,
 * a JSON string, XML text. A leaf: it calls only the UTF-8 checks. */
#include "text.h"
#include "utf8.h"

#include <string.h>

/* Text that a spreadsheet would run as a formula when the CSV is opened
 * (CSV injection): a leading '=', '+', '-', '@', tab or carriage return. */
static int formula_like(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

int ndr_csv_text(FILE *out, const char *s)
{
    int neutralise = formula_like(s);
    int quote = neutralise || strpbrk(s, ",\"\r\n") != NULL ||
                (s[0] != '\0' && (s[0] == ' ' || s[strlen(s) - 1] == ' '));
    if (!quote)
        return fputs(s, out) < 0 ? -1 : 0;
    if (fputc('"', out) == EOF || (neutralise && fputc('\'', out) == EOF))
        return -1;
    for (; *s; s++)
        if ((*s == '"' && fputc('"', out) == EOF) || fputc(*s, out) == EOF)
            return -1;
    return fputc('"', out) == EOF ? -1 : 0;
}

/* Writes s as a JSON string. UTF-8 passes through; a byte that is not
 * UTF-8 (a Latin-1 file name) becomes U+FFFD, as the JSON text must be
 * UTF-8 to be valid. */
void ndr_json_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        size_t k = p[i] < 0x80 ? 1 : ndr_utf8_seq(p + i, n - i);
        if (k == 0)
            fputs("\\ufffd", out), k = 1;
        else if (p[i] == '"' || p[i] == '\\')
            fprintf(out, "\\%c", p[i]);
        else if (p[i] < 0x20 || p[i] == 0x7f)
            fprintf(out, "\\u%04x", p[i]);
        else
            fwrite(p + i, 1, k, out);
        i += k;
    }
    fputc('"', out);
}

void ndr_xml_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}
