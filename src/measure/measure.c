/* measure.c - the sampling loop behind BG_LOOP: warm-up, calibration, samples, stopping rule. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#endif

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"

enum bg__phase { PHASE_START, PHASE_CALIBRATE, PHASE_SAMPLE, PHASE_DONE };

#define MIN_SAMPLE_NS 1e6 /* 1 ms: a million times the 1 ns clock resolution */
#define MAX_SAMPLE_NS 1e8 /* 100 ms */
#define MAX_ITERS (UINT64_C(1) << 40)
/* Samples per repetition at most: the statistics stay cheap whatever the body costs. */
#define MAX_SAMPLES_PER_REP 10000
/* Below this a body cannot be real work (a cycle at 10 GHz): the compiler removed it. */
#define MIN_BODY_NS 0.1
/* Instruction mode calibrates on counts, not time, so the iteration count (and with it the
 * per-iteration share of the fixed per-sample cost) is the same in every run. */
#define INSTR_SAMPLE_TARGET 2e6

void bg__state_init(bg_state *s, bg__run *run, bg__instance *inst, uint32_t rep) {
    memset(s, 0, sizeof *s);
    s->inst = inst;
    s->run = run;
    s->repetition = rep;
    s->perf_fd = -1;
    for (int i = 0; i < BG__COUNTER_COUNT; i++)
        s->counter_fd[i] = -1;
    const bg__config *c = inst->cfg;
    double per_sample = c->min_time * 1e9 / (2.0 * (double)c->min_samples);
    s->target_ns = fmax(MIN_SAMPLE_NS, fmin(MAX_SAMPLE_NS, per_sample));
}

void bg__set_device_timer(bg_state *s, const bg__device_timer *timer, void *ctx) {
    s->dev = timer;
    s->dev_ctx = ctx;
}

const bg__config *bg__state_config(const bg_state *s) {
    return s->inst->cfg;
}

void bg__state_release(bg_state *s) {
    if (s->dev && s->dev->release)
        s->dev->release(s->dev_ctx, s);
    s->dev = NULL;
    for (size_t i = 0; i < s->alloc_count; i++)
        munmap(s->allocs[i], s->alloc_sizes[i]);
    free(s->allocs);
    free(s->alloc_sizes);
    s->alloc_sizes = NULL;
    free(s->rep_values);
    if (s->perf_fd >= 0)
        close(s->perf_fd);
    for (int i = 0; i < BG__COUNTER_COUNT; i++)
        if (s->counter_fd[i] >= 0)
            close(s->counter_fd[i]), s->counter_fd[i] = -1;
    s->allocs = NULL;
    s->rep_values = NULL;
    s->alloc_count = s->alloc_cap = 0;
    s->perf_fd = -1;
}

/* The instance's message: the benchmark's bytes, made valid UTF-8 for every output. */
static void set_message(bg_state *s, const char *fmt, va_list ap) {
    vsnprintf(s->inst->message, sizeof s->inst->message, fmt, ap);
    bg__utf8_clean(s->inst->message);
}

/* The first thread of a team to end the instance says why; the others leave quietly. */
static _Noreturn void end_with(bg_state *s, bg__status status) {
    s->inst->status = status;
    bg__team_unlock_all(s);
    longjmp(s->exit_jump, 1);
}

/* Sets the message unless another thread of the team ended the instance first (locked). */
static void end_message(bg_state *s, const char *fmt, va_list ap) {
    bg__team_lock(s);
    if (s->team == NULL || s->inst->status == BG__STATUS_OK)
        set_message(s, fmt, ap);
}

_Noreturn void bg__end_instance(bg_state *s, bg__status status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    end_message(s, fmt, ap);
    va_end(ap);
    end_with(s, s->team && s->inst->status != BG__STATUS_OK ? s->inst->status : status);
}

static int instruction_mode(const bg_state *s) {
    return s->inst->cfg->measure == BG__MEASURE_INSTRUCTIONS;
}

/* The counters start last and stop first, so they see as little of the harness as possible. */
static void counters_start(bg_state *s) {
    if (s->dev && s->dev->before)
        s->dev->before(s->dev_ctx);
    s->paused_ns = s->paused_cpu_ns = s->manual_ns = 0;
    s->paused = 0;
    s->cpu0_ns = bg__cpu_ns();
    s->t0_ns = bg__now_ns();
#ifdef __linux__
    if (s->perf_fd >= 0) {
        ioctl(s->perf_fd, PERF_EVENT_IOC_RESET, 0);
        ioctl(s->perf_fd, PERF_EVENT_IOC_ENABLE, 0);
    }
#endif
    bg__perf_enable(s);
    if (s->callgrind)
        bg__callgrind_start();
    if (s->dev)
        s->dev->start(s->dev_ctx);
}

