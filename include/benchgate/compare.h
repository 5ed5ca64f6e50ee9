/*
 * compare.h - comparing a run against a baseline: the gate's verdicts.
 *
 * Ownership: a bg_compare owns the rows it computed and the documents it read;
 * bg_compare_free() releases them (NULL is accepted). Row pointers stay valid
 * until then. Error messages stay on the bg_compare that failed.
 */
#ifndef BENCHGATE_COMPARE_H
#define BENCHGATE_COMPARE_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The verdict on one metric of one benchmark. */
typedef enum bg_verdict {
    BG_VERDICT_PASS,         /**< no change beyond the threshold */
    BG_VERDICT_IMPROVEMENT,  /**< better beyond the threshold, significantly */
    BG_VERDICT_INCONCLUSIVE, /**< the noise is too large to tell a threshold-sized change */
    BG_VERDICT_REGRESSION,   /**< worse beyond the threshold, significantly */
    BG_VERDICT_NEW,          /**< in the current run only */
    BG_VERDICT_GONE,         /**< in the baseline only */
    BG_VERDICT_NOT_COMPARED, /**< missing, skipped or failed on one side only */
    BG_VERDICT_SKIPPED,      /**< skipped on both sides (e.g. a GPU instance without a GPU) */
    BG_VERDICT_ERROR         /**< failed in the current run (wrong result, kernel error, out of
                                  memory, crash): the instance's message is the row's note */
} bg_verdict;

/** How many verdicts there are (a bound for arrays indexed by bg_verdict). */
#define BG_VERDICT_COUNT (BG_VERDICT_ERROR + 1)

/**
 * The outcome of a gate, a bench test or a set of them: the worst of its parts, in this order
 * (higher is worse). One rule for every gate: compare, the bench's gate, ab and verdicts.
 */
typedef enum bg_outcome {
    BG_OUTCOME_PASS,         /**< everything the baseline holds was compared; none worse */
    BG_OUTCOME_SKIPPED,      /**< nothing ran (e.g. every instance needs a GPU and none is here) */
    BG_OUTCOME_NOT_GATED,    /**< something was not compared: no baseline, new, gone, unmeasured */
    BG_OUTCOME_INCONCLUSIVE, /**< too noisy to tell a threshold-sized change */
    BG_OUTCOME_REGRESSION,   /**< worse beyond the threshold, significantly */
    BG_OUTCOME_ERROR         /**< a benchmark failed, crashed, or left no verdict */
} bg_outcome;

/** How many outcomes there are. */
#define BG_OUTCOME_COUNT (BG_OUTCOME_ERROR + 1)

/** @return "pass", "skipped", "not gated", "inconclusive", "regression" or "error". */
BG_API const char *bg_outcome_name(bg_outcome o);

/** Reads an outcome's name. @return 0, or -1 when name is none of bg_outcome_name()'s. */
BG_API int bg_outcome_parse(const char *name, bg_outcome *out);

/** @return the outcome a row with verdict v gives on its own (improvement: pass; new, gone
 *  and not compared: not gated; skipped: skipped; error: error). */
BG_API bg_outcome bg_verdict_outcome(bg_verdict v);

/** @return the worst of a and b. */
BG_API bg_outcome bg_outcome_worst(bg_outcome a, bg_outcome b);

/**
 * The exit code of an outcome (docs/gates.md): pass 0; regression 1; error 3; inconclusive,
 * not gated and skipped 77 (CTest "Skipped"), except inconclusive with fail_on_inconclusive and
 * not gated with fail_on_no_baseline, which are 1.
 */
BG_API int bg_outcome_exit_code(bg_outcome o, int fail_on_inconclusive, int fail_on_no_baseline);

/**
 * The exit code a bench executable's finished run in run_dir ended with, read back (benchgate
 * start --resume folds in the parts it does not run again): its gate.json's outcome under the
 * policy recorded there, else from result.json: 3 when an instance failed, 77 when every
 * instance was skipped (or none ran), else 0.
 * @return that code, or -1 when run_dir holds no readable result
 */
BG_API int bg_run_exit_code(const char *run_dir);

/** What to compare and how strictly. Zero-initialised means the defaults. */
/** The bounds of a speed threshold (percent) and of alpha, the same for the bench executables'
 *  --threshold and bench.yaml thresholds:, and every verb of the benchgate command. */
#define BG_THRESHOLD_MAX_PCT 1000
#define BG_ALPHA_MIN 1e-9
#define BG_ALPHA_MAX 0.5

typedef struct bg_compare_options {
    double threshold_pct;     /**< > 0: overrides every speed threshold (percent) */
    const char *metric;       /**< NULL: the gated metrics; else only this metric */
    int ignore_device;        /**< 1: match "fam/cpu/x" with "fam/cuda/x" (cross-device checks) */
    double alpha;             /**< family-wise false-alarm rate; 0 means 0.01 */
    double noise_floor_pct;   /**< extra relative uncertainty for drift over time; 0 = none */
    int allow_class_mismatch; /**< 1: compare results of different machine classes */
} bg_compare_options;

/** One compared metric. */
typedef struct bg_comparison {
    char benchmark[1032]; /**< a name is at most 1,024 bytes (docs/hardening.md) */
    char metric[64];
    char unit[32];
    double baseline;  /**< baseline median (or value) */
    double current;   /**< current median (or value) */
    double change;    /**< percent for speed and memory (+ is worse); points for accuracy */
    double change_lo; /**< confidence interval of change (same unit) */
    double change_hi;
    double noise_pct; /**< estimated relative noise of the comparison (1 sigma), percent */
    double threshold; /**< percent, or points for accuracy */
    bg_verdict verdict;
    char note[256]; /**< why (inconclusive, not compared, ...) */
} bg_comparison;

