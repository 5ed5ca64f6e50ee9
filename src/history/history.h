/* history.h - the run history database shared by history.c (schema, migrations, recording) and
 * history_report.c (reports) (internal). */
#ifndef BENCHGATE_HISTORY_INTERNAL_H
#define BENCHGATE_HISTORY_INTERNAL_H

#include <sqlite3.h>

#include "common/common.h"

/** The schema version written by this library; migration i brings version i - 1 to i. */
#define BG__HISTORY_VERSION 3

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

/** Applies the migrations from the database's user_version up to target, each in a transaction. */
bg_err bg__history_migrate(sqlite3 *db, int target, const char *path, bg__error *err);

/** Closes db (accepts NULL). */
void bg__history_close(sqlite3 *db);

#endif /* BENCHGATE_HISTORY_INTERNAL_H */
