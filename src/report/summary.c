/* summary.c - several runs (and machines) summarised per benchmark: the spread of the run
 * medians of the primary metric, and the range of accuracy metrics. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "results/results.h"
#include "report/report.h"

/** The values of one metric of one benchmark across the runs. */
typedef struct series {
    char bench[512], family[128], metric[64], unit[32];
    double *values; /**< one per run where the benchmark and the metric were ok */
    size_t n, cap;
    int seen;        /**< runs that had the benchmark at all */
    cJSON *machines; /**< distinct machine classes of the values (strings) */
} series;

/** Everything read so far. */
typedef struct summary {
    series *rows;
    size_t count, cap;
    cJSON *inputs; /**< [{path, run_id, machine_class, timestamp}] */
    bg__error err;
} summary;

static void copy_text(char *dst, size_t size, const char *src) {
    snprintf(dst, size, "%s", src);
}

static series *find_series(summary *s, const char *bench, const char *metric) {
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->rows[i].bench, bench) == 0 && strcmp(s->rows[i].metric, metric) == 0)
            return &s->rows[i];
    return NULL;
}

static series *add_series(summary *s, const cJSON *b, const char *metric) {
    series *r = find_series(s, bg__json_text(b, "name"), metric);
    if (r != NULL)
        return r;
    if (bg__grow((void **)&s->rows, &s->cap, s->count + 1, sizeof *s->rows, 16) != 0)
        return NULL;
    r = &s->rows[s->count++];
    memset(r, 0, sizeof *r);
    copy_text(r->bench, sizeof r->bench, bg__json_text(b, "name"));
    copy_text(r->family, sizeof r->family, bg__json_text(b, "family"));
    copy_text(r->metric, sizeof r->metric, metric);
    r->machines = cJSON_CreateArray();
    if (r->machines == NULL) {
        s->count--;
        return NULL;
    }
    return r;
}

static int add_machine(series *r, const char *machine) {
    const cJSON *m;
    cJSON_ArrayForEach(m, r->machines) {
        if (strcmp(cJSON_GetStringValue(m), machine) == 0)
            return 0;
    }
    return cJSON_AddItemToArray(r->machines, cJSON_CreateString(machine)) ? 0 : -1;
}

static int add_value(series *r, double v, const char *machine) {
    if (bg__grow((void **)&r->values, &r->cap, r->n + 1, sizeof *r->values, 8) != 0)
        return -1;
    r->values[r->n++] = v;
    return add_machine(r, machine);
}

/* Counts the run for (benchmark, metric) and adds its figure when ok. @return -1 no memory */
static int record(summary *s, const cJSON *b, const char *metric, const char *machine) {
    series *r = add_series(s, b, metric);
    if (r == NULL)
        return -1;
    const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), metric);
    double v;
    r->seen++;
    if (r->unit[0] == '\0')
        copy_text(r->unit, sizeof r->unit, bg__json_text(m, "unit"));
    int ok = strcmp(bg__json_text(b, "status"), "ok") == 0 && bg__metric_figure(m, &v);
    return ok ? add_value(r, v, machine) : 0;
}

static int is_accuracy(const char *metric) {
    return bg__metric_kind_of(metric) == BG__METRIC_ACCURACY;
}

static bg_err add_run(summary *s, const cJSON *doc, const char *path) {
    const char *machine = bg__json_text(bg__json_get(doc, "system"), "machine_class");
    const cJSON *run = bg__json_get(doc, "run"), *b, *m;
    cJSON *in = cJSON_CreateObject();
    cJSON_AddItemToArray(s->inputs, in);
    cJSON_AddStringToObject(in, "path", path);
    cJSON_AddStringToObject(in, "run_id", bg__json_text(run, "run_id"));
    cJSON_AddStringToObject(in, "machine_class", machine);
    cJSON_AddStringToObject(in, "timestamp", bg__json_text(run, "timestamp"));
    int bad = 0;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        bad |= record(s, b, bg__report_primary(b), machine);
        cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) {
            if (is_accuracy(m->string))
                bad |= record(s, b, m->string, machine);
        }
    }
    BG_RETURN_IF(bad, &s->err, BG_ENOMEM, "out of memory summarising %s", path);
    return BG_OK;
}

