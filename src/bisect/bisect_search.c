/* bisect_search.c - benchgate bisect: the good and the bad commit are probed first, which
 * names the benchmark that changed most between them (the tracked one), the regression's
 * direction and, by default, the threshold (half that change); then a binary search over the
 * commits between them, each probe bad when its change against good crosses the threshold in
 * that direction. A probe that does not configure, build or run is skipped, and the nearest
 * untested commit to the middle is probed instead (the later one on a tie); when skipped
 * commits are all that is left between the last good and the first bad one, the answer names
 * them. */
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bisect/bisect.h"

/* The searched commits' states. */
enum { UNTESTED, GOOD, BAD, SKIPPED };

typedef struct search {
    bg__bisect_ctx *ctx;
    bg_bisect *b;
    bg__probe good;
    char tracked_bench[128];
    unsigned char *state;
} search;

static const char *primary_metric(const bg_bisect_options *o) {
    return o->time_mode ? "time_ns" : "instructions";
}

static double elapsed_s(double t0) {
    return (bg__now_ns() - t0) * 1e-9;
}

static bg__bisect_step *add_step(bg_bisect *b, const bg__probe *p, const char *role) {
    if (b->nsteps >= BG__BISECT_STEPS)
        return NULL;
    bg__bisect_step *s = &b->steps[b->nsteps++];
    memset(s, 0, sizeof *s);
    s->c = p->c;
    s->role = role;
    s->seconds = p->seconds;
    s->value = s->change_pct = NAN;
    s->outcome = BG__STEP_SKIP;
    snprintf(s->why, sizeof s->why, "%s", p->why);
    return s;
}

/* The row of benchmark name and the primary metric in cmp, or NULL. */
static const bg_comparison *row_of(const bg_compare *cmp, const char *metric, const char *name) {
    for (size_t i = 0; cmp && i < bg_compare_count(cmp); i++) {
        const bg_comparison *r = bg_compare_row(cmp, i);
        if (strcmp(r->metric, metric) == 0 && isfinite(r->change) && isfinite(r->current) &&
            (name == NULL || strcmp(r->benchmark, name) == 0))
            return r;
    }
    return NULL;
}

/* Good against bad: the row that changed most of every matching bench is the tracked one. */
static bg_err track(search *s, const bg__probe *bad, bg__error *err) {
    const char *metric = primary_metric(s->ctx->o);
    double best = -1;
    bg__error why = {BG_OK, ""};
    for (int i = 0; i < bad->nbench; i++) {
        bg_compare *cmp = bg__probe_compare(s->ctx, &s->good, bad, i, &why);
        for (size_t k = 0; cmp && k < bg_compare_count(cmp); k++) {
            const bg_comparison *r = bg_compare_row(cmp, k);
            if (strcmp(r->metric, metric) != 0 || !isfinite(r->change) || fabs(r->change) <= best)
                continue;
            best = fabs(r->change);
            snprintf(s->tracked_bench, sizeof s->tracked_bench, "%s", bad->bench[i].name);
            snprintf(s->b->benchmark, sizeof s->b->benchmark, "%s", r->benchmark);
            snprintf(s->b->metric, sizeof s->b->metric, "%s", r->metric);
            snprintf(s->b->unit, sizeof s->b->unit, "%s", r->unit);
            s->b->good_value = r->baseline, s->b->bad_value = r->current;
            s->b->change_pct = r->change;
        }
        bg_compare_free(cmp);
    }
    BG_RETURN_IF(best < 0, err, BG_ERUNTIME,
                 "no %s figure to compare between --good and --bad%s%.255s", metric,
                 why.msg[0] ? ": " : "", why.msg);
    return BG_OK;
}

static bg_err set_threshold(bg_bisect *b, const bg_bisect_options *o, bg__error *err) {
    double dir = b->change_pct < 0 ? -1 : 1, size = fabs(b->change_pct);
    char fig[2][64];
    bg__figure_human(b->good_value, b->unit, fig[0], sizeof fig[0]);
    bg__figure_human(b->bad_value, b->unit, fig[1], sizeof fig[1]);
    BG_RETURN_IF(size == 0, err, BG_EUSAGE,
                 "--good and --bad measure the same (%s of %s: %s both): nothing to bisect",
                 b->metric, b->benchmark, fig[0]);
    BG_RETURN_IF(o->threshold_pct > 0 && size < o->threshold_pct, err, BG_EUSAGE,
                 "--bad changes %s of %s by %.2f%% against --good (%s -> %s), less than "
                 "--threshold=%.2f%%: nothing to bisect",
                 b->metric, b->benchmark, b->change_pct, fig[0], fig[1], o->threshold_pct);
    b->threshold_default = !(o->threshold_pct > 0);
    b->threshold_pct = dir * (b->threshold_default ? size / 2 : o->threshold_pct);
    return BG_OK;
}