/* Ends the running sample: per-iteration wall (or manual), CPU time and instructions. */
static bg__sample counters_stop(bg_state *s) {
    double device_ns = s->dev ? s->dev->stop_ns(s->dev_ctx) : -1;
    if (s->callgrind)
        bg__callgrind_pause();
#ifdef __linux__
    if (s->perf_fd >= 0)
        ioctl(s->perf_fd, PERF_EVENT_IOC_DISABLE, 0);
#endif
    bg__perf_disable(s);
    double t1 = bg__now_ns(), c1 = bg__cpu_ns();
    double est_cycles = 0;
    double counted = s->callgrind ? bg__callgrind_read(&est_cycles) : -1;
    double paused = s->paused_ns, paused_cpu = s->paused_cpu_ns, manual = s->manual_ns;
    if (s->team) /* the threads' pauses and manual times: GB's mean wall, summed CPU */
        bg__team_sample_offsets(s, &paused, &paused_cpu, &manual);
    /* Every thread ran s->iters: per iteration is over all of them, as Google Benchmark does
     * (wall time per iteration falls as threads scale; CPU time is that of all threads). */
    uint64_t all_iters = s->iters * (uint64_t)bg__team_size(s);
    double n = (double)all_iters;
    bg__sample smp = {s->repetition, all_iters, 0, 0, 0, est_cycles / n};
    double wall = t1 - s->t0_ns - paused;
    s->loop_iters += n; /* every sample counts: a counter counts in every one (counters.c) */
    s->loop_ns += wall;
    smp.time_ns = (device_ns >= 0 ? device_ns : s->inst->def->manual_time ? manual : wall) / n;
    smp.cpu_ns = (c1 - s->cpu0_ns - paused_cpu) / n;
    if (s->perf_fd >= 0)
        counted = bg__instr_read(s->perf_fd);
    smp.instructions = counted >= 0 ? counted / n : 0;
    bg__perf_read(s, n); /* kept with the sample when it is recorded */
    if (instruction_mode(s) && counted < 0 && s->phase == PHASE_SAMPLE)
        bg__end_instance(s, BG__STATUS_ERROR, "could not read the instruction count");
    return smp;
}

static double primary_value(const bg_state *s, const bg__sample *smp) {
    switch (s->inst->cfg->measure) {
    case BG__MEASURE_CPU:
        return smp->cpu_ns;
    case BG__MEASURE_INSTRUCTIONS:
        return smp->instructions;
    default:
        return smp->time_ns;
    }
}

static void record_sample(bg_state *s, const bg__sample *smp) {
    bg__instance *in = s->inst;
    if (bg__grow((void **)&in->samples, &in->sample_cap, in->sample_count + 1, sizeof *in->samples,
                 64) != 0)
        bg__end_instance(s, BG__STATUS_ERROR, "out of memory recording samples");
    in->samples[in->sample_count++] = *smp;
    if (bg__perf_keep(s) != 0)
        bg__end_instance(s, BG__STATUS_ERROR, "out of memory recording samples");
    if (bg__grow((void **)&s->rep_values, &s->rep_cap, s->rep_count + 1, sizeof *s->rep_values,
                 64) != 0)
        bg__end_instance(s, BG__STATUS_ERROR, "out of memory recording samples");
    s->rep_values[s->rep_count++] = primary_value(s, smp);
}

/* Scales the iteration count so that one sample lasts about target_ns. */
static uint64_t scaled_iters(uint64_t iters, double sample_ns, double target_ns) {
    double factor = sample_ns > 0 ? target_ns / sample_ns : 100.0;
    double next = (double)iters * fmin(fmax(factor, 1.0), 100.0);
    return next >= (double)MAX_ITERS ? MAX_ITERS : (uint64_t)ceil(next);
}

/* A loop whose body the compiler deleted runs 2^20 iterations in no time (or in no
 * instructions): say so at once instead of calibrating to 2^40 and sampling forever. */
static void check_body(bg_state *s, const bg__sample *smp) {
    if (s->iters < (UINT64_C(1) << 20) || (s->dev && s->dev->one_iteration))
        return;
    int counts = instruction_mode(s);
    double per_iter = counts ? smp->instructions : smp->time_ns;
    if (per_iter >= (counts ? 0.5 : MIN_BODY_NS))
        return;
    bg__end_instance(s, BG__STATUS_ERROR,
                     "the loop body takes %.3g %s per iteration (%llu iterations): the compiler "
                     "has probably removed it; pass what it computes to bg_do_not_optimize()",
                     per_iter, counts ? "instructions" : "ns", (unsigned long long)s->iters);
}

