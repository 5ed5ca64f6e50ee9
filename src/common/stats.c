/* stats.c - descriptive statistics of a sample set (internal). */
#include "common/common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Ascending order; NaNs (never accepted by the public entry points) sort last so
 * that the comparator stays a consistent total order whatever the input. */
static int compare_doubles(const void *lhs, const void *rhs) {
    double a = *(const double *)lhs;
    double b = *(const double *)rhs;
    if (a < b)
        return -1;
    if (a > b)
        return 1;
    return isnan(a) - isnan(b);
}

void bg__sort_doubles(double *values, size_t n) {
    if (values != NULL && n > 1)
        qsort(values, n, sizeof *values, compare_doubles);
}

double bg__median_sorted(const double *sorted, size_t n) {
    BG__ASSERT(sorted != NULL || n == 0);
    if (n == 0)
        return NAN;
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double bg__quantile_sorted(const double *sorted, size_t n, double q) {
    if (sorted == NULL || n == 0)
        return NAN;
    if (n == 1 || !(q > 0.0)) /* also maps a NaN q to the minimum */
        return sorted[0];
    if (q >= 1.0)
        return sorted[n - 1];
    double h = (double)(n - 1) * q;
    double lo_floor = floor(h);
    size_t lo = (size_t)lo_floor;
    if (lo >= n - 1)
        return sorted[n - 1];
    double frac = h - lo_floor;
    if (frac == 0.0)
        return sorted[lo];
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

uint64_t bg__rand64(uint64_t *state) {
    *state += 0x9E3779B97F4A7C15u;
    uint64_t z = *state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A draw below bound; threshold is 2^64 mod bound: rejecting draws below it leaves a multiple
 * of bound values. */
static uint64_t draw_below(uint64_t *state, uint64_t bound, uint64_t threshold) {
    for (;;) {
        uint64_t draw = bg__rand64(state);
        if (draw >= threshold)
            return draw % bound;
    }
}

uint64_t bg__rand_below(uint64_t *state, uint64_t bound) {
    if (bound <= 1)
        return 0; /* bound == 0 breaks the contract; answer 0 rather than loop */
    return draw_below(state, bound, ((uint64_t)0 - bound) % bound);
}

static int all_finite(const double *values, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(values[i]))
            return 0;
    }
    return 1;
}

/* @return a malloc'ed, ascending copy of values[0..n), or NULL when memory runs out. */
static double *sorted_copy(const double *values, size_t n) {
    if (n > SIZE_MAX / sizeof(double))
        return NULL;
    double *copy = malloc(n * sizeof *copy);
    if (copy == NULL)
        return NULL;
    memcpy(copy, values, n * sizeof *copy);
    bg__sort_doubles(copy, n);
    return copy;
}

/* Mean, sample standard deviation and coefficient of variation (corrected two-pass). */
static void fill_moments(const double *values, size_t n, bg__summary *out) {
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    double mean = sum / (double)n;
    double sum_dev = 0.0;
    double sum_sq_dev = 0.0;
    for (size_t i = 0; i < n; i++) {
        double dev = values[i] - mean;
        sum_dev += dev;
        sum_sq_dev += dev * dev;
    }
    double variance = 0.0;
    if (n > 1) {
        variance = (sum_sq_dev - sum_dev * sum_dev / (double)n) / (double)(n - 1);
        if (variance < 0.0)
            variance = 0.0;
    }
    out->mean = mean + sum_dev / (double)n;
    out->stddev = sqrt(variance);
    out->cv = out->mean == 0.0 ? 0.0 : out->stddev / out->mean;
}

static void fill_order_stats(const double *sorted, size_t n, bg__summary *out) {
    out->min = sorted[0];
    out->max = sorted[n - 1];
    out->median = bg__quantile_sorted(sorted, n, 0.5);
    out->p50 = out->median;
    out->p95 = bg__quantile_sorted(sorted, n, 0.95);
    out->p99 = bg__quantile_sorted(sorted, n, 0.99);
}

static size_t count_tukey_outliers(const double *sorted, size_t n) {
    double q1 = bg__quantile_sorted(sorted, n, 0.25);
    double q3 = bg__quantile_sorted(sorted, n, 0.75);
    double iqr = q3 - q1;
    double low_fence = q1 - 1.5 * iqr;
    double high_fence = q3 + 1.5 * iqr;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (sorted[i] < low_fence || sorted[i] > high_fence)
            count++;
    }
    return count;
}

/* The element of rank `rank` (0-based) of the resample whose index i was drawn counts[i] times:
 * sorted being ascending, the resample's order is that of its indices. @return its index. */
static size_t ranked(const uint32_t *counts, size_t rank) {
    size_t j = 0, below = 0;
    while (below + counts[j] <= rank)
        below += counts[j++];
    return j;
}

/* Median of one bootstrap resample of sorted[0..n): n indices drawn and counted, the median
 * read off the counts (no sort: the same figure as sorting the drawn values, in O(n)). */
