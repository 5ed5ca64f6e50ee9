/* config_options.c - the option table and the parsing of one option value. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "benchgate/settings.h"
#include "common/common.h"
#include "config/config.h"

#define S "run"
#define T "thresholds"
#define TL "telemetry"
#define N "notify"
static const bg__opt_info bg__options[BG__OPT_COUNT] = {
    {BG__OPT_FILTER, "filter", "filter", S, "BENCH_FILTER", 0, "REGEX",
     "run only instances whose name matches (POSIX extended regex)"},
    {BG__OPT_LIST, "list", NULL, NULL, NULL, 0, NULL, "list the instances and exit"},
    {BG__OPT_MIN_TIME, "min-time", "min_time", S, "BENCH_MIN_TIME", 1, "S",
     "sample for at least S seconds per instance (default 0.2)"},
    {BG__OPT_MAX_TIME, "max-time", "max_time", S, "BENCH_MAX_TIME", 1, "S",
     "sample for at most S seconds per instance and repetition (default 1)"},
    {BG__OPT_WARMUP, "warmup", "warmup", S, "BENCH_WARMUP", 1, "S",
     "warm up for S seconds before sampling (default 0.05)"},
    {BG__OPT_SKIP_WARMUP, "skip-warmup", "skip_warmup", S, "BENCH_SKIP_WARMUP", 1, NULL,
     "no warm-up (iteration count is still calibrated)"},
    {BG__OPT_MIN_SAMPLES, "min-samples", "min_samples", S, "BENCH_MIN_SAMPLES", 1, "N",
     "take at least N samples (default 10)"},
    {BG__OPT_REPETITIONS, "repetitions", "repetitions", S, "BENCH_REPETITIONS", 1, "N",
     "run each instance N times, interleaved in random order (default 3)"},
    {BG__OPT_MAX_NOISE, "max-noise", "max_noise", S, "BENCH_MAX_NOISE", 1, "PCT",
     "stop sampling once the median is known to PCT percent (default 1)"},
    {BG__OPT_BATCH_SIZE, "batch-size", "batch_size", S, "BENCH_BATCH_SIZE", 1, "N",
     "set axis batch_size to N"},
    {BG__OPT_CONCURRENCY, "concurrency", "concurrency", S, "BENCH_CONCURRENCY", 1, "N",
     "set axis concurrency to N (CPU threads or CUDA streams)"},
    {BG__OPT_DEVICE, "device", "device", S, "BENCH_DEVICE", 0, "cpu|cuda|auto|all",
     "which instances run; auto = cuda when a GPU is present, else cpu (default all)"},
    {BG__OPT_MEASURE, "measure", "measure", S, "BENCH_MEASURE", 1, "time|cpu|instructions",
     "the primary measurement (default time)"},
    {BG__OPT_COLD, "cold", "cold", S, "BENCH_COLD", 1, NULL,
     "flush caches before each sample (GPU: L2)"},
    {BG__OPT_AXIS, "axis", "axis", S, "BENCH_AXIS", 1, "NAME=V1,V2",
     "replace the values of an axis (repeatable)"},
    {BG__OPT_SEED, "seed", "seed", S, "BENCH_SEED", 0, "N",
     "seed for interleaving, bootstrap and inputs (default 42)"},
    {BG__OPT_OUTPUT_DIR, "output-dir", "output_dir", S, "BENCH_OUTPUT_DIR", 0, "DIR",
     "write the run directory here (default results/<run id>)"},
    {BG__OPT_FORMAT, "format", "format", S, "BENCH_FORMAT", 0, "LIST",
     "any of json,csv,console (default all three)"},
    {BG__OPT_CONFIG, "config", NULL, NULL, "BENCH_CONFIG", 0, "FILE",
     "read settings from FILE (default ./bench.yaml when present)"},
    {BG__OPT_NO_UI, "no-ui", "no_ui", S, "BENCH_NO_UI", 0, NULL, "no progress display, no colour"},
    {BG__OPT_BASELINE, "baseline", "baseline", S, "BENCH_BASELINE", 0, "FILE|DIR",
     "compare against this baseline file, or DIR/<machine class>/<bench>.json; off: no gate"},
    {BG__OPT_THRESHOLD, "threshold", "threshold", S, "BENCH_THRESHOLD", 1, "PCT",
     "regression threshold for speed, overriding thresholds:"},
    {BG__OPT_FAIL_ON_INCONCLUSIVE, "fail-on-inconclusive", "fail_on_inconclusive", S,
     "BENCH_FAIL_ON_INCONCLUSIVE", 0, NULL,
     "gate: an inconclusive verdict fails (exit 1; default: skipped, exit 77)"},
    {BG__OPT_FAIL_ON_NO_BASELINE, "fail-on-no-baseline", "fail_on_no_baseline", S,
     "BENCH_FAIL_ON_NO_BASELINE", 0, NULL,
     "gate: no baseline, or benchmarks not in it, fails (exit 1; default: skipped, exit 77)"},
    {BG__OPT_DRY_RUN, "dry-run", NULL, NULL, "BENCH_DRY_RUN", 0, NULL,
     "show what would run and where results would go; measure nothing"},
    {BG__OPT_DATASET_PATH, "dataset-path", "dataset_path", S, "BENCH_DATASET_PATH", 0, "DIR",
     "root folder of the datasets"},
    {BG__OPT_THRESHOLD_TIME, NULL, "time", T, NULL, 1, NULL, NULL},
    {BG__OPT_THRESHOLD_INSTRUCTIONS, NULL, "instructions", T, NULL, 1, NULL, NULL},
    {BG__OPT_THRESHOLD_ACCURACY, NULL, "accuracy", T, NULL, 1, NULL, NULL},
    {BG__OPT_THRESHOLD_MEMORY, NULL, "memory", T, NULL, 1, NULL, NULL},
    {BG__OPT_THRESHOLD_METRIC, NULL, "metric", T, NULL, 1, NULL, NULL},
    {BG__OPT_METRIC_THRESHOLD, "metric-threshold", NULL, NULL, "BENCH_METRIC_THRESHOLD", 1,
     "NAME=PCT,...", "threshold of custom metric NAME (bench.yaml thresholds: NAME: PCT)"},
    {BG__OPT_LOG_MAX_MB, "log-max-mb", "log_max_mb", S, "BENCH_LOG_MAX_MB", 0, "MB",
     "rotate run.log before it grows beyond MB megabytes (default 20)"},
    {BG__OPT_LOG_BACKUPS, "log-backups", "log_backups", S, "BENCH_LOG_BACKUPS", 0, "N",
     "keep N rotated logs, run.log.1 ... run.log.N (default 5)"},
    {BG__OPT_REUSE, "reuse", "reuse", S, "BENCH_REUSE", 0, NULL,
     "reuse cached results of instances whose inputs are unchanged"},
    {BG__OPT_CACHE_SIM, "cache-sim", "cache_sim", S, "BENCH_CACHE_SIM", 0, NULL,
     "instruction mode under callgrind: simulate the caches too, for estimated_cycles (about 2x "
     "slower)"},
    {BG__OPT_NO_CACHE, "no-cache", "no_cache", S, "BENCH_NO_CACHE", 0, NULL,
     "neither read nor write the result cache"},
    {BG__OPT_CACHE_DIR, "cache-dir", "cache_dir", S, "BENCH_CACHE_DIR", 0, "DIR|off",
     "the result cache (default results/cache)"},
    {BG__OPT_HISTORY, "history", "history", S, "BENCH_HISTORY", 0, "FILE|off",
     "record benchgate start runs in this SQLite file (default results/history.sqlite)"},
    {BG__OPT_RESUME, "resume", NULL, NULL, NULL, 0, NULL,
     "continue an interrupted run from the checkpoint in --output-dir"},
    {BG__OPT_PRIVATE, "private", "private", S, "BENCH_PRIVATE", 0, NULL,
     "results readable by you only: folders 0700, files 0600"},
    {BG__OPT_PLUGIN, "plugin", "plugins", S, "BENCH_PLUGINS", 0, "FILE.so",
     "compute extra metrics with this plugin (repeatable; ':'-separated in BENCH_PLUGINS)"},
    {BG__OPT_TELEMETRY_URL, "telemetry-url", "url", TL, "BENCH_TELEMETRY_URL", 0, "URL|off",
     "benchgate start pushes the run's metrics to this Prometheus Pushgateway"},
    {BG__OPT_TELEMETRY_JOB, "telemetry-job", "job", TL, "BENCH_TELEMETRY_JOB", 0, "NAME",
     "the job of the pushed metrics (default benchgate)"},
    {BG__OPT_TELEMETRY_LABELS, "telemetry-labels", "labels", TL, "BENCH_TELEMETRY_LABELS", 0,
     "K=V,...", "more grouping labels of the pushed metrics"},
    {BG__OPT_TELEMETRY_TIMEOUT, "telemetry-timeout", "timeout", TL, "BENCH_TELEMETRY_TIMEOUT", 0,
     "S", "give up pushing after S seconds (default 5)"},
    {BG__OPT_NOTIFY_ON, "notify-on", "on", N, "BENCH_NOTIFY_ON", 0, "always|failure|never",
     "when benchgate start sends notifications (default always)"},
    {BG__OPT_NOTIFY_DESKTOP, "notify-desktop", "desktop", N, "BENCH_NOTIFY_DESKTOP", 0, NULL,
     "a desktop notification (notify-send) when benchgate start ends"},
    {BG__OPT_NOTIFY_SMTP_URL, "notify-smtp-url", "smtp_url", N, "BENCH_NOTIFY_SMTP_URL", 0,
     "URL|off", "email the run's summary through this smtp:// or smtps:// server"},
    {BG__OPT_NOTIFY_FROM, "notify-from", "from", N, "BENCH_NOTIFY_FROM", 0, "ADDRESS",
     "the sender of the email"},
    {BG__OPT_NOTIFY_TO, "notify-to", "to", N, "BENCH_NOTIFY_TO", 0, "ADDRESS,...",
     "the recipients of the email"},
    {BG__OPT_NOTIFY_COMMAND, "notify-command", "command", N, "BENCH_NOTIFY_COMMAND", 0,
     "'PROG ARG...'", "run this program with the summary on stdin (never through a shell)"},
    {BG__OPT_HELP, "help", NULL, NULL, NULL, 0, NULL, "show this help"},
    {BG__OPT_VERSION, "version", NULL, NULL, NULL, 0, NULL, "show the version"},
};
#undef S
#undef T
#undef TL
#undef N

const bg__opt_info *bg__opt(bg__opt_id id) {
    return &bg__options[id];
}

int bg__opt_start_only(bg__opt_id id) {
    const char *section = bg__options[id].yaml_section;
    return section && (strcmp(section, "telemetry") == 0 || strcmp(section, "notify") == 0);
}

const bg__opt_info *bg__opt_start_only_flag(const char *arg) {
    char name[128];
    if (strncmp(arg, "--", 2) != 0)
        return NULL;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    const bg__opt_info *o = bg__opt_by_flag(name);
    return o && bg__opt_start_only(o->id) ? o : NULL;
}

const bg__opt_info *bg__opt_by_flag(const char *flag) {
    for (int i = 0; i < BG__OPT_COUNT; i++)
        if (bg__options[i].flag && strcmp(bg__options[i].flag, flag) == 0)
            return &bg__options[i];
    return NULL;
}

const bg__opt_info *bg__opt_by_yaml(const char *section, const char *key) {
    for (int i = 0; i < BG__OPT_COUNT; i++) {
        const bg__opt_info *o = &bg__options[i];
        if (o->yaml_key && strcmp(o->yaml_section, section) == 0 && strcmp(o->yaml_key, key) == 0)
            return o;
    }
    return NULL;
}

const bg__opt_info *bg__opt_by_env(const char *env) {
    for (int i = 0; i < BG__OPT_COUNT; i++)
        if (bg__options[i].env && strcmp(bg__options[i].env, env) == 0)
            return &bg__options[i];
    return NULL;
}

const char *const bg__measure_names[3] = {"time", "cpu", "instructions"};

const char *bg__source_name(bg__source src) {
    static const char *names[] = {"default", "bench.yaml", "bench.yaml (benchmark)", "environment",
                                  "flag"};
    return names[src];
}

void bg__config_defaults(bg__config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->min_time = 0.2;
    cfg->max_time = 1.0;
    cfg->warmup = 0.05;
    cfg->min_samples = 10;
    cfg->repetitions = 3;
    cfg->max_noise = 1.0;
    cfg->device = BG__DEVICE_ALL;
    cfg->measure = BG__MEASURE_TIME;
    cfg->seed = 42;
    cfg->formats = BG__FORMAT_JSON | BG__FORMAT_CSV | BG__FORMAT_CONSOLE;
    cfg->threshold = -1.0;
    cfg->threshold_time = 5.0;
    cfg->threshold_instructions = 0.5;
    cfg->threshold_accuracy = 0.5;
    cfg->threshold_memory = 10.0;
    cfg->threshold_metric = 1.0;
    cfg->log_max_mb = 20.0;
    cfg->log_backups = 5;
    strcpy(cfg->cache_dir, "results/cache");
    strcpy(cfg->history, "results/history.sqlite");
    bg__config_integration_defaults(cfg);
}

/* ---- value parsers: each returns 0 or an error message in why ------------ */

