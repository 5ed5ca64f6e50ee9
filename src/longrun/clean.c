/* clean.c - removing old intermediate results (benchgate clean). The walk works on directory
 * file descriptors (openat with O_NOFOLLOW, fstatat with AT_SYMLINK_NOFOLLOW, unlinkat), so a
 * symbolic link is removed as a link and never followed out of the folder. Baseline folders
 * (ci/baselines), dataset folders (datasets), read-only files and folders, and run directories
 * in use are protected. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/clean.h"
#include "benchgate/runlock.h"
#include "common/common.h"

bg_err bg_parse_age(const char *text, double *seconds, char *errbuf, size_t errlen) {
    static const char units[] = "smhdw";
    static const double scale[] = {1, 60, 3600, 86400, 604800};
    bg__error err = {BG_OK, ""};
    size_t digits = text ? strspn(text, "0123456789") : 0;
    const char *unit = digits ? strchr(units, text[digits]) : NULL;
    double v = digits && digits <= 9 ? strtod(text, NULL) : 0;
    if (unit == NULL || text[digits] == '\0' || text[digits + 1] != '\0' || v <= 0)
        return bg__errbuf(&err,
                          bg__set_error(&err, BG_EUSAGE,
                                        "'%s' is not an age (write a whole number and a "
                                        "unit: 30d, 12h, 90m, 45s or 2w)",
                                        text ? text : ""),
                          errbuf, errlen);
    *seconds = v * scale[unit - units];
    return BG_OK;
}

typedef struct cleaner {
    double cutoff; /**< entries last modified before this (epoch seconds) go */
    int dry;
    bg_clean_report report;
    void *ctx;
    bg_clean_totals *totals;
    bg__error err;
} cleaner;

static const char *protected_folder(const char *parent, const char *name) {
    if (strcmp(name, "datasets") == 0)
        return "dataset folder";
    if (strcmp(name, "baselines") == 0 && parent && strcmp(parent, "ci") == 0)
        return "baseline folder";
    return NULL;
}

static void tell(cleaner *c, bg_clean_action action, const char *path, const char *reason) {
    if (action == BG_CLEAN_KEPT)
        c->totals->kept++;
    if (c->report)
        c->report(c->ctx, action, path, reason);
}

static void failed(cleaner *c, const char *path, const char *what) {
    bg__set_error(&c->err, BG_EIO, "%s: cannot %s: %s", path, what, strerror(errno));
    fprintf(stderr, "benchgate: error: %s\n", c->err.msg);
}

static int walk(cleaner *c, int dirfd, const char *path, const char *name);

/* One folder inside: @return 1 when it is gone (or would be, in a dry run) */
static int clean_dir(cleaner *c, int dirfd, const char *name, const char *path,
                     const struct stat *st, const char *parent) {
    const char *why = protected_folder(parent, name);
    if (why == NULL && (st->st_mode & 0222) == 0)
        why = "read-only folder";
    if (why == NULL && bg_run_lock_owner(path) > 0)
        why = "a run is writing into it";
    if (why) {
        tell(c, BG_CLEAN_KEPT, path, why);
        return 0;
    }
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        failed(c, path, "open");
        return 0;
    }
    int empty = walk(c, fd, path, name);
    close(fd);
    if (!empty || st->st_mtime >= c->cutoff)
        return 0;
    if (!c->dry && unlinkat(dirfd, name, AT_REMOVEDIR) != 0) {
        failed(c, path, "remove");
        return 0;
    }
    c->totals->dirs++;
    tell(c, BG_CLEAN_REMOVED, path, NULL);
    return 1;
}

/* One file or symbolic link (never followed): @return 1 when it is gone */
static int clean_file(cleaner *c, int dirfd, const char *name, const char *path,
                      const struct stat *st) {
    if (st->st_mtime >= c->cutoff)
        return 0;
    if (S_ISREG(st->st_mode) && (st->st_mode & 0222) == 0) {
        tell(c, BG_CLEAN_KEPT, path, "read-only file");
        return 0;
    }
    if (!c->dry && unlinkat(dirfd, name, 0) != 0) {
        failed(c, path, "remove");
        return 0;
    }
    c->totals->files++;
    c->totals->bytes += S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0;
    tell(c, BG_CLEAN_REMOVED, path, NULL);
    return 1;
}

