/* publish_plot.c - the SVG plots of benchgate publish, drawn by hand: a benchmark's medians
 * over commits, one line and CI band per machine class, the change points marked, each commit's
 * sha, date and figures in a <title> (the browser's tooltip), on a linear scale that the
 * page's switch redraws on a log one (publish_pages.c); a sparkline per series for the index. The
 * data sit in a nested <svg> of one unit per commit and 1000 units of height, stretched to the
 * plot area, so that coordinates are short integers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish.h"
#include "report/report.h"

#define PLOT_X 96.0 /* the plot area in the outer SVG */
#define PLOT_Y 14.0
#define PLOT_W 880.0
#define PLOT_H 300.0
#define FULL 1000.0 /* the data area's height in its own units */

static const char *const colours[] = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1",
                                      "#76b7b2", "#edc948", "#9c755f", "#e15759"};

const char *bg__plot_colour(int i) {
    return colours[(size_t)i % (sizeof colours / sizeof *colours)];
}

/** A y scale: t = (f(v) - lo) / (hi - lo), f the identity or log10. */
typedef struct yscale {
    int log;
    double lo, hi;
} yscale;

static double f_of(const yscale *y, double v) {
    return y->log ? (v > 0 ? log10(v) : y->lo) : v;
}

static int to_y(const yscale *y, double v) {
    double t = (f_of(y, v) - y->lo) / (y->hi - y->lo);
    t = t < -0.05 ? -0.05 : t > 1.05 ? 1.05 : t;
    return (int)lround(FULL * (1 - t));
}

static double band_lo(const bg__cpoint *p) {
    return isfinite(p->half_ci) ? p->value - p->half_ci : p->value;
}

static double band_hi(const bg__cpoint *p) {
    return isfinite(p->half_ci) ? p->value + p->half_ci : p->value;
}

static yscale make_yscale(const bg__site *site, const bg__pbench *b, int log_scale) {
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = b->first; i < b->first + b->count; i++)
        for (size_t k = 0; k < site->series[i].s->n; k++) {
            const bg__cpoint *p = &site->series[i].s->pts[k];
            double l = band_lo(p) > 0 || !log_scale ? band_lo(p) : p->value;
            if (!log_scale || l > 0)
                lo = fmin(lo, log_scale ? log10(l) : l);
            if (!log_scale || p->value > 0)
                hi = fmax(hi, log_scale ? log10(band_hi(p)) : band_hi(p));
        }
    if (!isfinite(lo) || !isfinite(hi))
        lo = 0, hi = 1;
    double pad = (hi - lo) * 0.06;
    if (!(pad > 0))
        pad = log_scale ? 0.05 : fmax(fabs(hi) * 0.05, 1e-12);
    yscale y = {log_scale, lo - pad, hi + pad};
    if (!log_scale && lo >= 0 && y.lo < 0)
        y.lo = 0;
    return y;
}

/* The y axis' ticks and gridlines: 5 steps (linear) or each decade and its halves (log). */
static void y_ticks(bg__strbuf *sb, const yscale *y, const char *unit) {
    for (int i = 0; i <= 5; i++) {
        double f = y->lo + (y->hi - y->lo) * i / 5, v = y->log ? pow(10, f) : f;
        double py = PLOT_Y + PLOT_H * (1 - (double)i / 5);
        char label[64];
        bg__figure_human_utf8(v, unit, label, sizeof label);
        bg__sb_printf(sb,
                      "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#e4e7eb\"/>"
                      "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" fill=\"#555\" "
                      "text-anchor=\"end\">",
                      PLOT_X, py, PLOT_X + PLOT_W, py, PLOT_X - 6, py + 4);
        bg__html_text(sb, label);
        bg__sb_printf(sb, "</text>\n");
    }
}

/* The place of commit on the axis (sorted by key, then as given). */
static size_t x_of(const bg__pcommit *axis, size_t n, long long key, const char *commit) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (axis[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n && axis[i].key == key; i++)
        if (strcmp(axis[i].commit, commit) == 0)
            return i;
    return lo < n ? lo : n - 1;
}

