/* changes_read.c - the series of benchgate changes and publish read from the history (SQLite
 * or PostgreSQL, one query through the store of history.h): each benchmark's metric per machine
 * class, the runs of one commit folded into one point (the median of their medians), then put
 * in commit order (changes_order.c). */
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/settings.h"
#include "common/common.h"
#include "history.h"
#include "changes.h"

/* Primary metric unless the first parameter names one; one machine class when the second (and
 * third) does. The CASTs type the parameters for PostgreSQL. */
static const char *series_sql =
    "SELECT b.name, r.machine_class, m.name, m.unit, m.better, coalesce(m.median, m.value),"
    " m.ci95_lo, m.ci95_hi, m.stddev, m.min, m.max, coalesce(r.git_sha, r.run_id),"
    " r.timestamp, r.git_commit_time FROM runs r JOIN benchmarks b ON b.run = r.id JOIN metrics"
    " m ON m.benchmark = b.id WHERE b.status = 'ok' AND m.status = 'ok' AND"
    " coalesce(m.median, m.value) IS NOT NULL AND m.name = coalesce(CAST(? AS TEXT), CASE"
    " b.measure WHEN 'instructions' THEN 'instructions' WHEN 'cpu' THEN 'cpu_time_ns' ELSE"
    " 'time_ns' END) AND (CAST(? AS TEXT) IS NULL OR r.machine_class = CAST(? AS TEXT))"
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
    bg__store *s;
    bg__error *err;
} reader;

typedef bg__rows row;

static const char *text_at(const reader *rd, row *st, int i) {
    return rd->s->ops->text(st, i);
}

