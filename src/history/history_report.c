/* history_report.c - reports over the run history: the last runs, and the trend of each
 * benchmark's primary metric over them (benchgate history, benchgate summary --db). */
#include <cjson/cJSON.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/history.h"
#include "benchgate/settings.h"
#include "benchgate/report.h"
#include "history.h"
#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

/** One benchmark's primary metric on one machine class over the runs, oldest first: two
 * machines' figures are never one trend. */
typedef struct trend {
    char bench[512], family[128], metric[64], unit[32], mclass[128];
    double *values; /**< the figure of each ok run, oldest first */
    int *run_at;    /**< each value's run: its index in trends.runs */
    size_t n, cap;
    int seen; /**< runs that had the benchmark */
} trend;

typedef struct trends {
    trend *rows;
    size_t count, cap;
    int classes; /**< 1 when the rows have more than one machine class */
    cJSON *runs; /**< [{run_id, timestamp}] of the runs read, oldest first */
    bg__error err;
} trends;

static int known_format(const char *f, int md) {
    return f && (strcmp(f, "table") == 0 || strcmp(f, "csv") == 0 || strcmp(f, "json") == 0 ||
                 (md && strcmp(f, "md") == 0));
}

static bg__store *open_existing(const char *path, bg__error *err) {
    struct stat st; /* lstat: a link, even a dangling one, is refused by bg__history_open */
    if (path == NULL || (!bg__store_is_pg(path) && lstat(path, &st) != 0)) {
        bg__set_error(err, BG_EINPUT,
                      "%s: no run history yet (benchgate start records each run there; "
                      "--db=FILE or --history=FILE name another)",
                      path ? path : "");
        return NULL;
    }
    return bg__store_open(path, 0, err);
}

#define COL_TEXT(r, i) (s->ops->text((r), (i)))

/* ---- benchgate history ---------------------------------------------------------------- */

static const char *list_sql =
    "SELECT r.run_id, r.timestamp, r.machine_class, coalesce(substr(r.git_sha, 1, 10), '-'),"
    " (SELECT count(*) FROM benchmarks b WHERE b.run = r.id),"
    " (SELECT count(*) FROM benchmarks b WHERE b.run = r.id AND b.status = 'ok'),"
    " r.complete, r.result_path FROM runs r ORDER BY r.timestamp DESC, r.id DESC LIMIT ?";

/* LIMIT for all of them: a count no history reaches (PostgreSQL refuses LIMIT -1). */
static long long limit_of(int last) {
    return last > 0 ? last : 1000000000000LL;
}

/* The table of runs is 99 columns wide; narrower, each run takes two lines: its id, then the
 * rest indented, the machine class shortened to what the width leaves (at least 10). */
static int list_stacked(void) {
    return bg__term_width() < 99;
}

static size_t list_machine_width(void) {
    int w = bg__term_width() - 54;
    return w < 10 ? 10 : (size_t)w;
}

static void list_row(bg__store *s, bg__rows *st, const char *format, bg__strbuf *sb, cJSON *arr) {
    const char *id = COL_TEXT(st, 0), *ts = COL_TEXT(st, 1), *mc = COL_TEXT(st, 2);
    const char *sha = COL_TEXT(st, 3), *path = COL_TEXT(st, 7);
    int all = (int)s->ops->integer(st, 4), ok = (int)s->ops->integer(st, 5);
    int complete = (int)s->ops->integer(st, 6);
    if (strcmp(format, "json") == 0) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "run_id", id);
        cJSON_AddStringToObject(o, "timestamp", ts);
        cJSON_AddStringToObject(o, "machine_class", mc);
        cJSON_AddStringToObject(o, "git_sha", sha);
        cJSON_AddNumberToObject(o, "benchmarks", all);
        cJSON_AddNumberToObject(o, "ok", ok);
        cJSON_AddBoolToObject(o, "complete", complete);
        cJSON_AddStringToObject(o, "path", path);
        cJSON_AddItemToArray(arr, o);
    } else if (strcmp(format, "csv") == 0) {
        bg__sb_printf(sb, "%s,%s,%s,%s,%d,%d,%s,", id, ts, mc, sha, all, ok,
                      complete ? "true" : "false");
        bg__sb_csv_field(sb, path, 1);
    } else { /* for a terminal: what the database holds is shown, never obeyed */
        char counts[32], cell[4][1024];
        const char *text[4] = {id, ts, mc, sha};
        for (int k = 0; k < 4; k++)
            bg__term_safe(text[k], cell[k], sizeof cell[k]);
        snprintf(counts, sizeof counts, "%d/%d ok", ok, all);
        if (!list_stacked()) {
            bg__sb_printf(sb, "%-24s %-20s %-22s %-10s %-10s %s\n", cell[0], cell[1], cell[2],
                          cell[3], counts, complete ? "yes" : "no");
            return;
        }
        char machine[1024];
        bg__text_shorten(cell[2], list_machine_width(), bg__term_utf8(), machine, sizeof machine);
        bg__sb_printf(sb, "%s\n  %-20s %-*s %-10s %-10s %s\n", cell[0], cell[1],
                      (int)(list_machine_width() + strlen(machine) - bg__text_width(machine)),
                      machine, cell[3], counts, complete ? "yes" : "no");
    }
}

