/* cache.c - results of instances whose inputs did not change, reused with --reuse. The key is
 * the SHA-256 of the bench executable, the instance name and parameters, the checksums of its
 * dataset files, the machine class and the settings that change a measurement. An entry
 * (CACHE_DIR/ab/abcd....json) holds the instance's state: samples, metrics and figures. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "results/results.h"
#include "longrun/longrun.h"

#define CACHE_SCHEMA "benchgate.cache/1"

/* The executable's SHA-256, once per run; "-" when it cannot be read (no caching then). */
const char *bg__binary_sha(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr->bin_sha[0] == '\0') {
        bg__error err = {BG_OK, ""};
        if (bg__sha256_file("/proc/self/exe", lr->bin_sha, &err) != BG_OK)
            strcpy(lr->bin_sha, "-");
    }
    return lr->bin_sha;
}

static int cache_enabled(const bg__run *run) {
    const bg__config *g = &run->settings.global;
    return !g->no_cache && g->cache_dir[0] && strcmp(g->cache_dir, "off") != 0;
}

static void cache_key(bg__run *run, const bg__instance *in, char hex[65]) {
    bg__strbuf sb = {0};
    char machine[256];
    bg__machine_class(machine, sizeof machine, in->cfg->measure == BG__MEASURE_INSTRUCTIONS);
    bg__sb_printf(&sb, "%s\n%s\n%s\n%s\n", CACHE_SCHEMA, bg__binary_sha(run), in->name, machine);
    for (int i = 0; i < in->param_count; i++)
        bg__sb_printf(&sb, "%s=%s;", in->params[i].name, in->params[i].value);
    bg__sb_printf(&sb, "\n");
    for (size_t i = 0; i < run->dataset_count; i++)
        if (in->def->dataset && strcmp(run->datasets[i].name, in->def->dataset) == 0)
            bg__sb_printf(&sb, "%s@%ld:%s:%s;", run->datasets[i].name, run->datasets[i].version,
                          run->datasets[i].path, run->datasets[i].sha256);
    bg__sb_printf(&sb, "\n");
    bg__measure_settings(in->cfg, &sb);
    bg__sha256_text(sb.data ? sb.data : "", sb.len, hex);
    bg__sb_free(&sb);
}

static int entry_path(const bg__run *run, const char *key, char *dir, char *path, size_t size) {
    const char *root = run->settings.global.cache_dir;
    int a = snprintf(dir, size, "%s/%.2s", root, key);
    int b = snprintf(path, size, "%s/%.2s/%s.json", root, key, key);
    return a < 0 || b < 0 || (size_t)a >= size || (size_t)b >= size ? -1 : 0;
}

int bg__cache_restore(bg__run *run, bg__instance *in) {
    char key[65], dir[BG__PATH_MAX], path[BG__PATH_MAX];
    if (!run->settings.global.reuse || !cache_enabled(run) || strcmp(bg__binary_sha(run), "-") == 0)
        return 0;
    cache_key(run, in, key);
    bg__error err = {BG_OK, ""};
    char *text =
        entry_path(run, key, dir, path, sizeof path) == 0 ? bg__read_text(path, &err) : NULL;
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "schema"));
    const char *from = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "run_id"));
    int hit = schema && strcmp(schema, CACHE_SCHEMA) == 0 && from &&
              bg__instance_state_restore(in, cJSON_GetObjectItemCaseSensitive(root, "state"),
                                         &err) == BG_OK &&
              in->status == BG__STATUS_OK;
    if (hit)
        snprintf(in->reused_from, sizeof in->reused_from, "%s", from);
    cJSON_Delete(root);
    return hit;
}

void bg__cache_store(bg__run *run, const bg__instance *in) {
    char key[65], dir[BG__PATH_MAX], path[BG__PATH_MAX];
    if (!cache_enabled(run) || in->reused_from[0] || in->status != BG__STATUS_OK ||
        in->reps_done < in->cfg->repetitions || strcmp(bg__binary_sha(run), "-") == 0)
        return;
    cache_key(run, in, key);
    bg__error err = {BG_OK, ""};
    if (entry_path(run, key, dir, path, sizeof path) != 0 || bg__mkdirs(dir, &err) != BG_OK) {
        bg__log(run, "%s: cache: %s", run->program, err.msg);
        return;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", CACHE_SCHEMA);
    cJSON_AddStringToObject(root, "key", key);
    const char *parent = getenv("BENCHGATE_PARENT_RUN_ID"); /* the run of benchgate start */
    cJSON_AddStringToObject(root, "run_id", parent && parent[0] ? parent : run->run_id);
    cJSON_AddStringToObject(root, "timestamp", run->timestamp);
    cJSON_AddItemToObject(root, "state", bg__instance_state_json(in));
    char *text = bg__json_print(root, 0);
    cJSON_Delete(root);
    if (text == NULL || bg__write_atomic(path, text, strlen(text), &err) != BG_OK)
        bg__log(run, "%s: cache: cannot store %s: %s", run->program, in->name,
                text ? err.msg : "out of memory");
    free(text);
}
