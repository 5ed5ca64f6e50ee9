/* test_stats.c - unit tests of src/common/stats.c.
 *
 * Expected values were computed independently at authoring time with CPython 3
 * (no NumPy available): means/stddevs with the `statistics` module (mean, stdev,
 * median), percentiles with a hand-written type-7 quantile
 *   h = (n-1)*q; lo = floor(h); x[lo] + (h-lo)*(x[lo+1]-x[lo])
 * cross-checked against statistics.quantiles(..., method='inclusive'), and
 * splitmix64 outputs with a Python transcription using 64-bit masking.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/common.h"

/* cmocka < 1.1.6 lacks assert_double_equal; provide the same semantics. */
#ifndef assert_double_equal
static void check_double_equal(double actual, double expected, double eps, const char *file,
                               int line) {
    if (!(fabs(actual - expected) <= eps)) {
        print_error("%.17g != %.17g (eps %.3g)\n", actual, expected, eps);
        _fail(file, line);
    }
}
#define assert_double_equal(a, b, eps) check_double_equal((a), (b), (eps), __FILE__, __LINE__)
#endif

/* Tight tolerance: 1e-9 relative to the expected value (absolute below 1). */
#define assert_close(actual, expected)                                                             \
    assert_double_equal((actual), (expected), 1e-9 * fmax(1.0, fabs(expected)))

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Uniform double in [lo, hi) from the library's generator (test data only). */
static double uniform(uint64_t *state, double lo, double hi) {
    double unit = (double)(bg__rand64(state) >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * unit;
}

static void fill_uniform(double *values, size_t n, uint64_t seed) {
    uint64_t state = seed;
    for (size_t i = 0; i < n; i++)
        values[i] = uniform(&state, 100.0, 110.0);
}

static void test_single_value(void **unused) {
    (void)unused;
    const double values[] = {42.5};
    bg__summary s;
    assert_int_equal(bg__summarize(values, 1, 7, &s), 0);
    assert_int_equal(s.n, 1);
    assert_close(s.min, 42.5);
    assert_close(s.max, 42.5);
    assert_close(s.mean, 42.5);
    assert_close(s.median, 42.5);
    assert_close(s.p50, 42.5);
    assert_close(s.p95, 42.5);
    assert_close(s.p99, 42.5);
    assert_close(s.stddev, 0.0);
    assert_close(s.cv, 0.0);
    assert_close(s.ci95_lo, 42.5);
    assert_close(s.ci95_hi, 42.5);
    assert_int_equal(s.outliers, 0);
}

/* Python: statistics.stdev([3, 7]) = 2.8284271247461903; type-7 p95 = 6.8, p99 = 6.96. */
static void test_two_values(void **unused) {
    (void)unused;
    const double values[] = {7.0, 3.0};
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 7, &s), 0);
    assert_int_equal(s.n, 2);
    assert_close(s.min, 3.0);
    assert_close(s.max, 7.0);
    assert_close(s.mean, 5.0);
    assert_close(s.median, 5.0);
    assert_close(s.stddev, 2.8284271247461903);
    assert_close(s.cv, 0.56568542494923801);
    assert_close(s.p95, 6.8);
    assert_close(s.p99, 6.96);
    assert_true(s.ci95_lo >= 3.0 && s.ci95_hi <= 7.0);
    assert_int_equal(s.outliers, 0);
}

/* Python: statistics.median([5,1,4,2,3]) = 3, stdev = 1.5811388300841898. */
static void test_median_odd_n(void **unused) {
    (void)unused;
    const double values[] = {5.0, 1.0, 4.0, 2.0, 3.0};
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 1, &s), 0);
    assert_close(s.median, 3.0);
    assert_close(s.p50, 3.0);
    assert_close(s.stddev, 1.5811388300841898);
    assert_close(s.p95, 4.8);
}

/* Python: statistics.median([4,1,3,2]) = 2.5; type-7 p95 = 3.85, p99 = 3.97. */
static void test_median_even_n(void **unused) {
    (void)unused;
    const double values[] = {4.0, 1.0, 3.0, 2.0};
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 1, &s), 0);
    assert_close(s.median, 2.5);
    assert_close(s.p50, 2.5);
    assert_close(s.p95, 3.85);
    assert_close(s.p99, 3.97);
}

