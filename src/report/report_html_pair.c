/* report_html_pair.c - the HTML page of two runs (bg_report_html_pair): run B compared with
 * baseline A by the library's compare (bg_compare_files), around the page of B (report_html.c):
 * per family a chart of both runs' medians side by side and a table of A's and B's medians, the
 * change and its verdict; the families only A holds get their own sections. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/compare.h"
#include "benchgate/report.h"
#include "common/common.h"
#include "report/report.h"

/* ---- lookups by name ---------------------------------------------------------------------- */

static int by_key(const void *x, const void *y, const char *key) {
    const bg__html_entry *a = x, *b = y;
    int c = strcmp(bg__json_text(a->item, key), bg__json_text(b->item, key));
    return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

static int by_name(const void *x, const void *y) {
    return by_key(x, y, "name");
}

static int by_benchmark(const void *x, const void *y) {
    return by_key(x, y, "benchmark");
}

int bg__html_index_make(const cJSON *list, const char *key, bg__html_index *ix) {
    size_t n = (size_t)cJSON_GetArraySize(list), k = 0;
    *ix = (bg__html_index){malloc((n ? n : 1) * sizeof *ix->at), 0, key};
    if (ix->at == NULL)
        return -1;
    for (const cJSON *x = list ? list->child : NULL; x && k < n; x = x->next, k++)
        ix->at[k] = (bg__html_entry){x, k};
    ix->n = k;
    qsort(ix->at, k, sizeof *ix->at, strcmp(key, "name") == 0 ? by_name : by_benchmark);
    return 0;
}

size_t bg__html_index_first(const bg__html_index *ix, const char *name) {
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(bg__json_text(ix->at[mid].item, ix->key), name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const cJSON *bg__html_index_find(const bg__html_index *ix, const char *name) {
    size_t i = bg__html_index_first(ix, name);
    return i < ix->n && strcmp(bg__json_text(ix->at[i].item, ix->key), name) == 0 ? ix->at[i].item
                                                                                  : NULL;
}

void bg__html_index_free(bg__html_index *ix) {
    free(ix->at);
    ix->at = NULL;
    ix->n = 0;
}

/* ---- the benchmarks of a family in A, B or both ----------------------------------------- */

/** One benchmark of the page of two: its name and its entry in each run (NULL where absent). */
typedef struct pair_item {
    const char *name;
    const cJSON *a, *b;
} pair_item;

/* The family's benchmarks: B's in B's order, then A's that B lacks. *out is NULL when out of
 * memory (then 0); the caller frees it. */
static size_t family_items(const bg__html_page *p, const char *family, pair_item **out) {
    const cJSON *la = bg__json_get(p->base, "benchmarks"), *lb = bg__json_get(p->doc, "benchmarks"),
                *x;
    size_t k = 0, n = p->index[BG__HTML_A].n + p->index[BG__HTML_B].n;
    pair_item *items = *out = calloc(n ? n : 1, sizeof *items);
    if (items == NULL)
        return 0;
    cJSON_ArrayForEach(x, lb) {
        if (strcmp(bg__json_text(x, "family"), family) == 0)
            items[k++] = (pair_item){
                bg__json_text(x, "name"),
                bg__html_index_find(&p->index[BG__HTML_A], bg__json_text(x, "name")), x};
    }
    cJSON_ArrayForEach(x, la) {
        if (strcmp(bg__json_text(x, "family"), family) == 0 &&
            bg__html_index_find(&p->index[BG__HTML_B], bg__json_text(x, "name")) == NULL)
            items[k++] = (pair_item){bg__json_text(x, "name"), x, NULL};
    }
    return k;
}

/* The metric the item is judged by: B's primary metric (A's for a benchmark of A only). */
static const char *item_metric(const pair_item *it) {
    return bg__report_primary(it->b ? it->b : it->a);
}

static const char *item_short_name(const pair_item *it) {
    return bg__html_short_name(it->b ? it->b : it->a);
}

/* The metric's median (or value) in one run; NaN when absent or not ok. */
static double side_value(const cJSON *bench, const char *metric) {
    double v;
    return bg__metric_figure(bg__json_get(bg__json_get(bench, "metrics"), metric), &v) ? v : NAN;
}

static const char *item_unit(const pair_item *it, const char *metric) {
    const char *u = bg__json_text(bg__json_get(bg__json_get(it->b, "metrics"), metric), "unit");
    return u[0] ? u : bg__json_text(bg__json_get(bg__json_get(it->a, "metrics"), metric), "unit");
}

/* The comparison's row of the benchmark's metric, else its row "-" (new, gone); NULL: none. */
static const cJSON *row_of(const bg__html_page *p, const char *bench, const char *metric) {
    const bg__html_index *ix = &p->index[BG__HTML_ROWS];
    const cJSON *whole = NULL;
    for (size_t i = bg__html_index_first(ix, bench); i < ix->n; i++) {
        const cJSON *r = ix->at[i].item;
        if (strcmp(bg__json_text(r, "benchmark"), bench) != 0)
            break;
        if (strcmp(bg__json_text(r, "metric"), metric) == 0)
            return r;
        if (strcmp(bg__json_text(r, "metric"), "-") == 0)
            whole = r;
    }
    return whole;
}

/* ---- the chart ---------------------------------------------------------------------------- */

static bg__chart_bar side_bar(const pair_item *it, const cJSON *bench, const char *metric,
                              const char *tone) {
    bg__chart_bar bar = {item_short_name(it), side_value(bench, metric), NAN, NAN, tone};
    if (isfinite(bar.value))
        bg__html_ci(bg__json_get(bg__json_get(bench, "metrics"), metric), &bar.lo, &bar.hi);
    return bar;
}

/* Two bars per item with a figure in either run, of the first such item's metric (its name and
 * unit in metric and unit); @return the bars. */
static size_t pair_bars(const bg__html_page *p, const pair_item *items, size_t n,
                        bg__chart_bar *bars, const char **metric, const char **unit) {
    size_t k = 0;
    *metric = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *m = item_metric(&items[i]);
        if (*metric && strcmp(*metric, m) != 0)
            continue; /* one metric per chart */
        if (!(side_value(items[i].a, m) > 0) && !(side_value(items[i].b, m) > 0))
            continue;
        const cJSON *row = row_of(p, items[i].name, m);
        if (*metric == NULL)
            *metric = m, *unit = item_unit(&items[i], m);
        bars[k++] = side_bar(&items[i], items[i].a, m, "");
        bars[k++] = side_bar(&items[i], items[i].b, m, bg__json_text(row, "verdict"));
    }
    return k;
}

void bg__html_pair_chart(bg__strbuf *sb, const bg__html_page *p, const char *family) {
    pair_item *items = NULL;
    size_t n = family_items(p, family, &items), k = 0;
    bg__chart_bar *bars = calloc(2 * n + 1, sizeof *bars);
    const char *metric = NULL, *unit = "";
    if (items && bars)
        k = pair_bars(p, items, n, bars, &metric, &unit);
    char title[700]; /* a family name of up to 512 bytes, uncut */
    snprintf(title, sizeof title, "%s: median %s of A and B with 95%% CI", family,
             metric ? metric : "");
    if (k > 0)
        bg__svg_bar_chart(sb, &(bg__chart){title, unit, bars, k, 2, p->series});
    else
        bg__sb_printf(sb, "<p class=\"msg\">No measured benchmark to chart.</p>\n");
    free(bars);
    free(items);
}

/* ---- the comparison table ------------------------------------------------------------------ */

/* A run's figure: the median with its unit (a failed benchmark's with its error badge), else
 * the benchmark's state, else "absent". */
static void side_cell(bg__strbuf *sb, const cJSON *bench, const char *metric) {
    char text[64];
    double v = side_value(bench, metric);
    bg__sb_printf(sb, "<td class=\"num\">");
    if (isfinite(v) && bg__report_state(bench) == BG__BENCH_FAILED)
        bg__html_badge(sb, "error"), bg__sb_printf(sb, " ");
    if (isfinite(v)) {
        bg__figure_human_utf8(
            v, bg__json_text(bg__json_get(bg__json_get(bench, "metrics"), metric), "unit"), text,
            sizeof text);
        bg__html_text(sb, text);
    } else if (bench) {
        bg__html_badge(sb, bg__report_state_name(bg__report_state(bench)));
    } else {
        bg__sb_printf(sb, "<span class=\"msg\">absent</span>");
    }
    bg__sb_printf(sb, "</td>");
}

static int was_judged(const cJSON *row) {
    static const char *const kinds[] = {"pass", "improvement", "inconclusive", "regression"};
    for (int i = 0; i < 4; i++)
        if (strcmp(bg__json_text(row, "verdict"), kinds[i]) == 0)
            return 1;
    return 0;
}

/* The change ("+4.20%", "+0.3 pt") and its CI ("[+1.1%, +7.3%]"), "-" when not judged. */
static void change_cells(bg__strbuf *sb, const cJSON *row) {
    double change = NAN;
    int pct = bg__json_finite(row, "change_pct", &change);
    int points = !pct && bg__json_finite(row, "change_points", &change);
    if (!was_judged(row) || (!pct && !points)) {
        bg__sb_printf(sb, "<td class=\"num\">-</td><td class=\"num\">-</td>");
        return;
    }
    const char *u = pct ? "%" : " pt";
    const cJSON *ci = bg__json_get(row, "change_ci");
    const cJSON *lo = cJSON_GetArrayItem(ci, 0), *hi = cJSON_GetArrayItem(ci, 1);
    bg__sb_printf(sb, "<td class=\"num\">%+.2f%s</td>", change, u);
    if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi) && lo->valuedouble != hi->valuedouble)
        bg__sb_printf(sb, "<td class=\"num\">[%+.1f%s, %+.1f%s]</td>", lo->valuedouble, u,
                      hi->valuedouble, u);
    else
        bg__sb_printf(sb, "<td class=\"num\">-</td>");
}

