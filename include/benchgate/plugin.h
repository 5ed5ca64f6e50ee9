/*
 * plugin.h - the ABI of metric plugins: shared objects that compute extra metrics from a
 * benchmark's samples (`--plugin=FILE.so`, repeatable; docs/integrations.md).
 *
 * A plugin exports one C function, BG_PLUGIN_ENTRY_SYMBOL ("bg_plugin_entry"), that returns a
 * pointer to a static bg_plugin_v1 whose abi_version is BG_PLUGIN_ABI_VERSION. The runner calls
 * compute() once per benchmark instance after it was measured, in a child process of its own:
 * a plugin that crashes, hangs, scribbles on its input or fails to load only gives its metrics
 * the status "error" with a message; the benchmark's other figures never change.
 *
 * Ownership: everything in bg_plugin_input belongs to the runner and is valid during the call
 * only; samples is the plugin's own copy. Results go into the caller's out array. A plugin
 * includes this header only: it never links against the benchgate library.
 */
#ifndef BENCHGATE_PLUGIN_H
#define BENCHGATE_PLUGIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI this header describes; a plugin built for another version is refused. */
#define BG_PLUGIN_ABI_VERSION 1

/** The name of the function a plugin exports. */
#define BG_PLUGIN_ENTRY_SYMBOL "bg_plugin_entry"

/** The most metrics one compute() call may return. */
#define BG_PLUGIN_MAX_METRICS 8

/** Which direction of a metric is better (as bg_better of benchgate.h). */
typedef enum bg_plugin_better {
    BG_PLUGIN_LOWER_IS_BETTER = 0,
    BG_PLUGIN_HIGHER_IS_BETTER = 1,
    BG_PLUGIN_NO_DIRECTION = 2
} bg_plugin_better;

/** One metric a plugin computed. */
typedef struct bg_plugin_metric {
    char name[64]; /**< [a-z0-9_], not a built-in metric's name ("tail_ratio_p99_p50") */
    char unit[32]; /**< "ns", "ratio", ... */
    double value;  /**< must be finite; NaN or infinity makes the metric an error */
    int better;    /**< a bg_plugin_better */
} bg_plugin_metric;

/** What compute() receives: one benchmark instance and its samples. */
typedef struct bg_plugin_input {
    const char *benchmark; /**< "triad/cpu/n=1024" */
    const char *family;    /**< "triad" */
    const char *device;    /**< "cpu" or "cuda" */
    const char *metric;    /**< which figure samples holds: "time_ns", "cpu_time_ns" or
                                "instructions" (the run's --measure) */
    const char *unit;      /**< its unit: "ns" or "count" */
    const double *samples; /**< per-iteration value of every sample, all repetitions */
    size_t n;              /**< how many (at least 1) */
    unsigned repetitions;  /**< repetitions measured */
} bg_plugin_input;

/** A plugin: its identity and its compute function (ABI version 1). */
typedef struct bg_plugin_v1 {
    int abi_version;                 /**< BG_PLUGIN_ABI_VERSION */
    const char *name;                /**< short name for messages ("tail_ratio") */
    const char *version;             /**< the plugin's own version ("1.0") */
    const char *const *metric_names; /**< the metrics it computes, NULL-terminated (for
                                          messages when compute() fails) */
    /**
     * Computes metrics from in->samples.
     * @param out    room for max metrics (max is BG_PLUGIN_MAX_METRICS)
     * @param errbuf receives why it failed (errlen bytes)
     * @return the number of metrics written to out (0..max), or -1 on error
     */
    int (*compute)(const bg_plugin_input *in, bg_plugin_metric *out, size_t max, char *errbuf,
                   size_t errlen);
} bg_plugin_v1;

/** The signature of the exported function. */
typedef const bg_plugin_v1 *(*bg_plugin_entry_fn)(void);

/** Declares the exported entry point: BG_PLUGIN_EXPORT const bg_plugin_v1 *bg_plugin_entry(void).
 */
#define BG_PLUGIN_EXPORT __attribute__((visibility("default")))

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_PLUGIN_H */
