/* history_flags.c - the run history that benchgate history, changes and summary --db read;
 * built with or without benchgate::history (summary reads its flags either way). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/settings.h"
#include "cli.h"

/* The database: the flag's value, else the history setting (bench.yaml, BENCH_HISTORY). */
int history_db(const char *flag_value, char *out, size_t size) {
    if (flag_value && flag_value[0]) {
        snprintf(out, size, "%s", flag_value);
        return 0;
    }
    char *argv[] = {"benchgate", NULL};
    bg_settings *st = NULL;
    if (cli_settings_load(1, argv, &st) != 0)
        return BG_EXIT_USAGE;
    bg_settings_get(st, "history", out, size);
    bg_settings_free(st);
    if (strcmp(out, "off") == 0)
        return cli_usage_error("the run history is off (history: off); give --db=FILE");
    return 0;
}

int cli_history_configured(const char *config, char *out, size_t size) {
    enum { MAX_DEFS = 32 };
    bg_setting_def defs[MAX_DEFS];
    size_t count;
    const bg_setting_def *all = cli_settings_defs(&count);
    if (count > MAX_DEFS)
        return cli_usage_error("too many settings");
    memcpy(defs, all, count * sizeof *defs);
    for (size_t i = 0; i < count; i++)
        if (strcmp(defs[i].flag, "history") == 0)
            defs[i].default_value = NULL; /* not the default: only what bench.yaml or
                                             BENCH_HISTORY name */
    char flag[CLI_PATH_MAX + 16], err[1024];
    snprintf(flag, sizeof flag, "--config=%s", config ? config : "");
    char *argv[] = {"benchgate", config && config[0] ? flag : NULL, NULL};
    bg_settings *st = NULL;
    if (bg_settings_load_with(argv[1] ? 2 : 1, argv, defs, count, &st, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    bg_settings_get(st, "history", out, size);
    bg_settings_free(st);
    if (cli_off(out))
        out[0] = '\0';
    return 0;
}
