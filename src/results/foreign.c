/* foreign.c - results measured by other harnesses (Google Benchmark, nvbench, hyperfine) read as
 * benchgate.result/1 documents: which format a file is (by its content, or as forced with
 * bg_results_from), the skeleton every reader fills, and the one entry the checked loader
 * calls. The converted document then goes through bg__check_result like one of ours. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "results/results.h"

static const char *const format_names[] = {"auto", "benchgate", "gbench", "nvbench", "hyperfine"};

/* What bg_results_from set: every checked read of this process reads files as that format. */
static bg__foreign_format forced = BG__FROM_AUTO;

int bg_results_from(const char *format) {
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (format && strcmp(format, format_names[i]) == 0) {
            forced = (bg__foreign_format)i;
            return 0;
        }
    return -1;
}

/* "auto", "benchgate", "gbench", "nvbench" or "hyperfine". */
static const char *foreign_name(bg__foreign_format f) {
    return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

/* The first element of doc's array key, when it is an object (NULL otherwise). */
static const cJSON *first_object(const cJSON *doc, const char *key) {
    const cJSON *list = bg__json_get(doc, key);
    const cJSON *first = cJSON_IsArray(list) ? list->child : NULL;
    return cJSON_IsObject(first) ? first : NULL;
}

static int is_gbench(const cJSON *doc) {
    return cJSON_IsObject(bg__json_get(doc, "context")) &&
           cJSON_IsArray(bg__json_get(doc, "benchmarks"));
}

static int is_nvbench(const cJSON *doc) {
    const cJSON *b = first_object(doc, "benchmarks");
    return cJSON_IsArray(bg__json_get(doc, "benchmarks")) &&
           (cJSON_IsArray(bg__json_get(doc, "devices")) ||
            cJSON_IsObject(bg__json_get(doc, "meta"))) &&
           (b == NULL || bg__json_get(b, "states") != NULL);
}

static int is_hyperfine(const cJSON *doc) {
    const cJSON *r = first_object(doc, "results");
    return r && bg__json_get(r, "command") != NULL && bg__json_get(r, "mean") != NULL;
}

/* The format doc's content says it is (BG__FROM_AUTO: none of them). */
static bg__foreign_format foreign_detect(const cJSON *doc) {
    if (!cJSON_IsObject(doc))
        return BG__FROM_AUTO;
    if (bg__json_get(doc, "schema") != NULL)
        return BG__FROM_BENCHGATE;
    if (is_gbench(doc))
        return BG__FROM_GBENCH;
    if (is_nvbench(doc))
        return BG__FROM_NVBENCH;
    if (is_hyperfine(doc))
        return BG__FROM_HYPERFINE;
    return BG__FROM_AUTO;
}

static const char *expected(bg__foreign_format f) {
    switch (f) {
    case BG__FROM_GBENCH:
        return "Google Benchmark JSON (--benchmark_format=json: \"context\" and \"benchmarks\")";
    case BG__FROM_NVBENCH:
        return "nvbench JSON (--json: \"devices\" and \"benchmarks\" with \"states\")";
    case BG__FROM_HYPERFINE:
        return "hyperfine --export-json (\"results\" with \"command\" and \"mean\")";
    default:
        return "a benchgate.result/1 document (\"schema\")";
    }
}

/* ---- the skeleton every reader fills ------------------------------------------------------ */

/* The file's modification time, RFC 3339 in UTC: the run's time when the format keeps none. */
static void file_time(const char *path, char *buf, size_t size) {
    struct stat st;
    time_t t = stat(path, &st) == 0 ? st.st_mtime : 0;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void bg__foreign_program(const char *path, char *out, size_t size) {
    const char *slash = strrchr(path ? path : "", '/');
    snprintf(out, size, "%s", slash ? slash + 1 : path ? path : "");
    size_t n = strlen(out);
    if (n > 5 && strcmp(out + n - 5, ".json") == 0)
        out[n - 5] = '\0';
}

cJSON *bg__foreign_document(bg__foreign_format f, const char *path) {
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "schema", "benchgate.result/1");
    cJSON_AddBoolToObject(doc, "complete", 1);
    cJSON *run = cJSON_AddObjectToObject(doc, "run");
    char when[32], id[128], sha[65] = "";
    file_time(path, when, sizeof when);
    bg__error err = {BG_OK, ""};
    if (bg__sha256_file(path, sha, &err) != BG_OK)
        snprintf(sha, sizeof sha, "unhashed");
    /* the file's content names the run: two files of one second are two runs, the same file
     * imported twice is one */
    snprintf(id, sizeof id, "%s-%.12s", foreign_name(f), sha);
    cJSON_AddStringToObject(run, "run_id", id);
    cJSON_AddStringToObject(run, "timestamp", when);
    cJSON_AddStringToObject(run, "command_line", "");
    char program[256];
    bg__foreign_program(path, program, sizeof program);
    cJSON_AddStringToObject(run, "program", program);
    cJSON_AddStringToObject(run, "source", foreign_name(f));
    cJSON_AddStringToObject(run, "source_file", path);
    cJSON *git = cJSON_AddObjectToObject(run, "git");
    cJSON_AddNullToObject(git, "sha");
    cJSON_AddNullToObject(git, "branch");
    cJSON_AddNullToObject(git, "dirty");
    cJSON_AddStringToObject(git, "unknown_reason", "not recorded by the harness that measured it");
    cJSON_AddObjectToObject(run, "config");
    cJSON_AddBoolToObject(run, "dry_run", 0);
    cJSON *sys = cJSON_AddObjectToObject(doc, "system");
    static const char *const texts[] = {"hostname",  "os",       "kernel",     "arch",
                                        "cpu_model", "compiler", "build_type", "machine_class"};
    cJSON *unknown = cJSON_CreateArray();
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cJSON_AddStringToObject(sys, texts[i], "");
        cJSON_AddItemToArray(unknown, cJSON_CreateString(texts[i]));
    }
    cJSON_AddNumberToObject(sys, "cpu_count", 1);
    cJSON_AddItemToArray(unknown, cJSON_CreateString("cpu_count"));
    cJSON_AddNumberToObject(sys, "ram_total_gb", 0);
    cJSON_AddItemToArray(unknown, cJSON_CreateString("ram_total_gb"));
    cJSON_AddArrayToObject(sys, "gpus");
    cJSON_AddObjectToObject(sys, "env");
    cJSON_AddItemToObject(sys, "not_recorded", unknown);
    cJSON_AddArrayToObject(doc, "datasets");
    cJSON_AddArrayToObject(doc, "benchmarks");
    return doc;
}