typedef struct bg_compare bg_compare;

/** @return a comparison with these options (NULL: defaults), or NULL when out of memory. */
BG_API bg_compare *bg_compare_create(const bg_compare_options *opt);

/**
 * Compares the result file `current_path` against `baseline_path`.
 * @return BG_OK, or BG_EINPUT when a file is missing or not a valid result, when the two
 *         were measured differently (time against instructions), or when their machine
 *         classes differ without allow_class_mismatch (the files are named in
 *         bg_compare_error())
 */
BG_API bg_err bg_compare_files(bg_compare *c, const char *baseline_path, const char *current_path);

/** @return the number of rows. */
BG_API size_t bg_compare_count(const bg_compare *c);

/** @return row i (i < bg_compare_count). */
BG_API const bg_comparison *bg_compare_row(const bg_compare *c, size_t i);

/** @return how many rows have verdict v. */
BG_API size_t bg_compare_tally(const bg_compare *c, bg_verdict v);

/**
 * The outcome of a comparison: the worst of its rows, where rows skipped on both sides count
 * only when every row is (skipped), and a comparison without rows (two empty results) is not
 * gated: nothing was compared.
 */
BG_API bg_outcome bg_compare_outcome(const bg_compare *c);

/** @return bg_outcome_exit_code(bg_compare_outcome(c), fail_on_inconclusive, 0). */
BG_API int bg_compare_exit_code(const bg_compare *c, int fail_on_inconclusive);

/** How many pass rows bg_compare_print() shows before it sums them up in one line. */
#define BG_COMPARE_PASS_ROWS 30

/**
 * Prints the rows: format "table" (console), "md" (Markdown) or "json" (strict JSON). The
 * table and Markdown show what needs a look first (regressions, inconclusive, improvements,
 * not compared, new, gone, skipped), then the passes, each group in the comparison's order;
 * values with their units ("118.6 us"). More than BG_COMPARE_PASS_ROWS passes are summed up in
 * one line instead of listed. JSON holds every row, in the comparison's order.
 */
BG_API void bg_compare_print(const bg_compare *c, FILE *out, const char *format);

/** bg_compare_print(), listing up to pass_rows passes ((size_t)-1: all of them). */
BG_API void bg_compare_print_rows(const bg_compare *c, FILE *out, const char *format,
                                  size_t pass_rows);

/** @return "pass", "improvement", "inconclusive", "regression", "new", "gone", "not compared",
 *  "skipped", "error". */
BG_API const char *bg_verdict_name(bg_verdict v);

/** @return the message of the last error ("" when none). */
BG_API const char *bg_compare_error(const bg_compare *c);

/** Frees c (accepts NULL). */
BG_API void bg_compare_free(bg_compare *c);

/* ---- A/B: paired runs of two builds on one machine (benchgate ab) ------------------------- */

/** Paired measurements of a base and a head build, and their verdicts. */
typedef struct bg_ab bg_ab;

/** How many looks at the pairs an A/B comparison may take; its intervals are widened for all
 *  of them (Bonferroni), so stopping at the first decisive look keeps the false-alarm rate. */
#define BG_AB_LOOKS 8

/** @return the number of pairs at look k (1..BG_AB_LOOKS): 4, 6, 9, 14, 21, 32, 48, 72. */
BG_API size_t bg_ab_look_pairs(int k);

/** @return an A/B comparison; opt's threshold_pct (default 2, and 0.5 for instruction counts)
 *  and alpha (default 0.01) apply, NULL for the defaults. NULL when out of memory. */
BG_API bg_ab *bg_ab_create(const bg_compare_options *opt);

/**
 * Records one side of pair `pair` (head 0: the base build, 1: the head build) from a result
 * file, read strictly and checked against the schema. The side added first in a pair is the
 * one that ran first.
 * @return BG_OK; BG_EINPUT for a missing or invalid file (named in bg_ab_error())
 */
BG_API bg_err bg_ab_add(bg_ab *ab, size_t pair, int head, const char *result_path);

/**
 * Records both sides of pair `pair` that ran at the same time, one on each CPU (a duet):
 * bg_ab_add of the base's result, then of the head's; ab.json says "first": "both".
 * @return as bg_ab_add
 */
BG_API bg_err bg_ab_add_duet(bg_ab *ab, size_t pair, const char *base_result,
                             const char *head_result);

/**
 * Judges the pairs so far: per benchmark, the mean log ratio head/base over the pairs, its
 * Student-t interval at alpha / (2 * benchmarks * BG_AB_LOOKS), and the three-way rule of
 * compare. A benchmark is decided when it regressed or improved, or when its interval lies
 * within +-threshold. With final 0 the verdict of an undecided benchmark is provisional.
 * @param out receives the comparison (bg_compare_print, bg_compare_tally; free it)
 * @return how many benchmarks are undecided, or -1 when out of memory
 */
BG_API long bg_ab_judge(const bg_ab *ab, int final, bg_compare **out);

/** Writes DIR/ab.json (every pair's figures, schema benchgate.ab/1) and the comparison as
 *  DIR/verdict.json and DIR/verdict.md, each atomically. @return BG_OK or BG_EIO */
BG_API bg_err bg_ab_write(const bg_ab *ab, const bg_compare *cmp, const char *dir);

/** @return the message of the last error ("" when none). */
BG_API const char *bg_ab_error(const bg_ab *ab);

/** Frees ab (accepts NULL). */
BG_API void bg_ab_free(bg_ab *ab);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_COMPARE_H */
