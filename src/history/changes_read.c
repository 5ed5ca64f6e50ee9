/* changes_read.c - the series of benchgate changes read from the SQLite history: each
 * benchmark's metric per machine class, in run order, the runs of one commit folded into one
 * point (the median of their medians). The one read of the change finder: a second backend
 * fills the same bg__cseries_list. */
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/settings.h"
#include "history.h"
#include "changes.h"

/* Primary metric unless ?1 names one; one machine class when ?2 does. */
static const char *series_sql =
    "SELECT b.name, r.machine_class, m.name, m.unit, m.better, coalesce(m.median, m.value),"
    " m.ci95_lo, m.ci95_hi, m.stddev, m.min, m.max, coalesce(r.git_sha, r.run_id),"
    " r.timestamp FROM runs r JOIN benchmarks b ON b.run = r.id JOIN metrics m ON"
    " m.benchmark = b.id WHERE b.status = 'ok' AND m.status = 'ok' AND"
    " coalesce(m.median, m.value) IS NOT NULL AND m.name = coalesce(?1, CASE b.measure WHEN"
    " 'instructions' THEN 'instructions' WHEN 'cpu' THEN 'cpu_time_ns' ELSE 'time_ns' END)"
    " AND (?2 IS NULL OR r.machine_class = ?2)"
    " ORDER BY b.name, r.machine_class, m.name, r.timestamp, r.id";

typedef struct raw {
    double value, half_ci;
    int exact;
    size_t point;
} raw;

typedef struct reader {
    bg__cseries_list *out;
    raw *rows;
    size_t n, cap;
    bg__error *err;
} reader;

static const char *text_at(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static double number_at(sqlite3_stmt *st, int i) {
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *g = realloc(*p, c * size);
    if (g == NULL)
        return -1;
    *p = g, *cap = c;
    return 0;
}

/* A run's figure has no spread: every sample alike (instruction counts). */
static int exact_run(sqlite3_stmt *st, double v) {
    double sd = number_at(st, 8), lo = number_at(st, 9), hi = number_at(st, 10);
    return (sd == 0 || (lo == hi && lo == v)) && isfinite(v);
}

/* Folds the rows of the series just read into one point per commit. */
static int fold(reader *rd, bg__cseries *s) {
    size_t np = s->n;
    double *vals = malloc((rd->n + 1) * sizeof *vals), *cis = malloc((rd->n + 1) * sizeof *cis);
    if (vals == NULL || cis == NULL)
        return free(vals), free(cis), -1;
    for (size_t p = 0; p < np; p++) {
        size_t k = 0, c = 0;
        int exact = 1;
        for (size_t r = 0; r < rd->n; r++) {
            if (rd->rows[r].point != p)
                continue;
            exact &= rd->rows[r].exact && (k == 0 || rd->rows[r].value == vals[0]);
            vals[k++] = rd->rows[r].value;
            if (isfinite(rd->rows[r].half_ci))
                cis[c++] = rd->rows[r].half_ci;
        }
        s->pts[p].value = bg__changes_median(vals, 0, k);
        s->pts[p].half_ci = c ? bg__changes_median(cis, 0, c) / sqrt((double)k) : NAN;
        s->pts[p].exact = exact;
    }
    free(vals), free(cis);
    rd->n = 0;
    return 0;
}

/* The point of this row's commit: one of the last 64 points, else a new one. */
static bg__cpoint *point_for(bg__cseries *s, const char *commit, const char *when, size_t *at) {
    for (size_t back = 0; back < 64 && back < s->n; back++)
        if (strcmp(s->pts[s->n - 1 - back].commit, commit) == 0)
            return *at = s->n - 1 - back, &s->pts[*at];
    if (grow((void **)&s->pts, &s->cap, s->n + 1, sizeof *s->pts) != 0)
        return NULL;
    bg__cpoint *p = &s->pts[ *at = s->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->commit, sizeof p->commit, "%s", commit);
    snprintf(p->when, sizeof p->when, "%s", when);
    return p;
}

static bg__cseries *series_for(reader *rd, sqlite3_stmt *st) {
    bg__cseries_list *l = rd->out;
    bg__cseries *last = l->count ? &l->rows[l->count - 1] : NULL;
    if (last && strcmp(last->bench, text_at(st, 0)) == 0 &&
        strcmp(last->machine_class, text_at(st, 1)) == 0 &&
        strcmp(last->metric, text_at(st, 2)) == 0)
        return last;
    if (last && fold(rd, last) != 0)
        return NULL;
    if (grow((void **)&l->rows, &l->cap, l->count + 1, sizeof *l->rows) != 0)
        return NULL;
    bg__cseries *s = &l->rows[l->count++];
    memset(s, 0, sizeof *s);
    snprintf(s->bench, sizeof s->bench, "%s", text_at(st, 0));
    snprintf(s->machine_class, sizeof s->machine_class, "%s", text_at(st, 1));
    snprintf(s->metric, sizeof s->metric, "%s", text_at(st, 2));
    snprintf(s->unit, sizeof s->unit, "%s", text_at(st, 3));
    s->higher_better = strcmp(text_at(st, 4), "higher") == 0;
    return s;
}

static int take(reader *rd, sqlite3_stmt *st, const regex_t *re) {
    if (strlen(text_at(st, 0)) > BG__NAME_MAX)
        return -2;
    if (re && regexec(re, text_at(st, 0), 0, NULL, 0) != 0)
        return 0;
    bg__cseries *s = series_for(rd, st);
    size_t at = 0;
    if (s == NULL || point_for(s, text_at(st, 11), text_at(st, 12), &at) == NULL ||
        grow((void **)&rd->rows, &rd->cap, rd->n + 1, sizeof *rd->rows) != 0)
        return -1;
    double v = sqlite3_column_double(st, 5), lo = number_at(st, 6), hi = number_at(st, 7);
    rd->rows[rd->n++] = (raw){v, (hi - lo) / 2, exact_run(st, v), at};
    return 0;
}

static bg_err read_all(sqlite3 *db, const char *path, const bg__changes_query *q, const regex_t *re,
                       reader *rd) {
    sqlite3_stmt *st = NULL;
    BG_RETURN_IF(sqlite3_prepare_v2(db, series_sql, -1, &st, NULL) != SQLITE_OK, rd->err, BG_EIO,
                 "%s: cannot read the history: %s", path, sqlite3_errmsg(db));
    if (q->metric && q->metric[0])
        sqlite3_bind_text(st, 1, q->metric, -1, SQLITE_TRANSIENT);
    if (q->machine_class && q->machine_class[0])
        sqlite3_bind_text(st, 2, q->machine_class, -1, SQLITE_TRANSIENT);
    int bad = 0, rc;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW)
        bad = take(rd, st, re);
    sqlite3_finalize(st);
    if (!bad && rd->out->count && fold(rd, &rd->out->rows[rd->out->count - 1]) != 0)
        bad = -1;
    BG_RETURN_IF(bad == -2, rd->err, BG_EINPUT,
                 "%s: a benchmark name is over the limit of %d bytes: not a history benchgate "
                 "wrote (every recorded result is checked)",
                 path, BG__NAME_MAX);
    BG_RETURN_IF(bad, rd->err, BG_ENOMEM, "out of memory reading the history");
    return BG_OK;
}

