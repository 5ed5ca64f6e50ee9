/* compare.c - matches two result documents and judges each gated metric. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/compare.h"
#include "common/common.h"
#include "results/results.h"
#include "measure/measure.h"
#include "gate/gate.h"

#define MAX_REPS 64

struct bg_compare {
    bg_compare_options opt;
    bg_comparison *rows;
    size_t count, cap;
    double pooled_sd, pooled_dof;
    double runs_sd, runs_dof; /**< across the baseline's separate runs, pooled; < 0 none */
    double drift;             /**< |log| change of the machine's speed (canaries), 0 unknown */
    int speed_count;
    const char *few_reps; /**< why a foreign file's benchmark has < 2 repetitions, or NULL */
    bg__error err;
};

bg_compare *bg_compare_create(const bg_compare_options *opt) {
    bg_compare *c = calloc(1, sizeof *c);
    if (c && opt)
        c->opt = *opt;
    if (c && !(c->opt.alpha > 0 && c->opt.alpha < 1))
        c->opt.alpha = 0.01;
    return c;
}

bg_comparison *bg__compare_add_row(bg_compare *c, const char *bench, const char *metric) {
    BG__ASSERT(c != NULL && bench != NULL && metric != NULL);
    if (bg__grow((void **)&c->rows, &c->cap, c->count + 1, sizeof *c->rows, 32) != 0)
        return NULL;
    bg_comparison *r = &c->rows[c->count++];
    memset(r, 0, sizeof *r);
    snprintf(r->benchmark, sizeof r->benchmark, "%s", bench);
    snprintf(r->metric, sizeof r->metric, "%s", metric);
    return r;
}

/* "fam/cuda/n=1" -> "fam/n=1" when devices are ignored. */
static void match_key(const bg_compare *c, const cJSON *bench, char *key, size_t size) {
    snprintf(key, size, "%s", bg__json_text(bench, "name"));
    if (!c->opt.ignore_device)
        return;
    char *first = strchr(key, '/');
    char *second = first ? strchr(first + 1, '/') : NULL;
    if (first)
        memmove(first, second ? second : first + strlen(first), strlen(second ? second : "") + 1);
}

/** The benchmarks of one document by match key, sorted: one lookup is a binary search, so a
 *  comparison is O(n log n) in the benchmarks, not O(n^2). */
typedef struct bench_index {
    struct bench_entry {
        char *key;
        const cJSON *bench;
        size_t order; /**< its place in the document: the first of equal keys wins */
    } * e;
    size_t n;
} bench_index;

static int by_key(const void *a, const void *b) {
    return strcmp(((const struct bench_entry *)a)->key, ((const struct bench_entry *)b)->key);
}

static int by_key_then_order(const void *a, const void *b) {
    const struct bench_entry *x = a, *y = b;
    int k = strcmp(x->key, y->key);
    return k ? k : x->order < y->order ? -1 : x->order > y->order;
}

/* @return 0, or -1 when out of memory (the index is then empty: nothing matches) */
static int index_benches(const bg_compare *c, const cJSON *list, bench_index *ix) {
    size_t cap = (size_t)cJSON_GetArraySize(list);
    ix->n = 0;
    ix->e = calloc(cap ? cap : 1, sizeof *ix->e);
    const cJSON *b;
    char key[1032];
    cJSON_ArrayForEach(b, list) {
        if (ix->e == NULL || ix->n == cap)
            break;
        match_key(c, b, key, sizeof key);
        if ((ix->e[ix->n].key = strdup(key)) == NULL)
            return -1;
        ix->e[ix->n].order = ix->n;
        ix->e[ix->n++].bench = b;
    }
    if (ix->e == NULL)
        return -1;
    qsort(ix->e, ix->n, sizeof *ix->e, by_key_then_order); /* --ignore-device: equal keys */
    return 0;
}

static void index_free(bench_index *ix) {
    for (size_t i = 0; i < ix->n; i++)
        free(ix->e[i].key);
    free(ix->e);
}

static const cJSON *find_bench(const bench_index *ix, const char *key) {
    struct bench_entry probe = {(char *)key, NULL, 0};
    const struct bench_entry *hit =
        ix->n ? bsearch(&probe, ix->e, ix->n, sizeof *ix->e, by_key) : NULL;
    while (hit && hit > ix->e && strcmp(hit[-1].key, key) == 0)
        hit--;
    return hit ? hit->bench : NULL;
}

