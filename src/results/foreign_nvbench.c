/* foreign_nvbench.c - nvbench's JSON (--json FILE) as a benchgate.result/1 document. One
 * benchmark per state ("copy/cuda/T=I32"): time_ns is the mean isolated GPU time
 * (nv/cold/time/gpu/mean) with its relative noise as cv and its sample count as n; nvbench
 * keeps one mean per state, no repetitions, so the gate can only call it inconclusive unless
 * other benchmarks of the comparison show the noise. The batch GPU time, the host time, the
 * global-memory bandwidth and its utilization, the item rate and the other summaries become
 * metrics of their own; a skipped state is skipped with its reason; devices are the GPUs. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "results/results.h"

/** A summary tag and the metric it becomes. */
typedef struct nv_tag {
    const char *tag, *metric, *unit, *better;
    double scale;
} nv_tag;

static const nv_tag tags[] = {
    {"nv/batch/time/gpu/mean", "batch_gpu_time_ns", "ns", "lower", 1e9},
    {"nv/cold/time/cpu/mean", "host_time_ns", "ns", "lower", 1e9},
    {"nv/cold/time/cpu/stdev/relative", "host_noise_pct", "%", "none", 100},
    {"nv/cold/time/gpu/stdev/relative", "gpu_noise_pct", "%", "none", 100},
    {"nv/cold/bw/global/bytes_per_second", "bytes_per_second", "B/s", "higher", 1},
    {"nv/cold/bw/global/utilization", "bandwidth_utilization_pct", "%", "none", 100},
    {"nv/cold/bw/item_rate", "items_per_second", "items/s", "higher", 1},
    {"nv/cold/sample_size", "samples", "", "none", 1},
    {"nv/batch/sample_size", "batch_samples", "", "none", 1},
};

typedef struct nv_reader {
    const char *path;
    bg__error *err;
    char where[160];
} nv_reader;

/* The number a summary holds: its data entry "value", written by nvbench as a string. */
static bg_err summary_value(nv_reader *r, const cJSON *summ, double *v) {
    const cJSON *d;
    int k = 0;
    cJSON_ArrayForEach(d, bg__json_get(summ, "data")) {
        if (strcmp(bg__json_text(d, "name"), "value") == 0) {
            const cJSON *val = bg__json_get(d, "value");
            char *end = NULL;
            if (cJSON_IsNumber(val)) {
                *v = val->valuedouble;
                return BG_OK;
            }
            const char *text = cJSON_IsString(val) ? val->valuestring : "";
            *v = strtod(text, &end);
            char key[224];
            snprintf(key, sizeof key, "%s.data[%d].value", r->where, k);
            if (text[0] == '\0' || *end != '\0' || !isfinite(*v))
                return bg__value_error(r->err, BG_EINPUT, r->path, key, text, "is not a number");
            return BG_OK;
        }
        k++;
    }
    *v = NAN;
    return BG_OK; /* a summary of text only (nv/cold/sample_times: a file name) */
}

static const nv_tag *tag_of(const char *tag) {
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strcmp(tag, tags[i].tag) == 0)
            return &tags[i];
    return NULL;
}

