/* changes_read.c - the series of benchgate changes and publish read from the history (SQLite
 * or PostgreSQL, through the store of history.h: the runs, then every figure in no order):
 * each benchmark's metric per machine class, grouped here by a hash of its key, its runs put in
 * time order, the runs of one commit folded into one point (the median of their medians), then
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

/* The runs, one machine class when the parameters name one, in the order of their points
 * (time, then id); a series' rows are put in this order here, not by the server. */
static const char *runs_sql = BG__SQL_BINARY
    "SELECT id, machine_class, coalesce(git_sha, run_id), timestamp, git_commit_time FROM runs"
    " WHERE CAST(? AS TEXT) IS NULL OR machine_class = CAST(? AS TEXT) ORDER BY timestamp, id";

/* Primary metric unless the parameter names one; the rows in no order (sorting a million rows
 * of text on the server cost more than the rest of the read). The CASTs type the parameter for
 * PostgreSQL; the columns are text, integers and reals only, so the store may send them in its
 * binary form. */
static const char *series_sql = BG__SQL_BINARY
    "SELECT b.name, b.run, m.name, m.unit, m.better, coalesce(m.median, m.value),"
    " (m.ci95_hi - m.ci95_lo) / 2, CASE WHEN m.stddev = 0 OR (m.min = m.max AND m.min ="
    " coalesce(m.median, m.value)) THEN 1 ELSE 0 END FROM benchmarks b JOIN metrics m ON"
    " m.benchmark = b.id"
    " WHERE b.status = 'ok' AND m.status = 'ok' AND coalesce(m.median, m.value) IS NOT NULL AND"
    " m.name = coalesce(CAST(? AS TEXT), CASE b.measure WHEN 'instructions' THEN 'instructions'"
    " WHEN 'cpu' THEN 'cpu_time_ns' ELSE 'time_ns' END)";

/** One run: where its points go. */
typedef struct run_info {
    long long id;
    size_t rank; /**< its place in time order */
    char commit[48], when[32], commit_time[40], machine_class[128];
} run_info;

/** One row of a series: a run's figure. */
typedef struct raw {
    double value, half_ci;
    int exact;
    const run_info *run;
    size_t point; /**< the series' point it folds into */
} raw;

/** A series being read: its rows, and whether the filter takes it. */
typedef struct item {
    bg__cseries s;
    raw *rows;
    size_t n, cap;
    int wanted;
} item;

