/* small_csv.c - whole-file reading of small side CSVs (see small_csv.h). */
#include "small_csv.h"
#include "utf8.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct state {
    ndr_small_row_fn fn;
    void *ctx;
    ndr_status st;
    char why[1024];
    unsigned long long err_line; /* the line an error is reported at, or 0 */
    size_t row;
    unsigned long long line, rec_line; /* line being fed; the record's first */
    int rec_open;                      /* a record has begun and not ended */
    char **f;
    size_t *len, n, cap;
} state;

static void on_field(void *p, size_t n, void *data)
{
    state *s = data;
    if (s->st != NDR_OK)
        return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        char **f = realloc(s->f, cap * sizeof *f);
        if (f)
            s->f = f;
        size_t *len = realloc(s->len, cap * sizeof *len);
        if (len)
            s->len = len;
        if (f == NULL || len == NULL) {
            s->st = NDR_ERR_NOMEM;
            snprintf(s->why, sizeof s->why, "out of memory");
            return;
        }
        s->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        s->st = NDR_ERR_NOMEM;
        snprintf(s->why, sizeof s->why, "out of memory");
        return;
    }
    memcpy(copy, p, n);
    copy[n] = '\0';
    s->f[s->n] = copy;
    s->len[s->n++] = n;
}

static void on_row(int c, void *data)
{
    state *s = data;
    (void)c;
    if (s->st == NDR_OK) {
        s->st = s->fn(s->ctx, s->row++, s->rec_line, s->f, s->len, s->n, s->why, sizeof s->why);
        if (s->st != NDR_OK)
            s->err_line = s->rec_line;
    }
    for (size_t i = 0; i < s->n; i++)
        free(s->f[i]);
    s->n = 0;
    s->rec_open = 0;
}

/* Feeds one line, or a piece of a long one, to libcsv. A record starts on
 * the first line of it with more than spaces, tabs and line ends, as libcsv
 * reports no blank lines: so a message names the line a record starts on,
 * also when a quoted field spans lines. */
static void feed(struct csv_parser *p, state *s, const char *buf, size_t n)
{
    for (size_t i = 0; !s->rec_open && i < n; i++)
        if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n') {
            s->rec_open = 1;
            s->rec_line = s->line;
        }
    if (csv_parse(p, buf, n, on_field, on_row, s) != n && s->st == NDR_OK) {
        s->st = NDR_ERR_IO;
        snprintf(s->why, sizeof s->why, "%s", csv_strerror(csv_error(p)));
    }
    if (s->st == NDR_OK && n && buf[n - 1] == '\n')
        s->line++;
}

ndr_status ndr_small_csv_read(FILE *in, const char *source, ndr_small_row_fn fn, void *ctx,
                              char *msg, size_t msg_size)
{
    struct csv_parser p;
    state s;
    memset(&s, 0, sizeof s);
    s.fn = fn;
    s.ctx = ctx;
    if (csv_init(&p, 0) != 0)
        return NDR_ERR_NOMEM;
    char buf[4096];
    s.line = 1;
    /* a line at a time, so that an error names its line; a BOM is skipped
     * as the events reader skips it (spreadsheets save one) */
    for (int first = 1; s.st == NDR_OK && fgets(buf, sizeof buf, in); first = 0) {
        size_t n = strlen(buf), bom = first ? ndr_utf8_bom((unsigned char *)buf, n) : 0;
        feed(&p, &s, buf + bom, n - bom);
    }
    if (s.st == NDR_OK && ferror(in)) {
        s.st = NDR_ERR_IO;
        snprintf(s.why, sizeof s.why, "read error: %s", strerror(errno));
    }
    if (s.st == NDR_OK)
        csv_fini(&p, on_field, on_row, &s);
    if (s.st == NDR_OK && s.row == 0) {
        s.st = NDR_ERR_HEADER;
        snprintf(s.why, sizeof s.why, "empty file (no header row)");
    }
    for (size_t i = 0; i < s.n; i++)
        free(s.f[i]);
    free(s.f);
    free(s.len);
    csv_free(&p);
    if (s.st != NDR_OK)
        snprintf(msg, msg_size, "%s:%llu: %s", source, s.err_line ? s.err_line : s.line, s.why);
    return s.st;
}
