/* gate.h - the statistical verdict of one metric (verdict.c), comparing two results
 * (compare.c, compare_print.c) and the gate after a run (gate.c) (internal). */
#ifndef BENCHGATE_GATE_INTERNAL_H
#define BENCHGATE_GATE_INTERNAL_H

#include <stddef.h>

#include "benchgate/compare.h"
#include "measure/measure.h"

/** One side of a comparison. */
typedef struct bg__side {
    double median;      /**< pooled median over all samples */
    double se_within;   /**< relative standard error of the median within the run (fraction) */
    const double *reps; /**< per-repetition medians */
    size_t k;           /**< number of repetitions */
} bg__side;

/** How to judge. */
typedef struct bg__judge_params {
    double threshold;  /**< fraction, e.g. 0.05 */
    double floor;      /**< extra relative uncertainty (fraction), e.g. drift over time */
    double pooled_sd;  /**< machine-wide sd of log repetition medians, < 0 when unknown */
    double pooled_dof; /**< its degrees of freedom */
    int comparisons;   /**< how many metrics are judged at once (Bonferroni) */
    double alpha;      /**< family-wise false-alarm rate */
    int need_reps;     /**< 1: between-run noise must be measured (time), 0: counts */
    int higher_is_better;
    double run_sd;  /**< sd of log medians across the baseline's separate runs, < 0 none */
    double run_dof; /**< its degrees of freedom (pooled over benchmarks) */
    int run_k;      /**< how many runs the baseline holds for this metric */
    double drift;   /**< the machine's own speed change (log, canaries), added to the interval */
} bg__judge_params;

/** The outcome. change/lo/hi are fractions, positive = worse. */
typedef struct bg__judgement {
    bg_verdict verdict;
    double change, lo, hi;
    double noise; /**< 1-sigma relative uncertainty of the log ratio */
    char note[200];
} bg__judgement;

/** Judges current against baseline (see docs/gates.md for the rule). */
void bg__judge(const bg__side *base, const bg__side *cur, const bg__judge_params *p,
               bg__judgement *out);

/**
 * The three-way rule on a log change d with the interval d +- hw and the threshold thr (logs):
 * regression, improvement, pass or inconclusive (docs/gates.md). Sets out->verdict only.
 */
void bg__decide(bg__judgement *out, double d, double hw, double thr);

/** The verdict on a deterministic value (accuracy, memory, a custom metric). */
typedef struct bg__value_verdict {
    bg_verdict verdict;
    double change; /**< current - baseline: points for accuracy, else percent of the baseline */
    char note[64];
} bg__value_verdict;

/**
 * The rule for deterministic values: the change in the metric's own direction against the
 * threshold (points for accuracy, percent otherwise); memory must also move by 2 MiB.
 * @param points_scale 100 for an accuracy given as a ratio (0..1), else 1
 * @param higher_is_better the metric's direction (accuracy is always higher-is-better)
 */
void bg__judge_value(bg__metric_kind kind, double base, double cur, double threshold,
                     int higher_is_better, double points_scale, bg__value_verdict *out);

/** @return the default threshold of a metric kind (percent; points for accuracy). */
double bg__default_threshold(bg__metric_kind kind);

/** @return x with P(Z <= x) = p for the standard normal (0 < p < 1). */
double bg__z_quantile(double p);

/** @return x with P(T <= x) = p for Student's t with dof degrees of freedom (0.5 <= p < 1). */
double bg__t_quantile(double p, double dof);

/** @return the sample standard deviation of ln(v[i]) (about the CV for small spreads), or -1. */
double bg__log_sd(const double *v, size_t k);

/* compare.c */
struct bg_compare;
/** Compares two parsed result documents (for fuzzing; bg_compare_files reads files). */
void bg__compare_documents(struct bg_compare *c, const struct cJSON *base, const struct cJSON *cur);
/** A new zeroed row of c named bench/metric (ab.c fills its own); NULL when out of memory. */
struct bg_comparison *bg__compare_add_row(struct bg_compare *c, const char *bench,
                                          const char *metric);

/* complexity_gate.c */
struct bg_compare_options;
/** Rows "complexity" of the families fitted in both documents: a worse class regresses. */
void bg__compare_complexity(struct bg_compare *c, const struct bg_compare_options *opt,
                            const struct cJSON *base, const struct cJSON *cur);

/* outcome.c */
struct cJSON;
/** The exit code of outcome under the policy a gate.json records (fail_on_inconclusive,
 *  fail_on_no_baseline): what `verdicts` and a resumed `start` take from a bench's gate.json. */
int bg__gate_policy_exit(const struct cJSON *gate, bg_outcome outcome);

/* gate.c */
/** Writes the comparison into dir as verdict.json and verdict.md, each atomically; a file that
 *  cannot be written is a warning of who ("bench_x: warning: ..."). */
void bg__write_verdict_files(const char *dir, const bg_compare *cmp, const char *who);
/** Compares the written results with the baseline (--baseline); @return the run's exit code. */
int bg__gate(bg__run *run, int run_code);

/* baseline_check.c */
/** Removes the benchmarks of a result document whose names drop matches (an extended regex;
 *  NULL or "" removes none). @return BG_OK, or BG_EUSAGE when drop is not a regex */
bg_err bg__baseline_drop(struct cJSON *doc, const char *drop, bg__error *err);

#endif /* BENCHGATE_GATE_INTERNAL_H */