static int parse_number(const char *text, double *out) {
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno != 0 || !isfinite(v))
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    *out = v;
    return (int)(end - text);
}

static const char *parse_seconds(const char *text, double lo, double hi, double *out) {
    double v;
    int used = parse_number(text, &v);
    if (used < 0)
        return "is not a duration (write seconds, e.g. 0.5, 500ms or 2s)";
    const char *unit = text + used;
    if (strcmp(unit, "ms") == 0)
        v /= 1e3;
    else if (strcmp(unit, "us") == 0)
        v /= 1e6;
    else if (strcmp(unit, "min") == 0)
        v *= 60;
    else if (*unit != '\0' && strcmp(unit, "s") != 0)
        return "has an unknown unit (use s, ms, us or min)";
    if (v < lo || v > hi)
        return "is out of range";
    *out = v;
    return NULL;
}

static const char *parse_percent(const char *text, double lo, double hi, double *out) {
    double v;
    int used = parse_number(text, &v);
    if (used < 0 || (text[used] != '\0' && strcmp(text + used, "%") != 0))
        return "is not a percentage (e.g. 5 or 5%)";
    if (v < lo || v > hi)
        return "is out of range";
    *out = v;
    return NULL;
}

static const char *parse_megabytes(const char *text, double *out) {
    double v;
    int used = parse_number(text, &v);
    if (used < 0 || (text[used] != '\0' && strcmp(text + used, "MB") != 0))
        return "is not a size in megabytes (e.g. 20 or 0.5)";
    if (v < 0.001 || v > 1e6)
        return "is out of range (0.001 to 1000000)";
    *out = v;
    return NULL;
}

