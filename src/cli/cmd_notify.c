/* cmd_notify.c - benchgate notify: the notifications of the notify settings for a run (what
 * benchgate start does after a run; for wrappers such as scripts/cron/benchgate-weekly.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flags.h"
#include "integr.h"
#include "settings_list.h"

static const cli_flag_def notify_flags[] = {
    {"exit", "N", CLI_INT, CLI_OFF(cli_integr_args, exit_code), 0, 255, NULL, NULL,
     "the run's exit code; without it, it comes from result.json (3 when a\n"
     "benchmark failed, 77 when all were skipped, else 0)",
     NULL},
    CLI_SETTINGS_NOTIFY(CLI_SETTING_ROW) CLI_CONFIG_ROW};

const cli_verb_def cli_notify_verb = {
    "notify",
    "[RUN_DIR]",
    "Sends the run's summary as configured in bench.yaml notify:, BENCH_NOTIFY_* or\n"
    "these flags: a desktop notification (notify-send), an email over SMTP (login from\n"
    "BENCHGATE_SMTP_USER and BENCHGATE_SMTP_PASSWORD), and a command run without a\n"
    "shell, the summary on its stdin and BENCHGATE_RUN_DIR, BENCHGATE_EXIT,\n"
    "BENCHGATE_STATUS in its environment. RUN_DIR defaults to the newest results/<id>.\n"
    "Exit 0 sent, 2 bad input or a channel failed.",
    notify_flags,
    CLI_COUNT(notify_flags),
    0,
    1,
    cli_integr_other};

int cmd_notify(int argc, char **argv) {
    cli_integr_args a;
    memset(&a, 0, sizeof a);
    a.def = &cli_notify_verb, a.exit_code = -1;
    cli_integr *s = NULL;
    char buf[CLI_PATH_MAX], err[1024];
    const char *dir = NULL;
    int rc = cli_integr_begin(argc, argv, &a, &s, buf, sizeof buf, &dir);
    if (rc == 1) {
        free(s);
        return 0;
    }
    if (rc == 0 && !s->notify.desktop && !s->smtp_url[0] && !s->command[0])
        rc = cli_usage_error("notify: nothing to send (set notify: desktop, smtp_url or "
                             "command in bench.yaml, or the --notify-* flags)");
    if (rc == 0) {
        s->notify.exit_code = a.exit_code >= 0 ? a.exit_code : cli_run_exit_code(dir);
        bg_err e = bg_notify_run(dir, &s->notify, err, sizeof err);
        if (e != BG_OK)
            rc = (cli_usage_error("notify: %s", err), bg_err_exit_code(e));
    }
    free(s);
    return rc;
}