/* Python: mean 5, statistics.stdev = 2.1380899352993952, cv = 0.42761798705987902,
 * median 4.5, type-7 p95 = 8.3, p99 = 8.86; fences [1.75, 7.75] -> one outlier (9). */
static void test_known_mean_stddev_cv(void **unused) {
    (void)unused;
    const double values[] = {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 3, &s), 0);
    assert_close(s.mean, 5.0);
    assert_close(s.stddev, 2.1380899352993952);
    assert_close(s.cv, 0.42761798705987902);
    assert_close(s.median, 4.5);
    assert_close(s.p95, 8.3);
    assert_close(s.p99, 8.86);
    assert_int_equal(s.outliers, 1);
}

/* Python: statistics.quantiles(range(1,101), n=20/100, method='inclusive') -> 95.05, 99.01;
 * stdev = 29.011491975882016. */
static void test_percentiles_1_to_100(void **unused) {
    (void)unused;
    double values[100];
    for (size_t i = 0; i < COUNT(values); i++)
        values[i] = (double)(100 - i); /* descending, to exercise the sort */
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 5, &s), 0);
    assert_close(s.mean, 50.5);
    assert_close(s.median, 50.5);
    assert_close(s.stddev, 29.011491975882016);
    assert_close(s.p95, 95.05);
    assert_close(s.p99, 99.01);
    assert_int_equal(s.outliers, 0);
}

/* Fibonacci-like skewed set. Python: mean 338.35, stdev 669.41036701987537,
 * median 27.5, type-7 p95 1646.35 (= statistics.quantiles inclusive), p99 2396.47,
 * Q1 2.75, Q3 269, fences [-396.625, 668.375] -> 3 outliers (987, 1597, 2584). */
static void test_percentiles_skewed(void **unused) {
    (void)unused;
    const double values[] = {1,  1,  1,  2,   2,   3,   5,   8,   13,   21,
                             34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584};
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 5, &s), 0);
    assert_close(s.mean, 338.35);
    assert_close(s.stddev, 669.41036701987537);
    assert_close(s.cv, 1.9784553480711551);
    assert_close(s.median, 27.5);
    assert_close(s.p95, 1646.35);
    assert_close(s.p99, 2396.47);
    assert_int_equal(s.outliers, 3);
}

/* 18 values near 10 plus planted 100 and -50. Python: Q1 9.875, Q3 10.125,
 * fences [9.5, 10.5] -> exactly 2 outliers; mean 11.5, stdev 24.768103426956635. */
static void test_tukey_planted_outliers(void **unused) {
    (void)unused;
    const double values[] = {10.0, 10.2, 9.8,  10.1, 9.9,  10.3, 9.7, 10.0, 10.4,  9.6,
                             10.1, 9.9,  10.2, 9.8,  10.0, 10.1, 9.9, 10.0, 100.0, -50.0};
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 9, &s), 0);
    assert_int_equal(s.outliers, 2);
    assert_close(s.median, 10.0);
    assert_close(s.mean, 11.5);
    assert_close(s.stddev, 24.768103426956635);
}

static void test_bootstrap_ci_contains_median(void **unused) {
    (void)unused;
    double values[200];
    fill_uniform(values, COUNT(values), 11);
    const size_t sizes[] = {2, 3, 5, 20, 200};
    for (size_t i = 0; i < COUNT(sizes); i++) {
        bg__summary s;
        assert_int_equal(bg__summarize(values, sizes[i], 1234, &s), 0);
        assert_true(s.ci95_lo <= s.median);
        assert_true(s.median <= s.ci95_hi);
        assert_true(s.min <= s.ci95_lo && s.ci95_hi <= s.max);
    }
}

