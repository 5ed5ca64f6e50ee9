/* result_check.c - one validation of benchgate.result/1 documents for every path that reads
 * them (compare, the gate, baseline, export, summary, merge), after the strict JSON of
 * common/json_strict.c (line:column, no byte order mark, no key twice): the schema's required
 * fields and statuses, numbers where a status says "ok", unique benchmark names, and the field
 * rules of result_schema.c. A document that fails is never compared or written on. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "results/results.h"

/** A key that a document must hold, with the cJSON types it may have. */
typedef struct key_rule {
    const char *key;
    int types;
    const char *what;
} key_rule;

static const key_rule top_rules[] = {
    {"complete", cJSON_True | cJSON_False, "a boolean"},
    {"run", cJSON_Object, "an object"},
    {"system", cJSON_Object, "an object"},
    {"datasets", cJSON_Array, "an array"},
    {"benchmarks", cJSON_Array, "an array"},
};

static const key_rule bench_rules[] = {
    {"name", cJSON_String, "a string"},
    {"family", cJSON_String, "a string"},
    {"status", cJSON_String, "a string"},
    {"metrics", cJSON_Object, "an object"},
};

/* @return the first rule obj breaks, or NULL. */
static const key_rule *broken_rule(const cJSON *obj, const key_rule *rules, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const cJSON *item = bg__json_get(obj, rules[i].key);
        if (item == NULL || (item->type & 0xFF & rules[i].types) == 0)
            return &rules[i];
    }
    return NULL;
}

static int known_status(const char *s) {
    return strcmp(s, "ok") == 0 || strcmp(s, "skipped") == 0 || strcmp(s, "error") == 0;
}

/* An "ok" metric carries its figure: a number "median" (statistics) or "value". */
static int has_figure(const cJSON *m) {
    return cJSON_IsNumber(bg__json_get(m, "median")) || cJSON_IsNumber(bg__json_get(m, "value"));
}

static bg_err check_metrics(const char *path, int i, const cJSON *metrics, bg__error *err) {
    const cJSON *m;
    char key[400]; /* a metric's name, at most 80 bytes of it: the problem comes after it */
    cJSON_ArrayForEach(m, metrics) {
        bg__value_excerpt(m->string ? m->string : "", key, sizeof key);
        BG_RETURN_IF(!cJSON_IsObject(m) || !known_status(bg__json_text(m, "status")) ||
                         !cJSON_IsString(bg__json_get(m, "unit")),
                     err, BG_EINPUT,
                     "%s: benchmarks[%d].metrics.%s: not a metric (an object with \"status\" "
                     "ok|skipped|error and a \"unit\")",
                     path, i, key);
        BG_RETURN_IF(strcmp(bg__json_text(m, "status"), "ok") == 0 && !has_figure(m), err,
                     BG_EINPUT,
                     "%s: benchmarks[%d].metrics.%s: status ok but no number \"median\" or "
                     "\"value\"",
                     path, i, key);
    }
    return BG_OK;
}

static bg_err check_benchmark(const char *path, int i, const cJSON *b, bg__error *err) {
    BG_RETURN_IF(!cJSON_IsObject(b), err, BG_EINPUT, "%s: benchmarks[%d]: not an object", path, i);
    const key_rule *r = broken_rule(b, bench_rules, sizeof bench_rules / sizeof bench_rules[0]);
    BG_RETURN_IF(r != NULL, err, BG_EINPUT, "%s: benchmarks[%d].%s: missing or not %s", path, i,
                 r ? r->key : "", r ? r->what : "");
    char why[96];
    BG_RETURN_IF(bg__name_problem(bg__json_text(b, "name"), why, sizeof why), err, BG_EINPUT,
                 "%s: benchmarks[%d].name: %s", path, i, why);
    char key[48];
    snprintf(key, sizeof key, "benchmarks[%d].status", i);
    if (!known_status(bg__json_text(b, "status")))
        return bg__value_error(err, BG_EINPUT, path, key, bg__json_text(b, "status"),
                               "is not ok, skipped or error");
    BG_FORWARD_IF_ERROR(check_metrics(path, i, bg__json_get(b, "metrics"), err));
    return bg__check_benchmark_fields(path, i, b, err);
}

static int by_text(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Two benchmarks of one name would let one hide the other from the gate. */
static bg_err check_unique(const char *path, const cJSON *list, bg__error *err) {
    int n = cJSON_GetArraySize(list);
    const char **names = malloc((size_t)(n > 0 ? n : 1) * sizeof *names);
    BG_RETURN_IF(names == NULL, err, BG_ENOMEM, "%s: out of memory", path);
    int k = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, list) names[k++] = bg__json_text(b, "name");
    qsort(names, (size_t)k, sizeof *names, by_text);
    const char *dup = NULL;
    char shown[400];
    for (int i = 1; i < k && dup == NULL; i++)
        if (strcmp(names[i - 1], names[i]) == 0)
            dup = names[i];
    bg_err rc =
        dup ? (bg__value_excerpt(dup, shown, sizeof shown),
               bg__set_error(err, BG_EINPUT, "%s: benchmarks: the name '%s' appears more than once",
                             path, shown))
            : BG_OK;
    free(names);
    return rc;
}

bg_err bg__check_result(const char *path, const cJSON *doc, bg__error *err) {
    BG_RETURN_IF(!cJSON_IsObject(doc) || strcmp(bg__json_text(doc, "schema"), "benchgate.result/1"),
                 err, BG_EINPUT, "%s: not a benchgate.result/1 document (\"schema\" differs)",
                 path);
    const key_rule *r = broken_rule(doc, top_rules, sizeof top_rules / sizeof top_rules[0]);
    BG_RETURN_IF(r != NULL, err, BG_EINPUT, "%s: \"%s\" missing or not %s", path, r ? r->key : "",
                 r ? r->what : "");
    BG_FORWARD_IF_ERROR(bg__check_result_fields(path, doc, err));
    BG_FORWARD_IF_ERROR(bg__check_complexity(path, doc, err)); /* complexity_check.c */
    int i = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        BG_FORWARD_IF_ERROR(check_benchmark(path, i, b, err));
        i++;
    }
    return check_unique(path, bg__json_get(doc, "benchmarks"), err);
}