/* Cleans the folder open at dirfd; @return 1 when nothing is left in it */
static int walk(cleaner *c, int dirfd, const char *path, const char *name) {
    int fd = dup(dirfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (d == NULL) {
        failed(c, path, "read");
        if (fd >= 0)
            close(fd);
        return 0;
    }
    int left = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char child[PATH_MAX];
        struct stat st;
        if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child ||
            fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            left++;
            continue;
        }
        int gone = S_ISDIR(st.st_mode) ? clean_dir(c, dirfd, e->d_name, child, &st, name)
                                       : clean_file(c, dirfd, e->d_name, child, &st);
        left += !gone;
    }
    closedir(d);
    return left == 0;
}

/* Each folder of the path as written (a/b/c: a, a/b, a/b/c) is not a symbolic link: a link
 * anywhere in it, planted or not, would take the removal somewhere else. */
static bg_err check_no_link(const char *dir, bg__error *err) {
    char prefix[PATH_MAX];
    size_t len = strlen(dir);
    BG_RETURN_IF(len >= sizeof prefix, err, BG_EUSAGE, "%s: path too long", dir);
    for (size_t i = 1; i <= len; i++) {
        if (i < len && dir[i] != '/')
            continue;
        memcpy(prefix, dir, i);
        prefix[i] = '\0';
        struct stat st;
        BG_RETURN_IF(lstat(prefix, &st) != 0, err, BG_EUSAGE, "%s: %s", prefix, strerror(errno));
        BG_RETURN_IF(S_ISLNK(st.st_mode), err, BG_EUSAGE,
                     "%s: %s is a symbolic link; give the real folder (clean never follows "
                     "links)",
                     dir, prefix);
    }
    return BG_OK;
}

/* The folder itself: a real directory, no link on the way, not in a baseline or dataset folder. */
static bg_err check_root(const char *dir, bg__error *err) {
    struct stat st;
    char real[PATH_MAX];
    BG_RETURN_IF(lstat(dir, &st) != 0, err, BG_EUSAGE, "%s: %s", dir, strerror(errno));
    bg_err linked = check_no_link(dir, err);
    if (linked != BG_OK)
        return linked;
    BG_RETURN_IF(!S_ISDIR(st.st_mode), err, BG_EUSAGE, "%s is not a folder", dir);
    BG_RETURN_IF(realpath(dir, real) == NULL, err, BG_EUSAGE, "%s: %s", dir, strerror(errno));
    const char *prev = NULL;
    for (char *save = NULL, *part = strtok_r(real, "/", &save); part;
         prev = part, part = strtok_r(NULL, "/", &save))
        BG_RETURN_IF(protected_folder(prev, part) != NULL, err, BG_EUSAGE,
                     "%s lies in a %s; benchgate clean never removes baselines or datasets", dir,
                     protected_folder(prev, part));
    return BG_OK;
}

bg_err bg_clean(const char *dir, double max_age_s, int dry_run, bg_clean_report report, void *ctx,
                bg_clean_totals *totals, char *errbuf, size_t errlen) {
    bg_clean_totals scratch;
    cleaner c = {(double)time(NULL) - max_age_s, dry_run,    report, ctx,
                 totals ? totals : &scratch,     {BG_OK, ""}};
    memset(c.totals, 0, sizeof *c.totals);
    if (dir == NULL || !(max_age_s > 0))
        return bg__errbuf(&c.err, bg__set_error(&c.err, BG_EUSAGE, "no folder or age"), errbuf,
                          errlen);
    if (check_root(dir, &c.err) != BG_OK)
        return bg__errbuf(&c.err, c.err.code, errbuf, errlen);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return bg__errbuf(&c.err, bg__set_error(&c.err, BG_EIO, "%s: %s", dir, strerror(errno)),
                          errbuf, errlen);
    const char *slash = strrchr(dir, '/');
    walk(&c, fd, dir, slash && slash[1] ? slash + 1 : dir);
    close(fd);
    return bg__errbuf(&c.err, c.err.code, errbuf, errlen);
}
