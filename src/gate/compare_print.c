/* compare_print.c - a comparison as a console table, Markdown, or strict JSON. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/compare.h"
#include "common/common.h"
#include "gate/gate.h"
#include "results/results.h"

static int is_points(const bg_comparison *r) {
    return bg__comparison_in_points(r);
}

static void cells(const bg_comparison *r, char out[4][64]) {
    const char *u = is_points(r) ? " pt" : "%";
    for (int i = 0; i < 4; i++)
        out[i][0] = '\0';
    if (r->verdict == BG_VERDICT_NEW || r->verdict == BG_VERDICT_GONE ||
        r->verdict == BG_VERDICT_NOT_COMPARED || r->verdict == BG_VERDICT_SKIPPED)
        return;
    bg__figure_human(r->baseline, r->unit, out[0], 64); /* "118.6 us", as start prints it */
    bg__figure_human(r->current, r->unit, out[1], 64);
    snprintf(out[2], 64, "%+.2f%s", r->change, u);
    if (r->change_lo != r->change_hi)
        snprintf(out[3], 64, "[%+.1f, %+.1f]%s", r->change_lo, r->change_hi, u);
}

/* The order rows are shown in: what needs a look first, pass last (rank 7). */
static int shown_rank(bg_verdict v) {
    static const int rank[] = {
        [BG_VERDICT_REGRESSION] = 0,   [BG_VERDICT_INCONCLUSIVE] = 1, [BG_VERDICT_IMPROVEMENT] = 2,
        [BG_VERDICT_NOT_COMPARED] = 3, [BG_VERDICT_NEW] = 4,          [BG_VERDICT_GONE] = 5,
        [BG_VERDICT_SKIPPED] = 6,      [BG_VERDICT_PASS] = 7};
    return (size_t)v < sizeof rank / sizeof *rank ? rank[v] : 7;
}

static void print_row(const bg_comparison *r, FILE *f, int markdown) {
    char v[4][64], thr[32];
    cells(r, v);
    snprintf(thr, sizeof thr, "%g%s", r->threshold, is_points(r) ? "pt" : "%");
    const char *verdict = bg_verdict_name(r->verdict);
    if (markdown)
        fprintf(f, "| `%s` | %s | %s | %s | %s | %s | %s | **%s** %s |\n", r->benchmark, r->metric,
                v[0], v[1], v[2], v[3], thr, verdict, r->note);
    else
        fprintf(f, "%-44s %-12s %11s %11s %9s %18s %6s  %s%s%s\n", r->benchmark, r->metric, v[0],
                v[1], v[2], v[3], thr, verdict, r->note[0] ? ": " : "", r->note);
}

static void print_table(const bg_compare *c, FILE *f, int markdown, size_t pass_rows) {
    const char *head[] = {"benchmark", "metric", "baseline",  "current",
                          "change",    "CI",     "threshold", "verdict"};
    if (markdown)
        fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---|--:|--:|--:|--:|--:|---|\n",
                head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7]);
    else
        fprintf(f, "%-44s %-12s %11s %11s %9s %18s %6s  %s\n", head[0], head[1], head[2], head[3],
                head[4], head[5], "thr", head[7]);
    size_t n = bg_compare_count(c), passes = bg_compare_tally(c, BG_VERDICT_PASS);
    int hide_passes = passes > pass_rows;
    for (int rank = 0; rank <= 7; rank++)
        for (size_t i = 0; i < n; i++) {
            const bg_comparison *r = bg_compare_row(c, i);
            if (shown_rank(r->verdict) == rank && !(rank == 7 && hide_passes))
                print_row(r, f, markdown);
        }
    if (hide_passes)
        fprintf(f,
                markdown ? "\n_%zu pass rows not shown (each within its threshold); `benchgate "
                           "compare --all` lists them._\n"
                         : "(%zu pass rows not shown: each within its threshold; benchgate "
                           "compare --all lists them)\n",
                passes);
}

static void print_json(const bg_compare *c, FILE *f) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "benchgate.verdict/1");
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (size_t i = 0; i < bg_compare_count(c); i++)
        cJSON_AddItemToArray(rows, bg__comparison_json(bg_compare_row(c, i)));
    cJSON *tally = cJSON_AddObjectToObject(root, "summary");
    for (int v = BG_VERDICT_PASS; v <= BG_VERDICT_SKIPPED; v++)
        cJSON_AddNumberToObject(tally, bg_verdict_name((bg_verdict)v),
                                (double)bg_compare_tally(c, (bg_verdict)v));
    char *text = bg__json_print(root, 1);
    if (text)
        fprintf(f, "%s\n", text);
    free(text);
    cJSON_Delete(root);
}

void bg_compare_print_rows(const bg_compare *c, FILE *out, const char *format, size_t pass_rows) {
    if (format && strcmp(format, "json") == 0)
        print_json(c, out);
    else
        print_table(c, out, format && strcmp(format, "md") == 0, pass_rows);
    fflush(out);
}

void bg_compare_print(const bg_compare *c, FILE *out, const char *format) {
    bg_compare_print_rows(c, out, format, BG_COMPARE_PASS_ROWS);
}
