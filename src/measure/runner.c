/* runner.c - runs every (instance, repetition) in a seeded random interleaved order. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <time.h>

#include "benchgate/terminal.h"
#include "common/common.h"
#include "measure/measure.h"
#include "system/system.h"

/* One line of bg__log on its way out. */
static void run_line(void *arg, const char *line) {
    bg__run *run = arg;
    if (run->hooks) { /* stderr and run.log, rotating (longrun.c) */
        run->hooks->log(run, line);
        return;
    }
    bg_print_wrapped(stderr, line, "  ", 0); /* run.log keeps the message on one line */
    if (run->log) {
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
        fprintf(run->log, "%s %s\n", stamp, line);
        fflush(run->log);
    }
}

void bg__log(bg__run *run, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bg__vlog_line(run_line, run, 1024, fmt, ap);
    va_end(ap);
}

typedef struct bg__slot {
    size_t inst;
    uint32_t rep;
} bg__slot;

/* Round r holds every instance with more than r repetitions, shuffled (Fisher-Yates). */
static bg__slot *make_schedule(bg__run *run, size_t *count) {
    size_t total = 0;
    int64_t rounds = 0;
    for (size_t i = 0; i < run->inst_count; i++) {
        total += (size_t)run->inst[i].cfg->repetitions;
        if (run->inst[i].cfg->repetitions > rounds)
            rounds = run->inst[i].cfg->repetitions;
    }
    bg__slot *slots = malloc((total ? total : 1) * sizeof *slots);
    if (slots == NULL)
        return NULL;
    uint64_t rng = run->settings.global.seed;
    size_t n = 0;
    for (int64_t r = 0; r < rounds; r++) {
        size_t first = n;
        for (size_t i = 0; i < run->inst_count; i++)
            if (run->inst[i].cfg->repetitions > r)
                slots[n++] = (bg__slot){i, (uint32_t)r};
        for (size_t k = n - first; k > 1; k--) {
            size_t j = (size_t)bg__rand_below(&rng, k);
            bg__slot t = slots[first + k - 1];
            slots[first + k - 1] = slots[first + j];
            slots[first + j] = t;
        }
    }
    *count = n;
    return slots;
}

/* What a sample measures in this mode, and its unit: instructions (instruction mode: the
 * wall time there is callgrind's), CPU time or wall time per iteration. */
static double sample_figure(const bg__sample *s, bg__measure mode) {
    return mode == BG__MEASURE_INSTRUCTIONS ? s->instructions
           : mode == BG__MEASURE_CPU        ? s->cpu_ns
                                            : s->time_ns;
}

static double rep_median(const bg__instance *in, uint32_t rep, bg__measure mode) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    if (v == NULL)
        return NAN;
    size_t n = 0;
    for (size_t i = 0; i < in->sample_count; i++)
        if (in->samples[i].repetition == rep)
            v[n++] = sample_figure(&in->samples[i], mode);
    bg__sort_doubles(v, n);
    double m = n ? bg__quantile_sorted(v, n, 0.5) : NAN;
    free(v);
    return m;
}

/* Logs text wrapped at a word to the terminal's width, continuation lines indented. */
static void log_wrapped(bg__run *run, const char *text) {
    bg__strbuf sb = {0};
    bg__text_wrap(&sb, text, (size_t)bg__term_width(), "    ", 0);
    for (char *line = sb.data, *nl; line && *line; line = nl + 1) {
        nl = strchr(line, '\n');
        *nl = '\0';
        bg__log(run, "%s", line);
    }
    if (sb.data == NULL || sb.failed)
        bg__log(run, "%s", text);
    bg__sb_free(&sb);
}

/* "[3/12] triad/cpu/n=65536 rep 1/3: median 10.56 µs/iter", the name shortened in the middle
 * when the line would pass the terminal's width. */
