/* canary.c - the machine's speed right now: a fixed dependent-arithmetic loop, timed 31 times,
 * median. Recorded at the start and end of time-mode runs; the gate treats a change of the
 * canary between the baseline and the current run as noise, never as a regression. */
#include <stdint.h>

#include "internal.h"

#define CANARY_STEPS 20000
#define CANARY_RUNS 31

static uint64_t chain(uint64_t x) {
    for (int i = 0; i < CANARY_STEPS; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

double bg__canary_ns(void) {
    double t[CANARY_RUNS];
    volatile uint64_t sink = 0;
    for (int i = 0; i < CANARY_RUNS; i++) {
        double t0 = bg__now_ns();
        sink = chain(sink + 0x9E3779B97F4A7C15ULL);
        t[i] = bg__now_ns() - t0;
    }
    (void)sink;
    bg__sort_doubles(t, CANARY_RUNS);
    return t[CANARY_RUNS / 2];
}
