/* metrics.c - derives the metrics of an instance from its samples and reports. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"

const char *bg__status_name(bg__status status) {
    return status == BG__STATUS_OK ? "ok" : status == BG__STATUS_SKIPPED ? "skipped" : "error";
}

static uint64_t name_hash(const char *name) {
    return bg__fnv1a_text(BG__FNV1A_SEED, name);
}

static bg__metric_out *begin(bg__metric_out *m, const char *name, const char *unit,
                             const char *better) {
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    snprintf(m->unit, sizeof m->unit, "%s", unit);
    m->better = better;
    m->status = "ok";
    return m;
}

void bg__metric_unavailable(bg__metric_out *m, const char *status, const char *why) {
    m->status = status;
    m->has_stats = m->has_value = 0;
    snprintf(m->message, sizeof m->message, "%s", why);
}

/* The median within each repetition of values[i] (of sample i; repetitions from 0). */
static void repetition_medians(const bg__instance *in, const double *values, bg__metric_out *m) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    m->rep_count = 0;
    for (uint32_t r = 0; v && r < BG__MAX_REPS_OUT; r++) {
        size_t k = 0;
        for (size_t i = 0; i < in->sample_count; i++)
            if (in->samples[i].repetition == r && isfinite(values[i]))
                v[k++] = values[i];
        if (k == 0)
            break;
        bg__sort_doubles(v, k);
        m->rep_medians[m->rep_count++] = bg__quantile_sorted(v, k, 0.5);
    }
    free(v);
}

int bg__stats_of_values(const bg__run *run, const bg__instance *in, const double *values,
                        bg__metric_out *m) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    if (v == NULL) {
        bg__metric_unavailable(m, "error", "out of memory computing statistics");
        return 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < in->sample_count; i++)
        if (isfinite(values[i]))
            v[n++] = values[i];
    repetition_medians(in, values, m);
    uint64_t seed = run->settings.global.seed ^ name_hash(in->name) ^ name_hash(m->name);
    int ok = bg__summarize(v, n, seed, &m->st) == 0;
    if (ok)
        m->has_stats = 1;
    else
        bg__metric_unavailable(m, "error", "no finite samples");
    free(v);
    return ok;
}

int bg__stats_compute(const bg__run *run, const bg__instance *in, size_t field, bg__metric_out *m) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    if (v == NULL) {
        bg__metric_unavailable(m, "error", "out of memory computing statistics");
        return 0;
    }
    int finite = 1;
    for (size_t i = 0; i < in->sample_count; i++) {
        memcpy(&v[i], (const char *)&in->samples[i] + field, sizeof(double));
        finite &= isfinite(v[i]) != 0;
    }
    int ok = finite ? bg__stats_of_values(run, in, v, m) : 0;
    if (!finite)
        bg__metric_unavailable(m, "error", "no finite samples");
    free(v);
    return ok;
}

/* Statistics over one field of every sample (offset of a double in bg__sample): those kept with
 * the instance (stats_memo.c) when they are of its samples as they are, else computed. */
static void stats_metric(const bg__run *run, const bg__instance *in, bg__metric_out *m,
                         size_t field) {
    if (!bg__stats_kept(in, field, m))
        (void)bg__stats_compute(run, in, field, m);
}

static void rate_metric(bg__metric_out *m, double per_iter, double median_ns, const char *setter) {
    if (per_iter <= 0) {
        char why[160];
        snprintf(why, sizeof why, "not declared by the benchmark (%s)", setter);
        bg__metric_unavailable(m, "skipped", why);
        return;
    }
    if (!(median_ns > 0)) {
        bg__metric_unavailable(m, "error", "no positive time to divide by");
        return;
    }
    m->has_value = 1;
    m->value = per_iter / (median_ns * 1e-9);
}

#define UNDER_CALLGRIND                                                                            \
    "not measured: instructions were counted under callgrind, which runs ~50x slower (use "        \
    "--measure=time)"

