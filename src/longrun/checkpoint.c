/* checkpoint.c - the measured state of instances as JSON, and OUT_DIR/checkpoint.jsonl: a
 * journal of the completed (instance, repetition) slots of a run, one line appended after each
 * slot (its instance's state after it), so that a run that was stopped or killed continues with
 * --resume without measuring them again. A slot costs the same whatever the run's size: the
 * journal is rewritten whole only when a run starts or resumes. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "longrun/longrun.h"

#define CHECKPOINT_SCHEMA "benchgate.checkpoint/2"
#define SYNC_EVERY_NS 1e9 /* the journal reaches the disk at least once a second */

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
                                     BG__OPT_SEED,        BG__OPT_COUNTERS};
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
        for (int k = 0; r && in->counter_values && k < in->counter_width; k++) /* --counters */
            cJSON_AddItemToArray(r, exact(in->counter_values[i * (size_t)in->counter_width + k]));
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
        cJSON_AddStringToObject(o, "message", m->message); /* a failed or skipped metric's */
        cJSON_AddBoolToObject(o, "skipped", m->skipped);
        cJSON_AddBoolToObject(o, "plugin", m->plugin);
        cJSON_AddBoolToObject(o, "counter", m->counter);
        cJSON_AddNumberToObject(o, "counter_flags", m->counter_flags);
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

/* The figures of the counters of --counters after the sample's six (null: not read). */
static void restore_counters(double *to, const cJSON *row, int width) {
    for (int i = 0; i < width; i++) {
        const cJSON *x = cJSON_GetArrayItem(row, 6 + i);
        to[i] = cJSON_IsNumber(x) ? x->valuedouble : NAN;
    }
}

static int restore_samples(bg__instance *in, const cJSON *list) {
    size_t n = (size_t)cJSON_GetArraySize(list);
    int width = bg__perf_width(in);
    bg__sample *s = n ? calloc(n, sizeof *s) : NULL;
    double *counters = n && width ? calloc(n * (size_t)width, sizeof *counters) : NULL;
    if (n && (s == NULL || (width && counters == NULL))) {
        free(s), free(counters);
        return -1;
    }
    size_t k = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, list) {
        int cols = cJSON_GetArraySize(row); /* 5: written before estimated cycles */
        if (width ? cols != 6 + width : cols != 5 && cols != 6) {
            free(s), free(counters);
            return -1;
        }
        double v[6] = {0, 0, 0, 0, 0, 0};
        for (int i = 0; i < cols && i < 6; i++) {
            const cJSON *x = cJSON_GetArrayItem(row, i);
            v[i] = cJSON_IsNumber(x) ? x->valuedouble : NAN;
        }
        if (!(v[0] >= 0 && v[0] <= UINT32_MAX && v[1] >= 0 && v[1] < 18446744073709551616.0)) {
            free(s), free(counters);
            return -1; /* repetition and iterations: whole numbers that fit */
        }
        if (width)
            restore_counters(counters + k * (size_t)width, row, width);
        s[k++] = (bg__sample){(uint32_t)v[0], (uint64_t)v[1], v[2], v[3], v[4], v[5]};
    }
    free(in->samples);
    free(in->counter_values);
    in->samples = s, in->sample_count = in->sample_cap = n;
    in->counter_values = counters;
    in->counter_cap = counters ? n : 0;
    in->counter_width = counters ? width : 0;
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
        const char *message = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "message"));
        snprintf(u->message, sizeof u->message, "%s", message ? message : "");
        u->skipped = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "skipped"));
        u->plugin = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "plugin"));
        u->counter = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "counter"));
        double flags = num(m, "counter_flags");
        u->counter_flags = flags >= 0 && flags <= 0xffff ? (unsigned)flags : 0;
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

/* ---- the checkpoint journal ----------------------------------------------------------- */

/* The instances, their settings and the executable: a checkpoint is only used by the same.
 * Computed once per run (it reads every instance). */
static const char *run_identity(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr->identity[0])
        return lr->identity;
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "%s\n", bg__binary_sha(run));
    for (size_t i = 0; i < run->inst_count; i++) {
        bg__sb_printf(&sb, "%s\n", run->inst[i].name);
        bg__measure_settings(run->inst[i].cfg, &sb);
        bg__sb_printf(&sb, "\n");
    }
    bg__sha256_text(sb.data ? sb.data : "", sb.len, lr->identity);
    bg__sb_free(&sb);
    return lr->identity;
}

