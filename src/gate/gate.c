/* gate.c - after a run: compare with the baseline for this machine class, decide the outcome
 * by the one rule of outcome.c (error > regression > inconclusive > not gated > skipped >
 * pass), print it last, and write gate.json beside the results (with verdict.json and
 * verdict.md when a baseline was compared).
 *
 * Exit codes (docs/gates.md): an instance that failed 3, whether or not a baseline exists;
 * regression 1; inconclusive and not gated 77 (CTest "Skipped"), or 1 with
 * fail_on_inconclusive / fail_on_no_baseline; skipped (no instance ran) 77; an unreadable
 * baseline 2; pass 0. A green test is a compared test with nothing worse. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/results.h"
#include "benchgate/compare.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "results/results.h"
#include "gate/gate.h"

typedef struct gate_outcome {
    bg_outcome outcome;
    int exit_code;
    char reason[2 * BG__PATH_MAX + 256];
    char baseline[BG__PATH_MAX + 512];
    char machine_class[256];
    char capture[BG__PATH_MAX + 128];
    size_t counts[BG_VERDICT_COUNT];
    size_t not_gated; /**< rows not compared: new, gone, unmeasured, metrics the baseline lacks */
    size_t failed;    /**< instances with status error in this run */
    size_t reused;    /**< instances whose results came from the cache (--reuse) */
    double max_noise_pct;
} gate_outcome;

/* bench_triad -> triad: the baseline file of one executable. */
static const char *bench_name(const bg__run *run) {
    const char *p = run->program;
    return strncmp(p, "bench_", 6) == 0 ? p + 6 : p;
}

