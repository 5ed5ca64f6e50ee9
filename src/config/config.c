/* config.c - loading the settings in precedence order: defaults < yaml < env < flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/settings.h"
#include "benchgate/terminal.h"
#include "common/common.h"
#include "config/config.h"

/* A BENCH_* variable of the program's settings, of the command's (skipped by a bench
 * executable), or of the run settings. */
static bg_err apply_env_one(bg__settings *st, const char *name, const char *value, bg__error *err) {
    char where[160];
    snprintf(where, sizeof where, "environment %s", name);
    int p = bg__program_by_env(st, name);
    if (p >= 0)
        return bg__program_set(st, p, value, BG__SRC_ENV, where, err);
    if (st->def_count == 0 && bg__command_env(name))
        return BG_OK; /* benchgate start's own (BENCH_TELEMETRY_URL, ...): not a bench's */
    const bg__opt_info *o = bg__opt_by_env(name);
    if (o == NULL) {
        fprintf(stderr,
                "benchgate: warning: environment variable %s is not a benchgate "
                "setting; ignored\n",
                name);
        return BG_OK;
    }
    return bg__config_set(&st->global, o->id, value, BG__SRC_ENV, where, err);
}

bg_err bg__config_apply_env(bg__settings *st, char **envp, bg__error *err) {
    for (char **e = envp; e && *e; e++) {
        if (strncmp(*e, "BENCH_", 6) != 0)
            continue;
        const char *eq = strchr(*e, '=');
        char name[128];
        if (eq == NULL || (size_t)(eq - *e) >= sizeof name)
            continue;
        memcpy(name, *e, (size_t)(eq - *e));
        name[eq - *e] = '\0';
        if (strcmp(name, "BENCH_DATASET_MIRROR") == 0)
            continue; /* read by benchgate fetch and bg_add_dataset(), not a run setting */
        BG_FORWARD_IF_ERROR(apply_env_one(st, name, eq + 1, err));
    }
    return BG_OK;
}

/* The value of flag arg (--name=value, or --name value when it takes one). */
static bg_err flag_value(const char *arg, const char *flag, int is_switch, const char *arg_help,
                         const char *next, const char **value, int *consumed, bg__error *err) {
    const char *eq = strchr(arg, '=');
    *value = eq ? eq + 1 : NULL;
    *consumed = 1;
    if (*value == NULL && is_switch)
        *value = "true";
    if (*value == NULL) {
        BG_RETURN_IF(next == NULL, err, BG_EUSAGE, "command line: --%s: needs a value (%s)", flag,
                     arg_help ? arg_help : "VALUE");
        *value = next;
        *consumed = 2;
    }
    return BG_OK;
}

/* A flag of the program's settings; or of the command's, which a bench executable refuses
 * rather than ignores, so that nobody believes a bench pushed, notified or recorded. Only
 * --NAME=off is taken, as what a bench does anyway (scripts pass --history=off). */
static bg_err apply_program_flag(bg__settings *st, const char *arg, const char *name,
                                 const char *next, int *consumed, bg__error *err) {
    int p = bg__program_by_flag(st, name);
    const char *eq = strchr(arg, '=');
    if (p < 0 && st->def_count == 0 && eq && strcmp(eq + 1, "off") == 0) {
        *consumed = 1;
        return BG_OK;
    }
    BG_RETURN_IF(p < 0 && st->def_count == 0, err, BG_EUSAGE,
                 "command line: --%s: a setting of benchgate start, which acts on it after "
                 "the whole run; a bench executable does not (run it through benchgate start, "
                 "or leave the flag out)",
                 name);
    BG_RETURN_IF(p < 0, err, BG_EUSAGE, "command line: --%s: unknown flag (see --help)", name);
    const bg_setting_def *d = &st->defs[p];
    const char *value;
    BG_FORWARD_IF_ERROR(flag_value(arg, d->flag, d->kind == BG_SETTING_SWITCH, d->arg, next, &value,
                                   consumed, err));
    char where[160];
    snprintf(where, sizeof where, "command line --%s", d->flag);
    bg_err rc = bg__program_set(st, p, value, BG__SRC_FLAG, where, err);
    return rc == BG_OK ? rc : (err->code = BG_EUSAGE);
}

