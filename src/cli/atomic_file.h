/* atomic_file.h - an output file that appears whole or not at all.
 *
 * `ndr ... -o FILE` runs unattended (cron); a run that dies or hits a full
 * disk must never leave a half-written report where the last good one was.
 * The report is written to a temporary file in FILE's directory, flushed,
 * fsync'ed and renamed over FILE only when every write succeeded.
 *
 * What a rename would break is not renamed over: a symbolic link is
 * followed and the file it leads to is replaced (the link stays a link),
 * and a device or a FIFO is written in place (a rename would put a regular
 * file where /dev/null or the FIFO was, and the FIFO's reader would wait
 * forever). Directories and sockets are refused. */
#ifndef CLI_ATOMIC_FILE_H
#define CLI_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

typedef struct cli_atomic_file {
    FILE *fp;     /* write the content here */
    char *path;   /* the file written: FILE, or where its symbolic links lead */
    char *tmp;    /* the temporary name beside path; NULL when path is written
                   * in place (a device or a FIFO) */
    int replaces; /* path is an existing regular file, replaced on commit */
    dev_t dev;    /* its device and inode, when replaces: an input with the */
    ino_t ino;    /* same two is that file under any name */
} cli_atomic_file;

/* Follows path's symbolic links, then creates the temporary file (mode 0666
 * minus the umask, like fopen), or opens a device or FIFO for writing (which
 * waits for a FIFO's reader, as the shell's > does). Returns 0, or -1 with a
 * message naming the file: a directory, a socket, a link loop, a directory
 * where no file can be created. */
int cli_atomic_open(cli_atomic_file *f, const char *path, char *msg, size_t msg_size);

/* Whether st (from stat or fstat) is the regular file that a commit would
 * replace; a caller refuses an output that is one of its inputs. */
int cli_atomic_replaces(const cli_atomic_file *f, const struct stat *st);

/* Flushes, fsyncs and renames the temporary file over path, then fsyncs
 * the directory. On any error the temporary file is removed, path is left
 * as it was, and -1 is returned with a message. A device or FIFO is only
 * flushed and closed: what was written before an error stays written.
 * Frees f's resources. */
int cli_atomic_commit(cli_atomic_file *f, char *msg, size_t msg_size);

/* Removes the temporary file; path is left as it was. */
void cli_atomic_abort(cli_atomic_file *f);

#endif
