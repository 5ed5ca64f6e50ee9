/* test_runner.c - the runner end to end in-process: statuses, exit codes, files, bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/benchgate.h"
#include "benchgate/results.h"

/* ---- benchmarks under test ------------------------------------------------ */

static void t_ok(bg_state *s) {
    size_t n = (size_t)bg_axis_int(s, "n");
    int *v = bg_alloc(s, n * sizeof *v);
    bg_set_bytes_per_iter(s, (double)(n * sizeof *v));
    bg_set_items_per_iter(s, (double)n);
    BG_LOOP(s) {
        for (size_t i = 0; i < n; i++)
            v[i] += 1;
        bg_do_not_optimize(v);
    }
    bg_report_metric(s, "accuracy", "ratio", 0.75, BG_HIGHER_IS_BETTER);
    bg_report_error(s, "max_abs_err", 0.0, 0.0);
}
BG_BENCHMARK(t_ok, .axes = "n=16,64");

static void t_skip(bg_state *s) {
    bg_skip(s, "nothing to do here");
}
BG_BENCHMARK(t_skip);

static void t_fail(bg_state *s) {
    bg_fail(s, "kernel error %d", 42);
}
BG_BENCHMARK(t_fail);

static void t_wrong(bg_state *s) {
    BG_LOOP(s) {
        bg_clobber_memory();
    }
    bg_report_error(s, "max_abs_err", 0.5, 1e-6);
}
BG_BENCHMARK(t_wrong);

static void t_break(bg_state *s) {
    BG_LOOP(s) {
        break;
    }
}
BG_BENCHMARK(t_break);

static void t_noloop(bg_state *s) {
    (void)s;
}
BG_BENCHMARK(t_noloop);

static void t_oom(bg_state *s) {
    (void)bg_alloc(s, (size_t)1 << 62);
    BG_LOOP(s) {}
}
BG_BENCHMARK(t_oom);

static void t_badaxis(bg_state *s) {
    (void)bg_axis_int(s, "mode");
}
BG_BENCHMARK(t_badaxis, .axes = "mode=fast");

static void t_manual(bg_state *s) {
    BG_LOOP(s) {
        bg_set_iteration_time(s, 1e-6);
    }
}
BG_BENCHMARK(t_manual, .manual_time = 1);

static void t_nan(bg_state *s) {
    BG_LOOP(s) {
        bg_clobber_memory();
    }
    bg_report_metric(s, "weird", "x", NAN, BG_NEITHER);
}
BG_BENCHMARK(t_nan);

static void t_gpu(bg_state *s) {
    BG_LOOP(s) {}
}
BG_BENCHMARK(t_gpu, .device = "cuda");

/* ---- helpers -------------------------------------------------------------- */

static char tmp_root[256];
static int counter;

static int setup_group(void **state) {
    (void)state;
    snprintf(tmp_root, sizeof tmp_root, "/tmp/bg-test-runner-XXXXXX");
    if (mkdtemp(tmp_root) == NULL || chdir(tmp_root) != 0)
        return -1; /* no ./bench.yaml can leak into these runs */
    return 0;
}

static int teardown_group(void **state) {
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    return system(cmd) == 0 ? 0 : -1;
}

