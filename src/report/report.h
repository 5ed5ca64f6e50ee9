/* report.h - what the report writers share: reading a result, formatting figures, HTML
 * escaping and inline SVG charts (internal). */
#ifndef BENCHGATE_REPORT_INTERNAL_H
#define BENCHGATE_REPORT_INTERNAL_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "common/common.h"
#include "measure/measure.h"

/** Loads a result file, or RUN_DIR/result.json; `resolved` gets the file read. */
bg_err bg__report_load(const char *path, cJSON **doc, char *resolved, size_t size, bg__error *err);
/** The metric a benchmark is judged by: time_ns, cpu_time_ns or instructions (its measure). */
const char *bg__report_primary(const cJSON *bench);
/** A metric's figure, its median (statistics) or its value; @return 1 when ok and finite. */
int bg__report_metric_value(const cJSON *metric, double *v);
/** The shortest text that reads back as exactly v ("" for NaN and infinities). */
void bg__report_number(double v, char *buf, size_t size);
/** v in unit for people: "148.5 ns", "5.77 us", "136.2 GB/s", "1.5 M" (4 digits). */
void bg__report_human(double v, const char *unit, char *buf, size_t size);
/** Appends text as one Markdown table cell's content (| escaped, line breaks as spaces). */
void bg__report_md_text(bg__strbuf *sb, const char *text);
/** Hands the text to the caller or copies the error out, and releases what is left. */
bg_err bg__report_finish(bg_err rc, bg__error *err, bg__strbuf *sb, char **out_text, char *errbuf,
                         size_t errlen);

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

/* ---- github-action-benchmark's custom JSON (export_custom.c) ---- */

/** The ok metrics that are better lower (customSmallerIsBetter), one entry each. */
bg_err bg__export_custom_smaller(const cJSON *benchmarks, bg__strbuf *sb, bg__error *err);
/** The ok metrics that are better higher (customBiggerIsBetter), one entry each. */
bg_err bg__export_custom_bigger(const cJSON *benchmarks, bg__strbuf *sb, bg__error *err);

/* ---- HTML and SVG (report_html.c, report_svg.c) ---- */

struct cJSON;

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
    const char *unit;  /**< the values' unit: "ns" is shown as ns/us/ms/s */
    const bg__chart_bar *bars;
    size_t count;
} bg__chart;

/**
 * Appends the chart as an inline <svg> (no script, no external reference): a log scale when
 * the values span more than a factor of 50, else linear from 0; gridlines with labels, a
 * <title> tooltip per bar.
 */
void bg__svg_bar_chart(bg__strbuf *sb, const bg__chart *c);

/**
 * The whole page of one result document (the result.json at path, already checked).
 * @return BG_OK, or BG_EINPUT for a verdict.json beside it that cannot be read
 */
bg_err bg__report_html_doc(const struct cJSON *doc, const char *path, bg__strbuf *sb,
                           bg__error *err);

#endif /* BENCHGATE_REPORT_INTERNAL_H */