static bg__series_figures compute(const series *r) {
    return bg__report_series_figures(r->values, r->n);
}

static void machine_list(const series *r, const char *sep, bg__strbuf *sb) {
    const cJSON *m;
    int first = 1;
    cJSON_ArrayForEach(m, r->machines) {
        bg__sb_printf(sb, "%s%s", first ? "" : sep, cJSON_GetStringValue(m));
        first = 0;
    }
}

/* ---- csv and json ----------------------------------------------------------------------- */

static void write_csv(const summary *s, bg__strbuf *sb) {
    bg__sb_printf(sb, "benchmark,family,metric,unit,runs,runs_seen,median,min,max,spread_pct,"
                      "cv_pct,machines\n");
    for (size_t i = 0; i < s->count; i++) {
        const series *r = &s->rows[i];
        bg__series_figures f = compute(r);
        bg__report_csv_series(sb, r->bench, r->family, r->metric, r->unit, r->n, r->seen);
        bg__report_csv_number(sb, f.median);
        bg__report_csv_number(sb, f.min);
        bg__report_csv_number(sb, f.max);
        bg__report_csv_number(sb, f.spread_pct);
        bg__report_csv_number(sb, f.cv_pct);
        bg__strbuf machines = {0};
        machine_list(r, ";", &machines);
        bg__sb_csv_field(sb, machines.data ? machines.data : "", 1);
        bg__sb_free(&machines);
    }
}

static cJSON *row_json(const series *r) {
    bg__series_figures f = compute(r);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "benchmark", r->bench);
    cJSON_AddStringToObject(o, "family", r->family);
    cJSON_AddStringToObject(o, "metric", r->metric);
    cJSON_AddStringToObject(o, "kind", is_accuracy(r->metric) ? "accuracy" : "primary");
    cJSON_AddStringToObject(o, "unit", r->unit);
    bg__json_number(o, "runs", (double)r->n);
    bg__json_number(o, "runs_seen", r->seen);
    bg__json_number(o, "median", f.median);
    bg__json_number(o, "min", f.min);
    bg__json_number(o, "max", f.max);
    bg__json_number(o, "spread_pct", f.spread_pct);
    bg__json_number(o, "cv_pct", f.cv_pct);
    cJSON_AddItemToObject(o, "machines", cJSON_Duplicate(r->machines, 1));
    return o;
}

static bg_err write_json(summary *s, bg__strbuf *sb) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "benchgate.summary/1");
    cJSON_AddItemReferenceToObject(root, "inputs", s->inputs);
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (size_t i = 0; i < s->count; i++)
        cJSON_AddItemToArray(rows, row_json(&s->rows[i]));
    char *text = bg__json_print(root, 1);
    cJSON_Delete(root);
    BG_RETURN_IF(text == NULL, &s->err, BG_ENOMEM, "out of memory printing the summary");
    bg__sb_puts(sb, text);
    free(text);
    return BG_OK;
}

/* ---- table and markdown ----------------------------------------------------------------- */

enum { COLS = 9, CELL = 520 };

static const char *const headings[COLS] = {"benchmark", "metric", "runs", "median",  "min",
                                           "max",       "spread", "cv",   "machines"};

/* Columns 2..7 are figures: right-aligned. */
static const unsigned right_columns = 0xFCu;

static int right_aligned(int col) {
    return (right_columns >> col) & 1u;
}

static void percent_cell(double v, char *buf, size_t size) {
    if (isfinite(v))
        snprintf(buf, size, "%.2f%%", v);
    else
        snprintf(buf, size, "-");
}

