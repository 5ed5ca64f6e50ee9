/* profile.c - the machine profile: where it is, reading it, and what a run records of it (the
 * ceilings measured by `benchgate calibrate`; results/profile_write.c writes it, and
 * measure/roofline.c sets each rate against them). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/system.h"
#include "common/common.h"
#include "system/system.h"

#ifndef BG_DEFAULT_PROFILE_DIR
#define BG_DEFAULT_PROFILE_DIR "ci/machines"
#endif

const char *const bg__ceiling_names[BG__CEILINGS] = {"cpu_bandwidth_bps",    "cpu_flops",
                                                     "gpu_copy_bps",         "gpu_sgemm_flops",
                                                     "cpu_bandwidth_l1_bps", "cpu_bandwidth_l2_bps",
                                                     "cpu_bandwidth_l3_bps"};

const char *const bg__cache_keys[3] = {"l1d", "l2", "l3"};

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

static void load_ceilings(bg__profile *p, const cJSON *doc) {
    const cJSON *ceil = cJSON_GetObjectItemCaseSensitive(doc, "ceilings");
    for (int i = 0; i < BG__CEILINGS; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(ceil, bg__ceiling_names[i]);
        p->ceiling[i] = cJSON_IsNumber(v) && v->valuedouble > 0 ? v->valuedouble : -1;
    }
    const cJSON *caches = cJSON_GetObjectItemCaseSensitive(doc, "cache_bytes");
    for (int l = 0; l < 3; l++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(caches, bg__cache_keys[l]);
        if (cJSON_IsNumber(v) && v->valuedouble > 0)
            p->cache_bytes[l] = v->valuedouble;
    }
}

bg_err bg__profile_load(bg__profile *p, bg__error *err) {
    for (int i = 0; i < BG__CEILINGS; i++)
        p->ceiling[i] = -1;
    for (int l = 0; l < 3; l++) /* this machine's, unless the profile says what it measured */
        p->cache_bytes[l] = (double)bg_cache_size(l + 1);
    bg_profile_path(p->path, sizeof p->path);
    FILE *f = fopen(p->path, "r");
    if (f == NULL)
        return BG_OK; /* no profile: the percentages are skipped with the reason */
    fclose(f);
    char *text = bg__read_text(p->path, err);
    cJSON *doc = text ? cJSON_ParseWithOpts(text, NULL, 1) : NULL;
    free(text);
    if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "ceilings"))) {
        cJSON_Delete(doc);
        return bg__set_error(err, BG_EINPUT,
                             "%s: not a benchgate.profile/1 machine profile "
                             "(re-run benchgate calibrate)",
                             p->path);
    }
    load_ceilings(p, doc);
    p->found = 1;
    cJSON_Delete(doc);
    return BG_OK;
}

cJSON *bg__profile_json(const bg__profile *pr) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "path", pr->path);
    cJSON_AddBoolToObject(p, "found", pr->found);
    cJSON *ceil = cJSON_AddObjectToObject(p, "ceilings");
    for (int i = 0; i < BG__CEILINGS; i++)
        if (pr->ceiling[i] > 0)
            bg__json_number(ceil, bg__ceiling_names[i], pr->ceiling[i]);
        else
            cJSON_AddNullToObject(ceil, bg__ceiling_names[i]);
    cJSON *caches = cJSON_AddObjectToObject(p, "cache_bytes");
    for (int l = 0; l < 3; l++)
        bg__json_number(caches, bg__cache_keys[l], pr->cache_bytes[l]);
    return p;
}
