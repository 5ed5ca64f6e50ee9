/* runlock.c - one writer per run directory: an flock(2) on DIR/.lock that holds the owner's pid.
 * The kernel drops the lock when its holder exits, however it exits (kill -9 included). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/runlock.h"
#include "common/common.h"
#include "config/config.h"

struct bg_run_lock {
    int fd;
};

static int lock_file(const char *dir, char *out, size_t size) {
    int n = snprintf(out, size, "%s/.lock", dir);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The holder's pid. A holder that has just taken the lock may not have written it yet: wait up
 * to 200 ms for it. @return the pid, or 0 when none was written */
static long read_pid(int fd) {
    for (int tries = 0; tries < 20; tries++) {
        char buf[32] = "";
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        long pid = n > 0 ? strtol(buf, NULL, 10) : 0;
        if (pid > 0)
            return pid;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* Tries the lock every 50 ms until wait_s has passed. @return 0 held, -1 busy */
static int try_lock(int fd, double wait_s) {
    for (double waited = 0;; waited += 0.05) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return 0;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return -1;
        if (waited >= wait_s)
            return -1;
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

/* Overwrites the old pid in place, then cuts what is left of it: the file is never empty for a
 * reader in between. */
static void write_pid(int fd) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (pwrite(fd, buf, (size_t)n, 0) == n && ftruncate(fd, n) == 0)
        fsync(fd);
}

bg_err bg_run_lock_acquire(const char *dir, double wait_s, bg_run_lock **out, char *errbuf,
                           size_t errlen) {
    bg__error err = {BG_OK, ""};
    char path[BG__PATH_MAX + 16];
    *out = NULL;
    if (bg__check_run_dir(dir, &err) != BG_OK) /* the run folder is no link */
        return bg__errbuf(&err, err.code, errbuf, errlen);
    if (lock_file(dir, path, sizeof path) != 0)
        return bg__errbuf(&err, bg__set_error(&err, BG_EIO, "%s: path too long", dir), errbuf,
                          errlen);
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return bg__errbuf(&err,
                          bg__set_error(&err, BG_EIO, "%s: cannot open: %s", path, strerror(errno)),
                          errbuf, errlen);
    if (try_lock(fd, wait_s) != 0) {
        long pid = read_pid(fd);
        char holder[64] = "its pid not written";
        if (pid > 0)
            snprintf(holder, sizeof holder, "pid %ld", pid);
        close(fd);
        bg__set_error(&err, BG_EUSAGE,
                      "%s is in use by another run (%s holds %s); two runs cannot write "
                      "into one run directory: wait for it, pause it (benchgate pause %s) or "
                      "choose another --output-dir",
                      dir, holder, path, dir);
        return bg__errbuf(&err, BG_EUSAGE, errbuf, errlen);
    }
    write_pid(fd);
    *out = malloc(sizeof **out);
    if (*out == NULL) {
        close(fd);
        return bg__errbuf(&err, bg__set_error(&err, BG_ENOMEM, "out of memory"), errbuf, errlen);
    }
    (*out)->fd = fd;
    return BG_OK;
}

long bg_run_lock_owner(const char *dir) {
    char path[BG__PATH_MAX + 16];
    if (lock_file(dir, path, sizeof path) != 0)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    long pid = 0;
    if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
        pid = read_pid(fd);
        pid = pid > 0 ? pid : 1; /* held, by a pid not written */
    }
    close(fd); /* drops the shared lock taken by the probe */
    return pid;
}

void bg_run_lock_release(bg_run_lock *lock) {
    if (lock == NULL)
        return;
    close(lock->fd);
    free(lock);
}