/* Removes key from system.not_recorded: the harness recorded it. */
static void recorded(cJSON *sys, const char *key) {
    cJSON *list = cJSON_GetObjectItemCaseSensitive(sys, "not_recorded");
    int i = 0;
    const cJSON *k;
    cJSON_ArrayForEach(k, list) {
        if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0) {
            cJSON_DeleteItemFromArray(list, i);
            return;
        }
        i++;
    }
}

void bg__foreign_system_text(cJSON *doc, const char *key, const char *value) {
    cJSON *sys = cJSON_GetObjectItemCaseSensitive(doc, "system");
    if (value == NULL || value[0] == '\0')
        return;
    cJSON_ReplaceItemInObjectCaseSensitive(sys, key, cJSON_CreateString(value));
    recorded(sys, key);
}

void bg__foreign_system_number(cJSON *doc, const char *key, double value) {
    cJSON *sys = cJSON_GetObjectItemCaseSensitive(doc, "system");
    if (!isfinite(value))
        return;
    cJSON_ReplaceItemInObjectCaseSensitive(sys, key, cJSON_CreateNumber(value));
    recorded(sys, key);
}

void bg__foreign_run_text(cJSON *doc, const char *key, const char *value) {
    cJSON *run = cJSON_GetObjectItemCaseSensitive(doc, "run");
    if (value == NULL)
        return;
    if (cJSON_GetObjectItemCaseSensitive(run, key))
        cJSON_ReplaceItemInObjectCaseSensitive(run, key, cJSON_CreateString(value));
    else
        cJSON_AddStringToObject(run, key, value);
}

