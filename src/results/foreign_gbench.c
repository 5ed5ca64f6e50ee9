/* foreign_gbench.c - Google Benchmark's JSON (--benchmark_format=json, --benchmark_out) as a
 * benchgate.result/1 document. One benchmark per run_name: its iteration rows (one per
 * repetition) are the samples of time_ns (real_time) and cpu_time_ns (cpu_time), in ns whatever
 * their time_unit, and each repetition is a repetition median for the gate; a run reported by
 * its aggregates only (--benchmark_report_aggregates_only) keeps its median, mean and stddev.
 * BigO and RMS rows are fits, never timings: left out and counted. Counters become metrics
 * (bytes_per_second and items_per_second as rates, the others without a direction); the label,
 * error_occurred / error_message and skipped / skip_message are kept; context is the system. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "results/results.h"

#define GB_MAX_COUNTERS 32

/* The keys of a row that are not counters. */
static int is_row_key(const char *key) {
    static const char *const keys[] = {"name",
                                       "family_index",
                                       "per_family_instance_index",
                                       "run_name",
                                       "run_type",
                                       "repetitions",
                                       "repetition_index",
                                       "threads",
                                       "iterations",
                                       "real_time",
                                       "cpu_time",
                                       "time_unit",
                                       "aggregate_name",
                                       "aggregate_unit",
                                       "error_occurred",
                                       "error_message",
                                       "skipped",
                                       "skip_message",
                                       "label",
                                       "big_o",
                                       "rms",
                                       "cpu_coefficient",
                                       "real_coefficient"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i]) == 0)
            return 1;
    return 0;
}

/** The rows of one run_name, in the order they came. */
typedef struct gb_group {
    const char *name;
    const cJSON **rows; /* iteration rows */
    size_t n, cap;
    const cJSON *agg_median, *agg_mean, *agg_stddev; /* aggregates, for aggregates-only runs */
    double repetitions;
    const cJSON *failed, *skipped, *label;
} gb_group;

typedef struct gb_reader {
    const char *path;
    gb_group *groups;
    size_t count, cap;
    size_t ignored; /* BigO, RMS and statistics of the user's own */
    bg__error *err;
} gb_reader;

static gb_group *group_of(gb_reader *r, const char *name) {
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->groups[i].name, name) == 0)
            return &r->groups[i];
    if (bg__grow((void **)&r->groups, &r->cap, r->count + 1, sizeof *r->groups, 16) != 0)
        return NULL;
    gb_group *g = &r->groups[r->count++];
    memset(g, 0, sizeof *g);
    g->name = name;
    return g;
}

