/* integr.h - the benchgate command's side of the integrations: their settings (from the run
 * flags, bench.yaml and BENCH_*), and pushing and notifying after a run (internal). */
#ifndef BENCHGATE_CLI_INTEGR_H
#define BENCHGATE_CLI_INTEGR_H

#include "benchgate/integrations.h"

/** The telemetry and notification settings, with the storage their options point to. */
typedef struct cli_integr {
    char telemetry_url[1024], telemetry_job[128], telemetry_labels[1024], telemetry_timeout[32];
    char notify_on[16], notify_desktop[8], smtp_url[1024], from[256], to[1024], command[2048];
    bg_telemetry_opts telemetry;
    bg_notify_opts notify;
} cli_integr;

/**
 * Reads the settings as a bench executable would from argv (run flags; --config; bench.yaml;
 * BENCH_*), plus the secrets from the environment: BENCHGATE_TELEMETRY_TOKEN,
 * BENCHGATE_SMTP_USER, BENCHGATE_SMTP_PASSWORD.
 * @return 0, or 2 (message printed)
 */
int cli_integr_load(int argc, char **argv, cli_integr *s, bg_log_fn log, void *log_arg);

/**
 * After a run: pushes its metrics when a telemetry URL is set, then sends the notifications
 * asked for. Failures are logged as warnings through log and change nothing else.
 */
void cli_integr_after_run(cli_integr *s, const char *run_dir, int exit_code);

/** A bg_log_fn that prints the line to stderr. */
void cli_log_stderr(void *arg, const char *line);

/**
 * @return the run directory: the positional argument, or the newest results/<id> that holds a
 *         result.json (NULL with a message when there is none)
 */
const char *cli_run_dir_arg(const char *positional, char *buf, size_t size);

/** The exit code a run directory's result stands for when no --exit says it: 3 a benchmark
 *  failed, 77 every one was skipped, else 0 (a gate's regression needs --exit=1). */
int cli_run_exit_code(const char *run_dir);

#define CLI_INTEGR_MAX_ARGS 256

/** The command line of benchgate push and benchgate notify. */
struct cli_verb_def;
typedef struct cli_integr_args {
    const struct cli_verb_def *def;           /**< the verb's flag table (push, notify) */
    int exit_code;                            /**< --exit=N (-1: none given) */
    int print;                                /**< --print */
    const char *positional;                   /**< RUN_DIR, or NULL */
    char *settings_argv[CLI_INTEGR_MAX_ARGS]; /**< "benchgate" and the run flags */
    int settings_argc;
} cli_integr_args;

/** Splits argv by a->def into --exit, --print, RUN_DIR and the settings' flags.
 *  @return 0, 1 after --help, or 2 (message printed) */
int cli_integr_parse(int argc, char **argv, cli_integr_args *a);

/** The other hook of push and notify: a flag their table does not read itself (the settings,
 *  --config, the run flags) goes to settings_argv. @return 1 taken, 0 not one, 2 */
int cli_integr_other(void *opts, const char *arg);

/**
 * The start of benchgate push and notify: the command line into a, the run directory into *dir
 * (buf holds it), the settings into *s (allocated; free it whatever is returned).
 * @return 0, 1 after --help, or 2 (message printed)
 */
int cli_integr_begin(int argc, char **argv, cli_integr_args *a, cli_integr **s, char *buf,
                     size_t size, const char **dir);

#endif /* BENCHGATE_CLI_INTEGR_H */
