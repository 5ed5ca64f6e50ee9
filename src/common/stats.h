/* stats.h - descriptive statistics of a sample set (internal). */
#ifndef BENCHGATE_STATS_H
#define BENCHGATE_STATS_H

#include <stddef.h>
#include <stdint.h>

/** Summary of n values. All fields are finite when n >= 1 (stddev/cv are 0 for n == 1). */
typedef struct bg__summary {
    size_t n;      /**< number of values */
    double min;    /**< smallest value */
    double max;    /**< largest value */
    double mean;   /**< arithmetic mean */
    double median; /**< middle value (mean of the two middle ones for even n) */
    double stddev; /**< sample standard deviation (n - 1 denominator) */
    double cv;     /**< stddev / mean (0 when mean == 0) */
    double p50;    /**< percentiles by linear interpolation between order statistics */
    double p95;    /**< (the "type 7" rule of R and NumPy's default) */
    double p99;
    double ci95_lo; /**< seeded percentile-bootstrap 95% CI of the median */
    double ci95_hi;
    size_t outliers; /**< values outside Tukey's fences [Q1 - 1.5 IQR, Q3 + 1.5 IQR] */
} bg__summary;

/** Number of bootstrap resamples used by bg__summarize. */
#define BG__BOOTSTRAP_RESAMPLES 2000
/** Beyond this many points the median's CI is the order-statistic interval (bounded cost). */
#define BG__BOOTSTRAP_MAX_N 2000

/**
 * Computes the summary of values[0..n) (not modified). The bootstrap uses a
 * private generator seeded with `seed`, so the CI is reproducible.
 * @return 0 on success, -1 when n == 0, a value is not finite, or memory runs out
 */
int bg__summarize(const double *values, size_t n, uint64_t seed, bg__summary *out);

/**
 * The spread of values[0..n): n, the moments (cv) and the Tukey outliers of bg__summarize,
 * without the confidence interval (no bootstrap; one sort).
 * @return 0, or -1 as bg__summarize
 */
int bg__spread(const double *values, size_t n, bg__summary *out);

/** @return the q-quantile (0 <= q <= 1) of sorted[0..n) by linear interpolation (type 7). */
double bg__quantile_sorted(const double *sorted, size_t n, double q);

/**
 * Relative half-width of the distribution-free 95% confidence interval of the
 * median (order statistics at n/2 -+ 0.98 sqrt(n)), divided by the median.
 * Cheap enough to evaluate after every sample; used as the stopping rule.
 * @return the relative noise (e.g. 0.01 for 1%), or +inf when n < 5 or the median is 0
 */
double bg__median_rel_noise(const double *values, size_t n);

/** Sorts values[0..n) ascending in place. */
void bg__sort_doubles(double *values, size_t n);

/** @return the median of sorted[0..n): the middle value, or the mean of the two middle ones;
 * NaN when n == 0. */
double bg__median_sorted(const double *sorted, size_t n);

/** splitmix64: a small seeded generator; advances *state, returns the next value. */
uint64_t bg__rand64(uint64_t *state);

/** @return a uniform integer in [0, bound) from *state (bound > 0). */
uint64_t bg__rand_below(uint64_t *state, uint64_t bound);

#endif /* BENCHGATE_STATS_H */
