/* history.h - the run history's store (internal): one small backend interface (open, migrate,
 * begin/commit, exec with parameters, query rows) with a SQLite (store_sqlite.c) and a
 * PostgreSQL (store_pg.c, libpq) implementation, so that the SQL of recording (history.c,
 * history_import.c) and reporting (history_report.c, history_export.c) is written once. */
#ifndef BENCHGATE_HISTORY_INTERNAL_H
#define BENCHGATE_HISTORY_INTERNAL_H

#include <sqlite3.h>

#include "common/common.h"

/** The schema version written by this library; migration i brings version i - 1 to i. */
#define BG__HISTORY_VERSION 5

/* ---- the store: a backend behind one interface --------------------------------------- */

typedef enum bg__ptype { BG__P_NULL, BG__P_TEXT, BG__P_INT, BG__P_REAL } bg__ptype;

/** One parameter of a statement (the SQL's ?, numbered $1.. for PostgreSQL). */
typedef struct bg__sqlp {
    bg__ptype type;
    const char *text;
    long long i;
    double d;
} bg__sqlp;

typedef struct bg__store bg__store;
typedef struct bg__rows bg__rows;

/** A query whose text begins with this selects only text, integer and real columns: PostgreSQL
 *  sends them in their binary form (no number written out and read back; a million rows of
 *  changes read in less time). Other backends ignore it (an SQL comment). */
#define BG__SQL_BINARY "/* binary */ "

/** What a backend implements. The SQL given is portable: ? placeholders, INTEGER and REAL
 *  column types (PostgreSQL: BIGINT, DOUBLE PRECISION), INTEGER PRIMARY KEY for row ids. */
typedef struct bg__store_ops {
    /** exclusive: the writers' lock for a migration (SQLite BEGIN IMMEDIATE; PostgreSQL an
     *  advisory lock); else a write transaction */
    bg_err (*begin)(bg__store *s, int exclusive, bg__error *err);
    bg_err (*commit)(bg__store *s, bg__error *err);
    void (*rollback)(bg__store *s);
    /** A statement without rows; *changes (may be NULL) the rows it changed. */
    bg_err (*exec)(bg__store *s, const char *sql, const bg__sqlp *p, int n, long long *changes,
                   bg__error *err);
    /** An INSERT: *id the new row's id, 0 when nothing was inserted (ON CONFLICT DO NOTHING). */
    bg_err (*insert)(bg__store *s, const char *sql, const bg__sqlp *p, int n, long long *id,
                     bg__error *err);
    bg_err (*query)(bg__store *s, const char *sql, const bg__sqlp *p, int n, bg__rows **out,
                    bg__error *err);
    /** Schema text, several statements, no parameters (a migration). */
    bg_err (*script)(bg__store *s, const char *sql, bg__error *err);
    /** 1 when the table exists. */
    int (*has_table)(bg__store *s, const char *name);
    void (*close)(bg__store *s);
    /* rows: next is 1 for a row, 0 at the end, -1 on an error (in the query's err) */
    int (*next)(bg__rows *r);
    int (*is_null)(bg__rows *r, int col);
    const char *(*text)(bg__rows *r, int col); /**< "" for NULL */
    long long (*integer)(bg__rows *r, int col);
    double (*real)(bg__rows *r, int col);
    void (*rows_free)(bg__rows *r);
    /** A row appended in the current transaction (a benchmark, a metric, a sample): *id (when
     *  not NULL) the new row's id at once; the row itself may be written later, but before the
     *  next other statement or the commit (PostgreSQL sends such rows as multi-row INSERTs). */
    bg_err (*append)(bg__store *s, const char *sql, const bg__sqlp *p, int n, long long *id,
                     bg__error *err);
} bg__store_ops;

typedef enum bg__store_kind { BG__STORE_SQLITE, BG__STORE_PG } bg__store_kind;

/** The common part of every backend's handle. */
struct bg__store {
    const bg__store_ops *ops;
    bg__store_kind kind;
    char shown[512]; /**< the location for messages: a file, or a URL without a password */
};

/** 1 when location names a PostgreSQL database (postgresql://, postgres://, or a libpq
 *  keyword string such as "host=... dbname=..."), 0 for a SQLite file. */
int bg__store_is_pg(const char *location);

/**
 * Opens the history at location and migrates it to BG__HISTORY_VERSION. create: 0 refuses a
 * history that does not exist yet (a missing file; a database without the tables).
 * @return the store, or NULL with err set (BG_EINPUT: a bad location or not a history)
 */
bg__store *bg__store_open(const char *location, int create, bg__error *err);
void bg__store_close(bg__store *s);

/** Brings the store to target with the migrations (history.c), each in a transaction, the
 *  versions in the schema_version table (and PRAGMA user_version on SQLite). */
bg_err bg__store_migrate(bg__store *s, int target, bg__error *err);
/** The schema version of the store, 0 for an empty one, -1 when unreadable. */
int bg__store_version(bg__store *s);