static const char *parse_int(const char *text, int64_t lo, int64_t hi, int64_t *out) {
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0)
        return "is not an integer";
    if (v < lo || v > hi)
        return "is out of range";
    *out = v;
    return NULL;
}

static const char *parse_bool(const char *text, int *out) {
    static const char *yes[] = {"1", "true", "yes", "on"};
    static const char *no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(text, yes[i]) == 0)
            return (*out = 1), NULL;
        if (strcasecmp(text, no[i]) == 0)
            return (*out = 0), NULL;
    }
    return "is not a boolean (true or false)";
}

static const char *parse_enum(const char *text, const char *const *names, int count, int *out) {
    for (int i = 0; i < count; i++)
        if (strcmp(text, names[i]) == 0)
            return (*out = i), NULL;
    return "is not one of the allowed values";
}

static const char *parse_formats(const char *text, unsigned *out) {
    static const char *const names[] = {"json", "csv", "console"};
    char buf[256];
    if (strlen(text) >= sizeof buf)
        return "is too long";
    strcpy(buf, text);
    unsigned bits = 0;
    if (buf[0] == ',' || buf[strlen(buf) - 1] == ',' || strstr(buf, ",,"))
        return "has an empty item";
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int i;
        if (parse_enum(tok, names, 3, &i) != NULL)
            return "lists an unknown format (use json, csv, console)";
        bits |= 1u << i;
    }
    if (bits == 0)
        return "is empty";
    *out = bits;
    return NULL;
}

