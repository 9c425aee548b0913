/* atomic_file.h - an output file that appears whole or not at all.
 *
 * `ndr ... -o FILE` runs unattended (cron); a run that dies or hits a full
 * disk must never leave a half-written report where the last good one was.
 * The report is written to a temporary file in FILE's directory, flushed,
 * fsync'ed and renamed over FILE only when every write succeeded. */
#ifndef NDR_ATOMIC_FILE_H
#define NDR_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct ndr_atomic_file {
    FILE *fp;   /* write the content here */
    char *path; /* the final name */
    char *tmp;  /* the temporary name, beside it */
} ndr_atomic_file;

/* Creates the temporary file (mode 0666 minus the umask, like fopen).
 * Returns 0, or -1 with a message naming the file. */
int ndr_atomic_open(ndr_atomic_file *f, const char *path, char *msg, size_t msg_size);

/* Flushes, fsyncs and renames the temporary file over path, then fsyncs
 * the directory. On any error the temporary file is removed, path is left
 * as it was, and -1 is returned with a message. Frees f's resources. */
int ndr_atomic_commit(ndr_atomic_file *f, char *msg, size_t msg_size);

/* Removes the temporary file; path is left as it was. */
void ndr_atomic_abort(ndr_atomic_file *f);

#endif
