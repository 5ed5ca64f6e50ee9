/* cmd_baseline.c - benchgate baseline: capture a run as the committed baseline, never blindly:
 * every bench reviewed first (only a measurement: bg_baseline_check; then the changes, a
 * regression needing --force), then the whole set written and swapped in, one capture at a
 * time (baseline_set.c). */
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline_set.h"
#include "benchgate/baseline.h"
#include "benchgate/compare.h"
#include "benchgate/settings.h"
#include "cli.h"
#include "flags.h"

#define MAX_RUNS 32

#define DROP_MAX 4096 /* the --drop patterns, joined: (A)|(B)|... */

typedef struct baseline_opts {
    const char *runs[MAX_RUNS], *dir, *cls, *drop, *from;
    int nruns, force, dry_run, private_;
    char drops[DROP_MAX];
} baseline_opts;

/* --run=RUN_DIR, repeatable. @return 0, or 2 (message printed) */
static int add_run(void *opts, const char *value) {
    baseline_opts *o = opts;
    if (o->nruns == MAX_RUNS)
        return cli_usage_error("baseline: at most %d --run (separate runs) at once", MAX_RUNS);
    o->runs[o->nruns++] = value;
    return 0;
}

/* --drop=REGEX, repeatable: a benchmark any of them matches is dropped. @return 0, or 2 */
static int add_drop(void *opts, const char *value) {
    baseline_opts *o = opts;
    char why[512];
    if (bg_regex_check(value, why, sizeof why) != BG_OK)
        return cli_usage_error("baseline: --drop: %s", why);
    char joined[DROP_MAX];
    int wrote = o->drops[0] ? snprintf(joined, sizeof joined, "(%s)|(%s)", o->drops, value)
                            : snprintf(joined, sizeof joined, "%s", value);
    if (wrote >= 0 && (size_t)wrote < sizeof joined)
        memcpy(o->drops, joined, (size_t)wrote + 1);
    else
        return cli_usage_error("baseline: --drop: the patterns are too long together (at most "
                               "%d bytes)",
                               DROP_MAX - 1);
    o->drop = o->drops;
    return 0;
}

#define OPT(field) CLI_OFF(baseline_opts, field)
static const cli_flag_def baseline_flags[] = {
    {"run", "RUN_DIR", CLI_EACH, 0, 0, 0, NULL, NULL,
     "a run to capture (required; repeatable: each speed metric keeps every run's median)",
     add_run},
    {"dir", "DIR", CLI_TEXT, OPT(dir), 0, 0, NULL, "ci/baselines",
     "the baselines' folder: DIR/<machine class>/<bench>.json", NULL},
    {"class", "NAME", CLI_TEXT, OPT(cls), 0, 0, NULL, NULL,
     "the machine class to capture into (default: the run's)", NULL},
    {"force", NULL, CLI_SWITCH, OPT(force), 0, 0, NULL, NULL,
     "accept a regression against the existing baseline", NULL},
    {"drop", "REGEX", CLI_EACH, 0, 0, 0, NULL, NULL,
     "remove the benchmarks it matches from the baseline (repeatable; they may be\n"
     "missing from the run); each is listed as \"dropped\" with the changes",
     add_drop},
    {"dry-run", NULL, CLI_SWITCH, OPT(dry_run), 0, 0, NULL, NULL,
     "review and say what would be written, write nothing", NULL},
    {"private", NULL, CLI_SWITCH, OPT(private_), 0, 0, NULL, NULL,
     "write folders 0700 and files 0600 (as for a private run)", NULL},
    CLI_FLAG_FROM(baseline_opts, from),
};
#undef OPT

const cli_verb_def cli_baseline_verb = {
    "baseline",
    "",
    "Copies each bench's result.json of the first RUN_DIR to DIR/<machine\n"
    "class>/<bench>.json; with several runs each speed metric keeps every run's median\n"
    "(run_medians), from which time-mode gates take the noise between runs.\n"
    "An existing baseline is compared first: the changes are shown, and a regression\n"
    "needs --force. A corrupt baseline is never rewritten (exit 2).\n"
    "Only a measurement becomes a baseline, --force or not (exit 2, nothing written):\n"
    "a valid, complete run with a benchmark, none failed, nothing skipped or in error\n"
    "that the stored baseline has ok, and every benchmark the stored baseline has.",
    baseline_flags,
    CLI_COUNT(baseline_flags),
    0,
    0,
    NULL};

