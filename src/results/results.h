/* results.h - writing a run's results, and the one validation of every result document
 * a reader meets (internal). */
#ifndef BENCHGATE_RESULTS_INTERNAL_H
#define BENCHGATE_RESULTS_INTERNAL_H

#include <stdio.h>

#include "measure/measure.h"

/* results_json.c, results_csv.c, console.c */
struct cJSON *bg__run_json(const bg__run *run, int complete);
void bg__console_table(const bg__run *run, FILE *out);
void bg__ctest_measurements(const bg__run *run, FILE *out);
/* counters_out.c */
/** A counter's flags as result.json writes them: {"flags": ["rate", ...], "base": 1000|1024}. */
struct cJSON *bg__counter_json(unsigned flags);
/** The counters of each instance, one line each, for the console after the table. */
void bg__counters_console(const bg__run *run, bg__strbuf *sb);
/** The counters of --counters under the console table (perf_out.c). */
void bg__perf_console(const bg__run *run, bg__strbuf *sb);
/** A counter's value for people: "1.5 k", "1.5 Ki" (base 1024). */
void bg__counter_figure(double v, int base_1024, char *buf, size_t size);

/* complexity_check.c */
/** The optional "complexity" list of a result document: BG_EINPUT naming path and key. */
bg_err bg__check_complexity(const char *path, const struct cJSON *doc, bg__error *err);
/* complexity_out.c */
/** Adds the "complexity" list of the run's fits to root (nothing when there is none). */
void bg__complexity_json(const bg__run *run, struct cJSON *root);
/** The fits' lines for the console, after the table. */
void bg__complexity_console(const bg__run *run, bg__strbuf *sb);
bg_err bg__write_results(bg__run *run, int complete, bg__error *err);

/* ---- reading checked results (result_load.c) ---- */

/** Parses a strict benchgate.result/1 document; BG_EINPUT with the path in err on failure. */
bg_err bg__load_result(const char *path, struct cJSON **out, bg__error *err);
/** bg__load_result of two files at once, the second on a thread of its own; on failure the
 *  first file's problem (the baseline's, for compare) is in err and nothing is kept. */
bg_err bg__load_result_pair(const char *const path[2], struct cJSON *doc[2], bg__error *err);
/** cJSON_Delete of two documents at once (a 30 MB document takes a while to free). */
void bg__json_delete_pair(struct cJSON *a, struct cJSON *b);

/* ---- results of other harnesses (foreign*.c) ---- */

/** The format a result file is read as (bg_results_from: "auto", "benchgate", ...). */
typedef enum bg__foreign_format {
    BG__FROM_AUTO,
    BG__FROM_BENCHGATE,
    BG__FROM_GBENCH,
    BG__FROM_NVBENCH,
    BG__FROM_HYPERFINE
} bg__foreign_format;

/** Takes doc (a parsed file) and gives *out: doc itself when it is benchgate's, else doc turned
 *  into a benchgate.result/1 document (doc is freed). BG_EINPUT naming the file, the key and the
 *  problem, or the formats expected, when it is none of them or is malformed. */
bg_err bg__foreign_convert(struct cJSON *doc, const char *path, struct cJSON **out, bg__error *err);
bg_err bg__from_gbench(const struct cJSON *in, const char *path, struct cJSON **out,
                       bg__error *err);
bg_err bg__from_nvbench(const struct cJSON *in, const char *path, struct cJSON **out,
                        bg__error *err);
bg_err bg__from_hyperfine(const struct cJSON *in, const char *path, struct cJSON **out,
                          bg__error *err);
/* What the readers share: a document with run.source, the system fields the harness did not
 * record as "" and listed in system.not_recorded, and its benchmarks and metrics. */
struct cJSON *bg__foreign_document(bg__foreign_format f, const char *path);
/** The name of a program or file without its folder (and ".json"): run.program. */
void bg__foreign_program(const char *path, char *out, size_t size);
void bg__foreign_system_text(struct cJSON *doc, const char *key, const char *value);
void bg__foreign_system_number(struct cJSON *doc, const char *key, double value);
void bg__foreign_run_text(struct cJSON *doc, const char *key, const char *value);
struct cJSON *bg__foreign_benchmark(struct cJSON *doc, const char *name, const char *family,
                                    const char *device);
