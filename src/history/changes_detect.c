/* changes_detect.c - persistent step changes in one series: E-divisive means with a
 * permutation test (Matteson & James 2014, as Apache Otava computes its Q statistic over
 * every split tau and end kappa), a penalised piecewise-constant fit with a weighted L1 cost
 * solved exactly by dynamic programming (asv's step detection, the weights from each point's
 * CI), and exact series (instruction counts), where any persistent step is a change. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"

bg__cparams bg__changes_defaults(bg__cmethod method) {
    bg__cparams p = {method, 0.01, 199, 4.0, 3, 20240917u};
    return p;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bg__changes_median(const double *y, size_t from, size_t to) {
    size_t n = to > from ? to - from : 0;
    if (n == 0)
        return NAN;
    double *c = malloc(n * sizeof *c);
    if (c == NULL)
        return NAN;
    memcpy(c, y + from, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_double);
    double m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    free(c);
    return m;
}

/* The noise of y: the 68.3% quantile of |y[i] - y[i-1]| over sqrt(2), robust to steps. */
static double changes_noise(const double *y, size_t n) {
    if (n < 3)
        return 0;
    double *d = malloc((n - 1) * sizeof *d);
    if (d == NULL)
        return 0;
    for (size_t i = 1; i < n; i++)
        d[i - 1] = fabs(y[i] - y[i - 1]);
    qsort(d, n - 1, sizeof *d, cmp_double);
    /* |N(0, 2 s^2)| has its 68.3% quantile at s * sqrt(2) */
    double q = d[(size_t)floor(0.683 * (double)(n - 2))];
    free(d);
    return q / sqrt(2.0);
}

/* ---- significance of a split: Mann-Whitney U, normal approximation, two-sided ---------- */

typedef struct ranked {
    double v;
    int side;
} ranked;

static int cmp_ranked(const void *a, const void *b) {
    return cmp_double(&((const ranked *)a)->v, &((const ranked *)b)->v);
}

static double mann_whitney_p(const double *y, size_t from, size_t at, size_t to) {
    size_t n = to - from, n1 = at - from, n2 = to - at;
    ranked *r = malloc(n * sizeof *r);
    if (r == NULL || n1 == 0 || n2 == 0) {
        free(r);
        return 1.0;
    }
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){y[from + i], from + i >= at};
    qsort(r, n, sizeof *r, cmp_ranked);
    double sum1 = 0, ties = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && r[j].v == r[i].v)
            j++;
        double rank = (double)(i + j + 1) / 2, t = (double)(j - i);
        ties += t * t * t - t;
        for (size_t k = i; k < j; k++)
            sum1 += r[k].side == 0 ? rank : 0;
        i = j;
    }
    free(r);
    double u = sum1 - (double)n1 * (double)(n1 + 1) / 2, mu = (double)n1 * (double)n2 / 2;
    double var = (double)n1 * (double)n2 / 12 * ((double)(n + 1) - ties / ((double)n * (n - 1)));
    if (var <= 0)
        return 1.0;
    double z = (fabs(u - mu) - 0.5) / sqrt(var);
    return z <= 0 ? 1.0 : erfc(z / sqrt(2.0));
}

/* ---- exact series ------------------------------------------------------------------------ */

/* Levels of equal values. A level of one commit (a value that comes back at once) is not
 * persistent: it belongs to no change; the last level counts once it has two commits. */
static int detect_exact(const double *y, size_t n, bg__cfound *out, size_t cap) {
    int found = 0, have = 0;
    double level = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && y[j] == y[i])
            j++;
        if (!have || (j - i >= 2 && y[i] != level)) {
            if (have && (size_t)found < cap)
                out[found++] = (bg__cfound){i, 0.0};
            level = y[i], have = 1;
        }
        i = j;
    }
    return found;
}

/* ---- the penalised L1 fit ---------------------------------------------------------------- */

/* A Fenwick tree over the values' ranks: their weights and weighted values. */
typedef struct fenwick {
    double *w, *wy;
    size_t n;
} fenwick;

static void fw_add(fenwick *f, size_t at, double w, double wy) {
    for (size_t i = at + 1; i <= f->n; i += i & (~i + 1))
        f->w[i] += w, f->wy[i] += wy;
}

static void fw_prefix(const fenwick *f, size_t count, double *w, double *wy) {
    *w = *wy = 0;
    for (size_t i = count; i > 0; i -= i & (~i + 1))
        *w += f->w[i], *wy += f->wy[i];
}