static bg_err list_runs(bg__store *s, int last, const char *format, bg__strbuf *sb,
                        bg__error *err) {
    bg__rows *st = NULL;
    bg__sqlp limit = bg__p_int(limit_of(last));
    BG_FORWARD_IF_ERROR(s->ops->query(s, list_sql, &limit, 1, &st, err));
    cJSON *arr = cJSON_CreateArray();
    if (strcmp(format, "csv") == 0)
        bg__sb_printf(sb, "run_id,timestamp,machine_class,git_sha,benchmarks,ok,complete,path\n");
    else if (strcmp(format, "table") == 0 && !list_stacked())
        bg__sb_printf(sb, "%-24s %-20s %-22s %-10s %-10s %s\n", "run", "time (UTC)", "machine",
                      "commit", "benchmarks", "complete");
    else if (strcmp(format, "table") == 0)
        bg__sb_printf(sb, "run\n  %-20s %-*s %-10s %-10s %s\n", "time (UTC)",
                      (int)list_machine_width(), "machine", "commit", "benchmarks", "complete");
    int more;
    while ((more = s->ops->next(st)) == 1)
        list_row(s, st, format, sb, arr);
    s->ops->rows_free(st);
    if (more < 0) {
        cJSON_Delete(arr);
        return bg__set_error(err, BG_EIO, "%s: cannot read the history", s->shown);
    }
    if (strcmp(format, "json") == 0) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "schema", "benchgate.history/1");
        cJSON_AddItemToObject(root, "runs", arr);
        char *text = bg__json_print(root, 1);
        bg__sb_printf(sb, "%s\n", text ? text : "{}");
        free(text);
        cJSON_Delete(root); /* and arr with it */
    } else
        cJSON_Delete(arr);
    return BG_OK;
}

bg_err bg_history_list(const char *db_path, int last, const char *format, char **out_text,
                       char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    bg_err rc = BG_OK;
    if (out_text)
        *out_text = NULL;
    if (out_text == NULL || !known_format(format, 0))
        rc = bg__set_error(&err, BG_EUSAGE, "unknown history format '%s' (formats: %s)",
                           format ? format : "", BG_HISTORY_FORMATS);
    bg__store *db = rc == BG_OK ? open_existing(db_path, &err) : NULL;
    if (rc == BG_OK)
        rc = db ? list_runs(db, last, format, &sb, &err) : err.code;
    bg__store_close(db);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}

/* ---- benchgate summary --db ------------------------------------------------------------- */

/* The rows of the last runs, run by run, oldest first (no ORDER BY over the million rows of a
 * large history: take_row finds each benchmark's trend by name and keeps the points in run
 * order). Column 9 is the run's position, oldest 0, as in runs_sql; column 10 its machine
 * class. */
static const char *trend_sql =
    "WITH last AS (SELECT id, run_id, timestamp, machine_class, row_number() OVER (ORDER BY"
    " timestamp, id) - 1 AS pos FROM (SELECT id, run_id, timestamp, machine_class FROM runs"
    " ORDER BY timestamp DESC, id DESC LIMIT ?) AS newest) SELECT b.name, b.family, b.status,"
    " m.name, m.status, m.unit, coalesce(m.median, m.value), last.run_id, last.timestamp,"
    " last.pos, last.machine_class FROM last"
    " JOIN benchmarks b ON b.run = last.id LEFT JOIN metrics m ON m.benchmark = b.id AND"
    " m.name = CASE b.measure WHEN 'instructions' THEN 'instructions' WHEN 'cpu' THEN"
    " 'cpu_time_ns' ELSE 'time_ns' END";

