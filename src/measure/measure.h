/* measure.h - the runner's data model (instances, samples, the run, the per-call state) and
 * the modules that measure: registry, instances, BG_LOOP, the runner, metrics, canaries,
 * callgrind, metric plugins (internal). */
#ifndef BENCHGATE_MEASURE_INTERNAL_H
#define BENCHGATE_MEASURE_INTERNAL_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "benchgate/benchgate.h"
#include "common/common.h"
#include "config/config.h"
#include "system/system.h"

#define BG__MAX_PARAMS 8
#define BG__MAX_METRICS 32

typedef enum bg__status { BG__STATUS_OK, BG__STATUS_SKIPPED, BG__STATUS_ERROR } bg__status;

/** One axis value of an instance. */
typedef struct bg__param {
    char name[64];
    char value[128];
} bg__param;

/** A metric reported by the benchmark itself (custom or correctness). */
typedef struct bg__user_metric {
    char name[64];
    char unit[32];
    double value;
    bg_better better;
    int is_check;           /**< 1: a correctness error with a tolerance */
    double tolerance;       /**< for checks */
    int plugin;             /**< 1: computed by a metric plugin (plugin_host.c) */
    char message[384];      /**< set: the metric failed with this message (status "error") */
    int counter;            /**< 1: bg_report_counter (counters.c) */
    unsigned counter_flags; /**< its BG_COUNTER_* */
    double counter_raw;     /**< the threads' values of this call, added up */
    uint32_t counter_call;  /**< the repetition + 1 that counter_raw is of */
    int skipped;            /**< 1: with message, not measured here (status "skipped") */
} bg__user_metric;

/** One sample: per-iteration figures averaged over `iterations` iterations. */
typedef struct bg__sample {
    uint32_t repetition;
    uint64_t iterations;
    double time_ns;      /**< wall (or manual) time per iteration */
    double cpu_ns;       /**< process CPU time per iteration */
    double instructions; /**< retired instructions per iteration (instruction mode) */
    double est_cycles;   /**< estimated cycles per iteration (callgrind's cache simulation) */
} bg__sample;

/** One instance of a family: a point of its axes on one device. */
typedef struct bg__instance {
    const bg_benchmark_def *def;
    const bg__config *cfg;       /**< the family's effective settings (owned by the run) */
    char name[BG__NAME_MAX + 1]; /**< family/device/axis=value/..., checked: bg__name_problem */
    char device[16];
    bg__param params[BG__MAX_PARAMS];
    int param_count;
    bg__status status;
    char message[512]; /**< why skipped or failed */
    bg__sample *samples;
    size_t sample_count, sample_cap;
    bg__user_metric metrics[BG__MAX_METRICS];
    int metric_count;
    /** --counters: each sample's figures per iteration of the wanted counters (in the table's
     *  order, counter_width of them, NAN where not read), parallel to samples (perf_events.c) */
    double *counter_values;
    size_t counter_cap; /**< the samples counter_values has room for */
    int counter_width;
    double bytes_per_iter, flops_per_iter, items_per_iter;
    double working_set_bytes;   /**< bg_set_working_set; 0: bg_alloc's bytes, else bytes_per_iter */
    double peak_rss_mb;         /**< the benchmark's resident growth, largest; < 0 unknown */
    double process_peak_rss_mb; /**< the whole process's resident peak while it ran; < 0 unknown */
    double alloc_mb;            /**< bytes through bg_alloc in one call, largest (MiB) */
    char rss_unknown[96];       /**< why peak_rss_mb is unknown, when it is */
    int noise_met;              /**< repetitions whose noise target was met */
    int reps_done;
    double seconds;       /**< wall time spent, all repetitions */
    char reused_from[64]; /**< run id of the cached result reused (--reuse), "" when measured */
    struct bg__stats_memo *stats; /**< statistics of its samples kept (stats_memo.c), or NULL */
    int threads;         /**< threads that run the function at once (.threads, axis threads) */
    double complexity_n; /**< bg_set_complexity_n; 0: not set */
} bg__instance;

/** A file of a dataset the run used and verified: one entry of result.json "datasets". */
typedef struct bg__dataset_use {
    char name[72];
    long version;
    char sha256[65];
    char path[1040]; /**< relative to the dataset root */
} bg__dataset_use;

