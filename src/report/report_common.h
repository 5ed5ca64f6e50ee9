/* report_common.h - reading a result and formatting figures, shared by the report writers
 * (export.c, summary.c and the other exporters) (internal). */
#ifndef BENCHGATE_REPORT_COMMON_H
#define BENCHGATE_REPORT_COMMON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "internal.h"

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

#endif /* BENCHGATE_REPORT_COMMON_H */
