/* baseline.c - naming, inspecting and storing baseline files. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/baseline.h"
#include "common/common.h"
#include "config/config.h"
#include "results/results.h"
#include "gate/gate.h"

static void copy_error(const bg__error *err, char *errbuf, size_t errlen) {
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", err->msg);
}

static void copy_string(const cJSON *obj, const char *key, char *out, size_t size) {
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
    snprintf(out, size, "%s", s ? s : "");
}

bg_err bg_result_info_read(const char *path, bg_result_info *info, char *errbuf, size_t errlen) {
    bg__error err = {0};
    cJSON *doc = NULL;
    memset(info, 0, sizeof *info);
    if (bg__load_result(path, &doc, &err) != BG_OK) {
        copy_error(&err, errbuf, errlen);
        return err.code;
    }
    copy_string(cJSON_GetObjectItemCaseSensitive(doc, "system"), "machine_class",
                info->machine_class, sizeof info->machine_class);
    copy_string(cJSON_GetObjectItemCaseSensitive(doc, "run"), "program", info->program,
                sizeof info->program);
    info->complete = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "complete"));
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "status"));
        info->benchmarks++;
        info->failed += status && strcmp(status, "error") == 0;
        info->skipped += status && strcmp(status, "skipped") == 0;
        if (info->measure[0] == '\0')
            copy_string(b, "measure", info->measure, sizeof info->measure);
    }
    cJSON_Delete(doc);
    return BG_OK;
}

/* A folder or file name of one component: no '/', no control character (a newline), not
 * hidden (staging folders of a capture are). */
static int safe_name(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/')
            return 0;
    return s[0] != '\0' && s[0] != '.';
}

bg_err bg_baseline_path(const char *dir, const char *machine_class, const char *bench, char *out,
                        size_t size, char *errbuf, size_t errlen) {
    bg__error err = {0};
    if (!safe_name(machine_class) || !safe_name(bench)) {
        bg__set_error(&err, BG_EUSAGE, "unsafe baseline name: machine class '%s', bench '%s'",
                      machine_class, bench);
    } else {
        int n = snprintf(out, size, "%s/%s/%s.json", dir, machine_class, bench);
        if (n < 0 || (size_t)n >= size)
            bg__set_error(&err, BG_EUSAGE, "%s/%s: path too long", dir, machine_class);
    }
    copy_error(&err, errbuf, errlen);
    return err.code;
}

static cJSON *find_benchmark(const cJSON *doc, const char *name) {
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        const char *n = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "name"));
        if (n && strcmp(n, name) == 0)
            return (cJSON *)b;
    }
    return NULL;
}

/* Adds run_medians to every speed metric of base: that metric's median in each run. */
static void add_run_medians(cJSON *base, cJSON *const *docs, size_t count) {
    static const char *const speed[] = {"time_ns", "cpu_time_ns", "instructions"};
    cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(base, "benchmarks")) {
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "name"));
        for (size_t m = 0; name && m < 3; m++) {
            cJSON *metric = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(b, "metrics"), speed[m]);
            if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(metric, "median")))
                continue;
            cJSON *list = cJSON_CreateArray();
            for (size_t i = 0; i < count; i++) {
                const cJSON *other = cJSON_GetObjectItemCaseSensitive(
                    cJSON_GetObjectItemCaseSensitive(find_benchmark(docs[i], name), "metrics"),
                    speed[m]);
                const cJSON *med = cJSON_GetObjectItemCaseSensitive(other, "median");
                if (cJSON_IsNumber(med))
                    cJSON_AddItemToArray(list, cJSON_CreateNumber(med->valuedouble));
            }
            cJSON_DeleteItemFromObjectCaseSensitive(metric, "run_medians");
            cJSON_AddItemToObject(metric, "run_medians", list);
        }
    }
}

static bg_err store_doc(cJSON *doc, const char *baseline_path, bg__error *err) {
    char dir[BG__PATH_MAX];
    snprintf(dir, sizeof dir, "%s", baseline_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    if (slash && bg__mkdirs(dir, err) != BG_OK)
        return err->code;
    char *text = bg__json_print(doc, 1);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory");
    bg_err rc = bg__write_atomic(baseline_path, text, strlen(text), err);
    free(text);
    return rc;
}

bg_err bg_baseline_store_runs(const char *const *result_paths, size_t count,
                              const char *baseline_path, char *errbuf, size_t errlen) {
    return bg_baseline_store_runs_drop(result_paths, count, baseline_path, NULL, errbuf, errlen);
}

bg_err bg_baseline_store_runs_drop(const char *const *result_paths, size_t count,
                                   const char *baseline_path, const char *drop, char *errbuf,
                                   size_t errlen) {
    bg__error err = {0};
    cJSON *docs[64] = {NULL};
    if (count == 0 || count > 64) {
        bg__set_error(&err, BG_EUSAGE, "a baseline holds 1 to 64 runs, not %zu", count);
        copy_error(&err, errbuf, errlen);
        return err.code;
    }
    size_t loaded = 0;
    while (loaded < count && bg__load_result(result_paths[loaded], &docs[loaded], &err) == BG_OK)
        loaded++;
    if (loaded == count && bg__baseline_drop(docs[0], drop, &err) == BG_OK) {
        if (count > 1)
            add_run_medians(docs[0], docs, count);
        cJSON_AddNumberToObject(cJSON_GetObjectItemCaseSensitive(docs[0], "run"), "baseline_runs",
                                (double)count);
        store_doc(docs[0], baseline_path, &err);
    }
    for (size_t i = 0; i < loaded; i++)
        cJSON_Delete(docs[i]);
    copy_error(&err, errbuf, errlen);
    return err.code;
}

bg_err bg_baseline_store(const char *result_path, const char *baseline_path, char *errbuf,
                         size_t errlen) {
    return bg_baseline_store_runs(&result_path, 1, baseline_path, errbuf, errlen);
}
