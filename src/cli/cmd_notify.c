/* cmd_notify.c - benchgate notify: the notifications of the notify settings for a run (what
 * benchgate start does after a run; for wrappers such as scripts/cron/benchgate-weekly.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "integr.h"

static void notify_help(void) {
    cli_help("usage: benchgate notify [RUN_DIR] [--exit=N] [--notify-on=always|failure|never]\n"
             "                        [--notify-desktop] [--notify-smtp-url=URL]\n"
             "                        [--notify-from=ADDRESS] [--notify-to=ADDRESS,...]\n"
             "                        [--notify-command='PROG ARG...'] [--config=FILE]\n\n"
             "Sends the run's summary as configured in bench.yaml notify:, BENCH_NOTIFY_* or\n"
             "these flags: a desktop notification (notify-send), an email over SMTP (login from\n"
             "BENCHGATE_SMTP_USER and BENCHGATE_SMTP_PASSWORD), and a command run without a\n"
             "shell, the summary on its stdin and BENCHGATE_RUN_DIR, BENCHGATE_EXIT,\n"
             "BENCHGATE_STATUS in its environment. RUN_DIR defaults to the newest results/<id>;\n"
             "--exit=N is the run's exit code; without it, it comes from result.json (3 when a\n"
             "benchmark failed, 77 when all were skipped, else 0). Exit 0 sent, 2 bad input or a\n"
             "channel failed.\n\nSettings:\n");
    cli_settings_help("notify-");
}

int cmd_notify(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0)
            return notify_help(), 0;
    cli_integr_args a;
    memset(&a, 0, sizeof a);
    a.verb = "notify", a.exit_code = -1;
    cli_integr *s = NULL;
    char buf[CLI_PATH_MAX], err[1024];
    const char *dir = NULL;
    int rc = cli_integr_begin(argc, argv, &a, &s, buf, sizeof buf, &dir);
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
