/* profile.c - the machine profile: ceilings measured by `benchgate calibrate`, and the
 * percentage of them each benchmark reaches. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/system.h"
#include "common/common.h"
#include "measure/measure.h"
#include "system/system.h"
#include "results/results.h"

#ifndef BG_DEFAULT_PROFILE_DIR
#define BG_DEFAULT_PROFILE_DIR "ci/machines"
#endif

const char *const bg__ceiling_names[BG__CEILINGS] = {"cpu_bandwidth_bps",    "cpu_flops",
                                                     "gpu_copy_bps",         "gpu_sgemm_flops",
                                                     "cpu_bandwidth_l1_bps", "cpu_bandwidth_l2_bps",
                                                     "cpu_bandwidth_l3_bps"};

/* The bench_calibrate instance and metric each ceiling comes from. */
static const char *const SOURCES[BG__CEILINGS][2] = {
    {"ceiling_cpu_bandwidth/cpu/level=DRAM", "bytes_per_second"},
    {"ceiling_cpu_flops/cpu", "flops_per_second"},
    {"ceiling_gpu_copy/cuda/mib=1024", "bytes_per_second"},
    {"ceiling_gpu_sgemm/cuda/n=8192", "flops_per_second"},
    {"ceiling_cpu_bandwidth/cpu/level=L1", "bytes_per_second"},
    {"ceiling_cpu_bandwidth/cpu/level=L2", "bytes_per_second"},
    {"ceiling_cpu_bandwidth/cpu/level=L3", "bytes_per_second"}};

static const char *const CACHE_KEYS[3] = {"l1d", "l2", "l3"};

void bg_profile_path(char *buf, size_t size) {
    const char *env = getenv("BENCHGATE_PROFILE");
    char cls[256];
    if (env && env[0]) {
        snprintf(buf, size, "%s", env);
        return;
    }
    bg__machine_class(cls, sizeof cls, 0);
    snprintf(buf, size, "%s/%s.json", BG_DEFAULT_PROFILE_DIR, cls);
}

/* The value of one metric of the instance `name` with status ok, or -1. */
static double instance_value(const cJSON *doc, const char *name, const char *metric) {
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        const char *n = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "name"));
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(b, "metrics"), metric);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "value");
        if (n && strcmp(n, name) == 0 && cJSON_IsNumber(v))
            return v->valuedouble;
    }
    return -1;
}

int bg_profile_write(const char *calibrate_result, const char *profile_path, char *errbuf,
                     size_t errlen) {
    bg__error err = {0};
    cJSON *doc = NULL;
    if (bg__load_result(calibrate_result, &doc, &err) != BG_OK)
        return snprintf(errbuf, errlen, "%s", err.msg), err.code;
    cJSON *out = cJSON_CreateObject(), *ceil = cJSON_CreateObject();
    cJSON_AddStringToObject(out, "schema", "benchgate.profile/1");
    cJSON_AddItemToObject(
        out, "machine_class",
        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
                            cJSON_GetObjectItemCaseSensitive(doc, "system"), "machine_class"),
                        1));
    for (int i = 0; i < BG__CEILINGS; i++) {
        double v = instance_value(doc, SOURCES[i][0], SOURCES[i][1]);
        if (v > 0)
            cJSON_AddNumberToObject(ceil, bg__ceiling_names[i], v);
        else
            cJSON_AddNullToObject(ceil, bg__ceiling_names[i]);
    }
    cJSON_AddItemToObject(out, "ceilings", ceil);
    cJSON *caches = cJSON_AddObjectToObject(out, "cache_bytes"); /* the levels measured */
    for (int l = 0; l < 3; l++)
        cJSON_AddNumberToObject(caches, CACHE_KEYS[l], (double)bg_cache_size(l + 1));
    cJSON_Delete(doc);
    char *text = bg__json_print(out, 1);
    cJSON_Delete(out);
    bg_err rc = text ? bg__write_atomic(profile_path, text, strlen(text), &err) : BG_ENOMEM;
    free(text);
    if (rc != BG_OK)
        snprintf(errbuf, errlen, "%s", text ? err.msg : "out of memory");
    return rc;
}

static void load_ceilings(bg__run *run, const cJSON *doc) {
    const cJSON *ceil = cJSON_GetObjectItemCaseSensitive(doc, "ceilings");
    for (int i = 0; i < BG__CEILINGS; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(ceil, bg__ceiling_names[i]);
        run->ceiling[i] = cJSON_IsNumber(v) && v->valuedouble > 0 ? v->valuedouble : -1;
    }
    const cJSON *caches = cJSON_GetObjectItemCaseSensitive(doc, "cache_bytes");
    for (int l = 0; l < 3; l++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(caches, CACHE_KEYS[l]);
        if (cJSON_IsNumber(v) && v->valuedouble > 0)
            run->cache_bytes[l] = v->valuedouble;
    }
}

bg_err bg__profile_load(bg__run *run, bg__error *err) {
    for (int i = 0; i < BG__CEILINGS; i++)
        run->ceiling[i] = -1;
    for (int l = 0; l < 3; l++) /* this machine's, unless the profile says what it measured */
        run->cache_bytes[l] = (double)bg_cache_size(l + 1);
    bg_profile_path(run->profile_path, sizeof run->profile_path);
    FILE *f = fopen(run->profile_path, "r");
    if (f == NULL)
        return BG_OK; /* no profile: the percentages are skipped with the reason */
    fclose(f);
    char *text = bg__read_text(run->profile_path, err);
    cJSON *doc = text ? cJSON_ParseWithOpts(text, NULL, 1) : NULL;
    free(text);
    if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "ceilings"))) {
        cJSON_Delete(doc);
        return bg__set_error(err, BG_EINPUT,
                             "%s: not a benchgate.profile/1 machine profile "
                             "(re-run benchgate calibrate)",
                             run->profile_path);
    }
    load_ceilings(run, doc);
    run->profile_found = 1;
    cJSON_Delete(doc);
    return BG_OK;
}

cJSON *bg__profile_json(const bg__run *run) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "path", run->profile_path);
    cJSON_AddBoolToObject(p, "found", run->profile_found);
    cJSON *ceil = cJSON_AddObjectToObject(p, "ceilings");
    for (int i = 0; i < BG__CEILINGS; i++)
        if (run->ceiling[i] > 0)
            bg__json_number(ceil, bg__ceiling_names[i], run->ceiling[i]);
        else
            cJSON_AddNullToObject(ceil, bg__ceiling_names[i]);
    cJSON *caches = cJSON_AddObjectToObject(p, "cache_bytes");
    for (int l = 0; l < 3; l++)
        bg__json_number(caches, CACHE_KEYS[l], run->cache_bytes[l]);
    return p;
}
