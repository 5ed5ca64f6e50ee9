/* bisect_measure.c - a probe: one commit in a git worktree of its own, configured with the
 * user's build settings, its matching benches built and (instruction mode) run once; and its
 * figures against the good commit: a comparison of the two results, or in time mode an A/B
 * run of the two executables, pairs added as benchgate ab adds them, judged by bg_ab. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bisect/bisect.h"

static double now_s(void) {
    return bg__now_ns() * 1e-9;
}

static void path_of(const bg__probe *p, const char *rest, char *out, size_t size) {
    snprintf(out, size, "%s/%s", p->dir, rest);
}

/* Sets p->why ("does not build: LAST LOG LINE") and returns 0. */
static int skip(bg__probe *p, const char *what) {
    char log[BG__BISECT_PATH + 16], last[200];
    path_of(p, "log.txt", log, sizeof log);
    bg__log_last_line(log, last, sizeof last);
    snprintf(p->why, sizeof p->why, "%.100s%s%.140s", what, last[0] ? ": " : "", last);
    return 0;
}

static int run_benches(bg__probe *p, const char *log) {
    char out[BG__BISECT_PATH + 200], what[200];
    for (int i = 0; i < p->nbench; i++) {
        snprintf(out, sizeof out, "%s/results/%s", p->dir, p->bench[i].name);
        int rc = bg__bench_run(&p->bench[i], out, 1, log);
        if (rc != 0) {
            snprintf(what, sizeof what, "bench_%s exited %d", p->bench[i].name, rc);
            return skip(p, what);
        }
    }
    return 1;
}

static int build_probe(bg__bisect_ctx *ctx, bg__probe *p, const char *log) {
    char src[BG__BISECT_PATH * 2 + 8], build[BG__BISECT_PATH + 8];
    snprintf(src, sizeof src, "%s/src/%s", p->dir, ctx->subdir);
    path_of(p, "build", build, sizeof build);
    if (bg__build_configure(&ctx->settings, src, build, ctx->o->cmake_args, ctx->o->ncmake_args,
                            log) != 0)
        return skip(p, "does not configure");
    p->nbench = bg__bench_list(build, ctx->o->bench, p->bench, BG__BISECT_BENCHES);
    if (p->nbench <= 0) {
        snprintf(p->why, sizeof p->why, "no bench of this commit matches --bench=%.100s",
                 ctx->o->bench);
        return 0;
    }
    if (bg__bench_build(build, p->bench, p->nbench, log) != 0)
        return skip(p, "does not build");
    return ctx->o->time_mode ? 1 : run_benches(p, log);
}

int bg__probe_make(bg__bisect_ctx *ctx, const bg__commit *c, bg__probe *p) {
    char src[BG__BISECT_PATH + 8], log[BG__BISECT_PATH + 16];
    double t0 = now_s();
    memset(p, 0, sizeof *p);
    p->c = *c;
    snprintf(p->dir, sizeof p->dir, "%.4000s/%02d-%.12s", ctx->tmp, ++ctx->probes, c->sha);
    path_of(p, "src", src, sizeof src);
    path_of(p, "log.txt", log, sizeof log);
    if (bg__mkdirs(p->dir, NULL) != BG_OK)
        snprintf(p->why, sizeof p->why, "cannot make %.200s", p->dir);
    else if (bg__git_worktree_add(ctx->repo, src, c->sha, log) != 0)
        skip(p, "git worktree add failed");
    else
        p->ok = build_probe(ctx, p, log);
    p->seconds = now_s() - t0;
    return p->ok;
}

void bg__probe_drop(bg__bisect_ctx *ctx, bg__probe *p) {
    char src[BG__BISECT_PATH + 8];
    if (ctx->o->keep || p->dir[0] == '\0')
        return;
    path_of(p, "src", src, sizeof src);
    bg__git_worktree_remove(ctx->repo, src);
    bg__remove_tree(p->dir);
    p->dir[0] = '\0';
}

static const bg__bench_exe *same_bench(const bg__probe *good, const char *name) {
    for (int i = 0; i < good->nbench; i++)
        if (strcmp(good->bench[i].name, name) == 0)
            return &good->bench[i];
    return NULL;
}

