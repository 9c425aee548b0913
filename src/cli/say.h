/* say.h - how the tool speaks: every message on stderr starts "ndr: ",
 * names and messages that may hold a file name are made printable, a usage
 * error says where the help is, and standard output is checked when closed. */
#ifndef CLI_SAY_H
#define CLI_SAY_H

#include "cli.h"

/* Room for a name or message made printable (each byte may become \xNN). */
#define CLI_SHOWN_SIZE 4096

/* text (a file name, or a message that may hold one) as one line of valid
 * UTF-8: a file may be called "a\nb.csv" or have Latin-1 bytes, which
 * would split a message or garble a terminal. */
const char *cli_shown(const char *text, char buf[CLI_SHOWN_SIZE]);

/* "ndr: MESSAGE" and "Try 'ndr SUB --help'."; returns EXIT_USAGE. */
int cli_usage_error(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "ndr: MSG" with MSG made printable; returns EXIT_FAIL. */
int cli_fail(const char *msg);

/* "ndr: write error on FILE" (-o) or on standard output; returns EXIT_FAIL. */
int cli_write_failed(const cli *c);

/* Flushes and closes standard output; -1 with the message on a write
 * error (a full disk must not pass for a report). */
int cli_finish_stdout(void);

/* Whether to print what is not a problem (the accounting, the format
 * recognised): on a terminal, or with --verbose; never with --quiet. */
int cli_chatty(const cli *c);

#endif