/* The verdict; for a benchmark that failed or was skipped in B, that state (never a pass). */
static void verdict_cell(bg__strbuf *sb, const cJSON *row, const cJSON *b) {
    bg__sb_printf(sb, "<td>");
    bg__bench_state state = b ? bg__report_state(b) : BG__BENCH_OK;
    if (state != BG__BENCH_OK) {
        bg__html_badge(sb, bg__report_state_name(state));
        bg__sb_printf(sb, " <span class=\"msg\">in B</span></td>");
        return;
    }
    if (row == NULL) {
        bg__sb_printf(sb, "<span class=\"msg\">not compared</span></td>");
        return;
    }
    bg__html_badge(sb, bg__json_text(row, "verdict"));
    if (bg__json_text(row, "note")[0]) {
        bg__sb_printf(sb, " <span class=\"msg\">");
        bg__html_text(sb, bg__json_text(row, "note"));
        bg__sb_printf(sb, "</span>");
    }
    bg__sb_printf(sb, "</td>");
}

static void compare_row(bg__strbuf *sb, const bg__html_page *p, const pair_item *it) {
    const char *metric = item_metric(it);
    const cJSON *row = row_of(p, it->name, metric);
    bg__sb_printf(sb, "<tr><td><code>");
    bg__html_text(sb, item_short_name(it));
    bg__sb_printf(sb, "</code></td><td>");
    bg__html_text(sb, metric);
    bg__sb_printf(sb, "</td>");
    side_cell(sb, it->a, metric);
    side_cell(sb, it->b, metric);
    change_cells(sb, row);
    verdict_cell(sb, row, it->b);
    bg__sb_printf(sb, "</tr>\n");
}

