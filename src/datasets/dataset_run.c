/* dataset_run.c - a bench executable verifies the datasets its benchmarks declare before it
 * measures anything, and records every verified file in result.json. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "datasets/datasets.h"

/* The root and, for messages, where it came from. */
static const char *dataset_root(const bg__run *run, char *where, size_t size) {
    const bg__config *g = &run->settings.global;
    if (g->dataset_path[0] == '\0') {
        snprintf(where, size, "the built-in default");
        return bg__default_dataset_dir();
    }
    const bg__opt_info *o = bg__opt(BG__OPT_DATASET_PATH);
    switch (g->source[BG__OPT_DATASET_PATH]) {
    case BG__SRC_ENV:
        snprintf(where, size, "environment %s", o->env);
        break;
    case BG__SRC_FLAG:
        snprintf(where, size, "flag --%s", o->flag);
        break;
    default:
        snprintf(where, size, "%s key %s", bg__source_name(g->source[BG__OPT_DATASET_PATH]),
                 o->yaml_key);
    }
    return g->dataset_path;
}

static int declared_before(const bg__run *run, size_t upto, const char *name) {
    for (size_t i = 0; i < upto; i++) {
        const char *other = run->inst[i].def->dataset;
        if (other && strcmp(other, name) == 0)
            return 1;
    }
    return 0;
}

static bg_err record(bg__run *run, const bg_manifest_dataset *d, bg__error *err) {
    size_t n = run->dataset_count + d->file_count;
    bg__dataset_use *grown = realloc(run->datasets, n * sizeof *grown);
    BG_RETURN_IF(grown == NULL, err, BG_ENOMEM, "out of memory recording dataset %s", d->name);
    run->datasets = grown;
    for (size_t i = 0; i < d->file_count; i++) {
        bg__dataset_use *u = &grown[run->dataset_count++];
        snprintf(u->name, sizeof u->name, "%s", d->name);
        snprintf(u->sha256, sizeof u->sha256, "%s", d->files[i].sha256);
        snprintf(u->path, sizeof u->path, "%s", d->files[i].path);
        u->version = d->version;
    }
    return BG_OK;
}

static bg_err verify_one(bg__run *run, const bg_manifest *m, const bg__instance *in,
                         const char *root, bg__error *err) {
    const char *name = in->def->dataset;
    const bg_manifest_dataset *d = bg_manifest_find(m, name);
    BG_RETURN_IF(d == NULL, err, BG_EINPUT, "dataset '%s' (of benchmark %s) is not listed in %s",
                 name, in->def->name, bg_manifest_path(m));
    char msg[1024];
    bg_verify_stats st;
    if (bg_dataset_verify(m, d, root, 0, NULL, NULL, &st, msg, sizeof msg) != BG_OK)
        return bg__set_error(err, BG_EINPUT, "dataset '%s' v%ld under %s: %s; nothing was run",
                             name, d->version, root, msg);
    bg__log(run, "dataset %s v%ld: %zu file(s) verified (%zu from the cache)", name, d->version,
            st.files, st.cache_hits);
    return record(run, d, err);
}

static bg_err verify_all(bg__run *run, const char *root, bg__error *err) {
    char path[BG__PATH_MAX + 32], msg[1024];
    snprintf(path, sizeof path, "%s/%s", root, BG_MANIFEST_NAME);
    bg_manifest *m = NULL;
    if (bg_manifest_load(path, &m, msg, sizeof msg) != BG_OK)
        return bg__set_error(err, BG_EINPUT, "%s", msg);
    bg_err rc = BG_OK;
    for (size_t i = 0; i < run->inst_count && rc == BG_OK; i++) {
        const char *name = run->inst[i].def->dataset;
        if (name && name[0] && !declared_before(run, i, name))
            rc = verify_one(run, m, &run->inst[i], root, err);
    }
    bg_manifest_free(m);
    return rc;
}

bg_err bg__datasets_prepare(bg__run *run, bg__error *err) {
    size_t i = 0;
    while (i < run->inst_count && !(run->inst[i].def->dataset && run->inst[i].def->dataset[0]))
        i++;
    if (i == run->inst_count)
        return BG_OK; /* no selected benchmark reads a dataset */
    char where[96];
    const char *root = dataset_root(run, where, sizeof where);
    struct stat st;
    int found = stat(root, &st) == 0;
    const char *why = found ? "not a directory" : strerror(errno);
    BG_RETURN_IF(!found || !S_ISDIR(st.st_mode), err, BG_EINPUT, "dataset root '%s' (from %s): %s",
                 root, where, why);
    return verify_all(run, root, err);
}

cJSON *bg__datasets_json(const bg__run *run) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < run->dataset_count; i++) {
        const bg__dataset_use *u = &run->datasets[i];
        char version[24];
        snprintf(version, sizeof version, "%ld", u->version);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", u->name);
        cJSON_AddStringToObject(o, "version", version);
        cJSON_AddStringToObject(o, "sha256", u->sha256);
        cJSON_AddStringToObject(o, "path", u->path);
        cJSON_AddItemToArray(list, o);
    }
    return list;
}