static double resample_median(const double *sorted, size_t n, uint64_t *state, uint32_t *counts) {
    memset(counts, 0, n * sizeof *counts);
    uint64_t threshold = ((uint64_t)0 - n) % n; /* as bg__rand_below, once per resample */
    for (size_t i = 0; i < n; i++)
        counts[draw_below(state, n, threshold)]++;
    double h = (double)(n - 1) * 0.5, lo_floor = floor(h), frac = h - lo_floor;
    size_t lo = (size_t)lo_floor;
    double a = sorted[ranked(counts, lo)];
    if (frac == 0.0) /* bg__quantile_sorted's rule, exactly */
        return a;
    return a + frac * (sorted[ranked(counts, lo + 1)] - a);
}

static size_t clamp_index(double x, size_t n);

/* Moves the element of rank k of v[0..n) (finite values) to v[k], smaller or equal ones before
 * it and larger or equal after (quickselect, median-of-three pivot): O(n), not a sort. */
static void select_rank(double *v, size_t n, size_t k) {
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double a = v[lo], b = v[mid], c = v[hi];
        double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j], v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* bg__quantile_sorted(sort(v), n, q), exactly, found by selection (v is reordered). */
static double quantile_selected(double *v, size_t n, double q) {
    double h = (double)(n - 1) * q, lo_floor = floor(h), frac = h - lo_floor;
    size_t lo = (size_t)lo_floor;
    select_rank(v, n, lo);
    if (frac == 0.0 || lo >= n - 1)
        return v[lo];
    double next = v[lo + 1]; /* the smallest of those after rank lo: rank lo + 1 */
    for (size_t i = lo + 2; i < n; i++)
        next = v[i] < next ? v[i] : next;
    return v[lo] + frac * (next - v[lo]);
}

/* Percentile-bootstrap 95% CI of the median; beyond BG__BOOTSTRAP_MAX_N points the
 * distribution-free order-statistic interval (the two agree there, and it costs nothing once
 * sorted: the bootstrap's cost grows with n). @return 0, or -1 when memory runs out. */
static int bootstrap_median_ci(const double *sorted, size_t n, uint64_t seed, bg__summary *out) {
    if (n == 1) {
        out->ci95_lo = sorted[0];
        out->ci95_hi = sorted[0];
        return 0;
    }
    if (n > BG__BOOTSTRAP_MAX_N) {
        double half_n = (double)n / 2.0, spread = 0.98 * sqrt((double)n);
        out->ci95_lo = sorted[clamp_index(floor(half_n - spread), n)];
        out->ci95_hi = sorted[clamp_index(ceil(half_n + spread), n)];
        return 0;
    }
    uint32_t *scratch = malloc(n * sizeof *scratch);
    double *medians = malloc(BG__BOOTSTRAP_RESAMPLES * sizeof *medians);
    int rc = -1;
    if (scratch != NULL && medians != NULL) {
        uint64_t state = seed;
        for (size_t r = 0; r < BG__BOOTSTRAP_RESAMPLES; r++)
            medians[r] = resample_median(sorted, n, &state, scratch);
        out->ci95_lo = quantile_selected(medians, BG__BOOTSTRAP_RESAMPLES, 0.025);
        out->ci95_hi = quantile_selected(medians, BG__BOOTSTRAP_RESAMPLES, 0.975);
        rc = 0;
    }
    free(medians);
    free(scratch);
    return rc;
}

int bg__spread(const double *values, size_t n, bg__summary *out) {
    if (values == NULL || out == NULL || n == 0 || !all_finite(values, n))
        return -1;
    double *sorted = sorted_copy(values, n);
    if (sorted == NULL)
        return -1;
    memset(out, 0, sizeof *out);
    out->n = n;
    fill_moments(sorted, n, out);
    out->outliers = count_tukey_outliers(sorted, n);
    free(sorted);
    return 0;
}

int bg__summarize(const double *values, size_t n, uint64_t seed, bg__summary *out) {
    if (values == NULL || out == NULL || n == 0 || !all_finite(values, n))
        return -1;
    double *sorted = sorted_copy(values, n);
    if (sorted == NULL)
        return -1;
    bg__summary result;
    memset(&result, 0, sizeof result);
    result.n = n;
    fill_moments(sorted, n, &result);
    fill_order_stats(sorted, n, &result);
    result.outliers = count_tukey_outliers(sorted, n);
    int rc = bootstrap_median_ci(sorted, n, seed, &result);
    free(sorted);
    if (rc == 0)
        *out = result;
    return rc;
}

/* @return the 0-based order-statistic index x clamped to [0, n - 1]. */
static size_t clamp_index(double x, size_t n) {
    if (!(x > 0.0))
        return 0;
    if (x >= (double)(n - 1))
        return n - 1;
    return (size_t)x;
}

double bg__median_rel_noise(const double *values, size_t n) {
    if (values == NULL || n < 5 || !all_finite(values, n))
        return INFINITY;
    double *sorted = sorted_copy(values, n);
    if (sorted == NULL)
        return INFINITY; /* no estimate: report "not converged" */
    double median = bg__quantile_sorted(sorted, n, 0.5);
    double half_n = (double)n / 2.0;
    double spread = 0.98 * sqrt((double)n);
    size_t j = clamp_index(floor(half_n - spread), n);
    size_t k = clamp_index(ceil(half_n + spread), n);
    double noise = INFINITY;
    if (median != 0.0)
        noise = (sorted[k] - sorted[j]) / (2.0 * fabs(median));
    free(sorted);
    return noise;
}
