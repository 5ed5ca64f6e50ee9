/* history_export.c - the history as JSON lines (benchgate history export --format=jsonl): one
 * run a line, its row, benchmarks, metrics and samples as the store holds them, oldest first;
 * and reading that back (history import FILE.jsonl), each line checked and stored in one
 * transaction, a run already stored skipped. Export from SQLite, import into PostgreSQL: the
 * migration path to a team's store (docs/team-store.md). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/history.h"
#include "history.h"
#include "common/common.h"
#include "results/results.h"

#define EXPORT_SCHEMA "benchgate.history-export/1"

/* Splits a column list ("a, b, c") into names. */
static int column_names(const char *cols, char names[][32], int max) {
    int n = 0;
    for (const char *p = cols; *p && n < max;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ", ");
        if (len == 0)
            break;
        snprintf(names[n++], 32, "%.*s", (int)len, p);
        p += len;
    }
    return n;
}

/* A number written so that reading it back gives the same double (the shortest such text):
 * an export moved to another store must give the same figures, to the last bit. */
static cJSON *exact_number(double v) {
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return cJSON_CreateRaw(buf);
}

/* Columns first..first + n - 1 of the row into o, by kind. */
static void row_object(bg__store *s, bg__rows *r, int first, const char *cols, const char *kinds,
                       cJSON *o) {
    char names[24][32];
    int n = column_names(cols, names, 24);
    for (int k = 0; k < n; k++) {
        if (s->ops->is_null(r, first + k))
            cJSON_AddNullToObject(o, names[k]);
        else if (kinds[k] == 'T')
            cJSON_AddStringToObject(o, names[k], s->ops->text(r, first + k));
        else
            cJSON_AddItemToObject(o, names[k], exact_number(s->ops->real(r, first + k)));
    }
}

static const char *const runs_sql = "SELECT id, " BG__RUN_COLS " FROM runs ORDER BY timestamp, id";
static const char *const bench_sql =
    "SELECT id, " BG__BENCH_COLS " FROM benchmarks WHERE run = ? ORDER BY id";
static const char *const metric_sql =
    "SELECT benchmark, " BG__METRIC_COLS " FROM metrics WHERE benchmark IN (SELECT id FROM"
    " benchmarks WHERE run = ?) ORDER BY benchmark, name";
static const char *const sample_sql =
    "SELECT benchmark, " BG__SAMPLE_COLS " FROM samples WHERE benchmark IN (SELECT id FROM"
    " benchmarks WHERE run = ?) ORDER BY benchmark, repetition, sample";

/* The benchmark of row id among the run's (ids ascending, as the rows come). */
static cJSON *bench_of(cJSON *const *benches, const long long *ids, int n, long long id) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (ids[mid] == id)
            return benches[mid];
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

typedef struct run_parts {
    cJSON **benches;
    long long *ids;
    int n;
} run_parts;

static bg_err read_benches(bg__store *s, long long run, cJSON *arr, run_parts *p, bg__error *err) {
    bg__sqlp id = bg__p_int(run);
    bg__rows *r = NULL;
    BG_FORWARD_IF_ERROR(s->ops->query(s, bench_sql, &id, 1, &r, err));
    size_t bench_cap = 0, id_cap = 0;
    int full = 0; /* out of memory */
    while (s->ops->next(r) == 1) {
        size_t need = (size_t)p->n + 1;
        full = bg__grow((void **)&p->benches, &bench_cap, need, sizeof *p->benches, 64) != 0 ||
               bg__grow((void **)&p->ids, &id_cap, need, sizeof *p->ids, 64) != 0;
        if (full)
            break;
        cJSON *b = cJSON_CreateObject();
        row_object(s, r, 1, BG__BENCH_COLS, BG__BENCH_KINDS, b);
        cJSON_AddArrayToObject(b, "metrics");
        cJSON_AddArrayToObject(b, "samples");
        cJSON_AddItemToArray(arr, b);
        p->ids[p->n] = s->ops->integer(r, 0);
        p->benches[p->n++] = b;
    }
    s->ops->rows_free(r);
    BG_RETURN_IF(full, err, BG_ENOMEM, "out of memory");
    return BG_OK;
}

