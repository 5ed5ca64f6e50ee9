/* history_record.c - recording a run in the store, whatever its backend: a result document
 * (checked before) and its samples.csv, in one transaction, so that a run is stored whole or
 * not at all; with where it came from (commit, first parent, runner, the CI run's URL). */
#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/results.h"
#include "benchgate/history.h"
#include "history.h"
#include "common/common.h"
#include "results/results.h"

static const char *const insert_run_sql =
    "INSERT INTO runs (" BG__RUN_COLS ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (run_id) DO NOTHING";
static const char *const insert_bench_sql =
    "INSERT INTO benchmarks (run, " BG__BENCH_COLS ") VALUES (?,?,?,?,?,?,?,?,?,?)";
static const char *const insert_metric_sql =
    "INSERT INTO metrics (benchmark, " BG__METRIC_COLS ") VALUES"
    " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"; /* unique by name: checked before */
static const char *const insert_sample_sql =
    "INSERT INTO samples (benchmark, " BG__SAMPLE_COLS ") VALUES (?,?,?,?,?,?,?)";
static const char *const find_bench_sql = "SELECT id FROM benchmarks WHERE run = ? AND name = ?";

bg_err bg__insert_run(bg__store *s, const bg__sqlp *p, long long *id, bg__error *err) {
    return s->ops->insert(s, insert_run_sql, p, BG__RUN_N, id, err);
}

/* Removes the run of this id, with its benchmarks, metrics and samples. */
static bg_err delete_run(bg__store *s, const char *run_id, bg__error *err) {
    bg__sqlp p = bg__p_text(run_id);
    return s->ops->exec(s, "DELETE FROM runs WHERE run_id = ?", &p, 1, NULL, err);
}

/* A row with its parent's id first. */
static bg_err insert_child(bg__store *s, const char *sql, long long parent, const bg__sqlp *p,
                           int n, long long *id, bg__error *err) {
    bg__sqlp all[BG__METRIC_N + 1];
    all[0] = bg__p_int(parent);
    memcpy(all + 1, p, (size_t)n * sizeof *p);
    return s->ops->append(s, sql, all, n + 1, id, err);
}

bg_err bg__insert_benchmark(bg__store *s, long long run, const bg__sqlp *p, long long *id,
                            bg__error *err) {
    return insert_child(s, insert_bench_sql, run, p, BG__BENCH_N, id, err);
}

bg_err bg__insert_metric(bg__store *s, long long bench, const bg__sqlp *p, bg__error *err) {
    return insert_child(s, insert_metric_sql, bench, p, BG__METRIC_N, NULL, err);
}

bg_err bg__insert_sample(bg__store *s, long long bench, const bg__sqlp *p, bg__error *err) {
    return insert_child(s, insert_sample_sql, bench, p, BG__SAMPLE_N, NULL, err);
}

/* ---- one result document ---------------------------------------------------------------- */

typedef struct recorder {
    bg__store *s;
    long long run;
    bg__error *err;
} recorder;

/* The CI run of a GitHub Actions job, from the environment the result recorded. */
static void ci_url(const cJSON *env, char *out, size_t size) {
    const char *server = bg__json_text(env, "GITHUB_SERVER_URL");
    const char *repo = bg__json_text(env, "GITHUB_REPOSITORY");
    const char *id = bg__json_text(env, "GITHUB_RUN_ID");
    out[0] = '\0';
    if (server && server[0] && repo && repo[0] && id && id[0])
        snprintf(out, size, "%s/%s/actions/runs/%s", server, repo, id);
}

static bg_err insert_run(recorder *r, const cJSON *doc, const char *result_path) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system"),
                *git = bg__json_get(run, "git"), *env = bg__json_get(sys, "env");
    char now[32], url[1024];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    ci_url(env, url, sizeof url);
    const cJSON *runner = bg__json_get(env, "RUNNER_NAME");
    bg__sqlp p[BG__RUN_N] = {
        bg__p_json_string(bg__json_get(run, "run_id")),
        bg__p_json_string(bg__json_get(run, "timestamp")),
        bg__p_json_string(bg__json_get(sys, "machine_class")),
        bg__p_json_string(bg__json_get(sys, "hostname")),
        bg__p_json_text(bg__json_get(git, "sha")),
        bg__p_json_text(bg__json_get(git, "branch")),
        bg__p_json_number(bg__json_get(git, "dirty")),
        bg__p_json_string(bg__json_get(run, "command_line")),
        bg__p_int(cJSON_IsTrue(bg__json_get(doc, "complete"))),
        bg__p_text(result_path),
        bg__p_text(now),
        bg__p_json_number(bg__json_get(run, "duration_s")),
        bg__p_json_text(bg__json_get(git, "commit_time")),
        bg__p_json_text(bg__json_get(git, "parent")),
        cJSON_IsString(runner) && runner->valuestring[0]
            ? bg__p_text(runner->valuestring)
            : bg__p_json_text(bg__json_get(sys, "hostname")),
        url[0] ? bg__p_text(url) : bg__p_null(),
    };
    return bg__insert_run(r->s, p, &r->run, r->err);
}

