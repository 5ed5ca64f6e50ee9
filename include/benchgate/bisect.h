/*
 * bisect.h - the first commit that made a benchmark slower (benchgate bisect): each probe is a
 * git worktree of one commit, configured with the settings of an existing build, its matching
 * bench targets built and run; a binary search between a good and a bad revision finds the
 * first commit whose change against the good one crosses a threshold in the regression's
 * direction. A commit that does not configure, build or run is skipped, as `git bisect skip`
 * does. And the check of one build for `git bisect run` (exit 0 good, 1 bad, 125 skip).
 *
 * Ownership: a bg_bisect from bg_bisect_run() is the caller's (bg_bisect_free()). Strings in
 * the options are borrowed for the call. Error messages go to errbuf (errlen its size; errbuf
 * may be NULL).
 */
#ifndef BENCHGATE_BISECT_H
#define BENCHGATE_BISECT_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a bisection looks for, and where. */
typedef struct bg_bisect_options {
    const char *good;              /**< a revision without the regression */
    const char *bad;               /**< a later revision with it */
    const char *bench;             /**< a POSIX extended regex over the bench names (manifest) */
    const char *build_dir;         /**< the build whose settings every probe is configured with */
    const char *source;            /**< the git repository; NULL: the one of build_dir's sources */
    int time_mode;                 /**< 0: instruction counts, one run a probe; 1: A/B timings */
    double threshold_pct;          /**< > 0: a commit is bad at this change; 0: half of good->bad */
    double ab_budget_s;            /**< time mode: seconds of A/B runs a probe (0: 30) */
    int keep;                      /**< 1: keep the worktrees and build folders */
    const char *const *cmake_args; /**< more arguments for cmake's configure, or NULL */
    size_t ncmake_args;
    FILE *progress; /**< a line per step (NULL: none) */
} bg_bisect_options;

/** The answer of a bisection. */
typedef struct bg_bisect bg_bisect;

/**
 * Bisects. Bad input (a revision git does not know, good equal to bad or not its ancestor, no
 * bench matching, a source that is not a git repository, no change between good and bad) is
 * BG_EUSAGE; good or bad that does not build or run is BG_ERUNTIME. Worktrees and build
 * folders are removed unless keep, whatever the outcome.
 * @param out receives the answer on BG_OK (free it)
 */
BG_API bg_err bg_bisect_run(const bg_bisect_options *o, bg_bisect **out, char *errbuf,
                            size_t errlen);

/** Prints the answer as "table" (console) or "json" (benchgate.bisect/1). */
BG_API void bg_bisect_print(const bg_bisect *b, FILE *out, const char *format);

/** Frees b (accepts NULL). */
BG_API void bg_bisect_free(bg_bisect *b);

/** The exit codes of bg_bisect_check(), git bisect run's convention. */
enum bg_bisect_check_code { BG_BISECT_GOOD = 0, BG_BISECT_BAD = 1, BG_BISECT_SKIP = 125 };

/** One check of the build in build_dir for `git bisect run`. */
typedef struct bg_bisect_check_options {
    const char *build_dir; /**< the build of the checked-out commit (rebuilt first) */
    const char *baseline;  /**< a result.json of the good commit (instruction mode) */
    const char *bench;     /**< a POSIX extended regex over the bench names */
    double threshold_pct;  /**< bad at this change (percent, > 0) */
    FILE *progress;        /**< what it does and finds (NULL: nothing) */
} bg_bisect_check_options;

/**
 * Builds the matching bench targets of build_dir, runs them in instruction mode and compares
 * each benchmark the baseline has.
 * @return BG_BISECT_GOOD, BG_BISECT_BAD, BG_BISECT_SKIP (did not build or run), or -1 for bad
 *         input (message in errbuf)
 */
BG_API int bg_bisect_check(const bg_bisect_check_options *o, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_BISECT_H */
