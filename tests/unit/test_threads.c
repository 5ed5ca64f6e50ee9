/* test_threads.c - threaded benchmarks (.threads, an axis named threads) in-process: every
 * thread index runs, the threads run the same iterations, the per-iteration figures are over all
 * threads, a thread that fails or leaves early ends the instance without a hang, bad counts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/benchgate.h"

#define MAX_SEEN 8

/* What the threads of the last call saw: their index, the count, iterations per thread. */
static atomic_int seen[MAX_SEEN];
static atomic_int count_seen;
static atomic_ullong iters_of[MAX_SEEN];

static void t_team(bg_state *s) {
    int me = bg_thread_index(s);
    if (me == 0) { /* thread 0 resets before the first meeting, inside BG_LOOP */
        for (int i = 0; i < MAX_SEEN; i++)
            atomic_store(&iters_of[i], 0);
    }
    atomic_store(&count_seen, bg_thread_count(s));
    uint64_t mine = 0;
    volatile double x = 1.0;
    BG_LOOP(s) {
        for (int k = 0; k < 200; k++)
            x = x * 1.0000001 + 1e-9;
        mine++;
    }
    if (me < MAX_SEEN) {
        atomic_fetch_add(&seen[me], 1);
        atomic_store(&iters_of[me], mine);
    }
    bg_set_items_per_iter(s, 1.0);
}
BG_BENCHMARK(t_team, .threads = "1,3");

static void t_axis(bg_state *s) {
    BG_LOOP(s) {
        bg_clobber_memory();
    }
}
BG_BENCHMARK(t_axis, .axes = "threads=2;n=1");

static void t_thread_fails(bg_state *s) {
    BG_LOOP(s) {
        if (bg_thread_index(s) == 1)
            bg_fail(s, "thread %d gave up", bg_thread_index(s));
    }
}
BG_BENCHMARK(t_thread_fails, .threads = "2");

static void t_thread_returns(bg_state *s) {
    if (bg_thread_index(s) == 2)
        return;
    BG_LOOP(s) {
        bg_clobber_memory();
    }
}
BG_BENCHMARK(t_thread_returns, .threads = "3");

/* Counters with Google Benchmark's flags, from two threads. */
static void t_counters(bg_state *s) {
    double mine = 0;
    BG_LOOP(s) {
        mine += 1;
        bg_clobber_memory();
    }
    bg_report_counter(s, "iters", mine, BG_COUNTER_DEFAULT, BG_HIGHER_IS_BETTER);
    bg_report_counter(s, "per_iter", mine, BG_COUNTER_AVG_ITERATIONS, BG_NEITHER);
    bg_report_counter(s, "per_thread", 10, BG_COUNTER_AVG_THREADS, BG_LOWER_IS_BETTER);
    if (bg_thread_index(s) == 0)
        bg_report_counter(s, "invariant", 1, BG_COUNTER_ITERATION_INVARIANT, BG_NEITHER);
    bg_report_counter(s, "rate", mine, BG_COUNTER_RATE | BG_COUNTER_1024, BG_HIGHER_IS_BETTER);
}
BG_BENCHMARK(t_counters, .threads = "2");

static char tmp_root[256];
static int counter;

static int setup_group(void **state) {
    (void)state;
    snprintf(tmp_root, sizeof tmp_root, "/tmp/bg-test-threads-XXXXXX");
    if (mkdtemp(tmp_root) == NULL || chdir(tmp_root) != 0)
        return -1;
    return 0;
}

static int teardown_group(void **state) {
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    return system(cmd) == 0 ? 0 : -1;
}

static int run_main(char *out_dir, size_t size, const char *filter, ...) {
    snprintf(out_dir, size, "%s/run%d", tmp_root, ++counter);
    static char out_flag[512], filter_flag[256];
    snprintf(out_flag, sizeof out_flag, "--output-dir=%s", out_dir);
    snprintf(filter_flag, sizeof filter_flag, "--filter=%s", filter);
    char *argv[32] = {"test_threads",    out_flag,     filter_flag,       "--min-time=0.01",
                      "--max-time=0.05", "--warmup=0", "--repetitions=1", "--format=json,csv",
                      "--no-ui"};
    int argc = 9;
    va_list ap;
    va_start(ap, filter);
    for (char *extra; argc < 31 && (extra = va_arg(ap, char *)) != NULL;)
        argv[argc++] = extra;
    va_end(ap);
    argv[argc] = NULL;
    return bg_main(argc, argv);
}

