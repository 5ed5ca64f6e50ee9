/* report_html.c - one run as a self-contained HTML page (bg_report_html): the run and system,
 * an overview, then per benchmark family an SVG chart of medians with confidence intervals and
 * a table of figures, statuses and verdicts (from verdict.json when there is one). The page of
 * two runs (report_html_pair.c) adds the baseline's bars and a comparison table per family.
 * Inline CSS and SVG only: no script, no external asset; every text from the result is escaped. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/report.h"
#include "benchgate/version.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "report/report.h"

static const char *const css =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;"
    "margin:0;background:#f5f7fa}main{max-width:1180px;margin:0 auto;padding:24px}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px "
    "solid #d9dde3;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}"
    ".sub{color:#52606d;margin:0 0 16px}code{font:12px monospace;background:#eef1f5;padding:1px "
    "4px;border-radius:3px;word-break:break-all}"
    "table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 14px;"
    "box-shadow:0 1px 2px rgba(0,0,0,.08)}th,td{padding:5px 8px;border-bottom:1px solid "
    "#e4e7eb;text-align:left;vertical-align:top}th{background:#eef1f5;font-weight:600}"
    "td:first-child "
    "code{white-space:nowrap;word-break:normal}td.num{text-align:right;font-variant-numeric:"
    "tabular-nums;white-space:nowrap}"
    ".kv th{width:190px}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 4px}"
    ".card{background:#fff;border-radius:6px;padding:10px 16px;min-width:110px;"
    "box-shadow:0 1px 2px rgba(0,0,0,.08)}.card b{display:block;font-size:22px}"
    ".badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;"
    "font-weight:600;color:#fff;background:#7b8794;margin:1px 2px 1px 0}"
    ".b-ok,.b-pass,.b-complete{background:#3f9b4f}.b-skipped,.b-new,.b-gone,.b-not{background:#"
    "7b8794}"
    ".b-error,.b-regression,.b-incomplete{background:#d64545}.b-improvement{background:#2f7fbf}"
    ".b-inconclusive{background:#c98a0b}.msg{color:#52606d;font-size:12px}"
    ".chart{display:block;box-sizing:border-box;width:100%;height:auto;background:#fff;"
    "border-radius:6px;padding:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}"
    ".warn{color:#d64545;font-weight:600}"
    "footer{color:#7b8794;font-size:12px;margin-top:30px}";

const char *bg__html_css(void) {
    return css;
}

/* ---- small helpers ---------------------------------------------------------------------- */

void bg__html_text(bg__strbuf *sb, const char *text) {
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        switch (*p) {
        case '&':
            bg__sb_printf(sb, "&amp;");
            break;
        case '<':
            bg__sb_printf(sb, "&lt;");
            break;
        case '>':
            bg__sb_printf(sb, "&gt;");
            break;
        case '"':
            bg__sb_printf(sb, "&quot;");
            break;
        case '\'':
            bg__sb_printf(sb, "&#39;");
            break;
        default:
            bg__sb_printf(sb, "%c", *p < 0x20 && *p != '\n' && *p != '\t' ? ' ' : *p);
        }
    }
}

/* A badge: the class is made of letters only, whatever the text. */
void bg__html_badge(bg__strbuf *sb, const char *text) {
    char cls[16];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof cls && *p >= 'a' && *p <= 'z'; p++)
        cls[n++] = *p;
    cls[n] = '\0';
    bg__sb_printf(sb, "<span class=\"badge b-%s\">", cls);
    bg__html_text(sb, text);
    bg__sb_printf(sb, "</span>");
}

static void kv_row(bg__strbuf *sb, const char *key, const char *value, int as_code) {
    bg__sb_printf(sb, "<tr><th>");
    bg__html_text(sb, key);
    bg__sb_printf(sb, "</th><td>%s", as_code ? "<code>" : "");
    bg__html_text(sb, value);
    bg__sb_printf(sb, "%s</td></tr>\n", as_code ? "</code>" : "");
}

static void kv_number(bg__strbuf *sb, const cJSON *o, const char *key, const char *label,
                      const char *fmt) {
    double v;
    char buf[64];
    if (!bg__json_finite(o, key, &v))
        return;
    snprintf(buf, sizeof buf, fmt, v);
    kv_row(sb, label, buf, 0);
}

/* ---- verdicts --------------------------------------------------------------------------- */

