/* checkpoint.c - the measured state of instances as JSON, and OUT_DIR/checkpoint.json: the
 * completed (instance, repetition) slots of a run, rewritten atomically after each slot so
 * that a run that was stopped or killed continues with --resume without measuring them again. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "longrun/longrun.h"

#define CHECKPOINT_SCHEMA "benchgate.checkpoint/1"

void bg__sha256_text(const char *text, size_t len, char hex[65]) {
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (EVP_Digest(text, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
        memset(md, 0, sizeof md);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

void bg__measure_settings(const bg__config *cfg, bg__strbuf *sb) {
    static const bg__opt_id ids[] = {BG__OPT_MIN_TIME,    BG__OPT_MAX_TIME,    BG__OPT_WARMUP,
                                     BG__OPT_SKIP_WARMUP, BG__OPT_MIN_SAMPLES, BG__OPT_REPETITIONS,
                                     BG__OPT_MAX_NOISE,   BG__OPT_BATCH_SIZE,  BG__OPT_CONCURRENCY,
                                     BG__OPT_DEVICE,      BG__OPT_MEASURE,     BG__OPT_COLD,
                                     BG__OPT_SEED};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char value[64];
        bg__config_format(cfg, ids[i], value, sizeof value);
        bg__sb_printf(sb, "%s=%s;", bg__opt(ids[i])->flag, value);
    }
}

/* ---- one instance --------------------------------------------------------------------- */

/* A number that reads back as exactly v (cJSON's own printing may drop the last bit); null for
 * NaN and infinities. */
static cJSON *exact(double v) {
    char buf[40];
    if (!isfinite(v))
        return cJSON_CreateNull();
    snprintf(buf, sizeof buf, "%.17g", v);
    return cJSON_CreateRaw(buf);
}

static void add_exact(cJSON *o, const char *key, double v) {
    cJSON_AddItemToObject(o, key, exact(v));
}

static cJSON *samples_json(const bg__instance *in) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; list && i < in->sample_count; i++) {
        const bg__sample *s = &in->samples[i];
        double row[6] = {s->repetition, (double)s->iterations, s->time_ns,
                         s->cpu_ns,     s->instructions,       s->est_cycles};
        cJSON *r = cJSON_CreateArray();
        for (int k = 0; r && k < 6; k++)
            cJSON_AddItemToArray(r, exact(row[k]));
        cJSON_AddItemToArray(list, r);
    }
    return list;
}

static cJSON *metrics_json(const bg__instance *in) {
    cJSON *list = cJSON_CreateArray();
    for (int i = 0; list && i < in->metric_count; i++) {
        const bg__user_metric *m = &in->metrics[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", m->name);
        cJSON_AddStringToObject(o, "unit", m->unit);
        add_exact(o, "value", m->value); /* NaN is written as null */
        cJSON_AddNumberToObject(o, "better", m->better);
        cJSON_AddBoolToObject(o, "is_check", m->is_check);
        add_exact(o, "tolerance", m->tolerance);
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

cJSON *bg__instance_state_json(const bg__instance *in) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", in->name);
    cJSON_AddStringToObject(o, "status", bg__status_name(in->status));
    cJSON_AddStringToObject(o, "message", in->message);
    cJSON_AddNumberToObject(o, "reps_done", in->reps_done);
    cJSON_AddNumberToObject(o, "noise_met", in->noise_met);
    add_exact(o, "seconds", in->seconds);
    add_exact(o, "peak_rss_mb", in->peak_rss_mb);
    add_exact(o, "process_peak_rss_mb", in->process_peak_rss_mb);
    add_exact(o, "alloc_mb", in->alloc_mb);
    add_exact(o, "working_set_bytes", in->working_set_bytes);
    add_exact(o, "bytes_per_iter", in->bytes_per_iter);
    add_exact(o, "flops_per_iter", in->flops_per_iter);
    add_exact(o, "items_per_iter", in->items_per_iter);
    cJSON_AddItemToObject(o, "samples", samples_json(in));
    cJSON_AddItemToObject(o, "metrics", metrics_json(in));
    return o;
}

/* A number member, NaN when null or missing (cJSON writes NaN as null). */
static double num(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* An int member, 0 when null, missing or out of range (casting those is undefined). */
static int int_num(const cJSON *o, const char *key) {
    double v = num(o, key);
    return v >= INT_MIN && v <= INT_MAX ? (int)v : 0;
}

static int restore_samples(bg__instance *in, const cJSON *list) {
    size_t n = (size_t)cJSON_GetArraySize(list);
    bg__sample *s = n ? calloc(n, sizeof *s) : NULL;
    if (n && s == NULL)
        return -1;
    size_t k = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, list) {
        int cols = cJSON_GetArraySize(row); /* 5: written before estimated cycles */
        if (cols != 5 && cols != 6)
            return free(s), -1;
        double v[6] = {0, 0, 0, 0, 0, 0};
        for (int i = 0; i < cols; i++) {
            const cJSON *x = cJSON_GetArrayItem(row, i);
            v[i] = cJSON_IsNumber(x) ? x->valuedouble : NAN;
        }
        if (!(v[0] >= 0 && v[0] <= UINT32_MAX && v[1] >= 0 && v[1] < 18446744073709551616.0))
            return free(s), -1; /* repetition and iterations: whole numbers that fit */
        s[k++] = (bg__sample){(uint32_t)v[0], (uint64_t)v[1], v[2], v[3], v[4], v[5]};
    }
    free(in->samples);
    in->samples = s, in->sample_count = in->sample_cap = n;
    return 0;
}

static int restore_metrics(bg__instance *in, const cJSON *list) {
    const cJSON *m;
    in->metric_count = 0;
    cJSON_ArrayForEach(m, list) {
        if (in->metric_count == BG__MAX_METRICS)
            return -1;
        bg__user_metric *u = &in->metrics[in->metric_count++];
        memset(u, 0, sizeof *u);
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "name"));
        const char *unit = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "unit"));
        snprintf(u->name, sizeof u->name, "%s", name ? name : "");
        snprintf(u->unit, sizeof u->unit, "%s", unit ? unit : "");
        u->value = num(m, "value");
        u->better = (bg_better)int_num(m, "better");
        u->is_check = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "is_check"));
        u->tolerance = num(m, "tolerance");
    }
    return 0;
}