static bg_err apply_flag(bg__settings *st, const char *arg, const char *next, int *consumed,
                         bg__error *err) {
    char name[128];
    size_t len = strcspn(arg, "=");
    BG_RETURN_IF(len >= sizeof name, err, BG_EUSAGE, "command line: %s: unknown flag", arg);
    snprintf(name, sizeof name, "%.*s", (int)len - 2, arg + 2);
    if (bg__command_flag(name)) /* every program setting's flag is one (bg__program_init) */
        return apply_program_flag(st, arg, name, next, consumed, err);
    const bg__opt_info *o = bg__opt_by_flag(name);
    BG_RETURN_IF(o == NULL, err, BG_EUSAGE, "command line: --%s: unknown flag (see --help)", name);
    const char *value;
    BG_FORWARD_IF_ERROR(
        flag_value(arg, o->flag, bg__opt_is_switch(o->id), o->arg, next, &value, consumed, err));
    char where[160];
    snprintf(where, sizeof where, "command line --%s", o->flag);
    bg_err rc = bg__config_set(&st->global, o->id, value, BG__SRC_FLAG, where, err);
    return rc == BG_OK ? rc : (err->code = BG_EUSAGE);
}

bg_err bg__config_apply_flags(bg__settings *st, int argc, char **argv, int first, bg__error *err) {
    for (int i = first; i < argc;) {
        const char *arg = argv[i];
        BG_RETURN_IF(strncmp(arg, "--", 2) != 0 || arg[2] == '\0', err, BG_EUSAGE,
                     "command line: '%s': unexpected argument (flags are --name=value)", arg);
        int consumed = 1;
        BG_FORWARD_IF_ERROR(apply_flag(st, arg, i + 1 < argc ? argv[i + 1] : NULL, &consumed, err));
        i += consumed;
    }
    return BG_OK;
}

/* The config file comes from --config, then BENCH_CONFIG, then ./bench.yaml if present. */
static bg_err find_config_path(bg__config *cfg, int argc, char **argv, char **envp,
                               bg__error *err) {
    bg__config probe;
    bg__config_defaults(&probe);
    for (char **e = envp; e && *e; e++)
        if (strncmp(*e, "BENCH_CONFIG=", 13) == 0)
            BG_FORWARD_IF_ERROR(bg__config_set(&probe, BG__OPT_CONFIG, *e + 13, BG__SRC_ENV,
                                               "environment BENCH_CONFIG", err));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = strncmp(a, "--config=", 9) == 0              ? a + 9
                        : strcmp(a, "--config") == 0 && i + 1 < argc ? argv[i + 1]
                                                                     : NULL;
        if (v && bg__config_set(&probe, BG__OPT_CONFIG, v, BG__SRC_FLAG, "command line --config",
                                err) != BG_OK)
            return err->code = BG_EUSAGE;
    }
    if (probe.config_path[0] == '\0' && access("bench.yaml", F_OK) == 0)
        strcpy(probe.config_path, "bench.yaml");
    strcpy(cfg->config_path, probe.config_path);
    cfg->source[BG__OPT_CONFIG] = probe.source[BG__OPT_CONFIG];
    return BG_OK;
}

bg_err bg__settings_load_with(bg__settings *st, int argc, char **argv, char **envp,
                              const bg_setting_def *defs, size_t count, bg__error *err) {
    memset(st, 0, sizeof *st);
    bg__config_defaults(&st->global);
    BG_FORWARD_IF_ERROR(bg__program_init(st, defs, count, err));
    char why[512];
    if (bg_args_check(argc, argv, why, sizeof why) != BG_OK)
        return bg__set_error(err, BG_EUSAGE, "command line: %s", why);
    BG_FORWARD_IF_ERROR(find_config_path(&st->global, argc, argv, envp, err));
    if (st->global.config_path[0] != '\0')
        BG_FORWARD_IF_ERROR(bg__config_load_yaml(st, st->global.config_path, err));
    BG_FORWARD_IF_ERROR(bg__config_apply_env(st, envp, err));
    return bg__config_apply_flags(st, argc, argv, 1, err);
}

bg_err bg__settings_load(bg__settings *st, int argc, char **argv, char **envp, bg__error *err) {
    return bg__settings_load_with(st, argc, argv, envp, NULL, 0, err);
}

void bg__settings_free(bg__settings *st) {
    free(st->overrides);
    st->overrides = NULL;
    st->override_count = 0;
    bg__program_free(st);
}