/* The cells of row i for people; each cell holds CELL bytes. */
static void row_cells(const series *r, char cells[COLS][CELL]) {
    bg__series_figures f = compute(r);
    bg__strbuf machines = {0};
    machine_list(r, ", ", &machines);
    copy_text(cells[0], CELL, r->bench);
    copy_text(cells[1], CELL, r->metric);
    if ((int)r->n == r->seen)
        snprintf(cells[2], CELL, "%zu", r->n);
    else
        snprintf(cells[2], CELL, "%zu of %d", r->n, r->seen);
    bg__figure_human(f.median, r->unit, cells[3], CELL);
    bg__figure_human(f.min, r->unit, cells[4], CELL);
    bg__figure_human(f.max, r->unit, cells[5], CELL);
    percent_cell(f.spread_pct, cells[6], CELL);
    percent_cell(f.cv_pct, cells[7], CELL);
    copy_text(cells[8], CELL, machines.data ? machines.data : "-");
    bg__sb_free(&machines);
}

/* One line of the table; stacked: the name on a line of its own, the rest under it. */
static void table_line(bg__strbuf *sb, char cells[COLS][CELL], const int *width, int stacked) {
    if (!stacked) {
        bg__report_table_line(sb, &cells[0][0], CELL, COLS, width, right_columns);
        return;
    }
    bg__sb_printf(sb, "%s\n  ", cells[0]);
    bg__report_table_line(sb, &cells[1][0], CELL, COLS - 1, width + 1, right_columns >> 1);
}

/* The columns from..COLS-1 with the blanks between them. */
static int line_width(const int *width, int from) {
    int line = 2 * (COLS - 1 - from);
    for (int c = from; c < COLS; c++)
        line += width[c];
    return line;
}

/* Column c narrowed by up to cut columns, to no less than floor. */
static void narrow(int *width, int c, int cut, int floor) {
    int w = width[c] - cut > floor ? width[c] - cut : floor;
    width[c] = w < width[c] ? w : width[c];
}

/* The benchmark and machines columns narrowed until the line fits the terminal's width; where
 * even that is too wide the table is stacked (each name on a line of its own, its figures
 * under it, indented). @return 1 when stacked */
static int fit_names(int *width) {
    int limit = bg__term_width();
    narrow(width, 8, line_width(width, 0) - limit, 12);
    narrow(width, 0, line_width(width, 0) - limit, 16);
    if (line_width(width, 0) <= limit)
        return 0;
    width[0] = limit;
    narrow(width, 8, 2 + line_width(width, 1) - limit, 12);
    return 1;
}

/* A cell shortened in the middle to width columns ("…"; "..." without UTF-8). */
static void shorten_cell(char *cell, int width) {
    char out[CELL];
    bg__text_shorten(cell, (size_t)width, bg__term_utf8(), out, sizeof out);
    copy_text(cell, CELL, out);
}

/* The texts read from result files (name, metric, machine classes) made safe for a terminal:
 * a control character or an ANSI escape is shown as \x1b, not obeyed. */
static void safe_cells(char cells[COLS][CELL]) {
    static const int texts[] = {0, 1, 8};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char safe[CELL];
        bg__term_safe(cells[texts[i]], safe, sizeof safe);
        copy_text(cells[texts[i]], CELL, safe);
    }
}

static void write_table(const summary *s, bg__strbuf *sb) {
    char cells[COLS][CELL];
    int width[COLS];
    for (int c = 0; c < COLS; c++)
        width[c] = bg__report_text_width(headings[c]);
    for (size_t i = 0; i < s->count; i++) {
        row_cells(&s->rows[i], cells);
        safe_cells(cells);
        for (int c = 0; c < COLS; c++)
            width[c] = bg__report_text_width(cells[c]) > width[c] ? bg__report_text_width(cells[c])
                                                                  : width[c];
    }
    int stacked = fit_names(width);
    bg__sb_printf(sb, "benchgate summary of %d run(s)\n\n", cJSON_GetArraySize(s->inputs));
    for (int c = 0; c < COLS; c++)
        copy_text(cells[c], CELL, headings[c]);
    table_line(sb, cells, width, stacked);
    for (size_t i = 0; i < s->count; i++) {
        row_cells(&s->rows[i], cells);
        safe_cells(cells);
        shorten_cell(cells[0], width[0]);
        shorten_cell(cells[8], width[8]);
        table_line(sb, cells, width, stacked);
    }
}