/** The machine's speed, three ways (canary.c), at up to BG__CANARY_POINTS moments of a run. */
#define BG__CANARY_KINDS 3
#define BG__CANARY_POINTS 16
typedef struct bg__canary {
    double ns[BG__CANARY_KINDS][BG__CANARY_POINTS]; /**< compute, vector, memory */
    int points;
    float *vector;  /**< the L1-resident array of the vector canary */
    double *memory; /**< the 8 MiB array of the memory canary */
} bg__canary;

struct bg__run;
/**
 * What happens around a run's slots, installed by longrun/ when it opens the run (the lock,
 * the checkpoint and result cache, pause and signals, the progress line, the rotating run.log),
 * so that the runner calls it without depending on it; NULL: a plain run.
 */
typedef struct bg__run_hooks {
    void (*log)(struct bg__run *run, const char *line); /**< one line to stderr and run.log */
    bg_err (*begin)(struct bg__run *run, size_t slots_total, bg__error *err);
    int (*slot_done)(const struct bg__run *run, size_t inst, uint32_t rep); /**< 1: skip it */
    int (*before_slot)(struct bg__run *run, const char *next);              /**< 1: stop the run */
    void (*after_slot)(struct bg__run *run, size_t inst, uint32_t rep);
    void (*end)(struct bg__run *run);
    int (*interrupted)(const struct bg__run *run); /**< the signal that stopped it, or 0 */
    /** Between two samples: 1 to stop; *paused_ns the time a pause took. */
    int (*poll)(struct bg__run *run, const char *where, double *paused_ns);
} bg__run_hooks;

/** A run of one bench executable. */
typedef struct bg__run {
    bg__settings settings;
    bg__config *family_cfgs; /**< one per registered family, in registration order */
    bg__instance *inst;
    size_t inst_count;
    char run_id[64];
    char timestamp[32]; /**< ISO 8601 UTC */
    char command_line[4096];
    char out_dir[BG__PATH_MAX];
    char program[256];
    FILE *log;                 /**< run.log, or NULL */
    bg__profile profile;       /**< the machine profile: ceilings and caches */
    bg__canary canary;         /**< the machine's speed over the run (time mode) */
    double started;            /**< monotonic seconds */
    bg__dataset_use *datasets; /**< files verified before measuring (dataset_run.c) */
    size_t dataset_count;
    struct bg__longrun *lr;     /**< lock, log, pause, checkpoint, cache (longrun.h), or NULL */
    const bg__run_hooks *hooks; /**< longrun's, while lr is open; NULL: none */
} bg__run;

/**
 * A device clock for samples (CUDA events): before() runs outside the timed region (the L2
 * flush of cold mode), start() and stop_ns() bracket the sample on the device. Installed by
 * bg_cuda_begin(); the core never includes CUDA headers.
 */
typedef struct bg__device_timer {
    void (*before)(void *ctx);
    void (*start)(void *ctx);
    double (*stop_ns)(void *ctx);
    void (*release)(void *ctx, bg_state *s);
    int one_iteration; /**< 1: each sample is one iteration (cold mode) */
    /** After a sample, outside the clock: 1 when the device was throttled during it (the
     *  sample is dropped; it has waited for the clocks to recover); NULL: never. */
    int (*throttled)(void *ctx);
} bg__device_timer;

