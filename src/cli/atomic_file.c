/* atomic_file.c - write to a temporary file, rename on success (see
 * atomic_file.h). */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Linux's own limit on the links one lookup follows (MAXSYMLINKS). */
enum { MAX_LINKS = 40 };

/* The directory part of path ("." when there is none), newly allocated. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

static void release(cli_atomic_file *f)
{
    free(f->path);
    free(f->tmp);
    f->path = f->tmp = NULL;
    f->fp = NULL;
}

/* The text of the link at path, newly allocated; NULL with errno set.
 * size is lstat's st_size, only a first guess: it is 0 on some file
 * systems, and the link may change in between. */
static char *read_link(const char *path, off_t size)
{
    size_t n = size > 0 ? (size_t)size + 1 : 256;
    for (;;) {
        char *buf = malloc(n);
        if (buf == NULL)
            return NULL;
        ssize_t got = readlink(path, buf, n);
        if (got >= 0 && (size_t)got < n) {
            buf[got] = '\0';
            return buf;
        }
        free(buf);
        if (got < 0)
            return NULL;
        n *= 2;
    }
}

/* A relative link target counts from the link's directory, not ours. */
static char *beside(const char *link, const char *target)
{
    if (target[0] == '/')
        return strdup(target);
    const char *slash = strrchr(link, '/');
    size_t dlen = slash ? (size_t)(slash - link) + 1 : 0;
    char *p = malloc(dlen + strlen(target) + 1);
    if (p) {
        memcpy(p, link, dlen);
        strcpy(p + dlen, target);
    }
    return p;
}

/* Where path's symbolic links lead, newly allocated; NULL with errno set
 * (ELOOP past MAX_LINKS). The end may not exist: a dangling link then
 * gets its target created, as the shell's > does. */
static char *follow_links(const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur != NULL; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        char *target = NULL, *next = NULL;
        if (hops < MAX_LINKS && (target = read_link(cur, st.st_size)) != NULL)
            next = beside(cur, target);
        int err = hops < MAX_LINKS ? errno : ELOOP; /* used only when next is NULL */
        free(target);
        free(cur);
        errno = err;
        cur = next;
    }
    return NULL;
}

/* A regular file or a new one: the temporary file beside f->path, with
 * the mode the file has (a new one: 0666 less the umask, as the shell's >),
 * so that a private report stays private when it is replaced. */
static int open_temp(cli_atomic_file *f, const struct stat *old, char *msg, size_t msg_size)
{
    const char *path = f->path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t dlen = (size_t)(base - path);
    f->tmp = malloc(strlen(path) + 16);
    if (f->tmp == NULL) {
        snprintf(msg, msg_size, "%s: out of memory", path);
        release(f);
        return -1;
    }
    /* ".NAME.XXXXXX" beside NAME: same file system, so rename is atomic */
    snprintf(f->tmp, strlen(path) + 16, "%.*s.%s.XXXXXX", (int)dlen, path, base);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        snprintf(msg, msg_size, "%s: cannot create a file there: %s", path, strerror(errno));
        release(f);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = old ? old->st_mode & 07777 : 0666 & ~mask;
    if (fchmod(fd, mode) != 0 || (f->fp = fdopen(fd, "w")) == NULL) {
        snprintf(msg, msg_size, "%s: %s", f->tmp, strerror(errno));
        close(fd);
        unlink(f->tmp);
        release(f);
        return -1;
    }
    return 0;
}

/* A device or a FIFO, written in place. No O_TRUNC: a FIFO or a terminal
 * ignores it, and the report goes where the node's driver puts it, as with
 * the shell's >. The node is checked again once open: a regular file put
 * there in between would be written over without being truncated. */
static int open_in_place(cli_atomic_file *f, char *msg, size_t msg_size)
{
    int fd = open(f->path, O_WRONLY | O_NOCTTY);
    struct stat st;
    const char *why = NULL;
    if (fd < 0 || fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        why = "it changed while being opened";
    else if ((f->fp = fdopen(fd, "w")) == NULL)
        why = strerror(errno);
    if (why == NULL)
        return 0;
    snprintf(msg, msg_size, "%s: cannot open: %s", f->path, why);
    if (fd >= 0)
        close(fd);
    release(f);
    return -1;
}

int cli_atomic_open(cli_atomic_file *f, const char *path, char *msg, size_t msg_size)
{
    memset(f, 0, sizeof *f);
    f->path = follow_links(path);
    if (f->path == NULL) {
        snprintf(msg, msg_size, "%s: %s", path,
                 errno == ELOOP ? "too many levels of symbolic links" : strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(f->path, &st) != 0)
        return open_temp(f, NULL, msg, msg_size); /* a new file (or its error) */
    /* a block device is a disk: a mistyped -o must not write over one */
    const char *refuse = S_ISDIR(st.st_mode)    ? "is a directory; -o takes a file name"
                         : S_ISSOCK(st.st_mode) ? "is a socket; -o writes to a file, a "
                                                  "character device or a FIFO"
                         : S_ISBLK(st.st_mode)  ? "is a block device (a disk); -o writes to a "
                                                  "file, a character device or a FIFO"
                                                : NULL;
    if (refuse) {
        snprintf(msg, msg_size, "%s: %s", f->path, refuse);
        release(f);
        return -1;
    }
    if (!S_ISREG(st.st_mode))
        return open_in_place(f, msg, msg_size);
    f->replaces = 1;
    f->dev = st.st_dev;
    f->ino = st.st_ino;
    return open_temp(f, &st, msg, msg_size);
}

int cli_atomic_replaces(const cli_atomic_file *f, const struct stat *st)
{
    return f->replaces && S_ISREG(st->st_mode) && st->st_dev == f->dev && st->st_ino == f->ino;
}

/* fsync of the directory makes the rename itself durable. */
static void sync_dir(const char *path)
{
    char *d = dir_of(path);
    if (d == NULL)
        return;
    int fd = open(d, O_RDONLY);
    if (fd >= 0) {
        fsync(fd); /* best effort: some file systems refuse it */
        close(fd);
    }
    free(d);
}

/* Flushes and closes f->fp, and for a temporary file fsyncs it first (a
 * FIFO or a device has nothing to sync, and fsync fails on a FIFO).
 * Returns 0, or the errno of the first failure. */
static int finish_writing(cli_atomic_file *f)
{
    int failed = fflush(f->fp) != 0 || ferror(f->fp);
    int err = errno;
    if (!failed && f->tmp && fsync(fileno(f->fp)) != 0)
        failed = 1, err = errno;
    if (fclose(f->fp) != 0 && !failed)
        failed = 1, err = errno;
    f->fp = NULL;
    return failed ? (err ? err : EIO) : 0;
}

int cli_atomic_commit(cli_atomic_file *f, char *msg, size_t msg_size)
{
    int err = finish_writing(f);
    if (!err && f->tmp && rename(f->tmp, f->path) != 0)
        err = errno;
    if (err) {
        snprintf(msg, msg_size, "%s: write error: %s%s", f->path, strerror(err),
                 f->tmp ? " (the file was left unchanged)" : "");
        if (f->tmp)
            unlink(f->tmp);
        release(f);
        return -1;
    }
    if (f->tmp)
        sync_dir(f->path);
    release(f);
    return 0;
}

void cli_atomic_abort(cli_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp)
        unlink(f->tmp);
    release(f);
}
