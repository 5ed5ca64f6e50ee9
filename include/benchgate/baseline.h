/*
 * baseline.h - committed baselines: ci/baselines/<machine-class>/<bench>.json.
 *
 * Ownership: callers own every buffer; nothing here keeps state.
 */
#ifndef BENCHGATE_BASELINE_H
#define BENCHGATE_BASELINE_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a result file says about itself. */
typedef struct bg_result_info {
    char machine_class[256]; /**< system.machine_class */
    char program[256];       /**< run.program, e.g. "bench_triad" */
    char measure[32];        /**< the first benchmark's measure: time, cpu or instructions */
    int benchmarks;          /**< number of benchmark instances */
    int failed;              /**< instances with status error */
    int skipped;             /**< instances with status skipped */
    int complete;            /**< the "complete" flag */
} bg_result_info;

/**
 * Reads the facts above from a result file.
 * @return BG_OK, or BG_EINPUT with the file and the problem in errbuf
 */
BG_API bg_err bg_result_info_read(const char *path, bg_result_info *info, char *errbuf,
                                  size_t errlen);

/**
 * The baseline file of `bench` for `machine_class` under `dir`.
 * @return BG_OK, or BG_EUSAGE when a name is unsafe (empty, '/', "..") or the path too long
 */
BG_API bg_err bg_baseline_path(const char *dir, const char *machine_class, const char *bench,
                               char *out, size_t size, char *errbuf, size_t errlen);

/**
 * Copies the validated result file to baseline_path: folders are created, the file is written
 * to a temporary name and renamed, so a crash leaves the old baseline or the new one.
 * @return BG_OK, BG_EINPUT (the result is not valid) or BG_EIO
 */
BG_API bg_err bg_baseline_store(const char *result_path, const char *baseline_path, char *errbuf,
                                size_t errlen);

/**
 * Like bg_baseline_store() for several separate runs of the same bench: the first result is
 * stored, and each speed metric gets "run_medians", the median of every run. The gate takes the
 * noise between processes and over time from their spread (docs/gates.md).
 * @return BG_OK, BG_EINPUT (a result is not valid) or BG_EIO
 */
BG_API bg_err bg_baseline_store_runs(const char *const *result_paths, size_t count,
                                     const char *baseline_path, char *errbuf, size_t errlen);

/**
 * Whether the result at run_path may become the baseline that replaces stored_path (NULL: none
 * is stored yet): only a measurement may (docs/gates.md, "What can become a baseline"). Refused
 * (BG_EINPUT, the run, the benchmark and the problem in errbuf): a file that is not a valid
 * result, an incomplete run, no benchmark, a benchmark in error, a benchmark or metric that is
 * skipped or in error where the stored baseline has it ok, and a benchmark of the stored
 * baseline that the run lacks. drop (NULL: none) is an extended regular expression: the
 * benchmarks it matches are left out of the new baseline and may be missing from the run;
 * each is named on report (NULL: not shown). A regression is not judged here (bg_compare).
 * @return BG_OK, BG_EINPUT (refused, or a file not valid) or BG_EUSAGE (drop not a regex)
 */
BG_API bg_err bg_baseline_check(const char *stored_path, const char *run_path, const char *drop,
                                FILE *report, char *errbuf, size_t errlen);

/**
 * bg_baseline_store_runs() that leaves out the benchmarks matching drop (an extended regular
 * expression; NULL keeps every one).
 * @return BG_OK, BG_EINPUT, BG_EUSAGE (drop not a regex) or BG_EIO
 */
BG_API bg_err bg_baseline_store_runs_drop(const char *const *result_paths, size_t count,
                                          const char *baseline_path, const char *drop, char *errbuf,
                                          size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_BASELINE_H */