static int is_regular(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *measure_name(const bg__run *run) {
    return bg__measure_names[run->settings.global.measure];
}

/* The command that captures a baseline: the build's bench-baseline target under CTest
 * (bg_add_benchmark sets BENCHGATE_BUILD_DIR), else benchgate baseline on this run. */
static void capture_command(const bg__run *run, const char *dir, char *buf, size_t size) {
    const char *build = getenv("BENCHGATE_BUILD_DIR");
    int time = run->settings.global.measure == BG__MEASURE_TIME;
    if (build && build[0])
        snprintf(buf, size, "%s%s%scmake --build '%s' --target bench-baseline",
                 time ? "" : "BENCH_MEASURE=", time ? "" : measure_name(run), time ? "" : " ",
                 build);
    else
        snprintf(buf, size, "benchgate baseline --run='%s' --dir='%s'", run->out_dir, dir);
}

void bg__write_verdict_files(const char *dir, const bg_compare *cmp, const char *who) {
    static const char *const names[] = {"verdict.json", "verdict.md"};
    static const char *const formats[] = {"json", "md"};
    for (int i = 0; i < 2; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (mem == NULL)
            continue;
        bg_compare_print(cmp, mem, formats[i]);
        fclose(mem);
        char path[BG__PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        bg__error err = {0};
        if (bg__write_atomic(path, text, len, &err) != BG_OK)
            fprintf(stderr, "%s: warning: %s\n", who, err.msg);
        free(text);
    }
}

/* A row that does not count as gated: a benchmark or metric not compared on both sides. */
static int row_not_gated(const bg_comparison *r) {
    return bg_verdict_outcome(r->verdict) == BG_OUTCOME_NOT_GATED;
}

static void tally(const bg_compare *cmp, gate_outcome *o) {
    for (size_t i = 0; i < bg_compare_count(cmp); i++) {
        const bg_comparison *r = bg_compare_row(cmp, i);
        o->counts[r->verdict]++;
        o->not_gated += row_not_gated(r);
        if (r->verdict == BG_VERDICT_INCONCLUSIVE && r->noise_pct > o->max_noise_pct)
            o->max_noise_pct = r->noise_pct;
    }
}

/* The first failed instance of the run, or NULL. */
static const bg__instance *first_failed(const bg__run *run) {
    for (size_t i = 0; i < run->inst_count; i++)
        if (run->inst[i].status == BG__STATUS_ERROR)
            return &run->inst[i];
    return NULL;
}

/* Why nothing ran: the instances' own reason when they agree ("no GPU: ..."), else a count. */
static void skipped_reason(const bg__run *run, size_t skipped, char *buf, size_t size) {
    const char *why = run->inst_count ? run->inst[0].message : "";
    for (size_t i = 1; i < run->inst_count; i++)
        if (strcmp(run->inst[i].message, why) != 0)
            why = "";
    if (why[0])
        snprintf(buf, size, "all %zu skipped: %.300s", skipped, why);
    else
        snprintf(buf, size, "all %zu skipped (each says why in result.json)", skipped);
}

/* The words of an outcome: what happened and how many. */
static void outcome_reason(const bg__run *run, gate_outcome *o) {
    const bg__instance *bad = first_failed(run);
    size_t compared = o->counts[BG_VERDICT_PASS] + o->counts[BG_VERDICT_IMPROVEMENT];
    switch (o->outcome) {
    case BG_OUTCOME_ERROR:
        if (bad)
            snprintf(o->reason, sizeof o->reason, "%zu instance(s) failed: %.200s: %.300s",
                     o->failed, bad->name, bad->message);
        else
            snprintf(o->reason, sizeof o->reason, "%zu metric(s) failed in this run",
                     o->counts[BG_VERDICT_ERROR]);
        break;
    case BG_OUTCOME_REGRESSION:
        snprintf(o->reason, sizeof o->reason, "%zu metric(s) worse beyond threshold",
                 o->counts[BG_VERDICT_REGRESSION]);
        break;
    case BG_OUTCOME_INCONCLUSIVE:
        snprintf(o->reason, sizeof o->reason, "%zu too noisy to tell (noise up to %.1f%%)",
                 o->counts[BG_VERDICT_INCONCLUSIVE], o->max_noise_pct);
        break;
    case BG_OUTCOME_NOT_GATED:
        snprintf(o->reason, sizeof o->reason,
                 "%zu not compared (%zu new, %zu gone, %zu unmeasured on one side)", o->not_gated,
                 o->counts[BG_VERDICT_NEW], o->counts[BG_VERDICT_GONE],
                 o->counts[BG_VERDICT_NOT_COMPARED]);
        break;
    case BG_OUTCOME_SKIPPED:
        skipped_reason(run, o->counts[BG_VERDICT_SKIPPED], o->reason, sizeof o->reason);
        break;
    case BG_OUTCOME_PASS:
        snprintf(o->reason, sizeof o->reason, "%zu compared, none worse", compared);
        break;
    }
}

/* The outcome of a comparison, made worse by a run that failed outside any row. */
static void decide(const bg__run *run, int run_code, bg_outcome outcome, gate_outcome *o) {
    const bg__config *g = &run->settings.global;
    o->outcome = outcome;
    if (o->failed > 0 || run_code == BG_EXIT_FAILED)
        o->outcome = BG_OUTCOME_ERROR;
    o->exit_code =
        bg_outcome_exit_code(o->outcome, g->fail_on_inconclusive, g->fail_on_no_baseline);
    outcome_reason(run, o);
    if (o->outcome == BG_OUTCOME_ERROR && o->failed == 0 && o->counts[BG_VERDICT_ERROR] == 0)
        snprintf(o->reason, sizeof o->reason, "the run failed (exit %d): see its output", run_code);
    if (o->reused > 0) {
        size_t n = strlen(o->reason);
        snprintf(o->reason + n, sizeof o->reason - n, "; %zu of %zu reused from an earlier run",
                 o->reused, run->inst_count);
    }
}

/* The definition of the family a row's benchmark belongs to ("fam/cpu/n=1" -> fam), or NULL. */
static const bg_benchmark_def *row_family(const bg__run *run, const char *benchmark) {
    size_t len = strcspn(benchmark, "/");
    for (size_t i = 0; i < run->inst_count; i++) {
        const bg_benchmark_def *d = run->inst[i].def;
        if (d && strlen(d->name) == len && strncmp(d->name, benchmark, len) == 0)
            return d;
    }
    return NULL;
}

/* A row of gate.json: verdict.json's row and where its benchmark is registered. */
static cJSON *gate_row(const bg__run *run, const bg_comparison *r) {
    cJSON *row = bg__comparison_json(r);
    const bg_benchmark_def *d = row_family(run, r->benchmark);
    if (row && d && d->file && d->line > 0) {
        cJSON_AddStringToObject(row, "source_file", d->file);
        cJSON_AddNumberToObject(row, "source_line", d->line);
    }
    return row;
}

/* The rows of a run without a comparison: one error row per failed instance. */
static void failed_rows(const bg__run *run, cJSON *rows) {
    for (size_t i = 0; i < run->inst_count; i++) {
        const bg__instance *in = &run->inst[i];
        if (in->status != BG__STATUS_ERROR)
            continue;
        bg_comparison r;
        memset(&r, 0, sizeof r);
        snprintf(r.benchmark, sizeof r.benchmark, "%s", in->name);
        snprintf(r.metric, sizeof r.metric, "-");
        r.baseline = r.current = r.change = r.change_lo = r.change_hi = NAN;
        r.noise_pct = r.threshold = NAN;
        r.verdict = BG_VERDICT_ERROR;
        snprintf(r.note, sizeof r.note, "%.250s", in->message[0] ? in->message : "failed");
        cJSON_AddItemToArray(rows, gate_row(run, &r));
    }
}

/* gate.json: what `benchgate verdicts` collects into the combined table. */
static void write_gate_json(const bg__run *run, const gate_outcome *o, const bg_compare *cmp) {
    const bg__config *g = &run->settings.global;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "benchgate.gate/1");
    cJSON_AddStringToObject(root, "bench", bench_name(run));
    cJSON_AddStringToObject(root, "program", run->program);
    cJSON_AddStringToObject(root, "run_id", run->run_id);
    cJSON_AddStringToObject(root, "outcome", bg_outcome_name(o->outcome));
    cJSON_AddNumberToObject(root, "exit_code", o->exit_code);
    cJSON_AddStringToObject(root, "reason", o->reason);
    cJSON_AddStringToObject(root, "measure", measure_name(run));
    cJSON_AddStringToObject(root, "machine_class", o->machine_class);
    cJSON_AddStringToObject(root, "baseline", o->baseline);
    cJSON_AddStringToObject(root, "capture", o->capture);
    cJSON *policy = cJSON_AddObjectToObject(root, "policy");
    cJSON_AddBoolToObject(policy, "fail_on_inconclusive", g->fail_on_inconclusive);
    cJSON_AddBoolToObject(policy, "fail_on_no_baseline", g->fail_on_no_baseline);
    cJSON *counts = cJSON_AddObjectToObject(root, "counts");
    cJSON_AddNumberToObject(counts, "instances", (double)run->inst_count);
    for (int v = BG_VERDICT_PASS; v < BG_VERDICT_COUNT; v++)
        cJSON_AddNumberToObject(counts, bg_verdict_name((bg_verdict)v), (double)o->counts[v]);
    cJSON_AddNumberToObject(counts, "not gated", (double)o->not_gated);
    cJSON_AddNumberToObject(counts, "failed", (double)o->failed);
    cJSON_AddNumberToObject(counts, "reused", (double)o->reused);
    bg__json_number(root, "max_noise_pct", o->max_noise_pct);
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (size_t i = 0; cmp && i < bg_compare_count(cmp); i++) {
        const bg_comparison *r = bg_compare_row(cmp, i);
        if (r->verdict != BG_VERDICT_PASS && r->verdict != BG_VERDICT_SKIPPED)
            cJSON_AddItemToArray(rows, gate_row(run, r));
    }
    if (cmp == NULL)
        failed_rows(run, rows);
    char *text = bg__json_print(root, 1);
    cJSON_Delete(root);
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/gate.json", run->out_dir);
    bg__error err = {0};
    if (text == NULL || bg__write_atomic(path, text, strlen(text), &err) != BG_OK)
        fprintf(stderr, "%s: warning: %s\n", run->program, text ? err.msg : "out of memory");
    free(text);
}

/* The rows that are not "pass", in people's units, one line each. */
static void print_rows(const bg_compare *cmp) {
    int header = 0;
    for (size_t i = 0; i < bg_compare_count(cmp); i++) {
        const bg_comparison *r = bg_compare_row(cmp, i);
        if (r->verdict == BG_VERDICT_PASS || r->verdict == BG_VERDICT_SKIPPED)
            continue;
        if (!header++)
            printf("%-12s %-40s %-14s %10s %10s %8s\n", "verdict", "benchmark", "metric",
                   "baseline", "current", "change");
        char base[32] = "-", cur[32] = "-", change[32] = "-";
        if (!row_not_gated(r) && r->verdict != BG_VERDICT_ERROR) {
            bg__figure_human(r->baseline, r->unit, base, sizeof base);
            bg__figure_human(r->current, r->unit, cur, sizeof cur);
            snprintf(change, sizeof change, "%+.2f%s", r->change,
                     bg__metric_kind_of(r->metric) == BG__METRIC_ACCURACY ? "pt" : "%");
        }
        printf("%-12s %-40.40s %-14.14s %10s %10s %8s\n", bg_verdict_name(r->verdict), r->benchmark,
               r->metric, base, cur, change);
        if (r->note[0])
            printf("%-12s   %s\n", "", r->note);
    }
}

/* The failed instances of a run without a baseline, one line each with its message. */
static void print_failed(const bg__run *run) {
    printf("%-12s %s\n", "verdict", "benchmark");
    for (size_t i = 0; i < run->inst_count; i++)
        if (run->inst[i].status == BG__STATUS_ERROR)
            printf("%-12s %.80s\n%-12s   %s\n", "error", run->inst[i].name, "",
                   run->inst[i].message);
}

/* The verdict line, always the last line of a gated run. */
static void print_outcome(bg__run *run, const gate_outcome *o) {
    const bg__config *g = &run->settings.global;
    char policy[160] = "";
    if (o->outcome == BG_OUTCOME_INCONCLUSIVE)
        snprintf(policy, sizeof policy, " (fail_on_inconclusive: %s)",
                 g->fail_on_inconclusive ? "true" : "false: a skip, not a failure");
    else if (o->outcome == BG_OUTCOME_NOT_GATED)
        snprintf(policy, sizeof policy, " (fail_on_no_baseline: %s)",
                 g->fail_on_no_baseline ? "true" : "false: a skip, not a failure");
    fflush(stdout);
    bg__log(run, "%s: gate: %s (%s, %s) - %s; exit %d%s", run->program, bg_outcome_name(o->outcome),
            measure_name(run), o->machine_class, o->reason, o->exit_code, policy);
    if (o->outcome == BG_OUTCOME_NOT_GATED || o->counts[BG_VERDICT_IMPROVEMENT] > 0)
        bg__log(run, "%s: gate: capture or refresh the baseline: %s", run->program, o->capture);
}

static int judge(bg__run *run, int run_code, gate_outcome *o) {
    const bg__config *g = &run->settings.global;
    bg_compare_options opt = {0};
    opt.threshold_pct = g->threshold > 0 ? g->threshold : 0;
    bg_compare *cmp = bg_compare_create(&opt);
    char current[BG__PATH_MAX + 32];
    snprintf(current, sizeof current, "%s/" BG_RESULT_FILE, run->out_dir);
    if (cmp == NULL || bg_compare_files(cmp, o->baseline, current) != BG_OK) {
        o->outcome = BG_OUTCOME_ERROR;
        o->exit_code = BG_EXIT_USAGE;
        snprintf(o->reason, sizeof o->reason, "%s", cmp ? bg_compare_error(cmp) : "out of memory");
        fprintf(stderr, "%s: error: baseline: %s\n", run->program, o->reason);
        write_gate_json(run, o, NULL);
        bg_compare_free(cmp);
        return BG_EXIT_USAGE;
    }
    printf("\ngate: %s against %s\n", run->program, o->baseline);
    bg__write_verdict_files(run->out_dir, cmp, run->program);
    tally(cmp, o);
    decide(run, run_code, bg_compare_outcome(cmp), o);
    print_rows(cmp);
    write_gate_json(run, o, cmp);
    bg_compare_free(cmp);
    return o->exit_code;
}

/* No baseline for this class: a failure is still an error, nothing run is skipped, and
 * anything else is not gated. */
static int no_baseline(bg__run *run, int run_code, gate_outcome *o) {
    size_t skipped = 0;
    for (size_t i = 0; i < run->inst_count; i++)
        skipped += run->inst[i].status == BG__STATUS_SKIPPED;
    o->counts[BG_VERDICT_SKIPPED] = skipped;
    o->counts[BG_VERDICT_ERROR] = o->failed; /* failed_rows writes one row each */
    bg_outcome outcome = run->inst_count > 0 && skipped == run->inst_count ? BG_OUTCOME_SKIPPED
                                                                           : BG_OUTCOME_NOT_GATED;
    decide(run, run_code, outcome, o);
    if (o->outcome == BG_OUTCOME_NOT_GATED)
        snprintf(o->reason, sizeof o->reason, "no baseline for this class");
    if (o->outcome != BG_OUTCOME_SKIPPED)
        bg__log(run, "%s: gate: no baseline %s (%s)", run->program, o->baseline, strerror(ENOENT));
    if (o->outcome == BG_OUTCOME_ERROR) {
        printf("\ngate: %s: no baseline to compare with, and the run failed\n", run->program);
        print_failed(run);
    }
    write_gate_json(run, o, NULL);
    return o->exit_code;
}

/* Where the baseline of this run is: a file, or DIR/<class>/<bench>.json (DIR may not exist
 * yet: a project before its first capture). */
static int baseline_path(const bg__run *run, gate_outcome *o) {
    const char *base = run->settings.global.baseline;
    int file =
        is_regular(base) || (strlen(base) > 5 && strcmp(base + strlen(base) - 5, ".json") == 0);
    int n = file ? snprintf(o->baseline, sizeof o->baseline, "%s", base)
                 : snprintf(o->baseline, sizeof o->baseline, "%s/%s/%s.json", base,
                            o->machine_class, bench_name(run));
    return n < 0 || (size_t)n >= sizeof o->baseline ? -1 : 0;
}

int bg__gate(bg__run *run, int run_code) {
    BG__ASSERT(run != NULL);
    const char *base = run->settings.global.baseline;
    if (base[0] == '\0' || strcmp(base, "off") == 0 || run_code == BG_EXIT_USAGE)
        return run_code;
    if (!(run->settings.global.formats & BG__FORMAT_JSON)) {
        fprintf(stderr, "%s: error: --baseline needs --format to include json\n", run->program);
        return BG_EXIT_USAGE;
    }
    gate_outcome o;
    memset(&o, 0, sizeof o);
    bg__machine_class(o.machine_class, sizeof o.machine_class,
                      run->settings.global.measure == BG__MEASURE_INSTRUCTIONS);
    if (baseline_path(run, &o) != 0) {
        fprintf(stderr, "%s: error: --baseline: path too long\n", run->program);
        return BG_EXIT_USAGE;
    }
    capture_command(run, base, o.capture, sizeof o.capture);
    for (size_t i = 0; i < run->inst_count; i++) {
        o.failed += run->inst[i].status == BG__STATUS_ERROR;
        o.reused += run->inst[i].reused_from[0] != '\0';
    }
    int code = is_regular(o.baseline) ? judge(run, run_code, &o) : no_baseline(run, run_code, &o);
    if (code != BG_EXIT_USAGE)
        print_outcome(run, &o);
    return code;
}