static void test_bootstrap_reproducible_and_seeded(void **unused) {
    (void)unused;
    double values[100];
    fill_uniform(values, COUNT(values), 21);
    bg__summary a, b;
    assert_int_equal(bg__summarize(values, COUNT(values), 99, &a), 0);
    assert_int_equal(bg__summarize(values, COUNT(values), 99, &b), 0);
    assert_memory_equal(&a, &b, sizeof a);
    /* CI ends are order statistics of resample medians, so two seeds can tie by
     * chance (99 and 100 do); most other seeds must give a different CI. */
    int differing = 0;
    for (uint64_t seed = 1; seed <= 10; seed++) {
        bg__summary c;
        assert_int_equal(bg__summarize(values, COUNT(values), seed, &c), 0);
        assert_true(a.median == c.median); /* only the CI depends on the seed */
        differing += a.ci95_lo != c.ci95_lo || a.ci95_hi != c.ci95_hi;
    }
    assert_true(differing >= 5);
}

static void test_bootstrap_narrows_with_more_samples(void **unused) {
    (void)unused;
    static double values[1000];
    fill_uniform(values, COUNT(values), 31);
    bg__summary small, large;
    assert_int_equal(bg__summarize(values, 20, 5, &small), 0);
    assert_int_equal(bg__summarize(values, COUNT(values), 5, &large), 0);
    double small_width = small.ci95_hi - small.ci95_lo;
    double large_width = large.ci95_hi - large.ci95_lo;
    assert_true(large_width > 0.0);
    assert_true(large_width < small_width / 2.0);
}

static void test_error_returns(void **unused) {
    (void)unused;
    bg__summary s;
    memset(&s, 0x5a, sizeof s);
    bg__summary untouched = s;
    double values[] = {1.0, 2.0, 3.0};
    assert_int_equal(bg__summarize(values, 0, 1, &s), -1);
    values[1] = NAN;
    assert_int_equal(bg__summarize(values, COUNT(values), 1, &s), -1);
    values[1] = INFINITY;
    assert_int_equal(bg__summarize(values, COUNT(values), 1, &s), -1);
    values[1] = -INFINITY;
    assert_int_equal(bg__summarize(values, COUNT(values), 1, &s), -1);
    assert_memory_equal(&s, &untouched, sizeof s);
    const double single_nan[] = {NAN};
    assert_int_equal(bg__summarize(single_nan, 1, 1, &s), -1);
}

static void test_input_not_modified(void **unused) {
    (void)unused;
    const double original[] = {9.0, 3.0, 7.0, 1.0, 5.0, 8.0, 2.0, 6.0, 4.0};
    double values[COUNT(original)];
    memcpy(values, original, sizeof values);
    bg__summary s;
    assert_int_equal(bg__summarize(values, COUNT(values), 3, &s), 0);
    assert_memory_equal(values, original, sizeof values);
    assert_true(isfinite(bg__median_rel_noise(values, COUNT(values))));
    assert_memory_equal(values, original, sizeof values);
}

static void test_rel_noise_infinite_cases(void **unused) {
    (void)unused;
    const double values[] = {1.0, 2.0, 3.0, 4.0, 5.0};
    for (size_t n = 0; n < 5; n++)
        assert_true(isinf(bg__median_rel_noise(values, n)));
    assert_true(isfinite(bg__median_rel_noise(values, 5)));
    const double zero_median[] = {-2.0, -1.0, 0.0, 1.0, 2.0};
    double noise = bg__median_rel_noise(zero_median, COUNT(zero_median));
    assert_true(isinf(noise) && noise > 0.0);
}

static void test_rel_noise_decreases_with_n(void **unused) {
    (void)unused;
    static double values[10000];
    fill_uniform(values, COUNT(values), 41);
    const size_t sizes[] = {10, 100, 1000, 10000};
    double previous = INFINITY;
    for (size_t i = 0; i < COUNT(sizes); i++) {
        double noise = bg__median_rel_noise(values, sizes[i]);
        assert_true(isfinite(noise) && noise > 0.0);
        assert_true(noise < previous);
        previous = noise;
    }
}

/* Python, n = 12: median 10.75, j = floor(6 - 0.98*sqrt(12)) = 2,
 * k = ceil(6 + 0.98*sqrt(12)) = 10, sorted[2] = 9.5, sorted[10] = 12.5,
 * (12.5 - 9.5) / (2 * 10.75) = 0.13953488372093023.
 * n = 7 (both ends clamped): j = 0, k = 7 -> 6, (14 - 9) / 22 = 0.22727272727272727. */