cJSON *bg__foreign_benchmark(cJSON *doc, const char *name, const char *family, const char *device) {
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "name", name);
    cJSON_AddStringToObject(b, "family", family && family[0] ? family : name);
    cJSON_AddStringToObject(b, "device", device);
    cJSON_AddObjectToObject(b, "params");
    cJSON_AddStringToObject(b, "status", "ok");
    cJSON_AddNullToObject(b, "error_message");
    cJSON_AddBoolToObject(b, "reused", 0);
    cJSON_AddStringToObject(b, "measure", "time");
    cJSON_AddObjectToObject(b, "metrics");
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(doc, "benchmarks"), b);
    return b;
}

static cJSON *metric_base(cJSON *bench, const char *name, const char *unit, const char *better) {
    cJSON *metrics = cJSON_GetObjectItemCaseSensitive(bench, "metrics");
    cJSON_DeleteItemFromObjectCaseSensitive(metrics, name);
    cJSON *m = cJSON_AddObjectToObject(metrics, name);
    cJSON_AddStringToObject(m, "status", "ok");
    cJSON_AddStringToObject(m, "unit", unit);
    cJSON_AddStringToObject(m, "better", better);
    return m;
}

cJSON *bg__foreign_samples(cJSON *bench, const char *name, const char *unit, const char *better,
                           const double *v, size_t n, int repetitions) {
    bg__summary s;
    if (n == 0 || bg__summarize(v, n, 0x6265676174650001ULL, &s) != 0)
        return NULL;
    cJSON *m = metric_base(bench, name, unit, better);
    bg__json_number(m, "n", (double)s.n);
    bg__json_number(m, "median", s.median);
    bg__json_number(m, "mean", s.mean);
    bg__json_number(m, "stddev", s.stddev);
    bg__json_number(m, "min", s.min);
    bg__json_number(m, "max", s.max);
    bg__json_number(m, "p50", s.p50);
    bg__json_number(m, "p95", s.p95);
    bg__json_number(m, "p99", s.p99);
    cJSON *ci = cJSON_AddArrayToObject(m, "ci95");
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(s.ci95_lo));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(s.ci95_hi));
    bg__json_number(m, "cv", s.cv);
    bg__json_number(m, "outliers", (double)s.outliers);
    cJSON *reps = cJSON_AddArrayToObject(m, "repetition_medians");
    for (size_t i = 0; repetitions && i < n; i++)
        cJSON_AddItemToArray(reps, cJSON_CreateNumber(v[i]));
    return m;
}

cJSON *bg__foreign_summary(cJSON *bench, const char *name, const char *unit, const char *better,
                           double center, double stddev, double n) {
    if (!isfinite(center))
        return NULL;
    double sd = isfinite(stddev) && stddev > 0 ? stddev : 0;
    cJSON *m = metric_base(bench, name, unit, better);
    bg__json_number(m, "n", n >= 1 ? floor(n) : 1);
    bg__json_number(m, "median", center);
    bg__json_number(m, "mean", center);
    bg__json_number(m, "stddev", sd);
    static const char *const same[] = {"min", "max", "p50", "p95", "p99"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        bg__json_number(m, same[i], center);
    cJSON *ci = cJSON_AddArrayToObject(m, "ci95");
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(center));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(center));
    bg__json_number(m, "cv", center != 0 ? sd / fabs(center) : 0);
    bg__json_number(m, "outliers", 0);
    cJSON_AddArrayToObject(m, "repetition_medians");
    cJSON_AddBoolToObject(m, "summary_only", 1); /* min..p99 are the center: not known */
    return m;
}

cJSON *bg__foreign_value(cJSON *bench, const char *name, const char *unit, const char *better,
                         double v) {
    cJSON *m = metric_base(bench, name, unit, better);
    bg__json_number(m, "value", v);
    return m;
}

