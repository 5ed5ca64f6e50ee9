/* fsutil.c - creating directories and writing files atomically and safely: an exclusive
 * temporary with an unpredictable name beside the target, fsync, rename, fsync of the folder;
 * a target that is a symlink, FIFO or device is refused. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"

bg_err bg__mkdirs(const char *path, bg__error *err) {
    BG__ASSERT(path != NULL);
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

/* 1 when the path component buf (a link) was planted by another user where others may write. */
static int foreign_link_in_open_folder(char *buf) {
    struct stat link, parent;
    if (lstat(buf, &link) != 0 || !S_ISLNK(link.st_mode) || link.st_uid == geteuid())
        return 0;
    char *slash = strrchr(buf, '/');
    int ok;
    if (slash == NULL || slash == buf) {
        ok = stat(slash ? "/" : ".", &parent) == 0;
    } else {
        *slash = '\0';
        ok = stat(buf, &parent) == 0;
        *slash = '/';
    }
    return ok && (parent.st_mode & (S_IWGRP | S_IWOTH)) != 0;
}

bg_err bg__check_run_dir(const char *path, bg__error *err) {
    BG__ASSERT(path != NULL);
    char buf[BG__PATH_MAX];
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--; /* "run/" is the folder run */
    BG_RETURN_IF(len == 0 || len >= sizeof buf, err, BG_EUSAGE,
                 "output directory '%s': empty or too long", path);
    memcpy(buf, path, len);
    buf[len] = '\0';
    struct stat st;
    BG_RETURN_IF(lstat(buf, &st) == 0 && S_ISLNK(st.st_mode), err, BG_EUSAGE,
                 "output directory '%s': is a symbolic link; a run folder is never written "
                 "through one (name the folder it points to, or another one)",
                 path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int planted = foreign_link_in_open_folder(buf);
        char shown[BG__PATH_MAX];
        snprintf(shown, sizeof shown, "%s", buf);
        *p = '/';
        BG_RETURN_IF(planted, err, BG_EUSAGE,
                     "output directory '%s': '%s' is a symbolic link of another user in a folder "
                     "others may write; not followed",
                     path, shown);
    }
    int fd = open(buf, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    BG_RETURN_IF(fd < 0, err, BG_EUSAGE, "output directory '%s': cannot open: %s", path,
                 strerror(errno));
    close(fd);
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

/* A target that exists must be a regular file: a symlink, FIFO or device is never replaced or
 * written through (a planted link in a shared folder cannot redirect the write). */
static bg_err check_target(const char *path, bg__error *err) {
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT
                   ? BG_OK
                   : bg__set_error(err, BG_EIO, "%s: cannot check: %s", path, strerror(errno));
    BG_RETURN_IF(S_ISLNK(st.st_mode), err, BG_EIO,
                 "%s: is a symbolic link; not replaced (remove it, or write elsewhere)", path);
    BG_RETURN_IF(!S_ISREG(st.st_mode), err, BG_EIO,
                 "%s: exists and is not a regular file (a folder, FIFO or device); not replaced",
                 path);
    return BG_OK;
}

/* A new temporary beside path, created exclusively (never an existing file or link), with a
 * name nobody can predict. @return the descriptor, or -1 (errno set). */
static int create_temporary(const char *path, char *tmp, size_t size) {
    static unsigned counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned r = (unsigned)getpid() * 2654435761u ^ (unsigned)(uint64_t)bg__now_ns() ^
                     (++counter * 40503u);
        int n = snprintf(tmp, size, "%s.tmp.%ld.%08x", path, (long)getpid(), r);
        if (n < 0 || (size_t)n >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* Makes the rename durable: fsync of the folder that holds path. */
static void sync_folder(const char *path) {
    char dir[BG__PATH_MAX];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    int fd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* The atomic writer; durable: fsync of the file and its folder (else the rename alone). */
static bg_err write_replacing(const char *path, const char *data, size_t len, int durable,
                              bg__error *err) {
    BG__ASSERT(path != NULL && (data != NULL || len == 0));
    char tmp[BG__PATH_MAX + 64];
    BG_FORWARD_IF_ERROR(check_target(path, err));
    int fd = create_temporary(path, tmp, sizeof tmp);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot create a temporary beside it: %s", path,
                 strerror(errno));
    int bad = bg__write_all(fd, data, len) != 0 || (durable && fsync(fd) != 0);
    int saved = errno;
    bad |= close(fd) != 0;
    if (!bad && check_target(path, err) != BG_OK) { /* replaced by a link meanwhile */
        unlink(tmp);
        return err->code;
    }
    if (bad || rename(tmp, path) != 0) {
        saved = bad ? saved : errno;
        unlink(tmp);
        return bg__set_error(err, BG_EIO, "%s: cannot write: %s", path, strerror(saved));
    }
    if (durable)
        sync_folder(path);
    return BG_OK;
}

bg_err bg__write_atomic(const char *path, const char *data, size_t len, bg__error *err) {
    return write_replacing(path, data, len, 1, err);
}

bg_err bg__write_replace(const char *path, const char *data, size_t len, bg__error *err) {
    return write_replacing(path, data, len, 0, err);
}