static bg_err add_verdict_file(const char *path, cJSON *rows, bg__error *err) {
    char *text = bg__read_text(path, err);
    if (text == NULL)
        return err->code;
    cJSON *doc = cJSON_ParseWithOpts(text, NULL, 1);
    free(text);
    const cJSON *list = bg__json_get(doc, "rows"), *row;
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(doc);
        return bg__set_error(err, BG_EINPUT, "%s: not a verdict file (no \"rows\" array)", path);
    }
    cJSON_ArrayForEach(row, list) {
        if (cJSON_IsString(bg__json_get(row, "benchmark")) &&
            cJSON_IsString(bg__json_get(row, "verdict")))
            cJSON_AddItemToArray(rows, cJSON_Duplicate(row, 1));
    }
    cJSON_Delete(doc);
    return BG_OK;
}

/* DIR/verdict.json beside the result, else the verdicts of its parts (benchgate start). */
static bg_err load_verdicts(const char *result_path, cJSON **out, bg__error *err) {
    char dir[BG__PATH_MAX], path[BG__PATH_MAX + 300];
    const char *slash = strrchr(result_path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - result_path) : 1,
             slash ? result_path : ".");
    *out = cJSON_CreateArray();
    BG_RETURN_IF(*out == NULL, err, BG_ENOMEM, "out of memory reading verdicts");
    snprintf(path, sizeof path, "%s/verdict.json", dir);
    if (access(path, F_OK) == 0) {
        bg_err rc = add_verdict_file(path, *out, err);
        if (rc != BG_OK) /* the caller has no rows to free on an error */
            cJSON_Delete(*out), *out = NULL;
        return rc;
    }
    snprintf(path, sizeof path, "%s/parts", dir);
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort); /* sorted: the same page every time */
    bg_err rc = BG_OK;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/parts/%.255s/verdict.json", dir, names[i]->d_name);
        if (rc == BG_OK && names[i]->d_name[0] != '.' && access(path, F_OK) == 0)
            rc = add_verdict_file(path, *out, err);
        free(names[i]);
    }
    free(names);
    if (rc != BG_OK)
        cJSON_Delete(*out), *out = NULL;
    return rc;
}

/* The verdict of the benchmark's primary metric that colours its bar ("" when none). */
static const char *tone_of(const bg__html_index *rows, const char *bench, const char *metric) {
    for (size_t i = bg__html_index_first(rows, bench); i < rows->n; i++) {
        const cJSON *row = rows->at[i].item;
        if (strcmp(bg__json_text(row, "benchmark"), bench) != 0)
            break;
        if (strcmp(bg__json_text(row, "metric"), metric) == 0)
            return bg__json_text(row, "verdict");
    }
    return "";
}

/* The benchmark's verdicts, in the order of the rows. */
static void verdict_cell(bg__strbuf *sb, const bg__html_index *rows, const char *bench) {
    int any = 0;
    for (size_t i = bg__html_index_first(rows, bench); i < rows->n; i++) {
        const cJSON *row = rows->at[i].item;
        if (strcmp(bg__json_text(row, "benchmark"), bench) != 0)
            break;
        double change;
        char text[160];
        any = 1;
        bg__html_badge(sb, bg__json_text(row, "verdict"));
        snprintf(text, sizeof text, " %s", bg__json_text(row, "metric"));
        if (bg__json_finite(row, "change_pct", &change))
            snprintf(text + strlen(text), sizeof text - strlen(text), " %+.2f%%", change);
        else if (bg__json_finite(row, "change_points", &change))
            snprintf(text + strlen(text), sizeof text - strlen(text), " %+.3g pt", change);
        bg__html_text(sb, text);
        bg__sb_printf(sb, "<br>");
    }
    if (!any)
        bg__sb_printf(sb, "<span class=\"msg\">no baseline verdict</span>");
}

/* ---- the run, the system, the overview -------------------------------------------------- */

static void run_section(bg__strbuf *sb, const cJSON *doc, const char *title) {
    const cJSON *run = bg__json_get(doc, "run"), *git = bg__json_get(run, "git");
    bg__sb_printf(sb, "<h2>%s</h2>\n<table class=\"kv\">\n", title);
    kv_row(sb, "run id", bg__json_text(run, "run_id"), 1);
    kv_row(sb, "started (UTC)", bg__json_text(run, "timestamp"), 0);
    kv_number(sb, run, "duration_s", "duration", "%.1f s");
    kv_row(sb, "command line", bg__json_text(run, "command_line"), 1);
    kv_row(sb, "benchgate", bg__json_text(run, "benchgate_version"), 0);
    if (cJSON_IsString(bg__json_get(git, "sha"))) {
        char text[256];
        snprintf(text, sizeof text, "%.64s (%.100s%s)", bg__json_text(git, "sha"),
                 bg__json_text(git, "branch"),
                 cJSON_IsTrue(bg__json_get(git, "dirty")) ? ", uncommitted changes" : "");
        kv_row(sb, "git", text, 1);
    }
    bg__sb_printf(sb, "</table>\n");
}

