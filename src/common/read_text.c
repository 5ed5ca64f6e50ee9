/* read_text.c - reading a text file: regular files only, bounded, no NUL bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"

/* Reads an open regular file of st_size bytes (it may still grow, up to the limit). */
static char *read_all(int fd, const char *path, off_t size, bg__error *err) {
    size_t cap = (size_t)size + 1, len = 0;
    char *buf = malloc(cap + 1);
    for (ssize_t n = 1; buf && n > 0;) {
        if (len == cap) {
            char *grown = cap < BG__READ_MAX ? realloc(buf, 2 * cap + 1) : NULL;
            if (grown == NULL)
                break;
            buf = grown, cap *= 2;
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            n = 1;
        else if (n < 0) {
            free(buf);
            bg__set_error(err, BG_EINPUT, "%s: cannot read: %s", path, strerror(errno));
            return NULL;
        } else
            len += (size_t)n;
    }
    if (buf == NULL || len == cap) {
        free(buf);
        bg__set_error(err, BG_EINPUT, "%s: larger than %d MiB (not a benchgate file?)", path,
                      BG__READ_MAX >> 20);
        return NULL;
    }
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        bg__set_error(err, BG_EINPUT, "%s: holds a NUL byte at byte %zu (binary data, not text)",
                      path, (size_t)(nul - buf));
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

char *bg__read_text(const char *path, bg__error *err) {
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        bg__set_error(err, BG_EINPUT, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        bg__set_error(err, BG_EINPUT, "%s: not a regular file (a folder, FIFO or device)", path);
        return NULL;
    }
    if (st.st_size > BG__READ_MAX) {
        close(fd);
        bg__set_error(err, BG_EINPUT, "%s: larger than %d MiB (not a benchgate file?)", path,
                      BG__READ_MAX >> 20);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    char *text = read_all(fd, path, st.st_size, err);
    close(fd);
    return text;
}
