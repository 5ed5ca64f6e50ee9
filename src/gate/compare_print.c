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
        r->verdict == BG_VERDICT_NOT_COMPARED || r->verdict == BG_VERDICT_SKIPPED ||
        r->verdict == BG_VERDICT_ERROR)
        return;
    bg__figure_human(r->baseline, r->unit, out[0], 64); /* "118.6 us", as start prints it */
    bg__figure_human(r->current, r->unit, out[1], 64);
    if (!isfinite(r->change))
        return; /* no change in percent (the complexity class: the note says) */
    snprintf(out[2], 64, "%+.2f%s", r->change, u);
    if (r->change_lo != r->change_hi)
        snprintf(out[3], 64, "[%+.1f, %+.1f]%s", r->change_lo, r->change_hi, u);
}

/* The order rows are shown in: what needs a look first, pass last (rank 7). */
static int shown_rank(bg_verdict v) {
    static const int rank[BG_VERDICT_COUNT] = {
        [BG_VERDICT_ERROR] = 0,       [BG_VERDICT_REGRESSION] = 0,   [BG_VERDICT_INCONCLUSIVE] = 1,
        [BG_VERDICT_IMPROVEMENT] = 2, [BG_VERDICT_NOT_COMPARED] = 3, [BG_VERDICT_NEW] = 4,
        [BG_VERDICT_GONE] = 5,        [BG_VERDICT_SKIPPED] = 6,      [BG_VERDICT_PASS] = 7};
    return (size_t)v < sizeof rank / sizeof *rank ? rank[v] : 7;
}

/* "5%", "2pt"; empty where the row has no threshold (an error row: NaN). */
static void threshold_cell(const bg_comparison *r, char out[64]) {
    if (isfinite(r->threshold))
        snprintf(out, 64, "%g%s", r->threshold, is_points(r) ? "pt" : "%");
    else
        out[0] = '\0';
}

static void print_md_row(const bg_comparison *r, FILE *f) {
    char v[4][64];
    cells(r, v);
    bg__strbuf name = {0}, note = {0}; /* text from the files: as code, as text */
    bg__md_code(&name, r->benchmark, 1);
    bg__md_text(&note, r->note);
    char thr[64];
    threshold_cell(r, thr);
    fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | **%s** %s |\n", name.data ? name.data : "",
            r->metric, v[0], v[1], v[2], v[3], thr, bg_verdict_name(r->verdict),
            note.data ? note.data : "");
    bg__sb_free(&name);
    bg__sb_free(&note);
}

/* The console table's columns: benchmark, metric, baseline, current, change, CI, thr, verdict;
 * each as wide as its widest cell, the benchmark's what the terminal's width leaves. Where
 * that is under 16 columns the table is stacked: each name on a line of its own, its row
 * under it, indented, without the benchmark column. */
enum { COLS = 8, NAME_MIN = 16 };
typedef struct layout {
    size_t width[COLS], line;
    int utf8, stacked;
} layout;

static const char *const heads[COLS] = {"benchmark", "metric", "baseline", "current",
                                        "change",    "CI",     "thr",      "verdict"};

static void row_cells(const bg_comparison *r, char out[COLS][64]) {
    char v[4][64];
    cells(r, v);
    snprintf(out[0], 64, "%s", "");
    snprintf(out[1], 64, "%.63s", r->metric);
    for (int i = 0; i < 4; i++)
        snprintf(out[2 + i], 64, "%.63s", v[i]);
    threshold_cell(r, out[6]);
    snprintf(out[7], 64, "%s", bg_verdict_name(r->verdict));
}

static void grow(size_t *w, const char *text) {
    size_t n = bg__text_width(text);
    *w = n > *w ? n : *w;
}

static layout plan(const bg_compare *c, int hide_passes) {
    layout l = {{0}, (size_t)bg__term_width(), bg__term_utf8(), 0};
    char cell[COLS][64];
    for (int k = 0; k < COLS; k++)
        l.width[k] = strlen(heads[k]);
    for (size_t i = 0; i < bg_compare_count(c); i++) {
        const bg_comparison *r = bg_compare_row(c, i);
        if (hide_passes && r->verdict == BG_VERDICT_PASS)
            continue;
        row_cells(r, cell);
        char safe[4 * sizeof r->benchmark + 1];
        bg__term_safe(r->benchmark, safe, sizeof safe);
        grow(&l.width[0], safe);
        for (int k = 1; k < COLS; k++)
            grow(&l.width[k], cell[k]);
    }
    size_t rest = COLS; /* the blanks between columns (two before the verdict) */
    for (int k = 1; k < COLS; k++)
        rest += l.width[k];
    l.stacked = l.line < rest + NAME_MIN;
    size_t room = l.stacked ? l.line - 2 : l.line - rest;
    l.width[0] = l.stacked ? 0 : l.width[0] < room ? l.width[0] : room;
    return l;
}

/* Appends text padded to width columns: left-aligned, or right-aligned when right. */
static void put_cell(bg__strbuf *sb, const char *text, size_t width, int right) {
    size_t n = bg__text_width(text);
    size_t pad = n < width ? width - n : 0;
    bg__sb_printf(sb, "%*s%s%*s", right ? (int)pad : 0, "", text, right ? 0 : (int)pad, "");
}

