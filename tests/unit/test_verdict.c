/* test_verdict.c - the gate's verdict on synthetic samples: equal, shifted, noisy, tiny n. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "common/common.h"
#include "gate/gate.h"

static void assert_near(double got, double want, double tol) {
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.15g, want %.15g (tolerance %g)", got, want, tol);
}

static bg__side side(double *reps, size_t k) {
    double sorted[64];
    memcpy(sorted, reps, k * sizeof *reps);
    bg__sort_doubles(sorted, k);
    bg__side s = {bg__quantile_sorted(sorted, k, 0.5), 0.001, reps, k};
    return s;
}

static bg__judge_params time_params(double threshold) {
    bg__judge_params p = {threshold, 0, -1, 0, 1, 0.01, 1, 0};
    return p;
}

static bg__judgement judge(double *b, size_t kb, double *c, size_t kc, bg__judge_params p) {
    bg__side sb = side(b, kb), sc = side(c, kc);
    bg__judgement j;
    bg__judge(&sb, &sc, &p, &j);
    return j;
}

/* Reference values from statistical tables (R: qnorm, qt). */
static void quantiles_match_tables(void **state) {
    (void)state;
    assert_near(bg__z_quantile(0.975), 1.959963984540054, 1e-12);
    assert_near(bg__z_quantile(0.5), 0.0, 1e-12);
    assert_near(bg__z_quantile(0.001), -3.090232306167814, 1e-10);
    assert_near(bg__t_quantile(0.975, 1), 12.70620473617471, 1e-8);
    assert_near(bg__t_quantile(0.975, 2), 4.302652729911275, 1e-9);
    assert_near(bg__t_quantile(0.975, 10), 2.228138851986273, 1e-9);
    assert_near(bg__t_quantile(0.995, 4), 4.604094871415897, 1e-9);
    assert_near(bg__t_quantile(0.9995, 3), 12.92397863570588, 1e-7);
    assert_near(bg__t_quantile(0.975, 1e7), 1.959963984540054, 1e-9);
}

static void log_sd_of_known_sets(void **state) {
    (void)state;
    double same[] = {5, 5, 5}, two[] = {1, M_E}, bad[] = {1, 0};
    assert_near(bg__log_sd(same, 3), 0, 1e-15);
    assert_near(bg__log_sd(two, 2), sqrt(0.5), 1e-12);
    assert_true(bg__log_sd(two, 1) < 0);
    assert_true(bg__log_sd(bad, 2) < 0);
}

static void equal_runs_pass(void **state) {
    (void)state;
    double b[] = {100, 101, 99}, c[] = {100.5, 99.5, 100};
    bg__judgement j = judge(b, 3, c, 3, time_params(0.05));
    assert_int_equal(j.verdict, BG_VERDICT_PASS);
    assert_near(j.change, 0.0, 1e-12);
    assert_true(j.lo < 0 && j.hi > 0);
}

static void clear_slowdown_is_a_regression(void **state) {
    (void)state;
    double b[] = {100, 100.5, 99.5}, c[] = {110, 110.5, 109.5};
    bg__judgement j = judge(b, 3, c, 3, time_params(0.05));
    assert_int_equal(j.verdict, BG_VERDICT_REGRESSION);
    assert_near(j.change, 0.10, 1e-12);
    assert_true(j.lo > 0);
}

static void slowdown_below_threshold_passes(void **state) {
    (void)state;
    double b[] = {100, 100.1, 99.9}, c[] = {103, 103.1, 102.9};
    assert_int_equal(judge(b, 3, c, 3, time_params(0.05)).verdict, BG_VERDICT_PASS);
}

static void clear_speedup_is_an_improvement(void **state) {
    (void)state;
    double b[] = {100, 100.5, 99.5}, c[] = {90, 90.4, 89.6};
    assert_int_equal(judge(b, 3, c, 3, time_params(0.05)).verdict, BG_VERDICT_IMPROVEMENT);
}

static void noisy_runs_are_inconclusive(void **state) {
    (void)state;
    double b[] = {100, 130, 80}, c[] = {110, 140, 85};
    bg__judgement j = judge(b, 3, c, 3, time_params(0.05));
    assert_int_equal(j.verdict, BG_VERDICT_INCONCLUSIVE);
    assert_non_null(strstr(j.note, "noise too large"));
    assert_non_null(strstr(j.note, "threshold 5.0%"));
}

static void huge_change_is_a_regression_even_when_noisy(void **state) {
    (void)state;
    double b[] = {100, 130, 80}, c[] = {900, 1170, 720};
    assert_int_equal(judge(b, 3, c, 3, time_params(0.05)).verdict, BG_VERDICT_REGRESSION);
}

