/* ab.c - A/B comparison: pairs of runs of a base and a head build, measured back to back in a
 * random order, judged on the mean log ratio head/base (benchgate ab, docs/gates.md). The
 * machine's drift hits both sides of a pair alike, so the pairs' spread is the noise left. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/compare.h"
#include "common/common.h"
#include "config/config.h"
#include "results/results.h"
#include "gate/gate.h"

#define AB_MIN_PAIRS 3

/** One pair's figures of one benchmark: [0] base, [1] head. */
typedef struct ab_point {
    double value[2]; /**< the speed metric's median */
    double wall[2];  /**< time_ns median (for the CPU-wait guard) */
    double cpu[2];   /**< cpu_time_ns median */
    unsigned char have[2];
    signed char first; /**< the side that ran first, 2 both at once (a duet), -1 unknown */
} ab_point;

typedef struct ab_row {
    char name[1032];
    char metric[64];
    char unit[32];
    int cpu_device;
    char problem[200]; /**< the first failure of a side: "head failed in pair 3: ..." */
    int failed[2];     /**< runs of each side in which the benchmark failed (status error) */
    int skipped[2];    /**< runs of each side that skipped it */
    int measured[2];   /**< runs of each side that measured it */
    ab_point *pts;
    size_t cap;
} ab_row;

struct bg_ab {
    double threshold_pct, alpha;
    int threshold_given; /**< 0: counts get the instruction default, 0.5% */
    int together;        /**< 1: the sides being added ran at the same time */
    ab_row *rows;
    size_t count, cap, pairs;
    bg__error err;
};

size_t bg_ab_look_pairs(int k) {
    double n = 4;
    for (int i = 1; i < k; i++)
        n = ceil(n * 1.5);
    return k < 1 ? 0 : (size_t)n;
}

bg_ab *bg_ab_create(const bg_compare_options *opt) {
    bg_ab *ab = calloc(1, sizeof *ab);
    if (ab == NULL)
        return NULL;
    ab->threshold_given = opt && opt->threshold_pct > 0;
    ab->threshold_pct = ab->threshold_given ? opt->threshold_pct : 2;
    ab->alpha = opt && opt->alpha > 0 && opt->alpha < 1 ? opt->alpha : 0.01;
    return ab;
}

static double median_of(const cJSON *metrics, const char *name) {
    const cJSON *m = bg__json_get(metrics, name), *v = bg__json_get(m, "median");
    return strcmp(bg__json_text(m, "status"), "ok") == 0 && cJSON_IsNumber(v) ? v->valuedouble
                                                                              : NAN;
}

