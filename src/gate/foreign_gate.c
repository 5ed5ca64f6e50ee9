/* foreign_gate.c - the gate of another harness's run (benchgate gate-foreign, and the CTest
 * tests of bg_add_gbench_test / bg_add_hyperfine_test): run the command with its own JSON
 * output, read that as a benchgate.result/1 document (src/results/foreign*.c), write it as
 * result.json, compare it with BASELINE_DIR/<class>/NAME.json through the public compare API,
 * and write gate.json, verdict.json and verdict.md as a bg_add_benchmark test does, so that
 * `benchgate verdicts` shows it in the one table. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/baseline.h"
#include "benchgate/compare.h"
#include "benchgate/foreign.h"
#include "benchgate/process.h"
#include "benchgate/results.h"
#include "common/common.h"
#include "system/system.h"
#include "results/results.h"
#include "gate/gate.h"

#define FLAG_MAX (BG__PATH_MAX + 128)

typedef struct fg_state {
    const bg_foreign_gate *g;
    char out[BG__PATH_MAX], raw[BG__PATH_MAX + 64], result[BG__PATH_MAX + 32];
    char baseline[BG__PATH_MAX + 512], cls[256], capture[2 * BG__PATH_MAX + 64];
    char run_id[96], reason[1024];
    size_t instances, failed, skipped;
    const char *first_failed_note;
    bg_outcome outcome;
    int exit_code;
} fg_state;

/* The flag that makes the harness write its JSON to s->raw, after argv[0]. */
static char **command_argv(fg_state *s, char *flag[2]) {
    const char *from = s->g->from;
    size_t n = 0;
    while (s->g->argv[n])
        n++;
    char **argv = calloc(n + 4, sizeof *argv);
    if (argv == NULL || n == 0) {
        free(argv);
        return NULL;
    }
    size_t k = 0, extra = 0;
    if (strcmp(from, "gbench") == 0) {
        snprintf(flag[0], FLAG_MAX, "--benchmark_out=%s", s->raw);
        snprintf(flag[1], FLAG_MAX, "--benchmark_out_format=json");
        extra = 2;
    } else {
        snprintf(flag[0], FLAG_MAX, "%s",
                 strcmp(from, "nvbench") == 0 ? "--json" : "--export-json");
        snprintf(flag[1], FLAG_MAX, "%s", s->raw);
        extra = 2;
    }
    argv[k++] = s->g->argv[0];
    for (size_t i = 0; i < extra; i++)
        argv[k++] = flag[i];
    for (size_t i = 1; i < n; i++)
        argv[k++] = s->g->argv[i];
    return argv;
}

/* Runs the command. @return its exit code, or -1 when it could not run or ran out of time */
static int run_command(fg_state *s) {
    char f0[FLAG_MAX], f1[FLAG_MAX], *flag[2] = {f0, f1};
    char **argv = command_argv(s, flag);
    if (argv == NULL)
        return -1;
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.search_path = 1;
    o.default_signals = 1;
    printf("gate-foreign: %s:", s->g->name);
    for (char **a = argv; *a; a++)
        printf(" %s", *a);
    printf("\n");
    fflush(stdout);
    pid_t pid = bg_spawn(&o);
    int status = 0, rc = pid < 0 ? -1 : bg_spawn_wait(pid, s->g->timeout_s, &status);
    free(argv);
    return rc == 0 ? bg_spawn_exit_code(status) : -1;
}

static void count_benchmarks(fg_state *s, const cJSON *doc) {
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        s->instances++;
        s->failed += strcmp(bg__json_text(b, "status"), "error") == 0;
        s->skipped += strcmp(bg__json_text(b, "status"), "skipped") == 0;
    }
}

