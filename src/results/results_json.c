/* results_json.c - result.json (schema benchgate.result/1), built with cJSON. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "results/results.h"
#include "datasets/datasets.h"

static cJSON *config_json(const bg__config *c) {
    cJSON *obj = cJSON_CreateObject(), *src = cJSON_CreateObject();
    for (int i = 0; i < BG__OPT_COUNT; i++) {
        bg__opt_id id = (bg__opt_id)i;
        const bg__opt_info *o = bg__opt(id);
        if (id == BG__OPT_HELP || id == BG__OPT_VERSION || id == BG__OPT_LIST)
            continue;
        const char *key = o->yaml_key && strcmp(o->yaml_section, "thresholds") == 0 ? NULL
                          : o->yaml_key && strcmp(o->yaml_section, "run") == 0      ? o->yaml_key
                                                                                    : o->flag;
        char name[64], value[sizeof c->filter];
        snprintf(name, sizeof name, key ? "%s" : "threshold_%s", key ? key : o->yaml_key);
        if (key == NULL || strchr(name, '-'))
            for (char *p = name; *p; p++)
                *p = *p == '-' ? '_' : *p;
        if (id == BG__OPT_AXIS) {
            cJSON *axes = cJSON_AddArrayToObject(obj, "axis");
            for (int k = 0; k < c->axis_count; k++)
                cJSON_AddItemToArray(axes, cJSON_CreateString(c->axis[k]));
        } else {
            bg__config_format(c, id, value, sizeof value);
            if (bg__opt_is_switch(id))
                cJSON_AddBoolToObject(obj, name, strcmp(value, "1") == 0);
            else if (bg__opt_is_number(id))
                bg__json_number(obj, name, strtod(value, NULL));
            else
                cJSON_AddStringToObject(obj, name, value);
        }
        cJSON_AddStringToObject(src, name, bg__source_name(c->source[id]));
    }
    cJSON_AddItemToObject(obj, "sources", src);
    return obj;
}

static cJSON *run_json(const bg__run *run) {
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "run_id", run->run_id);
    cJSON_AddStringToObject(r, "timestamp", run->timestamp);
    cJSON_AddStringToObject(r, "command_line", run->command_line);
    cJSON_AddStringToObject(r, "program", run->program);
    cJSON_AddStringToObject(r, "benchgate_version", bg_version_string());
    cJSON_AddItemToObject(r, "git", bg__git_json());
    cJSON_AddItemToObject(r, "config", config_json(&run->settings.global));
    cJSON_AddBoolToObject(r, "dry_run", run->settings.global.dry_run);
    bg__json_number(r, "duration_s", bg__now_ns() / 1e9 - run->started);
    if (run->settings.global.shard_count > 0) { /* --shard=K/N: which part of the suite */
        cJSON *shard = cJSON_AddObjectToObject(r, "shard");
        cJSON_AddNumberToObject(shard, "index", run->settings.global.shard_index);
        cJSON_AddNumberToObject(shard, "count", run->settings.global.shard_count);
    }
    cJSON_AddItemToObject(r, "profile", bg__profile_json(&run->profile));
    if (run->canary.points > 0) {
        static const char *const kinds[] = {"compute_ns", "vector_ns", "memory_ns"};
        cJSON *canary = cJSON_AddObjectToObject(r, "canary");
        for (int k = 0; k < BG__CANARY_KINDS; k++) {
            cJSON *list = cJSON_AddArrayToObject(canary, kinds[k]);
            for (int i = 0; i < run->canary.points; i++)
                cJSON_AddItemToArray(list, cJSON_CreateNumber(run->canary.ns[k][i]));
        }
    }
    return r;
}

static cJSON *stats_json(const bg__metric_out *m) {
    cJSON *o = cJSON_CreateObject();
    const bg__summary *s = &m->st;
    bg__json_number(o, "n", (double)s->n);
    bg__json_number(o, "median", s->median);
    bg__json_number(o, "mean", s->mean);
    bg__json_number(o, "stddev", s->stddev);
    bg__json_number(o, "min", s->min);
    bg__json_number(o, "max", s->max);
    bg__json_number(o, "p50", s->p50);
    bg__json_number(o, "p95", s->p95);
    bg__json_number(o, "p99", s->p99);
    cJSON *ci = cJSON_AddArrayToObject(o, "ci95");
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(s->ci95_lo));
    cJSON_AddItemToArray(ci, cJSON_CreateNumber(s->ci95_hi));
    bg__json_number(o, "cv", s->cv);
    bg__json_number(o, "outliers", (double)s->outliers);
    cJSON *reps = cJSON_AddArrayToObject(o, "repetition_medians");
    for (size_t i = 0; i < m->rep_count; i++)
        if (isfinite(m->rep_medians[i]))
            cJSON_AddItemToArray(reps, cJSON_CreateNumber(m->rep_medians[i]));
    return o;
}