static int add_row(gb_group *g, const cJSON *row) {
    if (bg__grow((void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows, 4) != 0)
        return -1;
    g->rows[g->n++] = row;
    return 0;
}

/* A row's time in ns (key real_time or cpu_time), after its time_unit. */
static bg_err row_time(gb_reader *r, int i, const cJSON *row, const char *key, double *ns) {
    const char *unit = bg__json_text(row, "time_unit");
    double scale = 1, v;
    char where[64];
    snprintf(where, sizeof where, "benchmarks[%d].time_unit", i);
    if (!cJSON_IsString(bg__json_get(row, "time_unit")))
        return bg__set_error(r->err, BG_EINPUT, "%s: %s: missing or not a string (ns, us, ms, s)",
                             r->path, where);
    if (!bg__foreign_time_scale(unit, &scale))
        return bg__value_error(r->err, BG_EINPUT, r->path, where, unit,
                               "is not a time unit (ns, us, ms, s)");
    if (!bg__json_finite(row, key, &v) || v < 0)
        return bg__set_error(r->err, BG_EINPUT,
                             "%s: benchmarks[%d].%s: missing or not a number >= 0", r->path, i,
                             key);
    *ns = v * scale;
    return BG_OK;
}

/* A fit of the complexity (BigO, RMS), or a statistic the gate has no use for. */
static int ignored_aggregate(const cJSON *row) {
    const char *agg = bg__json_text(row, "aggregate_name");
    return bg__json_get(row, "big_o") || bg__json_get(row, "rms") || strcmp(agg, "BigO") == 0 ||
           strcmp(agg, "RMS") == 0 ||
           (strcmp(agg, "median") && strcmp(agg, "mean") && strcmp(agg, "stddev"));
}

static bg_err read_row(gb_reader *r, int i, const cJSON *row) {
    BG_RETURN_IF(!cJSON_IsObject(row), r->err, BG_EINPUT, "%s: benchmarks[%d]: not an object",
                 r->path, i);
    BG_RETURN_IF(!cJSON_IsString(bg__json_get(row, "name")), r->err, BG_EINPUT,
                 "%s: benchmarks[%d].name: missing or not a string", r->path, i);
    const cJSON *type = bg__json_get(row, "run_type");
    BG_RETURN_IF(type && !cJSON_IsString(type), r->err, BG_EINPUT,
                 "%s: benchmarks[%d].run_type: not a string (iteration or aggregate)", r->path, i);
    int aggregate = type && strcmp(type->valuestring, "aggregate") == 0;
    if (type && !aggregate && strcmp(type->valuestring, "iteration") != 0) {
        char where[48];
        snprintf(where, sizeof where, "benchmarks[%d].run_type", i);
        return bg__value_error(r->err, BG_EINPUT, r->path, where, type->valuestring,
                               "is not iteration or aggregate");
    }
    if (bg__json_get(row, "big_o") || bg__json_get(row, "rms") ||
        (aggregate && ignored_aggregate(row))) {
        r->ignored++;
        return BG_OK;
    }
    const char *run_name = cJSON_IsString(bg__json_get(row, "run_name"))
                               ? bg__json_text(row, "run_name")
                               : bg__json_text(row, "name");
    gb_group *g = group_of(r, run_name);
    BG_RETURN_IF(g == NULL, r->err, BG_ENOMEM, "%s: out of memory", r->path);
    g->repetitions = bg__json_number_or(row, "repetitions", g->repetitions);
    if (cJSON_IsString(bg__json_get(row, "label")))
        g->label = bg__json_get(row, "label");
    if (cJSON_IsTrue(bg__json_get(row, "error_occurred"))) {
        g->failed = row;
        return BG_OK;
    }
    if (cJSON_IsTrue(bg__json_get(row, "skipped"))) {
        g->skipped = row;
        return BG_OK;
    }
    double ns;
    BG_FORWARD_IF_ERROR(row_time(r, i, row, "real_time", &ns));
    BG_FORWARD_IF_ERROR(row_time(r, i, row, "cpu_time", &ns));
    if (aggregate) {
        const char *agg = bg__json_text(row, "aggregate_name");
        const cJSON **slot = strcmp(agg, "median") == 0 ? &g->agg_median
                             : strcmp(agg, "mean") == 0 ? &g->agg_mean
                                                        : &g->agg_stddev;
        *slot = row;
        return BG_OK;
    }
    BG_RETURN_IF(add_row(g, row) != 0, r->err, BG_ENOMEM, "%s: out of memory", r->path);
    return BG_OK;
}

/* The time of each row of g in ns. */
static void times_of(const gb_group *g, const char *key, double *out) {
    for (size_t k = 0; k < g->n; k++) {
        double scale = 1;
        bg__foreign_time_scale(bg__json_text(g->rows[k], "time_unit"), &scale);
        out[k] = bg__json_number_or(g->rows[k], key, NAN) * scale;
    }
}

/* The counters of the rows: each number the rows hold that is not one of the row's own keys. */
static void add_counters(cJSON *bench, const gb_group *g, double *v) {
    const cJSON *c;
    cJSON_ArrayForEach(c, g->rows[0]) {
        if (!cJSON_IsNumber(c) || is_row_key(c->string) || strcmp(c->string, "time_ns") == 0 ||
            strcmp(c->string, "cpu_time_ns") == 0)
            continue;
        size_t n = 0;
        for (size_t k = 0; k < g->n; k++) {
            const cJSON *x = bg__json_get(g->rows[k], c->string);
            if (cJSON_IsNumber(x))
                v[n++] = x->valuedouble;
        }
        int bytes = strcmp(c->string, "bytes_per_second") == 0;
        int items = strcmp(c->string, "items_per_second") == 0;
        const char *unit = bytes ? "B/s" : items ? "items/s" : "";
        const char *better = bytes || items ? "higher" : "none";
        if (n > 1)
            bg__foreign_samples(bench, c->string, unit, better, v, n, 1);
        else
            bg__foreign_value(bench, c->string, unit, better, v[0]);
    }
}

/* An aggregates-only run: the median (else the mean) and the stddev over its repetitions. */
static void add_aggregates(cJSON *bench, const gb_group *g, const char *key, const char *metric) {
    const cJSON *center = g->agg_median ? g->agg_median : g->agg_mean;
    double scale = 1, sd = NAN;
    bg__foreign_time_scale(bg__json_text(center, "time_unit"), &scale);
    if (g->agg_stddev) {
        double s2 = 1;
        bg__foreign_time_scale(bg__json_text(g->agg_stddev, "time_unit"), &s2);
        sd = bg__json_number_or(g->agg_stddev, key, NAN) * s2;
    }
    bg__foreign_summary(bench, metric, "ns", "lower", bg__json_number_or(center, key, NAN) * scale,
                        sd, g->repetitions);
}

static void add_group(cJSON *doc, const gb_group *g, double *buf) {
    char family[BG__NAME_MAX + 1];
    snprintf(family, sizeof family, "%.*s", (int)strcspn(g->name, "/"), g->name);
    cJSON *bench = bg__foreign_benchmark(doc, g->name, family, "cpu");
    if (g->label)
        cJSON_AddStringToObject(bench, "label", g->label->valuestring);
    if (g->failed) {
        bg__foreign_status(bench, "error", bg__json_text(g->failed, "error_message"));
        return;
    }
    if (g->n == 0 && (g->agg_median || g->agg_mean)) {
        add_aggregates(bench, g, "real_time", "time_ns");
        add_aggregates(bench, g, "cpu_time", "cpu_time_ns");
        return;
    }
    if (g->n == 0) {
        bg__foreign_status(bench, "skipped",
                           g->skipped ? bg__json_text(g->skipped, "skip_message") : "no timing");
        return;
    }
    cJSON_AddNumberToObject(bench, "iterations_per_sample",
                            bg__json_number_or(g->rows[0], "iterations", 0));
    times_of(g, "real_time", buf);
    bg__foreign_samples(bench, "time_ns", "ns", "lower", buf, g->n, 1);
    times_of(g, "cpu_time", buf);
    bg__foreign_samples(bench, "cpu_time_ns", "ns", "lower", buf, g->n, 1);
    add_counters(bench, g, buf);
}

/* context: the machine it ran on, as far as Google Benchmark says. */
static void add_context(cJSON *doc, const cJSON *ctx) {
    bg__foreign_system_text(doc, "hostname", bg__json_text(ctx, "host_name"));
    bg__foreign_system_text(doc, "build_type", bg__json_text(ctx, "library_build_type"));
    double cpus = bg__json_number_or(ctx, "num_cpus", NAN);
    if (cpus >= 1)
        bg__foreign_system_number(doc, "cpu_count", floor(cpus));
    const cJSON *load = cJSON_GetArrayItem(bg__json_get(ctx, "load_avg"), 0);
    if (cJSON_IsNumber(load) && load->valuedouble >= 0)
        cJSON_AddNumberToObject(cJSON_GetObjectItemCaseSensitive(doc, "system"), "load_avg_1m",
                                load->valuedouble);
    bg__foreign_run_text(doc, "command_line", bg__json_text(ctx, "executable"));
    char program[256];
    bg__foreign_program(bg__json_text(ctx, "executable"), program, sizeof program);
    if (program[0])
        bg__foreign_run_text(doc, "program", program);
    char when[64];
    if (bg__foreign_timestamp(bg__json_text(ctx, "date"), when, sizeof when))
        bg__foreign_run_text(doc, "timestamp", when);
}

bg_err bg__from_gbench(const cJSON *in, const char *path, cJSON **out, bg__error *err) {
    gb_reader r = {path, NULL, 0, 0, 0, err};
    int i = 0;
    const cJSON *row;
    bg_err rc = BG_OK;
    cJSON_ArrayForEach(row, bg__json_get(in, "benchmarks")) {
        if ((rc = read_row(&r, i++, row)) != BG_OK)
            break;
    }
    size_t most = 1;
    for (size_t k = 0; k < r.count; k++)
        most = r.groups[k].n > most ? r.groups[k].n : most;
    double *buf = rc == BG_OK ? malloc(most * sizeof *buf) : NULL;
    if (rc == BG_OK && buf == NULL)
        rc = bg__set_error(err, BG_ENOMEM, "%s: out of memory", path);
    if (rc == BG_OK) {
        *out = bg__foreign_document(BG__FROM_GBENCH, path);
        add_context(*out, bg__json_get(in, "context"));
        cJSON_AddNumberToObject(cJSON_GetObjectItemCaseSensitive(*out, "run"),
                                "source_rows_ignored", (double)r.ignored);
        for (size_t k = 0; k < r.count; k++)
            add_group(*out, &r.groups[k], buf);
    }
    free(buf);
    for (size_t k = 0; k < r.count; k++)
        free(r.groups[k].rows);
    free(r.groups);
    return rc;
}