/* The metrics (samples: 1) of the run's benchmarks, each into its benchmark. */
static bg_err read_children(bg__store *s, long long run, run_parts *p, int samples,
                            bg__error *err) {
    bg__sqlp id = bg__p_int(run);
    bg__rows *r = NULL;
    BG_FORWARD_IF_ERROR(s->ops->query(s, samples ? sample_sql : metric_sql, &id, 1, &r, err));
    while (s->ops->next(r) == 1) {
        cJSON *b = bench_of(p->benches, p->ids, p->n, s->ops->integer(r, 0));
        if (b == NULL)
            continue;
        if (samples) {
            cJSON *row = cJSON_CreateArray();
            for (int k = 0; k < BG__SAMPLE_N; k++)
                cJSON_AddItemToArray(row, s->ops->is_null(r, 1 + k)
                                              ? cJSON_CreateNull()
                                              : exact_number(s->ops->real(r, 1 + k)));
            cJSON_AddItemToArray(cJSON_GetObjectItem(b, "samples"), row);
        } else {
            cJSON *m = cJSON_CreateObject();
            row_object(s, r, 1, BG__METRIC_COLS, BG__METRIC_KINDS, m);
            cJSON_AddItemToArray(cJSON_GetObjectItem(b, "metrics"), m);
        }
    }
    s->ops->rows_free(r);
    return BG_OK;
}

static bg_err export_run(bg__store *s, bg__rows *runs, FILE *out, bg__error *err) {
    long long run = s->ops->integer(runs, 0);
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "schema", EXPORT_SCHEMA);
    cJSON *row = cJSON_AddObjectToObject(doc, "run");
    row_object(s, runs, 1, BG__RUN_COLS, BG__RUN_KINDS, row);
    run_parts p = {NULL, NULL, 0};
    bg_err rc = read_benches(s, run, cJSON_AddArrayToObject(doc, "benchmarks"), &p, err);
    if (rc == BG_OK)
        rc = read_children(s, run, &p, 0, err);
    if (rc == BG_OK)
        rc = read_children(s, run, &p, 1, err);
    free(p.benches);
    free(p.ids);
    char *text = rc == BG_OK ? bg__json_print(doc, 0) : NULL;
    cJSON_Delete(doc);
    if (rc == BG_OK && text == NULL)
        rc = bg__set_error(err, BG_ENOMEM, "out of memory");
    if (text && fprintf(out, "%s\n", text) < 0)
        rc = bg__set_error(err, BG_EIO, "cannot write the export");
    free(text);
    return rc;
}

bg_err bg_history_export(const char *db_path, const char *format, FILE *out, char *errbuf,
                         size_t errlen) {
    bg__error err = {BG_OK, ""};
    struct stat st;
    if (format == NULL || strcmp(format, "jsonl") != 0)
        return bg__errbuf(&err,
                          bg__set_error(&err, BG_EUSAGE, "unknown export format '%s' (formats: %s)",
                                        format ? format : "", BG_HISTORY_EXPORT_FORMATS),
                          errbuf, errlen);
    if (db_path == NULL || (!bg__store_is_pg(db_path) && lstat(db_path, &st) != 0))
        return bg__errbuf(
            &err, bg__set_error(&err, BG_EINPUT, "%s: no run history yet", db_path ? db_path : ""),
            errbuf, errlen);
    bg__store *s = bg__store_open(db_path, 0, &err);
    if (s == NULL)
        return bg__errbuf(&err, err.code, errbuf, errlen);
    bg__rows *runs = NULL;
    bg_err rc = s->ops->query(s, runs_sql, NULL, 0, &runs, &err);
    while (rc == BG_OK && s->ops->next(runs) == 1)
        rc = export_run(s, runs, out, &err);
    s->ops->rows_free(runs);
    if (rc == BG_OK && fflush(out) != 0)
        rc = bg__set_error(&err, BG_EIO, "cannot write the export");
    bg__store_close(s);
    return bg__errbuf(&err, rc, errbuf, errlen);
}