static cJSON *metric_json(const bg__metric_out *m) {
    cJSON *o = m->has_stats ? stats_json(m) : cJSON_CreateObject();
    cJSON_AddStringToObject(o, "status", m->status);
    cJSON_AddStringToObject(o, "unit", m->unit);
    cJSON_AddStringToObject(o, "better", m->better);
    if (!m->has_stats) {
        if (m->has_value)
            bg__json_number(o, "value", m->value);
        else
            cJSON_AddNullToObject(o, "value");
    }
    if (m->has_tolerance)
        bg__json_number(o, "tolerance", m->tolerance);
    if (m->message[0])
        cJSON_AddStringToObject(o, "error_message", m->message);
    if (m->is_counter)
        cJSON_AddItemToObject(o, "counter",
                              bg__counter_json(m->counter_flags)); /* counters_out.c */
    if (m->ceiling_name) {
        cJSON *c = cJSON_AddObjectToObject(o, "ceiling");
        cJSON_AddStringToObject(c, "name", m->ceiling_name);
        bg__json_number(c, "value", m->ceiling_value);
        if (m->level) {
            cJSON_AddStringToObject(c, "level", m->level);
            bg__json_number(c, "working_set_bytes", m->working_set);
        }
    }
    return o;
}

static void add_noise(cJSON *time_metric, const bg__instance *in) {
    cJSON *noise = cJSON_AddObjectToObject(time_metric, "noise");
    double between = bg__between_rep_noise_pct(in);
    if (between >= 0)
        bg__json_number(noise, "between_repetitions_pct", between);
    else
        cJSON_AddNullToObject(noise, "between_repetitions_pct");
    bg__json_number(noise, "repetitions", in->reps_done);
    bg__json_number(noise, "target_met_repetitions", in->noise_met);
    bg__json_number(noise, "max_noise_pct", in->cfg->max_noise);
}

static cJSON *benchmark_json(const bg__run *run, const bg__instance *in) {
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "name", in->name);
    cJSON_AddStringToObject(b, "family", in->def->name);
    cJSON_AddStringToObject(b, "device", in->device);
    cJSON *params = cJSON_AddObjectToObject(b, "params");
    for (int i = 0; i < in->param_count; i++)
        cJSON_AddStringToObject(params, in->params[i].name, in->params[i].value);
    cJSON_AddStringToObject(b, "status", bg__status_name(in->status));
    if (in->status == BG__STATUS_OK)
        cJSON_AddNullToObject(b, "error_message");
    else
        cJSON_AddStringToObject(b, "error_message", in->message);
    bg__json_number(b, "iterations_per_sample",
                    in->sample_count ? (double)in->samples[0].iterations : 0);
    bg__json_number(b, "seconds", in->seconds);
    cJSON_AddBoolToObject(b, "reused", in->reused_from[0] != '\0');
    if (in->reused_from[0])
        cJSON_AddStringToObject(b, "reused_from", in->reused_from);
    cJSON_AddStringToObject(b, "measure", bg__measure_names[in->cfg->measure]);
    cJSON *th = cJSON_AddObjectToObject(b, "thresholds");
    double speed = in->cfg->threshold;
    bg__json_number(th, "time", speed >= 0 ? speed : in->cfg->threshold_time);
    bg__json_number(th, "instructions", speed >= 0 ? speed : in->cfg->threshold_instructions);
    bg__json_number(th, "accuracy", in->cfg->threshold_accuracy);
    bg__json_number(th, "memory", in->cfg->threshold_memory);
    bg__json_number(th, "metric", in->cfg->threshold_metric);
    if (in->cfg->metric_threshold_count > 0) {
        cJSON *named = cJSON_AddObjectToObject(th, "metrics");
        for (int k = 0; k < in->cfg->metric_threshold_count; k++)
            bg__json_number(named, in->cfg->metric_threshold_name[k],
                            in->cfg->metric_threshold_pct[k]);
    }
    cJSON *metrics = cJSON_AddObjectToObject(b, "metrics");
    bg__metric_out out[BG__MAX_METRICS_OUT];
    size_t n = bg__instance_metrics(run, in, out);
    for (size_t i = 0; i < n; i++) {
        cJSON *m = metric_json(&out[i]);
        if (strcmp(out[i].name, "time_ns") == 0)
            add_noise(m, in);
        cJSON_AddItemToObject(metrics, out[i].name, m);
    }
    char warnings[3][BG__WARNING_LEN];
    size_t k = bg__quality_warnings(in, warnings, 3);
    if (k > 0) {
        cJSON *list = cJSON_AddArrayToObject(b, "warnings");
        for (size_t w = 0; w < k; w++)
            cJSON_AddItemToArray(list, cJSON_CreateString(warnings[w]));
    }
    return b;
}

cJSON *bg__run_json(const bg__run *run, int complete) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "benchgate.result/1");
    cJSON_AddBoolToObject(root, "complete", complete);
    cJSON_AddItemToObject(root, "run", run_json(run));
    cJSON_AddItemToObject(
        root, "system", bg__system_json(run->settings.global.measure == BG__MEASURE_INSTRUCTIONS));
    cJSON_AddItemToObject(root, "datasets", bg__datasets_json(run));
    cJSON *list = cJSON_AddArrayToObject(root, "benchmarks");
    for (size_t i = 0; i < run->inst_count; i++)
        cJSON_AddItemToArray(list, benchmark_json(run, &run->inst[i]));
    bg__complexity_json(run, root); /* complexity_out.c */
    return root;
}