/* Runs bg_main with quick settings plus the given flags, into a fresh directory. */
static int run_main(char *out_dir, size_t size, const char *filter, ...) {
    snprintf(out_dir, size, "%s/run%d", tmp_root, ++counter);
    static char out_flag[512], filter_flag[256];
    snprintf(out_flag, sizeof out_flag, "--output-dir=%s", out_dir);
    snprintf(filter_flag, sizeof filter_flag, "--filter=%s", filter);
    char *argv[32] = {"test_runner",     out_flag,     filter_flag,       "--min-time=0.01",
                      "--max-time=0.05", "--warmup=0", "--repetitions=2", "--format=json,csv",
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

static cJSON *load_json(const char *dir, const char *name) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return cJSON_ParseWithOpts(buf, NULL, 1);
}

static int file_exists(const char *dir, const char *name) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

static cJSON *bench(cJSON *root, int i) {
    return cJSON_GetArrayItem(cJSON_GetObjectItem(root, "benchmarks"), i);
}

static cJSON *metric(cJSON *b, const char *name) {
    return cJSON_GetObjectItem(cJSON_GetObjectItem(b, "metrics"), name);
}

static const char *str(cJSON *obj, const char *key) {
    return cJSON_GetStringValue(cJSON_GetObjectItem(obj, key));
}

static double num(cJSON *obj, const char *key) {
    return cJSON_GetNumberValue(cJSON_GetObjectItem(obj, key));
}

/* ---- tests ---------------------------------------------------------------- */

static void ok_run_writes_every_file(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", NULL), 0);
    const char *files[] = {"result.json", "result.csv", "samples.csv", "summary.md", "run.log"};
    for (size_t i = 0; i < 5; i++)
        assert_true(file_exists(dir, files[i]));
    cJSON *root = load_json(dir, "result.json");
    assert_non_null(root);
    assert_string_equal(str(root, "schema"), "benchgate.result/1");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(root, "complete")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "benchmarks")), 2);
    assert_string_equal(str(bench(root, 0), "name"), "t_ok/cpu/n=16");
    assert_string_equal(str(bench(root, 1), "name"), "t_ok/cpu/n=64");
    cJSON_Delete(root);
}

static void ok_run_has_statistics_and_rates(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/cpu/n=64$", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    cJSON *b = bench(root, 0);
    assert_string_equal(str(b, "status"), "ok");
    cJSON *t = metric(b, "time_ns");
    assert_string_equal(str(t, "status"), "ok");
    assert_true(num(t, "n") >= 10 * 0 + 2);
    assert_true(num(t, "min") <= num(t, "median") && num(t, "median") <= num(t, "max"));
    cJSON *ci = cJSON_GetObjectItem(t, "ci95");
    assert_true(cJSON_GetArrayItem(ci, 0)->valuedouble <= num(t, "median"));
    assert_true(cJSON_GetArrayItem(ci, 1)->valuedouble >= num(t, "median"));
    double bps = num(metric(b, "bytes_per_second"), "value");
    assert_true(fabs(bps - 256.0 / (num(t, "median") * 1e-9)) < 1e-6 * bps);
    assert_string_equal(str(metric(b, "flops_per_second"), "status"), "skipped");
    assert_string_equal(str(metric(b, "instructions"), "status"), "skipped");
    assert_true(num(metric(b, "peak_rss_mb"), "value") > 0);
    assert_int_equal((int)num(cJSON_GetObjectItem(t, "noise"), "repetitions"), 2);
    cJSON_Delete(root);
}

static void custom_and_check_metrics_are_recorded(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/cpu/n=16$", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    cJSON *acc = metric(bench(root, 0), "accuracy");
    assert_string_equal(str(acc, "status"), "ok");
    assert_string_equal(str(acc, "unit"), "ratio");
    assert_string_equal(str(acc, "better"), "higher");
    assert_true(num(acc, "value") == 0.75);
    cJSON *err = metric(bench(root, 0), "max_abs_err");
    assert_true(num(err, "tolerance") == 0.0);
    cJSON_Delete(root);
}