static bg_err apply_override(bg__config *out, const bg__override *ov, bg__error *err) {
    const char *dot = strchr(ov->key, '.');
    char section[32];
    snprintf(section, sizeof section, "%.*s", (int)(dot - ov->key), ov->key);
    const bg__opt_info *o = strcmp(ov->key, "thresholds.*") == 0
                                ? bg__opt(BG__OPT_METRIC_THRESHOLD)
                                : bg__opt_by_yaml(section, dot + 1);
    if (o->id != BG__OPT_AXIS)
        return bg__config_set(out, o->id, ov->value, BG__SRC_YAML_BENCH, ov->where, err);
    char buf[sizeof ov->value];
    strcpy(buf, ov->value);
    char *save = NULL;
    for (char *t = strtok_r(buf, ";", &save); t; t = strtok_r(NULL, ";", &save))
        BG_FORWARD_IF_ERROR(bg__config_set(out, o->id, t, BG__SRC_YAML_BENCH, ov->where, err));
    return BG_OK;
}

/* Set for timing only: defaults, and bench.yaml, whose run settings tune time measurement. */
static int timing_setting(const bg__config *c, bg__opt_id id) {
    return c->source[id] <= BG__SRC_YAML_BENCH;
}

/* Instruction counts are deterministic: one repetition of a few samples gives the same median
 * as many, and warm-up changes nothing. What the environment or a flag sets is kept. */
static void instruction_mode_defaults(bg__config *c) {
    if (c->measure != BG__MEASURE_INSTRUCTIONS)
        return;
    if (timing_setting(c, BG__OPT_REPETITIONS))
        c->repetitions = 1;
    if (timing_setting(c, BG__OPT_MIN_SAMPLES))
        c->min_samples = 3;
    if (timing_setting(c, BG__OPT_MIN_TIME))
        c->min_time = 0;
    if (timing_setting(c, BG__OPT_WARMUP))
        c->warmup = 0;
}

/* Settings that contradict each other: sampling stops at max_time, so min_time above it is
 * never reached. A max_time nobody set follows a larger min_time. */
static bg_err check_consistent(bg__config *c, const char *family, bg__error *err) {
    if (c->max_time < c->min_time && c->source[BG__OPT_MAX_TIME] == BG__SRC_DEFAULT)
        c->max_time = c->min_time;
    BG_RETURN_IF(c->max_time < c->min_time, err, BG_ECONFIG,
                 "benchmark %s: max_time (%g s, from %s) is below min_time (%g s, from %s): "
                 "raise max_time or lower min_time",
                 family, c->max_time, bg__source_name(c->source[BG__OPT_MAX_TIME]), c->min_time,
                 bg__source_name(c->source[BG__OPT_MIN_TIME]));
    return BG_OK;
}

bg_err bg__settings_for_family(const bg__settings *st, const char *family, bg__config *out,
                               bg__error *err) {
    *out = st->global;
    for (size_t i = 0; i < st->override_count; i++)
        if (strcmp(st->overrides[i].family, family) == 0)
            BG_FORWARD_IF_ERROR(apply_override(out, &st->overrides[i], err));
    instruction_mode_defaults(out);
    return check_consistent(out, family, err);
}

void bg__config_print_help(void *file, const char *prog) {
    FILE *f = file;
    fprintf(f,
            "usage: %s [flags]\n\nRun flags (precedence: defaults < bench.yaml < BENCH_* "
            "environment < flags):\n",
            prog);
    for (int i = 0; i < BG__OPT_COUNT; i++) {
        const bg__opt_info *o = bg__opt((bg__opt_id)i);
        if (o->flag == NULL)
            continue;
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", o->flag, o->arg ? "=" : "", o->arg ? o->arg : "");
        char help[512];
        snprintf(help, sizeof help, "%s%s%s", o->help, o->env ? "; env " : "",
                 o->env ? o->env : "");
        fprintf(f, "  %-32s ", left);
        bg_print_wrapped(f, help, "                                   ",
                         3 + (strlen(left) > 32 ? strlen(left) : 32));
    }
    fputc('\n', f);
    bg_print_wrapped(f,
                     "Telemetry, notifications and the run history (--telemetry-*, --notify-*, "
                     "--history) are settings of benchgate start, which acts on them after the "
                     "whole run: see benchgate start --help.",
                     NULL, 0);
    fputc('\n', f);
    bg_print_wrapped(f,
                     "Exit codes: 0 ok, 1 regression, 2 bad usage or input, 3 a benchmark "
                     "failed, 77 skipped.",
                     NULL, 0);
}