/* @return 0 to go on, -1 after --help, 2 on bad usage (message printed). */
static int parse(baseline_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    int rc = cli_parse(&cli_baseline_verb, argc, argv, o, NULL);
    if (rc != 0)
        return rc == 1 ? -1 : 2;
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
        return BG_EXIT_USAGE;
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

/* One bench to capture: its name, where its results are in each run ("" = the run itself),
 * and the machine class it goes to. */
typedef struct capture_item {
    char bench[320];
    char part[256];
    char cls[320];
} capture_item;

static char results[MAX_RUNS][CLI_PATH_MAX * 2];

/* results[0..nruns): the item's result.json in each run. */
static void fill_results(const baseline_opts *o, const capture_item *it) {
    struct stat st;
    for (int i = 0; i < o->nruns; i++)
        if (stat(o->runs[i], &st) == 0 && S_ISREG(st.st_mode)) /* a result file, any format */
            snprintf(results[i], sizeof results[i], "%s", o->runs[i]);
        else
            snprintf(results[i], sizeof results[i],
                     it->part[0] ? "%s/parts/%s/result.json" : "%s%s/result.json", o->runs[i],
                     it->part);
}

/* Checks one bench before anything is written: a clean run, its target, the changes against
 * the existing baseline. @return 0, 1 refused (a regression), 2 bad input, 3 a failed run */
static int check(const baseline_opts *o, capture_item *it) {
    fill_results(o, it);
    bg_result_info info;
    char err[1024], target[CLI_PATH_MAX + 600];
    if (bg_result_info_read(results[0], &info, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err);
    if (!it->part[0]) {
        const char *p = info.program;
        snprintf(it->bench, sizeof it->bench, "%s", strncmp(p, "bench_", 6) == 0 ? p + 6 : p);
    }
    snprintf(it->cls, sizeof it->cls, "%s", o->cls ? o->cls : info.machine_class);
    if (bg_baseline_path(o->dir, it->cls, it->bench, target, sizeof target, err, sizeof err) !=
        BG_OK)
        return cli_usage_error("%s", err);
    struct stat st;
    int stored = stat(target, &st) == 0;
    if (stored && bg_result_info_read(target, &info, err, sizeof err) != BG_OK)
        return cli_usage_error("baseline %s cannot be read (%s); it was not rewritten: fix or "
                               "delete it by hand",
                               target, err);
    for (int i = 0; i < o->nruns; i++)
        if (bg_baseline_check(stored ? target : NULL, results[i], o->drop, i ? NULL : stdout, err,
                              sizeof err) != BG_OK) {
            fprintf(stderr, "benchgate: %s\n", err);
            return BG_EXIT_USAGE;
        }
    int code = stored ? review(o, target, results[0]) : 0;
    if (code == 0 && o->dry_run)
        printf("would write %s\n", target);
    return code;
}

static int worst(int a, int b) {
    static const int rank[] = {2, 3, 1, 0};
    for (int i = 0; i < 4; i++)
        if (a == rank[i] || b == rank[i])
            return rank[i];
    return a;
}

/* Writes one class's new set beside the old one, then swaps them. */
static int write_class(const baseline_opts *o, const capture_item *items, int n, const char *cls) {
    char staging[CLI_PATH_MAX * 2], target[CLI_PATH_MAX * 3], err[1024];
    if (baseline_set_stage(o->dir, cls, staging, sizeof staging) != 0)
        return BG_EXIT_USAGE;
    const char *paths[MAX_RUNS];
    for (int i = 0; i < o->nruns; i++)
        paths[i] = results[i];
    for (int k = 0; k < n; k++) {
        if (strcmp(items[k].cls, cls) != 0)
            continue;
        fill_results(o, &items[k]);
        snprintf(target, sizeof target, "%s/%s.json", staging, items[k].bench);
        unlink(target); /* the copy of the old one */
        if (bg_baseline_store_runs_drop(paths, (size_t)o->nruns, target, o->drop, err,
                                        sizeof err) != BG_OK) {
            baseline_set_discard(staging);
            return cli_usage_error("%s; the baselines are as they were", err);
        }
        printf("wrote %s/%s/%s.json (%d run%s)\n", o->dir, cls, items[k].bench, o->nruns,
               o->nruns > 1 ? "s" : "");
    }
    return baseline_set_swap(o->dir, cls, staging);
}

/* The benches of the runs: parts/<bench>/ of a `benchgate start` directory, or the run itself
 * (a bench_* output directory). @return how many, or -1 (message printed) */
static int list_items(const baseline_opts *o, capture_item **out) {
    char parts[CLI_PATH_MAX + 16];
    snprintf(parts, sizeof parts, "%s/parts", o->runs[0]);
    capture_item *items = calloc(1, sizeof *items);
    int n = 0;
    DIR *d = opendir(parts);
    if (d == NULL && items)
        n = 1; /* one bench; its name comes from its result */
    for (struct dirent *e; d && items && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        capture_item *grown = realloc(items, (size_t)(n + 1) * sizeof *items);
        if (grown == NULL)
            break;
        items = grown;
        memset(&items[n], 0, sizeof items[n]);
        snprintf(items[n].bench, sizeof items[n].bench, "%s", e->d_name);
        snprintf(items[n].part, sizeof items[n].part, "%s", e->d_name);
        n++;
    }
    if (d)
        closedir(d);
    if (items == NULL) {
        cli_usage_error("out of memory");
        return -1;
    }
    if (n == 0) {
        free(items);
        cli_usage_error("%s: no bench results under it", parts);
        return -1;
    }
    *out = items;
    return n;
}

int cmd_baseline(int argc, char **argv) {
    baseline_opts o;
    int p = parse(&o, argc, argv);
    if (p != 0)
        return p < 0 ? 0 : 2;
    cli_keep_private(o.runs[0], o.private_);
    capture_item *items = NULL;
    int n = list_items(&o, &items);
    if (n < 0)
        return BG_EXIT_USAGE;
    int lock = o.dry_run ? -2 : baseline_set_lock(o.dir); /* one capture at a time */
    int code = lock == -1 ? 2 : 0;
    for (int k = 0; code != 2 && k < n; k++)
        code = worst(code, check(&o, &items[k]));
    if (code == 0 && !o.dry_run) { /* every bench passed its review: write them all, or none */
        baseline_set_clean_stale(o.dir);
        for (int k = 0; code == 0 && k < n; k++) {
            int first = 1;
            for (int j = 0; j < k; j++)
                first &= strcmp(items[j].cls, items[k].cls) != 0;
            if (first)
                code = write_class(&o, items, n, items[k].cls);
        }
    } else if (code != 0 && !o.dry_run) {
        fprintf(stderr, "benchgate: baseline: nothing was written (exit %d)\n", code);
    }
    baseline_set_unlock(lock);
    free(items);
    return code;
}
