/* bisect_check.c - benchgate bisect --run: one check of the checked-out commit for
 * `git bisect run`, whose convention the exit code follows (0 good, 1 bad, 125 skip: a build
 * or a run that fails): the matching bench targets of the build are rebuilt, run once in
 * instruction mode, and each benchmark the baseline result holds is compared with it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bisect/bisect.h"
#include "results/results.h"

static int say(FILE *out, int code, const char *what) {
    if (out)
        fprintf(out, "bisect --run: %s: %s\n",
                code == BG_BISECT_GOOD  ? "good"
                : code == BG_BISECT_BAD ? "bad"
                                        : "skip",
                what);
    return code;
}

/* The worst change of the primary metric against the baseline, over the rows. */
static double worst_change(const bg_compare *cmp, char *name, size_t size) {
    double worst = NAN;
    for (size_t i = 0; i < bg_compare_count(cmp); i++) {
        const bg_comparison *r = bg_compare_row(cmp, i);
        if (strcmp(r->metric, "instructions") != 0 || !isfinite(r->change))
            continue;
        if (!isfinite(worst) || r->change > worst) {
            worst = r->change;
            snprintf(name, size, "%.1031s", r->benchmark);
        }
    }
    return worst;
}

static int check_one(const bg_bisect_check_options *o, const bg__bench_exe *b, const char *dir,
                     const char *log, double *worst, char *name, size_t size) {
    char out[BG__BISECT_PATH + 200], result[BG__BISECT_PATH + 220];
    snprintf(out, sizeof out, "%.4000s/%.127s", dir, b->name);
    snprintf(result, sizeof result, "%.4150s/result.json", out);
    if (bg__bench_run(b, out, 1, log) != 0)
        return -1;
    bg_compare *cmp = bg_compare_create(NULL);
    if (cmp == NULL || bg_compare_files(cmp, o->baseline, result) != BG_OK) {
        bg_compare_free(cmp);
        return -1;
    }
    double w = worst_change(cmp, name, size);
    if (isfinite(w) && (!isfinite(*worst) || w > *worst))
        *worst = w;
    bg_compare_free(cmp);
    return 0;
}

static int judge(const bg_bisect_check_options *o, const bg__bench_exe *list, int n,
                 const char *dir, const char *log) {
    double worst = NAN;
    char name[1032] = "", what[1200];
    for (int i = 0; i < n; i++)
        if (check_one(o, &list[i], dir, log, &worst, name, sizeof name) != 0) {
            snprintf(what, sizeof what, "bench_%.127s did not run or its result does not compare",
                     list[i].name);
            return say(o->progress, BG_BISECT_SKIP, what);
        }
    if (!isfinite(worst))
        return say(o->progress, BG_BISECT_SKIP, "no benchmark of the baseline was measured");
    snprintf(what, sizeof what,
             "%.1000s instructions %+.2f%% against the baseline (bad from %+.2f%%)", name, worst,
             o->threshold_pct);
    return say(o->progress, worst >= o->threshold_pct ? BG_BISECT_BAD : BG_BISECT_GOOD, what);
}

static int check_baseline(const char *path, char *errbuf, size_t errlen) {
    cJSON *doc = NULL;
    bg__error err = {BG_OK, ""};
    if (path == NULL || path[0] == '\0') {
        snprintf(errbuf, errlen, "--run needs --baseline=FILE, a result.json of the good commit");
        return -1;
    }
    if (bg__load_result(path, &doc, &err) != BG_OK) {
        snprintf(errbuf, errlen, "--baseline=%.200s: %.500s", path, err.msg);
        return -1;
    }
    cJSON_Delete(doc);
    return 0;
}

int bg_bisect_check(const bg_bisect_check_options *o, char *errbuf, size_t errlen) {
    bg__bench_exe list[BG__BISECT_BENCHES];
    if (check_baseline(o->baseline, errbuf, errlen) != 0)
        return -1;
    int n = bg__bench_list(o->build_dir, o->bench, list, BG__BISECT_BENCHES);
    if (n <= 0) {
        snprintf(errbuf, errlen, "--bench=%.200s: no bench of %.200s matches%s", o->bench,
                 o->build_dir, n < 0 ? " (no benchgate manifest: not a build tree)" : "");
        return -1;
    }
    char dir[] = "/tmp/benchgate-bisect-run.XXXXXX", log[sizeof dir + 16];
    if (mkdtemp(dir) == NULL) {
        snprintf(errbuf, errlen, "cannot make a temporary folder");
        return -1;
    }
    snprintf(log, sizeof log, "%s/log.txt", dir);
    int code = bg__bench_build(o->build_dir, list, n, log) != 0
                   ? say(o->progress, BG_BISECT_SKIP, "the bench targets do not build")
                   : judge(o, list, n, dir, log);
    bg__remove_tree(dir);
    return code;
}
