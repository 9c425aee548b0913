/* progress.c - the progress line: bytes, rows per second and the time
 * left, redrawn at most five times a second and only after the first
 * second (so short runs print nothing), unless --progress forces it. */
#include "progress.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p, FILE *out, int mode)
{
    int tty = out && isatty(fileno(out));
    p->out = mode < 0 || (mode == 0 && !tty) ? NULL : out;
    p->tty = tty;
    p->forced = mode > 0;
    p->total = 0;
    p->done = 0;
    p->rows = 0;
    p->start = now();
    p->last = p->forced ? p->start - 1 : p->start; /* forced: the first chunk shows */
    p->shown = 0;
}

void cli_progress_add_input(cli_progress *p, const char *path)
{
    struct stat st;
    int ok = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) == 0 : stat(path, &st) == 0;
    if (ok && S_ISREG(st.st_mode) && p->total != UINT64_MAX)
        p->total += (uint64_t)st.st_size;
    else
        p->total = UINT64_MAX; /* unknown from now on */
}

void cli_progress_bytes(uint64_t n, char out[16])
{
    static const char *unit[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    double v = (double)n;
    while (v >= 1000 && u < 6) {
        v /= 1000;
        u++;
    }
    snprintf(out, 16, u == 0 ? "%.0f %s" : "%.1f %s", v, unit[u]);
}

void cli_progress_eta(double seconds, char out[16])
{
    /* at most 99:59:59 */
    unsigned s = seconds < 0 ? 0 : seconds > 359999 ? 359999 : (unsigned)(seconds + 0.5);
    unsigned h = s / 3600 % 100, m = s / 60 % 60, sec = s % 60;
    if (h)
        snprintf(out, 16, "%u:%02u:%02u", h, m, sec);
    else
        snprintf(out, 16, "%u:%02u", m, sec);
}

void cli_progress_update(cli_progress *p, uint64_t bytes, uint64_t rows)
{
    if (p->out == NULL)
        return;
    double t = now(), el = t - p->start;
    if (t - p->last < 0.2 || (!p->forced && el < 1.0))
        return;
    p->last = t;
    uint64_t done = p->done + bytes;
    rows += p->rows;
    char b[16], tot[16], eta[16];
    cli_progress_bytes(done, b);
    double rate = el > 0 ? (double)rows / el : 0;
    if (p->total && p->total != UINT64_MAX && done <= p->total) {
        cli_progress_bytes(p->total, tot);
        cli_progress_eta(done ? el * (double)(p->total - done) / (double)done : 0, eta);
        fprintf(p->out, "%sndr: read %s of %s (%.0f%%), %llu rows, %.0f rows/s, ETA %s%s",
                p->tty ? "\r" : "", b, tot, 100.0 * (double)done / (double)p->total,
                (unsigned long long)rows, rate, eta, p->tty ? "\033[K" : "\n");
    } else {
        fprintf(p->out, "%sndr: read %s, %llu rows, %.0f rows/s%s", p->tty ? "\r" : "", b,
                (unsigned long long)rows, rate, p->tty ? "\033[K" : "\n");
    }
    fflush(p->out);
    p->shown = 1;
}

void cli_progress_next(cli_progress *p, uint64_t bytes, uint64_t rows)
{
    p->done += bytes;
    p->rows += rows;
}

void cli_progress_end(cli_progress *p)
{
    if (p->out && p->shown && p->tty) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    p->shown = 0;
}
