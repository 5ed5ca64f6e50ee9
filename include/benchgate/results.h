/*
 * results.h - reading and combining result files (used by the benchgate command).
 *
 * Ownership: a bg_merge owns everything it reads; bg_merge_free() releases it
 * (NULL is accepted). Error messages stay on the bg_merge that failed.
 */
#ifndef BENCHGATE_RESULTS_H
#define BENCHGATE_RESULTS_H

#include "benchgate/api.h"

#include <stddef.h>

#include "benchgate/errors.h"

/** The name of a run directory's result file, the one every reader and writer uses. */
#define BG_RESULT_FILE "result.json"

#ifdef __cplusplus
extern "C" {
#endif

/** Combines the run directories of several bench executables into one. */
typedef struct bg_merge bg_merge;

/** @return a new, empty merge, or NULL when out of memory. */
BG_API bg_merge *bg_merge_create(void);

/**
 * Adds the results in part_dir (result.json, result.csv, samples.csv).
 * @return BG_OK, or BG_EINPUT when a file is missing or not a valid
 *         benchgate.result/1 document (see bg_merge_error())
 */
BG_API bg_err bg_merge_add(bg_merge *m, const char *part_dir);

/**
 * Writes result.json, result.csv, samples.csv and summary.md into out_dir,
 * each to a temporary name first and then renamed.
 * @param run_id the merged run's id; command_line how it was started
 */
BG_API bg_err bg_merge_write(bg_merge *m, const char *out_dir, const char *run_id,
                             const char *command_line);

/**
 * Marks the merged run incomplete ("complete": false): a run that was interrupted before every
 * part ran. (A part that is itself incomplete makes the merge incomplete anyway.)
 */
BG_API void bg_merge_mark_incomplete(bg_merge *m);

/** The merged run's duration in seconds (run.duration_s): the whole run, not one part's. */
BG_API void bg_merge_set_duration(bg_merge *m, double seconds);

/**
 * Which shard of the suite the merged run is (run.shard of result.json): index of count, with
 * the fingerprint of the plan that split it (NULL: none). count 0 removes run.shard (a run merged
 * from all its shards is whole); not called: the first part's is kept.
 */
BG_API void bg_merge_set_shard(bg_merge *m, int index, int count, const char *plan);

/**
 * Merges the run directories of the N shards of one run (benchgate start --shard=K/N, or a bench
 * executable's --shard) into out_dir: result.json (without run.shard), result.csv, samples.csv,
 * summary.md, run.log and, for start runs, parts/<bench>/ merged from the shards' parts.
 * Refused, with nothing written: a directory that is no shard, shards of different splits, plans,
 * commits or machine classes, a shard given twice or a benchmark in two shards (overlap), a shard
 * missing (named), an out_dir that holds a run.
 * @param command_line how the merge was asked for (run.command_line)
 * @return BG_OK, BG_EINPUT when refused, BG_EIO when a file could not be written
 */
BG_API bg_err bg_shards_merge(char *const *dirs, int n, const char *out_dir,
                              const char *command_line, char *errbuf, size_t errlen);

/**
 * @param path a result.json, or a directory that holds one
 * @return 1 when it is a benchgate.result/1 document marked "complete": true, else 0
 */
BG_API int bg_result_is_complete(const char *path);

/** @return the number of benchmark instances added so far. */
BG_API int bg_merge_count(const bg_merge *m);

/** @return the message of the last error ("" when none). */
BG_API const char *bg_merge_error(const bg_merge *m);

/** Frees m and what it holds (accepts NULL). */
BG_API void bg_merge_free(bg_merge *m);

/**
 * How every result file this process reads from now on is taken: "auto" (the default: by its
 * content), "benchgate" (benchgate.result/1 only), "gbench" (Google Benchmark's JSON),
 * "nvbench" (nvbench's --json) or "hyperfine" (hyperfine's --export-json). A file of another
 * harness is read as a benchgate.result/1 document with run.source naming it (docs/results.md).
 * @return 0, or -1 when format is none of these (nothing changes)
 */
BG_API int bg_results_from(const char *format);

/**
 * Makes every result file this process reads faster to parse and to free: each document's
 * cJSON allocations come from one arena of large blocks, released with the document's last
 * piece. cJSON has one set of allocation hooks per process, so call this once, first thing in
 * main(), and only in a process where all memory cJSON hands out is released with cJSON_free
 * or cJSON_Delete (never free()). The benchgate command does; a bench executable need not.
 */
BG_API void bg_json_use_arenas(void);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_RESULTS_H */