static void gpu_rows(bg__strbuf *sb, const cJSON *gpus) {
    const cJSON *g;
    cJSON_ArrayForEach(g, gpus) {
        char text[512];
        double mem = 0;
        bg__json_finite(g, "memory_total_mb", &mem);
        snprintf(text, sizeof text, "%.200s (compute %.16s, %.0f MB, driver %.32s, CUDA %.32s)",
                 bg__json_text(g, "name"), bg__json_text(g, "compute_capability"), mem,
                 bg__json_text(g, "driver"), bg__json_text(g, "cuda_runtime"));
        kv_row(sb, "GPU", text, 0);
    }
    if (cJSON_GetArraySize(gpus) == 0)
        kv_row(sb, "GPU", "none", 0);
}

static void system_section(bg__strbuf *sb, const cJSON *doc, const char *title) {
    static const char *const keys[][2] = {
        {"hostname", "host"},     {"os", "operating system"},  {"kernel", "kernel"},
        {"arch", "architecture"}, {"cpu_model", "CPU"},        {"machine_class", "machine class"},
        {"compiler", "compiler"}, {"build_type", "build type"}};
    const cJSON *sys = bg__json_get(doc, "system"), *e;
    bg__sb_printf(sb, "<h2>%s</h2>\n<table class=\"kv\">\n", title);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (bg__json_text(sys, keys[i][0])[0])
            kv_row(sb, keys[i][1], bg__json_text(sys, keys[i][0]), 0);
    kv_number(sb, sys, "cpu_count", "CPU cores", "%.0f");
    kv_number(sb, sys, "ram_total_gb", "memory", "%.1f GB");
    gpu_rows(sb, bg__json_get(sys, "gpus"));
    cJSON_ArrayForEach(e, bg__json_get(sys, "env")) {
        if (cJSON_IsString(e))
            kv_row(sb, e->string, e->valuestring, 1);
    }
    bg__sb_printf(sb, "</table>\n");
}

static void card(bg__strbuf *sb, const char *label, int count) {
    bg__sb_printf(sb, "<div class=\"card\"><b>%d</b>", count);
    bg__html_text(sb, label);
    bg__sb_printf(sb, "</div>");
}

/* A verdict's place on the cards, worst last (pass 0 .. regression 3); -1 for the others. */
static int card_rank(const char *verdict) {
    static const char *const order[] = {"pass", "improvement", "inconclusive", "regression"};
    for (int i = 0; i < 4; i++)
        if (strcmp(verdict, order[i]) == 0)
            return i;
    return -1;
}

/* How many benchmarks have each worst verdict (card_rank), each counted once; only those that
 * ran ok in the run (runs, its benchmarks by name): a failed or skipped one is never "passed",
 * whatever its metrics' verdicts, and is counted on the error or skipped card instead. */
static void worst_verdicts(const bg__html_index *rows, const bg__html_index *runs, int counts[4]) {
    for (size_t i = 0, j; i < rows->n; i = j) { /* a benchmark's rows are side by side */
        int worst = -1;
        const char *bench = bg__json_text(rows->at[i].item, "benchmark");
        for (j = i; j < rows->n && strcmp(bg__json_text(rows->at[j].item, "benchmark"), bench) == 0;
             j++) {
            int rank = card_rank(bg__json_text(rows->at[j].item, "verdict"));
            worst = rank > worst ? rank : worst;
        }
        const cJSON *ran = bg__html_index_find(runs, bench);
        if (worst >= 0 && (ran == NULL || bg__report_state(ran) == BG__BENCH_OK))
            counts[worst]++;
    }
}