static const char *speed_metric(const cJSON *bench) {
    const char *m = bg__json_text(bench, "measure");
    return strcmp(m, "instructions") == 0 ? "instructions"
           : strcmp(m, "cpu") == 0        ? "cpu_time_ns"
                                          : "time_ns";
}

static int is_count(const char *name) {
    return bg__metric_kind_of(name) == BG__METRIC_COUNT;
}

static int is_accuracy(const char *name) {
    return bg__metric_kind_of(name) == BG__METRIC_ACCURACY;
}

/* A time or a rate per second is as noisy as the machine: gated only when named. */
static int is_timelike(const char *unit) {
    static const char *const units[] = {"ns", "us", "\xc2\xb5s", "ms", "s"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(unit, units[i]) == 0)
            return 1;
    size_t n = strlen(unit);
    return n >= 2 && strcmp(unit + n - 2, "/s") == 0;
}

static const cJSON *named_threshold(const cJSON *bench, const char *metric) {
    const cJSON *n =
        bg__json_get(bg__json_get(bg__json_get(bench, "thresholds"), "metrics"), metric);
    return cJSON_IsNumber(n) ? n : NULL;
}

/* A custom metric is gated when it has a direction and is not a correctness check (those
 * have a tolerance of their own); a time-like one, or a counter of --counters that moves with
 * the machine, only with a threshold of its own. */
static int is_gated_custom(const cJSON *bench, const cJSON *metric) {
    const char *name = metric->string, *better = bg__json_text(metric, "better");
    if (bg__is_builtin_metric(name) || is_accuracy(name) ||
        bg__json_get(metric, "tolerance") != NULL)
        return 0;
    if (strcmp(better, "lower") != 0 && strcmp(better, "higher") != 0)
        return 0;
    int counter = bg__counter_metric_gated(name);
    if (counter >= 0)
        return counter == 1 || named_threshold(bench, name) != NULL;
    return !is_timelike(bg__json_text(metric, "unit")) || named_threshold(bench, name) != NULL;
}

/* Fills a side from a metric with statistics. */
static void side_of(const cJSON *metric, bg__side *s, double *reps) {
    memset(s, 0, sizeof *s);
    s->median = bg__json_number_or(metric, "median", NAN);
    const cJSON *ci = bg__json_get(metric, "ci95");
    double lo = cJSON_GetNumberValue(cJSON_GetArrayItem(ci, 0));
    double hi = cJSON_GetNumberValue(cJSON_GetArrayItem(ci, 1));
    s->se_within = s->median > 0 && hi >= lo ? (hi - lo) / (2 * 1.96 * s->median) : 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, bg__json_get(metric, "repetition_medians")) {
        if (cJSON_IsNumber(r) && s->k < MAX_REPS)
            reps[s->k++] = r->valuedouble;
    }
    s->reps = reps;
}

/* The medians of one metric in each of the baseline's separate runs (run_medians). */
static size_t run_medians(const cJSON *metric, double *out) {
    size_t k = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, bg__json_get(metric, "run_medians")) {
        if (cJSON_IsNumber(r) && r->valuedouble > 0 && k < MAX_REPS)
            out[k++] = r->valuedouble;
    }
    return k;
}

/* Pools the run-to-run variance of log medians over every speed metric of the baseline. */
static void pool_runs(bg_compare *c, const cJSON *base) {
    double ss = 0, dof = 0, v[MAX_REPS];
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(base, "benchmarks")) {
        size_t k = run_medians(bg__json_get(bg__json_get(b, "metrics"), speed_metric(b)), v);
        double sd = bg__log_sd(v, k);
        if (sd >= 0)
            ss += sd * sd * (double)(k - 1), dof += (double)(k - 1);
    }
    c->runs_sd = dof > 0 ? sqrt(ss / dof) : -1;
    c->runs_dof = dof;
}

/* Pools the between-repetition variance of log medians over every speed metric of one side. */
static void pool_noise(bg_compare *c, const cJSON *doc, double *ss, double *dof) {
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), speed_metric(b));
        if (strcmp(bg__json_text(m, "status"), "ok") != 0)
            continue;
        double reps[MAX_REPS];
        bg__side s;
        side_of(m, &s, reps);
        double sd = bg__log_sd(s.reps, s.k);
        if (sd >= 0)
            *ss += sd * sd * (double)(s.k - 1), *dof += (double)(s.k - 1);
        c->speed_count++;
    }
}