static void series_lines(bg__strbuf *sb, const bg__pseries *ps, const yscale *y,
                         const bg__pcommit *axis, size_t n) {
    const bg__cseries *s = ps->s;
    const char *c = bg__plot_colour(ps->colour);
    bg__sb_printf(sb, "<path class=\"band\" fill=\"%s\" d=\"", c);
    for (size_t k = 0; k < s->n; k++)
        bg__sb_printf(sb, "%s%zu %d", k ? " " : "M", x_of(axis, n, s->pts[k].key, s->pts[k].commit),
                      to_y(y, band_hi(&s->pts[k])));
    for (size_t k = s->n; k-- > 0;)
        bg__sb_printf(sb, " %zu %d", x_of(axis, n, s->pts[k].key, s->pts[k].commit),
                      to_y(y, band_lo(&s->pts[k])));
    bg__sb_printf(sb, "Z\"/>\n<polyline class=\"line\" stroke=\"%s\" points=\"", c);
    for (size_t k = 0; k < s->n; k++)
        bg__sb_printf(sb, "%s%zu,%d", k ? " " : "", x_of(axis, n, s->pts[k].key, s->pts[k].commit),
                      to_y(y, s->pts[k].value));
    bg__sb_printf(sb, "\"/>\n");
}

/* The figures of every series at axis commit i, for its tooltip. */
static void column_title(bg__strbuf *sb, const bg__site *site, const bg__pbench *b,
                         const bg__pcommit *axis, size_t n, size_t i, size_t *next) {
    bg__sb_printf(sb, "<rect x=\"%zu\"><title>%.8s %.10s", i, axis[i].commit, axis[i].date);
    for (size_t j = 0; j < b->count; j++) {
        const bg__cseries *s = site->series[b->first + j].s;
        for (; next[j] < s->n; next[j]++) {
            const bg__cpoint *p = &s->pts[next[j]];
            size_t x = x_of(axis, n, p->key, p->commit);
            if (x > i)
                break;
            char fig[64];
            bg__figure_human_utf8(p->value, s->unit, fig, sizeof fig);
            if (b->count > 1) {
                bg__sb_printf(sb, "\n");
                bg__html_text(sb, s->machine_class);
            }
            bg__sb_printf(sb, ": %s", fig);
        }
    }
    bg__sb_printf(sb, "</title></rect>\n");
}

static void hover_columns(bg__strbuf *sb, const bg__site *site, const bg__pbench *b,
                          const bg__pcommit *axis, size_t n) {
    size_t *next = calloc(b->count + 1, sizeof *next);
    if (next == NULL) {
        sb->failed = 1;
        return;
    }
    bg__sb_printf(sb, "<g class=\"hv\">\n");
    for (size_t i = 0; i < n; i++)
        column_title(sb, site, b, axis, n, i, next);
    bg__sb_printf(sb, "</g>\n");
    free(next);
}

static void change_marks(bg__strbuf *sb, const bg__site *site, const bg__pbench *b,
                         const bg__pcommit *axis, size_t n) {
    for (size_t j = b->first; j < b->first + b->count; j++)
        for (size_t k = 0; k < site->series[j].nchanges; k++) {
            const bg__change *x = &site->series[j].changes[k];
            const bg__cpoint *p = &x->s->pts[x->at];
            double at = (double)x_of(axis, n, p->key, p->commit) - 0.5;
            bg__sb_printf(sb,
                          "<path class=\"cp %s\" d=\"M%.1f 0V1000\"><title>%s %+.2f%% at %.10s (",
                          x->regression ? "reg" : "imp", at,
                          x->regression ? "regression" : "improvement", x->pct, p->commit);
            bg__html_text(sb, x->s->machine_class);
            bg__sb_printf(sb, ")</title></path>\n");
        }
}

