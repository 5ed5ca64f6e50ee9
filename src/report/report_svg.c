/* report_svg.c - inline SVG charts for the HTML report: horizontal bars of medians with their
 * 95% confidence intervals as whiskers, one bar per label or two (a baseline and a run, with a
 * legend), drawn by hand (no script, no library). The SVG scales to its container's width. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"

#define CHART_W 1116.0 /* the main column's width inside the chart's padding: drawn at 1:1 */
#define ROW_H 26.0     /* one bar per label */
#define PAIR_STEP 15.0 /* two bars per label: each bar's height and gap */
#define PAIR_GAP 12.0  /* and the space between two labels' pairs */
#define TOP 30.0
#define LEGEND_H 20.0
#define AXIS_H 34.0
#define RIGHT 120.0
#define LABEL_MAX 46

/** Where values land: x = x0 + t * (x1 - x0), t on a linear or log10 scale. */
typedef struct scale {
    int log;
    double lo, hi; /**< the axis range (log: powers of ten) */
    double x0, x1;
} scale;

static double to_x(const scale *s, double v) {
    double t;
    if (s->log)
        t = v > 0 ? (log10(v) - s->lo) / (s->hi - s->lo) : 0;
    else
        t = (v - s->lo) / (s->hi - s->lo);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return s->x0 + t * (s->x1 - s->x0);
}

static void value_range(const bg__chart *c, double *min_pos, double *max) {
    *min_pos = INFINITY;
    *max = 0;
    for (size_t i = 0; i < c->count; i++) {
        const bg__chart_bar *b = &c->bars[i];
        double lo = isfinite(b->lo) && b->lo > 0 ? b->lo : b->value;
        double hi = isfinite(b->hi) && b->hi > b->value ? b->hi : b->value;
        if (lo > 0 && lo < *min_pos)
            *min_pos = lo;
        if (hi > *max)
            *max = hi;
    }
}

