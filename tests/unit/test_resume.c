/* test_resume.c - a bench executable's run in-process: a signal stops it after the completed
 * samples (partial result, checkpoint), --resume finishes it without measuring a completed slot
 * again, a pause request waits, the output directory lock, and the result cache (--reuse). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/benchgate.h"
#include "benchgate/runlock.h"

static int calls[2]; /* calls of the benchmark function per instance (n=1, n=2) */
static int stop_at;  /* raise SIGTERM in this call (counting all calls), 0: never */
static int all_calls;

static void t_count(bg_state *s) {
    int n = (int)bg_axis_int(s, "n");
    calls[n - 1]++;
    if (++all_calls == stop_at)
        raise(SIGTERM); /* handled: the run stops at the next sample boundary */
    BG_LOOP(s) {
        bg_clobber_memory();
    }
    bg_report_metric(s, "accuracy", "ratio", 0.5 * n, BG_HIGHER_IS_BETTER);
}
BG_BENCHMARK(t_count, .axes = "n=1,2");

static char root[256];
static int counter;

static int setup(void **state) {
    (void)state;
    snprintf(root, sizeof root, "/tmp/bg-test-resume-XXXXXX");
    return mkdtemp(root) && chdir(root) == 0 ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void reset_counts(void) {
    calls[0] = calls[1] = all_calls = 0;
}

/* bg_main into dir with quick settings and up to 4 extra flags (NULL-terminated). */
static int run(const char *dir, ...) {
    static char out[512];
    snprintf(out, sizeof out, "--output-dir=%s", dir);
    char *argv[16] = {"test_resume",       out,          "--min-time=0.005",
                      "--max-time=0.02",   "--warmup=0", "--repetitions=3",
                      "--format=json,csv", "--no-ui"};
    int argc = 8;
    va_list ap;
    va_start(ap, dir);
    for (char *a; argc < 15 && (a = va_arg(ap, char *)) != NULL;)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    return bg_main(argc, argv);
}

static void new_dir(char *buf, size_t size) {
    snprintf(buf, size, "%s/run%d", root, ++counter);
}

static cJSON *load(const char *dir, const char *name) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return cJSON_Parse(text);
}

static int exists(const char *dir, const char *name) {
    char path[600];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

static const cJSON *bench(const cJSON *doc, int i) {
    return cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "benchmarks"), i);
}

static double reps_of(const cJSON *b) {
    const cJSON *noise = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(b, "metrics"), "time_ns"), "noise");
    return cJSON_GetNumberValue(cJSON_GetObjectItem(noise, "repetitions"));
}

static void test_signal_then_resume(void **state) {
    (void)state;
    char dir[400];
    new_dir(dir, sizeof dir);
    reset_counts();
    stop_at = 3; /* the third of 6 slots is interrupted */
    assert_int_equal(run(dir, NULL), 143);
    stop_at = 0;
    assert_int_equal(all_calls, 3);
    cJSON *doc = load(dir, "result.json");
    assert_non_null(doc);
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(doc, "complete")));
    char run_id[64];
    snprintf(run_id, sizeof run_id, "%s",
             cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "run"), "run_id")));
    assert_true(reps_of(bench(doc, 0)) + reps_of(bench(doc, 1)) == 2); /* 2 completed slots */
    cJSON_Delete(doc);
    assert_true(exists(dir, "checkpoint.jsonl"));
    int before[2] = {calls[0], calls[1]};
    assert_int_equal(run(dir, "--resume", NULL), 0);
    assert_int_equal(calls[0] - before[0] + calls[1] - before[1], 4); /* 6 slots - 2 done */
    doc = load(dir, "result.json");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(doc, "complete")));
    assert_string_equal(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "run"), "run_id")),
        run_id); /* the same run, continued */
    for (int i = 0; i < 2; i++) {
        assert_true(reps_of(bench(doc, i)) == 3);
        assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(bench(doc, i), "status")),
                            "ok");
    }
    cJSON_Delete(doc);
    assert_false(exists(dir, "checkpoint.jsonl")); /* complete: no checkpoint left */
}

static void test_resume_needs_output_dir(void **state) {
    (void)state;
    char *argv[] = {"test_resume", "--resume", "--no-ui", NULL};
    assert_int_equal(bg_main(3, argv), 2);
}