/** A metric with statistics of v[0..n); repetitions: each value is a repetition's median. */
struct cJSON *bg__foreign_samples(struct cJSON *bench, const char *name, const char *unit,
                                  const char *better, const double *v, size_t n, int repetitions);
/** A metric known by its center and spread only (no repetition medians: summary_only). */
struct cJSON *bg__foreign_summary(struct cJSON *bench, const char *name, const char *unit,
                                  const char *better, double center, double stddev, double n);
struct cJSON *bg__foreign_value(struct cJSON *bench, const char *name, const char *unit,
                                const char *better, double v);
/** Marks bench "error" or "skipped" with message, and its time_ns alike. */
void bg__foreign_status(struct cJSON *bench, const char *status, const char *message);
/** ns per unit of "ns", "us", "ms", "s" in *ns; 0 for another unit. */
int bg__foreign_time_scale(const char *unit, double *ns);
/** Why a benchmark of base or cur (read from another harness's file) has fewer than two
 *  repetitions and what would give them, for the gate's inconclusive note; NULL when both are
 *  benchgate's. */
const char *bg__foreign_few_reps(const struct cJSON *base, const struct cJSON *cur);
/** A harness's date as RFC 3339 ("2016-08-02 17:44:46" is taken as UTC); 0 when it is none. */
int bg__foreign_timestamp(const char *date, char *out, size_t size);

/* result_check.c (after common/json_strict.c's bg__json_parse_strict) */
/** The schema rules of benchgate.result/1 (required fields, statuses, figures, unique names). */
bg_err bg__check_result(const char *path, const struct cJSON *doc, bg__error *err);

/* result_schema.c: the field rules bg__check_result applies */
/** The top level's keys, run, system (machine_class a slug) and datasets of doc. */
bg_err bg__check_result_fields(const char *path, const struct cJSON *doc, bg__error *err);
/** Benchmark i: family, device, measure, params (strings), error_message by status, and each
 *  metric (status, unit, better, statistics; an ok speed or count median above zero). */
bg_err bg__check_benchmark_fields(const char *path, int i, const struct cJSON *b, bg__error *err);

/* ---- reading a result's entries (result_status.c) ---- */

/** 1 when obj's "status" is "ok". */
int bg__status_ok(const struct cJSON *obj);
/** A metric's figure, its median (statistics) or its value; @return 1 when ok and finite. */
int bg__metric_figure(const struct cJSON *metric, double *v);
/** How a report counts and shows a benchmark: failed (status "error", or a metric "error":
 * never shown as passed), skipped, or ok. */
typedef enum bg__bench_state { BG__BENCH_OK, BG__BENCH_SKIPPED, BG__BENCH_FAILED } bg__bench_state;
/** The benchmark's state (result_status.c). */
bg__bench_state bg__report_state(const struct cJSON *bench);
/** Appends why it failed or was skipped: its error_message, or for an ok benchmark with metrics
 * in error "metric: message" of each, "; "-separated; nothing for an ok one. */
void bg__report_reason(const struct cJSON *bench, bg__strbuf *why);

/* gbench_write.c: Google Benchmark's JSON, for `benchgate export --format=gbench` and a bench
 * executable's --benchmark_format=json alike */
/** The document of doc (a result) as Google Benchmark writes it: every repetition and the
 *  aggregates, or with overall_only one entry per benchmark (its overall median). */
bg_err bg__gbench_document(const struct cJSON *doc, int overall_only, bg__strbuf *sb,
                           bg__error *err);

/* ---- verdict.json rows (verdict_json.c): the gate writes them, reports read them ---- */

struct bg_comparison;
/** 1 when the row's change is in points (accuracy metrics), 0 for percent. */
int bg__comparison_in_points(const struct bg_comparison *r);
/** One compared row as the JSON object of verdict.json and gate.json. */
struct cJSON *bg__comparison_json(const struct bg_comparison *r);

#endif /* BENCHGATE_RESULTS_INTERNAL_H */