/* The threshold of a metric: a custom metric's own (thresholds: NAME:), --threshold for speed,
 * else what the current run recorded for the metric's kind (bench.yaml thresholds:), else the
 * kind's default. The other built-ins (rates) are gated like speed. */
static double threshold_of(const bg_compare *c, const cJSON *bench, const char *metric) {
    static const char *const keys[] = {"time", "instructions", "accuracy", "memory", "metric"};
    bg__metric_kind kind = bg__metric_kind_of(metric);
    const cJSON *named = named_threshold(bench, metric);
    int custom = kind == BG__METRIC_OTHER && !bg__is_builtin_metric(metric);
    if (custom && named)
        return named->valuedouble;
    if (!custom &&
        (kind == BG__METRIC_SPEED || kind == BG__METRIC_COUNT || kind == BG__METRIC_OTHER)) {
        if (c->opt.threshold_pct > 0)
            return c->opt.threshold_pct;
        kind = kind == BG__METRIC_OTHER ? BG__METRIC_SPEED : kind;
    }
    return bg__json_number_or(bg__json_get(bench, "thresholds"), keys[kind],
                              bg__default_threshold(kind));
}

/* How much less of the CPU a CPU benchmark's process got than in the baseline: the change of
 * wall time / CPU time (medians), beyond 0.5%. Waiting for a CPU (more runnable threads than
 * cores) lengthens wall time only; a slower code lengthens both alike. The canaries, short and
 * taken as medians, do not see it. 0 for GPU benchmarks and other metrics. */
static double cpu_share_lost(const cJSON *bb, const cJSON *bc, const char *metric) {
    if (strcmp(metric, "time_ns") != 0 || strcmp(bg__json_text(bc, "device"), "cpu") != 0)
        return 0;
    const cJSON *mb = bg__json_get(bb, "metrics"), *mc = bg__json_get(bc, "metrics");
    double wb = bg__json_number_or(bg__json_get(mb, "time_ns"), "median", NAN);
    double cb = bg__json_number_or(bg__json_get(mb, "cpu_time_ns"), "median", NAN);
    double wc = bg__json_number_or(bg__json_get(mc, "time_ns"), "median", NAN);
    double cc = bg__json_number_or(bg__json_get(mc, "cpu_time_ns"), "median", NAN);
    if (!(wb > 0 && cb > 0 && wc > 0 && cc > 0))
        return 0;
    double lost = fabs(log((wc / cc) / (wb / cb))) - 0.005;
    return lost > 0 ? lost : 0;
}

static void judge_speed(bg_compare *c, bg_comparison *r, const cJSON *mb, const cJSON *mc,
                        double lost) {
    double rb[MAX_REPS], rc[MAX_REPS];
    bg__side base, cur;
    side_of(mb, &base, rb);
    side_of(mc, &cur, rc);
    int counts = is_count(r->metric);
    double runs[MAX_REPS];
    size_t k = run_medians(mb, runs);
    double own = bg__log_sd(runs, k);
    if (k >= 2 && !counts) { /* the baseline is the mean of its runs: (1 + 1/k) in the noise */
        double sum = 0;
        for (size_t i = 0; i < k; i++)
            sum += log(runs[i]);
        base.median = exp(sum / (double)k);
    }
    bg__judge_params p = {r->threshold / 100.0,
                          counts ? 0 : c->opt.noise_floor_pct / 100.0,
                          c->pooled_sd,
                          c->pooled_dof,
                          c->speed_count / 2 > 0 ? c->speed_count / 2 : 1,
                          c->opt.alpha,
                          !counts,
                          0,
                          own > c->runs_sd ? own : c->runs_sd,
                          c->runs_dof,
                          (int)k,
                          counts ? 0 : c->drift + lost}; /* the machine's own change is noise */
    bg__judgement j;
    bg__judge(&base, &cur, &p, &j);
    r->baseline = base.median;
    r->current = cur.median;
    r->change = 100 * j.change;
    r->change_lo = 100 * j.lo;
    r->change_hi = 100 * j.hi;
    r->noise_pct = 100 * j.noise;
    r->verdict = j.verdict;
    if (!counts && c->drift > 0.02 && j.verdict == BG_VERDICT_INCONCLUSIVE)
        snprintf(r->note, sizeof r->note, "%.150s; the machine's speed moved %.1f%% (canary)",
                 j.note, 100 * (exp(c->drift) - 1));
    else if (!counts && lost > 0.02 && j.verdict == BG_VERDICT_INCONCLUSIVE)
        snprintf(r->note, sizeof r->note,
                 "%.150s; the process waited for a CPU: wall/CPU time moved %.1f%%", j.note,
                 100 * (exp(lost + 0.005) - 1));
    else
        snprintf(r->note, sizeof r->note, "%s", j.note);
    if (c->few_reps && j.verdict == BG_VERDICT_INCONCLUSIVE && (base.k < 2 || cur.k < 2))
        snprintf(r->note, sizeof r->note, "%s", c->few_reps); /* what the other harness lacks */
}

