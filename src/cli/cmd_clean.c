/* cmd_clean.c - benchgate clean: removes intermediate results older than an age from the
 * temporary folder (default ./bench/tmp), never following symbolic links and never touching
 * baselines, datasets or read-only files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/clean.h"
#include "cli.h"

#define DEFAULT_DIR "bench/tmp"
#define DEFAULT_AGE "30d"

typedef struct clean_opts {
    const char *dir, *age;
    int dry_run;
} clean_opts;

static void clean_help(void) {
    cli_help("usage: benchgate clean [--older-than=AGE] [--dir=DIR] [--dry-run]\n\n"
             "Removes files, links and emptied folders under DIR (default %s, where\n"
             "bench/run_many.sh and bench/compare_gpu_cpu.sh put their intermediates) last\n"
             "modified more than AGE ago (default %s; e.g. 30d, 12h, 90m, 45s, 2w).\n"
             "--dry-run lists what would go. Symbolic links are removed, never followed;\n"
             "ci/baselines, datasets, read-only files and runs in progress are kept.\n",
             DEFAULT_DIR, DEFAULT_AGE);
}

static int parse_clean(int argc, char **argv, clean_opts *o) {
    o->dir = DEFAULT_DIR, o->age = DEFAULT_AGE, o->dry_run = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        if (cli_flag(a, "help", &v))
            return clean_help(), -1;
        if (cli_flag(a, "dry-run", &v)) {
            o->dry_run = 1;
        } else if (cli_flag(a, "older-than", &v) || cli_flag(a, "dir", &v)) {
            if (v == NULL || v[0] == '\0')
                return cli_usage_error("clean: %s needs a value (%s=...)", a, a);
            *(strncmp(a, "--dir", 5) == 0 ? &o->dir : &o->age) = v;
        } else {
            return cli_usage_error("clean: unexpected argument '%s' (see benchgate clean --help)",
                                   a);
        }
    }
    return 0;
}

static void report(void *ctx, bg_clean_action action, const char *path, const char *reason) {
    const clean_opts *o = ctx;
    if (action == BG_CLEAN_KEPT)
        printf("kept %s (%s)\n", path, reason);
    else
        printf("%s %s\n", o->dry_run ? "would remove" : "removed", path);
}

int cmd_clean(int argc, char **argv) {
    clean_opts o;
    double age = 0;
    char err[1024];
    int p = parse_clean(argc, argv, &o);
    if (p != 0)
        return p < 0 ? 0 : 2;
    if (bg_parse_age(o.age, &age, err, sizeof err) != BG_OK)
        return cli_usage_error("clean: --older-than: %s", err);
    struct stat st;
    if (lstat(o.dir, &st) != 0 && errno == ENOENT) {
        printf("benchgate clean: %s does not exist; nothing to clean\n", o.dir);
        return 0;
    }
    bg_clean_totals t;
    bg_err rc = bg_clean(o.dir, age, o.dry_run, report, &o, &t, err, sizeof err);
    if (rc == BG_EUSAGE)
        return cli_usage_error("clean: %s", err);
    printf("benchgate clean: %s %llu file(s) and %llu folder(s), %.1f MiB, older than %s in %s; "
           "kept %llu protected\n",
           o.dry_run ? "would remove" : "removed", (unsigned long long)t.files,
           (unsigned long long)t.dirs, (double)t.bytes / 1048576.0, o.age, o.dir,
           (unsigned long long)t.kept);
    return rc == BG_OK ? 0 : cli_usage_error("clean: %s", err);
}
