/* metrics.h - the metrics of one instance, derived once for every writer (internal). */
#ifndef BENCHGATE_METRICS_H
#define BENCHGATE_METRICS_H

#include "internal.h"

#define BG__MAX_REPS_OUT 64

/** One metric as written: statistics, or a single value, with its status. */
typedef struct bg__metric_out {
    char name[64];
    const char *status; /**< "ok", "skipped" or "error" */
    char unit[32];
    const char *better; /**< "lower", "higher" or "none" */
    int has_stats;      /**< 1: st is filled */
    bg__summary st;
    double rep_medians[BG__MAX_REPS_OUT]; /**< per-repetition medians (with stats) */
    size_t rep_count;
    int has_value; /**< 1: value is filled */
    double value;
    int has_tolerance; /**< 1: a correctness check */
    double tolerance;
    char message[512];        /**< why skipped or failed */
    const char *ceiling_name; /**< roofline shares: the profile ceiling used, else NULL */
    double ceiling_value;     /**< its value (B/s or FLOP/s) */
    const char *level;        /**< the memory level the working set fits in ("L2", "DRAM") */
    double working_set;       /**< bytes that placed it there */
} bg__metric_out;

#define BG__MAX_METRICS_OUT (BG__MAX_METRICS + 16)

/** Marks m as not available: no value, `status` ("skipped" or "error") and the reason. */
void bg__metric_unavailable(bg__metric_out *m, const char *status, const char *why);

/* roofline.c */
/** pct_of_peak_bandwidth: `rate` (bytes_per_second) against the ceiling of the level the
 *  instance's working set fits in. */
void bg__roofline_bandwidth(const bg__run *run, const bg__instance *in, bg__metric_out *m,
                            const bg__metric_out *rate);
/** pct_of_peak_flops: `rate` (flops_per_second) against the peak arithmetic rate. */
void bg__roofline_flops(const bg__run *run, const bg__instance *in, bg__metric_out *m,
                        const bg__metric_out *rate);

/* quality.c */
#define BG__WARNING_LEN 256
/** The warnings about in's time figures (noise target missed, high CV, many outliers), from
 *  its samples. @return how many were written to out (at most max) */
size_t bg__quality_warnings(const bg__instance *in, char (*out)[BG__WARNING_LEN], size_t max);
/** Logs those warnings of every instance of the run (stderr and run.log). */
void bg__report_quality(bg__run *run);

/**
 * Derives the metrics of `in`. The bootstrap seed depends on the run's seed and
 * the instance name, so the output is reproducible.
 * @return the number of metrics written to out
 */
size_t bg__instance_metrics(const bg__run *run, const bg__instance *in, bg__metric_out *out);

/** @return "ok", "skipped" or "error". */
const char *bg__status_name(bg__status status);

/**
 * The noise of an instance's median across repetitions: the coefficient of
 * variation (percent) of the per-repetition medians; < 0 with fewer than 2.
 */
double bg__between_rep_noise_pct(const bg__instance *in);

#endif /* BENCHGATE_METRICS_H */
