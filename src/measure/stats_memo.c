/* stats_memo.c - the statistics of an instance's samples (the bootstrap CI of each figure, its
 * repetition medians), computed once and kept with the instance: result.json, result.csv,
 * summary.md, the console table and the CTest measurements each ask for an instance's metrics,
 * and a sweep of 10,000 instances must not bootstrap each figure five times. The memo is keyed
 * by the samples' contents, so samples that changed (more measured, restored) are computed
 * again. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"

/* The figures of a sample that have statistics, and their metrics' names (the seed of their
 * bootstrap); the last two are only measured with --measure=instructions. */
static const size_t fields[] = {offsetof(bg__sample, time_ns), offsetof(bg__sample, cpu_ns),
                                offsetof(bg__sample, instructions),
                                offsetof(bg__sample, est_cycles)};
static const char *const names[] = {"time_ns", "cpu_time_ns", "instructions", "estimated_cycles"};
#define FIELDS (sizeof fields / sizeof fields[0])

typedef struct kept_figure {
    int kept; /**< 1: computed */
    int has_stats;
    bg__summary st;
    size_t rep_count;
    double rep_medians[BG__MAX_REPS_OUT];
    const char *status; /**< when !has_stats: why (a static string) */
    char message[64];   /**< "out of memory ..." or "no finite samples" */
} kept_figure;

struct bg__stats_memo {
    size_t sample_count;
    uint64_t hash; /**< FNV-1a of the samples' bytes */
    kept_figure fig[FIELDS];
    uint64_t counter_hash; /**< of the samples and their counters' figures (--counters) */
    kept_figure counter[BG__COUNTER_COUNT];
};

/* Field by field: a sample's padding bytes are never written, so they are not hashed. */
static uint64_t samples_hash(const bg__instance *in) {
    uint64_t h = BG__FNV1A_SEED;
    for (size_t i = 0; in->samples && i < in->sample_count; i++) {
        const bg__sample *smp = &in->samples[i];
        h = bg__fnv1a(h, &smp->repetition, sizeof smp->repetition);
        h = bg__fnv1a(h, &smp->iterations, sizeof smp->iterations);
        h = bg__fnv1a(h, &smp->time_ns, sizeof smp->time_ns);
        h = bg__fnv1a(h, &smp->cpu_ns, sizeof smp->cpu_ns);
        h = bg__fnv1a(h, &smp->instructions, sizeof smp->instructions);
        h = bg__fnv1a(h, &smp->est_cycles, sizeof smp->est_cycles);
    }
    return h;
}

/* The samples and the counters' figures beside them. */
static uint64_t counters_hash(const bg__instance *in) {
    uint64_t h = samples_hash(in);
    if (in->counter_values)
        h = bg__fnv1a(h, in->counter_values,
                      in->sample_count * (size_t)in->counter_width * sizeof *in->counter_values);
    return h ^ (uint64_t)in->counter_width;
}

/* m's statistics into k. */
static void keep_figure(kept_figure *k, const bg__metric_out *m) {
    k->kept = 1;
    k->has_stats = m->has_stats;
    k->st = m->st;
    k->rep_count = m->rep_count;
    memcpy(k->rep_medians, m->rep_medians, sizeof k->rep_medians);
    k->status = m->status;
    snprintf(k->message, sizeof k->message, "%.63s", m->message);
}

/* k's statistics into m. */
static void give_figure(const kept_figure *k, bg__metric_out *m) {
    m->rep_count = k->rep_count;
    memcpy(m->rep_medians, k->rep_medians, sizeof m->rep_medians);
    if (k->has_stats) {
        m->has_stats = 1;
        m->st = k->st;
    } else {
        bg__metric_unavailable(m, k->status, k->message);
    }
}

static int field_index(size_t field) {
    for (size_t i = 0; i < FIELDS; i++)
        if (fields[i] == field)
            return (int)i;
    return -1;
}

void bg__stats_keep(const bg__run *run, bg__instance *in) {
    size_t used = in->cfg->measure == BG__MEASURE_INSTRUCTIONS ? FIELDS : 2;
    uint64_t hash = samples_hash(in);
    struct bg__stats_memo *memo = in->stats;
    if (memo && memo->sample_count == in->sample_count && memo->hash == hash &&
        memo->fig[used - 1].kept)
        return; /* kept when its last repetition ended, and unchanged since */
    if (memo == NULL && (memo = in->stats = calloc(1, sizeof *in->stats)) == NULL)
        return; /* out of memory: each writer computes them itself */
    memo->sample_count = in->sample_count;
    memo->hash = hash;
    for (size_t i = 0; i < FIELDS; i++) {
        kept_figure *k = &memo->fig[i];
        k->kept = i < used;
        if (!k->kept)
            continue;
        bg__metric_out m;
        memset(&m, 0, sizeof m);
        snprintf(m.name, sizeof m.name, "%s", names[i]);
        (void)bg__stats_compute(run, in, fields[i], &m);
        keep_figure(k, &m);
    }
}

int bg__stats_kept(const bg__instance *in, size_t field, bg__metric_out *m) {
    const struct bg__stats_memo *memo = in->stats;
    int i = field_index(field);
    if (memo == NULL || i < 0 || memo->sample_count != in->sample_count ||
        memo->hash != samples_hash(in))
        return 0;
    const kept_figure *k = &memo->fig[i];
    if (!k->kept || strcmp(m->name, names[i]) != 0)
        return 0;
    give_figure(k, m);
    return 1;
}

int bg__stats_counter(const bg__run *run, const bg__instance *in, int id, const double *values,
                      bg__metric_out *m) {
    struct bg__stats_memo *memo = in->stats;
    if (memo == NULL || id < 0 || id >= BG__COUNTER_COUNT)
        return bg__stats_of_values(run, in, values, m); /* nowhere to keep them */
    uint64_t hash = counters_hash(in);
    if (memo->counter_hash != hash) { /* other figures than those kept: none of them holds */
        memset(memo->counter, 0, sizeof memo->counter);
        memo->counter_hash = hash;
    }
    kept_figure *k = &memo->counter[id];
    if (!k->kept) {
        (void)bg__stats_of_values(run, in, values, m);
        keep_figure(k, m);
        return m->has_stats;
    }
    give_figure(k, m);
    return k->has_stats;
}

void bg__stats_free(bg__instance *in) {
    free(in->stats);
    in->stats = NULL;
}
