/* history.c - the run history in SQLite: the schema and its migrations (PRAGMA user_version),
 * and recording a run directory in one transaction (WAL), so that a process killed while
 * recording leaves the database as it was. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/history.h"
#include "history.h"
#include "common/common.h"
#include "config/config.h"
#include "results/results.h"

/* Migration i (1-based) brings the schema from version i - 1 to i. Never edit one that has
 * shipped: add the next. */
static const char *const migrations[BG__HISTORY_VERSION] = {
    /* 1: runs, their benchmarks and metrics */
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE,"
    " timestamp TEXT NOT NULL, machine_class TEXT NOT NULL DEFAULT '',"
    " hostname TEXT NOT NULL DEFAULT '', git_sha TEXT, git_branch TEXT, git_dirty INTEGER,"
    " command_line TEXT NOT NULL DEFAULT '', complete INTEGER NOT NULL,"
    " result_path TEXT NOT NULL, recorded_at TEXT NOT NULL);"
    "CREATE TABLE benchmarks (id INTEGER PRIMARY KEY,"
    " run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL,"
    " family TEXT NOT NULL, device TEXT NOT NULL, status TEXT NOT NULL, error_message TEXT,"
    " params TEXT NOT NULL DEFAULT '{}', measure TEXT NOT NULL DEFAULT 'time',"
    " UNIQUE (run, name));"
    "CREATE TABLE metrics (benchmark INTEGER NOT NULL REFERENCES benchmarks(id)"
    " ON DELETE CASCADE, name TEXT NOT NULL, status TEXT NOT NULL, unit TEXT, better TEXT,"
    " value REAL, n INTEGER, median REAL, mean REAL, stddev REAL, min REAL, max REAL,"
    " p95 REAL, p99 REAL, ci95_lo REAL, ci95_hi REAL, cv REAL, PRIMARY KEY (benchmark, name));"
    "CREATE INDEX benchmarks_by_name ON benchmarks(name);",
    /* 2: every sample */
    "CREATE TABLE samples (benchmark INTEGER NOT NULL REFERENCES benchmarks(id)"
    " ON DELETE CASCADE, repetition INTEGER NOT NULL, sample INTEGER NOT NULL,"
    " iterations INTEGER NOT NULL, time_ns REAL, cpu_time_ns REAL, instructions REAL);"
    "CREATE INDEX samples_by_benchmark ON samples(benchmark);",
    /* 3: cached results (--reuse) and run durations */
    "ALTER TABLE benchmarks ADD COLUMN reused_from TEXT;"
    "ALTER TABLE runs ADD COLUMN duration_s REAL;",
};

int bg_history_schema_version(void) {
    return BG__HISTORY_VERSION;
}