/* Probes commit i: GOOD, BAD or SKIPPED, with its step. */
static int probe(search *s, long i) {
    bg__probe p;
    bg__bisect_ctx *ctx = s->ctx;
    double t0 = bg__now_ns();
    bg__probe_make(ctx, &s->b->commits[i], &p);
    bg__bisect_step *st = add_step(s->b, &p, "probe");
    int state = SKIPPED;
    for (int k = 0; p.ok && k < p.nbench; k++) {
        if (strcmp(p.bench[k].name, s->tracked_bench) != 0)
            continue;
        bg__error why = {BG_OK, ""};
        bg_compare *cmp = bg__probe_compare(ctx, &s->good, &p, k, &why);
        const bg_comparison *r = row_of(cmp, s->b->metric, s->b->benchmark);
        if (r && st) {
            st->value = r->current, st->change_pct = r->change;
            int bad = s->b->threshold_pct > 0 ? r->change >= s->b->threshold_pct
                                              : r->change <= s->b->threshold_pct;
            state = bad ? BAD : GOOD;
            st->outcome = bad ? BG__STEP_BAD : BG__STEP_GOOD;
        } else if (st) {
            snprintf(st->why, sizeof st->why, "%.255s",
                     why.msg[0] ? why.msg : "its result lacks the benchmark");
        }
        bg_compare_free(cmp);
    }
    if (p.ok && state == SKIPPED && st && st->why[0] == '\0')
        snprintf(st->why, sizeof st->why, "no bench_%s in this commit", s->tracked_bench);
    if (st) {
        st->seconds = elapsed_s(t0); /* the A/B runs are part of the probe */
        bg__bisect_progress(ctx->o->progress, st, s->b->nsteps);
    }
    bg__probe_drop(ctx, &p);
    return state;
}

/* The untested commit in (lo, hi) nearest the middle, the later on a tie; -1 when none. */
static long next_probe(const search *s, long lo, long hi) {
    long mid = lo + (hi - lo + 1) / 2, best = -1;
    for (long i = lo + 1; i < hi; i++)
        if (s->state[i] == UNTESTED && (best < 0 || labs(i - mid) < labs(best - mid) ||
                                        (labs(i - mid) == labs(best - mid) && i > best)))
            best = i;
    return best;
}

static void binary_search(search *s) {
    long lo = -1, hi = (long)s->b->ncommits - 1;
    for (long m = next_probe(s, lo, hi); m >= 0; m = next_probe(s, lo, hi)) {
        s->state[m] = (unsigned char)probe(s, m);
        if (s->state[m] == GOOD)
            lo = m;
        else if (s->state[m] == BAD)
            hi = m;
    }
    s->b->first_bad = hi;
    s->b->last_good = lo;
}

/* Probes an end (good or bad); it must build and run. */
static bg_err probe_end(search *s, const bg__commit *c, const char *role, bg__probe *p,
                        bg__error *err) {
    bg__probe_make(s->ctx, c, p);
    bg__bisect_step *st = add_step(s->b, p, role);
    if (st && p->ok)
        st->outcome = strcmp(role, "good") == 0 ? BG__STEP_GOOD : BG__STEP_BAD;
    BG_RETURN_IF(!p->ok, err, BG_ERUNTIME, "--%s=%.12s (%.80s) cannot be measured: %s", role,
                 c->sha, c->subject, p->why);
    return BG_OK;
}

static void end_figures(bg_bisect *b) {
    b->steps[0].value = b->good_value, b->steps[0].change_pct = 0;
    b->steps[1].value = b->bad_value, b->steps[1].change_pct = b->change_pct;
    b->steps[0].outcome = BG__STEP_GOOD;
    b->steps[1].outcome = BG__STEP_BAD;
}

static bg_err run_search(search *s, bg__error *err) {
    bg__commit good;
    bg__probe bad;
    bg__git_describe(s->ctx->repo, s->b->good, &good);
    BG_FORWARD_IF_ERROR(probe_end(s, &good, "good", &s->good, err));
    bg_err rc = probe_end(s, &s->b->commits[s->b->ncommits - 1], "bad", &bad, err);
    if (rc == BG_OK)
        rc = track(s, &bad, err);
    bg__probe_drop(s->ctx, &bad);
    BG_FORWARD_IF_ERROR(rc);
    BG_FORWARD_IF_ERROR(set_threshold(s->b, s->ctx->o, err));
    /* a probe's A/B runs stop once its change is known to be on one side of the threshold
     * (against ab's 2% a commit that changes nothing would spend the whole --budget) */
    s->ctx->judge_pct = fabs(s->b->threshold_pct);
    end_figures(s->b);
    bg__bisect_progress(s->ctx->o->progress, &s->b->steps[0], 1);
    bg__bisect_progress(s->ctx->o->progress, &s->b->steps[1], 2);
    s->state = calloc(s->b->ncommits, 1);
    BG_RETURN_IF(s->state == NULL, err, BG_ENOMEM, "out of memory");
    s->state[s->b->ncommits - 1] = BAD;
    binary_search(s);
    return BG_OK;
}