static void after_calibration_sample(bg_state *s, const bg__sample *smp, double now) {
    const bg__config *c = s->inst->cfg;
    int counts = instruction_mode(s) && smp->instructions > 0;
    check_body(s, smp);
    double cost = (counts ? smp->instructions : smp->time_ns) * (double)smp->iterations;
    double target = counts ? INSTR_SAMPLE_TARGET : s->target_ns;
    int long_enough = cost >= 0.5 * target || s->iters >= MAX_ITERS;
    int warm = c->skip_warmup || now - s->phase_t0_ns >= c->warmup * 1e9;
    if (long_enough && warm) {
        s->iters = scaled_iters(s->iters, cost, target);
        if (s->dev && s->dev->one_iteration)
            s->iters = 1; /* cold: the cache is flushed before every sample */
        s->phase = PHASE_SAMPLE;
        s->phase_t0_ns = now;
        return;
    }
    if (!long_enough)
        s->iters = scaled_iters(s->iters, cost, target);
}

static int sampling_done(bg_state *s, double now) {
    const bg__config *c = s->inst->cfg;
    double elapsed = now - s->phase_t0_ns;
    if (elapsed >= c->max_time * 1e9)
        return 1;
    if (s->rep_count >= MAX_SAMPLES_PER_REP)
        return 1;
    if (elapsed < c->min_time * 1e9 || s->rep_count < (size_t)c->min_samples)
        return 0;
    size_t n = s->rep_count, every = n < 64 ? 1 : n / 16; /* the check sorts: not every time */
    if (n % every != 0)
        return 0;
    double noise = instruction_mode(s) ? 0.0 : bg__median_rel_noise(s->rep_values, s->rep_count);
    if (noise * 100.0 > c->max_noise)
        return 0;
    s->inst->noise_met++;
    return 1;
}

/* Under callgrind without the cache simulation, only the loop runs instrumented. */
static int instrument_loop_only(const bg_state *s) {
    return s->callgrind && !s->inst->cfg->cache_sim;
}

static void start_loop(bg_state *s) {
    if (instruction_mode(s)) {
        s->callgrind = bg__callgrind_active();
        if (instrument_loop_only(s))
            bg__callgrind_instrument(1);
        s->perf_fd = s->callgrind ? -1 : bg__instr_open();
        if (s->perf_fd < 0 && !s->callgrind)
            bg__end_instance(s, BG__STATUS_ERROR,
                             "instruction counting is not available: perf_event_open refused "
                             "(run under valgrind --tool=callgrind, or use --measure=time)");
    }
    s->iters = 1;
    s->phase = PHASE_CALIBRATE;
    s->phase_t0_ns = bg__now_ns();
}

/* Between two samples, outside the timed region: a signal ends the call (the runner keeps the
 * completed repetitions); a pause waits here, and the sample after it is not recorded. */
static void between_samples(bg_state *s) {
    double paused_ns = 0;
    const bg__run_hooks *h = s->run->hooks;
    if (h && h->poll(s->run, s->inst->name, &paused_ns)) {
        s->interrupted = 1;
        longjmp(s->exit_jump, 1);
    }
    if (paused_ns > 0) {
        s->phase_t0_ns += paused_ns;
        s->discard_next = s->phase == PHASE_SAMPLE;
    }
}

int bg__sample_step(bg_state *s) {
    bg__sample smp = counters_stop(s);
    double now = bg__now_ns();
    if (s->phase == PHASE_CALIBRATE) {
        after_calibration_sample(s, &smp, now);
    } else {
        if (s->dev && s->dev->throttled && s->dev->throttled(s->dev_ctx))
            s->discard_next = 1; /* a throttled clock: not the kernel's speed */
        if (!s->discard_next)
            record_sample(s, &smp);
        s->discard_next = 0;
        if (sampling_done(s, now)) {
            s->phase = PHASE_DONE;
            if (instrument_loop_only(s))
                bg__callgrind_instrument(0);
            return 0;
        }
    }
    between_samples(s);
    return 1;
}

void bg__loop_start(bg_state *s) {
    start_loop(s);
    between_samples(s);
}

int bg__loop_done(const bg_state *s) {
    return s->phase == PHASE_DONE;
}

void bg__loop_follow(bg_state *s, int done) {
    s->phase = done ? PHASE_DONE : PHASE_SAMPLE;
}

int bg__loop_unstarted(const bg_state *s) {
    return s->phase == PHASE_START;
}

