/* cmd_push.c - benchgate push: a run's metrics to the Prometheus Pushgateway of the telemetry
 * settings (what benchgate start does after a run, for a run made otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"
#include "integr.h"
#include "settings_list.h"

static const cli_flag_def push_flags[] = {
    {"exit", "N", CLI_INT, CLI_OFF(cli_integr_args, exit_code), 0, 255, NULL, NULL,
     "the run's exit code", NULL},
    {"print", NULL, CLI_SWITCH, CLI_OFF(cli_integr_args, print), 0, 0, NULL, NULL,
     "write the metrics to stdout instead", NULL},
    CLI_SETTINGS_TELEMETRY(CLI_SETTING_ROW) CLI_CONFIG_ROW};

const cli_verb_def cli_push_verb = {
    "push",
    "[RUN_DIR]",
    "Pushes the run's metrics (Prometheus text format) with HTTP PUT to\n"
    "URL/metrics/job/JOB/instance/HOST/K/V... of the Pushgateway in the telemetry\n"
    "settings (bench.yaml telemetry:, BENCH_TELEMETRY_*, or these flags).\n"
    "RUN_DIR defaults to the newest results/<id>. BENCHGATE_TELEMETRY_TOKEN, when set,\n"
    "is sent as a bearer token. Exit 0 pushed, 2 bad input or the push failed.",
    push_flags,
    CLI_COUNT(push_flags),
    0,
    1,
    cli_integr_other};

static int print_metrics(const char *run_dir, const bg_telemetry_opts *o) {
    char *text = NULL, err[1024];
    bg_err e = bg_telemetry_text(run_dir, o, &text, err, sizeof err);
    if (e == BG_OK)
        fputs(text, stdout);
    bg_text_free(text);
    return cli_bg_error(e, err);
}

int cmd_push(int argc, char **argv) {
    cli_integr_args a;
    memset(&a, 0, sizeof a);
    a.def = &cli_push_verb, a.exit_code = -1;
    cli_integr *s = NULL;
    char buf[CLI_PATH_MAX], err[1024];
    const char *dir = NULL;
    int rc = cli_integr_begin(argc, argv, &a, &s, buf, sizeof buf, &dir);
    if (rc == 1) {
        free(s);
        return 0;
    }
    if (rc == 0)
        s->telemetry.exit_code = a.exit_code;
    if (rc == 0 && a.print)
        rc = print_metrics(dir, &s->telemetry);
    else if (rc == 0 && s->telemetry_url[0] == '\0')
        rc = cli_usage_error("push: no telemetry URL (bench.yaml telemetry: url:, "
                             "BENCH_TELEMETRY_URL or --telemetry-url)");
    else if (rc == 0) {
        bg_err e = bg_telemetry_push(dir, &s->telemetry, err, sizeof err);
        if (e != BG_OK)
            rc = cli_bg_error(e, err);
        else
            printf("benchgate: pushed %s to %s\n", dir, s->telemetry_url);
    }
    free(s);
    return rc;
}
