/* baseline_set.c - a machine class's baseline folder replaced as a whole, one capture at a time.
 *
 * `benchgate baseline` holds a lock on the baseline folder (flock on the folder itself: no file
 * is left behind), writes the new set into DIR/.CLASS.new.PID (the files it keeps copied, the
 * new ones written), then swaps that folder with DIR/CLASS in one rename (RENAME_EXCHANGE
 * where the kernel has it). A gate reads either the old set or the new one, never a mix; a
 * killed capture leaves only a hidden staging folder, removed by the next capture. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline_set.h"
#include "cli.h"

int baseline_set_lock(const char *dir) {
    char path[CLI_PATH_MAX + 8];
    snprintf(path, sizeof path, "%s", dir);
    for (char *p = path + 1; *p; p++) /* mkdir -p */
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        cli_usage_error("baseline: cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        cli_usage_error("baseline: cannot open %s: %s", dir, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "benchgate: baseline: %s is being captured by another process; waiting\n",
                dir);
        if (flock(fd, LOCK_EX) != 0) {
            close(fd);
            cli_usage_error("baseline: cannot lock %s: %s", dir, strerror(errno));
            return -1;
        }
    }
    return fd;
}

void baseline_set_unlock(int fd) {
    if (fd >= 0)
        close(fd); /* releases the flock */
}

/* Removes a folder of plain files (a staging or an old set); nothing below is followed. */
static void remove_flat(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    char path[CLI_PATH_MAX * 2];
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

void baseline_set_clean_stale(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    char path[CLI_PATH_MAX * 2];
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' && strstr(e->d_name, ".new.") != NULL) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            remove_flat(path); /* a killed capture's staging: we hold the lock */
        }
    }
    closedir(d);
}

static int copy_file(const char *from, const char *to) {
    int in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    char buf[65536];
    ssize_t n = 0;
    while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            n = -1;
    int bad = in < 0 || out < 0 || n < 0 || fsync(out) != 0;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        bad = 1;
    return bad ? -1 : 0;
}

int baseline_set_stage(const char *dir, const char *cls, char *staging, size_t size) {
    snprintf(staging, size, "%s/.%s.new.%ld", dir, cls, (long)getpid());
    remove_flat(staging);
    if (mkdir(staging, 0777) != 0)
        return cli_usage_error("baseline: cannot create %s: %s", staging, strerror(errno));
    char current[CLI_PATH_MAX * 2], from[CLI_PATH_MAX * 3], to[CLI_PATH_MAX * 3];
    snprintf(current, sizeof current, "%s/%s", dir, cls);
    DIR *d = opendir(current);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        snprintf(from, sizeof from, "%s/%s", current, e->d_name);
        snprintf(to, sizeof to, "%s/%s", staging, e->d_name);
        if (copy_file(from, to) != 0) {
            closedir(d);
            remove_flat(staging);
            return cli_usage_error("baseline: cannot copy %s: %s", from, strerror(errno));
        }
    }
    if (d)
        closedir(d);
    return 0;
}

int baseline_set_swap(const char *dir, const char *cls, const char *staging) {
    char current[CLI_PATH_MAX * 2];
    snprintf(current, sizeof current, "%s/%s", dir, cls);
    struct stat st;
    int exists = lstat(current, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode)) {
        remove_flat(staging);
        return cli_usage_error("baseline: %s is not a folder; nothing was replaced", current);
    }
    int rc;
#ifdef RENAME_EXCHANGE
    rc = exists ? renameat2(AT_FDCWD, staging, AT_FDCWD, current, RENAME_EXCHANGE)
                : rename(staging, current);
    if (rc != 0 && exists && (errno == EINVAL || errno == ENOSYS)) /* no exchange here */
#endif
    {
        char old[CLI_PATH_MAX * 2 + 32];
        snprintf(old, sizeof old, "%s/.%s.old.new.%ld", dir, cls, (long)getpid());
        rc = exists ? rename(current, old) : 0;
        if (rc == 0)
            rc = rename(staging, current);
        if (rc == 0 && exists)
            rename(old, staging); /* removed below, like the exchanged folder */
    }
    if (rc != 0) {
        int saved = errno;
        remove_flat(staging);
        return cli_usage_error("baseline: cannot put the new set in place at %s: %s", current,
                               strerror(saved));
    }
    remove_flat(staging); /* the old set, now under the staging name */
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
        fsync(fd), close(fd);
    return 0;
}

void baseline_set_discard(const char *staging) {
    remove_flat(staging);
}