void bg__html_pair_table(bg__strbuf *sb, const bg__html_page *p, const char *family) {
    pair_item *items = NULL;
    size_t n = family_items(p, family, &items);
    bg__sb_printf(sb, "<h3>B compared with A</h3>\n<table class=\"compare\">\n<tr><th>benchmark"
                      "</th><th>metric</th><th>A: median</th><th>B: median</th><th>change</th>"
                      "<th>95%% CI of the change</th><th>verdict</th></tr>\n");
    for (size_t i = 0; i < n; i++)
        compare_row(sb, p, &items[i]);
    bg__sb_printf(sb, "</table>\n");
    free(items);
}

/* ---- the rest of the page ------------------------------------------------------------------ */

void bg__html_pair_notes(bg__strbuf *sb, const bg__html_page *p) {
    const char *ka = bg__json_text(bg__json_get(p->base, "system"), "machine_class");
    const char *kb = bg__json_text(bg__json_get(p->doc, "system"), "machine_class");
    bg__sb_printf(sb, "<p class=\"msg\">Run B compared with baseline A as <code>benchgate compare "
                      "A B</code> does (B&#39;s thresholds); a verdict.json beside either result "
                      "is not read. Change: B against A; + is worse.</p>\n");
    if (ka[0] && kb[0] && strcmp(ka, kb) != 0) {
        bg__sb_printf(sb, "<p class=\"warn\">A is of machine class ");
        bg__html_text(sb, ka);
        bg__sb_printf(sb, ", B of ");
        bg__html_text(sb, kb);
        bg__sb_printf(sb, ": their figures are not comparable.</p>\n");
    }
}