static bg_err insert_metric(recorder *r, long long bench, const cJSON *m) {
    static const char *const numbers[] = {"value", "n",   "median", "mean", "stddev",
                                          "min",   "max", "p95",    "p99"};
    const cJSON *ci = bg__json_get(m, "ci95");
    bg__sqlp p[BG__METRIC_N] = {
        bg__p_text(m->string),
        bg__p_json_string(bg__json_get(m, "status")),
        bg__p_json_text(bg__json_get(m, "unit")),
        bg__p_json_text(bg__json_get(m, "better")),
    };
    for (int i = 0; i < 9; i++)
        p[4 + i] = bg__p_json_number(bg__json_get(m, numbers[i]));
    p[13] = bg__p_json_number(cJSON_GetArrayItem(ci, 0));
    p[14] = bg__p_json_number(cJSON_GetArrayItem(ci, 1));
    p[15] = bg__p_json_number(bg__json_get(m, "cv"));
    return bg__insert_metric(r->s, bench, p, r->err);
}

static bg_err insert_benchmark(recorder *r, const cJSON *b) {
    char *params = bg__json_print((cJSON *)bg__json_get(b, "params"), 0);
    const cJSON *measure = bg__json_get(b, "measure");
    bg__sqlp p[BG__BENCH_N] = {
        bg__p_json_string(bg__json_get(b, "name")),
        bg__p_json_string(bg__json_get(b, "family")),
        bg__p_json_string(bg__json_get(b, "device")),
        bg__p_json_string(bg__json_get(b, "status")),
        bg__p_json_text(bg__json_get(b, "error_message")),
        bg__p_text(params ? params : "{}"),
        bg__p_text(cJSON_IsString(measure) ? measure->valuestring : "time"),
        bg__p_json_text(bg__json_get(b, "reused_from")),
        bg__p_json_number(bg__json_get(b, "seconds")),
    };
    long long id = 0;
    bg_err rc = bg__insert_benchmark(r->s, r->run, p, &id, r->err);
    free(params);
    BG_FORWARD_IF_ERROR(rc);
    const cJSON *m;
    cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) BG_FORWARD_IF_ERROR(insert_metric(r, id, m));
    return BG_OK;
}

/* *id the row id of benchmark `name` of this run, 0 when unknown. */
static bg_err find_benchmark(recorder *r, const char *name, long long *id) {
    bg__sqlp p[2] = {bg__p_int(r->run), bg__p_text(name)};
    bg__rows *rows = NULL;
    *id = 0;
    BG_FORWARD_IF_ERROR(r->s->ops->query(r->s, find_bench_sql, p, 2, &rows, r->err));
    if (r->s->ops->next(rows) == 1)
        *id = r->s->ops->integer(rows, 0);
    r->s->ops->rows_free(rows);
    return BG_OK;
}

/* Splits one CSV line of samples.csv (the name may be quoted) into 7 fields, in place. */
static int split_sample(char *line, char **f) {
    char *p = line;
    if (*p == '"') {
        char *w = ++p;
        f[0] = w;
        for (; *p && !(p[0] == '"' && p[1] != '"'); p++)
            *w++ = p[0] == '"' ? *++p : *p;
        char *rest = *p == '"' ? p + 1 : p; /* w never passes p: end the name after reading */
        *w = '\0';
        p = rest;
    } else {
        f[0] = p;
        p += strcspn(p, ",");
    }
    for (int i = 1; i < 7; i++) {
        if (*p != ',')
            return -1;
        *p++ = '\0';
        f[i] = p;
        p += strcspn(p, ",");
    }
    return *p == '\0' ? 0 : -1;
}

