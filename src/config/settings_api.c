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

bg_err bg_settings_load(int argc, char **argv, bg_settings **out, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return bg__errbuf(&err, bg__set_error(&err, BG_ENOMEM, "out of memory"), errbuf, errlen);
    bg_err rc = bg__settings_load(&(*out)->st, argc, argv, environ, &err);
    if (rc != BG_OK) {
        bg_settings_free(*out);
        *out = NULL;
    }
    return bg__errbuf(&err, rc, errbuf, errlen);
}

bg_err bg_settings_get(const bg_settings *s, const char *key, char *value, size_t size) {
    const bg__opt_info *o = bg__opt_by_yaml("run", key);
    if (o == NULL)
        o = bg__opt_by_flag(key);
    if (s == NULL || o == NULL || size == 0)
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
    return arg != NULL && bg__opt_start_only_flag(arg) != NULL;
}