/* A step of 1, 2 or 5 times a power of ten that gives about 5 ticks up to max. */
static double nice_step(double max) {
    double raw = max / 5, mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static scale make_scale(const bg__chart *c, double x0, double x1) {
    scale s = {0, 0, 1, x0, x1};
    double min_pos, max;
    value_range(c, &min_pos, &max);
    if (!(max > 0))
        return s;
    if (isfinite(min_pos) && max / min_pos > 50) {
        s.log = 1;
        s.lo = floor(log10(min_pos));
        s.hi = ceil(log10(max));
        s.hi += s.hi == s.lo;
        return s;
    }
    double step = nice_step(max);
    s.hi = ceil(max * 1.02 / step) * step;
    return s;
}

static void tick(bg__strbuf *sb, const scale *s, double v, double top, double bottom,
                 const char *unit) {
    char label[64];
    double x = to_x(s, v);
    bg__figure_human_utf8(v, unit, label, sizeof label);
    bg__sb_printf(sb,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d9dde3\" "
                  "stroke-width=\"1\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                  "fill=\"#555\" text-anchor=\"middle\">",
                  x, top - 4, x, bottom, x, bottom + 15);
    bg__html_text(sb, label);
    bg__sb_printf(sb, "</text>\n");
}

static void axis(bg__strbuf *sb, const scale *s, double top, double bottom, const char *unit) {
    if (s->log) {
        for (double e = s->lo; e <= s->hi + 1e-9; e++)
            tick(sb, s, pow(10, e), top, bottom, unit);
        return;
    }
    double step = nice_step(s->hi > 0 ? s->hi / 1.0 : 1);
    for (double v = 0; v <= s->hi * (1 + 1e-9); v += step)
        tick(sb, s, v, top, bottom, unit);
}

static const char *const series_colours[2] = {"#9aa5b1", "#4e79a7"};

static const char *colour(const char *tone) {
    if (tone && strcmp(tone, "regression") == 0)
        return "#d64545";
    if (tone && strcmp(tone, "improvement") == 0)
        return "#3f9b4f";
    return "#4e79a7";
}

static void whisker(bg__strbuf *sb, const scale *s, const bg__chart_bar *b, double cy,
                    double half) {
    if (!isfinite(b->lo) || !isfinite(b->hi))
        return;
    double a = to_x(s, b->lo), z = to_x(s, b->hi);
    bg__sb_printf(sb,
                  "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#1f2933\" "
                  "stroke-width=\"1.5\" fill=\"none\"/>\n",
                  a, cy, z, a, cy - half, cy + half, z, cy - half, cy + half);
}

/* "[series: ]label: median v, 95% CI lo to hi[ (tone)]" */
static void tooltip(bg__strbuf *sb, const bg__chart_bar *b, const char *unit, const char *series) {
    char v[64], lo[64], hi[64];
    bg__figure_human_utf8(b->value, unit, v, sizeof v);
    bg__figure_human_utf8(b->lo, unit, lo, sizeof lo);
    bg__figure_human_utf8(b->hi, unit, hi, sizeof hi);
    bg__sb_printf(sb, "<title>");
    if (series) {
        bg__html_text(sb, series);
        bg__sb_printf(sb, ": ");
    }
    bg__html_text(sb, b->label);
    bg__sb_printf(sb, ": median ");
    bg__html_text(sb, v);
    if (isfinite(b->lo) && isfinite(b->hi)) {
        bg__sb_printf(sb, ", 95%% CI ");
        bg__html_text(sb, lo);
        bg__sb_printf(sb, " to ");
        bg__html_text(sb, hi);
    }
    if (series && b->tone && b->tone[0]) {
        bg__sb_printf(sb, " (");
        bg__html_text(sb, b->tone);
        bg__sb_printf(sb, ")");
    }
    bg__sb_printf(sb, "</title>\n");
}

static void short_label(const char *label, char *out, size_t size) {
    size_t n = strlen(label);
    if (n <= LABEL_MAX)
        snprintf(out, size, "%s", label);
    else
        snprintf(out, size, "%.*s...", LABEL_MAX - 3, label);
}

static void bar_label(bg__strbuf *sb, const scale *s, const char *text, double cy) {
    char label[LABEL_MAX + 8];
    short_label(text, label, sizeof label);
    bg__sb_printf(sb,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-family=\"monospace\" "
                  "fill=\"#1f2933\" text-anchor=\"end\">",
                  s->x0 - 8, cy + 4);
    bg__html_text(sb, label);
    bg__sb_printf(sb, "</text>\n");
}

/** How one bar is drawn: its centre, height, colour, and the series named in its tooltip. */
typedef struct bar_place {
    double cy, height;
    const char *fill;
    const char *series; /**< NULL: one bar per label */
} bar_place;

/* The bar, its whisker and its value; a bar without a figure (one run only) says so. */
static void bar_body(bg__strbuf *sb, const scale *s, const bg__chart_bar *b, const bar_place *p,
                     const char *unit) {
    char text[64];
    if (!(b->value > 0) || !isfinite(b->value)) {
        bg__sb_printf(sb,
                      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#7b8794\">no "
                      "figure</text>\n",
                      s->x0 + 4, p->cy + 4);
        return;
    }
    double x = to_x(s, b->value), end = x;
    if (isfinite(b->hi) && to_x(s, b->hi) > end)
        end = to_x(s, b->hi);
    bg__figure_human_utf8(b->value, unit, text, sizeof text);
    bg__sb_printf(sb,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" rx=\"2\" "
                  "fill=\"%s\"/>\n",
                  s->x0, p->cy - p->height / 2, x - s->x0 > 1 ? x - s->x0 : 1, p->height, p->fill);
    whisker(sb, s, b, p->cy, p->height / 2 - 2);
    bg__sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"#1f2933\">", end + 6,
                  p->cy + 4, p->series ? 11 : 12);
    bg__html_text(sb, text);
    bg__sb_printf(sb, "</text>\n");
}