/* Accuracy (points), memory and custom metrics (percent, in the metric's own direction):
 * deterministic values against a threshold. */
static void judge_value(bg_comparison *r, const cJSON *mb, const cJSON *mc) {
    r->baseline = bg__json_number_or(mb, "value", NAN);
    r->current = bg__json_number_or(mc, "value", NAN);
    bg__metric_kind kind = bg__metric_kind_of(r->metric);
    bg__value_verdict v;
    bg__judge_value(kind, r->baseline, r->current, r->threshold,
                    strcmp(bg__json_text(mc, "better"), "higher") == 0,
                    kind == BG__METRIC_ACCURACY && strcmp(r->unit, "ratio") == 0 ? 100 : 1, &v);
    r->verdict = v.verdict;
    r->change = r->change_lo = r->change_hi = v.change;
    snprintf(r->note, sizeof r->note, "%s", v.note);
}

/* The status of a metric on one side: its benchmark's when that did not run ok (a skipped or
 * failed benchmark measured nothing, whatever its metrics hold), else its own; "missing". */
static const char *side_status(const cJSON *bench, const cJSON *metric) {
    const char *b = bg__json_text(bench, "status");
    return strcmp(b, "ok") != 0 ? b : metric ? bg__json_text(metric, "status") : "missing";
}

/* Why a side was not measured: the metric's message, else its benchmark's. */
static const char *side_reason(const cJSON *bench, const cJSON *metric) {
    const char *m = bg__json_text(metric, "error_message");
    return m[0] || strcmp(bg__json_text(bench, "status"), "ok") == 0
               ? m
               : bg__json_text(bench, "error_message");
}

/* A counter of --counters that counted nothing in every sample on both sides (page faults of a
 * loop that touches no new page): no change, where a ratio of medians has no meaning. */
static int counted_none(const char *name, const cJSON *mb, const cJSON *mc) {
    return bg__counter_metric_gated(name) >= 0 && bg__json_number_or(mb, "max", NAN) == 0 &&
           bg__json_number_or(mc, "max", NAN) == 0;
}

static void compare_metric(bg_compare *c, const cJSON *bb, const cJSON *bc, const char *name,
                           const char *label) {
    const cJSON *mb = bg__json_get(bg__json_get(bb, "metrics"), name),
                *mc = bg__json_get(bg__json_get(bc, "metrics"), name);
    if (mb == NULL && mc == NULL)
        return;
    bg_comparison *r = bg__compare_add_row(c, label, name);
    if (r == NULL)
        return;
    snprintf(r->unit, sizeof r->unit, "%s", bg__json_text(mc ? mc : mb, "unit"));
    r->threshold = threshold_of(c, bc, name);
    const char *sb = side_status(bb, mb), *sc = side_status(bc, mc);
    if (strcmp(sb, "ok") != 0 || strcmp(sc, "ok") != 0) {
        int both_skipped = strcmp(sb, "skipped") == 0 && strcmp(sc, "skipped") == 0;
        r->verdict = strcmp(sc, "error") == 0 ? BG_VERDICT_ERROR
                     : both_skipped           ? BG_VERDICT_SKIPPED
                                              : BG_VERDICT_NOT_COMPARED;
        r->baseline = r->current = r->change = r->change_lo = r->change_hi = NAN;
        const char *why = side_reason(bc, mc)[0] ? side_reason(bc, mc) : side_reason(bb, mb);
        snprintf(r->note, sizeof r->note, "baseline %s, current %s%s%.200s", sb, sc,
                 why[0] ? ": " : "", why);
        return;
    }
    if (counted_none(name, mb, mc)) {
        r->verdict = BG_VERDICT_PASS;
        r->baseline = r->current = r->change = r->change_lo = r->change_hi = 0;
        snprintf(r->note, sizeof r->note, "none on either side");
    } else if (bg__json_get(mc, "median") != NULL && bg__json_get(mb, "median") != NULL)
        judge_speed(c, r, mb, mc, cpu_share_lost(bb, bc, name));
    else
        judge_value(r, mb, mc);
}

