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

/** A benchmark's state in a report: failed (its status "error", or a metric in error), else
 * skipped (its status "skipped"), else ok. */
bg__bench_state bg__report_state(const cJSON *bench) {
    const char *status = bg__json_text(bench, "status");
    if (strcmp(status, "skipped") == 0)
        return BG__BENCH_SKIPPED;
    if (strcmp(status, "ok") != 0)
        return BG__BENCH_FAILED;
    const cJSON *m;
    cJSON_ArrayForEach(m, bg__json_get(bench, "metrics")) {
        if (strcmp(bg__json_text(m, "status"), "error") == 0)
            return BG__BENCH_FAILED;
    }
    return BG__BENCH_OK;
}

/** Why a benchmark failed or was skipped: its error_message; for an ok one with metrics in
 * error, "metric: message" of each, "; "-separated. */
void bg__report_reason(const cJSON *bench, bg__strbuf *why) {
    const char *message = bg__json_text(bench, "error_message");
    if (!bg__status_ok(bench)) {
        bg__sb_printf(why, "%s", message[0] ? message : bg__json_text(bench, "status"));
        return;
    }
    const cJSON *m;
    size_t start = why->len;
    cJSON_ArrayForEach(m, bg__json_get(bench, "metrics")) {
        if (strcmp(bg__json_text(m, "status"), "error") == 0)
            bg__sb_printf(why, "%s%s: %s", why->len > start ? "; " : "", m->string,
                          bg__json_text(m, "error_message"));
    }
}