static void samples_csv_holds_every_sample(void **state) {
    (void)state;
    char dir[512], path[600], line[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/cpu/n=16$", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    int n = (int)num(metric(bench(root, 0), "time_ns"), "n");
    cJSON_Delete(root);
    snprintf(path, sizeof path, "%s/samples.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int rows = -1; /* header */
    while (fgets(line, sizeof line, f))
        rows++;
    fclose(f);
    assert_int_equal(rows, n);
}

static void result_csv_has_one_row_per_metric(void **state) {
    (void)state;
    char dir[512], path[600], line[1024];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/cpu/n=16$", NULL), 0);
    snprintf(path, sizeof path, "%s/result.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    assert_true(strncmp(line, "benchmark,family,device,metric,status,unit,value", 48) == 0);
    int rows = 0, time_row = 0;
    while (fgets(line, sizeof line, f)) {
        rows++;
        time_row |= strncmp(line, "t_ok/cpu/n=16,t_ok,cpu,time_ns,ok,ns,", 37) == 0;
    }
    fclose(f);
    assert_true(time_row);
    assert_int_equal(rows, 14); /* 8 speed + 3 memory + vram + accuracy + max_abs_err */
}

static void skip_exits_77(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_skip/", NULL), BG_EXIT_SKIP);
    cJSON *root = load_json(dir, "result.json");
    assert_string_equal(str(bench(root, 0), "status"), "skipped");
    assert_string_equal(str(bench(root, 0), "error_message"), "nothing to do here");
    assert_string_equal(str(metric(bench(root, 0), "time_ns"), "status"), "skipped");
    cJSON_Delete(root);
}

static void fail_exits_3_and_others_still_run(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_(fail|ok)/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_json(dir, "result.json");
    int ok = 0, failed = 0;
    cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItem(root, "benchmarks")) {
        ok += strcmp(str(b, "status"), "ok") == 0;
        if (strcmp(str(b, "status"), "error") == 0) {
            failed++;
            assert_string_equal(str(b, "error_message"), "kernel error 42");
        }
    }
    assert_int_equal(ok, 2);
    assert_int_equal(failed, 1);
    cJSON_Delete(root);
}

static void wrong_result_fails(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_wrong/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_json(dir, "result.json");
    assert_non_null(strstr(str(bench(root, 0), "error_message"), "wrong result: max_abs_err"));
    assert_string_equal(str(metric(bench(root, 0), "max_abs_err"), "status"), "error");
    assert_string_equal(str(metric(bench(root, 0), "time_ns"), "status"), "ok");
    cJSON_Delete(root);
}

static void break_inside_loop_is_an_error(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_break/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_json(dir, "result.json");
    assert_non_null(strstr(str(bench(root, 0), "error_message"), "left BG_LOOP early"));
    cJSON_Delete(root);
}

static void missing_loop_is_an_error(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_noloop/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_json(dir, "result.json");
    assert_non_null(strstr(str(bench(root, 0), "error_message"), "without completing BG_LOOP"));
    cJSON_Delete(root);
}

static void out_of_memory_is_an_error_metric(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_(oom|skip)/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_json(dir, "result.json");
    cJSON *b = bench(root, 0);
    if (strcmp(str(b, "name"), "t_oom/cpu") != 0)
        b = bench(root, 1); /* instances come in registration order */
    assert_string_equal(str(b, "name"), "t_oom/cpu");
    assert_non_null(strstr(str(b, "error_message"), "out of memory: asked "));
    assert_non_null(strstr(str(b, "error_message"), " MiB, free "));
    assert_string_equal(str(metric(b, "time_ns"), "status"), "error");
    cJSON_Delete(root);
}

static void unknown_axis_in_code_is_an_error(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_badaxis/", NULL), BG_EXIT_FAILED);
    cJSON *root = load_json(dir, "result.json");
    assert_non_null(strstr(str(bench(root, 0), "error_message"),
                           "'mode': 'fast' is not a non-negative integer"));
    cJSON_Delete(root);
}

static void manual_time_is_used(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_manual/", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    assert_true(fabs(num(metric(bench(root, 0), "time_ns"), "median") - 1000.0) < 1e-6);
    cJSON_Delete(root);
}

static void non_finite_metric_is_an_error_not_nan(void **state) {
    (void)state;
    char dir[512], path[600];
    assert_int_equal(run_main(dir, sizeof dir, "^t_nan/", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    assert_non_null(root); /* parsed strictly */
    cJSON *w = metric(bench(root, 0), "weird");
    assert_string_equal(str(w, "status"), "error");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(w, "value")));
    cJSON_Delete(root);
    snprintf(path, sizeof path, "%s/result.json", dir);
    FILE *f = fopen(path, "r");
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *bare[] = {"\tnan", "\t-nan", "\tinf", "\t-inf", "NaN", "Infinity"};
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
        assert_null(strstr(buf, bare[i]));
}

static void gpu_benchmark_without_gpu_is_skipped(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_gpu/", NULL), BG_EXIT_SKIP);
    cJSON *root = load_json(dir, "result.json");
    assert_string_equal(str(bench(root, 0), "name"), "t_gpu/cuda");
    assert_true(strncmp(str(bench(root, 0), "error_message"), "no GPU: ", 8) == 0);
    cJSON_Delete(root);
}

static void device_filter_selects(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_(gpu|manual)/", "--device=cpu", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "benchmarks")), 1);
    assert_string_equal(str(bench(root, 0), "name"), "t_manual/cpu");
    cJSON_Delete(root);
}

static void axis_flag_replaces_values(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--axis=n=8,24,40", NULL), 0);
    cJSON *root = load_json(dir, "result.json");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "benchmarks")), 3);
    assert_string_equal(str(bench(root, 2), "name"), "t_ok/cpu/n=40");
    assert_string_equal(str(cJSON_GetObjectItem(bench(root, 2), "params"), "n"), "40");
    cJSON_Delete(root);
}

