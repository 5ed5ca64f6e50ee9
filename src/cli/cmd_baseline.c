/* cmd_baseline.c - benchgate baseline: capture a run as the committed baseline, never blindly. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "benchgate/baseline.h"
#include "benchgate/compare.h"
#include "cli.h"

#define MAX_RUNS 32

typedef struct baseline_opts {
    const char *runs[MAX_RUNS], *dir, *cls;
    int nruns, force, dry_run;
} baseline_opts;

static void baseline_help(void) {
    printf("usage: benchgate baseline --run=RUN_DIR [--run=RUN_DIR...] [--dir=ci/baselines] "
           "[--class=NAME] [--force] [--dry-run]\n\n"
           "Copies each bench's result.json of the first RUN_DIR to DIR/<machine "
           "class>/<bench>.json;\n"
           "with several runs each speed metric keeps every run's median (run_medians), from\n"
           "which time-mode gates take the noise between runs.\n"
           "An existing baseline is compared first: the changes are shown, and a regression\n"
           "needs --force. A corrupt baseline is never rewritten (exit 2).\n");
}

static int parse(baseline_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    o->dir = "ci/baselines";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (cli_flag(a, "help", &v))
            return baseline_help(), -1;
        if (cli_flag(a, "force", &v))
            o->force = 1;
        else if (cli_flag(a, "dry-run", &v))
            o->dry_run = 1;
        else if (cli_flag(a, "run", &v) && v && v[0]) {
            if (o->nruns == MAX_RUNS)
                return cli_usage_error("baseline: at most %d --run (separate runs) at once",
                                       MAX_RUNS);
            o->runs[o->nruns++] = v;
        } else if (cli_flag(a, "dir", &v) && v && v[0])
            o->dir = v;
        else if (cli_flag(a, "class", &v) && v && v[0])
            o->cls = v;
        else
            return cli_usage_error("baseline: unknown or malformed argument '%s' (see --help)", a);
    }
    if (o->nruns == 0)
        return cli_usage_error("baseline: --run=RUN_DIR is required (a benchgate start or "
                               "bench_* output directory)");
    return 0;
}

/* Shows what changes against the existing baseline; @return 0 ok, 1 refused, 2 corrupt. */
static int review(const baseline_opts *o, const char *old, const char *result) {
    bg_compare *c = bg_compare_create(NULL);
    if (c == NULL || bg_compare_files(c, old, result) != BG_OK) {
        cli_usage_error("baseline %s cannot be read (%s); it was not rewritten: fix or delete it "
                        "by hand",
                        old, c ? bg_compare_error(c) : "out of memory");
        bg_compare_free(c);
        return 2;
    }
    printf("changes against %s:\n", old);
    bg_compare_print(c, stdout, "table");
    int regressed = bg_compare_tally(c, BG_VERDICT_REGRESSION) > 0;
    bg_compare_free(c);
    if (regressed && !o->force) {
        fprintf(stderr,
                "benchgate: refused: %s regresses against the baseline; rerun with "
                "--force to accept it\n",
                result);
        return 1;
    }
    return 0;
}

/* results[0..nruns): one bench's result.json in each run. */
static int capture(const baseline_opts *o, const char *bench, char results[][CLI_PATH_MAX * 2]) {
    const char *paths[MAX_RUNS];
    for (int i = 0; i < o->nruns; i++)
        paths[i] = results[i];
    const char *result = results[0];
    bg_result_info info;
    char err[1024], target[CLI_PATH_MAX + 600];
    if (bg_result_info_read(result, &info, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    if (info.failed > 0 || !info.complete)
        return fprintf(stderr,
                       "benchgate: refused: %s has %d failed benchmark(s) or is "
                       "incomplete; a baseline must come from a clean run\n",
                       result, info.failed),
               3;
    if (bg_baseline_path(o->dir, o->cls ? o->cls : info.machine_class, bench, target, sizeof target,
                         err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    struct stat st;
    int code = stat(target, &st) == 0 ? review(o, target, result) : 0;
    if (code != 0)
        return code;
    if (o->dry_run)
        return printf("would write %s\n", target), 0;
    if (bg_baseline_store_runs(paths, (size_t)o->nruns, target, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    printf("wrote %s (%d run%s)\n", target, o->nruns, o->nruns > 1 ? "s" : "");
    return 0;
}

static int worst(int a, int b) {
    static const int rank[] = {2, 3, 1, 0};
    for (int i = 0; i < 4; i++)
        if (a == rank[i] || b == rank[i])
            return rank[i];
    return a;
}

/* A `benchgate start` directory has parts/<bench>/; a bench_* directory is one bench. */
static int capture_single(const baseline_opts *o) {
    static char results[MAX_RUNS][CLI_PATH_MAX * 2];
    bg_result_info info;
    char err[1024];
    for (int i = 0; i < o->nruns; i++)
        snprintf(results[i], sizeof results[i], "%s/result.json", o->runs[i]);
    if (bg_result_info_read(results[0], &info, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    const char *bench = strncmp(info.program, "bench_", 6) == 0 ? info.program + 6 : info.program;
    return capture(o, bench, results);
}

int cmd_baseline(int argc, char **argv) {
    baseline_opts o;
    int p = parse(&o, argc, argv);
    if (p != 0)
        return p < 0 ? 0 : 2;
    static char results[MAX_RUNS][CLI_PATH_MAX * 2];
    char parts[CLI_PATH_MAX + 16];
    snprintf(parts, sizeof parts, "%s/parts", o.runs[0]);
    DIR *d = opendir(parts);
    if (d == NULL)
        return capture_single(&o);
    int code = 0, seen = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        for (int i = 0; i < o.nruns; i++)
            snprintf(results[i], sizeof results[i], "%s/parts/%s/result.json", o.runs[i],
                     e->d_name);
        code = worst(code, capture(&o, e->d_name, results));
        seen++;
    }
    closedir(d);
    return seen ? code : cli_usage_error("%s: no bench results under it", parts);
}