static char *checkpoint_path(const bg__run *run, char *buf, size_t size) {
    int n = snprintf(buf, size, "%s/" BG__CHECKPOINT_FILE, run->out_dir);
    return n < 0 || (size_t)n >= size ? NULL : buf;
}

/* Appends o as one line of the journal and deletes it; @return 0, or -1 out of memory. */
static int put_line(bg__strbuf *sb, cJSON *o) {
    char *text = o ? bg__json_print(o, 0) : NULL;
    cJSON_Delete(o);
    if (text == NULL)
        return -1;
    bg__sb_printf(sb, "%s\n", text);
    free(text);
    return sb->failed ? -1 : 0;
}

/* One entry: instance i, the repetitions of it completed (those of lr->done when rep < 0, else
 * rep alone), and its state after them; NULL when it has none. */
static cJSON *entry_json(const bg__run *run, size_t i, long rep) {
    const bg__longrun *lr = run->lr;
    cJSON *o = cJSON_CreateObject(), *reps = cJSON_CreateArray();
    for (size_t r = 0; r < lr->reps_cap; r++)
        if (rep < 0 ? lr->done[i * lr->reps_cap + r] != 0 : (long)r == rep)
            cJSON_AddItemToArray(reps, cJSON_CreateNumber((double)r));
    if (o == NULL || reps == NULL || cJSON_GetArraySize(reps) == 0) {
        cJSON_Delete(o);
        cJSON_Delete(reps);
        return NULL;
    }
    cJSON_AddNumberToObject(o, "inst", (double)i);
    cJSON_AddItemToObject(o, "reps", reps);
    cJSON_AddItemToObject(o, "state", bg__instance_state_json(&run->inst[i]));
    return o;
}

/* The header line and one entry per instance with completed slots. */
static int journal_text(bg__run *run, bg__strbuf *sb) {
    cJSON *head = cJSON_CreateObject();
    cJSON_AddStringToObject(head, "schema", CHECKPOINT_SCHEMA);
    cJSON_AddStringToObject(head, "run_id", run->run_id);
    cJSON_AddStringToObject(head, "timestamp", run->timestamp);
    cJSON_AddStringToObject(head, "identity", run_identity(run));
    int bad = put_line(sb, head);
    for (size_t i = 0; !bad && i < run->inst_count; i++) {
        cJSON *entry = entry_json(run, i, -1);
        bad = entry && put_line(sb, entry);
    }
    return bad;
}

bg_err bg__checkpoint_open(bg__run *run, bg__error *err) {
    bg__longrun *lr = run->lr;
    char path[BG__PATH_MAX + 32];
    BG_RETURN_IF(checkpoint_path(run, path, sizeof path) == NULL, err, BG_EIO, "%s: path too long",
                 run->out_dir);
    bg__checkpoint_close(run);
    bg__strbuf sb = {0};
    int bad = journal_text(run, &sb);
    bg_err rc = bad ? bg__set_error(err, BG_ENOMEM, "out of memory writing %s", path)
                    : bg__write_atomic(path, sb.data, sb.len, err);
    bg__sb_free(&sb);
    if (rc != BG_OK)
        return rc;
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    lr->journal_bytes = fstat(fd, &st) == 0 ? st.st_size : 0;
    lr->journal_fd = fd + 1;
    lr->journal_synced_ns = bg__now_ns();
    return BG_OK;
}

bg_err bg__checkpoint_append(bg__run *run, size_t inst, uint32_t rep, bg__error *err) {
    bg__longrun *lr = run->lr;
    if (lr->journal_fd == 0)
        return BG_OK; /* not open: its failure was reported */
    int fd = lr->journal_fd - 1;
    bg__strbuf sb = {0};
    int bad = put_line(&sb, entry_json(run, inst, rep));
    if (!bad && bg__write_all(fd, sb.data, sb.len) != 0) {
        bad = errno ? errno : EIO;
        if (ftruncate(fd, lr->journal_bytes) != 0) /* no torn line before the next one */
            bg__checkpoint_close(run);
    } else if (!bad) {
        lr->journal_bytes += (off_t)sb.len;
    }
    bg__sb_free(&sb);
    BG_RETURN_IF(bad, err, BG_EIO, "%s/" BG__CHECKPOINT_FILE ": cannot append slot %zu.%u: %s",
                 run->out_dir, inst, rep, bad > 0 ? strerror(bad) : "out of memory");
    if (bg__now_ns() - lr->journal_synced_ns >= SYNC_EVERY_NS)
        bg__checkpoint_sync(run);
    return BG_OK;
}