static void bad_flag_exits_2_and_writes_nothing(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--min-time=soon", NULL), BG_EXIT_USAGE);
    assert_int_equal(access(dir, F_OK), -1);
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--bogus", NULL), BG_EXIT_USAGE);
    assert_int_equal(access(dir, F_OK), -1);
}

static void unknown_axis_flag_exits_2(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--axis=size=1", NULL), BG_EXIT_USAGE);
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--batch-size=4", NULL), BG_EXIT_USAGE);
    assert_int_equal(access(dir, F_OK), -1);
}

static void filter_matching_nothing_exits_2(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^no_such_bench", NULL), BG_EXIT_USAGE);
    assert_int_equal(access(dir, F_OK), -1);
}

static void dry_run_writes_nothing(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--dry-run", NULL), 0);
    assert_int_equal(access(dir, F_OK), -1);
}

static void list_and_help_write_nothing(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--list", NULL), 0);
    assert_int_equal(access(dir, F_OK), -1);
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--help", NULL), 0);
    assert_int_equal(run_main(dir, sizeof dir, "^t_ok/", "--version", NULL), 0);
    assert_int_equal(access(dir, F_OK), -1);
}

static void output_dir_that_is_a_file_exits_2(void **state) {
    (void)state;
    char dir[512], flag[600];
    snprintf(dir, sizeof dir, "%s/plainfile", tmp_root);
    FILE *f = fopen(dir, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(flag, sizeof flag, "--output-dir=%s/sub", dir);
    char *argv[] = {"t", flag, "--filter=^t_manual/", NULL};
    assert_int_equal(bg_main(3, argv), BG_EXIT_USAGE);
}

static void json_only_format_writes_no_csv(void **state) {
    (void)state;
    char dir[512];
    assert_int_equal(run_main(dir, sizeof dir, "^t_manual/", "--format=json", NULL), 0);
    assert_true(file_exists(dir, "result.json"));
    assert_false(file_exists(dir, "result.csv"));
    assert_false(file_exists(dir, "samples.csv"));
}

static void no_temporary_files_remain(void **state) {
    (void)state;
    char dir[512], cmd[700];
    assert_int_equal(run_main(dir, sizeof dir, "^t_manual/", NULL), 0);
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q '\\.tmp\\.'", dir);
    assert_int_not_equal(system(cmd), 0);
}

static void merge_combines_parts(void **state) {
    (void)state;
    char a[512], b[512], out[600];
    assert_int_equal(run_main(a, sizeof a, "^t_manual/", NULL), 0);
    assert_int_equal(run_main(b, sizeof b, "^t_ok/", NULL), 0);
    bg_merge *m = bg_merge_create();
    assert_int_equal(bg_merge_add(m, a), BG_OK);
    assert_int_equal(bg_merge_add(m, b), BG_OK);
    assert_int_equal(bg_merge_count(m), 3);
    snprintf(out, sizeof out, "%s/merged", tmp_root);
    assert_int_equal(mkdir(out, 0777), 0);
    assert_int_equal(bg_merge_write(m, out, "run-x", "benchgate start"), BG_OK);
    bg_merge_free(m);
    cJSON *root = load_json(out, "result.json");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "benchmarks")), 3);
    assert_string_equal(str(cJSON_GetObjectItem(root, "run"), "run_id"), "run-x");
    cJSON_Delete(root);
}

