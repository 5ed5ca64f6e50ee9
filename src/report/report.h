/* report.h - what the report writers share: reading a result, formatting figures, HTML
 * escaping and inline SVG charts (internal). */
#ifndef BENCHGATE_REPORT_INTERNAL_H
#define BENCHGATE_REPORT_INTERNAL_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

/* ---- shared by every writer (report_common.c) ---- */

/** Loads a result file, or RUN_DIR/result.json; `resolved` gets the file read. */
bg_err bg__report_load(const char *path, cJSON **doc, char *resolved, size_t size, bg__error *err);
/** The metric a benchmark is judged by: time_ns, cpu_time_ns or instructions (its measure). */
const char *bg__report_primary(const cJSON *bench);
/* bg__bench_state and bg__report_state: in results/results.h (the gbench writer, which bench
 * executables use too, needs them). */
/** "ok", "skipped" or "error". */
const char *bg__report_state_name(bg__bench_state state);
/** Hands the text to the caller or copies the error out, and releases what is left. */
bg_err bg__report_finish(bg_err rc, bg__error *err, bg__strbuf *sb, char **out_text, char *errbuf,
                         size_t errlen);

/** Writes the text of one result: doc read from path; arg is the caller's. */
typedef bg_err (*bg__report_body)(const cJSON *doc, const char *path, const void *arg,
                                  bg__strbuf *sb, bg__error *err);
/**
 * A public writer of one result's text, whole: loads result_path (a file or RUN_DIR), has body
 * write the text, and hands it to *out_text (the caller frees it) or the error to errbuf.
 */
bg_err bg__report_text(const char *result_path, bg__report_body body, const void *arg,
                       char **out_text, char *errbuf, size_t errlen);

/** Median, range, spread ((max - min) / |median|) and CV (sample sd / |mean|) of a series. */
typedef struct bg__series_figures {
    double median, min, max, spread_pct, cv_pct; /**< NaN when not computable */
} bg__series_figures;
/** The figures of values[0..n) (report_table.c; the values are not changed). */
bg__series_figures bg__report_series_figures(const double *values, size_t n);
/** The display width of UTF-8 text: its code points. */
int bg__report_text_width(const char *s);
/**
 * Appends one line of an aligned text table: column c is cells + c * cell_size, padded to
 * width[c]; the columns whose bit is set in right_aligned are right-aligned; the last column
 * gets no trailing padding.
 */
void bg__report_table_line(bg__strbuf *sb, const char *cells, size_t cell_size, int cols,
                           const int *width, unsigned right_aligned);

/** Appends the CSV fields every series row starts with: benchmark, family, metric, unit, runs
 * (values) and runs_seen, each followed by a comma. */
void bg__report_csv_series(bg__strbuf *sb, const char *bench, const char *family,
                           const char *metric, const char *unit, size_t runs, int seen);
/** Appends v as the shortest text that reads back exactly ("" for NaN), then a comma. */
void bg__report_csv_number(bg__strbuf *sb, double v);

/* ---- export's writers: one file per format, in export.c's table ---- */

/** What an export format reads. */
typedef struct bg__export_ctx {
    const cJSON *doc;
    const cJSON *benchmarks;
    const char *path; /**< the result.json read */
} bg__export_ctx;

/** result.csv's columns and numbers, from the JSON (export_csv.c). */
bg_err bg__export_csv(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err);
/** A Markdown report, one table per family (export_md.c). */
bg_err bg__export_md(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err);
/** JUnit XML, failures from the verdict.json beside the result (export_junit.c). */
bg_err bg__export_junit(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err);
/** Google Benchmark JSON: every repetition and the aggregates (export_gbench.c). */
bg_err bg__export_gbench(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err);
/** Google Benchmark JSON with one entry per benchmark, its overall median. */
bg_err bg__export_gbench_aggregates(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err);

/* ---- github-action-benchmark's custom JSON (export_custom.c) ---- */

/** The ok metrics that are better lower (customSmallerIsBetter), one entry each. */
bg_err bg__export_custom_smaller(const cJSON *benchmarks, bg__strbuf *sb, bg__error *err);
/** The ok metrics that are better higher (customBiggerIsBetter), one entry each. */
bg_err bg__export_custom_bigger(const cJSON *benchmarks, bg__strbuf *sb, bg__error *err);

/* ---- HTML and SVG (report_html.c, report_svg.c) ---- */

struct cJSON;

/** The report's style sheet (one <style> element's text): tables, badges, cards, charts. */
const char *bg__html_css(void);

/** Appends text with &, <, >, " and ' escaped and control characters (but \n, \t) as spaces. */
void bg__html_text(bg__strbuf *sb, const char *text);

/** One bar of a chart: a median with its 95% confidence interval. */
typedef struct bg__chart_bar {
    const char *label; /**< shown left of the bar */
    double value;      /**< the median (finite, > 0 for log scales) */
    double lo, hi;     /**< its CI; NaN when unknown (no whisker) */
    const char *tone;  /**< "ok", "regression" or "improvement": the bar's colour */
} bg__chart_bar;