/* ---- reading it back ------------------------------------------------------------------- */

/* The parameters of a row from its object, checked by kind. @return BG_OK, or BG_EINPUT with
 * the problem in err */
static bg_err row_params(const cJSON *o, const char *cols, const char *kinds, bg__sqlp *p,
                         bg__error *err) {
    char names[24][32];
    int n = column_names(cols, names, 24);
    BG_RETURN_IF(!cJSON_IsObject(o), err, BG_EINPUT, "a row is not an object");
    const cJSON *next = o->child; /* an export writes the columns in order: looked up last */
    for (int k = 0; k < n; k++) {
        const cJSON *v = next && strcmp(next->string, names[k]) == 0
                             ? next
                             : cJSON_GetObjectItemCaseSensitive(o, names[k]);
        next = v ? v->next : NULL;
        char buf[160];
        if (v == NULL || cJSON_IsNull(v))
            p[k] = bg__p_null();
        else if (kinds[k] == 'T' && cJSON_IsString(v)) {
            BG_RETURN_IF(bg__text_problem(v->valuestring, buf, sizeof buf), err, BG_EINPUT,
                         "%.31s: %.150s", names[k], buf);
            p[k] = bg__p_text(v->valuestring);
        } else if (kinds[k] == 'N' && cJSON_IsNumber(v))
            p[k] = bg__p_real(v->valuedouble);
        else
            return bg__set_error(err, BG_EINPUT, "%.31s: not a %s", names[k],
                                 kinds[k] == 'T' ? "string" : "number");
    }
    return BG_OK;
}

/* The first name that two rows of list share, or NULL. A run's benchmarks and a benchmark's
 * metrics are unique by name (the store's keys), so a line with one twice is refused whole. */
static const char *name_twice(const cJSON *list) {
    const cJSON *a, *b;
    cJSON_ArrayForEach(a, list) {
        const char *name = bg__json_text(a, "name");
        for (b = a->next; name && b; b = b->next) {
            const char *other = bg__json_text(b, "name");
            if (other && strcmp(name, other) == 0)
                return name;
        }
    }
    return NULL;
}

/* One exported run checked whole. @return BG_OK, or BG_EINPUT with the problem in err */
static bg_err check_line(const cJSON *doc, bg__sqlp *run, bg__error *err) {
    bg__sqlp row[BG__METRIC_N];
    const cJSON *b, *m, *benches = bg__json_get(doc, "benchmarks");
    BG_FORWARD_IF_ERROR(
        row_params(bg__json_get(doc, "run"), BG__RUN_COLS, BG__RUN_KINDS, run, err));
    BG_RETURN_IF(run[0].type != BG__P_TEXT || run[0].text[0] == '\0', err, BG_EINPUT,
                 "run.run_id is missing");
    BG_RETURN_IF(!cJSON_IsArray(benches), err, BG_EINPUT, "benchmarks is not an array");
    cJSON_ArrayForEach(b, benches) {
        BG_FORWARD_IF_ERROR(row_params(b, BG__BENCH_COLS, BG__BENCH_KINDS, row, err));
        char nb[160];
        const char *name = bg__json_text(b, "name"), *twice;
        BG_RETURN_IF(bg__name_problem(name ? name : "", nb, sizeof nb), err, BG_EINPUT,
                     "benchmark name: %s", nb);
        cJSON_ArrayForEach(m, bg__json_get(b, "metrics"))
            BG_FORWARD_IF_ERROR(row_params(m, BG__METRIC_COLS, BG__METRIC_KINDS, row, err));
        BG_RETURN_IF((twice = name_twice(bg__json_get(b, "metrics"))) != NULL, err, BG_EINPUT,
                     "benchmark '%.200s': metric '%.100s' twice", name, twice);
    }
    const char *twice = name_twice(benches);
    BG_RETURN_IF(twice, err, BG_EINPUT, "benchmark '%.200s' twice", twice);
    return BG_OK;
}