static cJSON *load_result(const char *dir) {
    char path[600];
    snprintf(path, sizeof path, "%s/result.json", dir);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return cJSON_ParseWithOpts(buf, NULL, 1);
}

static cJSON *bench(cJSON *root, int i) {
    return cJSON_GetArrayItem(cJSON_GetObjectItem(root, "benchmarks"), i);
}

static const char *str(cJSON *obj, const char *key) {
    return cJSON_GetStringValue(cJSON_GetObjectItem(obj, key));
}

static double median_of(cJSON *b, const char *metric) {
    cJSON *m = cJSON_GetObjectItem(cJSON_GetObjectItem(b, "metrics"), metric);
    return cJSON_GetNumberValue(cJSON_GetObjectItem(m, "median"));
}

/* The iterations of every sample in samples.csv (its iterations column), summed. */
static double sampled_iterations(const char *dir) {
    char path[600], line[1024];
    snprintf(path, sizeof path, "%s/samples.csv", dir);
    FILE *f = fopen(path, "r");
    if (f == NULL || fgets(line, sizeof line, f) == NULL)
        return -1;
    int col = 0;
    for (char *tok = strtok(line, ",\n"); tok && strcmp(tok, "iterations");
         tok = strtok(NULL, ",\n"))
        col++;
    double sum = 0;
    while (fgets(line, sizeof line, f)) {
        char *tok = strtok(line, ",\n");
        for (int c = 0; tok && c < col; c++)
            tok = strtok(NULL, ",\n");
        sum += tok ? atof(tok) : 0;
    }
    fclose(f);
    return sum;
}

static void every_thread_index_runs_the_same_iterations(void **state) {
    (void)state;
    char dir[512];
    for (int i = 0; i < MAX_SEEN; i++)
        atomic_store(&seen[i], 0);
    assert_int_equal(run_main(dir, sizeof dir, "^t_team/cpu/threads=3$", NULL), BG_EXIT_OK);
    assert_int_equal(atomic_load(&count_seen), 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(atomic_load(&seen[i]), 1);
    assert_int_equal(atomic_load(&seen[3]), 0);
    uint64_t n = atomic_load(&iters_of[0]);
    assert_true(n > 0);
    assert_true(atomic_load(&iters_of[1]) == n && atomic_load(&iters_of[2]) == n);
    cJSON *root = load_result(dir);
    assert_non_null(root);
    assert_string_equal(str(bench(root, 0), "name"), "t_team/cpu/threads=3");
    assert_string_equal(str(bench(root, 0), "status"), "ok");
    assert_string_equal(str(cJSON_GetObjectItem(bench(root, 0), "params"), "threads"), "3");
    /* the samples count the iterations of all threads: a multiple of 3, at most 3 x n */
    double sampled = sampled_iterations(dir);
    assert_true(sampled > 0 && fmod(sampled, 3.0) == 0 && sampled <= 3.0 * (double)n);
    cJSON_Delete(root);
}

static void per_iteration_figures_are_over_all_threads(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_team/", NULL), BG_EXIT_OK);
    cJSON *root = load_result(dir);
    assert_string_equal(str(bench(root, 0), "name"), "t_team/cpu/threads=1");
    assert_string_equal(str(bench(root, 1), "name"), "t_team/cpu/threads=3");
    for (int i = 0; i < 2; i++) { /* CPU time is every thread's: about one body per iteration */
        double wall = median_of(bench(root, i), "time_ns"),
               cpu = median_of(bench(root, i), "cpu_time_ns");
        assert_true(wall > 0 && cpu > 0);
        cJSON *items =
            cJSON_GetObjectItem(cJSON_GetObjectItem(bench(root, i), "metrics"), "items_per_second");
        assert_true(fabs(cJSON_GetNumberValue(cJSON_GetObjectItem(items, "value")) - 1e9 / wall) <
                    1e-6 * 1e9 / wall); /* items are totals: over the wall time per iteration */
    }
    cJSON_Delete(root);
}

static void an_axis_named_threads_works_too(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_axis/", NULL), BG_EXIT_OK);
    cJSON *root = load_result(dir);
    assert_string_equal(str(bench(root, 0), "name"), "t_axis/cpu/threads=2/n=1");
    assert_string_equal(str(bench(root, 0), "status"), "ok");
    cJSON_Delete(root);
}

static void a_failing_thread_ends_the_instance(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_thread_fails/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_result(dir);
    assert_string_equal(str(bench(root, 0), "status"), "error");
    assert_string_equal(str(bench(root, 0), "error_message"), "thread 1 gave up");
    cJSON_Delete(root);
}

static void a_thread_without_the_loop_is_an_error(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_thread_returns/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_result(dir);
    assert_string_equal(str(bench(root, 0), "status"), "error");
    assert_non_null(strstr(str(bench(root, 0), "error_message"), "returned without completing"));
    cJSON_Delete(root);
}

static void bad_thread_counts_exit_2(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_axis/", "--axis=threads=0", NULL),
                     BG_EXIT_USAGE);
    assert_int_equal(access(dir, F_OK), -1);
    assert_int_equal(run_main(dir, sizeof dir, "^t_axis/", "--axis=threads=many", NULL),
                     BG_EXIT_USAGE);
    assert_int_equal(run_main(dir, sizeof dir, "^t_axis/", "--axis=threads=5000", NULL),
                     BG_EXIT_USAGE);
    assert_int_equal(access(dir, F_OK), -1);
}

