/* merge.c - ndr merge (merge.h). */
#include "merge.h"
#include "inputs.h"
#include "options.h"
#include "run.h"
#include "say.h"
#include "views.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* After a merged report: the accounting of the whole input (the data
 * inputs come first), exit 3 for rejected rows, --fail-below. */
static int merge_epilogue(cli *c, const ndr_merge *m, int rc)
{
    const ndr_source *src = ndr_merge_sources(m);
    int n = (int)ndr_merge_source_count(m);
    ndr_read_stats total;
    ndr_sources_total(src, (size_t)n, &total);
    int rejected = total.rows_rejected > 0;
    if (!c->quiet && !(rc == EXIT_OK && c->format == NDR_FORMAT_JSON) &&
        (cli_chatty(c) || rejected || rc != EXIT_OK))
        cli_print_accounting(src, n);
    if (rc != EXIT_OK)
        return rc;
    rc = rejected ? EXIT_REJECTED : EXIT_OK;
    rc = cli_check_fail_below(c) == EXIT_BELOW ? EXIT_BELOW : rc;
    ndr_date through;
    int has_through = ndr_merge_data_through(m, &through) == 0;
    if (!c->quiet)
        cli_warn_stale(c, has_through, through);
    return rc;
}

/* Reads every partial of one file (several may follow each other). */
static int merge_file(ndr_merge *m, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    char msg[600], buf[CLI_SHOWN_SIZE];
    int ch, rc = EXIT_OK;
    if (in == NULL) {
        fprintf(stderr, "ndr: %s: cannot open: %s\n", cli_shown(path, buf), strerror(errno));
        return EXIT_FAIL;
    }
    do {
        if (ndr_merge_add(m, in, name, msg, sizeof msg) != NDR_OK) {
            rc = cli_fail(msg);
            break;
        }
        ch = getc(in);
    } while (ch != EOF && ungetc(ch, in) != EOF);
    if (!is_stdin)
        fclose(in);
    return rc;
}

/* Writes the merged report; returns EXIT_OK or EXIT_FAIL. */
static int merge_write(cli *c, ndr_merge *m, FILE *out)
{
    char msg[600];
    ndr_report *r = NULL;
    if (ndr_merge_compute(m, c->command, &r, msg, sizeof msg) != NDR_OK)
        return cli_fail(msg);
    const ndr_source *src = ndr_merge_sources(m);
    size_t n = ndr_merge_source_count(m);
    ndr_status st = cli_prologue(c, src, n, out);
    if (st == NDR_OK)
        st = ndr_report_write(r, c->format, src, n, out);
    cli_keep_last(c, r);
    c->opt = *ndr_report_get_options(r); /* the partials' parameters */
    c->opt.command = NULL;
    ndr_report_free(r);
    return st == NDR_OK ? EXIT_OK : cli_write_failed(c);
}

int cli_merge(int argc, char **argv)
{
    cli c;
    int rc;
    if (cli_start(&c, CLI_MERGE, argv[0], argc, argv, &rc))
        return rc;
    c.command = cli_command_line(&c, argc, argv);
    ndr_merge *m = ndr_merge_new();
    cli_atomic_file file = {0};
    char msg[600];
    if (m == NULL || c.command == NULL) {
        fprintf(stderr, "ndr: out of memory\n");
        rc = EXIT_FAIL;
    } else if (c.output && cli_atomic_open(&file, c.output, msg, sizeof msg) != 0) {
        rc = cli_fail(msg);
    } else if (c.output) {
        rc = cli_check_output(&c, &file, argv + optind, argc - optind);
    }
    if (m && c.opt.has_today)
        ndr_merge_set_today(m, c.opt.today);
    for (int i = optind; rc == EXIT_OK && i < argc; i++)
        rc = merge_file(m, argv[i]);
    int read_all = rc == EXIT_OK;
    if (rc == EXIT_OK)
        rc = merge_write(&c, m, c.output ? file.fp : stdout);
    if (rc == EXIT_OK && c.output && cli_atomic_commit(&file, msg, sizeof msg) != 0)
        rc = cli_fail(msg);
    if (rc == EXIT_OK && !c.output && cli_finish_stdout() != 0)
        rc = EXIT_FAIL;
    if (read_all)
        rc = merge_epilogue(&c, m, rc);
    free(c.maps);
    free(c.command);
    cli_atomic_abort(&file);
    ndr_merge_free(m);
    return rc;
}
