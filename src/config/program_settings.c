/* program_settings.c - the settings of a program on the library (benchgate start's history,
 * telemetry and notifications): the names the core leaves to the command, and a program
 * setting's value from its default, bench.yaml, its variable or its flag. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"

static const char *const command_sections[] = {BG__COMMAND_SECTIONS};
static const char *const command_run_keys[] = {BG__COMMAND_RUN_KEYS};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int bg__command_yaml(const char *section, const char *key) {
    if (section == NULL)
        return 0;
    for (size_t i = 0; i < COUNT(command_sections); i++)
        if (strcmp(section, command_sections[i]) == 0)
            return 1;
    for (size_t i = 0; key && strcmp(section, "run") == 0 && i < COUNT(command_run_keys); i++)
        if (strcmp(key, command_run_keys[i]) == 0)
            return 1;
    return 0;
}

/* @return 1 when name is word (whole) or word, sep and more ("telemetry-url" of "telemetry");
 * upper: name spells word in capitals ("TELEMETRY_URL"). */
static int named_after(const char *name, const char *word, char sep, int whole, int upper) {
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (name[i] != (upper ? toupper((unsigned char)word[i]) : word[i]))
            return 0;
    return whole ? name[n] == '\0' : name[n] == sep && name[n + 1] != '\0';
}

/* One of the command's names: a section and sep and more, or a run key whole. */
static int command_name(const char *name, char sep, int upper) {
    for (size_t i = 0; i < COUNT(command_sections); i++)
        if (named_after(name, command_sections[i], sep, 0, upper))
            return 1;
    for (size_t i = 0; i < COUNT(command_run_keys); i++)
        if (named_after(name, command_run_keys[i], sep, 1, upper))
            return 1;
    return 0;
}

int bg__command_flag(const char *name) {
    return command_name(name, '-', 0);
}

int bg__command_env(const char *name) {
    return strncmp(name, "BENCH_", 6) == 0 && command_name(name + 6, '_', 1);
}

/* ---- finding a program setting ------------------------------------------------------------- */

/* "telemetry.url"; in section run just the key ("history"). */
static void name_of(const bg_setting_def *d, char *buf, size_t size) {
    if (strcmp(d->section, "run") == 0)
        snprintf(buf, size, "%s", d->key);
    else
        snprintf(buf, size, "%s.%s", d->section, d->key);
}

int bg__program_by_flag(const bg__settings *st, const char *flag) {
    for (size_t i = 0; flag && i < st->def_count; i++)
        if (strcmp(st->defs[i].flag, flag) == 0)
            return (int)i;
    return -1;
}

int bg__program_by_yaml(const bg__settings *st, const char *section, const char *key) {
    for (size_t i = 0; section && key && i < st->def_count; i++)
        if (strcmp(st->defs[i].section, section) == 0 && strcmp(st->defs[i].key, key) == 0)
            return (int)i;
    return -1;
}

int bg__program_by_env(const bg__settings *st, const char *env) {
    for (size_t i = 0; env && i < st->def_count; i++)
        if (st->defs[i].env && strcmp(st->defs[i].env, env) == 0)
            return (int)i;
    return -1;
}

int bg__program_by_name(const bg__settings *st, const char *name) {
    char own[128];
    for (size_t i = 0; name && i < st->def_count; i++) {
        name_of(&st->defs[i], own, sizeof own);
        if (strcmp(own, name) == 0)
            return (int)i;
    }
    return bg__program_by_flag(st, name);
}

/* ---- setting a value ------------------------------------------------------------------------ */

/* The text to keep for value: a switch as "1" or "0", a duration in seconds. @return NULL or
 * why the value is wrong */
