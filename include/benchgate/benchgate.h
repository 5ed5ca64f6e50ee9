/*
 * benchgate.h - the public API for writing benchmarks.
 *
 * A benchmark is a function that receives a bg_state, sets up its inputs
 * once, and runs the code under test inside BG_LOOP(s). The harness decides
 * how many iterations and samples to run (warm-up, then samples until the
 * median is precise enough or the time budget is spent), records every
 * sample, and writes strict JSON/CSV results.
 *
 * Ownership: the harness owns every bg_state and every block returned by
 * bg_alloc(); both live until the benchmark function returns (or leaves via
 * bg_skip()/bg_fail()). Strings passed in are copied.
 */
#ifndef BENCHGATE_BENCHGATE_H
#define BENCHGATE_BENCHGATE_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdint.h>

#include "benchgate/version.h"
#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__cplusplus)
#define BG_NORETURN [[noreturn]]
#else
#define BG_NORETURN _Noreturn
#endif

/** Opaque per-instance state handed to a benchmark function. */
typedef struct bg_state bg_state;

/** A benchmark function. */
typedef void (*bg_bench_fn)(bg_state *s);

/** Which direction of a metric is an improvement. */
typedef enum bg_better {
    BG_LOWER_IS_BETTER = 0,  /**< times, errors, memory */
    BG_HIGHER_IS_BETTER = 1, /**< throughput, accuracy */
    BG_NEITHER = 2           /**< informational only; never gated */
} bg_better;

/**
 * A benchmark definition; filled by BG_BENCHMARK with designated initialisers.
 * Every field but name and fn is optional.
 */
typedef struct bg_benchmark_def {
    const char *name;    /**< family name, e.g. "triad" */
    bg_bench_fn fn;      /**< the benchmark function */
    const char *axes;    /**< "n=1,2,4;mode=a,b": the instances are the cartesian product */
    const char *device;  /**< "cpu" (default) or "cuda"; an axis named device overrides it */
    const char *dataset; /**< name of a dataset the benchmark reads, or NULL */
    int manual_time;     /**< 1: sample time is the sum of bg_set_iteration_time() calls */
    int gpu_only;        /**< 1: skipped with "no GPU: ..." when no GPU is present */
    const char *file;    /**< set by BG_BENCHMARK: the source file that registers it */
    int line;            /**< set by BG_BENCHMARK: the line of the BG_BENCHMARK */
    /** "1,2,4,8": run the function on that many threads at once, one instance per count (an
     *  axis named threads, which an axis of that name in .axes may give instead) */
    const char *threads;
    /** "auto", "1", "logn", "n", "nlogn", "n2" or "n3": fit the family's time against the N
     *  of bg_set_complexity_n (as Google Benchmark's ->Complexity()); NULL: no fit */
    const char *complexity;
} bg_benchmark_def;

/**
 * Registers a benchmark definition (called by BG_BENCHMARK at load time).
 * @param def a definition with static storage duration
 */
BG_API void bg_register(const bg_benchmark_def *def);

#define BG__BENCHMARK(fn_, ...)                                                                    \
    static const bg_benchmark_def bg__def_##fn_ = {                                                \
        .name = #fn_, .fn = fn_, .file = __FILE__, .line = __LINE__, __VA_ARGS__};                 \
    __attribute__((constructor)) static void bg__register_##fn_(void) {                            \
        bg_register(&bg__def_##fn_);                                                               \
    }

/**
 * Registers fn as a benchmark family: BG_BENCHMARK(triad, .axes = "n=1024,65536").
 */
#define BG_BENCHMARK(...) BG__BENCHMARK(__VA_ARGS__, )

/**
 * The measured loop. The body runs a counted number of times per sample with
 * no function call per iteration; the harness is called once per sample.
 * Do not `break` or `return` out of it (the sample would be lost: that is
 * reported as an error).
 */
#define BG_LOOP(s)                                                                                 \
    for (uint64_t bg__iters = 0; bg__next_sample((s), &bg__iters);)                                \
        for (; bg__iters > 0; --bg__iters)

/** Internal: ends the current sample and starts the next; returns 0 when done. */
BG_API int bg__next_sample(bg_state *s, uint64_t *iters);