/** Per-call state of a benchmark function (the public bg_state). */
struct bg_state {
    bg__instance *inst;
    bg__run *run;
    uint32_t repetition;
    jmp_buf exit_jump;
    void **allocs;
    size_t *alloc_sizes; /**< the mapped length of each block */
    size_t alloc_count, alloc_cap;
    double alloc_bytes;    /**< what the benchmark asked of bg_alloc in this call */
    int phase;             /**< bg__phase */
    uint64_t iters;        /**< iterations per sample in the current phase */
    double t0_ns, cpu0_ns; /**< start of the current sample */
    double paused_ns, paused_cpu_ns, pause_t0, pause_cpu0;
    int paused;
    double manual_ns;   /**< manual time accumulated in this sample */
    double phase_t0_ns; /**< start of warm-up or of sampling */
    double target_ns;   /**< aim for one sample */
    double *rep_values; /**< this repetition's primary values (noise check) */
    size_t rep_count, rep_cap;
    int perf_fd;                           /**< instruction counter, or -1 */
    int counter_fd[BG__COUNTER_COUNT];     /**< --counters, open for this call, or -1 */
    double counter_now[BG__COUNTER_COUNT]; /**< the last sample's figures, by slot (NAN: none) */
    int callgrind;                         /**< 1: counting under callgrind */
    double instr0;
    char path_buf[BG__PATH_MAX];
    const bg__device_timer *dev; /**< device clock, or NULL */
    void *dev_ctx;
    int interrupted;       /**< 1: a signal ended this call between samples (longrun.h) */
    int discard_next;      /**< 1: the next sample follows a pause and is not recorded */
    struct bg__team *team; /**< the threads of a threaded instance (threads.c), or NULL */
    int thread_index;      /**< 0 .. threads-1; 0 leads the team */
    int lock_depth;        /**< how deep this thread holds the team's lock */
    double loop_iters;     /**< iterations of every thread in every sample so far (counters.c) */
    double loop_ns;        /**< the wall time of those samples */
};

/** Records a metric without ever leaving the function (for release paths); drops it if full. */
void bg__record_metric(bg__instance *in, const char *name, const char *unit, double value,
                       bg_better better);

/** Installs a device clock for the samples of this call (released with the state). */
void bg__set_device_timer(bg_state *s, const bg__device_timer *timer, void *ctx);
/** @return the run settings of this instance. */
const bg__config *bg__state_config(const bg_state *s);

/* registry.c */
const bg_benchmark_def *const *bg__registered(size_t *count);

/* instances.c */

bg_err bg__expand_instances(bg__run *run, bg__error *err);

/* measure.c */

/** An axis value as bg_axis_int reads it (suffixes K, M, G, T). @return 0, or -1 when it is
 *  not a non-negative integer that fits */
int bg__parse_axis_int(const char *text, int64_t *out);

/* metrics.c */

/** @return 1 when `name` is a metric the harness computes itself; the rest are custom. */
int bg__is_builtin_metric(const char *name);

/** How a metric is gated: by its name (docs/gates.md, "what is gated"). */
typedef enum bg__metric_kind {
    BG__METRIC_SPEED,    /**< time_ns, cpu_time_ns: noisy, judged with intervals */
    BG__METRIC_COUNT,    /**< instructions, estimated_cycles: deterministic counts */
    BG__METRIC_ACCURACY, /**< accuracy*: changes in percentage points */
    BG__METRIC_MEMORY,   /**< peak_rss_mb, peak_vram_mb: percent, beyond a 2 MiB floor */
    BG__METRIC_OTHER     /**< the other built-ins, and custom metrics (percent, own direction) */
} bg__metric_kind;

/** @return the kind of the metric called name. */
bg__metric_kind bg__metric_kind_of(const char *name);

/* callgrind.c */
int bg__callgrind_active(void);
void bg__callgrind_start(void);
/** Stops collecting (first thing after the loop). */
void bg__callgrind_pause(void);
/** Switches callgrind's instrumentation on (at a benchmark's BG_LOOP) or off (after it): what
 *  a benchmark sets up before its loop runs at valgrind's uninstrumented speed. Counts are
 *  collected only inside samples either way; not used with --cache-sim, whose simulated caches
 *  must see every access. */
void bg__callgrind_instrument(int on);
/** Dumps the sample and reads its instruction count back (after the clocks were read), and
 *  into *cycles the estimated cycles when the caches were simulated (else 0). */
double bg__callgrind_read(double *cycles);
/** Runs this program again under valgrind --tool=callgrind (--cache-sim=yes with cache_sim;
 * keep_dir: each sample's dump kept there, cg.out.N, else none survives);
 *  @return its exit code. */
int bg__callgrind_rerun(int argc, char **argv, int cache_sim, const char *keep_dir);