static const char *parse(const bg_setting_def *d, const char *value, char *out, size_t size) {
    int on = 0;
    double s = 0;
    const char *why = NULL;
    if (d->kind == BG_SETTING_SWITCH) {
        if ((why = bg__parse_bool(value, &on)) == NULL)
            snprintf(out, size, "%d", on);
    } else if (d->kind == BG_SETTING_SECONDS) {
        if ((why = bg__parse_seconds(value, d->lo, d->hi, &s)) == NULL)
            bg__number_text(s, out, size);
    } else {
        snprintf(out, size, "%s", value); /* BG_SETTING_TEXT */
    }
    if (why == NULL && d->check) {
        char name[128];
        name_of(d, name, sizeof name);
        why = d->check(name, out);
    }
    return why;
}

bg_err bg__program_set(bg__settings *st, int i, const char *value, bg__source src,
                       const char *where, bg__error *err) {
    const bg_setting_def *d = &st->defs[i];
    char name[128];
    name_of(d, name, sizeof name);
    BG_FORWARD_IF_ERROR(bg__check_value_text(value, where, name, err));
    if (src < st->values[i].source)
        return BG_OK; /* a higher-precedence source already set it */
    size_t size = strlen(value) + 64;
    char *kept = malloc(size);
    BG_RETURN_IF(kept == NULL, err, BG_ENOMEM, "%s: out of memory", where);
    const char *why = parse(d, value, kept, size);
    if (why) {
        free(kept);
        return bg__value_error(err, BG_ECONFIG, where, name, value, why);
    }
    free(st->values[i].text);
    st->values[i].text = kept;
    st->values[i].source = src;
    return BG_OK;
}

const char *bg__program_value_of(const bg__settings *st, int i) {
    return st->values[i].text ? st->values[i].text : "";
}

/* ---- the program's table --------------------------------------------------------------------- */

static bg_err check_def(const bg_setting_def *d, bg__error *err) {
    BG_RETURN_IF(d->flag == NULL || d->section == NULL || d->key == NULL, err, BG_EUSAGE,
                 "program setting %s: a flag, a section and a key are needed",
                 d->flag ? d->flag : "(no flag)");
    BG_RETURN_IF(!bg__command_yaml(d->section, d->key) || !bg__command_flag(d->flag) ||
                     (d->env && !bg__command_env(d->env)),
                 err, BG_EUSAGE,
                 "program setting --%s (%s.%s%s%s): not a name the run settings leave to the "
                 "command (sections telemetry:, notify:, run key history)",
                 d->flag, d->section, d->key, d->env ? ", " : "", d->env ? d->env : "");
    return BG_OK;
}

/* The value nobody set: the default, parsed and checked like any other (a switch is off). */
static bg_err set_default(bg__settings *st, int i, bg__error *err) {
    const bg_setting_def *d = &st->defs[i];
    const char *text = d->default_value               ? d->default_value
                       : d->kind == BG_SETTING_SWITCH ? "false"
                                                      : NULL;
    if (text == NULL)
        return BG_OK;
    char kept[512];
    const char *why = parse(d, text, kept, sizeof kept);
    BG_RETURN_IF(why != NULL, err, BG_EUSAGE, "program setting --%s: its default '%s' %s", d->flag,
                 text, why);
    st->values[i].text = strdup(kept);
    BG_RETURN_IF(st->values[i].text == NULL, err, BG_ENOMEM, "out of memory");
    return BG_OK;
}

bg_err bg__program_init(bg__settings *st, const bg_setting_def *defs, size_t count,
                        bg__error *err) {
    st->defs = defs;
    st->def_count = count;
    st->values = count ? calloc(count, sizeof *st->values) : NULL;
    BG_RETURN_IF(count && st->values == NULL, err, BG_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        BG_FORWARD_IF_ERROR(check_def(&defs[i], err));
        BG_FORWARD_IF_ERROR(set_default(st, (int)i, err));
    }
    return BG_OK;
}

void bg__program_free(bg__settings *st) {
    for (size_t i = 0; st->values && i < st->def_count; i++)
        free(st->values[i].text);
    free(st->values);
    st->values = NULL;
    st->def_count = 0;
}