/* A benchmark that failed in the current run (wrong result, kernel error, out of memory):
 * one error row with its message instead of its metrics, whatever the baseline holds.
 * @return 1 when it failed */
static int add_failed(bg_compare *c, const cJSON *bc, const char *label) {
    if (strcmp(bg__json_text(bc, "status"), "error") != 0)
        return 0;
    bg_comparison *r = bg__compare_add_row(c, label, c->opt.metric ? c->opt.metric : "-");
    if (r == NULL)
        return 1;
    r->verdict = BG_VERDICT_ERROR;
    r->baseline = r->current = r->change = r->change_lo = r->change_hi = NAN;
    r->noise_pct = r->threshold = NAN;
    const char *why = bg__json_text(bc, "error_message");
    snprintf(r->note, sizeof r->note, "%s", why[0] ? why : "failed (no message)");
    return 1;
}

/* The metrics the gate looks at: the speed metric, accuracy and memory (or just --metric). */
static void compare_bench(bg_compare *c, const cJSON *bb, const cJSON *bc, const char *label) {
    if (add_failed(c, bc, label))
        return;
    if (c->opt.metric) {
        compare_metric(c, bb, bc, c->opt.metric, label);
        return;
    }
    compare_metric(c, bb, bc, speed_metric(bc), label);
    if (strcmp(speed_metric(bb), speed_metric(bc)) != 0) /* the baseline's speed: not measured */
        compare_metric(c, bb, bc, speed_metric(bb), label);
    if (strcmp(speed_metric(bc), "instructions") == 0) /* --cache-sim: gated like the count */
        compare_metric(c, bb, bc, "estimated_cycles", label);
    const cJSON *m;
    cJSON_ArrayForEach(m, bg__json_get(bc, "metrics")) {
        if (is_accuracy(m->string) || is_gated_custom(bc, m))
            compare_metric(c, bb, bc, m->string, label);
    }
    cJSON_ArrayForEach(m, bg__json_get(bb, "metrics")) { /* gated in the baseline, gone now */
        if ((is_accuracy(m->string) || is_gated_custom(bb, m)) &&
            bg__json_get(bg__json_get(bc, "metrics"), m->string) == NULL)
            compare_metric(c, bb, bc, m->string, label);
    }
    int under_valgrind = strcmp(bg__json_text(bc, "measure"), "instructions") == 0 ||
                         strcmp(bg__json_text(bb, "measure"), "instructions") == 0;
    if (!under_valgrind) /* memory under valgrind is valgrind's, not the benchmark's */
        compare_metric(c, bb, bc, "peak_rss_mb", label);
}

static void add_unmatched(bg_compare *c, const cJSON *from, const bench_index *other,
                          bg_verdict v) {
    const cJSON *b;
    char key[1032];
    cJSON_ArrayForEach(b, from) {
        match_key(c, b, key, sizeof key);
        if (find_bench(other, key) != NULL)
            continue;
        if (v == BG_VERDICT_NEW && add_failed(c, b, bg__json_text(b, "name")))
            continue;
        bg_comparison *r = bg__compare_add_row(c, bg__json_text(b, "name"), "-");
        if (r) {
            r->verdict = v; /* nothing to compare: no figure (null in verdict.json) */
            r->baseline = r->current = r->change = r->change_lo = r->change_hi = NAN;
            r->noise_pct = r->threshold = NAN;
            snprintf(r->note, sizeof r->note, "%s",
                     v == BG_VERDICT_NEW ? "not in the baseline: refresh it with benchgate baseline"
                                         : "in the baseline only (renamed or removed?)");
        }
    }
}

/* A run stopped before its end (complete: false) was not measured whole: a row that is not
 * compared, whatever its benchmarks say (a gate never passes on part of a run). */
static void add_incomplete(bg_compare *c, const cJSON *doc, const char *why) {
    if (!cJSON_IsFalse(bg__json_get(doc, "complete")))
        return;
    bg_comparison *r = bg__compare_add_row(c, "(run)", "-");
    if (r == NULL)
        return;
    r->verdict = BG_VERDICT_NOT_COMPARED;
    r->baseline = r->current = r->change = r->change_lo = r->change_hi = NAN;
    r->noise_pct = r->threshold = NAN;
    snprintf(r->note, sizeof r->note, "%s", why);
}