static bg_err compile(regex_t *re, const char *filter, int *have, bg__error *err) {
    char why[512];
    if (bg_regex_check(filter, why, sizeof why) != BG_OK)
        return bg__set_error(err, BG_EUSAGE, "--filter=%s", why);
    *have = regcomp(re, filter, REG_EXTENDED | REG_NOSUB) == 0;
    return *have
               ? BG_OK
               : bg__set_error(err, BG_EUSAGE, "--filter='%s': not a POSIX extended regex", filter);
}

bg_err bg__changes_read(const char *db_path, const bg__changes_query *q, bg__cseries_list *out,
                        bg__error *err) {
    regex_t re;
    int have_re = 0;
    struct stat st;
    if (q->filter && q->filter[0])
        BG_FORWARD_IF_ERROR(compile(&re, q->filter, &have_re, err));
    if (db_path == NULL || lstat(db_path, &st) != 0) {
        if (have_re)
            regfree(&re);
        return bg__set_error(err, BG_EINPUT,
                             "%s: no run history yet (benchgate start records each run there; "
                             "--db=FILE names another)",
                             db_path ? db_path : "");
    }
    sqlite3 *db = bg__history_open(db_path, 0, BG__HISTORY_VERSION, err);
    reader rd = {out, NULL, 0, 0, err};
    bg_err rc = db ? read_all(db, db_path, q, have_re ? &re : NULL, &rd) : err->code;
    bg__history_close(db);
    free(rd.rows);
    if (have_re)
        regfree(&re);
    return rc;
}

void bg__changes_list_free(bg__cseries_list *l) {
    for (size_t i = 0; i < l->count; i++)
        free(l->rows[i].pts);
    free(l->rows);
    l->rows = NULL, l->count = l->cap = 0;
}
