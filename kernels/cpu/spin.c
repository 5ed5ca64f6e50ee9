/* spin.c - a dependent xorshift chain (the work of the gate-check benchmark). */
#include "spin.h"

static uint64_t step(uint64_t x) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
}

uint64_t spin_chain(uint64_t seed, uint64_t n) {
    uint64_t x = seed | 1;
    for (uint64_t i = 0; i < n; i++)
        x = step(x);
    return x;
}

uint64_t spin_reference(uint64_t seed, uint64_t n) {
    uint64_t x = seed | 1, i = 0;
    while (i++ < n)
        x = step(x);
    return x;
}
