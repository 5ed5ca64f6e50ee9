/* report_common.c - what every report writer shares: reading a checked result, the metric a
 * benchmark is judged by, figures for people and for files, Markdown cells, handing the text
 * over. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

/* ---- reading and checking a result ------------------------------------------------------ */

/* A run directory stands for the result.json inside it. */
static bg_err resolve_path(const char *path, char *out, size_t size, bg__error *err) {
    struct stat st;
    int is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    int n = snprintf(out, size, is_dir ? "%s/" BG_RESULT_FILE : "%s", path);
    BG_RETURN_IF(n < 0 || (size_t)n >= size, err, BG_EINPUT, "%s: path too long", path);
    return BG_OK;
}

/**
 * Loads and checks a result (a file or a run directory). The resolved file name goes to
 * resolved. Shared with summary.c. @return BG_OK or BG_EINPUT naming the file
 */
bg_err bg__report_load(const char *path, cJSON **doc, char *resolved, size_t size, bg__error *err) {
    BG_RETURN_IF(path == NULL || path[0] == '\0', err, BG_EUSAGE, "empty result path");
    BG_FORWARD_IF_ERROR(resolve_path(path, resolved, size, err));
    *doc = NULL;
    return bg__load_result(resolved, doc, err);
}

/* ---- shared formatting ------------------------------------------------------------------ */

/** The metric a benchmark is judged by: its "measure" (time, cpu, instructions); in older
 * files without one, instructions when measured, else time_ns. */
const char *bg__report_primary(const cJSON *bench) {
    const cJSON *metrics = bg__json_get(bench, "metrics");
    const char *measure = bg__json_text(bench, "measure");
    if (strcmp(measure, "instructions") == 0)
        return "instructions";
    if (strcmp(measure, "cpu") == 0 && bg__json_get(metrics, "cpu_time_ns"))
        return "cpu_time_ns";
    if (strcmp(measure, "time") == 0)
        return "time_ns";
    if (bg__status_ok(bg__json_get(metrics, "instructions")))
        return "instructions";
    return "time_ns";
}

const char *bg__report_state_name(bg__bench_state state) {
    return state == BG__BENCH_FAILED ? "error" : state == BG__BENCH_SKIPPED ? "skipped" : "ok";
}

/**
 * Hands sb over as *out_text on success; otherwise frees it and copies the message to errbuf.
 * Shared with summary.c.
 */
bg_err bg__report_text(const char *result_path, bg__report_body body, const void *arg,
                       char **out_text, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    char path[BG__PATH_MAX + 32];
    cJSON *doc = NULL;
    bg_err rc = out_text == NULL ? bg__set_error(&err, BG_EUSAGE, "no place for the output")
                                 : bg__report_load(result_path, &doc, path, sizeof path, &err);
    if (out_text)
        *out_text = NULL;
    if (rc == BG_OK)
        rc = body(doc, path, arg, &sb, &err);
    cJSON_Delete(doc);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}

bg_err bg__report_finish(bg_err rc, bg__error *err, bg__strbuf *sb, char **out_text, char *errbuf,
                         size_t errlen) {
    if (rc == BG_OK && sb->failed)
        rc = bg__set_error(err, BG_ENOMEM, "out of memory building the output");
    if (rc == BG_OK && sb->data == NULL && (sb->data = calloc(1, 1)) == NULL)
        rc = bg__set_error(err, BG_ENOMEM, "out of memory building the output");
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err->msg);
    if (rc != BG_OK) {
        bg__sb_free(sb);
        return rc;
    }
    *out_text = sb->data;
    return BG_OK;
}