static const char *runs_sql =
    "SELECT run_id, timestamp FROM (SELECT run_id, timestamp, id FROM runs ORDER BY timestamp"
    " DESC, id DESC LIMIT ?) AS newest ORDER BY timestamp, id";

/* Where bench on class is, or would go, in the rows sorted by name, then machine class
 * (binary search). */
static size_t trend_slot(const trends *t, const char *bench, const char *mclass, int *found) {
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->rows[mid].bench, bench);
        if (c == 0)
            c = strcmp(t->rows[mid].mclass, mclass);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

static trend *trend_for(trends *t, const char *bench, const char *family, const char *metric,
                        const char *mclass) {
    int found = 0;
    size_t at = trend_slot(t, bench, mclass, &found);
    if (found)
        return &t->rows[at];
    if (bg__grow((void **)&t->rows, &t->cap, t->count + 1, sizeof *t->rows, 16) != 0)
        return NULL;
    memmove(&t->rows[at + 1], &t->rows[at], (t->count - at) * sizeof *t->rows);
    t->count++;
    trend *r = &t->rows[at];
    memset(r, 0, sizeof *r);
    snprintf(r->bench, sizeof r->bench, "%s", bench);
    snprintf(r->family, sizeof r->family, "%s", family);
    snprintf(r->metric, sizeof r->metric, "%s", metric[0] ? metric : "time_ns");
    snprintf(r->mclass, sizeof r->mclass, "%s", mclass);
    if (t->count > 1 && strcmp(t->rows[at == 0 ? 1 : 0].mclass, mclass) != 0)
        t->classes = 1; /* every row has one class until now: one other row tells */
    return r;
}

/* Adds the figure of the run at position run, keeping the points in run order. */
static int add_point(trend *r, double v, int run) {
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        double *grown = realloc(r->values, cap * sizeof *grown);
        int *runs = grown ? realloc(r->run_at, cap * sizeof *runs) : NULL;
        if (grown)
            r->values = grown;
        if (runs == NULL)
            return -1;
        r->run_at = runs, r->cap = cap;
    }
    size_t k = r->n++;
    for (; k > 0 && r->run_at[k - 1] > run; k--) /* rows come run by run: rarely moves */
        r->values[k] = r->values[k - 1], r->run_at[k] = r->run_at[k - 1];
    r->values[k] = v, r->run_at[k] = run;
    return 0;
}

/* A row of the trends; a name over the limit (a hostile or corrupt history: the recorder
 * checks every result) is never matched, so a filter's time stays bounded. @return 0, -1 on
 * out of memory, -2 on a name over the limit */
static int take_row(trends *t, bg__store *s, bg__rows *st, const regex_t *re) {
    const char *bench = COL_TEXT(st, 0);
    if (strlen(bench) > BG__NAME_MAX)
        return -2;
    if (re && regexec(re, bench, 0, NULL, 0) != 0)
        return 0;
    trend *r = trend_for(t, bench, COL_TEXT(st, 1), COL_TEXT(st, 3), COL_TEXT(st, 10));
    if (r == NULL)
        return -1;
    r->seen++;
    if (r->unit[0] == '\0')
        snprintf(r->unit, sizeof r->unit, "%s", COL_TEXT(st, 5));
    int ok = strcmp(COL_TEXT(st, 2), "ok") == 0 && strcmp(COL_TEXT(st, 4), "ok") == 0 &&
             !s->ops->is_null(st, 6);
    return ok ? add_point(r, s->ops->real(st, 6), (int)s->ops->integer(st, 9)) : 0;
}