static ab_row *row_named(bg_ab *ab, const char *name) {
    for (size_t i = 0; i < ab->count; i++)
        if (strcmp(ab->rows[i].name, name) == 0)
            return &ab->rows[i];
    if (bg__grow((void **)&ab->rows, &ab->cap, ab->count + 1, sizeof *ab->rows, 16) != 0)
        return NULL;
    ab_row *r = &ab->rows[ab->count++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    return r;
}

static ab_point *point_of(ab_row *r, size_t pair) {
    if (pair >= r->cap) {
        size_t cap = pair + 16;
        ab_point *grown = realloc(r->pts, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        memset(grown + r->cap, 0, (cap - r->cap) * sizeof *grown);
        for (size_t i = r->cap; i < cap; i++)
            grown[i].first = -1;
        r->pts = grown, r->cap = cap;
    }
    return &r->pts[pair];
}

/* One benchmark of a side's result: its speed metric's figures, or why there are none. */
static bg_err add_bench(bg_ab *ab, size_t pair, int head, const cJSON *b) {
    ab_row *r = row_named(ab, bg__json_text(b, "name"));
    ab_point *pt = r ? point_of(r, pair) : NULL;
    BG_RETURN_IF(pt == NULL, &ab->err, BG_ENOMEM, "out of memory");
    const char *measure = bg__json_text(b, "measure");
    const char *metric = strcmp(measure, "instructions") == 0 ? "instructions"
                         : strcmp(measure, "cpu") == 0        ? "cpu_time_ns"
                                                              : "time_ns";
    const cJSON *metrics = bg__json_get(b, "metrics"), *m = bg__json_get(metrics, metric);
    snprintf(r->metric, sizeof r->metric, "%s", metric);
    snprintf(r->unit, sizeof r->unit, "%s", bg__json_text(m, "unit"));
    r->cpu_device = strcmp(bg__json_text(b, "device"), "cpu") == 0;
    const char *status = bg__json_text(m, "status");
    if (strcmp(bg__json_text(b, "status"), "error") == 0) { /* wrong result, crash: no figure */
        if (r->failed[head]++ == 0 && (r->problem[0] == '\0' || head))
            snprintf(r->problem, sizeof r->problem, "%s: error in pair %zu: %.150s",
                     head ? "head" : "base", pair + 1, bg__json_text(b, "error_message"));
        return BG_OK;
    }
    if (strcmp(status, "skipped") == 0) {
        r->skipped[head]++;
        return BG_OK;
    }
    if (strcmp(status, "ok") != 0) {
        if (r->problem[0] == '\0')
            snprintf(r->problem, sizeof r->problem, "%s: %s in pair %zu: %.120s",
                     head ? "head" : "base", status[0] ? status : "missing", pair + 1,
                     bg__json_text(m, "message"));
        return BG_OK;
    }
    r->measured[head]++;
    pt->value[head] = median_of(metrics, metric);
    pt->wall[head] = median_of(metrics, "time_ns");
    pt->cpu[head] = median_of(metrics, "cpu_time_ns");
    pt->have[head] = pt->value[head] > 0;
    if (ab->together)
        pt->first = 2;
    else if (pt->first < 0)
        pt->first = (signed char)head;
    return BG_OK;
}

bg_err bg_ab_add(bg_ab *ab, size_t pair, int head, const char *result_path) {
    cJSON *doc = NULL;
    ab->err.code = BG_OK, ab->err.msg[0] = '\0';
    if (bg__load_result(result_path, &doc, &ab->err) != BG_OK)
        return ab->err.code;
    bg_err rc = BG_OK;
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        if (rc == BG_OK)
            rc = add_bench(ab, pair, head != 0, b);
    }
    cJSON_Delete(doc);
    if (pair + 1 > ab->pairs)
        ab->pairs = pair + 1;
    return rc;
}

bg_err bg_ab_add_duet(bg_ab *ab, size_t pair, const char *base_result, const char *head_result) {
    ab->together = 1;
    bg_err rc = bg_ab_add(ab, pair, 0, base_result);
    if (rc == BG_OK)
        rc = bg_ab_add(ab, pair, 1, head_result);
    ab->together = 0;
    return rc;
}

/* Mean and standard error of v[0..n). */
static void mean_se(const double *v, size_t n, double *mean, double *se) {
    double sum = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    *mean = sum / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (v[i] - *mean) * (v[i] - *mean);
    *se = n > 1 ? sqrt(ss / (double)(n - 1) / (double)n) : INFINITY;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Yuen's 20% trimmed mean of v[0..n), its standard error (from the winsorized variance) and
 * degrees of freedom: a pair disturbed by a burst of load on one side moves it little, where it
 * would widen a plain mean's interval for everyone. @return 0, or -1 when out of memory */
static int trimmed_mean_se(const double *v, size_t n, double *mean, double *se, double *dof) {
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (s == NULL)
        return -1;
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, by_value);
    size_t g = (size_t)(0.2 * (double)n), h = n - 2 * g;
    double sum = 0, wsum = 0, ss = 0;
    for (size_t i = g; i < n - g; i++)
        sum += s[i];
    for (size_t i = 0; i < n; i++)
        wsum += s[i < g ? g : i >= n - g ? n - g - 1 : i];
    for (size_t i = 0; i < n; i++) {
        double w = s[i < g ? g : i >= n - g ? n - g - 1 : i] - wsum / (double)n;
        ss += w * w;
    }
    free(s);
    *mean = sum / (double)h;
    *se = n > 1 ? sqrt(ss / (double)(n - 1)) / ((double)h / (double)n * sqrt((double)n)) : INFINITY;
    *dof = h > 1 ? (double)h - 1 : 1;
    return 0;
}

/** The pairs of a row with both sides measured, as logs. */
typedef struct ab_logs {
    double *ratio, *wait, *base, *head;
    size_t n;
} ab_logs;

static int collect(const ab_row *r, size_t pairs, ab_logs *g) {
    size_t cap = pairs ? pairs : 1;
    g->ratio = malloc(4 * cap * sizeof *g->ratio);
    if (g->ratio == NULL)
        return -1;
    g->wait = g->ratio + cap, g->base = g->wait + cap, g->head = g->base + cap;
    g->n = 0;
    for (size_t i = 0; i < pairs && i < r->cap; i++) {
        const ab_point *p = &r->pts[i];
        if (!(p->have[0] && p->have[1]))
            continue;
        g->base[g->n] = log(p->value[0]);
        g->head[g->n] = log(p->value[1]);
        g->ratio[g->n] = g->head[g->n] - g->base[g->n];
        double wb = p->wall[0] / p->cpu[0], wh = p->wall[1] / p->cpu[1];
        g->wait[g->n] = wb > 0 && wh > 0 && isfinite(wb) && isfinite(wh) ? log(wh / wb) : 0;
        g->n++;
    }
    return 0;
}

/* Waiting for a CPU lengthens wall time only: a systematic difference of wall/CPU time between
 * the sides, beyond its own noise and 0.5%, widens a CPU benchmark's wall-time interval. */
static double cpu_wait(const ab_row *r, const ab_logs *g, double t) {
    if (strcmp(r->metric, "time_ns") != 0 || !r->cpu_device)
        return 0;
    double mean, se;
    mean_se(g->wait, g->n, &mean, &se);
    double lost = fabs(mean) - t * se - 0.005;
    return lost > 0 && isfinite(lost) ? lost : 0;
}

/* The threshold of a row (percent): the flag's, else 2% for time and 0.5% for counts. */
static double threshold_of(const bg_ab *ab, const ab_row *r) {
    int counts = strcmp(r->metric, "instructions") == 0;
    return counts && !ab->threshold_given ? BG__DEFAULT_THRESHOLD_INSTRUCTIONS : ab->threshold_pct;
}

static void judge_row(const bg_ab *ab, const ab_row *r, const ab_logs *g, int m, int final,
                      bg_comparison *c, int *decided) {
    double pct = threshold_of(ab, r), thr = log1p(pct / 100), d, se, dof, lb, lh, unused;
    if (trimmed_mean_se(g->ratio, g->n, &d, &se, &dof) != 0)
        d = 0, se = INFINITY, dof = 1;
    mean_se(g->base, g->n, &lb, &unused);
    mean_se(g->head, g->n, &lh, &unused);
    double t = bg__t_quantile(1 - ab->alpha / (2.0 * m * BG_AB_LOOKS), dof);
    double wait = cpu_wait(r, g, t), hw = t * se + wait;
    bg__judgement j = {BG_VERDICT_INCONCLUSIVE, 0, 0, 0, 0, ""};
    bg__decide(&j, d, hw, thr);
    c->baseline = exp(lb), c->current = exp(lh);
    c->change = 100 * (exp(d) - 1);
    c->change_lo = 100 * (exp(d - hw) - 1), c->change_hi = 100 * (exp(d + hw) - 1);
    c->noise_pct = 100 * se;
    c->verdict = j.verdict;
    *decided = j.verdict == BG_VERDICT_REGRESSION || j.verdict == BG_VERDICT_IMPROVEMENT ||
               (d + hw < thr && d - hw > -thr);
    if (!final && !*decided)
        c->verdict = BG_VERDICT_INCONCLUSIVE;
    int n = (int)g->n;
    if (c->verdict == BG_VERDICT_INCONCLUSIVE)
        snprintf(c->note, sizeof c->note,
                 "noise too large after %d pairs: the %.0f%% CI is +-%.1f%%, the threshold %.1f%%",
                 n, 100 * (1 - ab->alpha), 100 * (exp(hw) - 1), pct);
    else
        snprintf(c->note, sizeof c->note, "%d pairs%s", n,
                 wait > 0 ? "; the sides waited for a CPU differently" : "");
}

/* Benchmarks with figures to judge: the Bonferroni count. */
static int unusable(const ab_row *r) {
    return r->problem[0] || r->skipped[0] || r->skipped[1];
}

static int judged_rows(const bg_ab *ab) {
    int m = 0;
    for (size_t i = 0; i < ab->count; i++)
        m += !unusable(&ab->rows[i]);
    return m > 0 ? m : 1;
}

/* A benchmark without pairs to judge: failed or skipped (more pairs do not help), or too few. */
static void unjudged(const ab_row *r, size_t n, bg_comparison *c) {
    c->verdict = r->failed[1] ? BG_VERDICT_ERROR : BG_VERDICT_NOT_COMPARED;
    if (r->problem[0]) {
        snprintf(c->note, sizeof c->note, "%s", r->problem);
    } else if (r->measured[0] == 0 && r->measured[1] == 0 && n == 0) {
        c->verdict = BG_VERDICT_SKIPPED;
        snprintf(c->note, sizeof c->note, "skipped on both sides");
    } else if (r->skipped[0] || r->skipped[1]) {
        snprintf(c->note, sizeof c->note, "skipped by the %s build only",
                 r->skipped[0] ? "base" : "head");
    } else {
        snprintf(c->note, sizeof c->note, "%zu pair(s) measured: at least %d are needed", n,
                 AB_MIN_PAIRS);
    }
}

long bg_ab_judge(const bg_ab *ab, int final, bg_compare **out) {
    bg_compare_options opt = {ab->threshold_pct, NULL, 0, ab->alpha, 0, 0};
    bg_compare *cmp = bg_compare_create(&opt);
    long undecided = 0;
    int m = judged_rows(ab);
    for (size_t i = 0; cmp && i < ab->count; i++) {
        const ab_row *r = &ab->rows[i];
        bg_comparison *c = bg__compare_add_row(cmp, r->name, r->metric[0] ? r->metric : "-");
        ab_logs g;
        if (c == NULL || collect(r, ab->pairs, &g) != 0) {
            bg_compare_free(cmp);
            return -1;
        }
        snprintf(c->unit, sizeof c->unit, "%s", r->unit);
        c->threshold = threshold_of(ab, r);
        int decided = 1;
        if (unusable(r) || g.n < AB_MIN_PAIRS) {
            unjudged(r, g.n, c);
            decided = unusable(r); /* more pairs do not help those */
        } else {
            judge_row(ab, r, &g, m, final, c, &decided);
        }
        undecided += !decided;
        free(g.ratio);
    }
    *out = cmp;
    return cmp ? undecided : -1;
}

static cJSON *row_json(const ab_row *r, size_t pairs) {
    cJSON *o = cJSON_CreateObject(), *list = cJSON_CreateArray();
    cJSON_AddStringToObject(o, "benchmark", r->name);
    cJSON_AddStringToObject(o, "metric", r->metric);
    cJSON_AddStringToObject(o, "unit", r->unit);
    cJSON_AddItemToObject(o, "pairs", list);
    for (size_t i = 0; i < pairs && i < r->cap; i++) {
        const ab_point *p = &r->pts[i];
        cJSON *e = cJSON_CreateObject();
        bg__json_number(e, "base", p->have[0] ? p->value[0] : NAN);
        bg__json_number(e, "head", p->have[1] ? p->value[1] : NAN);
        bg__json_number(e, "base_time_ns", p->wall[0]);
        bg__json_number(e, "head_time_ns", p->wall[1]);
        bg__json_number(e, "base_cpu_time_ns", p->cpu[0]);
        bg__json_number(e, "head_cpu_time_ns", p->cpu[1]);
        static const char *const first[] = {"base", "head", "both"};
        cJSON_AddStringToObject(e, "first", p->first < 0 ? "" : first[p->first]);
        cJSON_AddItemToArray(list, e);
    }
    if (r->problem[0])
        cJSON_AddStringToObject(o, "problem", r->problem);
    return o;
}

static bg_err write_text(bg_ab *ab, const char *dir, const char *name, const char *text,
                         size_t len) {
    char path[BG__PATH_MAX + 32];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    BG_RETURN_IF(n < 0 || (size_t)n >= sizeof path, &ab->err, BG_EIO, "%s: path too long", dir);
    return bg__write_atomic(path, text, len, &ab->err);
}

static bg_err write_printed(bg_ab *ab, const bg_compare *cmp, const char *dir, const char *name,
                            const char *format) {
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    BG_RETURN_IF(mem == NULL, &ab->err, BG_ENOMEM, "out of memory");
    bg_compare_print(cmp, mem, format);
    fclose(mem);
    bg_err rc = write_text(ab, dir, name, text, len);
    free(text);
    return rc;
}

bg_err bg_ab_write(const bg_ab *cab, const bg_compare *cmp, const char *dir) {
    bg_ab *ab = (bg_ab *)cab; /* only its error slot changes */
    cJSON *root = cJSON_CreateObject(), *rows = cJSON_CreateArray();
    cJSON_AddStringToObject(root, "schema", "benchgate.ab/1");
    cJSON_AddNumberToObject(root, "threshold_pct", ab->threshold_pct);
    cJSON_AddNumberToObject(root, "alpha", ab->alpha);
    cJSON_AddNumberToObject(root, "pairs", (double)ab->pairs);
    cJSON_AddItemToObject(root, "benchmarks", rows);
    for (size_t i = 0; i < ab->count; i++)
        cJSON_AddItemToArray(rows, row_json(&ab->rows[i], ab->pairs));
    char *text = bg__json_print(root, 1);
    cJSON_Delete(root);
    BG_RETURN_IF(text == NULL, &ab->err, BG_ENOMEM, "out of memory");
    bg_err rc = write_text(ab, dir, "ab.json", text, strlen(text));
    free(text);
    if (rc == BG_OK)
        rc = write_printed(ab, cmp, dir, "verdict.json", "json");
    if (rc == BG_OK)
        rc = write_printed(ab, cmp, dir, "verdict.md", "md");
    return rc;
}

const char *bg_ab_error(const bg_ab *ab) {
    return ab ? ab->err.msg : "";
}

void bg_ab_free(bg_ab *ab) {
    if (ab == NULL)
        return;
    for (size_t i = 0; i < ab->count; i++)
        free(ab->rows[i].pts);
    free(ab->rows);
    free(ab);
}