static bg_err insert_sample(recorder *r, char **f, long long bench) {
    bg__sqlp p[BG__SAMPLE_N];
    for (int i = 1; i < 7; i++) {
        if (f[i][0] == '\0')
            p[i - 1] = bg__p_null();
        else if (i <= 3)
            p[i - 1] = bg__p_int(strtoll(f[i], NULL, 10));
        else
            p[i - 1] = bg__p_real(strtod(f[i], NULL));
    }
    return bg__insert_sample(r->s, bench, p, r->err);
}

static bg_err insert_samples(recorder *r, const char *run_dir) {
    char path[BG__PATH_MAX + 32], name[BG__NAME_MAX + 1] = "";
    snprintf(path, sizeof path, "%s/samples.csv", run_dir);
    if (access(path, F_OK) != 0)
        return BG_OK; /* --format=json: no samples to record */
    char *text = bg__read_text(path, r->err), *save = NULL;
    if (text == NULL)
        return BG_EINPUT;
    long long bench = 0;
    bg_err rc = BG_OK;
    char *line = strtok_r(text, "\n", &save); /* the header */
    while (rc == BG_OK && (line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[7];
        if (split_sample(line, f) != 0)
            continue;
        if (strcmp(f[0], name) != 0) {
            snprintf(name, sizeof name, "%s", f[0]);
            rc = find_benchmark(r, name, &bench);
        }
        if (rc == BG_OK && bench != 0)
            rc = insert_sample(r, f, bench);
    }
    free(text);
    return rc;
}

static bg_err record_all(recorder *r, const cJSON *doc, const char *run_dir,
                         const char *result_path, bg__record_mode mode) {
    const char *run_id = bg__json_text(bg__json_get(doc, "run"), "run_id");
    if (mode == BG__RECORD_REPLACE) /* a resumed run: recorded once */
        BG_FORWARD_IF_ERROR(delete_run(r->s, run_id, r->err));
    BG_FORWARD_IF_ERROR(insert_run(r, doc, result_path));
    if (r->run == 0)
        return BG_OK; /* stored already (by a concurrent import, or before) */
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks"))
        BG_FORWARD_IF_ERROR(insert_benchmark(r, b));
    return run_dir ? insert_samples(r, run_dir) : BG_OK;
}

bg_err bg__record_doc(bg__store *s, const cJSON *doc, const char *run_dir, const char *result_path,
                      bg__record_mode mode, int *stored, bg__error *err) {
    recorder r = {s, 0, err};
    *stored = 0;
    /* a run recorded by another process between our delete and insert: once more */
    for (int attempt = 0; attempt < 3; attempt++) {
        BG_FORWARD_IF_ERROR(s->ops->begin(s, 0, err));
        bg_err rc = record_all(&r, doc, run_dir, result_path, mode);
        if (rc == BG_OK && r.run == 0) {
            s->ops->rollback(s);
            if (mode == BG__RECORD_SKIP)
                return BG_OK;
            continue;
        }
        if (rc == BG_OK)
            rc = s->ops->commit(s, err);
        if (rc != BG_OK) {
            s->ops->rollback(s);
            return rc;
        }
        *stored = 1;
        return BG_OK;
    }
    return bg__set_error(err, BG_EIO, "%s: the run is being recorded by another process", s->shown);
}

bg_err bg_history_record(const char *db_path, const char *run_dir, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    char path[BG__PATH_MAX + 32], resolved[PATH_MAX];
    cJSON *doc = NULL;
    int stored = 0;
    if (db_path == NULL || run_dir == NULL || db_path[0] == '\0')
        return bg__errbuf(&err, bg__set_error(&err, BG_EUSAGE, "no database or run"), errbuf,
                          errlen);
    snprintf(path, sizeof path, "%s/" BG_RESULT_FILE, run_dir);
    if (bg__load_result(path, &doc, &err) != BG_OK)
        return bg__errbuf(&err, err.code, errbuf, errlen);
    bg__store *s = bg__store_open(db_path, 1, &err);
    bg_err rc =
        s ? bg__record_doc(s, doc, run_dir, realpath(run_dir, resolved) ? resolved : run_dir,
                           BG__RECORD_REPLACE, &stored, &err)
          : err.code;
    bg__store_close(s);
    cJSON_Delete(doc);
    return bg__errbuf(&err, rc, errbuf, errlen);
}