/* The verdict cards: benchmarks, each under its worst verdict, the worst first. */
static void verdict_cards(bg__strbuf *sb, const bg__html_page *p) {
    static const char *const labels[4][2] = {{"benchmark passed", "benchmarks passed"},
                                             {"benchmark improved", "benchmarks improved"},
                                             {"benchmark inconclusive", "benchmarks inconclusive"},
                                             {"benchmark regressed", "benchmarks regressed"}};
    int counts[4] = {0, 0, 0, 0};
    worst_verdicts(&p->index[BG__HTML_ROWS], &p->index[BG__HTML_B], counts);
    for (int i = 3; i >= 0; i--)
        card(sb, labels[i][counts[i] != 1], counts[i]);
}

static void overview(bg__strbuf *sb, const bg__html_page *p) {
    int count[3] = {0, 0, 0}; /* by bg__report_state: ok, skipped, error */
    static const char *const statuses[] = {"ok", "skipped", "error"};
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(p->doc, "benchmarks")) count[bg__report_state(b)]++;
    int judged = cJSON_GetArraySize(p->rows) > 0;
    bg__sb_printf(sb, "<div class=\"cards\">");
    card(sb, "benchmarks", cJSON_GetArraySize(bg__json_get(p->doc, "benchmarks")));
    for (int i = 0; i < 3; i++)
        card(sb, statuses[i], count[i]);
    if (judged)
        verdict_cards(sb, p);
    bg__sb_printf(sb, "</div>\n");
    if (judged)
        bg__sb_printf(sb, "<p class=\"msg\">Verdict cards count benchmarks, each once under its "
                          "worst verdict (regression, inconclusive, improvement, pass), and only "
                          "those that ran ok: a failed or skipped benchmark is on the error or "
                          "skipped card, never passed; the tables list the verdict of every "
                          "metric.</p>\n");
    else if (p->base == NULL)
        bg__sb_printf(sb, "<p class=\"msg\">No verdict.json beside this result: it was not "
                          "compared with a baseline.</p>\n");
}

static void datasets_section(bg__strbuf *sb, const cJSON *doc) {
    const cJSON *d;
    if (cJSON_GetArraySize(bg__json_get(doc, "datasets")) == 0)
        return;
    bg__sb_printf(sb, "<h2>Datasets</h2>\n<table>\n<tr><th>name</th><th>version</th>"
                      "<th>file</th><th>SHA-256</th></tr>\n");
    cJSON_ArrayForEach(d, bg__json_get(doc, "datasets")) {
        double version = 0;
        bg__json_finite(d, "version", &version);
        bg__sb_printf(sb, "<tr><td>");
        bg__html_text(sb, bg__json_text(d, "name"));
        bg__sb_printf(sb, "</td><td class=\"num\">%.0f</td><td><code>", version);
        bg__html_text(sb, bg__json_text(d, "path"));
        bg__sb_printf(sb, "</code></td><td><code>");
        bg__html_text(sb, bg__json_text(d, "sha256"));
        bg__sb_printf(sb, "</code></td></tr>\n");
    }
    bg__sb_printf(sb, "</table>\n");
}

/* ---- one family: chart and table --------------------------------------------------------- */

/* The instance's name without "family/" in front. */
const char *bg__html_short_name(const cJSON *b) {
    const char *name = bg__json_text(b, "name"), *fam = bg__json_text(b, "family");
    size_t n = strlen(fam);
    return strncmp(name, fam, n) == 0 && name[n] == '/' ? name + n + 1 : name;
}

void bg__html_ci(const cJSON *metric, double *lo, double *hi) {
    const cJSON *ci = bg__json_get(metric, "ci95");
    *lo = *hi = NAN;
    if (cJSON_GetArraySize(ci) == 2 && cJSON_IsNumber(cJSON_GetArrayItem(ci, 0)) &&
        cJSON_IsNumber(cJSON_GetArrayItem(ci, 1))) {
        *lo = cJSON_GetArrayItem(ci, 0)->valuedouble;
        *hi = cJSON_GetArrayItem(ci, 1)->valuedouble;
    }
}

static int in_family(const cJSON *b, const char *family) {
    return strcmp(bg__json_text(b, "family"), family) == 0;
}