/* The end of the bracket expression that starts at p ("[...]"; a ']' first is literal). */
static const char *bracket_end(const char *p) {
    const char *q = p + 1;
    if (*q == '^')
        q++;
    if (*q == ']')
        q++;
    while (*q && *q != ']')
        q++;
    return *q ? q : q - 1;
}

#define MAX_QUANTIFIERS 10

/* The quantifiers outside bracket expressions; -1 when one follows another ("a++", "a*+",
 * "a}+"): undefined in POSIX EREs. glibc's matcher doubles its memory for each stacked or
 * nested one ("((t+)+)+..." twenty deep took 1.6 GB and 7 s), so their number is bounded. */
static int quantifiers(const char *text) {
    int prev_quant = 0, count = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++, prev_quant = 0;
        } else if (*p == '[') {
            p = bracket_end(p), prev_quant = 0;
        } else {
            int quant = *p == '*' || *p == '+' || *p == '?' || *p == '{';
            if (quant && prev_quant)
                return -1;
            count += quant;
            while (*p == '{' && p[1] && p[1] != '}')
                p++;
            if (*p == '{' && p[1] == '}')
                p++;
            prev_quant = quant;
        }
    }
    return count;
}

static const char *parse_regex(const char *text) {
    regex_t re;
    for (const char *p = text; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return "holds a control character";
    int q = quantifiers(text);
    if (q < 0)
        return "has a quantifier after a quantifier (like a++ or a*+): write one";
    if (q > MAX_QUANTIFIERS)
        return "has more than 10 quantifiers (*, +, ?, {}): write a simpler one";
    if (regcomp(&re, text, REG_EXTENDED | REG_NOSUB) != 0)
        return "is not a valid POSIX extended regular expression";
    regfree(&re);
    return NULL;
}

bg_err bg_args_check(int argc, char **argv, char *errbuf, size_t errlen) {
    char problem[96], shown[256];
    for (int i = 1; i < argc; i++)
        if (bg__text_problem(argv[i], problem, sizeof problem)) {
            bg__text_escape(argv[i], shown, sizeof shown);
            if (errlen > 0)
                snprintf(errbuf, errlen,
                         "argument %d ('%s') %s: benchgate writes its arguments "
                         "into UTF-8 files",
                         i, shown, problem);
            return BG_EUSAGE;
        }
    return BG_OK;
}

bg_err bg_regex_check(const char *text, char *errbuf, size_t errlen) {
    const char *why = parse_regex(text);
    if (why && errbuf && errlen)
        snprintf(errbuf, errlen, "'%s' %s", text, why);
    return why ? BG_EUSAGE : BG_OK;
}

static const char *check_axis(const char *text) {
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text)
        return "is not NAME=VALUES";
    for (const char *p = text; p < eq; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return "has an axis name with characters other than letters, digits and _";
    const char *v = eq + 1;
    if (*v == '\0' || *v == ',' || v[strlen(v) - 1] == ',' || strstr(v, ",,"))
        return "has an empty value";
    for (; *v; v++)
        if (*v == '/' || *v == '=' || *v == ';' || isspace((unsigned char)*v) ||
            (unsigned char)*v < 0x20 || *v == 0x7f)
            return "has a value with '/', '=', ';', spaces or control characters";
    return NULL;
}

static const char *copy_text(char *dst, size_t size, const char *text, int is_path) {
    if (is_path && text[0] == '\0')
        return "is empty";
    if (strlen(text) >= size)
        return "is too long";
    strcpy(dst, text);
    return NULL;
}

/* Custom metric thresholds "NAME=PCT[,NAME=PCT...]" merge by name, like axes. */
static const char *set_one_metric_threshold(bg__config *cfg, const char *item, bg__source src) {
    const char *eq = strchr(item, '=');
    size_t len = eq ? (size_t)(eq - item) : 0;
    if (eq == NULL || len == 0 || len >= sizeof cfg->metric_threshold_name[0])
        return "is not NAME=PCT (e.g. compression_ratio=2%)";
    for (const char *p = item; p < eq; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.' || *p == '-'))
            return "has a metric name with characters other than letters, digits, _ . -";
    double pct;
    const char *why = parse_percent(eq + 1, 0, 1000, &pct);
    if (why)
        return why;
    int slot = cfg->metric_threshold_count;
    for (int i = 0; i < cfg->metric_threshold_count; i++)
        if (strlen(cfg->metric_threshold_name[i]) == len &&
            strncmp(cfg->metric_threshold_name[i], item, len) == 0)
            slot = i;
    if (slot < cfg->metric_threshold_count && src < cfg->metric_threshold_source[slot])
        return NULL;
    if (slot == BG__MAX_METRIC_THRESHOLDS)
        return "is one metric threshold too many";
    snprintf(cfg->metric_threshold_name[slot], sizeof cfg->metric_threshold_name[slot], "%.*s",
             (int)len, item);
    cfg->metric_threshold_pct[slot] = pct;
    cfg->metric_threshold_source[slot] = src;
    if (slot == cfg->metric_threshold_count)
        cfg->metric_threshold_count++;
    return NULL;
}

static const char *set_metric_thresholds(bg__config *cfg, const char *value, bg__source src) {
    char buf[1024];
    if (strlen(value) >= sizeof buf)
        return "is too long";
    strcpy(buf, value);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        const char *why = set_one_metric_threshold(cfg, t, src);
        if (why)
            return why;
    }
    return NULL;
}

/* Axis settings merge by name: a setting replaces an earlier one of the same axis unless
 * that one came from a higher-precedence source. */
static const char *set_axis(bg__config *cfg, const char *value, bg__source src) {
    const char *why = check_axis(value);
    if (why)
        return why;
    size_t name_len = (size_t)(strchr(value, '=') - value);
    int slot = cfg->axis_count;
    for (int i = 0; i < cfg->axis_count; i++)
        if (strncmp(cfg->axis[i], value, name_len + 1) == 0)
            slot = i;
    if (slot < cfg->axis_count && src < cfg->axis_source[slot])
        return NULL;
    if (slot == BG__MAX_AXIS_SETTINGS)
        return "is one axis setting too many";
    why = copy_text(cfg->axis[slot], sizeof cfg->axis[slot], value, 0);
    if (why == NULL && slot == cfg->axis_count)
        cfg->axis_count++;
    cfg->axis_source[slot] = src;
    return why;
}

static const char *set_value(bg__config *c, bg__opt_id id, const char *v, bg__source src) {
    static const char *const devices[] = {"all", "cpu", "cuda", "auto"};
    int i = 0;
    int64_t n = 0;
    const char *why = NULL;
    switch (id) {
    case BG__OPT_FILTER:
        return parse_regex(v) ? parse_regex(v) : copy_text(c->filter, sizeof c->filter, v, 0);
    case BG__OPT_MIN_TIME:
        return parse_seconds(v, 0, 3600, &c->min_time);
    case BG__OPT_MAX_TIME:
        return parse_seconds(v, 1e-3, 86400, &c->max_time);
    case BG__OPT_WARMUP:
        return parse_seconds(v, 0, 3600, &c->warmup);
    case BG__OPT_MIN_SAMPLES:
        return parse_int(v, 1, 1000000, &c->min_samples);
    case BG__OPT_REPETITIONS:
        return parse_int(v, 1, 1000, &c->repetitions);
    case BG__OPT_MAX_NOISE:
        return parse_percent(v, 0.001, 100, &c->max_noise);
    case BG__OPT_BATCH_SIZE:
        return parse_int(v, 1, INT64_C(1) << 40, &c->batch_size);
    case BG__OPT_CONCURRENCY:
        return parse_int(v, 1, 1024, &c->concurrency);
    case BG__OPT_DEVICE:
        why = parse_enum(v, devices, 4, &i);
        return why ? "is not one of cpu, cuda, auto, all" : (c->device = (bg__device)i, NULL);
    case BG__OPT_MEASURE:
        why = parse_enum(v, bg__measure_names, 3, &i);
        return why ? "is not one of time, cpu, instructions" : (c->measure = (bg__measure)i, NULL);
    case BG__OPT_AXIS:
        return set_axis(c, v, src);
    case BG__OPT_SEED:
        why = parse_int(v, 0, INT64_MAX, &n);
        return why ? why : (c->seed = (uint64_t)n, NULL);
    case BG__OPT_OUTPUT_DIR:
        return copy_text(c->output_dir, sizeof c->output_dir, v, 1);
    case BG__OPT_FORMAT:
        return parse_formats(v, &c->formats);
    case BG__OPT_CONFIG:
        return copy_text(c->config_path, sizeof c->config_path, v, 1);
    case BG__OPT_BASELINE:
        return copy_text(c->baseline, sizeof c->baseline, v, 1);
    case BG__OPT_DATASET_PATH:
        return copy_text(c->dataset_path, sizeof c->dataset_path, v, 1);
    case BG__OPT_THRESHOLD:
        return parse_percent(v, 0, 1000, &c->threshold);
    case BG__OPT_THRESHOLD_TIME:
        return parse_percent(v, 0, 1000, &c->threshold_time);
    case BG__OPT_THRESHOLD_INSTRUCTIONS:
        return parse_percent(v, 0, 1000, &c->threshold_instructions);
    case BG__OPT_THRESHOLD_ACCURACY:
        return parse_percent(v, 0, 100, &c->threshold_accuracy);
    case BG__OPT_THRESHOLD_MEMORY:
        return parse_percent(v, 0, 1000, &c->threshold_memory);
    case BG__OPT_THRESHOLD_METRIC:
        return parse_percent(v, 0, 1000, &c->threshold_metric);
    case BG__OPT_METRIC_THRESHOLD:
        return set_metric_thresholds(c, v, src);
    case BG__OPT_LOG_MAX_MB:
        return parse_megabytes(v, &c->log_max_mb);
    case BG__OPT_LOG_BACKUPS:
        return parse_int(v, 0, 100, &c->log_backups);
    case BG__OPT_CACHE_DIR:
        return copy_text(c->cache_dir, sizeof c->cache_dir, v, 1);
    case BG__OPT_HISTORY:
        return copy_text(c->history, sizeof c->history, v, 1);
    default:
        return bg__config_set_integration(c, id, v, src);
    }
}

static int *bool_field(bg__config *c, bg__opt_id id) {
    switch (id) {
    case BG__OPT_LIST:
        return &c->list;
    case BG__OPT_SKIP_WARMUP:
        return &c->skip_warmup;
    case BG__OPT_COLD:
        return &c->cold;
    case BG__OPT_NO_UI:
        return &c->no_ui;
    case BG__OPT_FAIL_ON_INCONCLUSIVE:
        return &c->fail_on_inconclusive;
    case BG__OPT_FAIL_ON_NO_BASELINE:
        return &c->fail_on_no_baseline;
    case BG__OPT_DRY_RUN:
        return &c->dry_run;
    case BG__OPT_REUSE:
        return &c->reuse;
    case BG__OPT_CACHE_SIM:
        return &c->cache_sim;
    case BG__OPT_NO_CACHE:
        return &c->no_cache;
    case BG__OPT_RESUME:
        return &c->resume;
    case BG__OPT_PRIVATE:
        return &c->private_output;
    case BG__OPT_NOTIFY_DESKTOP:
        return &c->notify_desktop;
    case BG__OPT_HELP:
        return &c->help;
    case BG__OPT_VERSION:
        return &c->version;
    default:
        return NULL;
    }
}

/** @return 1 when option id is a switch (a boolean). */
int bg__opt_is_switch(bg__opt_id id) {
    bg__config scratch;
    return bool_field(&scratch, id) != NULL;
}

bg_err bg__config_set(bg__config *cfg, bg__opt_id id, const char *value, bg__source src,
                      const char *where, bg__error *err) {
    const bg__opt_info *o = bg__opt(id);
    char qualified[64]; /* telemetry.url, notify.to: the section names the key */
    const char *name = o->yaml_key ? o->yaml_key : o->flag;
    if (o->yaml_key &&
        (strcmp(o->yaml_section, "telemetry") == 0 || strcmp(o->yaml_section, "notify") == 0))
        name = (snprintf(qualified, sizeof qualified, "%s.%s", o->yaml_section, o->yaml_key),
                qualified);
    BG_RETURN_IF(value == NULL || value[0] == '\0', err, BG_ECONFIG, "%s: %s: value is empty",
                 where, name);
    char problem[96], shown[256];
    if (bg__text_problem(value, problem, sizeof problem)) {
        bg__text_escape(value, shown, sizeof shown); /* every output is UTF-8 text */
        return bg__set_error(err, BG_ECONFIG, "%s: %s: '%s' %s", where, name, shown, problem);
    }
    if (src < cfg->source[id] && id != BG__OPT_AXIS && id != BG__OPT_METRIC_THRESHOLD)
        return BG_OK; /* a higher-precedence source already set it (axes merge by name) */
    bg__config trial = *cfg;
    int *flag = bool_field(&trial, id);
    const char *why = flag ? parse_bool(value, flag) : set_value(&trial, id, value, src);
    BG_RETURN_IF(why != NULL, err, BG_ECONFIG, "%s: %s: '%s' %s", where, name, value, why);
    if (src > trial.source[id])
        trial.source[id] = src;
    *cfg = trial;
    return BG_OK;
}
