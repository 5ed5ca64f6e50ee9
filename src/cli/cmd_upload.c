/* cmd_upload.c - benchgate upload URL [RUN_DIR]: a run's results to a central server over
 * HTTPS, with retries; the token comes from BENCHGATE_UPLOAD_TOKEN only. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/integrations.h"
#include "cli.h"
#include "integr.h"

static void upload_help(void) {
    cli_help("usage: benchgate upload URL [RUN_DIR] [--attempts=N] [--backoff=S] [--max-delay=S]\n"
             "                        [--timeout=S] [--cacert=FILE] [--insecure]\n\n"
             "Sends RUN_DIR (default: the newest results/<id>) to URL (https:// only) as one\n"
             "POST of multipart/form-data: the fields run_id, machine_class and hostname and the\n"
             "files result.json, result.csv and summary.md. The token in BENCHGATE_UPLOAD_TOKEN\n"
             "goes in an \"Authorization: Bearer\" header; it is never printed or logged.\n\n"
             "  --attempts=N    tries in all (default 5)\n"
             "  --backoff=S     delay before the 2nd try (default 1s), doubled each time, with a\n"
             "                  random jitter of +-25%%\n"
             "  --max-delay=S   cap on one delay, also on a Retry-After (default 30s)\n"
             "  --timeout=S     limit on one attempt (default 120s)\n"
             "  --cacert=FILE   verify the server with this CA bundle (PEM)\n"
             "  --insecure      do not verify the TLS certificate (a warning is printed)\n\n"
             "Retried: connection errors, timeouts, HTTP 408, 429 and 5xx. Exit 0 uploaded, 2 bad\n"
             "usage or input, or the upload failed (the message gives the last error).\n");
}

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

static int attempts(const char *v, int *out) {
    char *end = NULL;
    long x = v && v[0] ? strtol(v, &end, 10) : 0;
    if (end == NULL || end == v || *end != '\0' || x < 1 || x > 100)
        return cli_usage_error("upload: --attempts: '%s' is not a number from 1 to 100",
                               v ? v : "");
    *out = (int)x;
    return 0;
}

/** The command line. */
typedef struct upload_args {
    const char *url, *run_dir;
    bg_upload_opts o;
} upload_args;

/* One --flag. @return 0, 2 (bad; message printed) or -1 (not an upload flag) */
static int take_flag(upload_args *a, const char *arg) {
    const char *v = NULL;
    if (cli_flag(arg, "attempts", &v))
        return attempts(v, &a->o.attempts);
    if (cli_flag(arg, "backoff", &v))
        return seconds("backoff", v, &a->o.backoff_s);
    if (cli_flag(arg, "max-delay", &v))
        return seconds("max-delay", v, &a->o.max_delay_s);
    if (cli_flag(arg, "timeout", &v))
        return seconds("timeout", v, &a->o.timeout_s) ||
               (a->o.timeout_s > 0 ? 0 : cli_usage_error("upload: --timeout must be above 0"));
    if (cli_flag(arg, "cacert", &v))
        return v && v[0] ? (a->o.cacert = v, 0)
                         : cli_usage_error("upload: --cacert: needs a file (--cacert=FILE)");
    if (cli_flag(arg, "insecure", &v) && v == NULL)
        return a->o.insecure = 1, 0;
    return -1;
}

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_upload(upload_args *a, int argc, char **argv) {
    memset(a, 0, sizeof *a);
    bg_upload_opts_init(&a->o);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *arg = argv[i];
        if (cli_flag(arg, "help", &v))
            return upload_help(), -1;
        int rc = strncmp(arg, "--", 2) == 0 ? take_flag(a, arg) : -1;
        if (rc > 0)
            return rc;
        if (rc == 0)
            continue;
        if (strncmp(arg, "--", 2) == 0)
            return cli_usage_error("upload: unknown flag '%s' (see benchgate upload --help)", arg);
        if (a->url && a->run_dir)
            return cli_usage_error("upload: unexpected argument '%s' (URL [RUN_DIR])", arg);
        *(a->url ? &a->run_dir : &a->url) = arg;
    }
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
        return 2;
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
        return cli_usage_error("%s", err), bg_err_exit_code(e);
    printf("benchgate: uploaded %s to %s\n", dir, a.url);
    return 0;
}
