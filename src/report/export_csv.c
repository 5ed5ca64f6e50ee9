/* export_csv.c - export --format=csv: the columns and numbers of result.csv, from the JSON. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"

/* ---- csv -------------------------------------------------------------------------------- */

/* A number as result.csv writes it (%.17g: the double itself), or an empty field. */
static void csv_number(bg__strbuf *sb, int present, double v) {
    char buf[40] = "";
    if (present)
        snprintf(buf, sizeof buf, "%.17g", v);
    bg__sb_csv_field(sb, buf, 0);
}

static void csv_key(bg__strbuf *sb, const cJSON *metric, const char *key) {
    double v = 0;
    int present =
        bg__json_finite(metric, key, &v); /* before v is read: argument order is unspecified */
    csv_number(sb, present, v);
}

/* One row, the columns and numbers of result.csv (results/results_files.c), from the JSON. */
static void csv_row(bg__strbuf *sb, const cJSON *b, const cJSON *metric) {
    static const char *const stats[] = {"median", "mean", "stddev", "min", "max", "p95", "p99"};
    bg__sb_csv_field(sb, bg__json_text(b, "name"), 0);
    bg__sb_csv_field(sb, bg__json_text(b, "family"), 0);
    bg__sb_csv_field(sb, bg__json_text(b, "device"), 0);
    bg__sb_csv_field(sb, metric->string, 0);
    bg__sb_csv_field(sb, bg__json_text(metric, "status"), 0);
    bg__sb_csv_field(sb, bg__json_text(metric, "unit"), 0);
    double median = 0, value = 0;
    int has_median = bg__json_finite(metric, "median", &median);
    int has_value = bg__json_finite(metric, "value", &value);
    csv_number(sb, has_median || has_value, has_median ? median : value);
    csv_key(sb, metric, "n");
    for (size_t i = 0; i < sizeof stats / sizeof *stats; i++)
        csv_key(sb, metric, stats[i]);
    const cJSON *ci = bg__json_get(metric, "ci95");
    for (int i = 0; i < 2; i++) {
        const cJSON *bound = cJSON_GetArrayItem(ci, i);
        csv_number(sb, cJSON_IsNumber(bound), cJSON_IsNumber(bound) ? bound->valuedouble : 0);
    }
    csv_key(sb, metric, "cv");
    bg__sb_csv_field(sb, bg__json_text(metric, "error_message"), 0);
    /* the benchmark's own status and message on each of its rows: a failed benchmark's ok
     * time_ns row still says error */
    bg__sb_csv_field(sb, bg__json_text(b, "status"), 0);
    bg__sb_csv_field(sb, bg__json_text(b, "error_message"), 1);
}

bg_err bg__export_csv(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    (void)err;
    bg__sb_printf(sb, "benchmark,family,device,metric,status,unit,value,n,median,mean,stddev,min,"
                      "max,p95,p99,ci95_lo,ci95_hi,cv,message,benchmark_status,error_message\n");
    const cJSON *b, *m;
    cJSON_ArrayForEach(b, x->benchmarks) {
        cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) csv_row(sb, b, m);
    }
    return BG_OK;
}