static bg_compare *compare_results(const bg__probe *good, const bg__probe *p, int i,
                                   bg__error *err) {
    char base[BG__BISECT_PATH + 300], head[BG__BISECT_PATH + 300];
    snprintf(base, sizeof base, "%s/results/%s/result.json", good->dir, p->bench[i].name);
    snprintf(head, sizeof head, "%s/results/%s/result.json", p->dir, p->bench[i].name);
    bg_compare *cmp = bg_compare_create(NULL);
    if (cmp && bg_compare_files(cmp, base, head) == BG_OK)
        return cmp;
    bg__set_error(err, cmp ? BG_EINPUT : BG_ENOMEM, "%.250s",
                  cmp ? bg_compare_error(cmp) : "out of memory");
    bg_compare_free(cmp);
    return NULL;
}

/* One side of A/B pair `pair` of probe p against good: runs the executable, adds its result.
 * Both sides' results go under p's folder, which is its own comparison's (the good probe is
 * compared with every probe: a folder of its own would hold the runs of an earlier one).
 * @return BG_OK, or BG_ERUNTIME with err */
static bg_err ab_side(bg_ab *ab, const bg__probe *p, const bg__bench_exe *b, size_t pair, int head,
                      bg__error *err) {
    char out[BG__BISECT_PATH + 300], log[BG__BISECT_PATH + 300], result[BG__BISECT_PATH + 320];
    char last[200];
    snprintf(out, sizeof out, "%s/ab/%s-%zu-%s", p->dir, b->name, pair, head ? "head" : "good");
    snprintf(log, sizeof log, "%s/log.txt", p->dir);
    snprintf(result, sizeof result, "%s/result.json", out);
    int rc = bg__bench_run(b, out, 0, log);
    if (rc == 0 && bg_ab_add(ab, pair, head, result) == BG_OK)
        return BG_OK;
    BG_RETURN_IF(rc == 0, err, BG_ERUNTIME, "bench_%s: %.200s", b->name, bg_ab_error(ab));
    bg__log_last_line(log, last, sizeof last);
    return bg__set_error(err, BG_ERUNTIME, "bench_%s exited %d%s%.200s", b->name, rc,
                         last[0] ? ": " : "", last);
}

/* Pairs at each look of bg_ab (4, 6, 9, ...) until every verdict is decided or the budget is
 * spent; the order within a pair from a seeded coin. */
static bg_compare *compare_ab(bg__bisect_ctx *ctx, const bg__probe *good, const bg__probe *p, int i,
                              bg__error *err) {
    const bg__bench_exe *base = same_bench(good, p->bench[i].name), *side[2];
    bg_compare_options opt = {0};
    opt.threshold_pct = ctx->judge_pct > 0 ? ctx->judge_pct : fabs(ctx->o->threshold_pct);
    bg_ab *ab = base ? bg_ab_create(&opt) : NULL;
    bg_compare *cmp = NULL;
    double t0 = now_s(), budget = ctx->o->ab_budget_s > 0 ? ctx->o->ab_budget_s : 30;
    uint64_t rng = 0x9e3779b97f4a7c15u ^ (uint64_t)p->c.sha[0];
    size_t pair = 0;
    side[0] = base, side[1] = &p->bench[i];
    for (int k = 1; ab && k <= BG_AB_LOOKS; k++) {
        for (; pair < bg_ab_look_pairs(k); pair++) {
            int first = (int)(bg__rand64(&rng) >> 63);
            if (ab_side(ab, p, side[first], pair, first, err) != BG_OK ||
                ab_side(ab, p, side[!first], pair, !first, err) != BG_OK) {
                bg_compare_free(cmp);
                cmp = NULL;
                goto out;
            }
        }
        bg_compare_free(cmp);
        cmp = NULL;
        long undecided = bg_ab_judge(ab, k == BG_AB_LOOKS, &cmp);
        if (undecided <= 0 || now_s() - t0 > budget)
            break;
    }
out:
    if (base == NULL)
        bg__set_error(err, BG_EINPUT, "no bench_%s in the good commit", p->bench[i].name);
    if (cmp == NULL && base && ab == NULL)
        bg__set_error(err, BG_ENOMEM, "out of memory");
    bg_ab_free(ab);
    return cmp;
}

bg_compare *bg__probe_compare(bg__bisect_ctx *ctx, const bg__probe *good, const bg__probe *p, int i,
                              bg__error *err) {
    bg__set_error(err, BG_OK, "%s", "");
    if (ctx->o->time_mode)
        return compare_ab(ctx, good, p, i, err);
    return compare_results(good, p, i, err);
}