static bg_err read_trends(bg__store *s, const char *db_path, int last, const regex_t *re,
                          trends *t) {
    bg__rows *st = NULL, *runs = NULL;
    bg__sqlp limit = bg__p_int(limit_of(last));
    BG_FORWARD_IF_ERROR(s->ops->query(s, trend_sql, &limit, 1, &st, &t->err));
    if (s->ops->query(s, runs_sql, &limit, 1, &runs, &t->err) != BG_OK) {
        s->ops->rows_free(st);
        return t->err.code;
    }
    int bad = 0, more = 0, more_runs = 0;
    while (!bad && (more = s->ops->next(st)) == 1)
        bad = take_row(t, s, st, re);
    while ((more_runs = s->ops->next(runs)) == 1) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "run_id", COL_TEXT(runs, 0));
        cJSON_AddStringToObject(o, "timestamp", COL_TEXT(runs, 1));
        cJSON_AddItemToArray(t->runs, o);
    }
    s->ops->rows_free(st);
    s->ops->rows_free(runs);
    BG_RETURN_IF(more < 0 || more_runs < 0, &t->err, BG_EIO, "%s: cannot read the history",
                 db_path);
    BG_RETURN_IF(bad == -2, &t->err, BG_EINPUT,
                 "%s: a benchmark name is over the limit of %d bytes: not a history benchgate "
                 "wrote (every recorded result is checked)",
                 db_path, BG__NAME_MAX);
    BG_RETURN_IF(bad, &t->err, BG_ENOMEM, "out of memory reading the history");
    return BG_OK;
}

typedef struct tfig {
    double first, last, change_pct; /**< NaN when not computable */
    bg__series_figures s;           /**< median, min, max, cv */
} tfig;

/* The same median, range and CV as bg_summary() over run files, plus first, last and change. */
static tfig figures_of(const trend *r) {
    tfig f = {NAN, NAN, NAN, bg__report_series_figures(r->values, r->n)};
    if (r->n == 0)
        return f;
    f.first = r->values[0], f.last = r->values[r->n - 1];
    f.change_pct = f.first != 0 ? (f.last - f.first) / fabs(f.first) * 100 : NAN;
    return f;
}

/* The last 40 values as block characters, lowest to highest. */
static void sparkline(const trend *r, char *buf, size_t size) {
    static const char *const levels[] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
                                         "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
                                         "\xe2\x96\x87", "\xe2\x96\x88"};
    size_t start = r->n > 40 ? r->n - 40 : 0, used = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = start; i < r->n; i++)
        lo = fmin(lo, r->values[i]), hi = fmax(hi, r->values[i]);
    buf[0] = '\0';
    for (size_t i = start; i < r->n && used + 4 < size; i++) {
        double at = hi > lo ? (r->values[i] - lo) / (hi - lo) * 7 + 0.5 : 3;
        int k = at >= 0 && at < 8 ? (int)at : 3; /* NaN from an infinite value in the history */
        used += (size_t)snprintf(buf + used, size - used, "%s", levels[k]);
    }
    if (buf[0] == '\0')
        snprintf(buf, size, "-");
}

static void percent(double v, char *buf, size_t size, int sign) {
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, sign ? "%+.2f%%" : "%.2f%%", v);
}

/* The machine column (2) is shown when the rows have two machine classes or more. */
enum { TCOLS = 12, TCELL = 520 };
static const char *const theads[TCOLS] = {"benchmark", "metric", "machine", "runs",
                                          "first",     "latest", "change",  "median",
                                          "min",       "max",    "cv",      "trend"};

/* @return the columns shown: without the machine column unless the rows need it */
/* Removes the machine column (2) when one machine class has every row. @return the columns */
static int drop_machine(char c[TCOLS][TCELL], int classes) {
    if (classes)
        return TCOLS;
    memmove(c[2], c[3], (size_t)(TCOLS - 3) * TCELL);
    return TCOLS - 1;
}

static int trend_cells(const trend *r, int classes, char c[TCOLS][TCELL]) {
    tfig f = figures_of(r);
    bg__term_safe(r->bench, c[0], TCELL); /* a name's control characters shown as \xNN */
    bg__term_safe(r->metric, c[1], TCELL);
    bg__term_safe(r->mclass, c[2], TCELL);
    if ((int)r->n == r->seen)
        snprintf(c[3], TCELL, "%zu", r->n);
    else
        snprintf(c[3], TCELL, "%zu of %d", r->n, r->seen);
    bg__figure_human(f.first, r->unit, c[4], TCELL);
    bg__figure_human(f.last, r->unit, c[5], TCELL);
    percent(f.change_pct, c[6], TCELL, 1);
    bg__figure_human(f.s.median, r->unit, c[7], TCELL);
    bg__figure_human(f.s.min, r->unit, c[8], TCELL);
    bg__figure_human(f.s.max, r->unit, c[9], TCELL);
    percent(f.s.cv_pct, c[10], TCELL, 0);
    sparkline(r, c[11], TCELL);
    return drop_machine(c, classes);
}