/* The repository, and the project's folder within it. */
static bg_err find_repo(bg__bisect_ctx *ctx, bg__error *err) {
    char top[BG__BISECT_PATH], prefix[BG__BISECT_PATH];
    const char *source = ctx->o->source;
    BG_FORWARD_IF_ERROR(bg__git_toplevel(source ? source : ctx->settings.home, ctx->repo,
                                         sizeof ctx->repo, ctx->subdir, sizeof ctx->subdir, err));
    if (source &&
        bg__git_toplevel(ctx->settings.home, top, sizeof top, prefix, sizeof prefix, NULL) == BG_OK)
        snprintf(ctx->subdir, sizeof ctx->subdir, "%s", strcmp(top, ctx->repo) == 0 ? prefix : "");
    else if (source)
        ctx->subdir[0] = '\0';
    return BG_OK;
}

static bg_err check_bench(const bg_bisect_options *o, bg__error *err) {
    regex_t re;
    BG_RETURN_IF(o->bench == NULL || o->bench[0] == '\0', err, BG_EUSAGE,
                 "--bench=REGEX is needed: the benches to build and run at each commit");
    BG_RETURN_IF(regcomp(&re, o->bench, REG_EXTENDED | REG_NOSUB) != 0, err, BG_EUSAGE,
                 "--bench=%.200s: not a POSIX extended regular expression", o->bench);
    regfree(&re);
    bg__bench_exe list[BG__BISECT_BENCHES];
    int n = bg__bench_list(o->build_dir, o->bench, list, BG__BISECT_BENCHES);
    BG_RETURN_IF(n < 0, err, BG_EUSAGE,
                 "--build-dir=%s: no benchgate manifest (benchgate/manifest.d): not a build of "
                 "a project with bg_add_benchmark",
                 o->build_dir);
    BG_RETURN_IF(n == 0, err, BG_EUSAGE,
                 "--bench=%.200s: no bench of %s matches (benchgate list --build-dir=%s shows "
                 "them)",
                 o->bench, o->build_dir, o->build_dir);
    return BG_OK;
}

static bg_err set_up(bg__bisect_ctx *ctx, bg_bisect *b, bg__error *err) {
    const bg_bisect_options *o = ctx->o;
    BG_RETURN_IF(o->threshold_pct < 0 || !isfinite(o->threshold_pct), err, BG_EUSAGE,
                 "--threshold: must be a percentage above 0");
    BG_FORWARD_IF_ERROR(bg__build_settings_read(o->build_dir, &ctx->settings, err));
    BG_FORWARD_IF_ERROR(check_bench(o, err));
    BG_FORWARD_IF_ERROR(find_repo(ctx, err));
    BG_FORWARD_IF_ERROR(bg__git_resolve(ctx->repo, "--good", o->good, b->good, err));
    BG_FORWARD_IF_ERROR(bg__git_resolve(ctx->repo, "--bad", o->bad, b->bad, err));
    BG_FORWARD_IF_ERROR(bg__git_range(ctx->repo, b->good, b->bad, &b->commits, &b->ncommits, err));
    const char *tmpdir = getenv("TMPDIR");
    snprintf(ctx->tmp, sizeof ctx->tmp, "%s/benchgate-bisect.XXXXXX",
             tmpdir && tmpdir[0] ? tmpdir : "/tmp");
    BG_RETURN_IF(mkdtemp(ctx->tmp) == NULL, err, BG_EIO, "cannot make a folder %s", ctx->tmp);
    return BG_OK;
}

bg_err bg_bisect_run(const bg_bisect_options *o, bg_bisect **out, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__bisect_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.o = o;
    double t0 = bg__now_ns();
    search s;
    memset(&s, 0, sizeof s);
    s.ctx = &ctx;
    s.b = calloc(1, sizeof(bg_bisect));
    bg_err rc = s.b ? set_up(&ctx, s.b, &err) : bg__set_error(&err, BG_ENOMEM, "out of memory");
    if (rc == BG_OK) {
        snprintf(s.b->bench, sizeof s.b->bench, "%s", o->bench);
        snprintf(s.b->measure, sizeof s.b->measure, "%s", o->time_mode ? "time" : "instructions");
        rc = run_search(&s, &err);
    }
    bg__probe_drop(&ctx, &s.good);
    if (ctx.tmp[0] && !o->keep && !strstr(ctx.tmp, "XXXXXX"))
        bg__remove_tree(ctx.tmp);
    if (s.b && o->keep && ctx.tmp[0])
        snprintf(s.b->kept, sizeof s.b->kept, "%s", ctx.tmp);
    bg__build_settings_free(&ctx.settings);
    free(s.state);
    if (s.b)
        s.b->builds = ctx.probes, s.b->wall_s = elapsed_s(t0);
    if (rc != BG_OK)
        bg_bisect_free(s.b), s.b = NULL;
    *out = s.b;
    return bg__errbuf(&err, rc, errbuf, errlen);
}

void bg_bisect_free(bg_bisect *b) {
    if (b)
        free(b->commits);
    free(b);
}

const bg__bisect_step *bg__bisect_step_of(const bg_bisect *b, long i) {
    for (size_t k = 0; i >= 0 && k < b->nsteps; k++)
        if (strcmp(b->steps[k].c.sha, b->commits[i].sha) == 0)
            return &b->steps[k];
    return NULL;
}