/* The points of one canary kind of a document: how fast the machine was during its run. */
static size_t canary_points(const cJSON *doc, const char *kind, double *out) {
    size_t n = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, bg__json_get(bg__json_get(bg__json_get(doc, "run"), "canary"), kind)) {
        if (cJSON_IsNumber(p) && p->valuedouble > 0 && n < 16)
            out[n++] = p->valuedouble;
    }
    return n;
}

/* The median of v[0..n) (sorted in place). */
static double median_of(double *v, size_t n) {
    bg__sort_doubles(v, n);
    return bg__median_sorted(v, n);
}

/* The log points of one canary kind, their median, and each point's distance from it. */
static size_t canary_logs(const cJSON *doc, const char *kind, double *logs, double *median,
                          double *dev) {
    double sorted[16];
    size_t n = canary_points(doc, kind, logs);
    for (size_t i = 0; i < n; i++)
        sorted[i] = logs[i] = log(logs[i]);
    if (n == 0)
        return 0;
    *median = median_of(sorted, n);
    for (size_t i = 0; i < n; i++)
        dev[i] = fabs(logs[i] - *median);
    return n;
}

/* The second largest distance of the points of both runs from the baseline's median point:
 * one disturbed point is an accident, two are the machine changing during a run. */
static double second_largest_distance(const double *lb, size_t nb, const double *lc, size_t nc,
                                      double mb) {
    double first = 0, second = 0;
    for (size_t i = 0; i < nb + nc; i++) {
        double d = fabs((i < nb ? lb[i] : lc[i - nb]) - mb);
        if (d > first)
            second = first, first = d;
        else if (d > second)
            second = d;
    }
    return second;
}

/* How much the machine's own speed moved, beyond the canaries' own scatter (sd: 1.4826 MAD of
 * the points about their run's median, robust to one disturbed point). For each kind, the
 * larger of: the shift of the median point between the runs, less three standard errors of
 * that shift (a machine slower or faster all along); and the second largest distance of any
 * point from the baseline's median, less three sd (a machine that changed during a run, for a
 * while). The largest over the kinds; 0 when none moved. */
static double canary_drift(const cJSON *base, const cJSON *cur) {
    static const char *const kinds[] = {"compute_ns", "vector_ns", "memory_ns"};
    double drift = 0;
    for (int k = 0; k < 3; k++) {
        double lb[16], lc[16], dev[32], mb = 0, mc = 0;
        size_t nb = canary_logs(base, kinds[k], lb, &mb, dev);
        size_t nc = nb ? canary_logs(cur, kinds[k], lc, &mc, dev + nb) : 0;
        if (nb == 0 || nc == 0)
            continue;
        double sd = 1.4826 * median_of(dev, nb + nc);
        /* a median's standard error is about 1.25 sd / sqrt(n) */
        double se = 1.25 * sd * sqrt(1.0 / (double)nb + 1.0 / (double)nc);
        double shift = fabs(mc - mb) - 3 * se;
        double spell = second_largest_distance(lb, nb, lc, nc, mb) - 3 * sd;
        double excess = shift > spell ? shift : spell;
        drift = excess > drift ? excess : drift;
    }
    return drift;
}

static void compare_docs(bg_compare *c, const cJSON *base, const cJSON *cur) {
    double ss = 0, dof = 0;
    c->speed_count = 0;
    pool_noise(c, base, &ss, &dof);
    pool_noise(c, cur, &ss, &dof);
    c->pooled_sd = dof > 0 ? sqrt(ss / dof) : -1;
    c->pooled_dof = dof;
    pool_runs(c, base);
    c->drift = canary_drift(base, cur);
    c->few_reps = bg__foreign_few_reps(base, cur);
    const cJSON *lb = bg__json_get(base, "benchmarks"), *lc = bg__json_get(cur, "benchmarks"), *b;
    bench_index ib = {NULL, 0}, ic = {NULL, 0};
    if (index_benches(c, lb, &ib) != 0 || index_benches(c, lc, &ic) != 0)
        bg__set_error(&c->err, BG_ENOMEM, "out of memory indexing the benchmarks");
    char key[1032];
    cJSON_ArrayForEach(b, lc) {
        match_key(c, b, key, sizeof key);
        const cJSON *bb = find_bench(&ib, key);
        if (bb)
            compare_bench(c, bb, b, bg__json_text(b, "name"));
    }
    bg__compare_complexity(c, &c->opt, base, cur); /* complexity_gate.c */
    add_unmatched(c, lc, &ib, BG_VERDICT_NEW);
    add_unmatched(c, lb, &ic, BG_VERDICT_GONE);
    add_incomplete(c, base,
                   "the baseline is an incomplete run (complete: false): capture it "
                   "again");
    add_incomplete(c, cur,
                   "the current run is incomplete (complete: false): benchgate resume "
                   "it, then compare");
    index_free(&ib);
    index_free(&ic);
}