static bg__status status_of(const char *text) {
    if (text && strcmp(text, "skipped") == 0)
        return BG__STATUS_SKIPPED;
    return text && strcmp(text, "error") == 0 ? BG__STATUS_ERROR : BG__STATUS_OK;
}

bg_err bg__instance_state_restore(bg__instance *in, const cJSON *o, bg__error *err) {
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
    const cJSON *samples = cJSON_GetObjectItemCaseSensitive(o, "samples");
    const cJSON *metrics = cJSON_GetObjectItemCaseSensitive(o, "metrics");
    BG_RETURN_IF(name == NULL || strcmp(name, in->name) != 0 || !cJSON_IsArray(samples) ||
                     !cJSON_IsArray(metrics),
                 err, BG_EINPUT, "saved state of %s: not the same instance", in->name);
    BG_RETURN_IF(restore_samples(in, samples) != 0 || restore_metrics(in, metrics) != 0, err,
                 BG_EINPUT, "saved state of %s: bad samples or metrics", in->name);
    const char *message = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "message"));
    in->status = status_of(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "status")));
    snprintf(in->message, sizeof in->message, "%s", message ? message : "");
    in->reps_done = int_num(o, "reps_done");
    in->noise_met = int_num(o, "noise_met");
    in->seconds = num(o, "seconds");
    in->peak_rss_mb = num(o, "peak_rss_mb");
    in->process_peak_rss_mb = num(o, "process_peak_rss_mb");
    in->alloc_mb = num(o, "alloc_mb");
    in->working_set_bytes = num(o, "working_set_bytes");
    in->bytes_per_iter = num(o, "bytes_per_iter");
    in->flops_per_iter = num(o, "flops_per_iter");
    in->items_per_iter = num(o, "items_per_iter");
    return BG_OK;
}

/* ---- the checkpoint file -------------------------------------------------------------- */

/* The instances, their settings and the executable: a checkpoint is only used by the same. */
static void run_identity(bg__run *run, char hex[65]) {
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "%s\n", bg__binary_sha(run));
    for (size_t i = 0; i < run->inst_count; i++) {
        bg__sb_printf(&sb, "%s\n", run->inst[i].name);
        bg__measure_settings(run->inst[i].cfg, &sb);
        bg__sb_printf(&sb, "\n");
    }
    bg__sha256_text(sb.data ? sb.data : "", sb.len, hex);
    bg__sb_free(&sb);
}

static char *checkpoint_path(const bg__run *run, char *buf, size_t size) {
    int n = snprintf(buf, size, "%s/checkpoint.json", run->out_dir);
    return n < 0 || (size_t)n >= size ? NULL : buf;
}

static cJSON *slots_json(const bg__run *run) {
    const bg__longrun *lr = run->lr;
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; list && i < run->inst_count; i++)
        for (size_t r = 0; r < lr->reps_cap; r++)
            if (lr->done[i * lr->reps_cap + r]) {
                double pair[2] = {(double)i, (double)r};
                cJSON_AddItemToArray(list, cJSON_CreateDoubleArray(pair, 2));
            }
    return list;
}

