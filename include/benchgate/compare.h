/*
 * compare.h - comparing a run against a baseline: the gate's verdicts.
 *
 * Ownership: a bg_compare owns the rows it computed and the documents it read;
 * bg_compare_free() releases them (NULL is accepted). Row pointers stay valid
 * until then. Error messages stay on the bg_compare that failed.
 */
#ifndef BENCHGATE_COMPARE_H
#define BENCHGATE_COMPARE_H

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
    BG_VERDICT_SKIPPED       /**< skipped on both sides (e.g. a GPU instance without a GPU) */
} bg_verdict;

/** What to compare and how strictly. Zero-initialised means the defaults. */
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
    char benchmark[512];
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
bg_compare *bg_compare_create(const bg_compare_options *opt);

/**
 * Compares the result file `current_path` against `baseline_path`.
 * @return BG_OK, or BG_EINPUT when a file is missing or not a valid result, when the two
 *         were measured differently (time against instructions), or when their machine
 *         classes differ without allow_class_mismatch (the files are named in
 *         bg_compare_error())
 */
bg_err bg_compare_files(bg_compare *c, const char *baseline_path, const char *current_path);

/** @return the number of rows. */
size_t bg_compare_count(const bg_compare *c);

/** @return row i (i < bg_compare_count). */
const bg_comparison *bg_compare_row(const bg_compare *c, size_t i);

/** @return how many rows have verdict v. */
size_t bg_compare_tally(const bg_compare *c, bg_verdict v);

/** @return 1 on a regression (or an inconclusive verdict when fail_on_inconclusive), else 0. */
int bg_compare_exit_code(const bg_compare *c, int fail_on_inconclusive);

/** Prints the rows: format "table" (console), "md" (Markdown) or "json" (strict JSON). */
void bg_compare_print(const bg_compare *c, FILE *out, const char *format);

/** @return "pass", "improvement", "inconclusive", "regression", "new", "gone", "not compared",
 *  "skipped". */
const char *bg_verdict_name(bg_verdict v);

/** @return the message of the last error ("" when none). */
const char *bg_compare_error(const bg_compare *c);

/** Frees c (accepts NULL). */
void bg_compare_free(bg_compare *c);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_COMPARE_H */
