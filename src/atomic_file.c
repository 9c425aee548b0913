/* atomic_file.c - write to a temporary file, rename on success (see
 * atomic_file.h). */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void release(ndr_atomic_file *f)
{
    free(f->path);
    free(f->tmp);
    f->path = f->tmp = NULL;
    f->fp = NULL;
}

int ndr_atomic_open(ndr_atomic_file *f, const char *path, char *msg, size_t msg_size)
{
    memset(f, 0, sizeof *f);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t dlen = (size_t)(base - path);
    f->path = strdup(path);
    f->tmp = malloc(strlen(path) + 16);
    if (f->path == NULL || f->tmp == NULL) {
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
    if (fchmod(fd, 0666 & ~mask) != 0 || (f->fp = fdopen(fd, "w")) == NULL) {
        snprintf(msg, msg_size, "%s: %s", f->tmp, strerror(errno));
        close(fd);
        unlink(f->tmp);
        release(f);
        return -1;
    }
    return 0;
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

int ndr_atomic_commit(ndr_atomic_file *f, char *msg, size_t msg_size)
{
    int failed = fflush(f->fp) != 0 || ferror(f->fp);
    int err = errno;
    if (!failed && fsync(fileno(f->fp)) != 0)
        failed = 1, err = errno;
    if (fclose(f->fp) != 0 && !failed)
        failed = 1, err = errno;
    f->fp = NULL;
    if (!failed && rename(f->tmp, f->path) != 0)
        failed = 1, err = errno;
    if (failed) {
        snprintf(msg, msg_size, "%s: write error: %s (the file was left unchanged)", f->path,
                 strerror(err));
        unlink(f->tmp);
        release(f);
        return -1;
    }
    sync_dir(f->path);
    release(f);
    return 0;
}

void ndr_atomic_abort(ndr_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp)
        unlink(f->tmp);
    release(f);
}