/* A pause request waits before the next slot until a second process asks to go on: the second
 * process asks once the run reports "paused", so a slow start cannot race past the request. */
static void test_pause_waits(void **state) {
    (void)state;
    char dir[400], err[256];
    new_dir(dir, sizeof dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(bg_control_request(dir, BG_CONTROL_PAUSE, err, sizeof err), BG_OK);
    pid_t pid = fork();
    if (pid == 0) { /* once the run says it paused (a slow start, under valgrind, is waited for) */
        struct timespec ts = {0, 50 * 1000 * 1000};
        char state[256];
        for (int i = 0; i < 1200; i++) {
            if (bg_control_state(dir, state, sizeof state) == 0 &&
                strncmp(state, "paused ", 7) == 0)
                break;
            nanosleep(&ts, NULL);
        }
        for (int i = 0; i < 8; i++) /* 400 ms more: the wait is measured */
            nanosleep(&ts, NULL);
        _exit(bg_control_request(dir, BG_CONTROL_RUN, err, sizeof err) == BG_OK ? 0 : 1);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(run(dir, "--repetitions=1", NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    waitpid(pid, NULL, 0);
    double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(took >= 0.35);
    char line[256];
    assert_int_equal(bg_control_state(dir, line, sizeof line), 0);
    assert_int_equal(strncmp(line, "running ", 8), 0);
    FILE *f = fopen(strcat(strcpy((char[600]){0}, dir), "/run.log"), "r");
    assert_non_null(f);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "paused at t_count/cpu/n="));
    assert_non_null(strstr(text, "resumed after"));
}

static void test_locked_output_dir(void **state) {
    (void)state;
    char dir[400], err[1024];
    new_dir(dir, sizeof dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    bg_run_lock *lock = NULL;
    assert_int_equal(bg_run_lock_acquire(dir, 0, &lock, err, sizeof err), BG_OK);
    reset_counts();
    assert_int_equal(run(dir, NULL), 2);
    assert_int_equal(all_calls, 0);
    assert_false(exists(dir, "result.json"));
    bg_run_lock_release(lock);
}

static void test_cache_reuse(void **state) {
    unsetenv("CI"); /* under CI=true the cache is not used unless asked (--reuse=force) */
    (void)state;
    char a[400], b[400], c[400], d[400], cache[420];
    snprintf(cache, sizeof cache, "--cache-dir=%s/cache", root);
    new_dir(a, sizeof a), new_dir(b, sizeof b), new_dir(c, sizeof c), new_dir(d, sizeof d);
    reset_counts();
    assert_int_equal(run(a, cache, NULL), 0);
    assert_int_equal(all_calls, 6);
    cJSON *first = load(a, "result.json");
    const char *first_id =
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(first, "run"), "run_id"));
    reset_counts();
    assert_int_equal(run(b, cache, "--reuse", NULL), 0);
    assert_int_equal(all_calls, 0); /* every instance came from the cache */
    cJSON *doc = load(b, "result.json");
    for (int i = 0; i < 2; i++) {
        assert_true(cJSON_IsTrue(cJSON_GetObjectItem(bench(doc, i), "reused")));
        assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(bench(doc, i), "reused_from")),
                            first_id);
        assert_true(reps_of(bench(doc, i)) == 3);
    }
    cJSON_Delete(doc);
    cJSON_Delete(first);
    reset_counts();
    assert_int_equal(run(c, cache, "--reuse", "--min-time=0.006", NULL), 0);
    assert_int_equal(all_calls, 6); /* another setting: another key */
    reset_counts();
    assert_int_equal(run(d, cache, "--reuse", "--no-cache", NULL), 0);
    assert_int_equal(all_calls, 6); /* --no-cache: measured */
    doc = load(d, "result.json");
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(bench(doc, 0), "reused")));
    cJSON_Delete(doc);
}

int main(void) {
    /* one case a line: tests/CMakeLists.txt registers the cases line by line */
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signal_then_resume),
        cmocka_unit_test(test_resume_needs_output_dir),
        cmocka_unit_test(test_pause_waits),
        cmocka_unit_test(test_locked_output_dir),
        cmocka_unit_test(test_cache_reuse),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, setup, teardown);
}
