/* config_options.c - the option table and the parsing of one option value. */
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "benchgate/settings.h"
#include "common/common.h"
#include "config/config.h"

/* The option table, from the list in options.def. */
#define OPTION_INFO(id, flag, section, key, env, per_family, arg, kind, def, help)                 \
    {BG__OPT_##id, flag, key, section, env, per_family, arg, def, help},
static const bg__opt_info bg__options[BG__OPT_COUNT] = {BG__OPTIONS(OPTION_INFO)};
#undef OPTION_INFO

/* How each option's value is parsed, stored and written back: its kind, its field in
 * bg__config and the bounds of a number. */
typedef enum value_kind {
    KIND_SWITCH,
    KIND_SECONDS,
    KIND_INT,
    KIND_U64,
    KIND_PERCENT,
    KIND_MEGABYTES,
    KIND_PATH,
    KIND_TEXT,
    KIND_CUSTOM
} value_kind;

typedef struct value_slot {
    value_kind kind;
    size_t offset, size; /**< the field in bg__config */
    double lo, hi;       /**< bounds of a number */
} value_slot;

/* clang-format off */
#define FIELD(f) offsetof(bg__config, f), sizeof(((bg__config *)0)->f)
#define SLOT_SWITCH(f) {KIND_SWITCH, FIELD(f), 0, 0}
#define SLOT_SECONDS(f, lo, hi) {KIND_SECONDS, FIELD(f), lo, hi}
#define SLOT_INT(f, lo, hi) {KIND_INT, FIELD(f), lo, hi}
#define SLOT_U64(f, lo, hi) {KIND_U64, FIELD(f), lo, hi}
#define SLOT_PERCENT(f, lo, hi) {KIND_PERCENT, FIELD(f), lo, hi}
#define SLOT_MEGABYTES(f) {KIND_MEGABYTES, FIELD(f), 0, 0}
#define SLOT_PATH(f) {KIND_PATH, FIELD(f), 0, 0}
#define SLOT_TEXT(f) {KIND_TEXT, FIELD(f), 0, 0}
#define SLOT_CUSTOM(f) {KIND_CUSTOM, FIELD(f), 0, 0}
/* clang-format on */
#define OPTION_SLOT(id, flag, section, key, env, per_family, arg, kind, def, help) SLOT_##kind,
static const value_slot slots[BG__OPT_COUNT] = {BG__OPTIONS(OPTION_SLOT)};
#undef OPTION_SLOT

/* Each field has the type its kind stores: a mistake in options.def does not compile. */
#define TYPE_OF(f) (((bg__config *)0)->f)
#define TYPE_SWITCH(f) _Generic(TYPE_OF(f), int : 1, default : 0)
#define TYPE_SECONDS(f, lo, hi) _Generic(TYPE_OF(f), double : 1, default : 0)
#define TYPE_INT(f, lo, hi) _Generic(TYPE_OF(f), int64_t : 1, default : 0)
#define TYPE_U64(f, lo, hi) _Generic(TYPE_OF(f), uint64_t : 1, default : 0)
#define TYPE_PERCENT(f, lo, hi) _Generic(TYPE_OF(f), double : 1, default : 0)
#define TYPE_MEGABYTES(f) _Generic(TYPE_OF(f), double : 1, default : 0)
#define TYPE_PATH(f) _Generic(TYPE_OF(f), char * : 1, default : 0)
#define TYPE_TEXT(f) _Generic(TYPE_OF(f), char * : 1, default : 0)
#define TYPE_CUSTOM(f) 1
#define OPTION_TYPE(id, flag, section, key, env, per_family, arg, kind, def, help)                 \
    _Static_assert(TYPE_##kind, "options.def: " #id ": its field is not of its kind's type");
BG__OPTIONS(OPTION_TYPE)
#undef OPTION_TYPE

const bg__opt_info *bg__opt(bg__opt_id id) {
    return &bg__options[id];
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

const char *bg__parse_seconds(const char *text, double lo, double hi, double *out) {
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

const char *bg__parse_bool(const char *text, int *out) {
    static const char *yes[] = {"1", "true", "yes", "on"};
    static const char *no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(text, yes[i]) == 0) {
            *out = 1;
            return NULL;
        }
        if (strcasecmp(text, no[i]) == 0) {
            *out = 0;
            return NULL;
        }
    }
    return "is not a boolean (true or false)";
}

static const char *parse_enum(const char *text, const char *const *names, int count, int *out) {
    for (int i = 0; i < count; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = i;
            return NULL;
        }
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

/* The values expand (ranges: config/axis_range.c); why not, naming the axis. */
static const char *check_axis_values(const char *text, const char *eq) {
    static char why[320];
    bg__error problem = {BG_OK, ""};
    bg__axis_values vals;
    if (bg__axis_values_parse(eq + 1, &vals, &problem) == BG_OK) {
        bg__axis_values_free(&vals);
        return NULL;
    }
    snprintf(why, sizeof why, "is refused: axis %.*s: %.255s", (int)(eq - text), text, problem.msg);
    return why;
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
    return check_axis_values(text, eq);
}

/* --baseline names a file or a folder; a FIFO, a device or a socket there is refused when the
 * setting is read (reading one would hang, or be "not gated"). Missing is the gate's to say. */
static const char *baseline_problem(const char *path) {
    struct stat st;
    if (strcmp(path, "off") == 0 || stat(path, &st) != 0 || S_ISREG(st.st_mode) ||
        S_ISDIR(st.st_mode))
        return NULL;
    return S_ISFIFO(st.st_mode)   ? "is not a regular file or folder (a FIFO)"
           : S_ISSOCK(st.st_mode) ? "is not a regular file or folder (a socket)"
                                  : "is not a regular file or folder (a device)";
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

/* K/N, 1 <= K <= N <= BG__SHARD_MAX: one shard of a suite split N ways (docs/sharding.md). */
static const char *parse_shard(const char *v, int *index, int *count) {
    char *end = NULL;
    long k = strtol(v, &end, 10), n = 0;
    if (end == v || *end != '/' || !isdigit((unsigned char)v[0]))
        return "is not K/N (shard K of N, e.g. 2/4)";
    const char *rest = end + 1;
    n = strtol(rest, &end, 10);
    if (end == rest || *end != '\0' || !isdigit((unsigned char)rest[0]))
        return "is not K/N (shard K of N, e.g. 2/4)";
    if (n < 1 || n > BG__SHARD_MAX)
        return "has N out of range (1 to 1000 shards)";
    if (k < 1 || k > n)
        return "has K out of range (1 to N: shards are numbered from 1)";
    *index = (int)k;
    *count = (int)n;
    return NULL;
}

/* The options of kind CUSTOM and TEXT, each parsed by its own code. */
static const char *set_custom(bg__config *c, bg__opt_id id, const char *v, bg__source src) {
    static const char *const devices[] = {"all", "cpu", "cuda", "auto"};
    int i = 0;
    const char *why = NULL;
    switch (id) {
    case BG__OPT_SHARD:
        return parse_shard(v, &c->shard_index, &c->shard_count);
    case BG__OPT_FILTER:
        why = parse_regex(v);
        return why ? why : copy_text(c->filter, sizeof c->filter, v, 0);
    case BG__OPT_DEVICE:
        if (parse_enum(v, devices, 4, &i) != NULL)
            return "is not one of cpu, cuda, auto, all";
        c->device = (bg__device)i;
        return NULL;
    case BG__OPT_MEASURE:
        if (parse_enum(v, bg__measure_names, 3, &i) != NULL)
            return "is not one of time, cpu, instructions";
        c->measure = (bg__measure)i;
        return NULL;
    case BG__OPT_AXIS:
        return set_axis(c, v, src);
    case BG__OPT_FORMAT:
        return parse_formats(v, &c->formats);
    case BG__OPT_METRIC_THRESHOLD:
        return set_metric_thresholds(c, v, src);
    case BG__OPT_PLUGIN:
        return bg__config_set_plugins(c, v, src);
    case BG__OPT_COUNTERS:
        return bg__config_set_counters(c, v);
    default:
        return NULL;
    }
}

/* A bound of an integer option (INT64_MAX is 2^63 as a double, one past int64_t's range). */
static int64_t int_bound(double d) {
    return d >= 9.2e18 ? INT64_MAX : (int64_t)d;
}

static const char *set_value(bg__config *c, bg__opt_id id, const char *v, bg__source src) {
    const value_slot *k = &slots[id];
    void *field = (char *)c + k->offset;
    int64_t n = 0;
    const char *why = NULL;
    if (id == BG__OPT_REUSE && strcmp(v, "force") == 0) { /* a switch, or force: under CI too */
        *(int *)field = BG__REUSE_FORCE;
        return NULL;
    }
    switch (k->kind) {
    case KIND_SWITCH:
        return bg__parse_bool(v, field);
    case KIND_SECONDS:
        return bg__parse_seconds(v, k->lo, k->hi, field);
    case KIND_INT:
        return parse_int(v, int_bound(k->lo), int_bound(k->hi), field);
    case KIND_U64:
        why = parse_int(v, int_bound(k->lo), int_bound(k->hi), &n);
        if (why == NULL)
            *(uint64_t *)field = (uint64_t)n;
        return why;
    case KIND_PERCENT:
        return parse_percent(v, k->lo, k->hi, field);
    case KIND_MEGABYTES:
        return parse_megabytes(v, field);
    case KIND_PATH:
        why = id == BG__OPT_BASELINE ? baseline_problem(v) : NULL;
        return why ? why : copy_text(field, k->size, v, 1);
    default:
        return set_custom(c, id, v, src);
    }
}

int bg__opt_is_switch(bg__opt_id id) {
    return slots[id].kind == KIND_SWITCH;
}

int bg__opt_is_number(bg__opt_id id) {
    value_kind k = slots[id].kind;
    return k == KIND_SECONDS || k == KIND_INT || k == KIND_U64 || k == KIND_PERCENT ||
           k == KIND_MEGABYTES;
}

void bg__config_defaults(bg__config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    for (int i = 0; i < BG__OPT_COUNT; i++)
        if (bg__options[i].default_text &&
            set_value(cfg, (bg__opt_id)i, bg__options[i].default_text, BG__SRC_DEFAULT) != NULL)
            abort(); /* options.def holds a default its own parser refuses: test_config fails */
    cfg->threshold = -1.0; /* no --threshold: each metric's own (thresholds:) */
}

bg_err bg__check_value_text(const char *value, const char *where, const char *name,
                            bg__error *err) {
    BG_RETURN_IF(value == NULL || value[0] == '\0', err, BG_ECONFIG, "%s: %s: value is empty",
                 where, name);
    char problem[96];
    if (bg__text_problem(value, problem, sizeof problem)) /* shown escaped: UTF-8 text */
        return bg__value_error(err, BG_ECONFIG, where, name, value, problem);
    return BG_OK;
}

bg_err bg__config_set(bg__config *cfg, bg__opt_id id, const char *value, bg__source src,
                      const char *where, bg__error *err) {
    const bg__opt_info *o = bg__opt(id);
    const char *name = o->yaml_key ? o->yaml_key : o->flag;
    BG_FORWARD_IF_ERROR(bg__check_value_text(value, where, name, err));
    if (src < cfg->source[id] && id != BG__OPT_AXIS && id != BG__OPT_METRIC_THRESHOLD)
        return BG_OK; /* a higher-precedence source already set it (axes merge by name) */
    bg__config trial = *cfg;
    const char *why = set_value(&trial, id, value, src);
    if (why != NULL)
        return bg__value_error(err, BG_ECONFIG, where, name, value, why);
    if (src > trial.source[id])
        trial.source[id] = src;
    *cfg = trial;
    return BG_OK;
}

/* ---- writing a value back (the recorded effective config) ---------------------------------- */

static void format_list(char *buf, size_t size, unsigned bits) {
    static const char *const names[] = {"json", "csv", "console"};
    buf[0] = '\0';
    for (int i = 0; i < 3; i++)
        if (bits & (1u << i))
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? "," : "", names[i]);
}

/* "ratio=2,size=0.5": the custom metric thresholds. */
static void format_metric_thresholds(char *buf, size_t size, const bg__config *c) {
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < c->metric_threshold_count && len < size; i++) {
        int n = snprintf(buf + len, size - len, "%s%s=%g", i ? "," : "",
                         c->metric_threshold_name[i], c->metric_threshold_pct[i]);
        len += n > 0 ? (size_t)n : 0;
    }
}

static void format_custom(const bg__config *c, bg__opt_id id, char *buf, size_t size) {
    static const char *const devices[] = {"all", "cpu", "cuda", "auto"};
    if (id == BG__OPT_DEVICE)
        snprintf(buf, size, "%s", devices[c->device]);
    else if (id == BG__OPT_MEASURE)
        snprintf(buf, size, "%s", bg__measure_names[c->measure]);
    else if (id == BG__OPT_FORMAT)
        format_list(buf, size, c->formats);
    else if (id == BG__OPT_METRIC_THRESHOLD)
        format_metric_thresholds(buf, size, c);
    else if (id == BG__OPT_FILTER)
        snprintf(buf, size, "%s", c->filter);
    else if (id == BG__OPT_COUNTERS)
        bg__config_format_counters(c, buf, size);
    else if (id == BG__OPT_SHARD && c->shard_count > 0)
        snprintf(buf, size, "%d/%d", c->shard_index, c->shard_count);
    else
        snprintf(buf, size, "%s", ""); /* the axes are a list: see bg__config.axis */
}

void bg__config_format(const bg__config *c, bg__opt_id id, char *buf, size_t size) {
    const value_slot *k = &slots[id];
    const void *field = (const char *)c + k->offset;
    switch (k->kind) {
    case KIND_SWITCH:
        snprintf(buf, size, "%d", *(const int *)field);
        break;
    case KIND_INT:
        snprintf(buf, size, "%lld", (long long)*(const int64_t *)field);
        break;
    case KIND_U64:
        snprintf(buf, size, "%llu", (unsigned long long)*(const uint64_t *)field);
        break;
    case KIND_SECONDS:
    case KIND_PERCENT:
    case KIND_MEGABYTES:
        bg__number_text(*(const double *)field, buf, size); /* finite: parsed that way */
        break;
    case KIND_PATH:
    case KIND_TEXT:
        snprintf(buf, size, "%s", (const char *)field);
        break;
    default:
        format_custom(c, id, buf, size);
        break;
    }
}