/* The smallest count of ranks whose weight reaches half the total: the weighted median is the
 * value of rank count - 1. */
static size_t fw_half(const fenwick *f, double half) {
    size_t pos = 0, step = 1;
    while (step * 2 <= f->n)
        step *= 2;
    for (; step > 0; step /= 2)
        if (pos + step <= f->n && f->w[pos + step] < half)
            pos += step, half -= f->w[pos];
    return pos + 1;
}

typedef struct l1fit {
    const double *y, *w;
    size_t n, *rank_of;
    double *sorted; /**< the values in rank order */
    fenwick f;
} l1fit;

/* The weighted L1 cost of the points inserted so far (total weight wt, weighted sum wyt). */
static double l1_cost(const l1fit *s, double wt, double wyt) {
    size_t k = fw_half(&s->f, wt / 2);
    double med = s->sorted[k - 1], wl, wyl;
    fw_prefix(&s->f, k, &wl, &wyl);
    return med * wl - wyl + (wyt - wyl) - med * (wt - wl);
}

static size_t *ranks(const double *y, size_t n, double *sorted) {
    size_t *rank = malloc(n * sizeof *rank);
    ranked *r = malloc(n * sizeof *r);
    if (rank == NULL || r == NULL) {
        free(r);
        free(rank);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){y[i], (int)i};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < n; i++)
        rank[r[i].side] = i, sorted[i] = r[i].v;
    free(r);
    return rank;
}

/* F[j] = min over i of F[i] + cost(i, j) + gamma, every level at least min_size long. */
static int l1_dp(l1fit *s, double gamma, size_t min_size, size_t *from) {
    double *best = malloc((s->n + 1) * sizeof *best);
    if (best == NULL)
        return -1;
    best[0] = 0;
    for (size_t j = 1; j <= s->n; j++) {
        best[j] = INFINITY, from[j] = 0;
        memset(s->f.w, 0, (s->n + 1) * sizeof *s->f.w);
        memset(s->f.wy, 0, (s->n + 1) * sizeof *s->f.wy);
        double wt = 0, wyt = 0;
        for (size_t i = j; i-- > 0;) {
            fw_add(&s->f, s->rank_of[i], s->w[i], s->w[i] * s->y[i]);
            wt += s->w[i], wyt += s->w[i] * s->y[i];
            if (j - i < min_size || (i > 0 && i < min_size) || !isfinite(best[i]))
                continue;
            double c = best[i] + l1_cost(s, wt, wyt) + gamma;
            if (c < best[j])
                best[j] = c, from[j] = i;
        }
    }
    free(best);
    return 0;
}

/* The weights: 1 / sqrt(noise^2 + the point's own standard error^2), over their median,
 * kept within [1/4, 4] so that no point's narrow CI outweighs the run-to-run noise. */
static void l1_weights(const double *half_ci, size_t n, double noise, double *w) {
    for (size_t i = 0; i < n; i++) {
        double se = isfinite(half_ci[i]) ? half_ci[i] / 1.96 : 0;
        w[i] = 1 / sqrt(noise * noise + se * se);
    }
    double mid = bg__changes_median(w, 0, n);
    for (size_t i = 0; i < n; i++)
        w[i] = fmin(4, fmax(0.25, w[i] / mid));
}

/* The costs of [a, t) for t in (a, b] (forward) or of [t, b) for t in [a, b) (backward), each
 * point inserted once into the Fenwick tree: O((b - a) log n). */
static void l1_sweep(l1fit *s, size_t a, size_t b, int forward, double *cost) {
    memset(s->f.w, 0, (s->n + 1) * sizeof *s->f.w);
    memset(s->f.wy, 0, (s->n + 1) * sizeof *s->f.wy);
    double wt = 0, wyt = 0;
    for (size_t k = 0; k < b - a; k++) {
        size_t i = forward ? a + k : b - 1 - k;
        fw_add(&s->f, s->rank_of[i], s->w[i], s->w[i] * s->y[i]);
        wt += s->w[i], wyt += s->w[i] * s->y[i];
        cost[forward ? i + 1 : i] = l1_cost(s, wt, wyt);
    }
}

/* Binary segmentation of [a, b) with the fit's cost and penalty: the best split while it saves
 * more than gamma, each level at least min_size long. cuts gets the splits (unordered). */