/** A horizontal bar chart with CI whiskers. */
typedef struct bg__chart {
    const char *title; /**< above the bars ("time_ns: median and 95% CI") */
    const char *unit;  /**< the values' unit: "ns" is shown as ns/µs/ms/s */
    const bg__chart_bar *bars;
    size_t count;
    /** 2 with series: pairs of bars, bars[2i] (series[0], the baseline) and bars[2i + 1]
     *  (series[1], the run) under bars[2i]'s label, each series in its colour, and a legend; a
     *  bar of a pair may have no figure (value NaN). 0 or 1: one bar per label. */
    size_t group;
    const char *const *series; /**< the two series' names for the legend (with group 2) */
} bg__chart;

/**
 * Appends the chart as an inline <svg> (no script, no external reference) that is as wide as
 * its container (width 100%, the height following the viewBox): a log scale when the values
 * span more than a factor of 50, else linear from 0; a label column as wide as the longest
 * label; gridlines with labels, a <title> tooltip per bar.
 */
void bg__svg_bar_chart(bg__strbuf *sb, const bg__chart *c);

/**
 * The whole page of one result document (the result.json at path, already checked).
 * @return BG_OK, or BG_EINPUT for a verdict.json beside it that cannot be read
 */
bg_err bg__report_html_doc(const struct cJSON *doc, const char *path, bg__strbuf *sb,
                           bg__error *err);

/** One item of an index: the item and its position in the list. */
typedef struct bg__html_entry {
    const struct cJSON *item;
    size_t pos;
} bg__html_entry;

/** A list's items sorted by one of their strings ("name" or "benchmark"), then by position, so
 *  that a page of thousands of benchmarks finds each in O(log n) (report_html_pair.c). */
typedef struct bg__html_index {
    bg__html_entry *at;
    size_t n;
    const char *key;
} bg__html_index;

/** The indexes of a page (bg__html_page.index). */
enum { BG__HTML_A, BG__HTML_B, BG__HTML_ROWS };

/** Sorts list's items by key, "name" or "benchmark", equal keys in the list's order.
 *  @return 0; -1 out of memory (then empty). */
int bg__html_index_make(const struct cJSON *list, const char *key, bg__html_index *ix);
/** @return the first position whose key is not below name (ix->n when none). */
size_t bg__html_index_first(const bg__html_index *ix, const char *name);
/** @return the item whose key is name, or NULL. */
const struct cJSON *bg__html_index_find(const bg__html_index *ix, const char *name);
/** Frees the index (not the items). */
void bg__html_index_free(bg__html_index *ix);

/** What one page shows: a run and its verdicts; on the page of two runs, its baseline too. */
typedef struct bg__html_page {
    const struct cJSON *doc;  /**< the run (B on the page of two) */
    const char *path;         /**< its result.json */
    const struct cJSON *rows; /**< verdict rows (verdict.json's shape): the run's, or B's
                                   comparison with A */
    const struct cJSON *base; /**< the baseline A, NULL for the page of one run */
    const char *base_path;    /**< A's result.json */
    const char *series[2];    /**< the charts' legend: A's name, B's name */
    /** [BG__HTML_ROWS]: the rows by benchmark; [BG__HTML_B]: the run's benchmarks by name;
     *  on the page of two, [BG__HTML_A]: A's benchmarks by name */
    const bg__html_index *index;
} bg__html_page;

/** Appends the page (report_html.c). */
void bg__report_html_page(const bg__html_page *p, bg__strbuf *sb);
/** A status or verdict as a coloured badge. */
void bg__html_badge(bg__strbuf *sb, const char *text);
/** The benchmark's name without "family/" in front. */
const char *bg__html_short_name(const struct cJSON *bench);
/** A metric's 95% CI of the median; NaN, NaN when it has none. */
void bg__html_ci(const struct cJSON *metric, double *lo, double *hi);
/** @return 1 when a benchmark before upto in list is of this family. */
int bg__html_family_seen(const struct cJSON *list, const struct cJSON *upto, const char *family);

/* ---- the page of two runs (report_html_pair.c) ---- */

/** The notes above the cards: how B was compared with A, and a machine class mismatch. */
void bg__html_pair_notes(bg__strbuf *sb, const bg__html_page *p);
/** The family's chart: per instance A's bar and B's bar, in two colours, with a legend. */
void bg__html_pair_chart(bg__strbuf *sb, const bg__html_page *p, const char *family);
/** The family's comparison table: per benchmark A's and B's median, the change and verdict. */
void bg__html_pair_table(bg__strbuf *sb, const bg__html_page *p, const char *family);
/** The sections of the families that only A holds (chart and comparison table). */
void bg__html_pair_baseline_only(bg__strbuf *sb, const bg__html_page *p);

#endif /* BENCHGATE_REPORT_INTERNAL_H */