static cJSON *metric_of(cJSON *b, const char *name) {
    return cJSON_GetObjectItem(cJSON_GetObjectItem(b, "metrics"), name);
}

static double value_of(cJSON *b, const char *name) {
    return cJSON_GetNumberValue(cJSON_GetObjectItem(metric_of(b, name), "value"));
}

static void counters_follow_google_benchmark_flags(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_counters/", NULL), BG_EXIT_OK);
    cJSON *root = load_result(dir);
    cJSON *b = bench(root, 0);
    double iters = value_of(b, "iters");
    assert_true(iters > 2 && fmod(iters, 2.0) == 0); /* both threads' iterations, added up */
    assert_true(value_of(b, "per_iter") == 1.0);     /* kAvgIterations */
    assert_true(value_of(b, "per_thread") == 10.0);  /* kAvgThreads: 10 + 10 over 2 */
    assert_true(value_of(b, "invariant") == iters);  /* kIsIterationInvariant: 1 x iterations */
    assert_true(value_of(b, "rate") > iters);        /* kIsRate: over well under a second */
    cJSON *rate = metric_of(b, "rate");
    assert_string_equal(str(rate, "unit"), "count/s");
    assert_string_equal(str(rate, "better"), "higher");
    cJSON *c = cJSON_GetObjectItem(rate, "counter");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(c, "flags"), 0)->valuestring,
                        "rate");
    assert_true(cJSON_GetNumberValue(cJSON_GetObjectItem(c, "base")) == 1024);
    assert_true(cJSON_GetNumberValue(cJSON_GetObjectItem(
                    cJSON_GetObjectItem(metric_of(b, "iters"), "counter"), "base")) == 1000);
    cJSON_Delete(root);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_thread_index_runs_the_same_iterations),
        cmocka_unit_test(per_iteration_figures_are_over_all_threads),
        cmocka_unit_test(an_axis_named_threads_works_too),
        cmocka_unit_test(a_failing_thread_ends_the_instance),
        cmocka_unit_test(a_thread_without_the_loop_is_an_error),
        cmocka_unit_test(bad_thread_counts_exit_2),
        cmocka_unit_test(counters_follow_google_benchmark_flags),
    };
    return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