/* measure.c */
void bg__state_init(bg_state *s, bg__run *run, bg__instance *inst, uint32_t rep);
void bg__state_release(bg_state *s);
BG_NORETURN void bg__end_instance(bg_state *s, bg__status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* perf_events.c: the counters of --counters, opened by the call's first thread before it
 * starts the others (they inherit them), enabled for each sample, read after it. */
/** Opens the instance's counters; one that cannot be opened is a skipped metric, with why. */
void bg__perf_open(bg_state *s);
void bg__perf_enable(bg_state *s);
void bg__perf_disable(bg_state *s);
/** Reads the sample's counts (n iterations of all threads) into s->counter_now, per iteration. */
void bg__perf_read(bg_state *s, double n);
/** Closes the counters. */
void bg__perf_close(bg_state *s);
/** The number of counters the instance's configuration asks for (its counter_width). */
int bg__perf_width(const bg__instance *in);
/** Keeps s->counter_now as the figures of the sample just recorded (index in->sample_count - 1).
 *  @return 0, -1 out of memory */
int bg__perf_keep(bg_state *s);

/* threads.c */
/** The family's axes with its .threads as an axis named threads; buf holds the joined text.
 *  @return def->axes, or buf */
const char *bg__family_axes(const bg_benchmark_def *def, char *buf, size_t size);
/** Reads each instance's thread count from its axis threads: 1 to BG__MAX_THREADS. */
bg_err bg__instances_threads(bg__run *run, bg__error *err);
/** Calls the benchmark function of s's instance, on its thread count: on this thread alone,
 *  or on threads started for this call that meet at a barrier around every sample. */
void bg__call_function(bg_state *s);
/** BG_LOOP of a threaded instance: thread 0 measures and decides; the others follow. */
int bg__team_next_sample(bg_state *s, uint64_t *iters);
/** The threads' paused wall time (their mean) and paused CPU time (their sum) of this sample,
 *  and their manual time (the mean), replacing s's own; resets them. */
void bg__team_sample_offsets(bg_state *s, double *paused_ns, double *paused_cpu_ns,
                             double *manual_ns);
/** How many threads share the iterations of a sample (1 without a team). */
int bg__team_size(const bg_state *s);
/** Serialises what threads of one instance write into it (metrics, the message). */
void bg__team_lock(bg_state *s);
void bg__team_unlock(bg_state *s);
/** Releases the lock however deep s holds it (before leaving the function). */
void bg__team_unlock_all(bg_state *s);
#define BG__MAX_THREADS 1024

/* measure.c */
/** The existing step of BG_LOOP: ends the running sample and decides what follows, without
 *  starting the next. @return 0 when sampling is done */
int bg__sample_step(bg_state *s);
/** The start of BG_LOOP: calibration begins (iterations 1). */
void bg__loop_start(bg_state *s);
/** Starts the clocks of the next sample. */
void bg__sample_begin(bg_state *s);
/** 1 once BG_LOOP has ended normally. */
int bg__loop_done(const bg_state *s);
/** A thread other than 0 follows thread 0's decision: sampling, or done. */
void bg__loop_follow(bg_state *s, int done);
/** 1 while BG_LOOP has not started. */
int bg__loop_unstarted(const bg_state *s);

/* complexity.c */
/** The complexity classes, in order of growth; AUTO: the best fit of them. */
enum {
    BG__BIG_O_1,
    BG__BIG_O_LOGN,
    BG__BIG_O_N,
    BG__BIG_O_NLOGN,
    BG__BIG_O_N2,
    BG__BIG_O_N3,
    BG__BIG_O_COUNT,
    BG__BIG_O_AUTO = BG__BIG_O_COUNT
};
/** A family's fit of its time against N. */
typedef struct bg__fit {
    char family[128];
    int big_o;          /**< BG__BIG_O_* */
    double coefficient; /**< time = coefficient * g(N), in the metric's unit */
    double rms_pct;     /**< RMS of the residuals, percent of the mean time */
    size_t points;      /**< instances fitted */
    const char *metric; /**< the figure fitted: time_ns, cpu_time_ns or instructions */
} bg__fit;
/** @return the class of .complexity's word ("n2"), BG__BIG_O_AUTO for "auto", or -1. */
int bg__big_o_parse(const char *word);
/** @return the name of a class: "O(N^2)". */
const char *bg__big_o_name(int big_o);
/** @return the class of a fit's name ("O(N^2)"), or -1: what the gate orders. */
int bg__big_o_rank(const char *fit);
/** Least squares of t = c * g(n) for one class. @return 0, or -1 with fewer than 2 points */
int bg__fit_curve(const double *n, const double *t, size_t count, int big_o, bg__fit *out);
/** The fit of `wanted`, or with BG__BIG_O_AUTO the class of the lowest RMS. @return 0 or -1 */
int bg__fit_best(const double *n, const double *t, size_t count, int wanted, bg__fit *out);
/** The fits of every family with .complexity and two or more instances measured with an N.
 *  @return how many were written to out (at most max) */
size_t bg__complexity_fits(const bg__run *run, bg__fit *out, size_t max);
/** A .complexity that is not a known word is a usage error naming the family. */
bg_err bg__check_complexity_defs(bg__error *err);

/* counters.c */
/** The counters reported in this call, their flags applied with its loop totals (after it). */
void bg__counters_finish(bg_state *s);
/** The metric slot of name for s's instance (measure.c), new when absent; ends the instance
 *  when they are full. The team's lock is held by the caller. */
bg__user_metric *bg__metric_slot(bg_state *s, const char *name);

/* runner.c */
int bg__run_all(bg__run *run);
void bg__log(bg__run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* canary.c */
/** Measures the three canaries once more (a point of the run). */
void bg__canary_take(bg__canary *c);
/** Frees the canaries' arrays. */
void bg__canary_release(bg__canary *c);

/* ---- the metrics of one instance, derived once for every writer (metrics.c) ---- */

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
    int is_counter;           /**< 1: a bg_report_counter, with counter_flags */
    unsigned counter_flags;
} bg__metric_out;

#define BG__MAX_METRICS_OUT (BG__MAX_METRICS + 16 + BG__COUNTER_COUNT)

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

/* stats_memo.c: the statistics of an instance's samples, computed once */
/** Computes the statistics of every figure of in's samples and keeps them in in->stats, so that
 *  bg__instance_metrics (each writer calls it) reads them instead of bootstrapping again. */
void bg__stats_keep(const bg__run *run, bg__instance *in);
/** The kept statistics of one sample field (offsetof in bg__sample), when they are of in's
 *  samples as they are now. @return 1 when m's stats and repetition medians were filled */
int bg__stats_kept(const bg__instance *in, size_t field, bg__metric_out *m);
/** Computes them (the bootstrap of bg__summarize), into m; @return 1 when m has stats */
int bg__stats_compute(const bg__run *run, const bg__instance *in, size_t field, bg__metric_out *m);
/** The same over values[i], one per sample of in (NAN ones left out). @return 1 with stats */
int bg__stats_of_values(const bg__run *run, const bg__instance *in, const double *values,
                        bg__metric_out *m);
/** bg__stats_of_values of counter id's figures, kept in in->stats the first time and read from
 *  there while in's samples and counters' figures stay as they were (each writer asks).
 *  @return 1 when m has stats */
int bg__stats_counter(const bg__run *run, const bg__instance *in, int id, const double *values,
                      bg__metric_out *m);
/** Adds the statistics of each counter the instance has figures of, as metrics perf_NAME
 *  (median, CI, per-repetition medians, as the time: perf_events.c). @return how many */
size_t bg__perf_metrics(const bg__run *run, const bg__instance *in, bg__metric_out *out);
/** Frees in->stats. */
void bg__stats_free(bg__instance *in);

/**
 * The noise of an instance's median across repetitions: the coefficient of
 * variation (percent) of the per-repetition medians; < 0 with fewer than 2.
 */
double bg__between_rep_noise_pct(const bg__instance *in);

/* ---- metric plugins (plugin_host.c) ---- */

struct bg__run;

/**
 * Runs every plugin of --plugin on every measured instance (status ok, samples taken), each
 * call in a child process with a time limit, and records the metrics they return; a plugin
 * that fails gives its metrics the status "error" with the reason. Never changes samples,
 * statuses or other metrics.
 */
void bg__plugins_apply(struct bg__run *run);

#endif /* BENCHGATE_MEASURE_INTERNAL_H */