typedef struct reader {
    bg__cseries_list *out;
    run_info *runs; /**< by id */
    size_t run_count;
    item *items;
    size_t item_count, item_cap;
    size_t *slots; /**< a hash table of items by (benchmark, machine class, metric): index + 1 */
    size_t slot_cap;
    const regex_t *re;
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

static int by_id(const void *a, const void *b) {
    const run_info *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static bg_err read_runs(reader *rd, const char *mc) {
    bg__rows *st = NULL;
    bg__sqlp p[2] = {bg__p_text(mc), bg__p_text(mc)};
    BG_FORWARD_IF_ERROR(rd->s->ops->query(rd->s, runs_sql, p, 2, &st, rd->err));
    size_t cap = 0;
    int more, bad = 0;
    while (!bad && (more = rd->s->ops->next(st)) == 1) {
        bad = bg__grow((void **)&rd->runs, &cap, rd->run_count + 1, sizeof *rd->runs, 64);
        if (bad)
            break;
        run_info *r = &rd->runs[rd->run_count];
        r->id = rd->s->ops->integer(st, 0);
        r->rank = rd->run_count++;
        snprintf(r->machine_class, sizeof r->machine_class, "%s", text_at(rd, st, 1));
        snprintf(r->commit, sizeof r->commit, "%s", text_at(rd, st, 2));
        snprintf(r->when, sizeof r->when, "%s", text_at(rd, st, 3));
        snprintf(r->commit_time, sizeof r->commit_time, "%s", text_at(rd, st, 4));
    }
    rd->s->ops->rows_free(st);
    BG_RETURN_IF(bad, rd->err, BG_ENOMEM, "out of memory reading the history");
    if (more < 0)
        return rd->err->code != BG_OK
                   ? rd->err->code
                   : bg__set_error(rd->err, BG_EIO, "%s: cannot read the history", rd->s->shown);
    if (rd->run_count)
        qsort(rd->runs, rd->run_count, sizeof *rd->runs, by_id);
    return BG_OK;
}

static const run_info *run_of(const reader *rd, long long id) {
    run_info probe = {.id = id};
    return rd->run_count ? bsearch(&probe, rd->runs, rd->run_count, sizeof probe, by_id) : NULL;
}

static uint64_t key_hash(const char *bench, const char *mc, const char *metric) {
    uint64_t h = bg__fnv1a_text(BG__FNV1A_SEED, bench);
    h = bg__fnv1a_text(h * 1099511628211ULL, mc);
    return bg__fnv1a_text(h * 1099511628211ULL, metric);
}

static int same_key(const bg__cseries *s, const char *bench, const char *mc, const char *metric) {
    return strcmp(s->bench, bench) == 0 && strcmp(s->machine_class, mc) == 0 &&
           strcmp(s->metric, metric) == 0;
}

/* Doubles the hash table and puts every item back. */
static int rehash(reader *rd) {
    size_t cap = rd->slot_cap ? rd->slot_cap * 2 : 1024;
    size_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < rd->item_count; i++) {
        const bg__cseries *s = &rd->items[i].s;
        size_t at = (size_t)key_hash(s->bench, s->machine_class, s->metric) & (cap - 1);
        while (slots[at])
            at = (at + 1) & (cap - 1);
        slots[at] = i + 1;
    }
    free(rd->slots);
    rd->slots = slots, rd->slot_cap = cap;
    return 0;
}

static item *new_item(reader *rd, row *st, const char *mc, size_t at) {
    if (bg__grow((void **)&rd->items, &rd->item_cap, rd->item_count + 1, sizeof *rd->items, 64) !=
        0)
        return NULL;
    item *it = &rd->items[rd->item_count];
    memset(it, 0, sizeof *it);
    snprintf(it->s.bench, sizeof it->s.bench, "%s", text_at(rd, st, 0));
    snprintf(it->s.machine_class, sizeof it->s.machine_class, "%s", mc);
    snprintf(it->s.metric, sizeof it->s.metric, "%s", text_at(rd, st, 2));
    snprintf(it->s.unit, sizeof it->s.unit, "%s", text_at(rd, st, 3));
    it->s.higher_better = strcmp(text_at(rd, st, 4), "higher") == 0;
    it->wanted = rd->re == NULL || regexec(rd->re, it->s.bench, 0, NULL, 0) == 0;
    rd->slots[at] = ++rd->item_count;
    return it;
}

/* The item of this row's series, made on its first row. */
static item *item_for(reader *rd, row *st, const char *mc) {
    if ((rd->item_count + 1) * 2 > rd->slot_cap && rehash(rd) != 0)
        return NULL;
    const char *bench = text_at(rd, st, 0), *metric = text_at(rd, st, 2);
    size_t at = (size_t)key_hash(bench, mc, metric) & (rd->slot_cap - 1);
    for (; rd->slots[at]; at = (at + 1) & (rd->slot_cap - 1)) {
        item *it = &rd->items[rd->slots[at] - 1];
        if (same_key(&it->s, bench, mc, metric))
            return it;
    }
    return new_item(rd, st, mc, at);
}

/* @return 0, -1 out of memory, -2 a name over the limit */
static int take(reader *rd, row *st) {
    if (strlen(text_at(rd, st, 0)) > BG__NAME_MAX)
        return -2;
    const run_info *run = run_of(rd, rd->s->ops->integer(st, 1));
    if (run == NULL)
        return 0; /* another machine class */
    item *it = item_for(rd, st, run->machine_class);
    if (it == NULL)
        return -1;
    if (!it->wanted)
        return 0;
    if (bg__grow((void **)&it->rows, &it->cap, it->n + 1, sizeof *it->rows, 64) != 0)
        return -1;
    /* half the CI, and whether the run's figure has no spread (every sample alike: instruction
     * counts), come computed: two numbers fewer a row */
    double v = rd->s->ops->real(st, 5), half_ci = number_at(rd, st, 6);
    int exact = rd->s->ops->integer(st, 7) == 1 && isfinite(v);
    it->rows[it->n++] = (raw){v, half_ci, exact, run, 0};
    return 0;
}

static int by_rank(const void *a, const void *b) {
    const raw *x = a, *y = b;
    return x->run->rank < y->run->rank ? -1 : x->run->rank > y->run->rank;
}

static int by_point(const void *a, const void *b) {
    const raw *x = a, *y = b;
    return x->point < y->point ? -1 : x->point > y->point;
}

/* The point of this run's commit: one of the last 64 points, else a new one. */
static bg__cpoint *point_for(bg__cseries *s, const run_info *r, size_t *at) {
    for (size_t back = 0; back < 64 && back < s->n; back++)
        if (strcmp(s->pts[s->n - 1 - back].commit, r->commit) == 0) {
            *at = s->n - 1 - back;
            return &s->pts[*at];
        }
    if (bg__grow((void **)&s->pts, &s->cap, s->n + 1, sizeof *s->pts, 64) != 0)
        return NULL;
    bg__cpoint *p = &s->pts[ *at = s->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->commit, sizeof p->commit, "%s", r->commit);
    snprintf(p->when, sizeof p->when, "%s", r->when);
    snprintf(p->commit_time, sizeof p->commit_time, "%s", r->commit_time);
    return p;
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

/* The rows of a series in time order, each given its commit's point, folded into them. */
static int fold(item *it) {
    qsort(it->rows, it->n, sizeof *it->rows, by_rank);
    if (bg__grow((void **)&it->s.pts, &it->s.cap, it->n, sizeof *it->s.pts, 64) != 0)
        return -1; /* a point a run at most: no growing on the way */
    for (size_t r = 0; r < it->n; r++)
        if (point_for(&it->s, it->rows[r].run, &it->rows[r].point) == NULL)
            return -1;
    double *vals = malloc((it->n + 1) * sizeof *vals), *cis = malloc((it->n + 1) * sizeof *cis);
    if (vals == NULL || cis == NULL) {
        free(vals), free(cis);
        return -1;
    }
    qsort(it->rows, it->n, sizeof *it->rows, by_point);
    for (size_t r = 0; r < it->n;) {
        size_t k = r;
        while (k < it->n && it->rows[k].point == it->rows[r].point)
            k++;
        fold_point(&it->s.pts[it->rows[r].point], it->rows + r, k - r, vals, cis);
        r = k;
    }
    free(vals), free(cis);
    return 0;
}

static int by_series(const void *a, const void *b) {
    const bg__cseries *x = a, *y = b;
    int c = strcmp(x->bench, y->bench);
    c = c ? c : strcmp(x->machine_class, y->machine_class);
    return c ? c : strcmp(x->metric, y->metric);
}

/* The wanted series with their points, into the list, in (benchmark, class, metric) order. */
static int gather(reader *rd) {
    bg__cseries_list *l = rd->out;
    for (size_t i = 0; i < rd->item_count; i++) {
        item *it = &rd->items[i];
        if (!it->wanted || it->n == 0)
            continue;
        if (fold(it) != 0 ||
            bg__grow((void **)&l->rows, &l->cap, l->count + 1, sizeof *l->rows, 64))
            return -1;
        l->rows[l->count++] = it->s;
        it->s.pts = NULL; /* the list's now */
    }
    if (l->count)
        qsort(l->rows, l->count, sizeof *l->rows, by_series);
    return 0;
}

static bg_err read_all(const bg__changes_query *q, reader *rd) {
    bg__store *s = rd->s;
    bg__rows *st = NULL;
    const char *metric = q->metric && q->metric[0] ? q->metric : NULL;
    const char *mc = q->machine_class && q->machine_class[0] ? q->machine_class : NULL;
    BG_FORWARD_IF_ERROR(read_runs(rd, mc));
    bg__sqlp p[1] = {bg__p_text(metric)};
    BG_FORWARD_IF_ERROR(s->ops->query(s, series_sql, p, 1, &st, rd->err));
    int bad = 0, more;
    while (!bad && (more = s->ops->next(st)) == 1)
        bad = take(rd, st);
    s->ops->rows_free(st);
    if (!bad && more < 0)
        return rd->err->code != BG_OK
                   ? rd->err->code
                   : bg__set_error(rd->err, BG_EIO, "%s: cannot read the history", s->shown);
    if (!bad && gather(rd) != 0)
        bad = -1;
    BG_RETURN_IF(bad == -2, rd->err, BG_EINPUT,
                 "%s: a benchmark name is over the limit of %d bytes: not a history benchgate "
                 "wrote (every recorded result is checked)",
                 s->shown, BG__NAME_MAX);
    BG_RETURN_IF(bad || bg__changes_order(rd->out, NULL) != 0, rd->err, BG_ENOMEM,
                 "out of memory reading the history");
    return BG_OK;
}

static void reader_free(reader *rd) {
    for (size_t i = 0; i < rd->item_count; i++)
        free(rd->items[i].rows), free(rd->items[i].s.pts);
    free(rd->items);
    free(rd->slots);
    free(rd->runs);
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
    reader rd = {0};
    rd.out = out, rd.re = have_re ? &re : NULL, rd.err = err;
    rd.s = bg__store_open(location, 0, err);
    bg_err rc = rd.s ? read_all(q, &rd) : err->code;
    bg__store_close(rd.s);
    reader_free(&rd);
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
