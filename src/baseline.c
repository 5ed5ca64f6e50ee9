/* baseline.c - naming, inspecting and storing baseline files. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/baseline.h"
#include "internal.h"

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

static int safe_name(const char *s) {
    return s[0] != '\0' && strchr(s, '/') == NULL && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
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

bg_err bg_baseline_store(const char *result_path, const char *baseline_path, char *errbuf,
                         size_t errlen) {
    bg__error err = {0};
    cJSON *doc = NULL;
    char dir[BG__PATH_MAX];
    snprintf(dir, sizeof dir, "%s", baseline_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    char *text = NULL;
    if (bg__load_result(result_path, &doc, &err) == BG_OK &&
        (slash == NULL || bg__mkdirs(dir, &err) == BG_OK)) {
        text = cJSON_Print(doc);
        if (text == NULL)
            bg__set_error(&err, BG_ENOMEM, "out of memory");
        else if (bg__write_atomic(baseline_path, text, strlen(text), &err) == BG_OK)
            err.code = BG_OK;
    }
    free(text);
    cJSON_Delete(doc);
    copy_error(&err, errbuf, errlen);
    return err.code;
}