/* The header's cells, as trend_cells lays them out. */
static int head_cells(int classes, char c[TCOLS][TCELL]) {
    for (int k = 0; k < TCOLS; k++)
        snprintf(c[k], TCELL, "%s", theads[k]);
    return drop_machine(c, classes);
}

/* The figures (runs to cv) are right-aligned. */
static void trend_line(bg__strbuf *sb, char c[TCOLS][TCELL], int cols, const int *w, int md) {
    if (!md) {
        bg__report_table_line(sb, &c[0][0], TCELL, cols, w, cols == TCOLS ? 0x7F8u : 0x3FCu);
        return;
    }
    for (int k = 0; k < cols; k++)
        bg__sb_printf(sb, "%s %s |", k ? "" : "|", c[k]);
    bg__sb_printf(sb, "\n");
}

static void write_table(const trends *t, const char *db, int md, bg__strbuf *sb) {
    char c[TCOLS][TCELL];
    int w[TCOLS], cols = head_cells(t->classes, c);
    for (int k = 0; k < cols; k++)
        w[k] = bg__report_text_width(c[k]);
    for (size_t i = 0; i < t->count; i++) {
        trend_cells(&t->rows[i], t->classes, c);
        for (int k = 0; k < cols; k++)
            w[k] = bg__report_text_width(c[k]) > w[k] ? bg__report_text_width(c[k]) : w[k];
    }
    bg__sb_printf(sb, "%sbenchgate history: %d run(s) in %s\n\n", md ? "## " : "",
                  cJSON_GetArraySize(t->runs), db);
    head_cells(t->classes, c);
    trend_line(sb, c, cols, w, md);
    if (md)
        bg__sb_printf(sb,
                      "| --- | --- |%s ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                      "| --- |\n",
                      t->classes ? " --- |" : "");
    for (size_t i = 0; i < t->count; i++) {
        trend_cells(&t->rows[i], t->classes, c);
        trend_line(sb, c, cols, w, md);
    }
}

static void write_csv(const trends *t, bg__strbuf *sb) {
    bg__sb_printf(sb, "benchmark,family,metric,unit,runs,runs_seen,first,latest,change_pct,"
                      "median,min,max,cv_pct,values,machine_class\n");
    for (size_t i = 0; i < t->count; i++) {
        const trend *r = &t->rows[i];
        tfig f = figures_of(r);
        bg__report_csv_series(sb, r->bench, r->family, r->metric, r->unit, r->n, r->seen);
        double fig[] = {f.first, f.last, f.change_pct, f.s.median, f.s.min, f.s.max, f.s.cv_pct};
        for (int k = 0; k < 7; k++)
            bg__report_csv_number(sb, fig[k]);
        for (size_t k = 0; k < r->n; k++) {
            char buf[40];
            bg__number_text(r->values[k], buf, sizeof buf);
            bg__sb_printf(sb, "%s%s", buf, k + 1 < r->n ? ";" : "");
        }
        bg__sb_printf(sb, ",");
        bg__sb_csv_field(sb, r->mclass, 1);
    }
}

static cJSON *trend_json(const trend *r, const cJSON *const *runs) {
    tfig f = figures_of(r);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "benchmark", r->bench);
    cJSON_AddStringToObject(o, "family", r->family);
    cJSON_AddStringToObject(o, "machine_class", r->mclass);
    cJSON_AddStringToObject(o, "metric", r->metric);
    cJSON_AddStringToObject(o, "unit", r->unit);
    cJSON_AddNumberToObject(o, "runs", (double)r->n);
    cJSON_AddNumberToObject(o, "runs_seen", r->seen);
    bg__json_number(o, "first", f.first);
    bg__json_number(o, "latest", f.last);
    bg__json_number(o, "change_pct", f.change_pct);
    bg__json_number(o, "median", f.s.median);
    bg__json_number(o, "min", f.s.min);
    bg__json_number(o, "max", f.s.max);
    bg__json_number(o, "cv_pct", f.s.cv_pct);
    cJSON *values = cJSON_AddArrayToObject(o, "values");
    for (size_t k = 0; k < r->n; k++) {
        const cJSON *run = runs[r->run_at[k]];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "run_id", bg__json_text(run, "run_id"));
        cJSON_AddStringToObject(p, "timestamp", bg__json_text(run, "timestamp"));
        cJSON_AddNumberToObject(p, "value", r->values[k]);
        cJSON_AddItemToArray(values, p);
    }
    return o;
}