static void test_rel_noise_hand_computed(void **unused) {
    (void)unused;
    const double twelve[] = {10.5, 9.0, 12.0, 11.0, 10.0, 13.5, 9.5, 11.5, 10.25, 12.5, 8.5, 11.25};
    assert_close(bg__median_rel_noise(twelve, COUNT(twelve)), 0.13953488372093023);
    const double seven[] = {10.0, 12.0, 11.0, 13.0, 9.0, 14.0, 10.5};
    assert_close(bg__median_rel_noise(seven, COUNT(seven)), 0.22727272727272727);
    const double negative[] = {-10.0, -12.0, -11.0, -13.0, -9.0, -14.0, -10.5};
    assert_close(bg__median_rel_noise(negative, COUNT(negative)), 0.22727272727272727);
}

/* Python transcription of splitmix64: seed 0 -> E220A8397B1DCDAF, 6E789E6AA1B965F4,
 * 06C45D188009454F; seed 42 -> BDD732262FEB6E95. */
static void test_rand64_known_sequence(void **unused) {
    (void)unused;
    uint64_t state = 0;
    assert_true(bg__rand64(&state) == UINT64_C(0xE220A8397B1DCDAF));
    assert_true(bg__rand64(&state) == UINT64_C(0x6E789E6AA1B965F4));
    assert_true(bg__rand64(&state) == UINT64_C(0x06C45D188009454F));
    state = 42;
    assert_true(bg__rand64(&state) == UINT64_C(0xBDD732262FEB6E95));
}

static void test_rand_below_range_and_coverage(void **unused) {
    (void)unused;
    uint64_t state = 12345;
    int hits[7] = {0};
    for (int i = 0; i < 7000; i++) {
        uint64_t v = bg__rand_below(&state, 7);
        assert_true(v < 7);
        hits[v]++;
    }
    for (size_t v = 0; v < COUNT(hits); v++)
        assert_true(hits[v] > 800 && hits[v] < 1200); /* expected 1000 each */
    const uint64_t big_bound = (UINT64_C(1) << 63) + 12345;
    for (int i = 0; i < 1000; i++) {
        assert_true(bg__rand_below(&state, 1) == 0);
        assert_true(bg__rand_below(&state, big_bound) < big_bound);
    }
}

static void test_median_sorted_odd_even_empty(void **unused) {
    (void)unused;
    const double odd[] = {-3.0, 1.0, 2.0, 8.0, 20.0}, even[] = {1.0, 2.0, 8.0, 20.0};
    assert_close(bg__median_sorted(odd, COUNT(odd)), 2.0);
    assert_close(bg__median_sorted(even, COUNT(even)), 5.0);
    assert_close(bg__median_sorted(odd, 1), -3.0);
    assert_true(isnan(bg__median_sorted(odd, 0)));
}

static void test_quantile_sorted_endpoints(void **unused) {
    (void)unused;
    const double sorted[] = {-3.0, 1.0, 2.0, 8.0, 20.0};
    const size_t n = COUNT(sorted);
    assert_close(bg__quantile_sorted(sorted, n, 0.0), -3.0);
    assert_close(bg__quantile_sorted(sorted, n, 1.0), 20.0);
    assert_close(bg__quantile_sorted(sorted, n, 0.5), 2.0);
    /* type 7: h = 4 * 0.6 = 2.4 -> 2 + 0.4 * (8 - 2) = 4.4 */
    assert_close(bg__quantile_sorted(sorted, n, 0.6), 4.4);
    const double one[] = {6.5};
    assert_close(bg__quantile_sorted(one, 1, 0.0), 6.5);
    assert_close(bg__quantile_sorted(one, 1, 1.0), 6.5);
}

static void test_sort_doubles(void **unused) {
    (void)unused;
    double values[] = {3.5, -1.0, 2.0, 2.0, -7.25, 100.0, 0.0};
    const double expected[] = {-7.25, -1.0, 0.0, 2.0, 2.0, 3.5, 100.0};
    bg__sort_doubles(values, COUNT(values));
    assert_memory_equal(values, expected, sizeof values);
}

/* BG__ASSERT is on in the test builds (BENCHGATE_ASSERTS): a broken invariant aborts with
 * the file, line and condition on stderr (checked in a child, whose stderr goes to a pipe). */
