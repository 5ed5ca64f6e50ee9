/* report_explain.c - benchgate explain --format=html (bg_report_explain_html): the
 * benchgate.explain/1 document as a self-contained page: an inline SVG chart of each function's
 * change of self instructions per iteration (signed, from a zero line: regressions red to the
 * right, improvements blue to the left, one <rect> per function, labelled with the function,
 * its file:line and its share of the total change), then the table. No script, no external
 * asset; every text from the document is escaped. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/report.h"
#include "benchgate/version.h"
#include "common/common.h"
#include "report/report.h"

#define ROW_H 34.0
#define LABEL_W 330.0
#define CHART_W 1000.0
#define TOP 34.0

typedef struct fn_row {
    const char *name, *where;
    double base, head, change, incl_change, share;
} fn_row;

static const char *text_or(const cJSON *o, const char *key, const char *fallback) {
    const char *t = bg__json_text(o, key);
    return t ? t : fallback;
}

static fn_row row_of(const cJSON *f) {
    fn_row r;
    r.name = text_or(f, "function", "?");
    r.where = text_or(f, "where", "?");
    r.base = bg__json_number_or(f, "self_base", 0);
    r.head = bg__json_number_or(f, "self_head", 0);
    r.change = bg__json_number_or(f, "self_change", 0);
    r.incl_change = bg__json_number_or(f, "inclusive_change", 0);
    r.share = bg__json_number_or(f, "share_pct", NAN);
    return r;
}

static void figure(double v, char *buf, size_t size) {
    bg__figure_human_utf8(fabs(v) < 0.5 ? 0 : v, "instr", buf, size);
}

static void share_text(double share, char *buf, size_t size) {
    if (isfinite(share))
        snprintf(buf, size, "%.1f%%", share);
    else
        snprintf(buf, size, "n/a");
}

/* The largest absolute change of the rows (1 when all are 0, so the scale is defined). */
static double max_change(const cJSON *fns) {
    double m = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, fns) {
        double c = fabs(bg__json_number_or(f, "self_change", 0));
        m = c > m ? c : m;
    }
    return m > 0 ? m : 1;
}

static void row_label(bg__strbuf *sb, const fn_row *r, double y) {
    char name[64], share[32];
    bg__text_shorten(r->name, 44, 1, name, sizeof name);
    share_text(r->share, share, sizeof share);
    bg__sb_printf(sb, "<text x=\"8\" y=\"%.1f\" font-size=\"13\" font-family=\"monospace\">",
                  y + 14);
    bg__html_text(sb, name);
    bg__sb_printf(sb, "</text><text x=\"8\" y=\"%.1f\" font-size=\"11\" fill=\"#52606d\">", y + 28);
    bg__html_text(sb, r->where);
    bg__sb_printf(sb, " \xc2\xb7 %s of the change</text>\n", share);
}

/* A change below half an instruction reads 0 (the profiles' rounding): grey, no sign. */
static int direction(double change) {
    return change >= 0.5 ? 1 : change <= -0.5 ? -1 : 0;
}

static void row_bar(bg__strbuf *sb, const fn_row *r, double y, double zero, double half,
                    double max) {
    static const char *const cls[] = {"improvement", "unchanged", "regression"};
    static const char *const fill[] = {"#2f7fbf", "#9aa5b1", "#d64545"};
    int dir = direction(r->change);
    double w = fabs(r->change) / max * half;
    w = w < 1 ? 1 : w;
    double x = dir < 0 ? zero - w : zero;
    char fig[48], share[32];
    figure(r->change, fig, sizeof fig);
    share_text(r->share, share, sizeof share);
    bg__sb_printf(sb,
                  "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"20\" "
                  "fill=\"%s\"><title>",
                  cls[dir + 1], x, y + 6, w, fill[dir + 1]);
    bg__html_text(sb, r->name);
    bg__sb_printf(sb, " (");
    bg__html_text(sb, r->where);
    bg__sb_printf(sb, "): %s%s self per iteration, %s of the change</title></rect>",
                  dir > 0 ? "+" : "", fig, share);
    double tx = dir < 0 ? x - 4 : x + w + 4;
    bg__sb_printf(sb,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\">%s%s</text>\n",
                  tx, y + 21, dir < 0 ? "end" : "start", dir > 0 ? "+" : "", fig);
}

static void chart(bg__strbuf *sb, const cJSON *fns) {
    int n = cJSON_GetArraySize(fns);
    double height = TOP + n * ROW_H + 10, max = max_change(fns);
    double plot0 = LABEL_W + 110, plot1 = CHART_W - 110, zero = (plot0 + plot1) / 2;
    double half = (plot1 - plot0) / 2;
    bg__sb_printf(sb,
                  "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f "
                  "%.0f\" role=\"img\" aria-label=\"change of self instructions per function\">\n",
                  CHART_W, height);
    bg__sb_printf(sb,
                  "<text x=\"%.1f\" y=\"16\" font-size=\"12\" text-anchor=\"end\" "
                  "fill=\"#2f7fbf\">\xe2\x86\x90 fewer instructions (improvement)</text>"
                  "<text x=\"%.1f\" y=\"16\" font-size=\"12\" fill=\"#d64545\">more instructions "
                  "(regression) \xe2\x86\x92</text>\n",
                  zero - 6, zero + 6);
    bg__sb_printf(sb,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#52606d\" "
                  "stroke-width=\"1\"/>\n",
                  zero, TOP - 6, zero, height - 4);
    int i = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, fns) {
        fn_row r = row_of(f);
        double y = TOP + i++ * ROW_H;
        row_label(sb, &r, y);
        row_bar(sb, &r, y, zero, half, max);
    }
    bg__sb_printf(sb, "</svg>\n");
}