/** Keeps the value pointed to (and everything reachable) from being optimised away. */
static inline void bg_do_not_optimize(const void *p) {
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

/** Forces the compiler to assume all memory was read and written. */
static inline void bg_clobber_memory(void) {
    __asm__ __volatile__("" : : : "memory");
}

/* ---- parameters ---------------------------------------------------------- */

/**
 * @return the integer value of axis `name` for this instance; an unknown axis
 *         or a non-integer value fails the benchmark (exit 3).
 */
BG_API int64_t bg_axis_int(bg_state *s, const char *name);

/** @return the string value of axis `name`; an unknown axis fails the benchmark. */
BG_API const char *bg_axis_str(bg_state *s, const char *name);

/** @return the device this instance runs on: "cpu" or "cuda". */
BG_API const char *bg_device(const bg_state *s);

/** @return what this run measures: "time", "cpu" or "instructions" (--measure). */
BG_API const char *bg_measure(const bg_state *s);

/** @return the run's seed (--seed), for reproducible inputs. */
BG_API uint64_t bg_seed(const bg_state *s);

/**
 * @return the resolved path of a file of the benchmark's dataset, relative to
 *         the dataset root (BENCH_DATASET_PATH or the built-in default).
 */
BG_API const char *bg_dataset_file(bg_state *s, const char *relpath);

/* ---- memory -------------------------------------------------------------- */

/**
 * Allocates `bytes` of 64-byte-aligned, zeroed memory owned by the harness and
 * freed after the benchmark. The layout is the same in every process: each block
 * starts on its own page plus a fixed offset (a multiple of 64) that staggers the
 * blocks of a benchmark, so timings do not depend on the heap's history. On failure the benchmark
 * ends with status error "out of memory: asked N MiB, free M MiB" (it does not return).
 */
BG_API void *bg_alloc(bg_state *s, size_t bytes);

/* ---- what one iteration does --------------------------------------------- */

/** Bytes moved per iteration: gives bytes_per_second and % of memory ceiling. */
BG_API void bg_set_bytes_per_iter(bg_state *s, double bytes);

/** The bytes the benchmark's loop works on, which place it on the roofline (the cache level it
 *  fits in). Default: what bg_alloc gave, else the bytes per iteration. */
BG_API void bg_set_working_set(bg_state *s, double bytes);

/** Floating-point operations per iteration: gives flops_per_second. */
BG_API void bg_set_flops_per_iter(bg_state *s, double flops);

/** Items (samples, elements) per iteration: gives items_per_second. */
BG_API void bg_set_items_per_iter(bg_state *s, double items);

/* ---- threads -------------------------------------------------------------- */

/** @return this thread's index, 0 .. bg_thread_count(s)-1, in a threaded benchmark (.threads);
 *  0 in a benchmark on one thread. Thread 0 measures; every thread runs BG_LOOP's iterations. */
BG_API int bg_thread_index(const bg_state *s);

/** @return how many threads run the benchmark function at once (the instance's threads). */
BG_API int bg_thread_count(const bg_state *s);

/* ---- complexity ----------------------------------------------------------- */

/**
 * The N of this instance for the family's complexity fit (.complexity): after the family
 * ran, its time per iteration is fitted against N (as Google Benchmark's SetComplexityN).
 */
BG_API void bg_set_complexity_n(bg_state *s, int64_t n);

/* ---- timing control ------------------------------------------------------- */

/** Stops the clock inside BG_LOOP (for per-iteration setup that must not count). */
BG_API void bg_pause_timing(bg_state *s);

/** Restarts the clock after bg_pause_timing(). */
BG_API void bg_resume_timing(bg_state *s);

/**
 * Manual timing (def.manual_time = 1): adds the measured duration of one
 * iteration, e.g. from CUDA events. The sample's time is the sum.
 */
BG_API void bg_set_iteration_time(bg_state *s, double seconds);

/* ---- results -------------------------------------------------------------- */

/**
 * Records a custom metric for this instance (last value wins).
 * @param unit a short unit string ("ratio", "MiB", "count", ...)
 */
BG_API void bg_report_metric(bg_state *s, const char *name, const char *unit, double value,
                             bg_better better);

/** How a counter's value is turned into its figure (Google Benchmark's Counter::Flags); or'ed. */
typedef enum bg_counter_flags {
    BG_COUNTER_DEFAULT = 0,             /**< the value as reported (summed over threads) */
    BG_COUNTER_RATE = 1,                /**< kIsRate: divided by the loop's seconds */
    BG_COUNTER_AVG_THREADS = 2,         /**< kAvgThreads: divided by the thread count */
    BG_COUNTER_ITERATION_INVARIANT = 4, /**< kIsIterationInvariant: times the iterations */
    BG_COUNTER_AVG_ITERATIONS = 8,      /**< kAvgIterations: divided by the iterations */
    BG_COUNTER_1024 = 16                /**< kIs1024: shown with base 1024 (Ki, Mi, Gi) */
} bg_counter_flags;

/**
 * Records a counter with Google Benchmark's meanings: each thread's value is added up for the
 * call, then the flags apply with the call's loop totals (the iterations of every thread and
 * the wall seconds of every sample, calibration included: what a counter counted in BG_LOOP).
 * @param flags BG_COUNTER_* or'ed; the unit is "count", "count/s" with BG_COUNTER_RATE
 */
BG_API void bg_report_counter(bg_state *s, const char *name, double value, unsigned flags,
                              bg_better better);

/**
 * Records a correctness error (e.g. max absolute error against a reference).
 * An error above `tolerance`, or one that is not finite, marks the instance
 * failed ("wrong result") after it finishes; the run exits 3.
 */
BG_API void bg_report_error(bg_state *s, const char *name, double error, double tolerance);

/** @return a monotonic clock in nanoseconds, for timing single iterations (latencies). */
BG_API uint64_t bg_clock_ns(void);

/**
 * Reports the distribution of values[0..n) (e.g. per-batch latencies) as the metrics
 * NAME_p50, NAME_p95, NAME_p99 and NAME_mean. Nothing is reported when n == 0.
 */
BG_API void bg_report_distribution(bg_state *s, const char *name, const char *unit,
                                   const double *values, size_t n, bg_better better);

/** Ends the benchmark as skipped (exit 77 when nothing else ran). Does not return. */
BG_API BG_NORETURN void bg_skip(bg_state *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Ends the benchmark as failed (the run exits 3). Does not return. */
BG_API BG_NORETURN void bg_fail(bg_state *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- the default main ----------------------------------------------------- */

/**
 * Parses the run flags, runs the registered benchmarks, writes the results.
 * @return the process exit code (see bg_exit_code)
 */
BG_API int bg_main(int argc, char **argv);

/** Defines main() as bg_main(); or link benchgate::main instead. */
#define BG_MAIN()                                                                                  \
    int main(int argc, char **argv) {                                                              \
        return bg_main(argc, argv);                                                                \
    }

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_BENCHGATE_H */
