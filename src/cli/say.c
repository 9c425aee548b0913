/* say.c - the tool's messages on stderr (say.h). */
#include "say.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

const char *cli_shown(const char *text, char buf[CLI_SHOWN_SIZE])
{
    return ndr_utf8_printable(text, buf, CLI_SHOWN_SIZE);
}

int cli_usage_error(const cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ndr: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'ndr %s --help'.\n", c->name);
    return EXIT_USAGE;
}

int cli_fail(const char *msg)
{
    char buf[CLI_SHOWN_SIZE];
    fprintf(stderr, "ndr: %s\n", cli_shown(msg, buf));
    return EXIT_FAIL;
}

int cli_write_failed(const cli *c)
{
    char buf[CLI_SHOWN_SIZE];
    fprintf(stderr, "ndr: write error on %s\n",
            c->output ? cli_shown(c->output, buf) : "standard output");
    return EXIT_FAIL;
}

int cli_finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "ndr: write error on standard output: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int cli_chatty(const cli *c)
{
    return !c->quiet && (c->verbose || isatty(STDERR_FILENO));
}
