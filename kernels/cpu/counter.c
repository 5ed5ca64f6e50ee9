/* counter.c - one shared atomic counter against a counter per thread. */
#include "kernels/cpu/counter.h"

void counter_add_shared(atomic_uint_least64_t *shared, uint64_t n) {
    for (uint64_t i = 0; i < n; i++)
        atomic_fetch_add_explicit(shared, 1, memory_order_relaxed);
}

void counter_add_own(volatile uint64_t *own, uint64_t n) {
    for (uint64_t i = 0; i < n; i++)
        *own = *own + 1;
}
