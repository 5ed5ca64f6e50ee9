/* dataset_path.c - dataset paths that never leave their root ("..", absolute, symlinks out). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "datasets/datasets.h"

#ifndef BG_DEFAULT_DATASET_DIR
#define BG_DEFAULT_DATASET_DIR "datasets"
#endif

const char *bg__default_dataset_dir(void) {
    return BG_DEFAULT_DATASET_DIR;
}

const char *bg_dataset_default_root(void) {
    const char *env = getenv("BENCH_DATASET_PATH");
    return env && env[0] ? env : BG_DEFAULT_DATASET_DIR;
}

static const char *component_problem(const char *p, size_t n) {
    if (n == 0)
        return "has an empty component ('//' or a trailing '/')";
    if (n == 1 && p[0] == '.')
        return "has a '.' component";
    if (n == 2 && p[0] == '.' && p[1] == '.')
        return "has a '..' component: it would leave the dataset root";
    return NULL;
}

const char *bg__relpath_problem(const char *rel) {
    if (rel == NULL || rel[0] == '\0')
        return "is empty";
    if (rel[0] == '/')
        return "is absolute: paths are relative to the dataset root";
    if (strlen(rel) > 1024)
        return "is longer than 1024 bytes";
    for (const unsigned char *c = (const unsigned char *)rel; *c; c++)
        if (*c < 0x20 || *c == 0x7f || *c == '\\')
            return "holds a control character or a backslash";
    for (const char *p = rel;;) {
        size_t n = strcspn(p, "/");
        const char *why = component_problem(p, n);
        if (why)
            return why;
        if (p[n] == '\0')
            return NULL;
        p += n + 1;
    }
}

static int is_inside(const char *real, const char *root_real) {
    size_t n = strlen(root_real);
    if (n == 1 && root_real[0] == '/')
        return 1;
    return strncmp(real, root_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* realpath() of path, or of its nearest existing parent when path does not exist. */
static char *real_of_existing(char *path, size_t root_len, int *dangling) {
    struct stat st;
    *dangling = 0;
    while (lstat(path, &st) != 0) {
        char *slash = strrchr(path, '/');
        if (errno != ENOENT || slash == NULL || (size_t)(slash - path) < root_len)
            return NULL;
        *slash = '\0';
    }
    char *real = realpath(path, NULL);
    *dangling = real == NULL && S_ISLNK(st.st_mode);
    return real;
}

static bg_err check_inside(const char *joined, size_t root_len, const char *root_real,
                           bg__error *err) {
    char probe[BG__PATH_MAX];
    snprintf(probe, sizeof probe, "%s", joined);
    int dangling = 0;
    char *real = real_of_existing(probe, root_len, &dangling);
    if (real == NULL)
        return bg__set_error(err, BG_EINPUT, "%s",
                             dangling ? "is a symlink that points to nothing"
                                      : "cannot be resolved (a parent is unreadable)");
    int inside = is_inside(real, root_real);
    if (!inside)
        bg__set_error(err, BG_EINPUT, "resolves outside the dataset root (to '%s')", real);
    free(real);
    return inside ? BG_OK : err->code;
}

bg_err bg__dataset_resolve(const char *root, const char *rel, char *out, size_t size,
                           bg__error *err) {
    const char *why = bg__relpath_problem(rel);
    BG_RETURN_IF(why != NULL, err, BG_EINPUT, "%s", why);
    char *root_real = realpath(root, NULL);
    BG_RETURN_IF(root_real == NULL, err, BG_EIO, "dataset root '%s': %s", root, strerror(errno));
    struct stat st;
    bg_err rc = BG_OK;
    int n = snprintf(out, size, "%s/%s", root, rel);
    if (stat(root_real, &st) != 0 || !S_ISDIR(st.st_mode))
        rc = bg__set_error(err, BG_EIO, "dataset root '%s': not a directory", root);
    else if (n < 0 || (size_t)n >= size || (size_t)n >= BG__PATH_MAX)
        rc = bg__set_error(err, BG_EINPUT, "is too long under the root '%s'", root);
    else
        rc = check_inside(out, strlen(root), root_real, err);
    free(root_real);
    return rc;
}

bg_err bg_dataset_resolve(const char *root, const char *relpath, char *out, size_t size,
                          char *errbuf, size_t errlen) {
    bg__error err = {0};
    bg_err rc = bg__dataset_resolve(root, relpath, out, size, &err);
    if (rc == BG_EINPUT) {
        char why[sizeof err.msg];
        snprintf(why, sizeof why, "%s", err.msg);
        bg__set_error(&err, rc, "dataset path '%s' %s", relpath, why);
    }
    return bg__errbuf(&err, err.code, errbuf, errlen);
}

/* 1 when relpath is a file of the benchmark's declared dataset that the run verified. */
static int verified_file(const bg_state *s, const char *relpath) {
    const char *declared = s->inst->def->dataset;
    for (size_t i = 0; declared && i < s->run->dataset_count; i++) {
        const bg__dataset_use *u = &s->run->datasets[i];
        if (strcmp(u->name, declared) == 0 && strcmp(u->path, relpath) == 0)
            return 1;
    }
    return 0;
}

const char *bg_dataset_file(bg_state *s, const char *relpath) {
    const char *root = s->inst->cfg->dataset_path;
    if (root[0] == '\0')
        root = BG_DEFAULT_DATASET_DIR;
    bg__error err = {0};
    bg_err rc = bg__dataset_resolve(root, relpath, s->path_buf, sizeof s->path_buf, &err);
    if (rc == BG_EINPUT)
        bg__end_instance(s, BG__STATUS_ERROR, "dataset path '%s' %s", relpath, err.msg);
    if (rc != BG_OK)
        bg__end_instance(s, BG__STATUS_ERROR, "%s", err.msg);
    if (!verified_file(s, relpath)) /* only what datasets.yaml lists, checked before the run */
        bg__end_instance(s, BG__STATUS_ERROR,
                         "dataset path '%s' is not a file of this benchmark's dataset '%s' "
                         "listed in datasets.yaml (only verified files can be read)",
                         relpath,
                         s->inst->def->dataset ? s->inst->def->dataset : "(none declared)");
    return s->path_buf;
}
