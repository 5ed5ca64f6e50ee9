/* verdict.c - the verdict on every kind of metric: the three-way rule on noisy speed (regression,
 * pass/improvement, or inconclusive, with the statistics it needs), the rule on deterministic
 * values (accuracy, memory, custom metrics), and each kind's default threshold. compare.c reads
 * the figures out of the files and calls these. */
#include <math.h>
#include <stdio.h>

#include "config/config.h"
#include "gate/gate.h"

/* Acklam's rational approximation, refined by one Halley step (|error| < 1e-15). */
double bg__z_quantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    double x, q, r;
    if (p < 0.02425 || p > 1 - 0.02425) {
        q = sqrt(-2 * log(p < 0.5 ? p : 1 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        x = p < 0.5 ? x : -x;
    } else {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double e = 0.5 * erfc(-x / sqrt(2)) - p;
    double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

/* Continued fraction of the regularized incomplete beta function (modified Lentz). */
static double beta_cf(double a, double b, double x) {
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = 1 / (fabs(d) < tiny ? tiny : d);
    double h = d;
    for (int m = 1; m <= 500; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        for (int half = 0; half < 2; half++) {
            d = 1 + aa * d;
            d = 1 / (fabs(d) < tiny ? tiny : d);
            c = 1 + aa / (fabs(c) < tiny ? tiny : c);
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        }
        if (fabs(d * c - 1) < 1e-15)
            break;
    }
    return h;
}

static double incomplete_beta(double a, double b, double x) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double lead = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return lead * beta_cf(a, b, x) / a;
    return 1 - lead * beta_cf(b, a, 1 - x) / b;
}

/* P(T <= t) for t >= 0. */
static double t_cdf(double t, double dof) {
    return 1 - 0.5 * incomplete_beta(dof / 2, 0.5, dof / (dof + t * t));
}

/* The quantile by bisection of the CDF (each step an incomplete beta function). */
static double t_quantile_search(double p, double dof) {
    double lo = 0, hi = 1;
    while (t_cdf(hi, dof) < p && hi < 1e12)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (t_cdf(mid, dof) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* A comparison asks for the same few (p, dof) for every row: 10,000 rows, one search each. */
#define T_CACHE 8
static _Thread_local struct { double p, dof, t; } t_cache[T_CACHE];
static _Thread_local unsigned t_cache_next;

double bg__t_quantile(double p, double dof) {
    if (dof > 1e5)
        return bg__z_quantile(p);
    for (unsigned i = 0; i < T_CACHE; i++)
        if (t_cache[i].dof == dof && t_cache[i].p == p && dof > 0)
            return t_cache[i].t;
    double t = t_quantile_search(p, dof);
    unsigned slot = t_cache_next++ % T_CACHE;
    t_cache[slot].p = p, t_cache[slot].dof = dof, t_cache[slot].t = t;
    return t;
}

double bg__log_sd(const double *v, size_t k) {
    if (k < 2)
        return -1;
    double mean = 0, ss = 0;
    for (size_t i = 0; i < k; i++) {
        if (!(v[i] > 0))
            return -1;
        mean += log(v[i]);
    }
    mean /= (double)k;
    for (size_t i = 0; i < k; i++)
        ss += (log(v[i]) - mean) * (log(v[i]) - mean);
    return sqrt(ss / (double)(k - 1));
}

/* The between-run sd of one side: its own, or the machine's when that is larger. */
static double between_sd(const bg__side *s, const bg__judge_params *p) {
    double own = bg__log_sd(s->reps, s->k);
    return own > p->pooled_sd ? own : p->pooled_sd;
}

/* Relative standard error of a side's median; < 0 when between-run noise is unknown. */
static double side_se(const bg__side *s, const bg__judge_params *p) {
    double between = between_sd(s, p);
    if (between < 0)
        return p->need_reps ? -1 : s->se_within;
    double k = s->k > 0 ? (double)s->k : 1;
    double se = between / sqrt(k);
    return se > s->se_within ? se : s->se_within;
}

void bg__decide(bg__judgement *out, double d, double hw, double thr) {
    BG__ASSERT(out != NULL);
    double lo = d - hw, hi = d + hw;
    /* significant (the interval excludes 0) and a threshold-sized change is within it, with an
     * interval narrow enough to tell; or the whole interval is beyond the threshold */
    if (lo > 0 && (lo > thr || (hi > thr && hw <= thr)))
        out->verdict = BG_VERDICT_REGRESSION;
    else if (hi < 0 && (hi < -thr || (lo < -thr && hw <= thr)))
        out->verdict = BG_VERDICT_IMPROVEMENT;
    else if (hw <= thr || hi <= thr)
        out->verdict = BG_VERDICT_PASS;
    else
        out->verdict = BG_VERDICT_INCONCLUSIVE;
}

/* Run-to-run noise from a multi-run baseline: a new run differs from the baseline's mean of
 * k runs by sd * sqrt(1 + 1/k), whatever happened inside either run. */
static int judge_runs(const bg__side *base, const bg__side *cur, const bg__judge_params *p,
                      double d, bg__judgement *out) {
    if (!(p->need_reps && p->run_sd >= 0 && p->run_k >= 2))
        return 0;
    double k = (double)p->run_k;
    /* the current run's own repetitions: a load burst in part of it spreads them */
    double cur_sd = bg__log_sd(cur->reps, cur->k);
    double se_cur = cur_sd > 0 ? cur_sd / sqrt((double)cur->k) : 0;
    se_cur = se_cur > cur->se_within ? se_cur : cur->se_within;
    out->noise = sqrt(p->run_sd * p->run_sd * (1 + 1 / k) + base->se_within * base->se_within +
                      se_cur * se_cur + p->floor * p->floor);
    int m = p->comparisons > 0 ? p->comparisons : 1;
    double hw =
        bg__t_quantile(1 - p->alpha / (2.0 * m), p->run_dof < 1 ? 1 : p->run_dof) * out->noise +
        p->drift;
    out->lo = exp(d - hw) - 1;
    out->hi = exp(d + hw) - 1;
    bg__decide(out, d, hw, log1p(p->threshold));
    if (out->verdict == BG_VERDICT_INCONCLUSIVE)
        snprintf(out->note, sizeof out->note,
                 "noise too large: run-to-run +-%.1f%% (%.0f%% CI), threshold %.1f%%",
                 100 * (exp(hw) - 1), 100 * (1 - p->alpha), 100 * p->threshold);
    return 1;
}

void bg__judge(const bg__side *base, const bg__side *cur, const bg__judge_params *p,
               bg__judgement *out) {
    BG__ASSERT(base != NULL && cur != NULL && p != NULL && out != NULL);
    out->note[0] = '\0';
    out->change = out->lo = out->hi = out->noise = 0;
    out->verdict = BG_VERDICT_NOT_COMPARED;
    if (!(base->median > 0) || !(cur->median > 0)) {
        snprintf(out->note, sizeof out->note, "a median is not positive");
        return;
    }
    double d = log(cur->median / base->median) * (p->higher_is_better ? -1 : 1);
    double se_b = side_se(base, p), se_c = side_se(cur, p);
    out->change = exp(d) - 1;
    if (judge_runs(base, cur, p, d, out))
        return;
    if (se_b < 0 || se_c < 0) {
        out->lo = out->hi = out->change;
        out->verdict = BG_VERDICT_INCONCLUSIVE;
        snprintf(out->note, sizeof out->note,
                 "between-run noise unknown: need --repetitions >= 2 on both sides");
        return;
    }
    out->noise = sqrt(se_b * se_b + se_c * se_c + p->floor * p->floor);
    /* the noise estimate's degrees of freedom: the machine's pooled ones, else both sides' own */
    double own_dof = (base->k > 1 ? base->k - 1.0 : 0) + (cur->k > 1 ? cur->k - 1.0 : 0);
    double dof = !p->need_reps ? 1e6 : p->pooled_sd >= 0 ? p->pooled_dof : own_dof;
    int m = p->comparisons > 0 ? p->comparisons : 1;
    double hw = bg__t_quantile(1 - p->alpha / (2.0 * m), dof < 1 ? 1 : dof) * out->noise + p->drift;
    double thr = log1p(p->threshold);
    out->lo = exp(d - hw) - 1;
    out->hi = exp(d + hw) - 1;
    bg__decide(out, d, hw, thr);
    /* Time without a multi-run baseline: repetitions inside one process miss the noise between
     * processes and over time, so only a change beyond the threshold by more than the whole
     * interval is called a regression. */
    int single_run = p->need_reps && out->verdict == BG_VERDICT_REGRESSION && !(d - hw > thr);
    if (single_run) {
        out->verdict = BG_VERDICT_INCONCLUSIVE;
        snprintf(out->note, sizeof out->note,
                 "slower by %.1f%%, but the baseline holds one run: capture it from several runs "
                 "(benchgate baseline --run=A --run=B --run=C)",
                 100 * out->change);
    } else if (out->verdict == BG_VERDICT_INCONCLUSIVE) {
        snprintf(out->note, sizeof out->note,
                 "noise too large: the %.0f%% CI is +-%.1f%%, the threshold %.1f%%",
                 100 * (1 - p->alpha), 100 * (exp(hw) - 1), 100 * p->threshold);
    }
}

/* ---- deterministic values ------------------------------------------------------------------ */

/* The peak of a small process moves by a few hundred KiB with page and allocator noise: many
 * percent of a few MiB. A memory change must also be this large. */
#define MEMORY_FLOOR_MIB 2.0

void bg__judge_value(bg__metric_kind kind, double base, double cur, double threshold,
                     int higher_is_better, double points_scale, bg__value_verdict *out) {
    double worse;
    out->note[0] = '\0';
    if (kind == BG__METRIC_ACCURACY) {
        out->change = (cur - base) * points_scale;
        worse = -out->change;
    } else {
        out->change = fabs(base) > 0 ? 100 * (cur - base) / fabs(base) : cur == base ? 0 : NAN;
        worse = higher_is_better ? -out->change : out->change;
    }
    if (kind == BG__METRIC_MEMORY && isfinite(worse) && fabs(cur - base) < MEMORY_FLOOR_MIB) {
        out->verdict = BG_VERDICT_PASS;
        if (fabs(worse) > threshold)
            snprintf(out->note, sizeof out->note, "within %.0f MiB", MEMORY_FLOOR_MIB);
        return;
    }
    out->verdict = !isfinite(worse)     ? BG_VERDICT_NOT_COMPARED
                   : worse > threshold  ? BG_VERDICT_REGRESSION
                   : worse < -threshold ? BG_VERDICT_IMPROVEMENT
                                        : BG_VERDICT_PASS;
}

double bg__default_threshold(bg__metric_kind kind) {
    switch (kind) {
    case BG__METRIC_SPEED:
        return BG__DEFAULT_THRESHOLD_TIME;
    case BG__METRIC_COUNT:
        return BG__DEFAULT_THRESHOLD_INSTRUCTIONS;
    case BG__METRIC_ACCURACY:
        return BG__DEFAULT_THRESHOLD_ACCURACY;
    case BG__METRIC_MEMORY:
        return BG__DEFAULT_THRESHOLD_MEMORY;
    default:
        return BG__DEFAULT_THRESHOLD_METRIC;
    }
}
