/* dataset_path.c - resolves a benchmark's dataset file under the dataset root. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#ifndef BG_DEFAULT_DATASET_DIR
#define BG_DEFAULT_DATASET_DIR "datasets"
#endif

/* A relative path with no empty, "." or ".." component stays under its root. */
static int path_is_contained(const char *rel) {
    if (rel[0] == '\0' || rel[0] == '/')
        return 0;
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        p += n;
        if (*p == '/')
            p++;
    }
    return 1;
}

const char *bg_dataset_file(bg_state *s, const char *relpath) {
    const char *root = s->inst->cfg->dataset_path;
    if (root[0] == '\0')
        root = BG_DEFAULT_DATASET_DIR;
    if (!path_is_contained(relpath))
        bg__end_instance(s, BG__STATUS_ERROR,
                         "dataset path '%s' leaves the dataset root (absolute, empty or '..')",
                         relpath);
    int n = snprintf(s->path_buf, sizeof s->path_buf, "%s/%s", root, relpath);
    if (n < 0 || (size_t)n >= sizeof s->path_buf)
        bg__end_instance(s, BG__STATUS_ERROR, "dataset path '%s/%s' is too long", root, relpath);
    return s->path_buf;
}