/* The metrics the harness computes itself; everything else a benchmark reports is custom. */
static const char *const builtin_metrics[] = {
    "time_ns",          "cpu_time_ns",         "instructions",          "bytes_per_second",
    "flops_per_second", "items_per_second",    "pct_of_peak_bandwidth", "pct_of_peak_flops",
    "peak_rss_mb",      "process_peak_rss_mb", "bg_alloc_mb",           "peak_vram_mb",
    "sm_clock_mhz",     "throttled_samples",   "estimated_cycles",      NULL};

int bg__is_builtin_metric(const char *name) {
    for (const char *const *p = builtin_metrics; *p; p++)
        if (strcmp(name, *p) == 0)
            return 1;
    return 0;
}

bg__metric_kind bg__metric_kind_of(const char *name) {
    if (strcmp(name, "time_ns") == 0 || strcmp(name, "cpu_time_ns") == 0)
        return BG__METRIC_SPEED;
    if (strcmp(name, "instructions") == 0 || strcmp(name, "estimated_cycles") == 0)
        return BG__METRIC_COUNT;
    if (strncmp(name, "accuracy", 8) == 0)
        return BG__METRIC_ACCURACY;
    if (strcmp(name, "peak_rss_mb") == 0 || strcmp(name, "peak_vram_mb") == 0)
        return BG__METRIC_MEMORY;
    return BG__METRIC_OTHER;
}

/* 1 when callgrind simulated the caches for every sample (--cache-sim). */
static int simulated_cache(const bg__instance *in) {
    if (in->cfg->measure != BG__MEASURE_INSTRUCTIONS || in->sample_count == 0)
        return 0;
    for (size_t i = 0; i < in->sample_count; i++)
        if (!(in->samples[i].est_cycles > 0))
            return 0;
    return 1;
}

static size_t speed_metrics(const bg__run *run, const bg__instance *in, bg__metric_out *out) {
    size_t n = 0;
    stats_metric(run, in, begin(&out[n++], "time_ns", "ns", "lower"),
                 offsetof(bg__sample, time_ns));
    stats_metric(run, in, begin(&out[n++], "cpu_time_ns", "ns", "lower"),
                 offsetof(bg__sample, cpu_ns));
    bg__metric_out *ins = begin(&out[n++], "instructions", "count", "lower");
    if (in->cfg->measure == BG__MEASURE_INSTRUCTIONS)
        stats_metric(run, in, ins, offsetof(bg__sample, instructions));
    else
        bg__metric_unavailable(ins, "skipped", "not measured (use --measure=instructions)");
    double median = out[0].has_stats ? out[0].st.median : 0;
    rate_metric(begin(&out[n++], "bytes_per_second", "B/s", "higher"), in->bytes_per_iter, median,
                "bg_set_bytes_per_iter");
    rate_metric(begin(&out[n++], "flops_per_second", "FLOP/s", "higher"), in->flops_per_iter,
                median, "bg_set_flops_per_iter");
    rate_metric(begin(&out[n++], "items_per_second", "items/s", "higher"), in->items_per_iter,
                median, "bg_set_items_per_iter");
    bg__roofline_bandwidth(run, in, begin(&out[n++], "pct_of_peak_bandwidth", "%", "higher"),
                           &out[3]);
    bg__roofline_flops(run, in, begin(&out[n++], "pct_of_peak_flops", "%", "higher"), &out[4]);
    if (bg__callgrind_active()) /* only the count is the benchmark's: time is valgrind's */
        for (size_t i = 0; i < n; i++)
            if (strcmp(out[i].name, "instructions") != 0 && strcmp(out[i].status, "ok") == 0)
                bg__metric_unavailable(&out[i], "skipped", UNDER_CALLGRIND);
    if (simulated_cache(in)) /* --cache-sim: instructions plus weighted cache misses */
        stats_metric(run, in, begin(&out[n++], "estimated_cycles", "count", "lower"),
                     offsetof(bg__sample, est_cycles));
    return n;
}

#define UNDER_CALLGRIND_MEMORY "not measured: under callgrind the memory is valgrind's"

