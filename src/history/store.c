/* store.c - the run history's store whatever its backend: which backend a location names, the
 * schema and its versioned migrations (the schema_version table, the same on both backends,
 * each migration in a transaction under the writers' lock), and statement parameters. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/history.h"
#include "history.h"

/* Migration i (1-based) brings the schema from version i - 1 to i, in portable SQL (the
 * PostgreSQL backend maps INTEGER, REAL and INTEGER PRIMARY KEY). Never edit one that has
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
    /* 4: where a run came from (one store for a team: CI artifacts imported) */
    "ALTER TABLE runs ADD COLUMN git_commit_time TEXT;"
    "ALTER TABLE runs ADD COLUMN git_parent TEXT;"
    "ALTER TABLE runs ADD COLUMN runner TEXT;"
    "ALTER TABLE runs ADD COLUMN ci_url TEXT;"
    "CREATE INDEX runs_by_time ON runs(timestamp);",
    /* 5: each benchmark's wall time (benchgate start --shard balances shards by it) */
    "ALTER TABLE benchmarks ADD COLUMN seconds REAL;",
};

int bg_history_schema_version(void) {
    return BG__HISTORY_VERSION;
}

/* A libpq keyword string starts with a keyword and '=' ("host=db dbname=bench"). */
static int keyword_string(const char *s) {
    while (isspace((unsigned char)*s))
        s++;
    const char *k = s;
    while (isalnum((unsigned char)*s) || *s == '_')
        s++;
    while (isspace((unsigned char)*s))
        s++;
    return s > k && *s == '=';
}

int bg__store_is_pg(const char *location) {
    return location && (strncmp(location, "postgresql://", 13) == 0 ||
                        strncmp(location, "postgres://", 11) == 0 || keyword_string(location));
}

bg_err bg_history_check_location(const char *location, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg_err rc = bg__store_is_pg(location) ? bg__store_pg_check_location(location, &err) : BG_OK;
    return bg__errbuf(&err, rc, errbuf, errlen);
}

bg__store *bg__store_open(const char *location, int create, bg__error *err) {
    BG__ASSERT(location != NULL);
    if (location == NULL || location[0] == '\0') {
        bg__set_error(err, BG_EUSAGE, "no run history given");
        return NULL;
    }
    if (bg__store_is_pg(location))
        return bg__store_pg_open(location, create, err);
    return bg__store_sqlite_open(location, create, err);
}

void bg__store_close(bg__store *s) {
    if (s)
        s->ops->close(s);
}

/* The first column of the first row as an integer; fallback when there is none. */
static long long query_int(bg__store *s, const char *sql, long long fallback) {
    bg__rows *r = NULL;
    bg__error e = {BG_OK, ""};
    long long v = fallback;
    if (s->ops->query(s, sql, NULL, 0, &r, &e) != BG_OK)
        return fallback;
    if (s->ops->next(r) == 1 && !s->ops->is_null(r, 0))
        v = s->ops->integer(r, 0);
    s->ops->rows_free(r);
    return v;
}

int bg__store_version(bg__store *s) {
    BG__ASSERT(s != NULL);
    long long v = 0;
    if (s->ops->has_table(s, "schema_version"))
        v = query_int(s, "SELECT max(version) FROM schema_version", -1);
    if (s->kind == BG__STORE_SQLITE && v >= 0) { /* from before schema_version: user_version */
        long long legacy = query_int(s, "PRAGMA user_version", -1);
        v = legacy > v || legacy < 0 ? legacy : v;
    }
    return (int)v;
}

static bg_err record_version(bg__store *s, int version, const char *when, bg__error *err) {
    bg__sqlp p[2] = {bg__p_int(version), bg__p_text(when)};
    BG_FORWARD_IF_ERROR(s->ops->exec(
        s, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", p, 2, NULL, err));
    if (s->kind != BG__STORE_SQLITE)
        return BG_OK;
    char sql[64]; /* what an older benchgate reads: it refuses a newer history */
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d;", version);
    return s->ops->script(s, sql, err);
}

/* One migration, from version v (read again under the lock) to v + 1. */
static bg_err migrate_one(bg__store *s, int *v, const char *now, bg__error *err) {
    if (!s->ops->has_table(s, "schema_version")) {
        BG_FORWARD_IF_ERROR(
            s->ops->script(s,
                           "CREATE TABLE schema_version (version INTEGER NOT NULL UNIQUE,"
                           " applied_at TEXT NOT NULL);",
                           err));
        for (int k = 1; k <= *v; k++) /* the legacy versions of an older SQLite history */
            BG_FORWARD_IF_ERROR(record_version(s, k, "before schema_version", err));
    }
    BG_FORWARD_IF_ERROR(s->ops->script(s, migrations[*v], err));
    return record_version(s, *v + 1, now, err);
}

bg_err bg__store_migrate(bg__store *s, int target, bg__error *err) {
    BG__ASSERT(s != NULL && target > 0);
    int v = bg__store_version(s);
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    BG_RETURN_IF(v < 0, err, BG_EINPUT, "%s: not a benchgate history", s->shown);
    BG_RETURN_IF(v > BG__HISTORY_VERSION, err, BG_EINPUT,
                 "%s: history schema version %d is newer than this benchgate (%d)", s->shown, v,
                 BG__HISTORY_VERSION);
    while (v < target) {
        bg__error e = {BG_OK, ""};
        BG_FORWARD_IF_ERROR(s->ops->begin(s, 1, err));
        /* read again under the lock: a concurrent first use may have migrated since */
        v = bg__store_version(s);
        if (v >= target) {
            s->ops->commit(s, err);
            break;
        }
        if (v < 0 || migrate_one(s, &v, now, &e) != BG_OK || s->ops->commit(s, &e) != BG_OK) {
            s->ops->rollback(s);
            return bg__set_error(err, BG_EIO, "%s: migration to schema version %d failed: %s",
                                 s->shown, v + 1, e.msg);
        }
        v++;
    }
    return BG_OK;
}

/* ---- parameters ----------------------------------------------------------------------- */

bg__sqlp bg__p_null(void) {
    return (bg__sqlp){BG__P_NULL, NULL, 0, 0};
}

bg__sqlp bg__p_text(const char *v) {
    return v ? (bg__sqlp){BG__P_TEXT, v, 0, 0} : bg__p_null();
}

bg__sqlp bg__p_int(long long v) {
    return (bg__sqlp){BG__P_INT, NULL, v, 0};
}

bg__sqlp bg__p_real(double v) {
    return (bg__sqlp){BG__P_REAL, NULL, 0, v};
}

bg__sqlp bg__p_json_text(const cJSON *v) {
    return cJSON_IsString(v) ? bg__p_text(v->valuestring) : bg__p_null();
}

bg__sqlp bg__p_json_string(const cJSON *v) {
    return bg__p_text(cJSON_IsString(v) ? v->valuestring : "");
}

bg__sqlp bg__p_json_number(const cJSON *v) {
    if (cJSON_IsNumber(v))
        return bg__p_real(v->valuedouble);
    if (cJSON_IsBool(v))
        return bg__p_int(cJSON_IsTrue(v));
    return bg__p_null();
}
