/* progress.h - the progress line of a long read, on standard error.
 *
 * Reading a few gigabytes takes seconds to minutes; a person at a terminal
 * wants to know it is moving and when it will end, while a cron job or a
 * pipe must get nothing. The CLI owns this; the library never prints. */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

typedef struct cli_progress {
    FILE *out;        /* NULL: off */
    int tty;          /* redraw one line with \r; otherwise one line per update */
    int forced;       /* --progress: from the first update, not after a second */
    uint64_t total;   /* bytes of all inputs, 0 when unknown (a pipe) */
    uint64_t done;    /* bytes of the inputs already finished */
    uint64_t rows;    /* and their rows */
    double start, last;
    int shown;
} cli_progress;

/* mode: -1 --no-progress, 0 auto (only when out is a terminal), 1
 * --progress (also to a pipe or file). */
void cli_progress_init(cli_progress *p, FILE *out, int mode);
/* Adds the size of an input, a path or "-" for standard input; one that
 * is not a regular file (a pipe) makes the total unknown. */
void cli_progress_add_input(cli_progress *p, const char *path);
/* After each chunk: bytes and rows read so far of the current input. */
void cli_progress_update(cli_progress *p, uint64_t bytes, uint64_t rows);
/* An input was read whole: its bytes and rows. */
void cli_progress_next(cli_progress *p, uint64_t bytes, uint64_t rows);
/* Clears the line on a terminal; call before printing anything else. */
void cli_progress_end(cli_progress *p);

/* "1.5 MB", "230 kB", "12 B" (powers of 1000). out needs 16 bytes. */
void cli_progress_bytes(uint64_t n, char out[16]);
/* "1:05", "1:02:03". out needs 16 bytes. */
void cli_progress_eta(double seconds, char out[16]);

#endif