static void l1_binseg(l1fit *s, size_t a, size_t b, double gamma, size_t min_size, double *fwd,
                      double *bwd, size_t *cuts, size_t *k, size_t cap) {
    if (b - a < 2 * min_size || *k >= cap)
        return;
    l1_sweep(s, a, b, 1, fwd);
    l1_sweep(s, a, b, 0, bwd);
    size_t best = 0;
    double saved = gamma;
    for (size_t t = a + min_size; t + min_size <= b; t++)
        if (fwd[b] - (fwd[t] + bwd[t]) > saved)
            saved = fwd[b] - (fwd[t] + bwd[t]), best = t;
    if (best == 0)
        return;
    cuts[(*k)++] = best;
    l1_binseg(s, a, best, gamma, min_size, fwd, bwd, cuts, k, cap);
    l1_binseg(s, best, b, gamma, min_size, fwd, bwd, cuts, k, cap);
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The cuts of the fit, oldest first: optimal partitioning up to BG__STEPS_EXACT_MAX points
 * (O(n^2 log n)), binary segmentation above it (O(n log n) a level). */
static int l1_cuts(l1fit *s, double gamma, size_t min_size, size_t *cuts, size_t *k, size_t cap) {
    size_t n = s->n, *from = malloc((n + 1) * sizeof *from);
    double *work = malloc(2 * (n + 1) * sizeof *work);
    int bad = from == NULL || work == NULL;
    *k = 0;
    if (!bad && n > BG__STEPS_EXACT_MAX) {
        l1_binseg(s, 0, n, gamma, min_size, work, work + n + 1, cuts, k, cap);
        qsort(cuts, *k, sizeof *cuts, cmp_size);
    } else if (!bad && (bad = l1_dp(s, gamma, min_size, from)) == 0) {
        size_t back[4096], m = 0;
        for (size_t j = n; j > 0 && m < 4096; j = from[j])
            if (from[j] > 0)
                back[m++] = from[j];
        for (size_t c = m; c-- > 0 && *k < cap;)
            cuts[(*k)++] = back[c];
    }
    free(from), free(work);
    return bad ? -1 : 0;
}

static int detect_steps(const double *y, const double *half_ci, size_t n, const bg__cparams *p,
                        bg__cfound *out, size_t cap) {
    double noise = changes_noise(y, n);
    if (!(noise > 0))
        noise = fmax(1e-9 * fabs(bg__changes_median(y, 0, n)), 1e-300);
    l1fit s = {y, NULL, n, NULL, malloc(n * sizeof(double)), {NULL, NULL, n}};
    double *w = malloc(n * sizeof *w);
    size_t *cuts = malloc((n / 2 + 2) * sizeof *cuts), k = 0;
    s.f.w = calloc(n + 1, sizeof(double)), s.f.wy = calloc(n + 1, sizeof(double));
    int found = -1;
    if (w && cuts && s.sorted && s.f.w && s.f.wy && (s.rank_of = ranks(y, n, s.sorted))) {
        l1_weights(half_ci, n, noise, w);
        s.w = w;
        if (l1_cuts(&s, p->beta * noise * log((double)n), (size_t)p->min_size, cuts, &k,
                    n / 2 + 1) == 0) {
            found = 0;
            for (size_t c = 0; c < k && (size_t)found < cap; c++) {
                size_t lo = c > 0 ? cuts[c - 1] : 0, hi = c + 1 < k ? cuts[c + 1] : n;
                out[found++] = (bg__cfound){cuts[c], mann_whitney_p(y, lo, cuts[c], hi)};
            }
        }
    }
    free(w), free(cuts), free(s.sorted), free(s.f.w), free(s.f.wy), free(s.rank_of);
    return found;
}

/* ---- E-divisive means ---------------------------------------------------------------------- */

typedef struct candidate {
    size_t at;
    double q;
} candidate;

/* The best split tau of z[0..n), with the end kappa free: Q(tau, kappa) =
 * 2/(m+k) sum|X-Y| - 2k/((m+k)(m-1)) sum_{i<j}|X_i-X_j| - 2m/((m+k)(k-1)) sum|Y_i-Y_j|, X the
 * m points before tau, Y the k points from tau to kappa (Otava's PairDistanceCalculator).
 * left[j] holds sum over X of |x - z[j]|, prior[j] the same over every point before j. */
static candidate best_split(const double *z, size_t n, size_t min_size, double *left,
                            double *prior) {
    candidate best = {0, -INFINITY};
    size_t lo = min_size < 2 ? 2 : min_size;
    if (n < 2 * lo)
        return best;
    for (size_t j = 0; j < n; j++) {
        double s = 0;
        for (size_t i = 0; i < j; i++)
            s += fabs(z[i] - z[j]);
        prior[j] = s, left[j] = 0;
    }
    double within_x = 0;
    for (size_t tau = 1; tau + lo <= n; tau++) {
        within_x += prior[tau - 1];
        for (size_t j = tau; j < n; j++)
            left[j] += fabs(z[tau - 1] - z[j]);
        if (tau < lo)
            continue;
        double m = (double)tau, cross = 0, within_y = 0;
        for (size_t j = tau; j < n; j++) {
            cross += left[j];
            within_y += prior[j] - left[j];
            double k = (double)(j + 1 - tau);
            if (j + 1 - tau < lo)
                continue;
            double q = 2 / (m + k) * cross - 2 * k / ((m + k) * (m - 1)) * within_x -
                       2 * m / ((m + k) * (k - 1)) * within_y;
            if (q > best.q)
                best = (candidate){tau, q};
        }
    }
    return best;
}

static uint64_t next_random(uint64_t *s) { /* xorshift64* */
    *s ^= *s >> 12, *s ^= *s << 25, *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

/* The permutation test of a split of z[0..n) with statistic q: the share of shuffles of the
 * same points whose best split is as strong. Stops once the p-value cannot reach alpha. */
static double permutation_p(const double *z, size_t n, double q, const bg__cparams *p,
                            uint64_t *rng, double *work) {
    double *shuffled = work, *left = work + n, *prior = work + 2 * n;
    int above = 0, runs = p->permutations > 0 ? p->permutations : 1;
    memcpy(shuffled, z, n * sizeof *z);
    for (int done = 0; done < runs; done++) {
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)(next_random(rng) % (i + 1));
            double t = shuffled[i];
            shuffled[i] = shuffled[j], shuffled[j] = t;
        }
        if (best_split(shuffled, n, (size_t)p->min_size, left, prior).q >= q)
            above++;
        if ((above + 1.0) / (runs + 1.0) > p->alpha) /* it can only grow: not significant */
            return (above + 1.0) / (done + 2.0);
    }
    return (above + 1.0) / (runs + 1.0);
}