static void put_line(bg__strbuf *sb, const layout *l, char cell[COLS][64], const char *name) {
    if (l->stacked)
        bg__sb_printf(sb, "%s\n  ", name);
    for (int k = l->stacked; k < COLS; k++) {
        put_cell(sb, k == 0 ? name : cell[k], k == COLS - 1 ? 0 : l->width[k], k >= 2 && k <= 6);
        bg__sb_printf(sb, "%s", k == COLS - 1 ? "" : k == COLS - 2 ? "  " : " ");
    }
}

/* One row; its note after the verdict when it fits the line, else wrapped under the row. */
static void print_console_row(const bg_comparison *r, const layout *l, FILE *f) {
    char cell[COLS][64], safe[4 * sizeof r->benchmark + 1], name[sizeof safe];
    char note[4 * sizeof r->note + 1];
    bg__strbuf sb = {0};
    row_cells(r, cell);
    bg__term_safe(r->benchmark, safe, sizeof safe); /* an ESC in a name is shown, not obeyed */
    bg__term_safe(r->note, note, sizeof note);
    bg__text_shorten(safe, l->stacked ? l->line : l->width[0], l->utf8, name, sizeof name);
    put_line(&sb, l, cell, name);
    const char *last = sb.data ? strrchr(sb.data, '\n') : NULL;
    size_t used = sb.data ? bg__text_width(last ? last + 1 : sb.data) : 0;
    if (note[0] && used + 2 + bg__text_width(note) <= l->line)
        bg__sb_printf(&sb, ": %s", note);
    else if (note[0]) {
        bg__sb_printf(&sb, "\n    ");
        bg__text_wrap(&sb, note, l->line, "    ", 4);
        sb.len--; /* the wrap's last newline: the one below ends the row */
    }
    if (sb.data) {
        while (sb.len > 0 && sb.data[sb.len - 1] == ' ')
            sb.len--;
        fprintf(f, "%.*s\n", (int)sb.len, sb.data);
    }
    bg__sb_free(&sb);
}

/* After a regression of an instruction count: the one line that says what finds its cause. */
static void explain_hint(const bg_compare *c, FILE *f) {
    for (size_t i = 0; i < bg_compare_count(c); i++) {
        const bg_comparison *r = bg_compare_row(c, i);
        if (r->verdict == BG_VERDICT_REGRESSION && strcmp(r->metric, "instructions") == 0) {
            fprintf(f, "hint: benchgate explain --base=OLD_BUILD --head=NEW_BUILD --bench=BENCH "
                       "shows which functions\n");
            return;
        }
    }
}

static void print_table(const bg_compare *c, FILE *f, int markdown, size_t pass_rows) {
    size_t n = bg_compare_count(c), passes = bg_compare_tally(c, BG_VERDICT_PASS);
    int hide_passes = passes > pass_rows;
    layout l = plan(c, hide_passes);
    if (markdown) {
        fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---|--:|--:|--:|--:|--:|---|\n",
                heads[0], heads[1], heads[2], heads[3], heads[4], heads[5], "threshold", heads[7]);
    } else {
        char head[COLS][64];
        bg__strbuf sb = {0};
        for (int k = 0; k < COLS; k++)
            snprintf(head[k], 64, "%s", heads[k]);
        put_line(&sb, &l, head, heads[0]);
        while (sb.data && sb.len > 0 && sb.data[sb.len - 1] == ' ')
            sb.data[--sb.len] = '\0';
        if (sb.data)
            fprintf(f, "%s\n", sb.data);
        bg__sb_free(&sb);
    }
    for (int rank = 0; rank <= 7; rank++)
        for (size_t i = 0; i < n; i++) {
            const bg_comparison *r = bg_compare_row(c, i);
            if (shown_rank(r->verdict) != rank || (rank == 7 && hide_passes))
                continue;
            if (markdown)
                print_md_row(r, f);
            else
                print_console_row(r, &l, f);
        }
    if (hide_passes && markdown)
        fprintf(f,
                "\n_%zu pass rows not shown (each within its threshold); `benchgate compare "
                "--all` lists them._\n",
                passes);
    else if (hide_passes) {
        char text[160];
        bg__strbuf sb = {0};
        snprintf(text, sizeof text,
                 "(%zu pass rows not shown: each within its threshold; benchgate compare --all "
                 "lists them)",
                 passes);
        bg__text_wrap(&sb, text, l.line, " ", 0);
        if (sb.data)
            fputs(sb.data, f);
        bg__sb_free(&sb);
    }
    if (!markdown)
        explain_hint(c, f);
}

static void print_json(const bg_compare *c, FILE *f) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "benchgate.verdict/1");
    cJSON_AddStringToObject(root, "outcome", bg_outcome_name(bg_compare_outcome(c)));
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (size_t i = 0; i < bg_compare_count(c); i++)
        cJSON_AddItemToArray(rows, bg__comparison_json(bg_compare_row(c, i)));
    cJSON *tally = cJSON_AddObjectToObject(root, "summary");
    for (int v = BG_VERDICT_PASS; v < BG_VERDICT_COUNT; v++)
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
