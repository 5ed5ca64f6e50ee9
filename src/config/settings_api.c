/* settings_api.c - the effective run settings for the benchgate command (public API). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/settings.h"
#include "common/common.h"
#include "config/config.h"

extern char **environ;

struct bg_settings {
    bg__settings st;
};

bg_err bg_settings_load_with(int argc, char **argv, const bg_setting_def *defs, size_t count,
                             bg_settings **out, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return bg__errbuf(&err, bg__set_error(&err, BG_ENOMEM, "out of memory"), errbuf, errlen);
    bg_err rc = bg__settings_load_with(&(*out)->st, argc, argv, environ, defs, count, &err);
    if (rc != BG_OK) {
        bg_settings_free(*out);
        *out = NULL;
    }
    return bg__errbuf(&err, rc, errbuf, errlen);
}

bg_err bg_settings_load(int argc, char **argv, bg_settings **out, char *errbuf, size_t errlen) {
    return bg_settings_load_with(argc, argv, NULL, 0, out, errbuf, errlen);
}

bg_err bg_settings_get(const bg_settings *s, const char *key, char *value, size_t size) {
    if (s == NULL || key == NULL || size == 0)
        return BG_EUSAGE;
    int p = bg__program_by_name(&s->st, key);
    if (p >= 0) {
        snprintf(value, size, "%s", bg__program_value_of(&s->st, p));
        return BG_OK;
    }
    const bg__opt_info *o = bg__opt_by_yaml("run", key);
    if (o == NULL)
        o = bg__opt_by_flag(key);
    if (o == NULL)
        return BG_EUSAGE;
    bg__config_format(&s->st.global, o->id, value, size);
    return BG_OK;
}

void bg_settings_free(bg_settings *s) {
    if (s == NULL)
        return;
    bg__settings_free(&s->st);
    free(s);
}

int bg_settings_start_only(const char *arg) {
    char name[128];
    if (arg == NULL || strncmp(arg, "--", 2) != 0)
        return 0;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    return bg__command_flag(name);
}