static void one_repetition_is_inconclusive_for_time(void **state) {
    (void)state;
    double b[] = {100}, c[] = {150};
    bg__judgement j = judge(b, 1, c, 1, time_params(0.05));
    assert_int_equal(j.verdict, BG_VERDICT_INCONCLUSIVE);
    assert_non_null(strstr(j.note, "--repetitions >= 2"));
}

static void pooled_noise_stands_in_for_one_repetition(void **state) {
    (void)state;
    double b[] = {100}, c[] = {120};
    bg__judge_params p = time_params(0.05);
    p.pooled_sd = 0.005;
    p.pooled_dof = 20;
    assert_int_equal(judge(b, 1, c, 1, p).verdict, BG_VERDICT_REGRESSION);
}

static void instruction_counts_need_no_repetitions(void **state) {
    (void)state;
    bg__judge_params p = {0.005, 0, -1, 0, 1, 0.01, 0, 0};
    double b[] = {1000000}, same[] = {1000000}, more[] = {1010000}, bit[] = {1003000};
    bg__side sb = {1e6, 0, b, 1};
    bg__judgement j;
    bg__side sc = {1e6, 0, same, 1};
    bg__judge(&sb, &sc, &p, &j);
    assert_int_equal(j.verdict, BG_VERDICT_PASS);
    sc = (bg__side){1.01e6, 0, more, 1};
    bg__judge(&sb, &sc, &p, &j);
    assert_int_equal(j.verdict, BG_VERDICT_REGRESSION);
    sc = (bg__side){1.003e6, 0, bit, 1};
    bg__judge(&sb, &sc, &p, &j);
    assert_int_equal(j.verdict, BG_VERDICT_PASS);
}

static void higher_is_better_flips_the_sign(void **state) {
    (void)state;
    double b[] = {100, 100.5, 99.5}, c[] = {90, 90.4, 89.6};
    bg__judge_params p = time_params(0.05);
    p.higher_is_better = 1;
    assert_int_equal(judge(b, 3, c, 3, p).verdict, BG_VERDICT_REGRESSION);
}

static void non_positive_median_is_not_compared(void **state) {
    (void)state;
    double b[] = {0, 0}, c[] = {1, 1};
    assert_int_equal(judge(b, 2, c, 2, time_params(0.05)).verdict, BG_VERDICT_NOT_COMPARED);
}

