/* result_status.c - the status of a result and of its entries: whether a run directory holds a
 * finished result (benchgate start --resume keeps those parts as they are), whether an entry is
 * "ok", and a metric's figure. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "results/results.h"
#include "config/config.h"

int bg_result_is_complete(const char *path) {
    char file[BG__PATH_MAX + 32];
    struct stat st;
    int n = stat(path, &st) == 0 && S_ISDIR(st.st_mode)
                ? snprintf(file, sizeof file, "%s/" BG_RESULT_FILE, path)
                : snprintf(file, sizeof file, "%s", path);
    if (n < 0 || (size_t)n >= sizeof file)
        return 0;
    cJSON *doc = NULL;
    bg__error err = {BG_OK, ""};
    if (bg__load_result(file, &doc, &err) != BG_OK)
        return 0;
    int complete = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "complete"));
    cJSON_Delete(doc);
    return complete;
}

int bg__status_ok(const cJSON *obj) {
    return strcmp(bg__json_text(obj, "status"), "ok") == 0;
}

int bg__metric_figure(const cJSON *metric, double *v) {
    if (!bg__status_ok(metric))
        return 0;
    return bg__json_finite(metric, "median", v) || bg__json_finite(metric, "value", v);
}
