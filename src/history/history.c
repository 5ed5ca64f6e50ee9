/* history.c - the run history's SQLite file: opened in WAL mode with foreign keys on and a
 * busy timeout, then migrated (store.c), so that a process killed while recording leaves the
 * database as it was and many processes can record into one file at once. */
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

/* Applies the migrations from the database's version up to target, each in a transaction. */
static bg_err history_migrate(sqlite3 *db, int target, const char *path, bg__error *err) {
    bg__store *s = bg__store_sqlite_wrap(db, path);
    BG_RETURN_IF(s == NULL, err, BG_ENOMEM, "out of memory");
    bg_err rc = bg__store_migrate(s, target, err);
    bg__store_close(s);
    return rc;
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
        history_migrate(db, target_version, path, err) != BG_OK) {
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
