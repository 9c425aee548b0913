/* run.c - a run of a subcommand over data files (run.h). */
#include "run.h"
#include "help.h"
#include "inputs.h"
#include "options.h"
#include "say.h"
#include "views.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_start(cli *c, unsigned command, const char *name, int argc, char **argv, int *rc)
{
    cli_init(c, command, name);
    int r = cli_parse(c, argc, argv);
    *rc = EXIT_OK;
    if (r == 0)
        return 0;
    if (r < 0) {
        cli_help_write(command, stdout);
        r = cli_finish_stdout() ? EXIT_FAIL : EXIT_OK;
    }
    free(c->maps);
    *rc = r;
    return 1;
}

/* Whether path (standard input for "-") is the file -o would replace. */
static int is_output(const cli_atomic_file *out, const char *path)
{
    struct stat st;
    int got = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st);
    return got == 0 && cli_atomic_replaces(out, &st);
}

int cli_check_output(const cli *c, const cli_atomic_file *out, char **files, int n)
{
    for (int i = 0; i < n; i++)
        if (is_output(out, files[i]))
            return cli_usage_error(c, "-o '%s' is the same file as the input '%s'", c->output,
                                   strcmp(files[i], "-") == 0 ? "<stdin>" : files[i]);
    if (c->fx_file && is_output(out, c->fx_file))
        return cli_usage_error(c, "-o '%s' is the same file as the --fx file '%s'", c->output,
                               c->fx_file);
    if (c->accounts && is_output(out, c->accounts))
        return cli_usage_error(c, "-o '%s' is the same file as the --accounts file '%s'",
                               c->output, c->accounts);
    return 0;
}

/* What a run holds besides the options. */
typedef struct run {
    ndr_source *src;  /* the data inputs, then the files read for the options */
    int nfiles, nsrc;
    ndr_dataset *ds;
    cli_atomic_file file;
    ndr_fx *fx;
} run;

/* Before reading: -o opened and checked (a bad -o fails before a long
 * read), the accounts and rates read, the shard set. */
static int prepare(cli *c, run *r, char **files)
{
    char msg[600];
    if (r->src == NULL || r->ds == NULL) {
        fprintf(stderr, "ndr: out of memory\n");
        return EXIT_FAIL;
    }
    if (c->output && cli_atomic_open(&r->file, c->output, msg, sizeof msg) != 0)
        return cli_fail(msg);
    int rc = c->output ? cli_check_output(c, &r->file, files, r->nfiles) : EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    if (c->kind == CLI_EXPLAIN)
        ndr_dataset_keep_rows(r->ds);
    if (c->accounts && (rc = cli_read_accounts(c->accounts, r->ds)) != EXIT_OK)
        return rc;
    if (c->shard_n) /* after the accounts: a shard hashes account ids */
        ndr_dataset_set_shard(r->ds, c->shard_k, c->shard_n);
    /* shards run side by side: a second thread each only makes them contend */
    c->ropt.one_thread = c->shard_n > 0;
    if (c->fx_file && (rc = cli_read_fx(c->fx_file, &r->fx)) != EXIT_OK)
        return rc;
    c->opt.fx = r->fx;
    if (c->fx_file)
        cli_fingerprint_file(c->fx_file, "fx", &r->src[r->nsrc++]);
    if (c->accounts)
        cli_fingerprint_file(c->accounts, "accounts", &r->src[r->nsrc++]);
    return EXIT_OK;
}

/* Reads, computes and writes: EXIT_OK or the failure's exit code. */
static int read_and_write(cli *c, run *r, char **files)
{
    char msg[600];
    cli_progress_init(&c->progress, stderr, c->quiet && c->progress_mode == 0 ? -1
                                                                              : c->progress_mode);
    for (int i = 0; i < r->nfiles; i++)
        cli_progress_add_input(&c->progress, files[i]);
    int rc = cli_read_inputs(c, r->ds, files, r->nfiles, r->src);
    if (rc == EXIT_OK)
        cli_warn_far_date(c, r->ds);
    /* a shard may hold no customer at all; its partial says so */
    if (rc == EXIT_OK && !(c->partial && c->shard_n))
        rc = cli_check_some_rows(r->src, r->nfiles);
    if (rc == EXIT_OK)
        rc = cli_write_view(c, r->ds, r->src, (size_t)r->nsrc, c->output ? r->file.fp : stdout);
    if (rc == EXIT_OK && c->output && cli_atomic_commit(&r->file, msg, sizeof msg) != 0)
        rc = cli_fail(msg);
    if (rc == EXIT_OK && !c->output && cli_finish_stdout() != 0)
        rc = EXIT_FAIL;
    return rc;
}

/* After the view: the accounting, exit 3 for rejected rows, --fail-below,
 * figures that are not final. */
static int epilogue(cli *c, const run *r, int rc)
{
    ndr_read_stats total;
    ndr_sources_total(r->src, (size_t)r->nfiles, &total);
    int rejected = total.rows_rejected > 0;
    /* the JSON report carries the accounting itself; a run that went well
     * says nothing unless asked or on a terminal (cron mails any output) */
    if (!c->quiet && !(rc == EXIT_OK && c->format == NDR_FORMAT_JSON) &&
        (cli_chatty(c) || rejected || rc != EXIT_OK))
        cli_print_accounting(r->src, r->nfiles);
    if (rc == EXIT_OK && rejected)
        rc = EXIT_REJECTED;
    if (rc == EXIT_OK || rc == EXIT_REJECTED)
        rc = cli_check_fail_below(c) == EXIT_BELOW ? EXIT_BELOW : rc;
    ndr_date through;
    int has_through = ndr_dataset_data_through(r->ds, &through) == 0;
    /* a shard's own dates are not the input's */
    if ((rc == EXIT_OK || rc == EXIT_REJECTED || rc == EXIT_BELOW) && !c->quiet && !c->shard_n)
        cli_warn_stale(c, has_through, through);
    return rc;
}

int cli_run(unsigned command, int argc, char **argv)
{
    cli c;
    int rc;
    if (cli_start(&c, command, argv[0], argc, argv, &rc))
        return rc;
    char **files = argv + optind;
    run r = {0};
    r.nfiles = r.nsrc = argc - optind;
    r.src = calloc((size_t)r.nfiles + 2, sizeof *r.src);
    r.ds = ndr_dataset_new();
    c.command = cli_command_line(&c, argc, argv);
    c.opt.command = c.command;
    rc = prepare(&c, &r, files);
    if (rc == EXIT_OK) {
        rc = read_and_write(&c, &r, files);
        rc = epilogue(&c, &r, rc);
    }
    free(c.maps);
    free(c.command);
    ndr_fx_free(r.fx);
    cli_atomic_abort(&r.file);
    ndr_dataset_free(r.ds);
    free(r.src);
    return rc;
}