/* One exported run: checked whole (a problem in why: the line is refused), then stored in one
 * transaction (a failure in err). */
static bg_err store_line(bg__store *s, const cJSON *doc, int *stored, bg__error *why,
                         bg__error *err) {
    bg__sqlp run[BG__RUN_N], row[BG__METRIC_N];
    const cJSON *b, *m, *benches = bg__json_get(doc, "benchmarks");
    BG_FORWARD_IF_ERROR(check_line(doc, run, why));
    long long id = 0;
    *stored = 0;
    BG_FORWARD_IF_ERROR(s->ops->begin(s, 0, err));
    bg_err rc = bg__insert_run(s, run, &id, err);
    const cJSON *todo = id ? benches : NULL; /* skipped: a run stored already */
    cJSON_ArrayForEach(b, todo) {
        long long bench = 0;
        if (rc == BG_OK)
            row_params(b, BG__BENCH_COLS, BG__BENCH_KINDS, row, NULL); /* checked above */
        if (rc == BG_OK)
            rc = bg__insert_benchmark(s, id, row, &bench, err);
        cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) if (rc == BG_OK) {
            row_params(m, BG__METRIC_COLS, BG__METRIC_KINDS, row, NULL);
            rc = bg__insert_metric(s, bench, row, err);
        }
        cJSON_ArrayForEach(m, bg__json_get(b, "samples")) if (rc == BG_OK) {
            for (int k = 0; k < BG__SAMPLE_N; k++) {
                const cJSON *v = cJSON_GetArrayItem(m, k);
                row[k] = cJSON_IsNumber(v) ? bg__p_real(v->valuedouble) : bg__p_null();
            }
            rc = bg__insert_sample(s, bench, row, err);
        }
    }
    if (rc == BG_OK && id != 0)
        rc = s->ops->commit(s, err);
    if (rc != BG_OK || id == 0)
        s->ops->rollback(s);
    *stored = rc == BG_OK && id != 0;
    return rc;
}

void bg__import_jsonl(bg__import *im, const char *path) {
    FILE *f = fopen(path, "r");
    char *line = NULL, label[BG__PATH_MAX + 32];
    size_t cap = 0;
    long no = 0;
    if (f == NULL) {
        bg__import_refuse(im, path, "cannot open it");
        return;
    }
    for (ssize_t len; (len = getline(&line, &cap, f)) >= 0;) {
        no++;
        if (len <= 1)
            continue;
        snprintf(label, sizeof label, "%s:%ld", path, no);
        cJSON *doc = NULL;
        bg__error e = {BG_OK, ""}, why = {BG_OK, ""};
        int stored = 0;
        const char *bad = NULL;
        if (bg__json_parse_strict(line, label, &doc, &e) != BG_OK)
            bad = e.msg;
        else if (strcmp(bg__json_text(doc, "schema") ? bg__json_text(doc, "schema") : "",
                        EXPORT_SCHEMA) != 0)
            bad = "not a line of benchgate history export (schema " EXPORT_SCHEMA ")";
        else if (store_line(im->store, doc, &stored, &why, &e) != BG_OK)
            bad = why.code != BG_OK ? why.msg : "";
        if (bad && bad[0] == '\0')
            bg__import_fail(im, label, e.msg);
        else if (bad)
            bg__import_refuse(im, label, bad);
        else
            bg__import_done(im, bg__json_text(bg__json_get(doc, "run"), "run_id"), stored);
        cJSON_Delete(doc);
    }
    free(line);
    fclose(f);
}
