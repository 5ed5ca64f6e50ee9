/* foreign_hyperfine.c - hyperfine's --export-json as a benchgate.result/1 document. One
 * benchmark per command: each run of it in "times" (seconds) is a process of its own, so the
 * runs are time_ns's samples and its repetition medians alike; without "times", the median
 * (else the mean) and stddev alone. "parameters" (--parameter-scan, --parameter-list) are the
 * benchmark's params; user and system time its user_time_ns and system_time_ns; a run that
 * exited non-zero (--ignore-failure) fails the benchmark. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "results/results.h"

/* The runs' times in ns; n 0 when there is no "times". */
static bg_err run_times(const char *path, int i, const cJSON *res, double **out, size_t *n,
                        bg__error *err) {
    const cJSON *times = bg__json_get(res, "times");
    *out = NULL, *n = 0;
    if (times == NULL || cJSON_IsNull(times))
        return BG_OK;
    BG_RETURN_IF(!cJSON_IsArray(times), err, BG_EINPUT,
                 "%s: results[%d].times: not an array of seconds", path, i);
    size_t cap = (size_t)cJSON_GetArraySize(times);
    double *v = malloc((cap ? cap : 1) * sizeof *v);
    BG_RETURN_IF(v == NULL, err, BG_ENOMEM, "%s: out of memory", path);
    int k = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, times) {
        if (!cJSON_IsNumber(t) || t->valuedouble < 0) {
            free(v);
            return bg__set_error(err, BG_EINPUT,
                                 "%s: results[%d].times[%d]: not a number of seconds >= 0", path, i,
                                 k);
        }
        v[k++] = t->valuedouble * 1e9;
    }
    *out = v, *n = (size_t)k;
    return BG_OK;
}

/* The first run that exited non-zero, as a message; 0 when every run exited 0. */
static int failed_run(const cJSON *res, char *msg, size_t size) {
    int k = 0;
    const cJSON *code;
    cJSON_ArrayForEach(code, bg__json_get(res, "exit_codes")) {
        if (cJSON_IsNumber(code) && code->valuedouble != 0) {
            snprintf(msg, size, "run %d of the command exited with %.0f", k + 1, code->valuedouble);
            return 1;
        }
        if (cJSON_IsNull(code)) {
            snprintf(msg, size, "run %d of the command was killed by a signal", k + 1);
            return 1;
        }
        k++;
    }
    return 0;
}

static void add_params(cJSON *bench, const cJSON *res) {
    cJSON *params = cJSON_GetObjectItemCaseSensitive(bench, "params");
    const cJSON *p;
    cJSON_ArrayForEach(p, bg__json_get(res, "parameters")) {
        char text[64];
        if (cJSON_IsString(p))
            cJSON_AddStringToObject(params, p->string, p->valuestring);
        else if (cJSON_IsNumber(p)) {
            snprintf(text, sizeof text, "%.17g", p->valuedouble);
            cJSON_AddStringToObject(params, p->string, text);
        }
    }
}

static bg_err read_result(cJSON *doc, const char *path, int i, const cJSON *res, bg__error *err) {
    BG_RETURN_IF(!cJSON_IsObject(res), err, BG_EINPUT, "%s: results[%d]: not an object", path, i);
    BG_RETURN_IF(!cJSON_IsString(bg__json_get(res, "command")), err, BG_EINPUT,
                 "%s: results[%d].command: missing or not a string", path, i);
    double mean;
    BG_RETURN_IF(!bg__json_finite(res, "mean", &mean) || mean < 0, err, BG_EINPUT,
                 "%s: results[%d].mean: missing or not a number of seconds >= 0", path, i);
    const char *command = bg__json_text(res, "command");
    cJSON *bench = bg__foreign_benchmark(doc, command, command, "cpu");
    add_params(bench, res);
    char msg[160];
    if (failed_run(res, msg, sizeof msg)) {
        bg__foreign_status(bench, "error", msg);
        return BG_OK;
    }
    double *times;
    size_t n;
    BG_FORWARD_IF_ERROR(run_times(path, i, res, &times, &n, err));
    if (n > 0)
        bg__foreign_samples(bench, "time_ns", "ns", "lower", times, n, 1);
    else
        bg__foreign_summary(bench, "time_ns", "ns", "lower",
                            1e9 * bg__json_number_or(res, "median", mean),
                            1e9 * bg__json_number_or(res, "stddev", NAN), 1);
    free(times);
    cJSON_AddNumberToObject(bench, "iterations_per_sample", 1);
    double user, sys;
    if (bg__json_finite(res, "user", &user))
        bg__foreign_value(bench, "user_time_ns", "ns", "lower", user * 1e9);
    if (bg__json_finite(res, "system", &sys))
        bg__foreign_value(bench, "system_time_ns", "ns", "lower", sys * 1e9);
    return BG_OK;
}

bg_err bg__from_hyperfine(const cJSON *in, const char *path, cJSON **out, bg__error *err) {
    *out = bg__foreign_document(BG__FROM_HYPERFINE, path);
    int i = 0;
    const cJSON *res;
    cJSON_ArrayForEach(res, bg__json_get(in, "results")) {
        BG_FORWARD_IF_ERROR(read_result(*out, path, i++, res, err));
    }
    return BG_OK;
}