/* The harness's JSON as result.json, this machine's class and the test's name in it. */
static bg_err write_result(fg_state *s, bg__error *err) {
    cJSON *doc = NULL;
    BG_FORWARD_IF_ERROR(bg__load_result(s->raw, &doc, err));
    cJSON *run = cJSON_GetObjectItemCaseSensitive(doc, "run");
    cJSON *sys = cJSON_GetObjectItemCaseSensitive(doc, "system");
    cJSON_ReplaceItemInObjectCaseSensitive(sys, "machine_class", cJSON_CreateString(s->cls));
    cJSON_ReplaceItemInObjectCaseSensitive(run, "run_id", cJSON_CreateString(s->run_id));
    bg__foreign_run_text(doc, "program", s->g->name);
    count_benchmarks(s, doc);
    char *text = bg__json_print(doc, 1);
    cJSON_Delete(doc);
    bg_err rc = text ? bg__write_atomic(s->result, text, strlen(text), err)
                     : bg__set_error(err, BG_ENOMEM, "out of memory");
    free(text);
    return rc;
}

static void write_text(const char *path, const char *text) {
    bg__error err = {BG_OK, ""};
    if (text == NULL || bg__write_atomic(path, text, strlen(text), &err) != BG_OK)
        fprintf(stderr, "benchgate: warning: %s\n", text ? err.msg : "out of memory");
}

/* One error row per failed benchmark of result.json (no comparison to give them). */
static void failed_rows(const fg_state *s, cJSON *rows) {
    cJSON *doc = NULL;
    bg__error err = {BG_OK, ""};
    if (bg__load_result(s->result, &doc, &err) != BG_OK)
        return;
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        if (strcmp(bg__json_text(b, "status"), "error") != 0)
            continue;
        bg_comparison r;
        memset(&r, 0, sizeof r);
        snprintf(r.benchmark, sizeof r.benchmark, "%s", bg__json_text(b, "name"));
        snprintf(r.metric, sizeof r.metric, "-");
        r.baseline = r.current = r.change = r.change_lo = r.change_hi = NAN;
        r.noise_pct = r.threshold = NAN;
        r.verdict = BG_VERDICT_ERROR;
        snprintf(r.note, sizeof r.note, "%.250s", bg__json_text(b, "error_message"));
        cJSON_AddItemToArray(rows, bg__comparison_json(&r));
    }
    cJSON_Delete(doc);
}

static void write_gate_json(const fg_state *s, const bg_compare *cmp) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "benchgate.gate/1");
    cJSON_AddStringToObject(root, "bench", s->g->name);
    cJSON_AddStringToObject(root, "program", s->g->argv[0]);
    cJSON_AddStringToObject(root, "run_id", s->run_id);
    cJSON_AddStringToObject(root, "outcome", bg_outcome_name(s->outcome));
    cJSON_AddNumberToObject(root, "exit_code", s->exit_code);
    cJSON_AddStringToObject(root, "reason", s->reason);
    cJSON_AddStringToObject(root, "measure", "time");
    cJSON_AddStringToObject(root, "machine_class", s->cls);
    cJSON_AddStringToObject(root, "baseline", s->baseline);
    cJSON_AddStringToObject(root, "capture", s->capture);
    cJSON_AddStringToObject(root, "source", s->g->from);
    cJSON *policy = cJSON_AddObjectToObject(root, "policy");
    cJSON_AddBoolToObject(policy, "fail_on_inconclusive", s->g->fail_on_inconclusive);
    cJSON_AddBoolToObject(policy, "fail_on_no_baseline", s->g->fail_on_no_baseline);
    cJSON *counts = cJSON_AddObjectToObject(root, "counts");
    cJSON_AddNumberToObject(counts, "instances", (double)s->instances);
    size_t not_gated = 0;
    double max_noise = 0;
    for (int v = BG_VERDICT_PASS; v < BG_VERDICT_COUNT; v++) {
        size_t n = cmp                       ? bg_compare_tally(cmp, (bg_verdict)v)
                   : v == BG_VERDICT_ERROR   ? s->failed
                   : v == BG_VERDICT_SKIPPED ? s->skipped
                                             : 0;
        not_gated += bg_verdict_outcome((bg_verdict)v) == BG_OUTCOME_NOT_GATED ? n : 0;
        cJSON_AddNumberToObject(counts, bg_verdict_name((bg_verdict)v), (double)n);
    }
    cJSON_AddNumberToObject(counts, "not gated", (double)not_gated);
    cJSON_AddNumberToObject(counts, "failed", (double)s->failed);
    cJSON_AddNumberToObject(counts, "reused", 0);
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (size_t i = 0; cmp && i < bg_compare_count(cmp); i++) {
        const bg_comparison *r = bg_compare_row(cmp, i);
        if (r->verdict == BG_VERDICT_INCONCLUSIVE && r->noise_pct > max_noise)
            max_noise = r->noise_pct;
        if (r->verdict != BG_VERDICT_PASS && r->verdict != BG_VERDICT_SKIPPED)
            cJSON_AddItemToArray(rows, bg__comparison_json(r));
    }
    if (cmp == NULL)
        failed_rows(s, rows);
    bg__json_number(root, "max_noise_pct", max_noise);
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/gate.json", s->out);
    char *text = bg__json_print(root, 1);
    cJSON_Delete(root);
    write_text(path, text);
    free(text);
}

