/* store_sqlite.c - the SQLite backend of the run history's store: a file opened without
 * following a link (history_file.c), WAL, a busy timeout and retried writers' locks, so that
 * many processes record into one file at once; statements prepared once per connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"

enum { CACHED = 16 };

typedef struct sqlite_store {
    bg__store base;
    sqlite3 *db;
    int owned; /**< 1: closed with the store */
    const char *sql[CACHED];
    sqlite3_stmt *st[CACHED];
} sqlite_store;

struct bg__rows {
    sqlite3_stmt *st;
};

static sqlite_store *of(bg__store *s) {
    return (sqlite_store *)s;
}

static bg_err fail(sqlite_store *s, bg__error *err, const char *what) {
    return bg__set_error(err, BG_EIO, "%s: %s: %s", s->base.shown, what, sqlite3_errmsg(s->db));
}

/* A statement of the cache (by the SQL's address: the callers' SQL is static text). */
static sqlite3_stmt *prepared(sqlite_store *s, const char *sql, bg__error *err) {
    int k = 0;
    for (; k < CACHED && s->sql[k]; k++)
        if (s->sql[k] == sql)
            return s->st[k];
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fail(s, err, "cannot prepare a statement");
        return NULL;
    }
    if (k < CACHED)
        s->sql[k] = sql, s->st[k] = st;
    return st;
}

static void release(sqlite_store *s, sqlite3_stmt *st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (int k = 0; k < CACHED && s->sql[k]; k++)
        if (s->st[k] == st)
            return;
    sqlite3_finalize(st);
}

static void bind(sqlite3_stmt *st, const bg__sqlp *p, int n) {
    for (int i = 0; i < n; i++) {
        if (p[i].type == BG__P_TEXT)
            sqlite3_bind_text(st, i + 1, p[i].text, -1, SQLITE_TRANSIENT);
        else if (p[i].type == BG__P_INT)
            sqlite3_bind_int64(st, i + 1, p[i].i);
        else if (p[i].type == BG__P_REAL)
            sqlite3_bind_double(st, i + 1, p[i].d);
        else
            sqlite3_bind_null(st, i + 1);
    }
}

/* BEGIN IMMEDIATE: the busy timeout waits for the lock; tried again while another writer
 * holds it (20 processes recording at once). */
static bg_err sq_begin(bg__store *bs, int exclusive, bg__error *err) {
    sqlite_store *s = of(bs);
    (void)exclusive; /* SQLite has one writer at a time either way */
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < 30 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); attempt++)
        rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    return rc == SQLITE_OK ? BG_OK : fail(s, err, "cannot start a transaction");
}

static bg_err sq_commit(bg__store *bs, bg__error *err) {
    sqlite_store *s = of(bs);
    return sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK
               ? BG_OK
               : fail(s, err, "cannot commit");
}

static void sq_rollback(bg__store *bs) {
    sqlite3_exec(of(bs)->db, "ROLLBACK", NULL, NULL, NULL);
}

static bg_err run(sqlite_store *s, const char *sql, const bg__sqlp *p, int n, bg__error *err) {
    sqlite3_stmt *st = prepared(s, sql, err);
    if (st == NULL)
        return BG_EIO;
    bind(st, p, n);
    int rc = sqlite3_step(st);
    bg_err e = rc == SQLITE_DONE || rc == SQLITE_ROW ? BG_OK : fail(s, err, "cannot write");
    release(s, st);
    return e;
}

static bg_err sq_exec(bg__store *bs, const char *sql, const bg__sqlp *p, int n, long long *changes,
                      bg__error *err) {
    sqlite_store *s = of(bs);
    BG_FORWARD_IF_ERROR(run(s, sql, p, n, err));
    if (changes)
        *changes = sqlite3_changes(s->db);
    return BG_OK;
}

static bg_err sq_insert(bg__store *bs, const char *sql, const bg__sqlp *p, int n, long long *id,
                        bg__error *err) {
    sqlite_store *s = of(bs);
    BG_FORWARD_IF_ERROR(run(s, sql, p, n, err));
    *id = sqlite3_changes(s->db) > 0 ? sqlite3_last_insert_rowid(s->db) : 0;
    return BG_OK;
}

static bg_err sq_query(bg__store *bs, const char *sql, const bg__sqlp *p, int n, bg__rows **out,
                       bg__error *err) {
    sqlite_store *s = of(bs);
    bg__rows *r = calloc(1, sizeof *r);
    BG_RETURN_IF(r == NULL, err, BG_ENOMEM, "out of memory");
    if (sqlite3_prepare_v2(s->db, sql, -1, &r->st, NULL) != SQLITE_OK) {
        free(r);
        return fail(s, err, "cannot read the history");
    }
    bind(r->st, p, n);
    *out = r;
    return BG_OK;
}

static bg_err sq_script(bg__store *bs, const char *sql, bg__error *err) {
    sqlite_store *s = of(bs);
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return BG_OK;
    bg__set_error(err, BG_EIO, "%s: %s", s->base.shown, msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return BG_EIO;
}

static int sq_has_table(bg__store *bs, const char *name) {
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(of(bs)->db,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

static void sq_close(bg__store *bs) {
    sqlite_store *s = of(bs);
    for (int k = 0; k < CACHED && s->sql[k]; k++)
        sqlite3_finalize(s->st[k]);
    if (s->owned)
        sqlite3_close(s->db);
    free(s);
}

static int sq_next(bg__rows *r) {
    int rc = sqlite3_step(r->st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int sq_is_null(bg__rows *r, int col) {
    return sqlite3_column_type(r->st, col) == SQLITE_NULL;
}

static const char *sq_text(bg__rows *r, int col) {
    const unsigned char *t = sqlite3_column_text(r->st, col);
    return t ? (const char *)t : "";
}

static long long sq_integer(bg__rows *r, int col) {
    return sqlite3_column_int64(r->st, col);
}

static double sq_real(bg__rows *r, int col) {
    return sqlite3_column_double(r->st, col);
}

static void sq_rows_free(bg__rows *r) {
    if (r)
        sqlite3_finalize(r->st);
    free(r);
}

/* SQLite's statements are calls, not round trips: a row appended is written at once. */
static bg_err sq_append(bg__store *bs, const char *sql, const bg__sqlp *p, int n, long long *id,
                        bg__error *err) {
    return id ? sq_insert(bs, sql, p, n, id, err) : sq_exec(bs, sql, p, n, NULL, err);
}

static const bg__store_ops sqlite_ops = {
    sq_begin, sq_commit, sq_rollback, sq_exec, sq_insert,  sq_query, sq_script,    sq_has_table,
    sq_close, sq_next,   sq_is_null,  sq_text, sq_integer, sq_real,  sq_rows_free, sq_append};

bg__store *bg__store_sqlite_wrap(sqlite3 *db, const char *shown) {
    sqlite_store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->base.ops = &sqlite_ops;
    s->base.kind = BG__STORE_SQLITE;
    snprintf(s->base.shown, sizeof s->base.shown, "%s", shown);
    s->db = db;
    return &s->base;
}

bg__store *bg__store_sqlite_open(const char *path, int create, bg__error *err) {
    sqlite3 *db = bg__history_open(path, create, BG__HISTORY_VERSION, err);
    if (db == NULL)
        return NULL;
    bg__store *s = bg__store_sqlite_wrap(db, path);
    if (s == NULL) {
        sqlite3_close(db);
        bg__set_error(err, BG_ENOMEM, "out of memory");
        return NULL;
    }
    of(s)->owned = 1;
    return s;
}
