/* cmd_clean.c - benchgate clean: removes intermediate results older than an age from the
 * temporary folder (default ./bench/tmp), never following symbolic links and never touching
 * baselines, datasets or read-only files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/clean.h"
#include "cli.h"
#include "flags.h"

#define DEFAULT_DIR "bench/tmp"
#define DEFAULT_AGE "30d"

typedef struct clean_opts {
    const char *dir, *age;
    int dry_run;
} clean_opts;

#define OPT(field) CLI_OFF(clean_opts, field)
static const cli_flag_def clean_flags[] = {
    {"older-than", "AGE", CLI_TEXT, OPT(age), 0, 0, NULL, DEFAULT_AGE,
     "remove what was last modified more than AGE ago: 30d, 12h, 90m, 45s, 2w", NULL},
    {"dir", "DIR", CLI_TEXT, OPT(dir), 0, 0, NULL, DEFAULT_DIR, "the folder to clean", NULL},
    {"dry-run", NULL, CLI_SWITCH, OPT(dry_run), 0, 0, NULL, NULL, "list what would go", NULL},
};
#undef OPT

const cli_verb_def cli_clean_verb = {
    "clean",
    "",
    "Removes files, links and emptied folders under DIR (where bench/run_many.sh and\n"
    "bench/compare_gpu_cpu.sh put their intermediates) last modified more than AGE ago.\n"
    "Symbolic links are removed, never followed; ci/baselines, datasets, read-only files\n"
    "and runs in progress are kept.",
    clean_flags,
    CLI_COUNT(clean_flags),
    0,
    0,
    NULL};

static int parse_clean(int argc, char **argv, clean_opts *o) {
    o->dir = DEFAULT_DIR, o->age = DEFAULT_AGE, o->dry_run = 0;
    int rc = cli_parse(&cli_clean_verb, argc, argv, o, NULL);
    return rc == 0 ? 0 : rc == 1 ? -1 : 2;
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
