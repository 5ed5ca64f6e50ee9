/* export_custom.c - a result as github-action-benchmark's custom JSON: an array of
 * {name, unit, value, range, extra}, one entry per benchmark and metric, for its tools
 * customSmallerIsBetter (times, instruction counts, memory, errors) and customBiggerIsBetter
 * (throughput, accuracy). Unlike the gbench export, it carries every metric, not only time. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"
#include "results/results.h"

/* The metric's figure (bg__metric_figure: its median, else its value) and the half
 * width of its 95% CI (NaN when it has none); 0 when it has no finite figure. */
static int figure_of(const cJSON *metric, double *v, double *half_ci) {
    const cJSON *ci = cJSON_GetObjectItemCaseSensitive(metric, "ci95");
    *half_ci = NAN;
    if (cJSON_IsArray(ci) && cJSON_GetArraySize(ci) == 2) {
        double lo = cJSON_GetArrayItem(ci, 0)->valuedouble;
        double hi = cJSON_GetArrayItem(ci, 1)->valuedouble;
        *half_ci = (hi - lo) / 2;
    }
    return bg__metric_figure(metric, v) && isfinite(*v);
}

/* 1 when the metric is better `better` ("lower" or "higher"); its status is figure_of's. */
static int better_is(const cJSON *metric, const char *better) {
    const char *b = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(metric, "better"));
    return b && strcmp(b, better) == 0;
}

static void add_entry(cJSON *list, const char *bench, const char *name, const cJSON *metric) {
    double v, half;
    if (!figure_of(metric, &v, &half))
        return;
    const char *unit = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(metric, "unit"));
    char label[700], range[64], extra[160];
    snprintf(label, sizeof label, "%s %s", bench, name);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", label);
    cJSON_AddStringToObject(e, "unit", unit && unit[0] ? unit : "count");
    bg__json_number(e, "value", v);
    if (isfinite(half)) {
        snprintf(range, sizeof range, "\u00b1%.4g", half); /* the 95% CI's half width */
        cJSON_AddStringToObject(e, "range", range);
    }
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(metric, "n");
    if (cJSON_IsNumber(n))
        snprintf(extra, sizeof extra, "median of %.0f samples; range: 95%% confidence interval",
                 n->valuedouble);
    else
        snprintf(extra, sizeof extra, "one value per run");
    cJSON_AddStringToObject(e, "extra", extra);
    cJSON_AddItemToArray(list, e);
}

/* The entries of every ok benchmark's ok metrics that are better when `better`. */
static bg_err custom_export(const cJSON *benchmarks, const char *better, bg__strbuf *sb,
                            bg__error *err) {
    cJSON *list = cJSON_CreateArray();
    BG_RETURN_IF(list == NULL, err, BG_ENOMEM, "out of memory building the custom export");
    const cJSON *b, *m;
    cJSON_ArrayForEach(b, benchmarks) {
        const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "status"));
        const char *bench = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "name"));
        if (!status || strcmp(status, "ok") != 0 || !bench)
            continue;
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(b, "metrics")) {
            if (better_is(m, better))
                add_entry(list, bench, m->string, m);
        }
    }
    char *text = bg__json_print(list, 1);
    cJSON_Delete(list);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory building the custom export");
    bg__sb_puts(sb, text);
    free(text);
    return BG_OK;
}

bg_err bg__export_custom_smaller(const cJSON *benchmarks, bg__strbuf *sb, bg__error *err) {
    return custom_export(benchmarks, "lower", sb, err);
}

bg_err bg__export_custom_bigger(const cJSON *benchmarks, bg__strbuf *sb, bg__error *err) {
    return custom_export(benchmarks, "higher", sb, err);
}
