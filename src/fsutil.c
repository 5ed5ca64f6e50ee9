/* fsutil.c - creating directories and writing files atomically (temporary name, then rename). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

bg_err bg__mkdirs(const char *path, bg__error *err) {
    char buf[BG__PATH_MAX];
    BG_RETURN_IF(path[0] == '\0' || strlen(path) >= sizeof buf, err, BG_EIO,
                 "output directory '%s': empty or too long", path);
    strcpy(buf, path);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return bg__set_error(err, BG_EIO, "output directory '%s': cannot create '%s': %s", path,
                                 buf, strerror(errno));
        *p = saved;
        if (saved == '\0')
            break;
    }
    struct stat st;
    BG_RETURN_IF(stat(path, &st) != 0 || !S_ISDIR(st.st_mode), err, BG_EIO,
                 "output directory '%s': exists and is not a directory", path);
    BG_RETURN_IF(access(path, W_OK) != 0, err, BG_EIO, "output directory '%s': not writable", path);
    return BG_OK;
}

int bg__write_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

bg_err bg__write_atomic(const char *path, const char *data, size_t len, bg__error *err) {
    char tmp[BG__PATH_MAX + 64];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    BG_RETURN_IF(n < 0 || (size_t)n >= sizeof tmp, err, BG_EIO, "%s: path too long", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot create: %s", tmp, strerror(errno));
    int bad = bg__write_all(fd, data, len) != 0 || fsync(fd) != 0;
    int saved = errno;
    bad |= close(fd) != 0;
    if (bad || rename(tmp, path) != 0) {
        saved = bad ? saved : errno;
        unlink(tmp);
        return bg__set_error(err, BG_EIO, "%s: cannot write: %s", path, strerror(saved));
    }
    return BG_OK;
}