void bg__foreign_status(cJSON *bench, const char *status, const char *message) {
    cJSON_ReplaceItemInObjectCaseSensitive(bench, "status", cJSON_CreateString(status));
    cJSON_ReplaceItemInObjectCaseSensitive(
        bench, "error_message", cJSON_CreateString(message && message[0] ? message : status));
    cJSON *m = metric_base(bench, "time_ns", "ns", "lower");
    cJSON_ReplaceItemInObjectCaseSensitive(m, "status", cJSON_CreateString(status));
    cJSON_AddNullToObject(m, "value");
    cJSON_AddStringToObject(m, "error_message", message && message[0] ? message : status);
}

int bg__foreign_time_scale(const char *unit, double *ns) {
    static const struct {
        const char *unit;
        double ns;
    } units[] = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(unit, units[i].unit) == 0) {
            *ns = units[i].ns;
            return 1;
        }
    return 0;
}

int bg__foreign_timestamp(const char *date, char *out, size_t size) {
    int y, mo, d, h, mi, sec, n = 0;
    if (date == NULL ||
        sscanf(date, "%4d-%2d-%2d%*1[ T]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
        return 0;
    const char *zone = date + n;
    while (*zone == '.' || (*zone >= '0' && *zone <= '9'))
        zone++;
    int offset = zone[0] == 'Z' || ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 6);
    snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, sec,
             offset ? zone : "Z");
    return 1;
}

const char *bg__foreign_few_reps(const cJSON *base, const cJSON *cur) {
    const char *a = bg__json_text(bg__json_get(base, "run"), "source");
    const char *b = bg__json_text(bg__json_get(cur, "run"), "source");
    const char *src = strcmp(a, "gbench") == 0 || strcmp(b, "gbench") == 0     ? "gbench"
                      : strcmp(a, "nvbench") == 0 || strcmp(b, "nvbench") == 0 ? "nvbench"
                      : a[0]                                                   ? a
                                                                               : b;
    if (strcmp(src, "gbench") == 0)
        return "one value per side (Google Benchmark without repetitions): between-run noise "
               "unknown; run with --benchmark_repetitions=5 or more on both sides";
    if (strcmp(src, "nvbench") == 0)
        return "one mean per state (nvbench keeps no repetitions): between-run noise unknown; "
               "capture the baseline from several runs or gate repeated runs";
    if (strcmp(src, "hyperfine") == 0)
        return "fewer than 2 runs of the command (hyperfine: --runs=5 or more, and export with "
               "times): between-run noise unknown";
    return NULL;
}

/* ---- the entry of the checked loader ------------------------------------------------------ */

bg_err bg__foreign_convert(cJSON *doc, const char *path, cJSON **out, bg__error *err) {
    bg__foreign_format found = foreign_detect(doc);
    bg__foreign_format want = forced == BG__FROM_AUTO ? found : forced;
    *out = NULL;
    if (want == BG__FROM_BENCHGATE) {
        *out = doc; /* ours, or what claims to be: bg__check_result says what is wrong */
        return BG_OK;
    }
    bg_err rc;
    if (forced != BG__FROM_AUTO && found != forced)
        rc = bg__set_error(err, BG_EINPUT, "%s: --from=%s: not %s", path, foreign_name(forced),
                           expected(forced));
    else if (want == BG__FROM_AUTO)
        rc = bg__set_error(err, BG_EINPUT,
                           "%s: not a benchgate.result/1 document (no \"schema\"), nor Google "
                           "Benchmark, nvbench or hyperfine JSON",
                           path);
    else if (want == BG__FROM_GBENCH)
        rc = bg__from_gbench(doc, path, out, err);
    else if (want == BG__FROM_NVBENCH)
        rc = bg__from_nvbench(doc, path, out, err);
    else
        rc = bg__from_hyperfine(doc, path, out, err);
    cJSON_Delete(doc);
    if (rc != BG_OK) {
        cJSON_Delete(*out);
        *out = NULL;
    }
    return rc;
}
