/* cmd_upload.c - benchgate upload URL [RUN_DIR]: a run's results to a central server over
 * HTTPS, with retries; the token comes from BENCHGATE_UPLOAD_TOKEN only. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/integrations.h"
#include "cli.h"
#include "flags.h"
#include "integr.h"

static int seconds(const char *flag, const char *v, double *out) {
    char *end = NULL;
    errno = 0;
    double x = v && v[0] ? strtod(v, &end) : NAN;
    if (end && strcmp(end, "ms") == 0)
        x /= 1000, end += 2;
    else if (end && strcmp(end, "s") == 0)
        end++;
    if (end == NULL || end == v || *end != '\0' || errno != 0 || !(x >= 0) || x > 86400)
        return cli_usage_error("upload: --%s: '%s' is not a duration (seconds: 0.5, 500ms, 2s)",
                               flag, v ? v : "");
    *out = x;
    return 0;
}

/** The command line. */
typedef struct upload_args {
    const char *url, *run_dir;
    bg_upload_opts o;
} upload_args;

static int upload_backoff(void *opts, const char *v) {
    return seconds("backoff", v, &((upload_args *)opts)->o.backoff_s);
}
static int upload_max_delay(void *opts, const char *v) {
    return seconds("max-delay", v, &((upload_args *)opts)->o.max_delay_s);
}
static int upload_timeout(void *opts, const char *v) {
    upload_args *a = opts;
    return seconds("timeout", v, &a->o.timeout_s) ||
           (a->o.timeout_s > 0 ? 0 : cli_usage_error("upload: --timeout must be above 0"));
}

#define OPT(field) CLI_OFF(upload_args, field)
static const cli_flag_def upload_flags[] = {
    {"attempts", "N", CLI_INT, OPT(o.attempts), 1, 100, NULL, NULL, "tries in all (default 5)",
     NULL},
    {"backoff", "S", CLI_EACH, 0, 0, 0, NULL, NULL,
     "delay before the 2nd try (seconds: 0.5, 500ms, 2s; default 1s), doubled each\n"
     "time, with a random jitter of +-25%",
     upload_backoff},
    {"max-delay", "S", CLI_EACH, 0, 0, 0, NULL, NULL,
     "cap on one delay, also on a Retry-After (default 30s)", upload_max_delay},
    {"timeout", "S", CLI_EACH, 0, 0, 0, NULL, NULL, "limit on one attempt (default 120s)",
     upload_timeout},
    {"cacert", "FILE", CLI_TEXT, OPT(o.cacert), 0, 0, NULL, NULL,
     "verify the server with this CA bundle (PEM)", NULL},
    {"insecure", NULL, CLI_SWITCH, OPT(o.insecure), 0, 0, NULL, NULL,
     "do not verify the TLS certificate (a warning is printed)", NULL},
};
#undef OPT

const cli_verb_def cli_upload_verb = {
    "upload",
    "URL [RUN_DIR]",
    "Sends RUN_DIR (default: the newest results/<id>) to URL (https:// only) as one\n"
    "POST of multipart/form-data: the fields run_id, machine_class and hostname and the\n"
    "files result.json, result.csv and summary.md. The token in BENCHGATE_UPLOAD_TOKEN\n"
    "goes in an \"Authorization: Bearer\" header; it is never printed or logged.\n"
    "Retried: connection errors, timeouts, HTTP 408, 429 and 5xx. Exit 0 uploaded, 2 bad\n"
    "usage or input, or the upload failed (the message gives the last error).",
    upload_flags,
    CLI_COUNT(upload_flags),
    0,
    2,
    NULL};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_upload(upload_args *a, int argc, char **argv) {
    memset(a, 0, sizeof *a);
    bg_upload_opts_init(&a->o);
    cli_words w;
    int rc = cli_parse(&cli_upload_verb, argc, argv, a, &w);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    a->url = w.count > 0 ? w.word[0] : NULL;
    a->run_dir = w.count > 1 ? w.word[1] : NULL;
    if (a->url == NULL)
        return cli_usage_error("upload: no URL given (benchgate upload https://... [RUN_DIR])");
    return 0;
}

int cmd_upload(int argc, char **argv) {
    upload_args a;
    int rc = parse_upload(&a, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    char buf[CLI_PATH_MAX], err[1024];
    const char *dir = cli_run_dir_arg(a.run_dir, buf, sizeof buf);
    if (dir == NULL)
        return BG_EXIT_USAGE;
    a.o.token = getenv("BENCHGATE_UPLOAD_TOKEN");
    if (a.o.token == NULL || a.o.token[0] == '\0')
        fprintf(stderr, "benchgate: warning: BENCHGATE_UPLOAD_TOKEN is not set: uploading "
                        "without an Authorization header\n");
    if (a.o.insecure)
        fprintf(stderr, "benchgate: warning: --insecure: the server's TLS certificate is not "
                        "verified; anyone on the path can read the token and the results\n");
    a.o.log = cli_log_stderr;
    bg_err e = bg_upload_run(a.url, dir, &a.o, err, sizeof err);
    if (e != BG_OK)
        return cli_bg_error(e, err);
    printf("benchgate: uploaded %s to %s\n", dir, a.url);
    return 0;
}