static void test_assert_aborts_with_its_condition(void **state) {
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        bg__median_sorted(NULL, 3); /* NULL values with a count: a caller's bug */
        _exit(0);
    }
    close(fds[1]);
    char text[512] = {0};
    ssize_t n = read(fds[0], text, sizeof text - 1);
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    assert_true(n > 0);
    assert_non_null(strstr(text, "benchgate: internal error: "));
    assert_non_null(strstr(text, "stats.c:"));
    assert_non_null(strstr(text, "assertion 'sorted != NULL || n == 0' failed"));
}

/* The bootstrap CI as it was first written: each resample drawn (bg__rand_below), sorted, its
 * median taken; the medians sorted, their 2.5 and 97.5 percentiles. */
static void reference_ci(const double *sorted, size_t n, uint64_t seed, double *lo, double *hi) {
    double *scratch = malloc(n * sizeof *scratch);
    double *medians = malloc(BG__BOOTSTRAP_RESAMPLES * sizeof *medians);
    assert_non_null(scratch);
    assert_non_null(medians);
    uint64_t state = seed;
    for (size_t r = 0; r < BG__BOOTSTRAP_RESAMPLES; r++) {
        for (size_t i = 0; i < n; i++)
            scratch[i] = sorted[bg__rand_below(&state, (uint64_t)n)];
        bg__sort_doubles(scratch, n);
        medians[r] = bg__quantile_sorted(scratch, n, 0.5);
    }
    bg__sort_doubles(medians, BG__BOOTSTRAP_RESAMPLES);
    *lo = bg__quantile_sorted(medians, BG__BOOTSTRAP_RESAMPLES, 0.025);
    *hi = bg__quantile_sorted(medians, BG__BOOTSTRAP_RESAMPLES, 0.975);
    free(scratch);
    free(medians);
}

/* The bootstrap reads each resample's median off counts of the drawn indices and selects the
 * percentiles instead of sorting (a sweep of 10,000 instances bootstraps 20,000 times): the
 * figures are exactly those of sorting, ties and even sizes included. */
static void test_bootstrap_equals_sorting(void **state) {
    (void)state;
    uint64_t gen = 11;
    double v[300];
    for (int t = 0; t < 40; t++) {
        size_t n = 2 + (size_t)(bg__rand64(&gen) % 299);
        for (size_t i = 0; i < n; i++) /* few distinct values: many ties */
            v[i] = (double)(bg__rand64(&gen) % (t % 2 ? 7 : 1000)) * 0.5;
        bg__summary s;
        assert_int_equal(bg__summarize(v, n, (uint64_t)t * 31 + 5, &s), 0);
        bg__sort_doubles(v, n);
        double lo, hi;
        reference_ci(v, n, (uint64_t)t * 31 + 5, &lo, &hi);
        assert_true(s.ci95_lo == lo);
        assert_true(s.ci95_hi == hi);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assert_aborts_with_its_condition),
        cmocka_unit_test(test_single_value),
        cmocka_unit_test(test_two_values),
        cmocka_unit_test(test_median_odd_n),
        cmocka_unit_test(test_median_even_n),
        cmocka_unit_test(test_known_mean_stddev_cv),
        cmocka_unit_test(test_percentiles_1_to_100),
        cmocka_unit_test(test_percentiles_skewed),
        cmocka_unit_test(test_tukey_planted_outliers),
        cmocka_unit_test(test_bootstrap_ci_contains_median),
        cmocka_unit_test(test_bootstrap_reproducible_and_seeded),
        cmocka_unit_test(test_bootstrap_narrows_with_more_samples),
        cmocka_unit_test(test_bootstrap_equals_sorting),
        cmocka_unit_test(test_error_returns),
        cmocka_unit_test(test_input_not_modified),
        cmocka_unit_test(test_rel_noise_infinite_cases),
        cmocka_unit_test(test_rel_noise_decreases_with_n),
        cmocka_unit_test(test_rel_noise_hand_computed),
        cmocka_unit_test(test_rand64_known_sequence),
        cmocka_unit_test(test_rand_below_range_and_coverage),
        cmocka_unit_test(test_median_sorted_odd_even_empty),
        cmocka_unit_test(test_quantile_sorted_endpoints),
        cmocka_unit_test(test_sort_doubles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
