/* profile_write.c - the machine profile from a run of bench_calibrate: each ceiling from the
 * instance that measured it (bg_profile_write of benchgate/system.h). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/system.h"
#include "common/common.h"
#include "system/system.h"
#include "results/results.h"

/* The bench_calibrate instance and metric each ceiling comes from. */
static const char *const SOURCES[BG__CEILINGS][2] = {
    {"ceiling_cpu_bandwidth/cpu/level=DRAM", "bytes_per_second"},
    {"ceiling_cpu_flops/cpu", "flops_per_second"},
    {"ceiling_gpu_copy/cuda/mib=1024", "bytes_per_second"},
    {"ceiling_gpu_sgemm/cuda/n=8192", "flops_per_second"},
    {"ceiling_cpu_bandwidth/cpu/level=L1", "bytes_per_second"},
    {"ceiling_cpu_bandwidth/cpu/level=L2", "bytes_per_second"},
    {"ceiling_cpu_bandwidth/cpu/level=L3", "bytes_per_second"}};

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
    if (bg__load_result(calibrate_result, &doc, &err) != BG_OK) {
        snprintf(errbuf, errlen, "%s", err.msg);
        return err.code;
    }
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
        cJSON_AddNumberToObject(caches, bg__cache_keys[l], (double)bg_cache_size(l + 1));
    cJSON_Delete(doc);
    char *text = bg__json_print(out, 1);
    cJSON_Delete(out);
    bg_err rc = text ? bg__write_atomic(profile_path, text, strlen(text), &err) : BG_ENOMEM;
    free(text);
    if (rc != BG_OK)
        snprintf(errbuf, errlen, "%s", text ? err.msg : "out of memory");
    return rc;
}