void bg__html_pair_baseline_only(bg__strbuf *sb, const bg__html_page *p) {
    const cJSON *la = bg__json_get(p->base, "benchmarks"), *b;
    cJSON_ArrayForEach(b, la) {
        const char *family = bg__json_text(b, "family");
        if (bg__html_family_seen(la, b, family) ||
            bg__html_family_seen(bg__json_get(p->doc, "benchmarks"), NULL, family))
            continue;
        bg__sb_printf(sb, "<section>\n<h2>");
        bg__html_text(sb, family);
        bg__sb_printf(sb, "</h2>\n<p class=\"msg\">Only in baseline A.</p>\n");
        bg__html_pair_chart(sb, p, family);
        bg__html_pair_table(sb, p, family);
        bg__sb_printf(sb, "</section>\n");
    }
}

/* B's comparison with A as rows of verdict.json. */
static bg_err compare_rows(const char *pa, const char *pb, cJSON **out, bg__error *err) {
    bg_compare_options opt = {0};
    opt.allow_class_mismatch = 1; /* the page warns instead */
    bg_compare *c = bg_compare_create(&opt);
    BG_RETURN_IF(c == NULL, err, BG_ENOMEM, "out of memory building the output");
    bg_err rc = bg_compare_files(c, pa, pb);
    if (rc != BG_OK) {
        bg__set_error(err, rc, "%s", bg_compare_error(c));
        bg_compare_free(c);
        return rc;
    }
    *out = cJSON_CreateArray();
    for (size_t i = 0; *out && i < bg_compare_count(c); i++)
        cJSON_AddItemToArray(*out, bg__comparison_json(bg_compare_row(c, i)));
    bg_compare_free(c);
    BG_RETURN_IF(*out == NULL, err, BG_ENOMEM, "out of memory building the output");
    return BG_OK;
}

static bg_err pair_page(const cJSON *a, const char *pa, const cJSON *b, const char *pb,
                        const cJSON *rows, bg__strbuf *sb, bg__error *err) {
    char name_a[160], name_b[160];
    bg__html_index ix[3];
    int bad = bg__html_index_make(bg__json_get(a, "benchmarks"), "name", &ix[BG__HTML_A]);
    bad |= bg__html_index_make(bg__json_get(b, "benchmarks"), "name", &ix[BG__HTML_B]);
    bad |= bg__html_index_make(rows, "benchmark", &ix[BG__HTML_ROWS]);
    snprintf(name_a, sizeof name_a, "A (baseline): %.120s",
             bg__json_text(bg__json_get(a, "run"), "run_id"));
    snprintf(name_b, sizeof name_b, "B: %.120s", bg__json_text(bg__json_get(b, "run"), "run_id"));
    if (!bad)
        bg__report_html_page(&(bg__html_page){b, pb, rows, a, pa, {name_a, name_b}, ix}, sb);
    for (int i = 0; i < 3; i++)
        bg__html_index_free(&ix[i]);
    BG_RETURN_IF(bad, err, BG_ENOMEM, "out of memory building the output");
    return BG_OK;
}

bg_err bg_report_html_pair(const char *baseline_path, const char *result_path, char **out_text,
                           char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    char pa[BG__PATH_MAX + 32], pb[BG__PATH_MAX + 32];
    cJSON *a = NULL, *b = NULL, *rows = NULL;
    bg_err rc = out_text == NULL ? bg__set_error(&err, BG_EUSAGE, "no place for the output")
                                 : bg__report_load(baseline_path, &a, pa, sizeof pa, &err);
    if (out_text)
        *out_text = NULL;
    if (rc == BG_OK)
        rc = bg__report_load(result_path, &b, pb, sizeof pb, &err);
    if (rc == BG_OK)
        rc = compare_rows(pa, pb, &rows, &err);
    if (rc == BG_OK)
        rc = pair_page(a, pa, b, pb, rows, &sb, &err);
    cJSON_Delete(a);
    cJSON_Delete(b);
    cJSON_Delete(rows);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}
