/* report_html.h - the pieces of the HTML report: escaping and inline SVG charts (internal). */
#ifndef BENCHGATE_REPORT_HTML_H
#define BENCHGATE_REPORT_HTML_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

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

#endif /* BENCHGATE_REPORT_HTML_H */