static int user_version(sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

bg_err bg__history_migrate(sqlite3 *db, int target, const char *path, bg__error *err) {
    int v = user_version(db);
    BG_RETURN_IF(v < 0, err, BG_EINPUT, "%s: not an SQLite database: %s", path, sqlite3_errmsg(db));
    BG_RETURN_IF(v > BG__HISTORY_VERSION, err, BG_EINPUT,
                 "%s: history schema version %d is newer than this benchgate (%d)", path, v,
                 BG__HISTORY_VERSION);
    while (v < target) {
        char sql[64];
        char *msg = NULL;
        /* the version is read again under the write lock: a concurrent first use may have
         * migrated since (two runs starting on a new history at once) */
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
        if (rc == SQLITE_OK && (v = user_version(db)) >= target) {
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
            break;
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", v + 1);
        if (rc == SQLITE_OK)
            rc = v >= 0 ? sqlite3_exec(db, migrations[v], NULL, NULL, &msg) : SQLITE_ERROR;
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            bg__set_error(err, BG_EIO, "%s: migration to schema version %d failed: %s", path, v + 1,
                          msg ? msg : sqlite3_errmsg(db));
            sqlite3_free(msg);
            return BG_EIO;
        }
        v++;
    }
    return BG_OK;
}

/* Creates the folder of path (for a new database). */
static bg_err make_parent(const char *path, bg__error *err) {
    char dir[BG__PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (slash == NULL || slash == path)
        return BG_OK;
    BG_RETURN_IF((size_t)(slash - path) >= sizeof dir, err, BG_EIO, "%s: path too long", path);
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    return bg__mkdirs(dir, err);
}

/* Switches to WAL. On a new database that others open at the same moment the switch can be
 * refused as busy without the busy handler being asked: try again for up to 10 s. */
static int wal_mode(sqlite3 *db, char **msg) {
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < 200 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); attempt++) {
        sqlite3_free(*msg);
        *msg = NULL;
        rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL;", NULL, NULL, msg);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    }
    return rc;
}

sqlite3 *bg__history_open(const char *path, int create, int target_version, bg__error *err) {
    sqlite3 *db = NULL;
    char file[BG__PATH_MAX + 16];
    if (create && make_parent(path, err) != BG_OK)
        return NULL;
    if (bg__history_file(path, create, file, sizeof file, err) != BG_OK)
        return NULL;
    /* no link followed, the database's own name included (SQLite >= 3.31) */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
    if (sqlite3_open_v2(file, &db, flags, NULL) != SQLITE_OK) {
        bg__set_error(err, create ? BG_EIO : BG_EINPUT, "%s: cannot open the history: %s", path,
                      db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    char *msg = NULL;
    if (wal_mode(db, &msg) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA foreign_keys=ON;", NULL, NULL, &msg) != SQLITE_OK ||
        bg__history_migrate(db, target_version, path, err) != BG_OK) {
        if (msg)
            bg__set_error(err, BG_EINPUT, "%s: not a history database: %s", path, msg);
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

void bg__history_close(sqlite3 *db) {
    sqlite3_close(db);
}

/* ---- recording one run ---------------------------------------------------------------- */

typedef struct recorder {
    sqlite3 *db;
    sqlite3_stmt *bench, *metric, *sample, *find;
    sqlite3_int64 run;
    const char *path;
    bg__error *err;
} recorder;

static void bind_text(sqlite3_stmt *st, int i, const cJSON *v) {
    if (cJSON_IsString(v))
        sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* For NOT NULL columns: "" when the document lacks the string. */
static void bind_string(sqlite3_stmt *st, int i, const cJSON *v) {
    sqlite3_bind_text(st, i, cJSON_IsString(v) ? v->valuestring : "", -1, SQLITE_TRANSIENT);
}

static void bind_number(sqlite3_stmt *st, int i, const cJSON *v) {
    if (cJSON_IsNumber(v))
        sqlite3_bind_double(st, i, v->valuedouble);
    else if (cJSON_IsBool(v))
        sqlite3_bind_int(st, i, cJSON_IsTrue(v));
    else
        sqlite3_bind_null(st, i);
}

static bg_err db_error(recorder *r, const char *what) {
    return bg__set_error(r->err, BG_EIO, "%s: %s: %s", r->path, what, sqlite3_errmsg(r->db));
}

static bg_err step(recorder *r, sqlite3_stmt *st, const char *what) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BG_OK : db_error(r, what);
}

static bg_err insert_run(recorder *r, const cJSON *doc, const char *run_dir) {
    static const char *sql =
        "INSERT INTO runs (run_id, timestamp, machine_class, hostname, git_sha, git_branch,"
        " git_dirty, command_line, complete, result_path, recorded_at, duration_s)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system"),
                *git = bg__json_get(run, "git");
    char resolved[PATH_MAX], now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(r, "cannot record the run");
    bind_string(st, 1, bg__json_get(run, "run_id"));
    bind_string(st, 2, bg__json_get(run, "timestamp"));
    bind_string(st, 3, bg__json_get(sys, "machine_class"));
    bind_string(st, 4, bg__json_get(sys, "hostname"));
    bind_text(st, 5, bg__json_get(git, "sha"));
    bind_text(st, 6, bg__json_get(git, "branch"));
    bind_number(st, 7, bg__json_get(git, "dirty"));
    bind_string(st, 8, bg__json_get(run, "command_line"));
    sqlite3_bind_int(st, 9, cJSON_IsTrue(bg__json_get(doc, "complete")));
    sqlite3_bind_text(st, 10, realpath(run_dir, resolved) ? resolved : run_dir, -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 11, now, -1, SQLITE_TRANSIENT);
    bind_number(st, 12, bg__json_get(run, "duration_s"));
    bg_err rc = step(r, st, "cannot record the run");
    sqlite3_finalize(st);
    r->run = sqlite3_last_insert_rowid(r->db);
    return rc;
}

static bg_err insert_metric(recorder *r, sqlite3_int64 bench, const cJSON *m) {
    static const char *const numbers[] = {"value", "n",   "median", "mean", "stddev",
                                          "min",   "max", "p95",    "p99"};
    sqlite3_stmt *st = r->metric;
    const cJSON *ci = bg__json_get(m, "ci95");
    sqlite3_bind_int64(st, 1, bench);
    sqlite3_bind_text(st, 2, m->string, -1, SQLITE_TRANSIENT);
    bind_string(st, 3, bg__json_get(m, "status"));
    bind_text(st, 4, bg__json_get(m, "unit"));
    bind_text(st, 5, bg__json_get(m, "better"));
    for (int i = 0; i < 9; i++)
        bind_number(st, 6 + i, bg__json_get(m, numbers[i]));
    bind_number(st, 15, cJSON_GetArrayItem(ci, 0));
    bind_number(st, 16, cJSON_GetArrayItem(ci, 1));
    bind_number(st, 17, bg__json_get(m, "cv"));
    return step(r, st, "cannot record a metric");
}

static bg_err insert_benchmark(recorder *r, const cJSON *b) {
    sqlite3_stmt *st = r->bench;
    char *params = bg__json_print((cJSON *)bg__json_get(b, "params"), 0);
    sqlite3_bind_int64(st, 1, r->run);
    bind_string(st, 2, bg__json_get(b, "name"));
    bind_string(st, 3, bg__json_get(b, "family"));
    bind_string(st, 4, bg__json_get(b, "device"));
    bind_string(st, 5, bg__json_get(b, "status"));
    bind_text(st, 6, bg__json_get(b, "error_message"));
    sqlite3_bind_text(st, 7, params ? params : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8,
                      cJSON_IsString(bg__json_get(b, "measure"))
                          ? bg__json_get(b, "measure")->valuestring
                          : "time",
                      -1, SQLITE_TRANSIENT);
    bind_text(st, 9, bg__json_get(b, "reused_from"));
    free(params);
    BG_FORWARD_IF_ERROR(step(r, st, "cannot record a benchmark"));
    sqlite3_int64 id = sqlite3_last_insert_rowid(r->db);
    const cJSON *m;
    cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) BG_FORWARD_IF_ERROR(insert_metric(r, id, m));
    return BG_OK;
}

/* The row id of benchmark `name` of this run; 0 when unknown. */
static sqlite3_int64 find_benchmark(recorder *r, const char *name) {
    sqlite3_int64 id = 0;
    sqlite3_bind_int64(r->find, 1, r->run);
    sqlite3_bind_text(r->find, 2, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(r->find) == SQLITE_ROW)
        id = sqlite3_column_int64(r->find, 0);
    sqlite3_reset(r->find);
    sqlite3_clear_bindings(r->find);
    return id;
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

static bg_err insert_sample(recorder *r, char **f, sqlite3_int64 bench) {
    sqlite3_stmt *st = r->sample;
    sqlite3_bind_int64(st, 1, bench);
    for (int i = 1; i < 7; i++) {
        if (f[i][0] == '\0')
            sqlite3_bind_null(st, i + 1);
        else if (i <= 3)
            sqlite3_bind_int64(st, i + 1, strtoll(f[i], NULL, 10));
        else
            sqlite3_bind_double(st, i + 1, strtod(f[i], NULL));
    }
    return step(r, st, "cannot record a sample");
}

static bg_err insert_samples(recorder *r, const char *run_dir) {
    char path[BG__PATH_MAX + 32], name[BG__NAME_MAX + 1] = "";
    snprintf(path, sizeof path, "%s/samples.csv", run_dir);
    if (access(path, F_OK) != 0)
        return BG_OK; /* --format=json: no samples to record */
    char *text = bg__read_text(path, r->err), *save = NULL;
    if (text == NULL)
        return BG_EINPUT;
    sqlite3_int64 bench = 0;
    bg_err rc = BG_OK;
    char *line = strtok_r(text, "\n", &save); /* the header */
    while (rc == BG_OK && (line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[7];
        if (split_sample(line, f) != 0)
            continue;
        if (strcmp(f[0], name) != 0) {
            snprintf(name, sizeof name, "%s", f[0]);
            bench = find_benchmark(r, name);
        }
        if (bench != 0)
            rc = insert_sample(r, f, bench);
    }
    free(text);
    return rc;
}

static bg_err prepare_all(recorder *r) {
    static const char *bench =
        "INSERT INTO benchmarks (run, name, family, device, status, error_message, params,"
        " measure, reused_from) VALUES (?,?,?,?,?,?,?,?,?)";
    static const char *metric =
        "INSERT OR REPLACE INTO metrics (benchmark, name, status, unit, better, value, n, median,"
        " mean, stddev, min, max, p95, p99, ci95_lo, ci95_hi, cv)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static const char *sample = "INSERT INTO samples (benchmark, repetition, sample, iterations,"
                                " time_ns, cpu_time_ns, instructions) VALUES (?,?,?,?,?,?,?)";
    static const char *find = "SELECT id FROM benchmarks WHERE run = ? AND name = ?";
    if (sqlite3_prepare_v2(r->db, bench, -1, &r->bench, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(r->db, metric, -1, &r->metric, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(r->db, sample, -1, &r->sample, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(r->db, find, -1, &r->find, NULL) != SQLITE_OK)
        return db_error(r, "cannot prepare the statements");
    return BG_OK;
}

static bg_err record_all(recorder *r, const cJSON *doc, const char *run_dir) {
    sqlite3_stmt *del = NULL;
    BG_FORWARD_IF_ERROR(prepare_all(r));
    if (sqlite3_prepare_v2(r->db, "DELETE FROM runs WHERE run_id = ?", -1, &del, NULL) != SQLITE_OK)
        return db_error(r, "cannot replace the run");
    bind_text(del, 1, bg__json_get(bg__json_get(doc, "run"), "run_id"));
    bg_err rc = step(r, del, "cannot replace the run"); /* a resumed run: recorded once */
    sqlite3_finalize(del);
    BG_FORWARD_IF_ERROR(rc);
    BG_FORWARD_IF_ERROR(insert_run(r, doc, run_dir));
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks"))
        BG_FORWARD_IF_ERROR(insert_benchmark(r, b));
    return insert_samples(r, run_dir);
}

static bg_err record(recorder *r, const cJSON *doc, const char *run_dir) {
    if (sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(r, "cannot start a transaction");
    bg_err rc = record_all(r, doc, run_dir);
    if (rc == BG_OK && sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(r, "cannot commit");
    if (rc != BG_OK)
        sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(r->bench);
    sqlite3_finalize(r->metric);
    sqlite3_finalize(r->sample);
    sqlite3_finalize(r->find);
    return rc;
}

bg_err bg_history_record(const char *db_path, const char *run_dir, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    char path[BG__PATH_MAX + 32];
    cJSON *doc = NULL;
    if (db_path == NULL || run_dir == NULL || db_path[0] == '\0')
        return bg__errbuf(&err, bg__set_error(&err, BG_EUSAGE, "no database or run"), errbuf,
                          errlen);
    snprintf(path, sizeof path, "%s/result.json", run_dir);
    if (bg__load_result(path, &doc, &err) != BG_OK)
        return bg__errbuf(&err, err.code, errbuf, errlen);
    recorder r = {NULL, NULL, NULL, NULL, NULL, 0, db_path, &err};
    r.db = bg__history_open(db_path, 1, BG__HISTORY_VERSION, &err);
    bg_err rc = r.db ? record(&r, doc, run_dir) : err.code;
    bg__history_close(r.db);
    cJSON_Delete(doc);
    return bg__errbuf(&err, rc, errbuf, errlen);
}