void bg__checkpoint_sync(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr == NULL || lr->journal_fd == 0)
        return;
    fdatasync(lr->journal_fd - 1); /* an error leaves the slot to be measured again */
    lr->journal_synced_ns = bg__now_ns();
}

void bg__checkpoint_close(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr == NULL || lr->journal_fd == 0)
        return;
    bg__checkpoint_sync(run);
    close(lr->journal_fd - 1);
    lr->journal_fd = 0;
}

/* Back to the state of an instance that never ran (after a checkpoint that did not fit). */
static void reset_instance(bg__instance *in) {
    free(in->samples);
    free(in->counter_values);
    in->samples = NULL;
    in->counter_values = NULL;
    in->counter_cap = 0;
    in->counter_width = 0;
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

/* Restores one entry: its instance's state, its repetitions marked done. @return 0 or -1. */
static int restore_entry(bg__run *run, const cJSON *entry) {
    bg__longrun *lr = run->lr;
    double i = num(entry, "inst");
    const cJSON *reps = cJSON_GetObjectItemCaseSensitive(entry, "reps"), *r;
    if (!(i >= 0 && i < (double)run->inst_count) || !cJSON_IsArray(reps))
        return -1;
    cJSON_ArrayForEach(
        r, reps) if (!cJSON_IsNumber(r) ||
                     !(r->valuedouble >= 0 && r->valuedouble < (double)lr->reps_cap)) return -1;
    bg__error err = {BG_OK, ""};
    bg__instance *in = &run->inst[(size_t)i];
    if (bg__instance_state_restore(in, cJSON_GetObjectItemCaseSensitive(entry, "state"), &err))
        return -1;
    cJSON_ArrayForEach(r, reps) lr->done[(size_t)i * lr->reps_cap + (size_t)r->valuedouble] = 1;
    return 0;
}

/* The header of the journal: its schema and identity, this run's; takes its run id. */
static int header_matches(bg__run *run, const cJSON *head) {
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(head, "schema"));
    const char *saved = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(head, "identity"));
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(head, "run_id"));
    const char *ts = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(head, "timestamp"));
    if (!schema || strcmp(schema, CHECKPOINT_SCHEMA) != 0 || !saved ||
        strcmp(saved, run_identity(run)) != 0 || !id || !ts)
        return 0;
    snprintf(run->run_id, sizeof run->run_id, "%s", id); /* the resumed run keeps its identity */
    snprintf(run->timestamp, sizeof run->timestamp, "%s", ts);
    return 1;
}

/* Reads the header and the complete entries of text (the part after the last newline was cut
 * short by a kill while it was written: ignored). @return 1 restored, 0 not this run's, -1 a
 * line that is not JSON (err says where). */
static int restore_journal(bg__run *run, char *text, const char *path, bg__error *err) {
    size_t line = 0;
    for (char *p = text, *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        *nl = '\0';
        line++;
        char where[BG__PATH_MAX + 48];
        snprintf(where, sizeof where, "%s, line %zu", path, line);
        cJSON *o = NULL;
        if (bg__json_parse_strict(p, where, &o, err) != BG_OK)
            return -1;
        int ok = line == 1 ? header_matches(run, o) : restore_entry(run, o) == 0;
        cJSON_Delete(o);
        if (!ok)
            return 0;
    }
    if (line == 0) {
        bg__set_error(err, BG_EINPUT, "%s: no header line", path);
        return -1;
    }
    return 1;
}

size_t bg__checkpoint_load(bg__run *run) {
    char path[BG__PATH_MAX + 32];
    bg__error err = {BG_OK, ""};
    struct stat st;
    if (checkpoint_path(run, path, sizeof path) == NULL || lstat(path, &st) != 0)
        return 0; /* no checkpoint yet: nothing was done */
    char *text = bg__read_text(path, &err);
    int rc = text ? restore_journal(run, text, path, &err) : -1;
    free(text);
    if (rc < 0)
        bg__log(run, "%s: warning: the checkpoint cannot be read (%s); starting over", run->program,
                err.msg);
    else if (rc == 0)
        bg__log(run, "%s: %s belongs to other instances or settings; starting over", run->program,
                path);
    size_t done = 0, slots = run->inst_count * run->lr->reps_cap;
    if (rc <= 0) {
        for (size_t i = 0; i < run->inst_count; i++) /* drop a partial restore */
            reset_instance(&run->inst[i]);
        memset(run->lr->done, 0, slots);
    }
    for (size_t k = 0; k < slots; k++)
        done += run->lr->done[k];
    return done;
}