static void log_progress(bg__run *run, const bg__instance *in, const bg__slot *slot, size_t pos,
                         size_t total) {
    bg__measure mode = run->settings.global.measure;
    char figure[64], head[48], tail[128], name[sizeof in->name];
    bg__figure_human(rep_median(in, slot->rep, mode),
                     mode == BG__MEASURE_INSTRUCTIONS ? "instr" : "ns", figure, sizeof figure);
    snprintf(head, sizeof head, "[%zu/%zu] ", pos, total);
    snprintf(tail, sizeof tail, " rep %u/%lld: median %s/iter", slot->rep + 1,
             (long long)in->cfg->repetitions, figure);
    size_t used = bg__text_width(head) + bg__text_width(tail), width = (size_t)bg__term_width();
    bg__text_shorten(in->name, width > used + 20 ? width - used : 20, bg__term_utf8(), name,
                     sizeof name);
    bg__log(run, "%s%s%s", head, name, tail);
}

/* The benchmark's memory: the watermark's growth over what the process held before the call
 * (the largest over its calls), the process's own peak beside it, and what bg_alloc gave. */
static void record_memory(bg__instance *in, const bg_state *s, double before, double peak) {
    if (peak > in->process_peak_rss_mb)
        in->process_peak_rss_mb = peak;
    if (before >= 0 && peak >= before) {
        if (peak - before > in->peak_rss_mb)
            in->peak_rss_mb = peak - before;
    } else if (in->peak_rss_mb < 0) {
        snprintf(in->rss_unknown, sizeof in->rss_unknown, "%s",
                 "the resident watermark cannot be reset here (Linux /proc/self/clear_refs)");
    }
    if (s->alloc_bytes / 1048576.0 > in->alloc_mb)
        in->alloc_mb = s->alloc_bytes / 1048576.0;
}

/* @return 1 when a signal interrupted the call (its samples are dropped: the run keeps only
 * completed repetitions). */
static int call_benchmark(bg__run *run, bg__instance *in, uint32_t rep) {
    /* On a cache line of its own: the lines the harness touches inside a sample are the same in
     * every repetition, whatever the heap's history (callgrind's simulated misses repeat). */
    size_t size = (sizeof(bg_state) + 63) / 64 * 64;
    bg_state *s = aligned_alloc(64, size);
    if (s == NULL) {
        in->status = BG__STATUS_ERROR;
        snprintf(in->message, sizeof in->message, "out of memory: asked %zu bytes", size);
        return 0;
    }
    size_t kept = in->sample_count;
    bg__state_init(s, run, in, rep);
#ifdef __GLIBC__
    malloc_trim(0); /* heap left by an earlier call is returned: the growth is this call's */
#endif
    int resettable = bg__reset_peak_rss();
    double before = resettable ? bg__rss_mb() : -1;
    bg__call_function(s); /* on this thread, or on the instance's threads (threads.c) */
    record_memory(in, s, before, bg__peak_rss_mb());
    int interrupted = s->interrupted;
    if (interrupted)
        in->sample_count = kept;
    bg__state_release(s);
    free(s);
    return interrupted;
}

static void run_slot(bg__run *run, const bg__slot *slot, size_t pos, size_t total) {
    bg__instance *in = &run->inst[slot->inst];
    if (in->status != BG__STATUS_OK)
        return; /* failed or skipped in an earlier repetition */
    if ((in->def->gpu_only || strcmp(in->device, "cuda") == 0) && bg__gpu_count() == 0) {
        in->status = BG__STATUS_SKIPPED;
        snprintf(in->message, sizeof in->message, "no GPU: %s", bg__gpu_reason());
        char line[2048];
        snprintf(line, sizeof line, "[%zu/%zu] %s: skipped: %s", pos, total, in->name, in->message);
        log_wrapped(run, line);
        return;
    }
    double t0 = bg__now_ns();
    if (call_benchmark(run, in, slot->rep))
        return;
    in->seconds += (bg__now_ns() - t0) / 1e9;
    in->reps_done++;
    char line[2048];
    if (in->status != BG__STATUS_OK) {
        snprintf(line, sizeof line, "[%zu/%zu] %s: %s: %s", pos, total, in->name,
                 in->status == BG__STATUS_SKIPPED ? "skipped" : "error", in->message);
        log_wrapped(run, line);
        return;
    }
    log_progress(run, in, slot, pos, total);
}

