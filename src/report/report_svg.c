/* report_svg.c - inline SVG charts for the HTML report: horizontal bars of medians with their
 * 95% confidence intervals as whiskers, drawn by hand (no script, no library). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"

#define CHART_W 880.0
#define ROW_H 26.0
#define TOP 30.0
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

static void tick(bg__strbuf *sb, const scale *s, double v, double bottom, const char *unit) {
    char label[64];
    double x = to_x(s, v);
    bg__report_human(v, unit, label, sizeof label);
    bg__sb_printf(sb,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d9dde3\" "
                  "stroke-width=\"1\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                  "fill=\"#555\" text-anchor=\"middle\">",
                  x, TOP - 4, x, bottom, x, bottom + 15);
    bg__html_text(sb, label);
    bg__sb_printf(sb, "</text>\n");
}

static void axis(bg__strbuf *sb, const scale *s, double bottom, const char *unit) {
    if (s->log) {
        for (double e = s->lo; e <= s->hi + 1e-9; e++)
            tick(sb, s, pow(10, e), bottom, unit);
        return;
    }
    double step = nice_step(s->hi > 0 ? s->hi / 1.0 : 1);
    for (double v = 0; v <= s->hi * (1 + 1e-9); v += step)
        tick(sb, s, v, bottom, unit);
}

static const char *colour(const char *tone) {
    if (tone && strcmp(tone, "regression") == 0)
        return "#d64545";
    if (tone && strcmp(tone, "improvement") == 0)
        return "#3f9b4f";
    return "#4e79a7";
}

static void whisker(bg__strbuf *sb, const scale *s, const bg__chart_bar *b, double cy) {
    if (!isfinite(b->lo) || !isfinite(b->hi))
        return;
    double a = to_x(s, b->lo), z = to_x(s, b->hi);
    bg__sb_printf(sb,
                  "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#1f2933\" "
                  "stroke-width=\"1.5\" fill=\"none\"/>\n",
                  a, cy, z, a, cy - 6, cy + 6, z, cy - 6, cy + 6);
}

static void tooltip(bg__strbuf *sb, const bg__chart_bar *b, const char *unit) {
    char v[64], lo[64], hi[64];
    bg__report_human(b->value, unit, v, sizeof v);
    bg__report_human(b->lo, unit, lo, sizeof lo);
    bg__report_human(b->hi, unit, hi, sizeof hi);
    bg__sb_printf(sb, "<title>");
    bg__html_text(sb, b->label);
    bg__sb_printf(sb, ": median ");
    bg__html_text(sb, v);
    if (isfinite(b->lo) && isfinite(b->hi)) {
        bg__sb_printf(sb, ", 95%% CI ");
        bg__html_text(sb, lo);
        bg__sb_printf(sb, " to ");
        bg__html_text(sb, hi);
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

static void bar(bg__strbuf *sb, const scale *s, const bg__chart_bar *b, double cy,
                const char *unit) {
    char text[64], label[LABEL_MAX + 8];
    double x = to_x(s, b->value), end = x;
    if (isfinite(b->hi) && to_x(s, b->hi) > end)
        end = to_x(s, b->hi);
    bg__report_human(b->value, unit, text, sizeof text);
    short_label(b->label, label, sizeof label);
    bg__sb_printf(sb, "<g>\n");
    tooltip(sb, b, unit);
    bg__sb_printf(sb,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-family=\"monospace\" "
                  "fill=\"#1f2933\" text-anchor=\"end\">",
                  s->x0 - 8, cy + 4);
    bg__html_text(sb, label);
    bg__sb_printf(sb,
                  "</text>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" rx=\"2\" "
                  "fill=\"%s\"/>\n",
                  s->x0, cy - 8, x - s->x0 > 1 ? x - s->x0 : 1, colour(b->tone));
    whisker(sb, s, b, cy);
    bg__sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1f2933\">", end + 6,
                  cy + 4);
    bg__html_text(sb, text);
    bg__sb_printf(sb, "</text>\n</g>\n");
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

void bg__svg_bar_chart(bg__strbuf *sb, const bg__chart *c) {
    double height = TOP + ROW_H * (double)c->count + AXIS_H;
    scale s = make_scale(c, label_width(c), CHART_W - RIGHT);
    bg__sb_printf(sb,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%.0f\" "
                  "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
                  CHART_W, height, CHART_W, height);
    bg__html_text(sb, c->title);
    bg__sb_printf(sb, "\" font-family=\"sans-serif\">\n<text x=\"0\" y=\"16\" font-size=\"13\" "
                      "font-weight=\"bold\" fill=\"#1f2933\">");
    bg__html_text(sb, c->title);
    bg__sb_printf(sb, "%s</text>\n", s.log ? " (log scale)" : "");
    double bottom = TOP + ROW_H * (double)c->count;
    axis(sb, &s, bottom, c->unit);
    for (size_t i = 0; i < c->count; i++)
        bar(sb, &s, &c->bars[i], TOP + ROW_H * ((double)i + 0.5), c->unit);
    bg__sb_printf(sb, "</svg>\n");
}
