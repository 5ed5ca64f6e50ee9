/* result_schema.c - the field rules of docs/schema/result.schema.json that result_check.c
 * applies to every document read: run, system, datasets, and each benchmark and metric (device,
 * params, statuses, error messages, units, directions, statistics). A speed or count metric
 * that is ok has a median above zero: nothing else is a measurement. Each message names the
 * file, the key and the problem. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

/* Sets err: "PATH: WHERE: PROBLEM". */
__attribute__((format(printf, 4, 5))) static bg_err bad(bg__error *err, const char *path,
                                                        const char *where, const char *fmt, ...) {
    char problem[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem, sizeof problem, fmt, ap);
    va_end(ap);
    return bg__set_error(err, BG_EINPUT, "%s: %s: %s", path, where, problem);
}

static const char *type_of(const cJSON *v) {
    if (v == NULL)
        return "missing";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    return cJSON_IsArray(v) ? "an array" : "an object";
}

/* The kinds a value may be, as bits, and their words. */
enum { T_STR = 1, T_NUM = 2, T_BOOL = 4, T_NULL = 8, T_OBJ = 16, T_ARR = 32, T_INT = 64 };

static int has_kind(const cJSON *v, int kinds) {
    return ((kinds & T_STR) && cJSON_IsString(v)) || ((kinds & T_NUM) && cJSON_IsNumber(v)) ||
           ((kinds & T_BOOL) && cJSON_IsBool(v)) || ((kinds & T_NULL) && cJSON_IsNull(v)) ||
           ((kinds & T_OBJ) && cJSON_IsObject(v)) || ((kinds & T_ARR) && cJSON_IsArray(v)) ||
           ((kinds & T_INT) && cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble));
}

/** One member: its key, the kinds it may be, their words, and the least number it may hold. */
typedef struct field_rule {
    const char *key;
    int kinds;
    const char *what;
    double min; /* NAN: no bound */
} field_rule;

/* Checks obj.key for every rule; where is the object's JSON path. */
static bg_err check_fields(const char *path, const char *where, const cJSON *obj,
                           const field_rule *rules, size_t n, bg__error *err) {
    for (size_t i = 0; i < n; i++) {
        const cJSON *v = bg__json_get(obj, rules[i].key);
        char at[600];
        snprintf(at, sizeof at, "%s%s%s", where, where[0] ? "." : "", rules[i].key);
        if (!has_kind(v, rules[i].kinds))
            return bad(err, path, at, "is %s, not %s", type_of(v), rules[i].what);
        if (!isnan(rules[i].min) && cJSON_IsNumber(v) && v->valuedouble < rules[i].min)
            return bad(err, path, at, "is %.17g, below its minimum %g", v->valuedouble,
                       rules[i].min);
    }
    return BG_OK;
}

/* Every member of obj is a string (params, env). */
static bg_err check_strings(const char *path, const char *where, const cJSON *obj, bg__error *err) {
    for (const cJSON *c = obj ? obj->child : NULL; c != NULL; c = c->next)
        if (!cJSON_IsString(c)) {
            char key[400];
            bg__value_excerpt(c->string ? c->string : "", key, sizeof key);
            return bad(err, path, where, "'%s' is %s, not a string", key, type_of(c));
        }
    return BG_OK;
}

/* s is one of the NULL-terminated words. */
static int one_of(const char *s, const char *const *words) {
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return 1;
    return 0;
}

