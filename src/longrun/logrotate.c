/* logrotate.c - appending to a log that rotates at a size limit (path.1 ... path.N), safe for
 * several writer processes: rotation and append happen under one flock(2). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/log.h"
#include "common/common.h"
#include "config/config.h"
#include "longrun/longrun.h"

/* DIR/.NAME.lock for DIR/NAME: a separate file, so that rotation never moves the lock. */
static int lock_path(const char *path, char *out, size_t size) {
    const char *slash = strrchr(path, '/');
    int n = slash ? snprintf(out, size, "%.*s/.%s.lock", (int)(slash - path), path, slash + 1)
                  : snprintf(out, size, ".%s.lock", path);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int numbered(char *out, size_t size, const char *path, int n) {
    int len = snprintf(out, size, "%s.%d", path, n);
    return len < 0 || (size_t)len >= size ? -1 : 0;
}

/* path.N-1 -> path.N, ..., path -> path.1; with no backups the log starts over. */
static int rotate(const char *path, int backups) {
    char from[BG__PATH_MAX + 16], to[BG__PATH_MAX + 16];
    if (backups <= 0)
        return unlink(path) != 0 && errno != ENOENT ? -1 : 0;
    for (int i = backups - 1; i >= 1; i--) {
        if (numbered(from, sizeof from, path, i) || numbered(to, sizeof to, path, i + 1))
            return -1;
        if (rename(from, to) != 0 && errno != ENOENT)
            return -1;
    }
    if (numbered(to, sizeof to, path, 1))
        return -1;
    return rename(path, to) != 0 && errno != ENOENT ? -1 : 0;
}

static int append(const char *path, const char *text, size_t len) {
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int bad = 0;
    while (len > 0 && !bad) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        bad = n <= 0;
        if (!bad)
            text += n, len -= (size_t)n;
    }
    int saved = errno;
    bad |= close(fd) != 0;
    errno = bad ? saved : 0;
    return bad ? -1 : 0;
}

static int locked_append(const char *path, const char *text, size_t len, uint64_t max_bytes,
                         int backups) {
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size + len > max_bytes &&
        rotate(path, backups) != 0)
        return -1;
    return append(path, text, len);
}

bg_err bg__log_append(const char *path, const char *text, size_t len, uint64_t max_bytes,
                      int backups, bg__error *err) {
    char lock[BG__PATH_MAX + 32];
    BG_RETURN_IF(lock_path(path, lock, sizeof lock) != 0, err, BG_EIO, "%s: path too long", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot open: %s", lock, strerror(errno));
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
    int rc = locked_append(path, text, len, max_bytes, backups);
    int saved = errno;
    close(fd); /* releases the lock */
    BG_RETURN_IF(rc != 0, err, BG_EIO, "%s: cannot write the log: %s", path, strerror(saved));
    return BG_OK;
}

bg_err bg_log_append(const char *path, const char *text, uint64_t max_bytes, int backups,
                     char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg_err rc = path && text && path[0]
                    ? bg__log_append(path, text, strlen(text), max_bytes, backups, &err)
                    : bg__set_error(&err, BG_EUSAGE, "bg_log_append: no path or text");
    return bg__errbuf(&err, rc, errbuf, errlen);
}
