/*
 * report.h - result files re-written for people and other tools: one run exported as CSV,
 * JSON, Markdown, JUnit XML or Google Benchmark JSON, and several runs summarised.
 *
 * Ownership: the text these functions return in *out_text is allocated by the library and
 * belongs to the caller, who releases it with bg_text_free(). Paths and formats passed in
 * are only read during the call. Error messages go to the caller's errbuf (they name the
 * file and what is wrong with it); nothing is kept in a global.
 */
#ifndef BENCHGATE_REPORT_H
#define BENCHGATE_REPORT_H

#include "benchgate/api.h"

#include <stddef.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The formats of bg_export(), as written in messages and --help. */
#define BG_EXPORT_FORMATS                                                                          \
    "csv, json, md, junit, gbench, gbench-aggregates, custom-smaller, custom-bigger, html"

/** The formats of bg_summary(). */
#define BG_SUMMARY_FORMATS "table, md, csv, json"

/**
 * Exports one run.
 *
 * Formats:
 * - "csv": one row per benchmark x metric: benchmark,family,device,metric,status,unit,value,
 *   median,ci95_lo,ci95_hi,cv,n,message;
 * - "json": the document re-printed after it was checked to be a strict benchgate.result/1;
 * - "md": GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY), one table per family;
 * - "junit": JUnit XML, one testcase per benchmark; an error benchmark, an error metric or a
 *   "regression" row of a verdict.json next to the result is a failure;
 * - "gbench": Google Benchmark's JSON (for github-action-benchmark's googlecpp tool and
 *   Bencher's cpp_google adapter), ok benchmarks only: one iteration entry per repetition,
 *   then mean/median/stddev/cv aggregates when there are two repetitions or more; the
 *   iterations of an entry are those of its repetition, as Google Benchmark counts them;
 * - "gbench-aggregates": the same JSON with one entry per benchmark, named after it: the
 *   medians over all samples (the figures of result.json), run_type "aggregate" (what
 *   github-action-benchmark stores as one series per benchmark);
 * - "custom-smaller" and "custom-bigger": github-action-benchmark's custom JSON (tools
 *   customSmallerIsBetter and customBiggerIsBetter): one {name, unit, value, range, extra}
 *   per ok benchmark and ok metric better lower (times, counts, memory, errors) or higher
 *   (throughput, accuracy); name is "BENCHMARK METRIC", range the 95% CI's half width;
 * - "html": the page of bg_report_html().
 *
 * @param result_path a result.json, or a run directory that holds one
 * @param format      one of BG_EXPORT_FORMATS
 * @param out_text    receives the exported text (free it with bg_text_free()); NULL on error
 * @param errbuf      receives the error message (may be NULL); errlen its size
 * @return BG_OK; BG_EUSAGE for an unknown format; BG_EINPUT for a missing, unreadable or
 *         invalid result (or verdict.json), the message naming the file; BG_ENOMEM
 */
BG_API bg_err bg_export(const char *result_path, const char *format, char **out_text, char *errbuf,
                        size_t errlen);

/**
 * Summarises several runs, possibly from several machines. For each benchmark and its primary
 * metric (time_ns; instructions where that metric was measured): the number of runs where it
 * was ok, the median, minimum and maximum of the run medians, their spread
 * ((max - min) / median, %), their coefficient of variation (%) and the machine classes; the
 * same for every metric named "accuracy..." (from its value).
 *
 * @param paths    result.json files or run directories; n how many (at least one)
 * @param format   one of BG_SUMMARY_FORMATS ("json" is strict: no NaN or Infinity)
 * @param out_text receives the summary (free it with bg_text_free()); NULL on error
 * @param errbuf   receives the error message (may be NULL); errlen its size
 * @return BG_OK; BG_EUSAGE for no paths or an unknown format; BG_EINPUT naming the file that
 *         is missing or not a benchgate.result/1 document; BG_ENOMEM
 */