static void decide(fg_state *s, bg_outcome outcome, const bg_compare *cmp) {
    s->outcome = s->failed > 0 ? BG_OUTCOME_ERROR : outcome;
    s->exit_code =
        bg_outcome_exit_code(s->outcome, s->g->fail_on_inconclusive, s->g->fail_on_no_baseline);
    size_t n = cmp ? bg_compare_tally(cmp, BG_VERDICT_REGRESSION) : 0;
    switch (s->outcome) {
    case BG_OUTCOME_ERROR:
        snprintf(s->reason, sizeof s->reason, "%zu benchmark(s) failed in this run", s->failed);
        break;
    case BG_OUTCOME_REGRESSION:
        snprintf(s->reason, sizeof s->reason, "%zu metric(s) worse beyond threshold", n);
        break;
    case BG_OUTCOME_INCONCLUSIVE:
        snprintf(s->reason, sizeof s->reason, "%zu too noisy to tell (%s: see the rows)",
                 cmp ? bg_compare_tally(cmp, BG_VERDICT_INCONCLUSIVE) : 0, s->g->from);
        break;
    case BG_OUTCOME_NOT_GATED:
        snprintf(s->reason, sizeof s->reason, "%s",
                 cmp ? "something was not compared (new, gone "
                       "or unmeasured on one side)"
                     : "no baseline for this class");
        break;
    case BG_OUTCOME_SKIPPED:
        snprintf(s->reason, sizeof s->reason, "every benchmark was skipped");
        break;
    case BG_OUTCOME_PASS:
        snprintf(s->reason, sizeof s->reason, "%zu compared, none worse",
                 cmp ? bg_compare_tally(cmp, BG_VERDICT_PASS) +
                           bg_compare_tally(cmp, BG_VERDICT_IMPROVEMENT)
                     : 0);
        break;
    }
}

/* A run that could not be gated: the command failed, or what it wrote cannot be read. */
static int give_up(fg_state *s, int code, const char *a, const char *b) {
    s->outcome = BG_OUTCOME_ERROR;
    s->exit_code = code;
    snprintf(s->reason, sizeof s->reason, "%.200s%.800s", a, b);
    fprintf(stderr, "benchgate: error: gate-foreign: %s: %s\n", s->g->name, s->reason);
    write_gate_json(s, NULL);
    return code;
}

static int gate(fg_state *s, int command_code) {
    struct stat st;
    if (stat(s->baseline, &st) != 0) {
        decide(s,
               s->instances > 0 && s->skipped == s->instances ? BG_OUTCOME_SKIPPED
                                                              : BG_OUTCOME_NOT_GATED,
               NULL);
        printf("gate-foreign: %s: no baseline %s (%s); capture it: %s\n", s->g->name, s->baseline,
               strerror(ENOENT), s->capture);
        write_gate_json(s, NULL);
        return s->exit_code;
    }
    bg_compare_options opt = {0};
    opt.threshold_pct = s->g->threshold_pct;
    bg_compare *cmp = bg_compare_create(&opt);
    if (cmp == NULL || bg_compare_files(cmp, s->baseline, s->result) != BG_OK) {
        int code =
            give_up(s, BG_EXIT_USAGE, "baseline: ", cmp ? bg_compare_error(cmp) : "out of memory");
        bg_compare_free(cmp);
        return code;
    }
    printf("\ngate: %s against %s\n", s->g->name, s->baseline);
    bg_compare_print(cmp, stdout, "table");
    bg__write_verdict_files(s->out, cmp, "benchgate");
    decide(s, bg_compare_outcome(cmp), cmp);
    if (command_code != 0 && s->outcome != BG_OUTCOME_ERROR) {
        s->outcome = BG_OUTCOME_ERROR, s->exit_code = BG_EXIT_FAILED;
        snprintf(s->reason, sizeof s->reason, "%s exited %d", s->g->argv[0], command_code);
    }
    write_gate_json(s, cmp);
    bg_compare_free(cmp);
    return s->exit_code;
}

