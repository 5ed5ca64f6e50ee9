/* canary.c - the machine's speed right now, three ways: a dependent arithmetic chain
 * (latency), a vectorisable sum over an L1-resident array (throughput, which a busy hyperthread
 * sibling halves) and a stream over 8 MiB (memory). Time-mode runs record them at the start,
 * after every repetition round and at the end; the gate treats a change of any of them between
 * the baseline and the current run as noise, never as a regression. */
#include <stdint.h>
#include <stdlib.h>

#include "common/common.h"
#include "measure/measure.h"

#define CHAIN_STEPS 20000
#define VECTOR_FLOATS 4096
#define VECTOR_PASSES 48
#define MEMORY_DOUBLES (1u << 20)

static uint64_t chain(uint64_t x) {
    for (int i = 0; i < CHAIN_STEPS; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

static float vector_sum(const float *v) {
    float lane[8] = {0};
    for (int p = 0; p < VECTOR_PASSES; p++)
        for (int i = 0; i < VECTOR_FLOATS; i += 8)
            for (int k = 0; k < 8; k++)
                lane[k] += v[i + k];
    return lane[0] + lane[3] + lane[7];
}

static double stream_sum(const double *m) {
    double acc[4] = {0};
    for (size_t i = 0; i < MEMORY_DOUBLES; i += 4)
        for (int k = 0; k < 4; k++)
            acc[k] += m[i + k];
    return acc[0] + acc[1] + acc[2] + acc[3];
}

/* The median of `runs` timings of one kind. */
static double median_time(int kind, int runs, bg__canary *c) {
    double t[31];
    volatile double sink = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = bg__now_ns();
        if (kind == 0)
            sink = (double)chain((uint64_t)i + 0x9E3779B97F4A7C15ULL);
        else if (kind == 1)
            sink = vector_sum(c->vector);
        else
            sink = stream_sum(c->memory);
        t[i] = bg__now_ns() - t0;
    }
    (void)sink;
    bg__sort_doubles(t, (size_t)runs);
    return t[runs / 2];
}

void bg__canary_take(bg__canary *c) {
    if (c->points == BG__CANARY_POINTS)
        return;
    if (c->vector == NULL) {
        c->vector = calloc(VECTOR_FLOATS, sizeof *c->vector);
        c->memory = calloc(MEMORY_DOUBLES, sizeof *c->memory);
        if (c->vector == NULL || c->memory == NULL)
            return;
        for (int i = 0; i < VECTOR_FLOATS; i++)
            c->vector[i] = (float)(i & 7);
        /* written, so its pages are real: untouched calloc'ed pages all map the one zero page,
         * and reading them would time the cache and page faults, not memory */
        for (size_t i = 0; i < MEMORY_DOUBLES; i++)
            c->memory[i] = (double)(i & 15);
    }
    c->ns[0][c->points] = median_time(0, 31, c);
    c->ns[1][c->points] = median_time(1, 31, c);
    c->ns[2][c->points] = median_time(2, 9, c);
    c->points++;
    bg__canary_release(c); /* not resident while the benchmarks run (their peak RSS) */
}

void bg__canary_release(bg__canary *c) {
    free(c->vector);
    free(c->memory);
    c->vector = NULL;
    c->memory = NULL;
}