/* resident: 1 for a resident-set figure, which under callgrind is valgrind's */
static void memory_value(bg__metric_out *m, int resident, double value, const char *why) {
    if (resident && bg__callgrind_active())
        bg__metric_unavailable(m, "skipped", UNDER_CALLGRIND_MEMORY);
    else if (value >= 0)
        m->has_value = 1, m->value = value;
    else
        bg__metric_unavailable(m, "skipped", why);
}

/* The benchmark's own memory (gated), the process's peak beside it and what bg_alloc gave. */
static size_t memory_metrics(const bg__instance *in, bg__metric_out *out) {
    size_t n = 0;
    memory_value(begin(&out[n++], "peak_rss_mb", "MiB", "lower"), 1, in->peak_rss_mb,
                 in->rss_unknown[0] ? in->rss_unknown : "peak RSS is not available on this OS");
    memory_value(begin(&out[n++], "process_peak_rss_mb", "MiB", "none"), 1, in->process_peak_rss_mb,
                 "peak RSS is not available on this OS");
    memory_value(begin(&out[n++], "bg_alloc_mb", "MiB", "none"), 0, in->alloc_mb, "");
    int has_vram = 0;
    for (int i = 0; i < in->metric_count; i++)
        has_vram |= strcmp(in->metrics[i].name, "peak_vram_mb") == 0;
    if (!has_vram)
        bg__metric_unavailable(begin(&out[n++], "peak_vram_mb", "MiB", "lower"), "skipped",
                               strcmp(in->device, "cpu") == 0 ? "CPU benchmark" : "not reported");
    return n;
}

static void user_metric(const bg__user_metric *u, bg__metric_out *m) {
    begin(m, u->name, u->unit,
          u->better == BG_HIGHER_IS_BETTER  ? "higher"
          : u->better == BG_LOWER_IS_BETTER ? "lower"
                                            : "none");
    if (u->message[0]) { /* a metric plugin failed, or a counter is not available here */
        bg__metric_unavailable(m, u->skipped ? "skipped" : "error", u->message);
        return;
    }
    if (!isfinite(u->value)) {
        bg__metric_unavailable(m, "error", "the reported value is not a finite number");
        return;
    }
    m->has_value = 1;
    m->value = u->value;
    m->is_counter = u->counter;
    m->counter_flags = u->counter_flags;
    if (u->is_check) {
        m->has_tolerance = 1;
        m->tolerance = u->tolerance;
        if (!(u->value <= u->tolerance))
            snprintf(m->message, sizeof m->message, "above tolerance %g", u->tolerance),
                m->status = "error";
    }
}

size_t bg__instance_metrics(const bg__run *run, const bg__instance *in, bg__metric_out *out) {
    size_t n = speed_metrics(run, in, out);
    if (in->status != BG__STATUS_OK && in->sample_count == 0)
        for (size_t i = 0; i < n; i++) /* nothing was measured: say why */
            bg__metric_unavailable(&out[i], bg__status_name(in->status), in->message);
    n += memory_metrics(in, out + n);
    n += bg__perf_metrics(run, in, out + n); /* perf_events.c */
    for (int i = 0; i < in->metric_count; i++)
        user_metric(&in->metrics[i], &out[n++]);
    return n;
}

double bg__between_rep_noise_pct(const bg__instance *in) {
    int reps = in->reps_done;
    if (reps < 2)
        return -1;
    double sum = 0, sumsq = 0;
    int used = 0;
    for (int r = 0; r < reps; r++) {
        double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
        size_t k = 0;
        for (size_t i = 0; v && i < in->sample_count; i++)
            if (in->samples[i].repetition == (uint32_t)r)
                v[k++] = in->samples[i].time_ns;
        if (v && k) {
            bg__sort_doubles(v, k);
            double m = bg__quantile_sorted(v, k, 0.5);
            sum += m, sumsq += m * m, used++;
        }
        free(v);
    }
    if (used < 2 || sum <= 0)
        return -1;
    double mean = sum / used, var = (sumsq - used * mean * mean) / (used - 1);
    return 100.0 * sqrt(var > 0 ? var : 0) / mean;
}