static void merge_refuses_bad_input(void **state) {
    (void)state;
    char bad[600];
    snprintf(bad, sizeof bad, "%s/badpart", tmp_root);
    assert_int_equal(mkdir(bad, 0777), 0);
    bg_merge *m = bg_merge_create();
    assert_int_equal(bg_merge_add(m, bad), BG_EINPUT);
    assert_non_null(strstr(bg_merge_error(m), "badpart/result.json: cannot open"));
    char path[700];
    snprintf(path, sizeof path, "%s/result.json", bad);
    FILE *f = fopen(path, "w");
    fputs("{\"schema\": \"other\", \"benchmarks\": []}", f);
    fclose(f);
    assert_int_equal(bg_merge_add(m, bad), BG_EINPUT);
    assert_non_null(strstr(bg_merge_error(m), "not a benchgate.result/1 document"));
    f = fopen(path, "w");
    fputs("{\"schema\": NaN}", f);
    fclose(f);
    assert_int_equal(bg_merge_add(m, bad), BG_EINPUT);
    assert_non_null(strstr(bg_merge_error(m), "not valid JSON"));
    assert_int_equal(bg_merge_write(m, bad, "r", "c"), BG_EINPUT);
    bg_merge_free(m);
    bg_merge_free(NULL);
}

static void errors_and_version(void **state) {
    (void)state;
    assert_string_equal(bg_err_name(BG_ECONFIG), "BG_ECONFIG");
    assert_string_equal(bg_strerror(BG_EWRONG), "wrong result");
    assert_int_equal(bg_err_exit_code(BG_ECONFIG), 2);
    assert_int_equal(bg_err_exit_code(BG_ENOMEM), 3);
    assert_int_equal(bg_err_exit_code(BG_ESKIP), 77);
    assert_int_equal(bg_err_exit_code(BG_EREGRESSION), 1);
    assert_string_equal(bg_strerror((bg_err)999), "unknown error");
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", BG_VERSION_MAJOR, BG_VERSION_MINOR,
             BG_VERSION_PATCH);
    assert_string_equal(bg_version_string(), expect);
    assert_int_equal(bg_version(), BG_VERSION_NUMBER);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ok_run_writes_every_file),
        cmocka_unit_test(ok_run_has_statistics_and_rates),
        cmocka_unit_test(custom_and_check_metrics_are_recorded),
        cmocka_unit_test(samples_csv_holds_every_sample),
        cmocka_unit_test(result_csv_has_one_row_per_metric),
        cmocka_unit_test(skip_exits_77),
        cmocka_unit_test(fail_exits_3_and_others_still_run),
        cmocka_unit_test(wrong_result_fails),
        cmocka_unit_test(break_inside_loop_is_an_error),
        cmocka_unit_test(missing_loop_is_an_error),
        cmocka_unit_test(out_of_memory_is_an_error_metric),
        cmocka_unit_test(unknown_axis_in_code_is_an_error),
        cmocka_unit_test(manual_time_is_used),
        cmocka_unit_test(non_finite_metric_is_an_error_not_nan),
        cmocka_unit_test(gpu_benchmark_without_gpu_is_skipped),
        cmocka_unit_test(device_filter_selects),
        cmocka_unit_test(axis_flag_replaces_values),
        cmocka_unit_test(bad_flag_exits_2_and_writes_nothing),
        cmocka_unit_test(unknown_axis_flag_exits_2),
        cmocka_unit_test(filter_matching_nothing_exits_2),
        cmocka_unit_test(dry_run_writes_nothing),
        cmocka_unit_test(list_and_help_write_nothing),
        cmocka_unit_test(output_dir_that_is_a_file_exits_2),
        cmocka_unit_test(json_only_format_writes_no_csv),
        cmocka_unit_test(no_temporary_files_remain),
        cmocka_unit_test(merge_combines_parts),
        cmocka_unit_test(merge_refuses_bad_input),
        cmocka_unit_test(errors_and_version),
    };
    return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
