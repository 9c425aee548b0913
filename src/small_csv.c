/* small_csv.c - whole-file reading of small side CSVs (see small_csv.h). */
#include "small_csv.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct state {
    ndr_small_row_fn fn;
    void *ctx;
    ndr_status st;
    char why[300];
    size_t row;
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
    if (s->st == NDR_OK)
        s->st = s->fn(s->ctx, s->row++, s->f, s->len, s->n, s->why, sizeof s->why);
    for (size_t i = 0; i < s->n; i++)
        free(s->f[i]);
    s->n = 0;
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
    unsigned long long line = 1;
    /* a line at a time, so that an error names its line */
    while (s.st == NDR_OK && fgets(buf, sizeof buf, in)) {
        size_t n = strlen(buf);
        if (csv_parse(&p, buf, n, on_field, on_row, &s) != n) {
            s.st = NDR_ERR_IO;
            snprintf(s.why, sizeof s.why, "%s", csv_strerror(csv_error(&p)));
        }
        if (s.st == NDR_OK && n && buf[n - 1] == '\n')
            line++;
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
        snprintf(msg, msg_size, "%s:%llu: %s", source, line, s.why);
    return s.st;
}
