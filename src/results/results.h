/* results.h - writing a run's results, and the one validation of every result document
 * a reader meets (internal). */
#ifndef BENCHGATE_RESULTS_INTERNAL_H
#define BENCHGATE_RESULTS_INTERNAL_H

#include <stdio.h>

#include "measure/measure.h"

/* results_json.c, results_csv.c, console.c */
struct cJSON *bg__run_json(const bg__run *run, int complete);
void bg__results_csv(const bg__run *run, bg__strbuf *out);
void bg__samples_csv(const bg__run *run, bg__strbuf *out);
void bg__summary_md(const bg__run *run, bg__strbuf *out);
void bg__console_table(const bg__run *run, FILE *out);
void bg__ctest_measurements(const bg__run *run, FILE *out);
bg_err bg__write_results(bg__run *run, int complete, bg__error *err);

/* ---- reading checked results (result_load.c) ---- */

/** Parses a strict benchgate.result/1 document; BG_EINPUT with the path in err on failure. */
bg_err bg__load_result(const char *path, struct cJSON **out, bg__error *err);
/** bg__load_result of two files at once, the second on a thread of its own; on failure the
 *  first file's problem (the baseline's, for compare) is in err and nothing is kept. */
bg_err bg__load_result_pair(const char *const path[2], struct cJSON *doc[2], bg__error *err);
/** cJSON_Delete of two documents at once (a 30 MB document takes a while to free). */
void bg__json_delete_pair(struct cJSON *a, struct cJSON *b);

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

/* ---- verdict.json rows (verdict_json.c): the gate writes them, reports read them ---- */

struct bg_comparison;
/** 1 when the row's change is in points (accuracy metrics), 0 for percent. */
int bg__comparison_in_points(const struct bg_comparison *r);
/** One compared row as the JSON object of verdict.json and gate.json. */
struct cJSON *bg__comparison_json(const struct bg_comparison *r);

#endif /* BENCHGATE_RESULTS_INTERNAL_H */
