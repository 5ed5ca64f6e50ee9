/* settings_list.h - the command's own settings (the run history, telemetry, notifications),
 * each once: X(flag, env, arg, help, designated initialisers of the rest). start_settings.c
 * makes them bg_setting_defs; the flag tables of start, push and notify make them CLI_PASS rows
 * (CLI_SETTING_ROW: help, the man page and the completion; bg_settings reads the values). */
#ifndef BENCHGATE_CLI_SETTINGS_LIST_H
#define BENCHGATE_CLI_SETTINGS_LIST_H

/* clang-format off */
#define CLI_SETTINGS_HISTORY(X)                                                                    \
    X("history", "BENCH_HISTORY", "FILE|URL|off",                                                  \
      "record the run in this SQLite file or postgresql:// database (default "                     \
      "results/history.sqlite)",                                                                   \
      .section = "run", .key = "history", .default_value = "results/history.sqlite",               \
      .check = history_check)

#define CLI_SETTINGS_TELEMETRY(X)                                                                  \
    X("telemetry-url", "BENCH_TELEMETRY_URL", "URL|off",                                           \
      "push the run's metrics to this Prometheus Pushgateway",                                     \
      .section = "telemetry", .key = "url", .check = NET_CHECK)                                    \
    X("telemetry-job", "BENCH_TELEMETRY_JOB", "NAME",                                              \
      "the job of the pushed metrics (default benchgate)",                                         \
      .section = "telemetry", .key = "job", .default_value = "benchgate", .check = NET_CHECK)      \
    X("telemetry-labels", "BENCH_TELEMETRY_LABELS", "K=V,...",                                     \
      "more grouping labels of the pushed metrics",                                                \
      .section = "telemetry", .key = "labels", .yaml = BG_SETTING_LABELS, .check = NET_CHECK)      \
    X("telemetry-timeout", "BENCH_TELEMETRY_TIMEOUT", "S",                                         \
      "give up pushing after S seconds, 0.1 to 600 (default 5)",                                   \
      .section = "telemetry", .key = "timeout", .default_value = "5",                              \
      .kind = BG_SETTING_SECONDS, .lo = 0.1, .hi = 600)

#define CLI_SETTINGS_NOTIFY(X)                                                                     \
    X("notify-on", "BENCH_NOTIFY_ON", "always|failure|never",                                      \
      "when notifications are sent (default always)",                                              \
      .section = "notify", .key = "on", .default_value = "always", .check = NET_CHECK)             \
    X("notify-desktop", "BENCH_NOTIFY_DESKTOP", NULL,                                              \
      "a desktop notification (notify-send) when the run ends",                                    \
      .section = "notify", .key = "desktop", .kind = BG_SETTING_SWITCH)                            \
    X("notify-smtp-url", "BENCH_NOTIFY_SMTP_URL", "URL|off",                                       \
      "email the run's summary through this smtp:// or smtps:// server",                           \
      .section = "notify", .key = "smtp_url", .check = NET_CHECK)                                  \
    X("notify-from", "BENCH_NOTIFY_FROM", "ADDRESS", "the sender of the email",                    \
      .section = "notify", .key = "from", .check = NET_CHECK)                                      \
    X("notify-to", "BENCH_NOTIFY_TO", "ADDRESS,...", "the recipients of the email",                \
      .section = "notify", .key = "to", .yaml = BG_SETTING_LIST, .check = NET_CHECK)               \
    X("notify-command", "BENCH_NOTIFY_COMMAND", "'PROG ARG...'",                                   \
      "run this program with the summary on stdin (never through a shell)",                        \
      .section = "notify", .key = "command", .yaml = BG_SETTING_WORDS, .check = NET_CHECK)
/* clang-format on */

/** A setting as a row of a verb's flag table: handed on as given (CLI_PASS). */
#define CLI_SETTING_ROW(flag, env, arg, help, ...)                                                 \
    {flag, arg, CLI_PASS, 0, 0, 0, NULL, NULL, help "; env " env, NULL},

/** --config=FILE, read by bg_settings with the settings (push, notify). */
#define CLI_CONFIG_ROW                                                                             \
    {"config",                                                                                     \
     "FILE",                                                                                       \
     CLI_PASS,                                                                                     \
     0,                                                                                            \
     0,                                                                                            \
     0,                                                                                            \
     NULL,                                                                                         \
     NULL,                                                                                         \
     "the bench.yaml to read the settings from (default BENCH_CONFIG, else ./bench.yaml)",         \
     NULL},

#endif /* BENCHGATE_CLI_SETTINGS_LIST_H */