static void write_md(const summary *s, bg__strbuf *sb) {
    char cells[COLS][CELL];
    bg__sb_printf(sb, "## benchgate summary of %d run(s)\n\n|", cJSON_GetArraySize(s->inputs));
    for (int c = 0; c < COLS; c++)
        bg__sb_printf(sb, " %s |", headings[c]);
    bg__sb_printf(sb, "\n|");
    for (int c = 0; c < COLS; c++)
        bg__sb_printf(sb, " %s |", right_aligned(c) ? "---:" : "---");
    bg__sb_printf(sb, "\n");
    for (size_t i = 0; i < s->count; i++) {
        row_cells(&s->rows[i], cells);
        bg__sb_printf(sb, "| ");
        bg__md_code(sb, cells[0], 1); /* the name as code, exactly */
        bg__sb_printf(sb, " |");
        for (int c = 1; c < COLS; c++) {
            bg__sb_printf(sb, " ");
            bg__md_text(sb, cells[c]);
            bg__sb_printf(sb, " |");
        }
        bg__sb_printf(sb, "\n");
    }
}

/* ---- the public entry point ------------------------------------------------------------- */

static bg_err write_format(summary *s, const char *format, bg__strbuf *sb) {
    if (strcmp(format, "json") == 0)
        return write_json(s, sb);
    if (strcmp(format, "csv") == 0)
        write_csv(s, sb);
    else if (strcmp(format, "md") == 0)
        write_md(s, sb);
    else
        write_table(s, sb);
    return BG_OK;
}

static int known_format(const char *format) {
    static const char *const names[] = {"table", "md", "csv", "json"};
    for (size_t i = 0; format && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(format, names[i]) == 0)
            return 1;
    return 0;
}

static bg_err read_runs(summary *s, const char *const *paths, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char resolved[BG__PATH_MAX + 32];
        cJSON *doc = NULL;
        BG_FORWARD_IF_ERROR(bg__report_load(paths[i], &doc, resolved, sizeof resolved, &s->err));
        bg_err rc = add_run(s, doc, resolved);
        cJSON_Delete(doc);
        BG_FORWARD_IF_ERROR(rc);
    }
    return BG_OK;
}

static void summary_release(summary *s) {
    for (size_t i = 0; i < s->count; i++) {
        free(s->rows[i].values);
        cJSON_Delete(s->rows[i].machines);
    }
    free(s->rows);
    cJSON_Delete(s->inputs);
}

bg_err bg_summary(const char *const *paths, size_t n, const char *format, char **out_text,
                  char *errbuf, size_t errlen) {
    summary s = {NULL, 0, 0, cJSON_CreateArray(), {BG_OK, ""}};
    bg__strbuf sb = {0};
    bg_err rc = BG_OK;
    if (out_text == NULL || paths == NULL || n == 0)
        rc = bg__set_error(&s.err, BG_EUSAGE,
                           "no runs to summarise (give run directories or "
                           "result.json files)");
    else if (!known_format(format))
        rc = bg__set_error(&s.err, BG_EUSAGE, "unknown summary format '%s' (formats: %s)",
                           format ? format : "", BG_SUMMARY_FORMATS);
    else if (s.inputs == NULL)
        rc = bg__set_error(&s.err, BG_ENOMEM, "out of memory");
    if (out_text)
        *out_text = NULL;
    if (rc == BG_OK)
        rc = read_runs(&s, paths, n);
    if (rc == BG_OK)
        rc = write_format(&s, format, &sb);
    summary_release(&s);
    return bg__report_finish(rc, &s.err, &sb, out_text, errbuf, errlen);
}
