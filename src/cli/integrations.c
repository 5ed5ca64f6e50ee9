/* integrations.c - the settings of telemetry and notifications for start, push and notify, and
 * what start does after a run. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/baseline.h"
#include "benchgate/settings.h"
#include "cli.h"
#include "flags.h"
#include "integr.h"

void cli_log_stderr(void *arg, const char *line) {
    (void)arg;
    fprintf(stderr, "%s\n", line);
}

int cli_settings_load(int argc, char **argv, bg_settings **out) {
    char err[1024];
    size_t count;
    const bg_setting_def *defs = cli_settings_defs(&count);
    if (bg_settings_load_with(argc, argv, defs, count, out, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    return 0;
}

/* The value of the command's setting key; "" for off (or none). */
static void take(const bg_settings *st, const char *key, char *out, size_t size) {
    if (bg_settings_get(st, key, out, size) != BG_OK || cli_off(out))
        out[0] = '\0';
}

static const char *env_or_null(const char *name) {
    const char *v = getenv(name);
    return v && v[0] ? v : NULL;
}

static void fill(cli_integr *s, bg_log_fn log, void *log_arg) {
#if BG_CLI_NET
    bg_telemetry_opts_init(&s->telemetry);
#endif
    s->telemetry.url = s->telemetry_url;
    s->telemetry.job = s->telemetry_job;
    s->telemetry.labels = s->telemetry_labels;
    s->telemetry.timeout_s = atof(s->telemetry_timeout) > 0 ? atof(s->telemetry_timeout) : 5;
    s->telemetry.token = env_or_null("BENCHGATE_TELEMETRY_TOKEN");
#if BG_CLI_NET
    bg_notify_opts_init(&s->notify);
#endif
    s->notify.on = s->notify_on[0] ? s->notify_on : "always";
    s->notify.desktop = strcmp(s->notify_desktop, "1") == 0;
    s->notify.smtp_url = s->smtp_url;
    s->notify.from = s->from;
    s->notify.to = s->to;
    s->notify.command = s->command;
    s->notify.smtp_user = env_or_null("BENCHGATE_SMTP_USER");
    s->notify.smtp_password = env_or_null("BENCHGATE_SMTP_PASSWORD");
    s->notify.log = log;
    s->notify.log_arg = log_arg;
}

int cli_integr_load(int argc, char **argv, cli_integr *s, bg_log_fn log, void *log_arg) {
    bg_settings *st = NULL;
    memset(s, 0, sizeof *s);
    if (cli_settings_load(argc, argv, &st) != 0)
        return BG_EXIT_USAGE;
    take(st, "telemetry-url", s->telemetry_url, sizeof s->telemetry_url);
    take(st, "telemetry-job", s->telemetry_job, sizeof s->telemetry_job);
    take(st, "telemetry-labels", s->telemetry_labels, sizeof s->telemetry_labels);
    take(st, "telemetry-timeout", s->telemetry_timeout, sizeof s->telemetry_timeout);
    take(st, "notify-on", s->notify_on, sizeof s->notify_on);
    take(st, "notify-desktop", s->notify_desktop, sizeof s->notify_desktop);
    take(st, "notify-smtp-url", s->smtp_url, sizeof s->smtp_url);
    take(st, "notify-from", s->from, sizeof s->from);
    take(st, "notify-to", s->to, sizeof s->to);
    take(st, "notify-command", s->command, sizeof s->command);
    bg_settings_free(st);
    fill(s, log, log_arg);
    return 0;
}

#if BG_CLI_NET
void cli_integr_after_run(cli_integr *s, const char *run_dir, int exit_code) {
    char err[1024], line[1200];
    if (s->telemetry_url[0]) {
        s->telemetry.exit_code = exit_code;
        if (bg_telemetry_push(run_dir, &s->telemetry, err, sizeof err) == BG_OK)
            snprintf(line, sizeof line, "benchgate: telemetry pushed to %s", s->telemetry_url);
        else
            snprintf(line, sizeof line,
                     "benchgate: warning: %s (the run's results are not "
                     "affected)",
                     err);
        if (s->notify.log)
            s->notify.log(s->notify.log_arg, line);
    }
    s->notify.exit_code = exit_code;
    if (s->notify.desktop || s->smtp_url[0] || s->command[0])
        bg_notify_run(run_dir, &s->notify, err, sizeof err); /* failures logged as warnings */
}
#else
/* Built without benchgate::net: a run that asks for telemetry or notifications is told why
 * nothing was sent. */
