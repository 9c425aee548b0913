/* csvparse.c - the benchmark's baseline: a raw libcsv parse of a file with
 * empty callbacks, fed in the same 1 MiB reads as ndr. No engine can read
 * the file faster through libcsv, so ndr's time is reported against it. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void on_field(void *s, size_t n, void *data)
{
    (void)s;
    (void)n;
    (void)data;
}

static void on_row(int c, void *data)
{
    (void)c;
    ++*(size_t *)data;
}

int main(int argc, char **argv)
{
    static char buf[1 << 20];
    struct csv_parser p;
    size_t rows = 0, n;
    FILE *in = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (in == NULL || csv_init(&p, 0) != 0) {
        fprintf(stderr, "usage: csvparse FILE\n");
        return 2;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &rows) != n)
            return 1;
    csv_fini(&p, on_field, on_row, &rows);
    csv_free(&p);
    fclose(in);
    fprintf(stderr, "csvparse: %zu records\n", rows);
    return 0;
}
