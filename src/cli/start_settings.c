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

/* clang-format off */
static const bg_setting_def start_settings[] = {
    {.flag = "history", .section = "run", .key = "history", .env = "BENCH_HISTORY",
     .arg = "FILE|URL|off", .default_value = "results/history.sqlite",
     .check = history_check,
     .help = "record the run in this SQLite file or postgresql:// database (default "
             "results/history.sqlite)"},
    {.flag = "telemetry-url", .section = "telemetry", .key = "url", .env = "BENCH_TELEMETRY_URL",
     .arg = "URL|off", .check = NET_CHECK,
     .help = "push the run's metrics to this Prometheus Pushgateway"},
    {.flag = "telemetry-job", .section = "telemetry", .key = "job", .env = "BENCH_TELEMETRY_JOB",
     .arg = "NAME", .default_value = "benchgate", .check = NET_CHECK,
     .help = "the job of the pushed metrics (default benchgate)"},
    {.flag = "telemetry-labels", .section = "telemetry", .key = "labels",
     .env = "BENCH_TELEMETRY_LABELS", .arg = "K=V,...", .yaml = BG_SETTING_LABELS,
     .check = NET_CHECK, .help = "more grouping labels of the pushed metrics"},
    {.flag = "telemetry-timeout", .section = "telemetry", .key = "timeout",
     .env = "BENCH_TELEMETRY_TIMEOUT", .arg = "S", .default_value = "5",
     .kind = BG_SETTING_SECONDS, .lo = 0.1, .hi = 600,
     .help = "give up pushing after S seconds, 0.1 to 600 (default 5)"},
    {.flag = "notify-on", .section = "notify", .key = "on", .env = "BENCH_NOTIFY_ON",
     .arg = "always|failure|never", .default_value = "always", .check = NET_CHECK,
     .help = "when notifications are sent (default always)"},
    {.flag = "notify-desktop", .section = "notify", .key = "desktop", .env = "BENCH_NOTIFY_DESKTOP",
     .kind = BG_SETTING_SWITCH, .help = "a desktop notification (notify-send) when the run ends"},
    {.flag = "notify-smtp-url", .section = "notify", .key = "smtp_url",
     .env = "BENCH_NOTIFY_SMTP_URL", .arg = "URL|off", .check = NET_CHECK,
     .help = "email the run's summary through this smtp:// or smtps:// server"},
    {.flag = "notify-from", .section = "notify", .key = "from", .env = "BENCH_NOTIFY_FROM",
     .arg = "ADDRESS", .check = NET_CHECK, .help = "the sender of the email"},
    {.flag = "notify-to", .section = "notify", .key = "to", .env = "BENCH_NOTIFY_TO",
     .arg = "ADDRESS,...", .yaml = BG_SETTING_LIST, .check = NET_CHECK,
     .help = "the recipients of the email"},
    {.flag = "notify-command", .section = "notify", .key = "command",
     .env = "BENCH_NOTIFY_COMMAND", .arg = "'PROG ARG...'", .yaml = BG_SETTING_WORDS,
     .check = NET_CHECK, .help = "run this program with the summary on stdin (never through a shell)"},
};
/* clang-format on */

const bg_setting_def *cli_settings_defs(size_t *count) {
    *count = sizeof start_settings / sizeof start_settings[0];
    return start_settings;
}

void cli_settings_help(const char *prefix) {
    size_t count;
    const bg_setting_def *defs = cli_settings_defs(&count);
    for (size_t i = 0; i < count; i++) {
        const bg_setting_def *d = &defs[i];
        if (prefix && strncmp(d->flag, prefix, strlen(prefix)) != 0)
            continue;
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", d->flag, d->arg ? "=" : "", d->arg ? d->arg : "");
        char help[512];
        snprintf(help, sizeof help, "%s; env %s", d->help, d->env);
        printf("  %-32s ", left);
        bg_print_wrapped(stdout, help, "                                   ",
                         3 + (strlen(left) > 32 ? strlen(left) : 32));
    }
}

int cli_off(const char *value) {
    return value == NULL || value[0] == '\0' || strcmp(value, "off") == 0 ||
           strcmp(value, "none") == 0;
}