/* A value of an enum: the key, the words it may be, and their list for the message. */
static bg_err check_enum(const char *path, const char *where, const cJSON *obj, const char *key,
                         const char *const *words, const char *list, int optional, bg__error *err) {
    const cJSON *v = bg__json_get(obj, key);
    if (v == NULL && optional)
        return BG_OK;
    char at[600], shown[400];
    snprintf(at, sizeof at, "%s.%s", where, key);
    if (!cJSON_IsString(v))
        return bad(err, path, at, "is %s, not one of %s", type_of(v), list);
    if (!one_of(v->valuestring, words)) {
        bg__value_excerpt(v->valuestring, shown, sizeof shown);
        return bad(err, path, at, "'%s' is not one of %s", shown, list);
    }
    return BG_OK;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const field_rule run_rules[] = {
    {"run_id", T_STR, "a string", NAN},       {"timestamp", T_STR, "a string", NAN},
    {"command_line", T_STR, "a string", NAN}, {"git", T_OBJ, "an object", NAN},
    {"config", T_OBJ, "an object", NAN},      {"dry_run", T_BOOL, "a boolean", NAN},
};

static const field_rule system_rules[] = {
    {"hostname", T_STR, "a string", NAN},   {"os", T_STR, "a string", NAN},
    {"kernel", T_STR, "a string", NAN},     {"arch", T_STR, "a string", NAN},
    {"cpu_model", T_STR, "a string", NAN},  {"cpu_count", T_INT, "an integer", 1},
    {"ram_total_gb", T_NUM, "a number", 0}, {"machine_class", T_STR, "a string", NAN},
    {"compiler", T_STR, "a string", NAN},   {"build_type", T_STR, "a string", NAN},
    {"gpus", T_ARR, "an array", NAN},       {"env", T_OBJ, "an object", NAN},
};

static const field_rule dataset_rules[] = {
    {"name", T_STR, "a string", NAN},
    {"version", T_STR, "a string", NAN},
    {"sha256", T_STR, "a string", NAN},
    {"path", T_STR, "a string", NAN},
};

/* The schema's slug: lowercase letters and digits in words joined by single '-' (or empty). */
static int slug(const char *s) {
    for (const char *p = s; *p; p++) {
        int word = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (!word && !(*p == '-' && p != s && p[1] != '\0' && p[1] != '-'))
            return 0;
    }
    return 1;
}

static bg_err check_system(const char *path, const cJSON *sys, bg__error *err) {
    BG_FORWARD_IF_ERROR(check_fields(path, "system", sys, system_rules, COUNT(system_rules), err));
    const char *cls = bg__json_text(sys, "machine_class");
    char shown[400];
    bg__value_excerpt(cls, shown, sizeof shown);
    if (!slug(cls))
        return bad(err, path, "system.machine_class",
                   "'%s' is not a machine class (lowercase letters and digits, words joined by "
                   "'-')",
                   shown);
    return check_strings(path, "system.env", bg__json_get(sys, "env"), err);
}

static bg_err check_datasets(const char *path, const cJSON *list, bg__error *err) {
    int i = 0;
    for (const cJSON *d = list->child; d != NULL; d = d->next, i++) {
        char where[48];
        snprintf(where, sizeof where, "datasets[%d]", i);
        if (!cJSON_IsObject(d))
            return bad(err, path, where, "is %s, not an object", type_of(d));
        BG_FORWARD_IF_ERROR(check_fields(path, where, d, dataset_rules, COUNT(dataset_rules), err));
        if (bg__json_text(d, "name")[0] == '\0')
            return bad(err, path, where, "name is empty");
    }
    return BG_OK;
}

bg_err bg__check_result_fields(const char *path, const cJSON *doc, bg__error *err) {
    static const char *const top[] = {"schema",   "complete",   "run",        "system",
                                      "datasets", "benchmarks", "complexity", NULL};
    for (const cJSON *c = doc->child; c != NULL; c = c->next)
        if (!one_of(c->string, top)) {
            char key[400];
            bg__value_excerpt(c->string, key, sizeof key);
            return bad(err, path, key,
                       "not a key of benchgate.result/1 (schema, complete, run, "
                       "system, datasets, benchmarks, complexity)");
        }
    BG_FORWARD_IF_ERROR(
        check_fields(path, "run", bg__json_get(doc, "run"), run_rules, COUNT(run_rules), err));
    if (bg__json_text(bg__json_get(doc, "run"), "run_id")[0] == '\0')
        return bad(err, path, "run.run_id", "is empty");
    BG_FORWARD_IF_ERROR(check_system(path, bg__json_get(doc, "system"), err));
    return check_datasets(path, bg__json_get(doc, "datasets"), err);
}

/* ---- a benchmark and its metrics ---- */

static const char *const statuses[] = {"ok", "skipped", "error", NULL};
static const char *const devices[] = {"cpu", "cuda", NULL};
static const char *const measures[] = {"time", "cpu", "instructions", NULL};
static const char *const directions[] = {"lower", "higher", "none", NULL};

static const field_rule stats_rules[] = {
    {"n", T_INT, "an integer", 1},    {"median", T_NUM, "a number", NAN},
    {"mean", T_NUM, "a number", NAN}, {"stddev", T_NUM, "a number", 0},
    {"min", T_NUM, "a number", NAN},  {"max", T_NUM, "a number", NAN},
    {"p50", T_NUM, "a number", NAN},  {"p95", T_NUM, "a number", NAN},
    {"p99", T_NUM, "a number", NAN},  {"ci95", T_ARR, "an array", NAN},
    {"cv", T_NUM, "a number", NAN},   {"outliers", T_INT, "an integer", 0},
};

/* Every item of the array at obj.key (when there is one) is a number. */
static bg_err check_numbers(const char *path, const char *where, const cJSON *obj, const char *key,
                            bg__error *err) {
    const cJSON *list = bg__json_get(obj, key);
    if (list == NULL)
        return BG_OK;
    char at[600];
    snprintf(at, sizeof at, "%s.%s", where, key);
    if (!cJSON_IsArray(list))
        return bad(err, path, at, "is %s, not an array of numbers", type_of(list));
    for (const cJSON *c = list->child; c != NULL; c = c->next)
        if (!cJSON_IsNumber(c))
            return bad(err, path, at, "holds %s, not only numbers", type_of(c));
    return BG_OK;
}

static bg_err check_stats(const char *path, const char *where, const char *name, const cJSON *m,
                          bg__error *err) {
    BG_FORWARD_IF_ERROR(check_fields(path, where, m, stats_rules, COUNT(stats_rules), err));
    const cJSON *ci = bg__json_get(m, "ci95");
    if (cJSON_GetArraySize(ci) != 2 || !cJSON_IsNumber(cJSON_GetArrayItem(ci, 0)) ||
        !cJSON_IsNumber(cJSON_GetArrayItem(ci, 1)))
        return bad(err, path, where, "ci95 is not [low, high], two numbers");
    if (bg__json_get(m, "value") != NULL)
        return bad(err, path, where, "has both statistics (median) and a value");
    BG_FORWARD_IF_ERROR(check_numbers(path, where, m, "run_medians", err));
    BG_FORWARD_IF_ERROR(check_numbers(path, where, m, "repetition_medians", err));
    bg__metric_kind kind = bg__metric_kind_of(name);
    double median = bg__json_number_or(m, "median", 0);
    if (bg__status_ok(m) && (kind == BG__METRIC_SPEED || kind == BG__METRIC_COUNT) && !(median > 0))
        return bad(err, path, where,
                   "median is %.17g, not above zero (an ok time or count is a measurement)",
                   median);
    return BG_OK;
}

static bg_err check_metric(const char *path, const char *where, const char *name, const cJSON *m,
                           bg__error *err) {
    if (!cJSON_IsObject(m))
        return bad(err, path, where, "is %s, not a metric (an object)", type_of(m));
    BG_FORWARD_IF_ERROR(
        check_enum(path, where, m, "status", statuses, "ok, skipped, error", 0, err));
    const cJSON *unit = bg__json_get(m, "unit");
    if (!cJSON_IsString(unit))
        return bad(err, path, where, "unit is %s, not a string", type_of(unit));
    BG_FORWARD_IF_ERROR(
        check_enum(path, where, m, "better", directions, "lower, higher, none", 0, err));
    const cJSON *msg = bg__json_get(m, "error_message");
    if (msg != NULL && !cJSON_IsString(msg))
        return bad(err, path, where, "error_message is %s, not a string", type_of(msg));
    if (bg__json_get(m, "median") != NULL)
        return check_stats(path, where, name, m, err);
    const cJSON *value = bg__json_get(m, "value");
    if (!cJSON_IsNumber(value) && !(cJSON_IsNull(value) && !bg__status_ok(m)))
        return bad(err, path, where, "value is %s: %s", type_of(value),
                   bg__status_ok(m) ? "an ok metric without statistics has a number value"
                                    : "a value is a number or null");
    return BG_OK;
}

static bg_err check_metrics(const char *path, int i, const cJSON *metrics, bg__error *err) {
    char where[600];
    if (bg__json_get(metrics, "time_ns") == NULL) {
        snprintf(where, sizeof where, "benchmarks[%d].metrics", i);
        return bad(err, path, where, "time_ns is missing (every benchmark has it)");
    }
    for (const cJSON *m = metrics->child; m != NULL; m = m->next) {
        char key[400];
        bg__value_excerpt(m->string ? m->string : "", key, sizeof key);
        snprintf(where, sizeof where, "benchmarks[%d].metrics.%s", i, key);
        BG_FORWARD_IF_ERROR(check_metric(path, where, m->string ? m->string : "", m, err));
    }
    return BG_OK;
}

bg_err bg__check_benchmark_fields(const char *path, int i, const cJSON *b, bg__error *err) {
    char where[48];
    snprintf(where, sizeof where, "benchmarks[%d]", i);
    if (bg__json_text(b, "family")[0] == '\0')
        return bad(err, path, where, "family is empty");
    BG_FORWARD_IF_ERROR(check_enum(path, where, b, "device", devices, "cpu, cuda", 0, err));
    BG_FORWARD_IF_ERROR(
        check_enum(path, where, b, "measure", measures, "time, cpu, instructions", 1, err));
    const cJSON *params = bg__json_get(b, "params");
    char at[64];
    snprintf(at, sizeof at, "%s.params", where);
    if (!cJSON_IsObject(params))
        return bad(err, path, at, "is %s, not an object of axis values", type_of(params));
    BG_FORWARD_IF_ERROR(check_strings(path, at, params, err));
    const cJSON *reused = bg__json_get(b, "reused");
    if (reused && !cJSON_IsBool(reused)) /* a reused result is marked, never guessed */
        return bad(err, path, where, "reused is %s, not true or false", type_of(reused));
    const cJSON *msg = bg__json_get(b, "error_message");
    snprintf(at, sizeof at, "%s.error_message", where);
    if (bg__status_ok(b) && !cJSON_IsNull(msg))
        return bad(err, path, at, "is %s: an ok benchmark has null", type_of(msg));
    if (!bg__status_ok(b) && !cJSON_IsString(msg))
        return bad(err, path, at, "is %s: a %s benchmark says why in a string", type_of(msg),
                   bg__json_text(b, "status"));
    return check_metrics(path, i, bg__json_get(b, "metrics"), err);
}