void bg__compare_documents(bg_compare *c, const cJSON *base, const cJSON *cur) {
    BG__ASSERT(c != NULL);
    compare_docs(c, base, cur);
}

/* The measure of a document's benchmarks ("" when none says). */
static const char *doc_measure(const cJSON *doc) {
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        if (bg__json_text(b, "measure")[0])
            return bg__json_text(b, "measure");
    }
    return "";
}

/* Two results are comparable when they were measured the same way on the same class. */
static bg_err check_comparable(bg_compare *c, const cJSON *base, const cJSON *cur, const char *bp,
                               const char *cp) {
    const char *mb = doc_measure(base), *mc = doc_measure(cur);
    BG_RETURN_IF(mb[0] && mc[0] && strcmp(mb, mc) != 0, &c->err, BG_EINPUT,
                 "%s measures %s, %s measures %s: a %s run cannot be compared with a %s "
                 "baseline",
                 bp, mb, cp, mc, mc, mb);
    const char *kb = bg__json_text(bg__json_get(base, "system"), "machine_class");
    const char *kc = bg__json_text(bg__json_get(cur, "system"), "machine_class");
    BG_RETURN_IF(!c->opt.allow_class_mismatch && kb[0] && kc[0] && strcmp(kb, kc) != 0, &c->err,
                 BG_EINPUT,
                 "%s is of machine class '%s', %s of '%s': their figures are not comparable "
                 "(--allow-class-mismatch compares them anyway)",
                 bp, kb, cp, kc);
    return BG_OK;
}

bg_err bg_compare_files(bg_compare *c, const char *baseline_path, const char *current_path) {
    const char *const paths[2] = {baseline_path, current_path};
    cJSON *doc[2] = {NULL, NULL};
    if (bg__load_result_pair(paths, doc, &c->err) != BG_OK)
        return c->err.code;
    bg_err rc = check_comparable(c, doc[0], doc[1], baseline_path, current_path);
    if (rc == BG_OK)
        compare_docs(c, doc[0], doc[1]);
    bg__json_delete_pair(doc[0], doc[1]);
    return rc;
}

size_t bg_compare_count(const bg_compare *c) {
    return c->count;
}

const bg_comparison *bg_compare_row(const bg_compare *c, size_t i) {
    return i < c->count ? &c->rows[i] : NULL;
}

size_t bg_compare_tally(const bg_compare *c, bg_verdict v) {
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++)
        n += c->rows[i].verdict == v;
    return n;
}

bg_outcome bg_compare_outcome(const bg_compare *c) {
    bg_outcome worst = BG_OUTCOME_PASS;
    size_t skipped = 0;
    for (size_t i = 0; i < c->count; i++) {
        if (c->rows[i].verdict == BG_VERDICT_SKIPPED)
            skipped++;
        else
            worst = bg_outcome_worst(worst, bg_verdict_outcome(c->rows[i].verdict));
    }
    if (c->count == 0)
        return BG_OUTCOME_NOT_GATED; /* two empty results: nothing was compared */
    return skipped == c->count ? BG_OUTCOME_SKIPPED : worst;
}

int bg_compare_exit_code(const bg_compare *c, int fail_on_inconclusive) {
    return bg_outcome_exit_code(bg_compare_outcome(c), fail_on_inconclusive, 0);
}

const char *bg_verdict_name(bg_verdict v) {
    return bg__verdict_text((int)v);
}

const char *bg_compare_error(const bg_compare *c) {
    return c->err.msg;
}

void bg_compare_free(bg_compare *c) {
    if (c == NULL)
        return;
    free(c->rows);
    free(c);
}