static void cell(bg__strbuf *sb, double v, int sign) {
    char fig[48];
    figure(v, fig, sizeof fig);
    bg__sb_printf(sb, "<td class=\"num\">%s%s</td>", sign && v >= 0.5 ? "+" : "", fig);
}

static void table(bg__strbuf *sb, const cJSON *fns) {
    bg__sb_printf(sb, "<table><tr><th>function</th><th>where</th><th>self base</th><th>self "
                      "head</th><th>change</th><th>share</th><th>inclusive change</th></tr>\n");
    const cJSON *f;
    cJSON_ArrayForEach(f, fns) {
        fn_row r = row_of(f);
        char share[32];
        share_text(r.share, share, sizeof share);
        bg__sb_printf(sb, "<tr><td><code>");
        bg__html_text(sb, r.name);
        bg__sb_printf(sb, "</code></td><td>");
        bg__html_text(sb, r.where);
        bg__sb_printf(sb, "</td>");
        cell(sb, r.base, 0);
        cell(sb, r.head, 0);
        cell(sb, r.change, 1);
        bg__sb_printf(sb, "<td class=\"num\">%s</td>", share);
        cell(sb, r.incl_change, 1);
        bg__sb_printf(sb, "</tr>\n");
    }
    bg__sb_printf(sb, "</table>\n");
}

static void summary(bg__strbuf *sb, const cJSON *doc) {
    double base = bg__json_number_or(doc, "total_base", 0);
    double head = bg__json_number_or(doc, "total_head", 0);
    char b[48], h[48];
    bg__figure_human_utf8(base, "instr", b, sizeof b);
    bg__figure_human_utf8(head, "instr", h, sizeof h);
    bg__sb_printf(sb, "<p class=\"sub\">Instructions per iteration: %s \xe2\x86\x92 %s", b, h);
    if (base > 0)
        bg__sb_printf(sb, " (%+.2f%%)", 100 * (head - base) / base);
    bg__sb_printf(sb, ". Each function's own (self) instructions, the largest changes first; "
                      "share: its part of the total change.");
    double unchanged = bg__json_number_or(doc, "unchanged", 0);
    if (unchanged >= 1)
        bg__sb_printf(sb, " %.0f function%s with no change not listed.", unchanged,
                      unchanged >= 2 ? "s" : "");
    bg__sb_printf(sb, "</p>\n");
}

static void page(bg__strbuf *sb, const cJSON *doc, const cJSON *fns) {
    bg__sb_printf(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width\">"
                      "<title>benchgate explain</title><style>");
    bg__sb_printf(sb, "%s", bg__html_css());
    bg__sb_printf(sb, "</style></head><body><main>\n<h1>Where the instructions changed</h1>\n");
    summary(sb, doc);
    if (cJSON_GetArraySize(fns) > 0)
        chart(sb, fns);
    else
        bg__sb_printf(sb, "<p>%s</p>\n",
                      bg__json_number_or(doc, "unchanged", 0) >= 1
                          ? "No function changed between the two profiles."
                          : "No function has a cost in either profile.");
    table(sb, fns);
    bg__sb_printf(sb,
                  "<footer>benchgate %s explain (benchgate.explain/1)</footer>\n"
                  "</main></body></html>\n",
                  bg_version_string());
}

bg_err bg_report_explain_html(const char *explain_json, char **out_text, char *errbuf,
                              size_t errlen) {
    bg__error err = {BG_OK, ""};
    cJSON *doc = NULL;
    bg__strbuf sb = {0};
    *out_text = NULL;
    bg_err rc = bg__json_parse_strict(explain_json ? explain_json : "", "explain", &doc, &err);
    const cJSON *fns = bg__json_get(doc, "functions");
    if (rc == BG_OK &&
        (strcmp(text_or(doc, "schema", ""), "benchgate.explain/1") != 0 || !cJSON_IsArray(fns)))
        rc = bg__set_error(&err, BG_EINPUT, "not a benchgate.explain/1 document");
    if (rc == BG_OK)
        page(&sb, doc, fns);
    if (rc == BG_OK && (sb.failed || !sb.data))
        rc = bg__set_error(&err, BG_ENOMEM, "out of memory writing the explain page");
    if (rc == BG_OK)
        *out_text = sb.data;
    else
        bg__sb_free(&sb);
    cJSON_Delete(doc);
    return bg__errbuf(&err, rc, errbuf, errlen);
}