typedef struct span {
    size_t from, to;
    candidate best;
} span;

static int detect_edivisive(const double *y, size_t n, const bg__cparams *p, bg__cfound *out,
                            size_t cap) {
    span *spans = malloc((cap + 1) * sizeof *spans);
    double *work = malloc(3 * n * sizeof *work);
    uint64_t rng = p->seed ? p->seed : 1;
    if (spans == NULL || work == NULL) {
        free(spans);
        free(work);
        return -1;
    }
    size_t count = 1;
    int found = 0;
    spans[0] = (span){0, n, best_split(y, n, (size_t)p->min_size, work + n, work + 2 * n)};
    while ((size_t)found < cap) {
        size_t pick = count;
        for (size_t s = 0; s < count; s++)
            if (isfinite(spans[s].best.q) &&
                (pick == count || spans[s].best.q > spans[pick].best.q))
                pick = s;
        if (pick == count)
            break;
        span cut = spans[pick];
        double pv = permutation_p(y + cut.from, cut.to - cut.from, cut.best.q, p, &rng, work);
        if (pv > p->alpha)
            break;
        size_t at = cut.from + cut.best.at;
        out[found++] = (bg__cfound){at, pv};
        spans[pick] = (span){
            cut.from, at,
            best_split(y + cut.from, at - cut.from, (size_t)p->min_size, work + n, work + 2 * n)};
        spans[count++] =
            (span){at, cut.to,
                   best_split(y + at, cut.to - at, (size_t)p->min_size, work + n, work + 2 * n)};
    }
    free(spans);
    free(work);
    /* in series order */
    for (int i = 1; i < found; i++)
        for (int j = i; j > 0 && out[j - 1].at > out[j].at; j--) {
            bg__cfound t = out[j];
            out[j] = out[j - 1], out[j - 1] = t;
        }
    return found;
}

int bg__changes_detect(const double *y, const double *half_ci, size_t n, int exact,
                       const bg__cparams *p, bg__cfound *out, size_t cap) {
    if (n < 2 || cap == 0)
        return 0;
    if (exact)
        return detect_exact(y, n, out, cap);
    if (p->method == BG__CM_EDIVISIVE)
        return detect_edivisive(y, n, p, out, cap);
    return detect_steps(y, half_ci, n, p, out, cap);
}
