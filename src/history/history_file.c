/* history_file.c - where the run history's file is, and creating it safely: no symbolic link
 * is followed (a link another user planted in a shared folder would have this run write into
 * the file it points to), and a new database in a folder that others may write is this user's
 * alone (0600). See docs/hardening.md. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"
#include "common/common.h"

/* The files SQLite keeps beside the database: each is refused as a link like the database. */
static const char *const side_files[] = {"", "-wal", "-shm", "-journal"};

/* The folder of path resolved (its links are the folders' owners' choice, not a planted file),
 * then the last name as given: SQLite's NOFOLLOW refuses a link anywhere in the path. */
static bg_err resolve_folder(const char *path, char *out, size_t size, bg__error *err) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[BG__PATH_MAX], real[PATH_MAX];
    BG_RETURN_IF(base[0] == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0, err,
                 BG_EINPUT, "%s: the run history must name a file", path);
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        return bg__set_error(err, BG_EINPUT, "%s: path too long", path);
    BG_RETURN_IF(realpath(dir, real) == NULL, err, BG_EINPUT, "%s: cannot open the history: %s",
                 path, strerror(errno));
    int n = snprintf(out, size, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
    BG_RETURN_IF(n < 0 || (size_t)n >= size, err, BG_EINPUT, "%s: path too long", path);
    return BG_OK;
}

/* Refuses the database, or a file SQLite keeps beside it, that is a symbolic link or not a
 * regular file. @return BG_OK; *exists says whether the database is there */
static bg_err check_files(const char *path, const char *shown, int *exists, bg__error *err) {
    *exists = 0;
    for (size_t i = 0; i < sizeof side_files / sizeof side_files[0]; i++) {
        char name[BG__PATH_MAX + 16];
        struct stat st;
        snprintf(name, sizeof name, "%s%s", path, side_files[i]);
        if (lstat(name, &st) != 0) {
            BG_RETURN_IF(errno != ENOENT, err, BG_EINPUT, "%s%s: cannot check: %s", shown,
                         side_files[i], strerror(errno));
            continue;
        }
        BG_RETURN_IF(S_ISLNK(st.st_mode), err, BG_EINPUT,
                     "%s%s: the run history is a symbolic link: refused, not followed (give "
                     "the file it points to, or remove the link)",
                     shown, side_files[i]);
        BG_RETURN_IF(!S_ISREG(st.st_mode), err, BG_EINPUT,
                     "%s%s: the run history is not a regular file", shown, side_files[i]);
        if (i == 0)
            *exists = 1;
    }
    return BG_OK;
}

/* A new database: 0644 less the umask (0600 under --private's umask 077), but 0600 whatever
 * the umask when others may write in its folder. Created exclusively, without following a
 * link; one made by a concurrent first use of the history is taken as it is. */
static bg_err create_file(const char *path, const char *shown, bg__error *err) {
    char dir[BG__PATH_MAX];
    struct stat st;
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    mode_t mode = 0644;
    if (stat(dir, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)))
        mode = 0600;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno == EEXIST)
        return BG_OK; /* checked again by the caller, then opened with NOFOLLOW */
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot create the history: %s", shown, strerror(errno));
    close(fd);
    return BG_OK;
}

bg_err bg__history_file(const char *path, int create, char *out, size_t size, bg__error *err) {
    int exists = 0;
    if (resolve_folder(path, out, size, err) != BG_OK ||
        check_files(out, path, &exists, err) != BG_OK)
        return err->code;
    if (!exists && create) {
        if (create_file(out, path, err) != BG_OK)
            return err->code;
        return check_files(out, path, &exists, err);
    }
    return BG_OK;
}