static void x_labels(bg__strbuf *sb, const bg__pcommit *axis, size_t n) {
    size_t at[3] = {0, n / 2, n - 1};
    const char *anchor[3] = {"start", "middle", "end"};
    for (int i = 0; i < 3; i++) {
        double x = PLOT_X + (n > 1 ? PLOT_W * (double)at[i] / (double)(n - 1) : 0);
        bg__sb_printf(sb,
                      "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" fill=\"#555\" "
                      "text-anchor=\"%s\">%.10s ",
                      x, PLOT_Y + PLOT_H + 16, anchor[i], axis[at[i]].date);
        char sha[9];
        snprintf(sha, sizeof sha, "%s", axis[at[i]].commit);
        bg__html_text(sb, sha);
        bg__sb_printf(sb, "</text>\n");
        if (n < 3)
            break;
    }
}

static void data_area(bg__strbuf *sb, size_t n) {
    bg__sb_printf(sb,
                  "<svg x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %zu "
                  "%.0f\" preserveAspectRatio=\"none\" overflow=\"visible\">\n",
                  PLOT_X, PLOT_Y, PLOT_W, PLOT_H, n > 1 ? n - 1 : 1, FULL);
}

/* The lines are drawn on the linear scale; the page's script redraws them on the log scale
 * (data-lin and data-log: each scale's range) and the CSS shows that scale's ticks. */
void bg__plot_bench(bg__strbuf *sb, const bg__site *site, const bg__pbench *b,
                    const bg__pcommit *axis, size_t n) {
    yscale lin = make_yscale(site, b, 0), lg = make_yscale(site, b, 1);
    const char *unit = site->series[b->first].s->unit;
    bg__sb_printf(sb,
                  "<svg class=\"chart plot\" viewBox=\"0 0 1000 %.0f\" data-lin=\"%.17g %.17g\" "
                  "data-log=\"%.17g %.17g\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
                  "<g class=\"lin\">",
                  PLOT_Y + PLOT_H + 26, lin.lo, lin.hi, lg.lo, lg.hi);
    y_ticks(sb, &lin, unit);
    bg__sb_printf(sb, "</g>\n<g class=\"log\">");
    y_ticks(sb, &lg, unit);
    bg__sb_printf(sb, "</g>\n");
    x_labels(sb, axis, n);
    data_area(sb, n);
    for (size_t j = b->first; j < b->first + b->count; j++)
        series_lines(sb, &site->series[j], &lin, axis, n);
    hover_columns(sb, site, b, axis, n);
    change_marks(sb, site, b, axis, n);
    bg__sb_printf(sb, "</svg>\n</svg>\n");
}

void bg__plot_spark(bg__strbuf *sb, const bg__pseries *ps) {
    const bg__cseries *s = ps->s;
    size_t from = s->n > 120 ? s->n - 120 : 0, n = s->n - from;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = from; k < s->n; k++)
        lo = fmin(lo, s->pts[k].value), hi = fmax(hi, s->pts[k].value);
    yscale y = {0, lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1};
    if (!(y.hi > y.lo))
        y.lo = lo - 1, y.hi = hi + 1;
    bg__sb_printf(sb,
                  "<svg class=\"spark\" viewBox=\"0 0 %zu 1000\" preserveAspectRatio=\"none\" "
                  "xmlns=\"http://www.w3.org/2000/svg\"><polyline points=\"",
                  n > 1 ? n - 1 : 1);
    for (size_t k = from; k < s->n; k++)
        bg__sb_printf(sb, "%s%zu,%d", k > from ? " " : "", k - from, to_y(&y, s->pts[k].value));
    bg__sb_printf(sb, "\"/>");
    for (size_t k = 0; k < ps->nchanges; k++)
        if (ps->changes[k].at >= from)
            bg__sb_printf(sb, "<path class=\"cp %s\" d=\"M%.1f 0V1000\"/>",
                          ps->changes[k].regression ? "reg" : "imp",
                          (double)(ps->changes[k].at - from) - 0.5);
    bg__sb_printf(sb, "</svg>");
}