static bg_err write_json(trends *t, const char *db, bg__strbuf *sb) {
    cJSON *root = cJSON_CreateObject(), *rows = NULL;
    cJSON_AddStringToObject(root, "schema", "benchgate.history-summary/1");
    cJSON_AddStringToObject(root, "database", db);
    cJSON_AddItemReferenceToObject(root, "runs", t->runs);
    cJSON_AddItemToObject(root, "rows", rows = cJSON_CreateArray());
    /* the runs by position: a point names its run by index (cJSON's lists are linear) */
    int n = cJSON_GetArraySize(t->runs), k = 0;
    const cJSON **runs = malloc((size_t)(n > 0 ? n : 1) * sizeof *runs), *run;
    if (runs)
        cJSON_ArrayForEach(run, t->runs) runs[k++] = run;
    for (size_t i = 0; runs && i < t->count; i++)
        cJSON_AddItemToArray(rows, trend_json(&t->rows[i], runs));
    free(runs);
    if (runs == NULL) {
        cJSON_Delete(root);
        return bg__set_error(&t->err, BG_ENOMEM, "out of memory printing the summary");
    }
    char *text = bg__json_print(root, 1);
    cJSON_Delete(root);
    BG_RETURN_IF(text == NULL, &t->err, BG_ENOMEM, "out of memory printing the summary");
    bg__sb_puts(sb, text);
    free(text);
    return BG_OK;
}

static void trends_free(trends *t) {
    for (size_t i = 0; i < t->count; i++) {
        free(t->rows[i].values);
        free(t->rows[i].run_at);
    }
    free(t->rows);
    cJSON_Delete(t->runs);
}

static bg_err summarise(trends *t, const char *db_path, int last, const regex_t *re,
                        const char *format, bg__strbuf *sb) {
    bg__store *db = open_existing(db_path, &t->err);
    if (db == NULL)
        return t->err.code;
    bg_err rc = read_trends(db, db_path, last, re, t);
    bg__store_close(db);
    BG_FORWARD_IF_ERROR(rc);
    if (strcmp(format, "json") == 0)
        return write_json(t, db_path, sb);
    if (strcmp(format, "csv") == 0)
        write_csv(t, sb);
    else
        write_table(t, db_path, strcmp(format, "md") == 0, sb);
    return BG_OK;
}

/* The summary's --filter, checked as every benchgate regex is (bg_regex_check: stacked or too
 * many quantifiers make glibc's compiler take gigabytes), then compiled. */
static bg_err compile_filter(regex_t *re, const char *filter, bg__error *err, int *have_re) {
    char why[512];
    if (bg_regex_check(filter, why, sizeof why) != BG_OK)
        return bg__set_error(err, BG_EUSAGE, "--filter=%s", why);
    *have_re = regcomp(re, filter, REG_EXTENDED | REG_NOSUB) == 0;
    return *have_re
               ? BG_OK
               : bg__set_error(err, BG_EUSAGE, "--filter='%s': not a POSIX extended regex", filter);
}

bg_err bg_history_summary(const char *db_path, int last, const char *filter, const char *format,
                          char **out_text, char *errbuf, size_t errlen) {
    trends t = {NULL, 0, 0, 0, cJSON_CreateArray(), {BG_OK, ""}};
    bg__strbuf sb = {0};
    regex_t re;
    int have_re = 0;
    bg_err rc = BG_OK;
    if (out_text)
        *out_text = NULL;
    if (out_text == NULL || !known_format(format, 1))
        rc = bg__set_error(&t.err, BG_EUSAGE, "unknown summary format '%s' (formats: %s)",
                           format ? format : "", "table, md, csv, json");
    else if (filter && filter[0])
        rc = compile_filter(&re, filter, &t.err, &have_re);
    if (rc == BG_OK)
        rc = summarise(&t, db_path, last, have_re ? &re : NULL, format, &sb);
    if (have_re)
        regfree(&re);
    trends_free(&t);
    return bg__report_finish(rc, &t.err, &sb, out_text, errbuf, errlen);
}