void cli_integr_after_run(cli_integr *s, const char *run_dir, int exit_code) {
    (void)run_dir, (void)exit_code;
    if ((s->telemetry_url[0] || s->notify.desktop || s->smtp_url[0] || s->command[0]) &&
        s->notify.log)
        s->notify.log(s->notify.log_arg,
                      "benchgate: warning: telemetry and notifications were not sent: this "
                      "benchgate was built without benchgate::net (-DBENCHGATE_NET=OFF)");
}
#endif

/* The newest results/<id>/result.json. */
static int newest_run(char *buf, size_t size) {
    DIR *d = opendir("results");
    struct dirent *e;
    time_t best = 0;
    char path[CLI_PATH_MAX];
    struct stat st;
    while (d && (e = readdir(d)) != NULL) {
        snprintf(path, sizeof path, "results/%.255s/result.json", e->d_name);
        if (e->d_name[0] != '.' && stat(path, &st) == 0 && st.st_mtime >= best) {
            best = st.st_mtime;
            snprintf(buf, size, "results/%.255s", e->d_name);
        }
    }
    if (d)
        closedir(d);
    return best ? 0 : -1;
}

int cli_run_exit_code(const char *run_dir) {
    char path[CLI_PATH_MAX + 16], err[1024];
    snprintf(path, sizeof path, "%s/result.json", run_dir);
    bg_result_info info;
    if (bg_result_info_read(path, &info, err, sizeof err) != BG_OK)
        return 0; /* the notification itself reports the unreadable result */
    if (info.failed > 0)
        return BG_EXIT_FAILED;
    return info.benchmarks > 0 && info.skipped == info.benchmarks ? 77 : 0;
}

const char *cli_run_dir_arg(const char *positional, char *buf, size_t size) {
    if (positional)
        return positional;
    if (newest_run(buf, size) == 0)
        return buf;
    cli_usage_error("no run directory given and none under results/ (give RUN_DIR)");
    return NULL;
}

int cli_integr_other(void *opts, const char *arg) {
    cli_integr_args *a = opts;
    char name[128];
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
        return 0;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    const cli_flag_def *f = cli_verb_flag(a->def, name);
    if (f != NULL && f->kind != CLI_PASS)
        return 0; /* --exit, --print: the table's */
    if (a->settings_argc >= CLI_INTEGR_MAX_ARGS - 1)
        return cli_usage_error("%s: '%.80s': too many flags (at most %d)", a->def->name, arg,
                               CLI_INTEGR_MAX_ARGS - 2);
    a->settings_argv[a->settings_argc++] = (char *)arg;
    return 1;
}

int cli_integr_parse(int argc, char **argv, cli_integr_args *a) {
    a->settings_argv[0] = "benchgate";
    a->settings_argc = 1;
    cli_words w;
    int rc = cli_parse(a->def, argc, argv, a, &w);
    a->settings_argv[a->settings_argc] = NULL;
    a->positional = rc == 0 && w.count > 0 ? w.word[0] : NULL;
    return rc;
}

int cli_integr_begin(int argc, char **argv, cli_integr_args *a, cli_integr **s, char *buf,
                     size_t size, const char **dir) {
    *s = calloc(1, sizeof **s);
    *dir = NULL;
    int rc = *s == NULL ? cli_usage_error("out of memory") : cli_integr_parse(argc, argv, a);
    if (rc == 1)
        return 1; /* --help printed */
    if (rc == 0 && (*dir = cli_run_dir_arg(a->positional, buf, size)) == NULL)
        rc = 2;
    if (rc == 0)
        rc = cli_integr_load(a->settings_argc, a->settings_argv, *s, cli_log_stderr, NULL);
    return rc;
}
