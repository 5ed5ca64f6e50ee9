/*
 * history.h - the run history: every run of `benchgate start` recorded in a SQLite database
 * (default results/history.sqlite) or a PostgreSQL database shared by a team (a location
 * postgresql://..., postgres://... or a libpq keyword string "host=... dbname=..."), with
 * tables runs, benchmarks, metrics and samples, and reports over it: the runs, and the trend
 * of each benchmark over the last runs; CI artifacts imported, the history exported.
 *
 * The schema has a version (the schema_version table, on SQLite also PRAGMA user_version);
 * opening an older database applies the missing migrations, each in a transaction. A run is
 * recorded in one transaction (SQLite in WAL mode), so a process killed while recording leaves
 * the database as it was before. A PostgreSQL location with a password in it is refused: the
 * password comes from libpq's own sources (PGPASSFILE, PGPASSWORD, a service file).
 *
 * Ownership: text returned in *out_text belongs to the caller (bg_text_free() of report.h).
 * Error messages go to errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_HISTORY_H
#define BENCHGATE_HISTORY_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The formats of bg_history_list() and bg_history_summary(). */
#define BG_HISTORY_FORMATS "table, csv, json"

/** @return the schema version this library writes (PRAGMA user_version). */
BG_API int bg_history_schema_version(void);

/**
 * Checks a history location before anything runs: a PostgreSQL location with a password in it
 * (or one this build cannot open: built without libpq) is refused, saying where a password
 * goes. A file is checked when it is opened. @return BG_OK; BG_EUSAGE with the reason
 */
BG_API bg_err bg_history_check_location(const char *location, char *errbuf, size_t errlen);

/**
 * Records a run directory (its result.json and, when present, samples.csv) in the database at
 * db_path, which is created (with its folder) and migrated as needed. A run recorded before
 * under the same run id is replaced, so a resumed run is recorded once.
 * @return BG_OK; BG_EINPUT for a missing or invalid result; BG_EIO for a database error
 */
BG_API bg_err bg_history_record(const char *db_path, const char *run_dir, char *errbuf,
                                size_t errlen);

/**
 * Imports into the history at db_path (created as needed) run directories, result.json files,
 * exported histories (.jsonl) and .zip / .tar.gz archives of run directories (CI artifacts).
 * Each result is checked first and stored in one transaction; a run already stored is skipped.
 * @param out_text  one line per run ("run X: imported", "run X: already in the store,
 *                  skipped") and a total; problems: one line per refused file (may be empty);
 *                  both the caller's (bg_text_free())
 * @return BG_OK; BG_EINPUT when a file was refused (the others imported); BG_EIO for a
 *         database error; errbuf the summary
 */
BG_API bg_err bg_history_import(const char *db_path, char *const *paths, int count, char **out_text,
                                char **problems, char *errbuf, size_t errlen);

/** The formats of bg_history_export(). */
#define BG_HISTORY_EXPORT_FORMATS "jsonl"

/**
 * Writes every run of the history, oldest first, to out: one JSON document a line
 * (benchgate.history-export/1: the run's row, its benchmarks with their metrics and samples),
 * which bg_history_import() reads back into another store, SQLite or PostgreSQL.
 * @return BG_OK; BG_EUSAGE for a bad format; BG_EINPUT for a missing history; BG_EIO
 */
BG_API bg_err bg_history_export(const char *db_path, const char *format, FILE *out, char *errbuf,
                                size_t errlen);

/**
 * Lists the last runs, newest first: run id, time, machine class, git commit, benchmarks
 * (ok / all) and whether the run is complete.
 * @param last how many runs (0: all); format one of BG_HISTORY_FORMATS
 * @return BG_OK; BG_EUSAGE for a bad format; BG_EINPUT when db_path is missing or not a
 *         benchgate history database; BG_ENOMEM
 */
BG_API bg_err bg_history_list(const char *db_path, int last, const char *format, char **out_text,
                              char *errbuf, size_t errlen);

/**
 * The trend of each benchmark over the last runs: for its primary metric (time_ns, or
 * instructions / cpu_time_ns as measured) the runs where it was ok, the first and latest run
 * median, the change between them, the median, minimum and maximum of the run medians, their
 * CV, and a sparkline; JSON adds every run's value.
 * @param last     how many of the newest runs (0: all)
 * @param filter   a POSIX extended regex over benchmark names, or NULL
 * @param format   one of BG_HISTORY_FORMATS
 * @return BG_OK; BG_EUSAGE for a bad format or regex; BG_EINPUT for a missing database
 */
BG_API bg_err bg_history_summary(const char *db_path, int last, const char *filter,
                                 const char *format, char **out_text, char *errbuf, size_t errlen);

/**
 * The wall time (result.json's seconds) of each benchmark when it last ran, from the newest 50
 * runs of the history: what benchgate start --shard balances its shards by.
 * @param db_path       the history (a SQLite file or a PostgreSQL location); it must exist
 * @param machine_class only runs of this machine class; NULL or "": of any
 * @param out_text      receives "NAME<TAB>SECONDS" lines, one a benchmark (bg_text_free())
 * @return BG_OK; BG_EINPUT when there is no such history, BG_EIO on a database error
 */
BG_API bg_err bg_history_last_seconds(const char *db_path, const char *machine_class,
                                      char **out_text, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_HISTORY_H */