/* the backends (store_sqlite.c, store_pg.c or store_pg_off.c) */
bg__store *bg__store_sqlite_open(const char *path, int create, bg__error *err);
bg__store *bg__store_sqlite_wrap(sqlite3 *db, const char *shown);
bg__store *bg__store_pg_open(const char *conninfo, int create, bg__error *err);
/** Refuses a PostgreSQL location with a password in it (BG_EUSAGE, saying where one goes). */
bg_err bg__store_pg_check_location(const char *conninfo, bg__error *err);

/* parameters */
bg__sqlp bg__p_null(void);
bg__sqlp bg__p_text(const char *v); /**< NULL: a NULL */
bg__sqlp bg__p_int(long long v);
bg__sqlp bg__p_real(double v);
/** A string of the document, NULL when absent (json_or_empty: "" instead). */
bg__sqlp bg__p_json_text(const struct cJSON *v);
bg__sqlp bg__p_json_string(const struct cJSON *v);
/** A number (or a boolean as 0/1) of the document, NULL when absent. */
bg__sqlp bg__p_json_number(const struct cJSON *v);

/* ---- SQLite's file ----------------------------------------------------------------- */

/**
 * Opens (create: 1 creates it and its folder) the database at path in WAL mode with foreign
 * keys on, and migrates it to target_version. @return the handle, or NULL with err set
 */
sqlite3 *bg__history_open(const char *path, int create, int target_version, bg__error *err);

/**
 * The database's file for SQLite: its folder resolved, then its own name, which must not be a
 * symbolic link (nor a file SQLite keeps beside it: -wal, -shm, -journal). create: 1 makes it
 * when missing, 0600 when others may write in its folder (docs/hardening.md).
 * @return BG_OK with the path in out, else BG_EINPUT (a link, not a file) or BG_EIO with err set
 */
bg_err bg__history_file(const char *path, int create, char *out, size_t size, bg__error *err);

/** Closes db (accepts NULL). */
void bg__history_close(sqlite3 *db);

/* ---- recording (history.c), shared with import (history_import.c) ---------------------- */

/** Where a run came from, for messages. */
typedef enum bg__record_mode {
    BG__RECORD_REPLACE, /**< benchgate start, history --record: a resumed run recorded once */
    BG__RECORD_SKIP     /**< history import: a run already stored is left as it is */
} bg__record_mode;

/**
 * Records one checked result document (and run_dir's samples.csv when run_dir is not NULL)
 * in one transaction. @return BG_OK; *stored 1 when it was stored, 0 when skipped
 */
bg_err bg__record_doc(bg__store *s, const struct cJSON *doc, const char *run_dir,
                      const char *result_path, bg__record_mode mode, int *stored, bg__error *err);

/* The columns of each table as recording, export and import name them (the row id and the
 * parent's id left out), and their kinds: T text, N number. */
#define BG__RUN_COLS                                                                               \
    "run_id, timestamp, machine_class, hostname, git_sha, git_branch, git_dirty, command_line,"    \
    " complete, result_path, recorded_at, duration_s, git_commit_time, git_parent, runner,"        \
    " ci_url"
#define BG__RUN_KINDS "TTTTTTNTNTTNTTTT"
#define BG__BENCH_COLS                                                                             \
    "name, family, device, status, error_message, params, measure, reused_from, seconds"
#define BG__BENCH_KINDS "TTTTTTTTN"
#define BG__METRIC_COLS                                                                            \
    "name, status, unit, better, value, n, median, mean, stddev, min, max, p95, p99, ci95_lo,"     \
    " ci95_hi, cv"
#define BG__METRIC_KINDS "TTTTNNNNNNNNNNNN"
#define BG__SAMPLE_COLS "repetition, sample, iterations, time_ns, cpu_time_ns, instructions"
#define BG__SAMPLE_KINDS "NNNNNN"
enum { BG__RUN_N = 16, BG__BENCH_N = 9, BG__METRIC_N = 16, BG__SAMPLE_N = 6 };

/** Inserts a run's row (p: BG__RUN_COLS); *id 0 when a run with its id is stored already. */
bg_err bg__insert_run(bg__store *s, const bg__sqlp *p, long long *id, bg__error *err);
bg_err bg__insert_benchmark(bg__store *s, long long run, const bg__sqlp *p, long long *id,
                            bg__error *err);
bg_err bg__insert_metric(bg__store *s, long long bench, const bg__sqlp *p, bg__error *err);
bg_err bg__insert_sample(bg__store *s, long long bench, const bg__sqlp *p, bg__error *err);

/* ---- import (history_import.c) and the exported form (history_export.c) --------------- */

/** An import under way: its store and its report. */
typedef struct bg__import {
    bg__store *store;
    bg__strbuf out, problems;
    size_t seen, imported, skipped, refused, failed;
} bg__import;

void bg__import_done(bg__import *im, const char *run_id, int stored);
/** A result refused (bad input): nothing of it stored. */
void bg__import_refuse(bg__import *im, const char *file, const char *why);
/** A result that the store could not take (a database error). */
void bg__import_fail(bg__import *im, const char *file, const char *why);
/** The runs of an exported history (benchgate history export --format=jsonl), one a line. */
void bg__import_jsonl(bg__import *im, const char *path);

#endif /* BENCHGATE_HISTORY_INTERNAL_H */