bg_err bg__checkpoint_write(bg__run *run, bg__error *err) {
    char path[BG__PATH_MAX + 32], id[65];
    BG_RETURN_IF(checkpoint_path(run, path, sizeof path) == NULL, err, BG_EIO, "%s: path too long",
                 run->out_dir);
    run_identity(run, id);
    cJSON *root = cJSON_CreateObject(), *list = NULL;
    cJSON_AddStringToObject(root, "schema", CHECKPOINT_SCHEMA);
    cJSON_AddStringToObject(root, "run_id", run->run_id);
    cJSON_AddStringToObject(root, "timestamp", run->timestamp);
    cJSON_AddStringToObject(root, "identity", id);
    cJSON_AddItemToObject(root, "slots", slots_json(run));
    cJSON_AddItemToObject(root, "instances", list = cJSON_CreateArray());
    for (size_t i = 0; list && i < run->inst_count; i++)
        cJSON_AddItemToArray(list, bg__instance_state_json(&run->inst[i]));
    char *text = bg__json_print(root, 0);
    cJSON_Delete(root);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory writing %s", path);
    bg_err rc = bg__write_atomic(path, text, strlen(text), err);
    free(text);
    return rc;
}

/* Marks the slots of the checkpoint done; @return how many, or -1 for a bad entry. */
static long mark_slots(bg__run *run, const cJSON *slots) {
    bg__longrun *lr = run->lr;
    const cJSON *pair;
    long n = 0;
    cJSON_ArrayForEach(pair, slots) {
        double i = cJSON_GetArrayItem(pair, 0) ? cJSON_GetArrayItem(pair, 0)->valuedouble : -1;
        double r = cJSON_GetArrayItem(pair, 1) ? cJSON_GetArrayItem(pair, 1)->valuedouble : -1;
        if (!(i >= 0 && i < (double)run->inst_count && r >= 0 && r < (double)lr->reps_cap))
            return -1;
        lr->done[(size_t)i * lr->reps_cap + (size_t)r] = 1;
        n++;
    }
    return n;
}

static long restore_all(bg__run *run, const cJSON *root) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "instances");
    if (cJSON_GetArraySize(list) != (int)run->inst_count)
        return -1;
    bg__error err = {BG_OK, ""};
    for (size_t i = 0; i < run->inst_count; i++)
        if (bg__instance_state_restore(&run->inst[i], cJSON_GetArrayItem(list, (int)i), &err))
            return -1;
    long n = mark_slots(run, cJSON_GetObjectItemCaseSensitive(root, "slots"));
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "run_id"));
    const char *ts = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "timestamp"));
    if (n >= 0 && id && ts) { /* the resumed run keeps the identity it started with */
        snprintf(run->run_id, sizeof run->run_id, "%s", id);
        snprintf(run->timestamp, sizeof run->timestamp, "%s", ts);
    }
    return n;
}

/* Back to the state of an instance that never ran (after a checkpoint that did not fit). */
static void reset_instance(bg__instance *in) {
    free(in->samples);
    in->samples = NULL;
    in->sample_count = in->sample_cap = 0;
    in->metric_count = 0;
    in->status = BG__STATUS_OK;
    in->message[0] = '\0';
    in->bytes_per_iter = in->flops_per_iter = in->items_per_iter = 0;
    in->peak_rss_mb = in->process_peak_rss_mb = -1;
    in->alloc_mb = in->working_set_bytes = 0;
    in->noise_met = in->reps_done = 0;
    in->seconds = 0;
}

size_t bg__checkpoint_load(bg__run *run) {
    char path[BG__PATH_MAX + 32], id[65];
    bg__error err = {BG_OK, ""};
    struct stat st;
    if (checkpoint_path(run, path, sizeof path) == NULL || lstat(path, &st) != 0)
        return 0; /* no checkpoint yet: nothing was done */
    cJSON *root = NULL;
    if (bg__json_parse_file(path, &root, &err) != BG_OK) {
        bg__log(run, "%s: warning: the checkpoint cannot be read (%s); starting over", run->program,
                err.msg);
        return 0;
    }
    run_identity(run, id);
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "schema"));
    const char *saved = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "identity"));
    long n = -1;
    if (schema && strcmp(schema, CHECKPOINT_SCHEMA) == 0 && saved && strcmp(saved, id) == 0)
        n = restore_all(run, root);
    cJSON_Delete(root);
    if (n < 0) {
        bg__log(run, "%s: %s belongs to other instances or settings; starting over", run->program,
                path);
        for (size_t i = 0; i < run->inst_count; i++) /* drop a partial restore */
            reset_instance(&run->inst[i]);
        memset(run->lr->done, 0, run->inst_count * run->lr->reps_cap);
        return 0;
    }
    return (size_t)n;
}
