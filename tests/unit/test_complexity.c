/* test_complexity.c - the complexity fit (measure/complexity.c): synthetic O(N), O(N^2),
 * O(NlogN) data with noise are recovered by "auto" with their coefficient; the classes' names,
 * words and order; too few points. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "measure/measure.h"

#define POINTS 8

/* t = coef * g(n) * (1 + noise), the noise a fixed +-3% pattern. */
static void synthetic(double (*g)(double), double coef, double *n, double *t) {
    static const double noise[POINTS] = {0.03, -0.02, 0.01, -0.03, 0.02, -0.01, 0.03, -0.02};
    for (int i = 0; i < POINTS; i++) {
        n[i] = (double)(16 << i); /* 16 .. 2048 */
        t[i] = coef * g(n[i]) * (1.0 + noise[i]);
    }
}

static double linear(double n) {
    return n;
}
static double square(double n) {
    return n * n;
}
static double n_log_n(double n) {
    return n * log2(n);
}

static void recovers(double (*g)(double), double coef, int expect) {
    double n[POINTS], t[POINTS];
    synthetic(g, coef, n, t);
    bg__fit f;
    memset(&f, 0, sizeof f);
    assert_int_equal(bg__fit_best(n, t, POINTS, BG__BIG_O_AUTO, &f), 0);
    assert_string_equal(bg__big_o_name(f.big_o), bg__big_o_name(expect));
    assert_true(fabs(f.coefficient - coef) < 0.05 * coef);
    assert_true(f.rms_pct < 5.0);
    assert_int_equal((int)f.points, POINTS);
}

static void linear_data_fits_o_n(void **state) {
    (void)state;
    recovers(linear, 2.5, BG__BIG_O_N);
}

static void quadratic_data_fits_o_n2(void **state) {
    (void)state;
    recovers(square, 0.75, BG__BIG_O_N2);
}

static void n_log_n_data_fits_o_nlogn(void **state) {
    (void)state;
    recovers(n_log_n, 4.0, BG__BIG_O_NLOGN);
}

static void a_fixed_class_reports_its_worse_rms(void **state) {
    (void)state;
    double n[POINTS], t[POINTS];
    synthetic(square, 1.0, n, t);
    bg__fit as_n, as_n2;
    assert_int_equal(bg__fit_best(n, t, POINTS, BG__BIG_O_N, &as_n), 0);
    assert_int_equal(bg__fit_best(n, t, POINTS, BG__BIG_O_N2, &as_n2), 0);
    assert_int_equal(as_n.big_o, BG__BIG_O_N);
    assert_true(as_n.rms_pct > 10.0 * as_n2.rms_pct);
}

static void one_point_is_no_fit(void **state) {
    (void)state;
    double n[1] = {8}, t[1] = {3};
    bg__fit f;
    assert_int_equal(bg__fit_best(n, t, 1, BG__BIG_O_AUTO, &f), -1);
    assert_int_equal(bg__fit_curve(n, t, 1, BG__BIG_O_N, &f), -1);
}

static void words_names_and_order(void **state) {
    (void)state;
    assert_int_equal(bg__big_o_parse("auto"), BG__BIG_O_AUTO);
    assert_int_equal(bg__big_o_parse("n2"), BG__BIG_O_N2);
    assert_int_equal(bg__big_o_parse("nlogn"), BG__BIG_O_NLOGN);
    assert_int_equal(bg__big_o_parse("N^2"), -1);
    assert_string_equal(bg__big_o_name(BG__BIG_O_N3), "O(N^3)");
    assert_true(bg__big_o_rank("O(N)") < bg__big_o_rank("O(NlogN)"));
    assert_true(bg__big_o_rank("O(NlogN)") < bg__big_o_rank("O(N^2)"));
    assert_true(bg__big_o_rank("O(1)") < bg__big_o_rank("O(logN)"));
    assert_int_equal(bg__big_o_rank("O(2^N)"), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linear_data_fits_o_n),
        cmocka_unit_test(quadratic_data_fits_o_n2),
        cmocka_unit_test(n_log_n_data_fits_o_nlogn),
        cmocka_unit_test(a_fixed_class_reports_its_worse_rms),
        cmocka_unit_test(one_point_is_no_fit),
        cmocka_unit_test(words_names_and_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
