/* cmd_fetch.c - benchgate fetch [NAME]: downloads missing or invalid dataset files, with
 * retries, resume, SHA-256 checks; files end up read-only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "cli.h"
#include "flags.h"

/** The flags of benchgate fetch. */
typedef struct fetch_args {
    const char *name;     /**< NULL: every dataset of the manifest */
    const char *manifest; /**< NULL: ROOT/datasets.yaml */
    const char *root;     /**< NULL: BENCH_DATASET_PATH, else the built-in root */
    bg_fetch_opts opts;
} fetch_args;

static int parse_seconds(const char *flag, const char *v, double *out) {
    char *end = NULL;
    errno = 0;
    double x = v && v[0] ? strtod(v, &end) : 0;
    if (end && strcmp(end, "ms") == 0)
        x /= 1000, end += 2;
    else if (end && strcmp(end, "s") == 0)
        end++;
    if (end == NULL || end == v || *end != '\0' || errno != 0)
        return cli_usage_error("fetch: --%s: '%s' is not a duration (write seconds: 0.5, 500ms, "
                               "2s)",
                               flag, v ? v : "");
    *out = x;
    return 0;
}

static int fetch_backoff(void *opts, const char *v) {
    return parse_seconds("backoff", v, &((fetch_args *)opts)->opts.backoff_s);
}
static int fetch_max_delay(void *opts, const char *v) {
    return parse_seconds("max-delay", v, &((fetch_args *)opts)->opts.max_delay_s);
}
static int fetch_timeout(void *opts, const char *v) {
    return parse_seconds("timeout", v, &((fetch_args *)opts)->opts.timeout_s);
}

#define OPT(field) CLI_OFF(fetch_args, field)
static const cli_flag_def fetch_flags[] = {
    {"manifest", "FILE", CLI_TEXT, OPT(manifest), 0, 0, NULL, NULL,
     "the manifest (default ROOT/" BG_MANIFEST_NAME ")", NULL},
    {"root", "DIR", CLI_TEXT, OPT(root), 0, 0, NULL, NULL,
     "the datasets' root (default BENCH_DATASET_PATH, else the datasets folder of the\n"
     "source tree)",
     NULL},
    {"mirror", "URL", CLI_TEXT, OPT(opts.mirror), 0, 0, NULL, NULL,
     "tried first, as URL/PATH (default: BENCH_DATASET_MIRROR)", NULL},
    {"attempts", "N", CLI_INT, OPT(opts.attempts), -1000, 1000, NULL, NULL,
     "tries per file (default 5)", NULL},
    {"backoff", "S", CLI_EACH, 0, 0, 0, NULL, NULL,
     "delay before the first retry (seconds: 0.5, 500ms, 2s), doubled after each\n"
     "(default 1s)",
     fetch_backoff},
    {"max-delay", "S", CLI_EACH, 0, 0, 0, NULL, NULL,
     "cap on one delay (default 30s); each delay is shortened by a random jitter of up\n"
     "to 25%",
     fetch_max_delay},
    {"timeout", "S", CLI_EACH, 0, 0, 0, NULL, NULL,
     "limit on one request (default 300s); the connect timeout is min(S, 30s); a\n"
     "transfer slower than 1 KiB/s for 30s is aborted",
     fetch_timeout},
    {"insecure", NULL, CLI_SWITCH, OPT(opts.insecure), 0, 0, NULL, NULL,
     "do not verify TLS certificates (a warning is printed)", NULL},
};
#undef OPT

const cli_verb_def cli_fetch_verb = {
    "fetch",
    "[NAME]",
    "Downloads the files of dataset NAME (default: every dataset of the manifest) that\n"
    "are missing or invalid under the root. Each file goes to PATH.part, resumed with a\n"
    "Range request when a part exists, is checked against its size and SHA-256, made\n"
    "read-only (0444) and renamed into place. Files present and valid are skipped.\n"
    "Retried: connection errors, timeouts, HTTP 5xx, 408, 429, short bodies, checksum\n"
    "mismatches. Exit 0 when every file is in place, 2 otherwise (the message names each\n"
    "file and its last error).",
    fetch_flags,
    CLI_COUNT(fetch_flags),
    0,
    1,
    NULL};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_fetch(fetch_args *f, int argc, char **argv) {
    memset(f, 0, sizeof *f);
    bg_fetch_opts_init(&f->opts);
    const char *env = getenv("BENCH_DATASET_MIRROR");
    f->opts.mirror = env && env[0] ? env : NULL;
    cli_words w;
    int rc = cli_parse(&cli_fetch_verb, argc, argv, f, &w);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
    f->name = w.count > 0 ? w.word[0] : NULL;
    return 0;
}

static void on_event(void *arg, bg_fetch_event kind, const char *line) {
    (void)arg;
    if (kind == BG_FETCH_FILE) {
        printf("%s\n", line);
        fflush(stdout);
    } else {
        fprintf(stderr, "benchgate: %s%s\n", kind == BG_FETCH_WARN ? "warning: " : "fetch: ", line);
    }
}

static int fetch_datasets(const bg_manifest *m, const fetch_args *f) {
    int code = 0;
    for (size_t i = 0; i < bg_manifest_count(m); i++) {
        const bg_manifest_dataset *d = bg_manifest_get(m, i);
        if (f->name && strcmp(d->name, f->name) != 0)
            continue;
        char err[2048];
        bg_err e = bg_dataset_fetch(d, &f->opts, err, sizeof err);
        if (e != BG_OK)
            code = (cli_usage_error("fetch: %s", err), bg_err_exit_code(e));
        if (e == BG_EUSAGE)
            break;
    }
    return code;
}

int cmd_fetch(int argc, char **argv) {
    fetch_args f;
    int rc = parse_fetch(&f, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    f.opts.root = cli_dataset_root(f.root);
    f.opts.log = on_event;
    bg_manifest *m = NULL;
    if ((rc = cli_load_manifest(f.manifest, f.opts.root, &m)) != 0)
        return rc;
    if (f.name && cli_find_dataset(m, f.name) == NULL)
        rc = 2;
    else
        rc = fetch_datasets(m, &f);
    bg_manifest_free(m);
    return rc;
}