/* A normal deviate from the seeded generator (Box-Muller). */
static double gauss(uint64_t *rng) {
    double u1 = ((double)(bg__rand64(rng) >> 11) + 0.5) / 9007199254740992.0;
    double u2 = ((double)(bg__rand64(rng) >> 11) + 0.5) / 9007199254740992.0;
    return sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

/* Simulates compares of runs of 5 repetitions with lognormal between-run noise `sd`. */
static int count_verdicts(double shift, double sd, int trials, bg_verdict want) {
    uint64_t rng = 12345;
    int hits = 0;
    for (int t = 0; t < trials; t++) {
        double b[5], c[5];
        for (int i = 0; i < 5; i++) {
            b[i] = 100 * exp(sd * gauss(&rng));
            c[i] = 100 * (1 + shift) * exp(sd * gauss(&rng));
        }
        hits += judge(b, 5, c, 5, time_params(0.05)).verdict == want;
    }
    return hits;
}

/* Whole runs drift (load, clocks) by `drift` while repetitions inside a run agree to 0.2%: the
 * baseline holds 3 runs, 10 benchmarks pool their run-to-run spread (20 degrees of freedom). */
static int count_drift_verdicts(double shift, double drift, int trials, bg_verdict want) {
    uint64_t rng = 777;
    int hits = 0;
    for (int t = 0; t < trials; t++) {
        double runs[3], b[3], c[3], ss = 0;
        for (int bench = 0; bench < 10; bench++) { /* the pooled estimate, from 10 benchmarks */
            for (int k = 0; k < 3; k++)
                runs[k] = exp(drift * gauss(&rng));
            double sd = bg__log_sd(runs, 3);
            ss += sd * sd * 2;
        }
        /* the baseline is the (geometric) mean of its 3 runs, as the gate computes it */
        double base_level = exp(drift * (gauss(&rng) + gauss(&rng) + gauss(&rng)) / 3);
        double cur_level = exp(drift * gauss(&rng));
        for (int i = 0; i < 3; i++) {
            b[i] = 100 * base_level * exp(0.002 * gauss(&rng));
            c[i] = 100 * (1 + shift) * cur_level * exp(0.002 * gauss(&rng));
        }
        bg__judge_params p = time_params(0.05);
        p.run_sd = sqrt(ss / 20);
        p.run_dof = 20;
        p.run_k = 3;
        hits += judge(b, 3, c, 3, p).verdict == want;
    }
    return hits;
}

static void run_drift_is_not_a_regression(void **state) {
    (void)state;
    /* without the runs, in-process repetitions see 0.2% noise and a 10% drift looks real */
    assert_true(count_verdicts(0.0, 0.002, 100, BG_VERDICT_PASS) > 90);
    assert_true(count_drift_verdicts(0.0, 0.10, 2000, BG_VERDICT_REGRESSION) <= 20);
    assert_true(count_drift_verdicts(0.0, 0.01, 2000, BG_VERDICT_REGRESSION) <= 20);
    /* on a machine whose runs agree to 0.5%, a 10% slowdown is caught */
    assert_true(count_drift_verdicts(0.10, 0.005, 1000, BG_VERDICT_REGRESSION) >= 950);
}

/* The machine's own speed change (canaries) widens the interval by its size: a 6% slowdown
 * that a steady machine shows clearly is inconclusive when the machine itself moved 10%; a
 * change far beyond both is still a regression. */
static void machine_drift_widens_the_interval(void **state) {
    (void)state;
    double b[] = {100, 100.1, 99.9}, c[] = {106, 106.1, 105.9}, far[] = {140, 140.1, 139.9};
    bg__judge_params p = time_params(0.05);
    p.run_sd = 0.002, p.run_dof = 20, p.run_k = 5;
    assert_int_equal(judge(b, 3, c, 3, p).verdict, BG_VERDICT_REGRESSION);
    p.drift = log(1.10);
    bg__judgement j = judge(b, 3, c, 3, p);
    assert_int_equal(j.verdict, BG_VERDICT_INCONCLUSIVE);
    assert_true(j.lo < 0 && j.hi > 0.15); /* the 10% added on both sides */
    assert_int_equal(judge(b, 3, far, 3, p).verdict, BG_VERDICT_REGRESSION);
}

/* A load burst in part of the current run spreads its repetitions: that widens the interval
 * even when the baseline's runs agreed. */
static void current_repetition_spread_counts(void **state) {
    (void)state;
    double b[] = {100, 100.1, 99.9}, steady[] = {106, 106.1, 105.9}, burst[] = {100, 106, 125};
    bg__judge_params p = time_params(0.05);
    p.run_sd = 0.002, p.run_dof = 20, p.run_k = 5;
    assert_int_equal(judge(b, 3, steady, 3, p).verdict, BG_VERDICT_REGRESSION);
    assert_int_equal(judge(b, 3, burst, 3, p).verdict, BG_VERDICT_INCONCLUSIVE);
}

static void single_run_baseline_calls_moderate_changes_inconclusive(void **state) {
    (void)state;
    double b[] = {100, 100.2, 99.8}, c[] = {112, 112.2, 111.8};
    bg__judgement j = judge(b, 3, c, 3, time_params(0.05));
    /* 12% slower with tight repetitions: the interval clears 5% only by less than its width */
    assert_true(j.verdict == BG_VERDICT_REGRESSION || j.verdict == BG_VERDICT_INCONCLUSIVE);
    double slow[] = {200, 200.4, 199.6};
    assert_int_equal(judge(b, 3, slow, 3, time_params(0.05)).verdict, BG_VERDICT_REGRESSION);
}

static void aa_false_regressions_are_rare(void **state) {
    (void)state;
    /* quiet (0.5%), moderate (2%) and very noisy (20%) machines: at most 1% false alarms */
    assert_true(count_verdicts(0.0, 0.005, 2000, BG_VERDICT_REGRESSION) <= 20);
    assert_true(count_verdicts(0.0, 0.02, 2000, BG_VERDICT_REGRESSION) <= 20);
    assert_true(count_verdicts(0.0, 0.20, 2000, BG_VERDICT_REGRESSION) <= 20);
    /* and a very noisy machine says inconclusive, not pass, most of the time */
    assert_true(count_verdicts(0.0, 0.20, 2000, BG_VERDICT_INCONCLUSIVE) > 1000);
}

static void a_real_slowdown_is_caught_on_a_quiet_machine(void **state) {
    (void)state;
    assert_true(count_verdicts(0.10, 0.005, 1000, BG_VERDICT_REGRESSION) >= 950);
    /* a slowdown of exactly the threshold, 5%, on a machine whose runs agree to 0.5% */
    assert_true(count_drift_verdicts(0.05, 0.005, 1000, BG_VERDICT_REGRESSION) >= 950);
    /* 1.5% slower is significant but well inside the 5% threshold: not a regression */
    assert_true(count_drift_verdicts(0.015, 0.005, 1000, BG_VERDICT_REGRESSION) <= 50);
}

/* Deterministic values: accuracy in points (a ratio scaled by 100), memory beyond a 2 MiB
 * floor, custom metrics in their own direction, and no verdict without both values. */
static void values_are_judged_by_kind(void **state) {
    (void)state;
    bg__value_verdict v;
    bg__judge_value(BG__METRIC_ACCURACY, 0.95, 0.94, 0.5, 1, 100, &v);
    assert_near(v.change, -1.0, 1e-9);
    assert_int_equal(v.verdict, BG_VERDICT_REGRESSION);
    bg__judge_value(BG__METRIC_ACCURACY, 95, 94.8, 0.5, 1, 1, &v);
    assert_int_equal(v.verdict, BG_VERDICT_PASS);
    bg__judge_value(BG__METRIC_MEMORY, 4, 5.5, 10, 0, 1, &v); /* +37.5%, but 1.5 MiB */
    assert_int_equal(v.verdict, BG_VERDICT_PASS);
    assert_string_equal(v.note, "within 2 MiB");
    bg__judge_value(BG__METRIC_MEMORY, 40, 50, 10, 0, 1, &v);
    assert_near(v.change, 25, 1e-9);
    assert_int_equal(v.verdict, BG_VERDICT_REGRESSION);
    bg__judge_value(BG__METRIC_OTHER, 2.0, 1.9, 1, 1, 1, &v); /* higher is better: -5% */
    assert_int_equal(v.verdict, BG_VERDICT_REGRESSION);
    bg__judge_value(BG__METRIC_OTHER, 2.0, 1.9, 1, 0, 1, &v); /* lower is better */
    assert_int_equal(v.verdict, BG_VERDICT_IMPROVEMENT);
    bg__judge_value(BG__METRIC_OTHER, NAN, 1.9, 1, 0, 1, &v);
    assert_int_equal(v.verdict, BG_VERDICT_NOT_COMPARED);
    bg__judge_value(BG__METRIC_OTHER, 0, 1, 1, 0, 1, &v); /* from zero: no percentage */
    assert_int_equal(v.verdict, BG_VERDICT_NOT_COMPARED);
}

/* Each kind's default threshold is the one bench.yaml's thresholds: start from. */
static void default_thresholds_by_kind(void **state) {
    (void)state;
    assert_near(bg__default_threshold(BG__METRIC_SPEED), 5, 0);
    assert_near(bg__default_threshold(BG__METRIC_COUNT), 0.5, 0);
    assert_near(bg__default_threshold(BG__METRIC_ACCURACY), 0.5, 0);
    assert_near(bg__default_threshold(BG__METRIC_MEMORY), 10, 0);
    assert_near(bg__default_threshold(BG__METRIC_OTHER), 1, 0);
    assert_int_equal(bg__metric_kind_of("accuracy_top1"), BG__METRIC_ACCURACY);
    assert_int_equal(bg__metric_kind_of("estimated_cycles"), BG__METRIC_COUNT);
    assert_int_equal(bg__metric_kind_of("cpu_time_ns"), BG__METRIC_SPEED);
    assert_int_equal(bg__metric_kind_of("peak_vram_mb"), BG__METRIC_MEMORY);
    assert_int_equal(bg__metric_kind_of("compression_ratio"), BG__METRIC_OTHER);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quantiles_match_tables),
        cmocka_unit_test(log_sd_of_known_sets),
        cmocka_unit_test(equal_runs_pass),
        cmocka_unit_test(clear_slowdown_is_a_regression),
        cmocka_unit_test(slowdown_below_threshold_passes),
        cmocka_unit_test(clear_speedup_is_an_improvement),
        cmocka_unit_test(noisy_runs_are_inconclusive),
        cmocka_unit_test(huge_change_is_a_regression_even_when_noisy),
        cmocka_unit_test(one_repetition_is_inconclusive_for_time),
        cmocka_unit_test(pooled_noise_stands_in_for_one_repetition),
        cmocka_unit_test(instruction_counts_need_no_repetitions),
        cmocka_unit_test(higher_is_better_flips_the_sign),
        cmocka_unit_test(non_positive_median_is_not_compared),
        cmocka_unit_test(aa_false_regressions_are_rare),
        cmocka_unit_test(run_drift_is_not_a_regression),
        cmocka_unit_test(machine_drift_widens_the_interval),
        cmocka_unit_test(current_repetition_spread_counts),
        cmocka_unit_test(single_run_baseline_calls_moderate_changes_inconclusive),
        cmocka_unit_test(a_real_slowdown_is_caught_on_a_quiet_machine),
        cmocka_unit_test(values_are_judged_by_kind),
        cmocka_unit_test(default_thresholds_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