static void init_state(fg_state *s, const bg_foreign_gate *g) {
    memset(s, 0, sizeof *s);
    s->g = g;
    snprintf(s->out, sizeof s->out, "%s", g->output_dir);
    snprintf(s->raw, sizeof s->raw, "%s/%s.json", s->out, g->from);
    snprintf(s->result, sizeof s->result, "%s/" BG_RESULT_FILE, s->out);
    bg__machine_class(s->cls, sizeof s->cls, 0);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(s->run_id, sizeof s->run_id, "%s-%s-%ld", g->from, when, (long)getpid());
    const char *dir = g->baseline_dir && g->baseline_dir[0] ? g->baseline_dir : "ci/baselines";
    char err[256];
    if (bg_baseline_path(dir, s->cls, g->name, s->baseline, sizeof s->baseline, err, sizeof err) !=
        BG_OK)
        snprintf(s->baseline, sizeof s->baseline, "%s/%s/%s.json", dir, s->cls, g->name);
    const char *build = getenv("BENCHGATE_BUILD_DIR");
    if (build && build[0])
        snprintf(s->capture, sizeof s->capture, "cmake --build '%s' --target bench-baseline",
                 build);
    else
        snprintf(s->capture, sizeof s->capture, "benchgate baseline --run='%s' --dir='%s'", s->out,
                 dir);
}

int bg_foreign_gate_run(const bg_foreign_gate *g) {
    fg_state s;
    bg__error err = {BG_OK, ""};
    if (g == NULL || g->argv == NULL || g->argv[0] == NULL || g->name == NULL || !g->name[0] ||
        g->output_dir == NULL || bg_results_from(g->from) != 0 ||
        strcmp(g->from, "benchgate") == 0 || strcmp(g->from, "auto") == 0) {
        fprintf(stderr, "benchgate: error: gate-foreign: needs --from=gbench|nvbench|hyperfine, "
                        "--name, an output folder and a command\n");
        return BG_EXIT_USAGE;
    }
    init_state(&s, g);
    if (bg__mkdirs(s.out, &err) != BG_OK) {
        fprintf(stderr, "benchgate: error: gate-foreign: %s\n", err.msg);
        return BG_EXIT_USAGE;
    }
    unlink(s.raw); /* never the JSON of an earlier run */
    unlink(s.result);
    int code = run_command(&s);
    struct stat st;
    if (stat(s.raw, &st) != 0) {
        char why[BG__PATH_MAX + 256];
        if (code < 0)
            snprintf(why, sizeof why, "could not run or ran out of time, and wrote no JSON (%s)",
                     s.raw);
        else
            snprintf(why, sizeof why, "exited %d, and wrote no JSON (%s)", code, s.raw);
        return give_up(&s, BG_EXIT_FAILED, "the command ", why);
    }
    bg_results_from(g->from); /* the harness's JSON as that format; the baseline by its content */
    bg_err rc = write_result(&s, &err);
    bg_results_from("auto");
    if (rc != BG_OK)
        return give_up(&s, BG_EXIT_USAGE, "", err.msg);
    if (strcmp(g->baseline_dir ? g->baseline_dir : "", "off") == 0) {
        printf("gate-foreign: %s: %s (%zu benchmark(s), not gated: --baseline=off)\n", g->name,
               s.result, s.instances);
        return s.failed > 0 || code != 0 ? BG_EXIT_FAILED : BG_EXIT_OK;
    }
    code = gate(&s, code);
    printf("gate-foreign: gate: %s (%s, %s) - %s; exit %d\n", bg_outcome_name(s.outcome), g->from,
           s.cls, s.reason, s.exit_code);
    return code;
}