static double number_at(const reader *rd, row *st, int i) {
    return rd->s->ops->is_null(st, i) ? NAN : rd->s->ops->real(st, i);
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
static int exact_run(const reader *rd, row *st, double v) {
    double sd = number_at(rd, st, 8), lo = number_at(rd, st, 9), hi = number_at(rd, st, 10);
    return (sd == 0 || (lo == hi && lo == v)) && isfinite(v);
}

static int by_point(const void *a, const void *b) {
    const raw *x = a, *y = b;
    return x->point < y->point ? -1 : x->point > y->point;
}

/* The point of the rows rows[0..k) (one commit's runs): the median of their figures. */
static void fold_point(bg__cpoint *p, const raw *rows, size_t k, double *vals, double *cis) {
    size_t c = 0;
    int exact = 1;
    for (size_t r = 0; r < k; r++) {
        exact &= rows[r].exact && rows[r].value == rows[0].value;
        vals[r] = rows[r].value;
        if (isfinite(rows[r].half_ci))
            cis[c++] = rows[r].half_ci;
    }
    p->value = bg__changes_median(vals, 0, k);
    p->half_ci = c ? bg__changes_median(cis, 0, c) / sqrt((double)k) : NAN;
    p->exact = exact;
}

/* Folds the rows of the series just read into one point per commit. */
static int fold(reader *rd, bg__cseries *s) {
    double *vals = malloc((rd->n + 1) * sizeof *vals), *cis = malloc((rd->n + 1) * sizeof *cis);
    if (vals == NULL || cis == NULL) {
        free(vals);
        free(cis);
        return -1;
    }
    qsort(rd->rows, rd->n, sizeof *rd->rows, by_point);
    for (size_t r = 0; r < rd->n;) {
        size_t k = r;
        while (k < rd->n && rd->rows[k].point == rd->rows[r].point)
            k++;
        fold_point(&s->pts[rd->rows[r].point], rd->rows + r, k - r, vals, cis);
        r = k;
    }
    free(vals), free(cis);
    rd->n = 0;
    return 0;
}

/* The point of this row's commit: one of the last 64 points, else a new one. */
static bg__cpoint *point_for(bg__cseries *s, const char *commit, const char *when,
                             const char *commit_time, size_t *at) {
    for (size_t back = 0; back < 64 && back < s->n; back++)
        if (strcmp(s->pts[s->n - 1 - back].commit, commit) == 0)
            return *at = s->n - 1 - back, &s->pts[*at];
    if (grow((void **)&s->pts, &s->cap, s->n + 1, sizeof *s->pts) != 0)
        return NULL;
    bg__cpoint *p = &s->pts[ *at = s->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->commit, sizeof p->commit, "%s", commit);
    snprintf(p->when, sizeof p->when, "%s", when);
    snprintf(p->commit_time, sizeof p->commit_time, "%s", commit_time);
    return p;
}

static bg__cseries *series_for(reader *rd, row *st) {
    bg__cseries_list *l = rd->out;
    bg__cseries *last = l->count ? &l->rows[l->count - 1] : NULL;
    if (last && strcmp(last->bench, text_at(rd, st, 0)) == 0 &&
        strcmp(last->machine_class, text_at(rd, st, 1)) == 0 &&
        strcmp(last->metric, text_at(rd, st, 2)) == 0)
        return last;
    if (last && fold(rd, last) != 0)
        return NULL;
    if (grow((void **)&l->rows, &l->cap, l->count + 1, sizeof *l->rows) != 0)
        return NULL;
    bg__cseries *s = &l->rows[l->count++];
    memset(s, 0, sizeof *s);
    snprintf(s->bench, sizeof s->bench, "%s", text_at(rd, st, 0));
    snprintf(s->machine_class, sizeof s->machine_class, "%s", text_at(rd, st, 1));
    snprintf(s->metric, sizeof s->metric, "%s", text_at(rd, st, 2));
    snprintf(s->unit, sizeof s->unit, "%s", text_at(rd, st, 3));
    s->higher_better = strcmp(text_at(rd, st, 4), "higher") == 0;
    return s;
}

static int take(reader *rd, row *st, const regex_t *re) {
    if (strlen(text_at(rd, st, 0)) > BG__NAME_MAX)
        return -2;
    if (re && regexec(re, text_at(rd, st, 0), 0, NULL, 0) != 0)
        return 0;
    bg__cseries *s = series_for(rd, st);
    size_t at = 0;
    if (s == NULL ||
        point_for(s, text_at(rd, st, 11), text_at(rd, st, 12), text_at(rd, st, 13), &at) == NULL ||
        grow((void **)&rd->rows, &rd->cap, rd->n + 1, sizeof *rd->rows) != 0)
        return -1;
    double v = rd->s->ops->real(st, 5), lo = number_at(rd, st, 6), hi = number_at(rd, st, 7);
    rd->rows[rd->n++] = (raw){v, (hi - lo) / 2, exact_run(rd, st, v), at};
    return 0;
}

static bg_err read_all(const bg__changes_query *q, const regex_t *re, reader *rd) {
    bg__store *s = rd->s;
    bg__rows *st = NULL;
    const char *metric = q->metric && q->metric[0] ? q->metric : NULL;
    const char *mc = q->machine_class && q->machine_class[0] ? q->machine_class : NULL;
    bg__sqlp p[3] = {bg__p_text(metric), bg__p_text(mc), bg__p_text(mc)};
    BG_FORWARD_IF_ERROR(s->ops->query(s, series_sql, p, 3, &st, rd->err));
    int bad = 0, more;
    while (!bad && (more = s->ops->next(st)) == 1)
        bad = take(rd, st, re);
    s->ops->rows_free(st);
    if (!bad && more < 0)
        return rd->err->code != BG_OK
                   ? rd->err->code
                   : bg__set_error(rd->err, BG_EIO, "%s: cannot read the history", s->shown);
    if (!bad && rd->out->count && fold(rd, &rd->out->rows[rd->out->count - 1]) != 0)
        bad = -1;
    BG_RETURN_IF(bad == -2, rd->err, BG_EINPUT,
                 "%s: a benchmark name is over the limit of %d bytes: not a history benchgate "
                 "wrote (every recorded result is checked)",
                 s->shown, BG__NAME_MAX);
    BG_RETURN_IF(bad || bg__changes_order(rd->out, NULL) != 0, rd->err, BG_ENOMEM,
                 "out of memory reading the history");
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

bg_err bg__changes_read(const char *location, const bg__changes_query *q, bg__cseries_list *out,
                        bg__error *err) {
    regex_t re;
    int have_re = 0;
    struct stat st; /* lstat: a link, even a dangling one, is refused by the store */
    if (q->filter && q->filter[0])
        BG_FORWARD_IF_ERROR(compile(&re, q->filter, &have_re, err));
    if (location == NULL || (!bg__store_is_pg(location) && lstat(location, &st) != 0)) {
        if (have_re)
            regfree(&re);
        return bg__set_error(err, BG_EINPUT,
                             "%s: no run history yet (benchgate start records each run there; "
                             "--db=FILE names another)",
                             location ? location : "");
    }
    reader rd = {out, NULL, 0, 0, bg__store_open(location, 0, err), err};
    bg_err rc = rd.s ? read_all(q, have_re ? &re : NULL, &rd) : err->code;
    bg__store_close(rd.s);
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
