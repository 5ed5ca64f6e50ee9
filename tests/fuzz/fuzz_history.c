/* fuzz_history.c - the run history database (SQLite) as `benchgate history` and
 * `benchgate summary --db` read it: bg_history_list and bg_history_summary on a hostile file.
 *
 * An input that starts with the SQLite header ("SQLite format 3") is the database file itself
 * (a corrupt or crafted file). Any other input is rows planted in a fresh history of the
 * current schema, one per line, fields separated by '|':
 *   r|...  b|...  m|...  s|...   a row of runs, benchmarks, metrics or samples (INSERT OR
 *                                REPLACE, every column given): "~" is NULL, "#12" an integer,
 *                                "%1.5" a real, anything else text
 *   v|N                          PRAGMA user_version = N (an old or a newer schema)
 *   f|REGEX                      the summary's --filter
 * SQL is never taken from the input (no ATTACH, no VACUUM INTO: nothing is written outside the
 * private temporary folder). The database is one small file, so a run stays fast. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "fuzz_util.h"
#include "history/history.h"
#include "common/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FIELDS 24

static char db_path[512], wal_path[520], shm_path[520];
static uint8_t *schema_db; /* a new, empty history of the current schema */
static size_t schema_len;

static void release(void) {
    free(schema_db);
}

static void setup(void) {
    const char *dir = bg_fuzz_tmpdir("history");
    snprintf(db_path, sizeof db_path, "%s/history.db", dir);
    snprintf(wal_path, sizeof wal_path, "%s-wal", db_path);
    snprintf(shm_path, sizeof shm_path, "%s-shm", db_path);
    bg__error err = {0};
    sqlite3 *db = bg__history_open(db_path, 1, BG__HISTORY_VERSION, &err);
    if (db == NULL)
        abort();
    bg__history_close(db); /* the last connection: the WAL goes into the file */
    FILE *f = fopen(db_path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0)
        abort();
    long n = ftell(f);
    rewind(f);
    schema_db = malloc(n > 0 ? (size_t)n : 1);
    if (n <= 0 || schema_db == NULL || fread(schema_db, 1, (size_t)n, f) != (size_t)n)
        abort();
    fclose(f);
    schema_len = (size_t)n;
    atexit(release);
}

static void bind_field(sqlite3_stmt *st, int i, const char *v) {
    if (strcmp(v, "~") == 0)
        sqlite3_bind_null(st, i);
    else if (v[0] == '#')
        sqlite3_bind_int64(st, i, strtoll(v + 1, NULL, 10));
    else if (v[0] == '%')
        sqlite3_bind_double(st, i, strtod(v + 1, NULL));
    else
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* Plants one line's row. */
static void plant(sqlite3 *db, char *line, char *filter, size_t filter_size) {
    char *f[MAX_FIELDS + 1];
    int n = 0;
    for (char *p = line; p && n <= MAX_FIELDS;) {
        f[n++] = p;
        p = strchr(p, '|');
        if (p)
            *p++ = '\0';
    }
    if (n < 2 || strlen(f[0]) != 1)
        return;
    const char *table = f[0][0] == 'r'   ? "runs"
                        : f[0][0] == 'b' ? "benchmarks"
                        : f[0][0] == 'm' ? "metrics"
                        : f[0][0] == 's' ? "samples"
                                         : NULL;
    char sql[256];
    if (f[0][0] == 'v') {
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", atoi(f[1]));
        sqlite3_exec(db, sql, NULL, NULL, NULL);
        return;
    }
    if (f[0][0] == 'f') {
        snprintf(filter, filter_size, "%s", f[1]);
        return;
    }
    if (table == NULL)
        return;
    int k = snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO %s VALUES (?", table);
    for (int i = 2; i < n; i++)
        k += snprintf(sql + k, sizeof sql - (size_t)k, ",?");
    snprintf(sql + k, sizeof sql - (size_t)k, ")");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        for (int i = 1; i < n; i++)
            bind_field(st, i, f[i]);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
}

/* A fresh history with the input's rows. @return 0, or -1 */
static int build(const uint8_t *data, size_t size, char *filter, size_t filter_size) {
    if (bg_fuzz_write(db_path, schema_db, schema_len) != 0)
        return -1;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL);
    char *text = bg_fuzz_text(data, size);
    for (char *save = NULL, *line = text ? strtok_r(text, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save))
        plant(db, line, filter, filter_size);
    free(text);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const formats[] = {"table", "csv", "json", "md"};
    if (schema_db == NULL)
        setup();
    char filter[256] = "";
    int raw = size >= 16 && memcmp(data, "SQLite format 3", 16) == 0;
    if (raw ? bg_fuzz_write(db_path, data, size) != 0 : build(data, size, filter, sizeof filter))
        return 0;
    char err[1024] = "", *text = NULL;
    bg_err rc =
        bg_history_list(db_path, (int)(size % 3), formats[size % 3], &text, err, sizeof err);
    if (rc != BG_OK && err[0] == '\0')
        abort(); /* every failure names the problem */
    bg_text_free(text);
    text = NULL, err[0] = '\0';
    rc = bg_history_summary(db_path, (int)(size % 5), filter, formats[size % 4], &text, err,
                            sizeof err);
    if (rc != BG_OK && err[0] == '\0')
        abort();
    bg_text_free(text);
    unlink(db_path);
    unlink(wal_path);
    unlink(shm_path);
    return 0;
}