void bg__sample_begin(bg_state *s) {
    counters_start(s);
}

int bg__next_sample(bg_state *s, uint64_t *iters) {
    if (s->team)
        return bg__team_next_sample(s, iters);
    if (s->phase == PHASE_DONE)
        bg__end_instance(s, BG__STATUS_ERROR, "BG_LOOP entered twice in one benchmark function");
    if (s->phase == PHASE_START) {
        bg__loop_start(s);
    } else {
        if (*iters != 0)
            bg__end_instance(s, BG__STATUS_ERROR, "left BG_LOOP early (break inside the loop)");
        if (!bg__sample_step(s))
            return 0;
    }
    *iters = s->iters;
    counters_start(s);
    return 1;
}

/* ---- the bg_state API ------------------------------------------------------ */

static const bg__param *find_param(bg_state *s, const char *name) {
    for (int i = 0; i < s->inst->param_count; i++)
        if (strcmp(s->inst->params[i].name, name) == 0)
            return &s->inst->params[i];
    bg__end_instance(s, BG__STATUS_ERROR, "unknown axis '%s'", name);
}

const char *bg_axis_str(bg_state *s, const char *name) {
    if (strcmp(name, "device") == 0)
        return s->inst->device;
    return find_param(s, name)->value;
}

int bg__parse_axis_int(const char *text, int64_t *out) {
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    static const char suffixes[] = "KMGT";
    const char *unit = end && *end ? strchr(suffixes, *end) : NULL;
    int64_t scale = 1;
    for (const char *p = suffixes; unit && p <= unit; p++)
        scale *= 1024;
    int tail_ok = end && (*end == '\0' || (unit && (end[1] == '\0' || strcmp(end + 1, "i") == 0)));
    if (end == text || !tail_ok || errno == ERANGE || v < 0 || v > INT64_MAX / scale)
        return -1;
    *out = (int64_t)v * scale;
    return 0;
}

int64_t bg_axis_int(bg_state *s, const char *name) {
    const char *text = bg_axis_str(s, name);
    int64_t v = 0;
    if (bg__parse_axis_int(text, &v) != 0)
        bg__end_instance(s, BG__STATUS_ERROR,
                         "axis '%s': '%s' is not a non-negative integer (suffixes K, M, G, T)",
                         name, text);
    return v;
}

const char *bg_device(const bg_state *s) {
    return s->inst->device;
}

const char *bg_measure(const bg_state *s) {
    return bg__measure_names[s->inst->cfg->measure];
}

uint64_t bg_seed(const bg_state *s) {
    return s->inst->cfg->seed;
}

static _Noreturn void alloc_failed(bg_state *s, size_t bytes) {
    bg__end_instance(s, BG__STATUS_ERROR, "out of memory: asked %.0f MiB, free %.0f MiB",
                     (double)bytes / 1048576.0, bg__free_ram_mb());
}

void *bg_alloc(bg_state *s, size_t bytes) {
    if (s->alloc_count == s->alloc_cap) {
        size_t cap = s->alloc_cap ? 2 * s->alloc_cap : 8;
        void **grown = realloc(s->allocs, cap * sizeof *grown);
        if (grown != NULL)
            s->allocs = grown;
        size_t *sizes = grown ? realloc(s->alloc_sizes, cap * sizeof *sizes) : NULL;
        if (sizes == NULL)
            alloc_failed(s, bytes);
        s->alloc_sizes = sizes;
        s->alloc_cap = cap;
    }
    /* The same layout in every process: each block starts on its own page plus a fixed offset
     * that differs between the blocks of a benchmark (17 cache lines apart), so arrays never
     * alias by 4 KiB or share cache sets by accident of the heap's history. Each block is its
     * own mapping, returned to the system when the function ends: the next benchmark's memory
     * figure does not depend on what this one left in the heap. */
    size_t offset = (s->alloc_count * 17 * 64) % 4096;
    size_t rounded = (bytes + 63) / 64 * 64, total = rounded + offset;
    if (bytes == 0 || rounded < bytes || total < rounded)
        alloc_failed(s, bytes);
    void *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        alloc_failed(s, bytes);
    memset(p, 0, total); /* resident now: no page faults in the timed loop */
    s->allocs[s->alloc_count] = p;
    s->alloc_sizes[s->alloc_count++] = total;
    s->alloc_bytes += (double)bytes;
    return (char *)p + offset;
}

void bg_set_bytes_per_iter(bg_state *s, double bytes) {
    s->inst->bytes_per_iter = bytes;
}

void bg_set_working_set(bg_state *s, double bytes) {
    s->inst->working_set_bytes = bytes;
}