BG_API bg_err bg_summary(const char *const *paths, size_t n, const char *format, char **out_text,
                         char *errbuf, size_t errlen);

/**
 * Writes text to path through a temporary file in the same directory, flushed and renamed,
 * so that readers see the old file or the new one, never a part.
 * @param errbuf receives the error message (may be NULL); errlen its size
 * @return BG_OK, or BG_EIO naming the file
 */
BG_API bg_err bg_write_text_file(const char *path, const char *text, char *errbuf, size_t errlen);

/**
 * Renders one run as a self-contained HTML page (inline CSS and SVG; no script, no external
 * asset; every text from the result is HTML-escaped; UTF-8, times in ns, µs, ms, s): the run
 * and its system, counts of statuses and of benchmarks by their worst verdict (regression,
 * inconclusive, improvement, pass), and per benchmark family an SVG bar chart as wide as the
 * page of the primary metric's medians with 95% confidence intervals as whiskers, and a table
 * of medians, CIs, CV, samples, throughput, memory, other metrics (custom, accuracy, plugins)
 * with their statuses, and the verdicts of a verdict.json beside the result (else of
 * RUN_DIR/parts/<bench>/verdict.json).
 *
 * @param result_path a result.json, or a run directory that holds one
 * @param out_text    receives the page (free it with bg_text_free()); NULL on error
 * @param errbuf      receives the error message (may be NULL); errlen its size
 * @return BG_OK; BG_EINPUT for a missing or invalid result or verdict.json (the message
 *         names the file); BG_ENOMEM
 */
BG_API bg_err bg_report_html(const char *result_path, char **out_text, char *errbuf, size_t errlen);

/**
 * Renders two runs as one self-contained HTML page (as bg_report_html()) that compares them:
 * the page of the run at result_path ("B"), compared with the baseline at baseline_path ("A")
 * as bg_compare_files() compares them (default options, machine classes allowed to differ: the
 * page then warns). Per family, a chart of each instance's A and B medians side by side, in two
 * colours with a legend naming both runs, and a comparison table: per benchmark its primary
 * metric's median in A and in B (with units), the change (%) with its confidence interval and
 * the verdict; then B's table of figures, with the comparison's verdicts of every metric. The
 * verdict cards count B's benchmarks by their worst verdict; a verdict.json beside either
 * result is not read. Benchmarks and families of A only are listed too.
 *
 * @param baseline_path A: a result.json, or a run directory that holds one
 * @param result_path   B: the same
 * @param out_text      receives the page (free it with bg_text_free()); NULL on error
 * @param errbuf        receives the error message (may be NULL); errlen its size
 * @return BG_OK; BG_EINPUT for a missing or invalid result, or two results measured
 *         differently (time against instructions), the message naming the file; BG_ENOMEM
 */
BG_API bg_err bg_report_html_pair(const char *baseline_path, const char *result_path,
                                  char **out_text, char *errbuf, size_t errlen);

/**
 * Renders a benchgate.explain/1 document (benchgate explain --format=json) as a self-contained
 * HTML page (inline CSS and SVG; no script, no external asset; every text escaped): an SVG bar
 * chart of each function's change of self instructions per iteration from a zero line
 * (regressions red, improvements blue; one <rect> per function, labelled with the function,
 * its file:line and its share of the total change), then the table of the document.
 *
 * @param explain_json the document's text
 * @param out_text     receives the page (free it with bg_text_free()); NULL on error
 * @param errbuf       receives the error message (may be NULL); errlen its size
 * @return BG_OK; BG_EINPUT for text that is not such a document; BG_ENOMEM
 */
BG_API bg_err bg_report_explain_html(const char *explain_json, char **out_text, char *errbuf,
                                     size_t errlen);

/** Frees text returned by bg_export(), bg_summary(), bg_report_html() or
 *  bg_report_html_pair() (accepts NULL). */
BG_API void bg_text_free(char *text);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_REPORT_H */
