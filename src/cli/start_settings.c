/* start_settings.c - the benchgate command's own settings: the run history, telemetry and
 * notifications, each once (flag, bench.yaml section and key, BENCH_* variable, default, help,
 * check), read with the run settings through bg_settings_load_with(). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/integrations.h"
#include "benchgate/settings.h"
#include "benchgate/terminal.h"
#include "cli.h"
#include "settings_list.h"

#if BG_CLI_NET
#define NET_CHECK bg_integration_check /* benchgate::net knows what its values must be */
#else
#define NET_CHECK NULL /* nothing is sent without benchgate::net (start says so) */
#endif

/* A run history that is a symbolic link is refused before anything runs: benchgate::history
 * never follows one (a link planted in a shared folder would take this run's rows elsewhere). */
static const char *history_check(const char *name, const char *value) {
    struct stat st;
    (void)name;
    if (strcmp(value, "off") != 0 && lstat(value, &st) == 0 && S_ISLNK(st.st_mode))
        return "is a symbolic link: refused, not followed (give the file it points to)";
    return NULL;
}

#define SETTING_DEF(flag_, env_, arg_, help_, ...)                                                 \
    {.flag = flag_, .env = env_, .arg = arg_, .help = help_, __VA_ARGS__},
static const bg_setting_def start_settings[] = {CLI_SETTINGS_HISTORY(
    SETTING_DEF) CLI_SETTINGS_TELEMETRY(SETTING_DEF) CLI_SETTINGS_NOTIFY(SETTING_DEF)};
#undef SETTING_DEF

const bg_setting_def *cli_settings_defs(size_t *count) {
    *count = sizeof start_settings / sizeof start_settings[0];
    return start_settings;
}

int cli_off(const char *value) {
    return value == NULL || value[0] == '\0' || strcmp(value, "off") == 0 ||
           strcmp(value, "none") == 0;
}