void bg_set_flops_per_iter(bg_state *s, double flops) {
    s->inst->flops_per_iter = flops;
}

void bg_set_items_per_iter(bg_state *s, double items) {
    s->inst->items_per_iter = items;
}

void bg_pause_timing(bg_state *s) {
    if (s->paused)
        return;
    s->paused = 1;
    s->pause_cpu0 = s->team ? bg__thread_cpu_ns() : bg__cpu_ns();
    s->pause_t0 = bg__now_ns();
}

void bg_resume_timing(bg_state *s) {
    if (!s->paused)
        return;
    s->paused_ns += bg__now_ns() - s->pause_t0;
    s->paused_cpu_ns += (s->team ? bg__thread_cpu_ns() : bg__cpu_ns()) - s->pause_cpu0;
    s->paused = 0;
}

void bg_set_iteration_time(bg_state *s, double seconds) {
    s->manual_ns += seconds * 1e9;
}

void bg__record_metric(bg__instance *in, const char *name, const char *unit, double value,
                       bg_better better) {
    int i = 0;
    while (i < in->metric_count && strcmp(in->metrics[i].name, name) != 0)
        i++;
    if (i == BG__MAX_METRICS)
        return;
    bg__user_metric *m = &in->metrics[i];
    if (i == in->metric_count)
        in->metric_count++, memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    snprintf(m->unit, sizeof m->unit, "%s", unit);
    bg__utf8_clean(m->name); /* a plugin's strings, stored as clean UTF-8 like every string */
    bg__utf8_clean(m->unit);
    m->value = value;
    m->better = better;
}

bg__user_metric *bg__metric_slot(bg_state *s, const char *raw_name) {
    bg__instance *in = s->inst;
    char name[sizeof in->metrics[0].name]; /* stored as clean UTF-8, like every string */
    snprintf(name, sizeof name, "%s", raw_name ? raw_name : "");
    bg__utf8_clean(name);
    for (int i = 0; i < in->metric_count; i++)
        if (strcmp(in->metrics[i].name, name) == 0)
            return &in->metrics[i];
    if (in->metric_count == BG__MAX_METRICS)
        bg__end_instance(s, BG__STATUS_ERROR, "more than %d custom metrics", BG__MAX_METRICS);
    bg__user_metric *m = &in->metrics[in->metric_count++];
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    return m;
}

void bg_report_metric(bg_state *s, const char *name, const char *unit, double value,
                      bg_better better) {
    bg__team_lock(s);
    bg__user_metric *m = bg__metric_slot(s, name);
    snprintf(m->unit, sizeof m->unit, "%s", unit ? unit : "");
    bg__utf8_clean(m->unit);
    m->value = value;
    m->better = better;
    bg__team_unlock(s);
}

void bg_report_error(bg_state *s, const char *name, double error, double tolerance) {
    bg__team_lock(s);
    bg__user_metric *m = bg__metric_slot(s, name);
    snprintf(m->unit, sizeof m->unit, "%s", "error");
    m->value = error;
    m->better = BG_LOWER_IS_BETTER;
    m->is_check = 1;
    m->tolerance = tolerance;
    bg__team_unlock(s);
}

uint64_t bg_clock_ns(void) {
    return (uint64_t)bg__now_ns();
}

void bg_report_distribution(bg_state *s, const char *name, const char *unit, const double *values,
                            size_t n, bg_better better) {
    double *sorted = n ? malloc(n * sizeof *sorted) : NULL;
    if (sorted == NULL)
        return;
    memcpy(sorted, values, n * sizeof *sorted);
    bg__sort_doubles(sorted, n);
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += sorted[i] / (double)n;
    const char *suffix[] = {"p50", "p95", "p99", "mean"};
    double v[] = {bg__quantile_sorted(sorted, n, 0.5), bg__quantile_sorted(sorted, n, 0.95),
                  bg__quantile_sorted(sorted, n, 0.99), mean};
    free(sorted);
    for (int i = 0; i < 4; i++) {
        char metric[64];
        snprintf(metric, sizeof metric, "%.40s_%s", name, suffix[i]);
        bg_report_metric(s, metric, unit, v[i], better);
    }
}

_Noreturn void bg_skip(bg_state *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    end_message(s, fmt, ap);
    va_end(ap);
    end_with(s, s->team && s->inst->status != BG__STATUS_OK ? s->inst->status : BG__STATUS_SKIPPED);
}

_Noreturn void bg_fail(bg_state *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    end_message(s, fmt, ap);
    va_end(ap);
    end_with(s, BG__STATUS_ERROR);
}