static void family_chart(bg__strbuf *sb, const cJSON *list, const char *family,
                         const bg__html_index *rows) {
    size_t n = (size_t)cJSON_GetArraySize(list), k = 0;
    bg__chart_bar *bars = calloc(n ? n : 1, sizeof *bars);
    const char *metric = NULL, *unit = "";
    const cJSON *b;
    cJSON_ArrayForEach(b, list) {
        const char *primary = bg__report_primary(b);
        const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), primary);
        double v;
        if (bars == NULL || !in_family(b, family) || !bg__metric_figure(m, &v) || !(v > 0))
            continue;
        if (metric && strcmp(metric, primary) != 0)
            continue; /* one metric per chart: the first instance's */
        metric = primary, unit = bg__json_text(m, "unit");
        bars[k] = (bg__chart_bar){bg__html_short_name(b), v, NAN, NAN,
                                  tone_of(rows, bg__json_text(b, "name"), primary)};
        bg__html_ci(m, &bars[k].lo, &bars[k].hi);
        k++;
    }
    char title[160];
    snprintf(title, sizeof title, "%s: median %s with 95%% CI", family, metric ? metric : "");
    if (k > 0)
        bg__svg_bar_chart(sb, &(bg__chart){title, unit, bars, k, 1, NULL});
    else
        bg__sb_printf(sb, "<p class=\"msg\">No measured benchmark to chart.</p>\n");
    free(bars);
}

static void human_cell(bg__strbuf *sb, double v, const char *unit) {
    char text[64];
    bg__figure_human_utf8(v, unit, text, sizeof text);
    bg__sb_printf(sb, "<td class=\"num\">");
    bg__html_text(sb, text);
    bg__sb_printf(sb, "</td>");
}

static void figures_cells(bg__strbuf *sb, const cJSON *b) {
    const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), bg__report_primary(b));
    double v = NAN, lo, hi, cv = NAN, n = NAN;
    char text[160], a[64], z[64];
    bg__metric_figure(m, &v);
    bg__html_ci(m, &lo, &hi);
    human_cell(sb, v, bg__json_text(m, "unit"));
    bg__figure_human_utf8(lo, bg__json_text(m, "unit"), a, sizeof a);
    bg__figure_human_utf8(hi, bg__json_text(m, "unit"), z, sizeof z);
    snprintf(text, sizeof text, "%s – %s", a, z);
    bg__sb_printf(sb, "<td class=\"num\">");
    bg__html_text(sb, isfinite(lo) && isfinite(v) ? text : "-");
    bg__sb_printf(sb, "</td>");
    bg__json_finite(m, "cv", &cv);
    bg__json_finite(m, "n", &n);
    if (isfinite(cv) && isfinite(v))
        bg__sb_printf(sb, "<td class=\"num\">%.2f%%</td>", cv * 100);
    else
        bg__sb_printf(sb, "<td class=\"num\">-</td>");
    if (isfinite(n) && isfinite(v))
        bg__sb_printf(sb, "<td class=\"num\">%.0f</td>", n);
    else
        bg__sb_printf(sb, "<td class=\"num\">-</td>");
}

/* A metric as "name = value" (ok) or "name" with its status and message. */
static void metric_line(bg__strbuf *sb, const char *name, const cJSON *m) {
    double v;
    char text[64];
    bg__html_text(sb, name);
    if (bg__metric_figure(m, &v)) {
        const char *unit = bg__json_text(m, "unit");
        bg__figure_human_utf8(v, strcmp(unit, "error") == 0 ? "" : unit, text, sizeof text);
        bg__sb_printf(sb, " = ");
        bg__html_text(sb, text);
    } else {
        bg__sb_printf(sb, " ");
        bg__html_badge(sb, bg__json_text(m, "status"));
        bg__sb_printf(sb, "<span class=\"msg\">");
        bg__html_text(sb, bg__json_text(m, "error_message"));
        bg__sb_printf(sb, "</span>");
    }
    bg__sb_printf(sb, "<br>");
}

static void metric_list_cell(bg__strbuf *sb, const cJSON *b, int builtin_group) {
    static const char *const rates[] = {"bytes_per_second", "items_per_second", "flops_per_second",
                                        "peak_rss_mb", "peak_vram_mb"};
    const cJSON *metrics = bg__json_get(b, "metrics"), *m;
    bg__sb_printf(sb, "<td>");
    if (builtin_group) {
        for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
            if (strcmp(bg__json_text(bg__json_get(metrics, rates[i]), "status"), "ok") == 0)
                metric_line(sb, rates[i], bg__json_get(metrics, rates[i]));
    } else {
        cJSON_ArrayForEach(m, metrics) {
            if (!bg__is_builtin_metric(m->string))
                metric_line(sb, m->string, m);
        }
    }
    bg__sb_printf(sb, "</td>");
}