static void bar(bg__strbuf *sb, const scale *s, const bg__chart_bar *b, double cy,
                const char *unit) {
    bg__sb_printf(sb, "<g>\n");
    tooltip(sb, b, unit, NULL);
    bar_label(sb, s, b->label, cy);
    bar_body(sb, s, b, &(bar_place){cy, 16, colour(b->tone), NULL}, unit);
    bg__sb_printf(sb, "</g>\n");
}

/* Two bars under one label: the first series' above the second's. */
static void bar_pair(bg__strbuf *sb, const scale *s, const bg__chart *c, size_t i, double top) {
    bar_label(sb, s, c->bars[2 * i].label, top + PAIR_STEP);
    for (size_t k = 0; k < 2; k++) {
        const bg__chart_bar *b = &c->bars[2 * i + k];
        bar_place p = {top + PAIR_STEP * ((double)k + 0.5), PAIR_STEP - 2, series_colours[k],
                       c->series[k]};
        bg__sb_printf(sb, "<g>\n");
        tooltip(sb, b, c->unit, p.series);
        bar_body(sb, s, b, &p, c->unit);
        bg__sb_printf(sb, "</g>\n");
    }
}

/* The legend of a chart of pairs: a swatch and the name of each series. */
static void legend(bg__strbuf *sb, const bg__chart *c) {
    double x = 0;
    for (size_t k = 0; k < 2; k++) {
        bg__sb_printf(sb,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" rx=\"2\" "
                      "fill=\"%s\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                      "fill=\"#1f2933\">",
                      x, TOP - 4, series_colours[k], x + 17, TOP + 6);
        bg__html_text(sb, c->series[k]);
        bg__sb_printf(sb, "</text>\n");
        x += 40 + 6.6 * (double)bg__report_text_width(c->series[k]);
    }
}

static double label_width(const bg__chart *c) {
    size_t longest = 4;
    for (size_t i = 0; i < c->count; i++) {
        size_t n = strlen(c->bars[i].label);
        longest = n > longest ? n : longest;
    }
    longest = longest > LABEL_MAX ? LABEL_MAX : longest;
    return 16 + 7.3 * (double)longest;
}

/* The rows' height, and where the first one starts. */
static double rows_height(const bg__chart *c, double *top) {
    int pairs = c->group == 2 && c->series != NULL;
    *top = TOP + (pairs ? LEGEND_H : 0);
    if (pairs)
        return (PAIR_STEP * 2 + PAIR_GAP) * (double)(c->count / 2);
    return ROW_H * (double)c->count;
}

static void bars(bg__strbuf *sb, const scale *s, const bg__chart *c, double top) {
    if (c->group == 2 && c->series != NULL) {
        for (size_t i = 0; i < c->count / 2; i++)
            bar_pair(sb, s, c, i, top + PAIR_GAP / 2 + (PAIR_STEP * 2 + PAIR_GAP) * (double)i);
        return;
    }
    for (size_t i = 0; i < c->count; i++)
        bar(sb, s, &c->bars[i], top + ROW_H * ((double)i + 0.5), c->unit);
}

void bg__svg_bar_chart(bg__strbuf *sb, const bg__chart *c) {
    double top, rows = rows_height(c, &top), height = top + rows + AXIS_H;
    scale s = make_scale(c, label_width(c), CHART_W - RIGHT);
    bg__sb_printf(sb,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"100%%\" "
                  "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
                  height, CHART_W, height);
    bg__html_text(sb, c->title);
    bg__sb_printf(sb, "\" font-family=\"sans-serif\">\n<text x=\"0\" y=\"16\" font-size=\"13\" "
                      "font-weight=\"bold\" fill=\"#1f2933\">");
    bg__html_text(sb, c->title);
    bg__sb_printf(sb, "%s</text>\n", s.log ? " (log scale)" : "");
    if (c->group == 2 && c->series != NULL)
        legend(sb, c);
    axis(sb, &s, top, top + rows, c->unit);
    bars(sb, &s, c, top);
    bg__sb_printf(sb, "</svg>\n");
}