/* "nv/element_count/Items" -> "element_count_Items": a summary of a tag we do not know. */
static void other_metric(const char *tag, char *out, size_t size) {
    snprintf(out, size, "%s", strncmp(tag, "nv/", 3) == 0 ? tag + 3 : tag);
    for (char *p = out; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            *p = '_';
}

/* The state's name: the benchmark, cuda, then each axis as name=value (and the device when the
 * benchmark ran on more than one). */
static void state_name(const cJSON *bench, const cJSON *state, char *name, size_t size,
                       cJSON *params) {
    int n = snprintf(name, size, "%s/cuda", bg__json_text(bench, "name"));
    if (cJSON_GetArraySize(bg__json_get(bench, "devices")) > 1) {
        char dev[32];
        snprintf(dev, sizeof dev, "%.0f", bg__json_number_or(state, "device", 0));
        n += snprintf(name + n, n < (int)size ? size - (size_t)n : 0, "/device=%s", dev);
        cJSON_AddStringToObject(params, "device", dev);
    }
    const cJSON *axis;
    cJSON_ArrayForEach(axis, bg__json_get(state, "axis_values")) {
        const cJSON *v = bg__json_get(axis, "value");
        char text[64];
        if (cJSON_IsNumber(v))
            snprintf(text, sizeof text, "%.17g", v->valuedouble);
        else
            snprintf(text, sizeof text, "%s", cJSON_IsString(v) ? v->valuestring : "");
        const char *key = bg__json_text(axis, "name");
        n += snprintf(name + n, n < (int)size ? size - (size_t)n : 0, "/%s=%s", key, text);
        cJSON_AddStringToObject(params, key, text);
    }
}

static bg_err read_state(nv_reader *r, cJSON *doc, const cJSON *bench, int bi, int si,
                         const cJSON *state) {
    BG_RETURN_IF(!cJSON_IsObject(state), r->err, BG_EINPUT,
                 "%s: benchmarks[%d].states[%d]: not an object", r->path, bi, si);
    char name[BG__NAME_MAX + 64];
    cJSON *params = cJSON_CreateObject();
    state_name(bench, state, name, sizeof name, params);
    cJSON *b = bg__foreign_benchmark(doc, name, bg__json_text(bench, "name"), "cuda");
    cJSON_ReplaceItemInObjectCaseSensitive(b, "params", params);
    cJSON_AddNumberToObject(b, "gpu_index", bg__json_number_or(state, "device", 0));
    if (cJSON_IsTrue(bg__json_get(state, "is_skipped"))) {
        bg__foreign_status(b, "skipped", bg__json_text(state, "skip_reason"));
        return BG_OK;
    }
    double gpu = NAN, noise = NAN, samples = NAN;
    const cJSON *summ;
    int k = 0;
    cJSON_ArrayForEach(summ, bg__json_get(state, "summaries")) {
        snprintf(r->where, sizeof r->where, "benchmarks[%d].states[%d].summaries[%d]", bi, si, k++);
        const char *tag = bg__json_text(summ, "tag");
        BG_RETURN_IF(!cJSON_IsObject(summ) || tag[0] == '\0', r->err, BG_EINPUT,
                     "%s: %s: not a summary (an object with a \"tag\")", r->path, r->where);
        double v;
        BG_FORWARD_IF_ERROR(summary_value(r, summ, &v));
        if (!isfinite(v))
            continue;
        const nv_tag *t = tag_of(tag);
        if (strcmp(tag, "nv/cold/time/gpu/mean") == 0)
            gpu = v;
        if (strcmp(tag, "nv/cold/time/gpu/stdev/relative") == 0)
            noise = v;
        if (strcmp(tag, "nv/cold/sample_size") == 0)
            samples = v;
        if (strcmp(tag, "nv/cold/time/gpu/mean") == 0 || strncmp(tag, "nv/json/", 8) == 0)
            continue;
        char other[128];
        other_metric(tag, other, sizeof other);
        bg__foreign_value(b, t ? t->metric : other, t ? t->unit : "", t ? t->better : "none",
                          v * (t ? t->scale : 1));
    }
    if (!isfinite(gpu)) {
        bg__foreign_status(b, "error", "no GPU time (nv/cold/time/gpu/mean) in this state");
        return BG_OK;
    }
    bg__foreign_summary(b, "time_ns", "ns", "lower", gpu * 1e9,
                        isfinite(noise) ? noise * gpu * 1e9 : NAN, isfinite(samples) ? samples : 1);
    return BG_OK;
}

/* devices: the GPUs, as benchgate's system.gpus. */
static void add_devices(cJSON *doc, const cJSON *devices) {
    cJSON *gpus =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "system"), "gpus");
    const cJSON *d;
    cJSON_ArrayForEach(d, devices) {
        cJSON *g = cJSON_CreateObject();
        double sm = bg__json_number_or(d, "sm_version", 0);
        char cc[32];
        snprintf(cc, sizeof cc, "%d.%d", (int)(sm / 100), ((int)sm % 100) / 10);
        cJSON_AddNumberToObject(g, "index", bg__json_number_or(d, "id", 0));
        cJSON_AddStringToObject(g, "name", bg__json_text(d, "name"));
        cJSON_AddStringToObject(g, "compute_capability", cc);
        cJSON_AddNumberToObject(g, "memory_total_mb",
                                floor(bg__json_number_or(d, "global_memory_size", 0) / 1048576.0));
        cJSON_AddStringToObject(g, "driver", "");
        cJSON_AddNullToObject(g, "cuda_runtime");
        bg__json_number(g, "memory_bandwidth_bytes_per_s",
                        bg__json_number_or(d, "global_memory_bus_bandwidth", NAN));
        cJSON_AddItemToArray(gpus, g);
    }
}

static void add_meta(cJSON *doc, const cJSON *meta) {
    bg__strbuf cmd = {0};
    const cJSON *a;
    cJSON_ArrayForEach(a, bg__json_get(meta, "argv")) {
        if (cJSON_IsString(a))
            bg__sb_printf(&cmd, "%s%s", cmd.len ? " " : "", a->valuestring);
    }
    bg__foreign_run_text(doc, "command_line", cmd.data ? cmd.data : "");
    const cJSON *argv0 = cJSON_GetArrayItem(bg__json_get(meta, "argv"), 0);
    if (cJSON_IsString(argv0))
        bg__foreign_run_text(doc, "program", argv0->valuestring);
    const cJSON *v = bg__json_get(bg__json_get(meta, "version"), "nvbench");
    if (cJSON_IsString(bg__json_get(v, "string")))
        bg__foreign_run_text(doc, "nvbench_version", bg__json_text(v, "string"));
    bg__sb_free(&cmd);
}

bg_err bg__from_nvbench(const cJSON *in, const char *path, cJSON **out, bg__error *err) {
    nv_reader r = {path, err, ""};
    *out = bg__foreign_document(BG__FROM_NVBENCH, path);
    add_meta(*out, bg__json_get(in, "meta"));
    add_devices(*out, bg__json_get(in, "devices"));
    int bi = 0;
    const cJSON *bench;
    cJSON_ArrayForEach(bench, bg__json_get(in, "benchmarks")) {
        BG_RETURN_IF(!cJSON_IsObject(bench) || !cJSON_IsString(bg__json_get(bench, "name")), err,
                     BG_EINPUT, "%s: benchmarks[%d]: not a benchmark (an object with a \"name\")",
                     path, bi);
        const cJSON *states = bg__json_get(bench, "states");
        BG_RETURN_IF(!cJSON_IsArray(states), err, BG_EINPUT,
                     "%s: benchmarks[%d].states: missing or not an array", path, bi);
        int si = 0;
        const cJSON *state;
        cJSON_ArrayForEach(state, states) {
            BG_FORWARD_IF_ERROR(read_state(&r, *out, bench, bi, si++, state));
        }
        bi++;
    }
    return BG_OK;
}