/* The benchmark's state (bg__report_state: error for a metric in error too) and its reason. */
static void status_cell(bg__strbuf *sb, const cJSON *b) {
    bg__strbuf why = {0};
    bg__report_reason(b, &why);
    bg__sb_printf(sb, "<td>");
    bg__html_badge(sb, bg__report_state_name(bg__report_state(b)));
    if (why.len) {
        bg__sb_printf(sb, "<br><span class=\"msg\">");
        bg__html_text(sb, why.data);
        bg__sb_printf(sb, "</span>");
    }
    bg__sb_printf(sb, "</td>");
    sb->failed |= why.failed;
    bg__sb_free(&why);
}

static void family_row(bg__strbuf *sb, const cJSON *b, const bg__html_index *rows) {
    bg__sb_printf(sb, "<tr><td><code>");
    bg__html_text(sb, bg__html_short_name(b));
    bg__sb_printf(sb, "</code></td>");
    status_cell(sb, b);
    figures_cells(sb, b);
    metric_list_cell(sb, b, 1);
    metric_list_cell(sb, b, 0);
    bg__sb_printf(sb, "<td>");
    verdict_cell(sb, rows, bg__json_text(b, "name"));
    bg__sb_printf(sb, "</td></tr>\n");
}

/* The family's chart (of both runs on the page of two) and its table of the run's figures. */
static void family_section(bg__strbuf *sb, const bg__html_page *p, const char *family) {
    const cJSON *b, *list = bg__json_get(p->doc, "benchmarks");
    const bg__html_index *rows = &p->index[BG__HTML_ROWS];
    bg__sb_printf(sb, "<section>\n<h2>");
    bg__html_text(sb, family);
    bg__sb_printf(sb, "</h2>\n");
    if (p->base) {
        bg__html_pair_chart(sb, p, family); /* report_html_pair.c */
        bg__html_pair_table(sb, p, family);
        bg__sb_printf(sb, "<h3>Figures of run B</h3>\n");
    } else {
        family_chart(sb, list, family, rows);
    }
    bg__sb_printf(sb, "<table>\n<tr><th>benchmark</th><th>status</th><th>median</th>"
                      "<th>95%% CI of the median</th><th>CV</th><th>samples</th>"
                      "<th>throughput, memory</th><th>other metrics</th><th>verdict</th></tr>\n");
    cJSON_ArrayForEach(b, list) {
        if (in_family(b, family))
            family_row(sb, b, rows);
    }
    bg__sb_printf(sb, "</table>\n</section>\n");
}

int bg__html_family_seen(const cJSON *list, const cJSON *upto, const char *family) {
    for (const cJSON *b = list ? list->child : NULL; b && b != upto; b = b->next)
        if (in_family(b, family))
            return 1;
    return 0;
}

/* ---- the page ---------------------------------------------------------------------------- */

/* "machine class · CPU · 2 cores · 23.5 GB · GPU" under the title. */
static void system_line(bg__strbuf *sb, const cJSON *sys) {
    double cores = 0, ram = 0;
    bg__json_finite(sys, "cpu_count", &cores);
    bg__json_finite(sys, "ram_total_gb", &ram);
    bg__sb_printf(sb, "<br>");
    bg__html_text(sb, bg__json_text(sys, "machine_class"));
    bg__sb_printf(sb, " &middot; ");
    bg__html_text(sb, bg__json_text(sys, "cpu_model"));
    bg__sb_printf(sb, " &middot; %.0f cores &middot; %.1f GB RAM &middot; ", cores, ram);
    const cJSON *gpu = cJSON_GetArrayItem(bg__json_get(sys, "gpus"), 0);
    bg__html_text(sb, gpu ? bg__json_text(gpu, "name") : "no GPU");
    bg__sb_printf(sb, " &middot; ");
    bg__html_text(sb, bg__json_text(sys, "os"));
}

/* " · started · host [complete]" after a run id. */
static void run_line(bg__strbuf *sb, const cJSON *doc) {
    bg__sb_printf(sb, "</code> &middot; ");
    bg__html_text(sb, bg__json_text(bg__json_get(doc, "run"), "timestamp"));
    bg__sb_printf(sb, " &middot; ");
    bg__html_text(sb, bg__json_text(bg__json_get(doc, "system"), "hostname"));
    bg__sb_printf(sb, " ");
    bg__html_badge(sb, cJSON_IsTrue(bg__json_get(doc, "complete")) ? "complete" : "incomplete");
}