/* Correctness errors above their tolerance (or not finite) fail the instance. */
static void check_results(bg__instance *in) {
    if (in->status != BG__STATUS_OK)
        return;
    for (int i = 0; i < in->metric_count; i++) {
        const bg__user_metric *m = &in->metrics[i];
        if (m->is_check && !(m->value <= m->tolerance)) {
            in->status = BG__STATUS_ERROR;
            snprintf(in->message, sizeof in->message, "wrong result: %s = %g (tolerance %g)",
                     m->name, m->value, m->tolerance);
            return;
        }
    }
    if (in->sample_count == 0) {
        in->status = BG__STATUS_ERROR;
        snprintf(in->message, sizeof in->message, "no samples were taken");
    }
}

/* The signal that stopped the run, or 0. */
static int interrupted(const bg__run *run) {
    return run->hooks ? run->hooks->interrupted(run) : 0;
}

/* Runs the slots not done before (checkpoint, cache) until the end or a stop signal. */
static void run_schedule(bg__run *run, const bg__slot *slots, size_t total) {
    const bg__run_hooks *h = run->hooks;
    bg__error err = {BG_OK, ""};
    if (h && h->begin(run, total, &err) != BG_OK)
        bg__log(run, "%s: %s", run->program, err.msg);
    for (size_t k = 0; k < total; k++) {
        if (h && h->slot_done(run, slots[k].inst, slots[k].rep))
            continue;
        if (h && h->before_slot(run, run->inst[slots[k].inst].name))
            break;
        if (k > 0 && slots[k].rep != slots[k - 1].rep &&
            run->settings.global.measure != BG__MEASURE_INSTRUCTIONS)
            bg__canary_take(&run->canary); /* between repetition rounds */
        run_slot(run, &slots[k], k + 1, total);
        if (interrupted(run))
            break;
        if (h)
            h->after_slot(run, slots[k].inst, slots[k].rep);
    }
    if (h)
        h->end(run);
}

int bg__run_all(bg__run *run) {
    size_t total = 0;
    bg__slot *slots = make_schedule(run, &total);
    if (slots == NULL) {
        bg__log(run, "benchgate: out of memory scheduling the run");
        return BG_EXIT_FAILED;
    }
    int timed = run->settings.global.measure != BG__MEASURE_INSTRUCTIONS;
    if (timed)
        bg__canary_take(&run->canary);
    run_schedule(run, slots, total);
    if (timed)
        bg__canary_take(&run->canary);
    bg__canary_release(&run->canary);
    free(slots);
    if (!interrupted(run))
        bg__plugins_apply(run); /* extra metrics; never changes the measured figures */
    int ok = 0, skipped = 0, failed = 0;
    for (size_t i = 0; i < run->inst_count; i++) {
        check_results(&run->inst[i]);
        if (run->inst[i].status == BG__STATUS_ERROR) {
            char line[2048];
            snprintf(line, sizeof line, "%s: error: %s", run->inst[i].name, run->inst[i].message);
            log_wrapped(run, line);
            failed++;
        }
        ok += run->inst[i].status == BG__STATUS_OK;
        skipped += run->inst[i].status == BG__STATUS_SKIPPED;
    }
    if (interrupted(run))
        return 128 + interrupted(run); /* 130 SIGINT, 143 SIGTERM */
    if (failed)
        return BG_EXIT_FAILED;
    return ok == 0 && skipped > 0 ? BG_EXIT_SKIP : BG_EXIT_OK;
}
