/* cmd_fetch.c - benchgate fetch [NAME]: downloads missing or invalid dataset files, with
 * retries, resume, SHA-256 checks; files end up read-only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "cli.h"

/** The flags of benchgate fetch. */
typedef struct fetch_args {
    const char *name;     /**< NULL: every dataset of the manifest */
    const char *manifest; /**< NULL: ROOT/datasets.yaml */
    const char *root;     /**< NULL: BENCH_DATASET_PATH, else the built-in root */
    bg_fetch_opts opts;
} fetch_args;

static void fetch_help(void) {
    cli_help("usage: benchgate fetch [NAME] [--manifest=FILE] [--root=DIR] [--mirror=URL]\n"
             "                       [--attempts=N] [--backoff=S] [--max-delay=S] [--timeout=S] "
             "[--insecure]\n\n"
             "Downloads the files of dataset NAME (default: every dataset of the manifest) that\n"
             "are missing or invalid under the root. Each file goes to PATH.part, resumed with a\n"
             "Range request when a part exists, is checked against its size and SHA-256, made\n"
             "read-only (0444) and renamed into place. Files present and valid are skipped.\n\n"
             "  --mirror=URL    tried first, as URL/PATH (default: BENCH_DATASET_MIRROR)\n"
             "  --attempts=N    tries per file (default 5)\n"
             "  --backoff=S     delay before the first retry, doubled after each (default 1s)\n"
             "  --max-delay=S   cap on one delay (default 30s); each delay is shortened by a\n"
             "                  random jitter of up to 25%%\n"
             "  --timeout=S     limit on one request (default 300s); the connect timeout is\n"
             "                  min(S, 30s); a transfer slower than 1 KiB/s for 30s is aborted\n"
             "  --insecure      do not verify TLS certificates (a warning is printed)\n\n"
             "Retried: connection errors, timeouts, HTTP 5xx, 408, 429, short bodies, checksum\n"
             "mismatches. Exit 0 when every file is in place, 2 otherwise (the message names each\n"
             "file and its last error).\n");
}

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

static int parse_attempts(const char *v, int *out) {
    char *end = NULL;
    errno = 0;
    long x = v && v[0] ? strtol(v, &end, 10) : 0;
    if (end == NULL || end == v || *end != '\0' || errno != 0 || x < -1000 || x > 1000)
        return cli_usage_error("fetch: --attempts: '%s' is not a whole number", v ? v : "");
    *out = (int)x;
    return 0;
}

/* @return 1 when a was a flag with a value (*rc set: 0 ok, 2 bad). */
static int value_flag(fetch_args *f, const char *a, int *rc) {
    const char *names[] = {"manifest", "root",      "mirror", "attempts",
                           "backoff",  "max-delay", "timeout"};
    const char *v = NULL;
    int k = 0;
    while (k < 7 && !cli_flag(a, names[k], &v))
        k++;
    if (k == 7)
        return 0;
    if ((*rc = cli_need_value("fetch", names[k], v)) != 0)
        return 1;
    bg_fetch_opts *o = &f->opts;
    const char **strings[] = {&f->manifest, &f->root, &o->mirror};
    double *secs[] = {&o->backoff_s, &o->max_delay_s, &o->timeout_s};
    if (k < 3)
        *strings[k] = v;
    else if (k == 3)
        *rc = parse_attempts(v, &o->attempts);
    else
        *rc = parse_seconds(names[k], v, secs[k - 4]);
    return 1;
}

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse_fetch(fetch_args *f, int argc, char **argv) {
    memset(f, 0, sizeof *f);
    bg_fetch_opts_init(&f->opts);
    const char *env = getenv("BENCH_DATASET_MIRROR");
    f->opts.mirror = env && env[0] ? env : NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int rc = 0;
        if (cli_flag(a, "help", &v))
            return fetch_help(), -1;
        if (value_flag(f, a, &rc)) {
            if (rc)
                return rc;
        } else if (cli_flag(a, "insecure", &v) && v == NULL) {
            f->opts.insecure = 1;
        } else if (a[0] == '-' || f->name) {
            return cli_usage_error("fetch: unexpected argument '%s' (see benchgate fetch --help)",
                                   a);
        } else {
            f->name = a;
        }
    }
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