static void page_head(bg__strbuf *sb, const bg__html_page *p) {
    const cJSON *run = bg__json_get(p->doc, "run");
    bg__sb_printf(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>benchgate report: ");
    bg__html_text(sb, bg__json_text(run, "run_id"));
    if (p->base) {
        bg__sb_printf(sb, " compared with ");
        bg__html_text(sb, bg__json_text(bg__json_get(p->base, "run"), "run_id"));
    }
    bg__sb_printf(sb,
                  "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
                  "<h1>benchgate report</h1>\n<p class=\"sub\">%s<code>",
                  css, p->base ? "run B " : "run ");
    bg__html_text(sb, bg__json_text(run, "run_id"));
    run_line(sb, p->doc);
    system_line(sb, bg__json_get(p->doc, "system"));
    if (p->base) {
        bg__sb_printf(sb, "<br>compared with baseline A <code>");
        bg__html_text(sb, bg__json_text(bg__json_get(p->base, "run"), "run_id"));
        run_line(sb, p->base);
        system_line(sb, bg__json_get(p->base, "system"));
    }
    bg__sb_printf(sb, "</p>\n");
}

static void footer(bg__strbuf *sb, const bg__html_page *p) {
    bg__sb_printf(sb, "<footer>Made by benchgate %s from <code>", bg_version_string());
    bg__html_text(sb, p->path);
    if (p->base) {
        bg__sb_printf(sb, "</code> (run B), compared with <code>");
        bg__html_text(sb, p->base_path);
        bg__sb_printf(sb, "</code> (baseline A) by the rules of benchgate compare");
    } else {
        bg__sb_printf(sb, "</code>");
    }
    bg__sb_printf(sb, ". Bars: medians; whiskers: 95%% bootstrap confidence intervals of "
                      "the median.</footer>\n</main>\n</body>\n</html>\n");
}

void bg__report_html_page(const bg__html_page *p, bg__strbuf *sb) {
    const cJSON *list = bg__json_get(p->doc, "benchmarks"), *b;
    page_head(sb, p);
    if (p->base)
        bg__html_pair_notes(sb, p); /* report_html_pair.c */
    overview(sb, p);
    cJSON_ArrayForEach(b, list) {
        if (!bg__html_family_seen(list, b, bg__json_text(b, "family")))
            family_section(sb, p, bg__json_text(b, "family"));
    }
    if (p->base)
        bg__html_pair_baseline_only(sb, p);
    else if (cJSON_GetArraySize(list) == 0)
        bg__sb_printf(sb, "<p>This run holds no benchmark.</p>\n");
    run_section(sb, p->doc, p->base ? "Run B" : "Run");
    system_section(sb, p->doc, p->base ? "System of run B" : "System");
    if (p->base) {
        run_section(sb, p->base, "Baseline A");
        system_section(sb, p->base, "System of baseline A");
    }
    datasets_section(sb, p->doc);
    footer(sb, p);
}

bg_err bg__report_html_doc(const cJSON *doc, const char *path, bg__strbuf *sb, bg__error *err) {
    cJSON *rows = NULL;
    bg__html_index ix[3] = {{NULL, 0, "name"}, {NULL, 0, "name"}, {NULL, 0, "benchmark"}};
    BG_FORWARD_IF_ERROR(load_verdicts(path, &rows, err));
    int bad = bg__html_index_make(rows, "benchmark", &ix[BG__HTML_ROWS]);
    bad |= bg__html_index_make(bg__json_get(doc, "benchmarks"), "name", &ix[BG__HTML_B]);
    if (!bad)
        bg__report_html_page(&(bg__html_page){doc, path, rows, NULL, NULL, {NULL, NULL}, ix}, sb);
    bg__html_index_free(&ix[BG__HTML_ROWS]);
    bg__html_index_free(&ix[BG__HTML_B]);
    cJSON_Delete(rows);
    BG_RETURN_IF(bad, err, BG_ENOMEM, "out of memory reading verdicts");
    return BG_OK;
}

static bg_err html_body(const cJSON *doc, const char *path, const void *arg, bg__strbuf *sb,
                        bg__error *err) {
    (void)arg;
    return bg__report_html_doc(doc, path, sb, err);
}

bg_err bg_report_html(const char *result_path, char **out_text, char *errbuf, size_t errlen) {
    return bg__report_text(result_path, html_body, NULL, out_text, errbuf, errlen);
}
