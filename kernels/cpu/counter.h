/* counter.h - counting n events: into one counter that every thread shares (an atomic add, its
 * cache line moving between the cores) or into a counter of the thread's own. */
#ifndef KERNELS_CPU_COUNTER_H
#define KERNELS_CPU_COUNTER_H

#include <stdatomic.h>
#include <stdint.h>

/** Adds 1 to *shared n times, atomically (relaxed order). */
void counter_add_shared(atomic_uint_least64_t *shared, uint64_t n);

/** Adds 1 to *own n times, each add a store (the thread's own line). */
void counter_add_own(volatile uint64_t *own, uint64_t n);

#endif /* KERNELS_CPU_COUNTER_H */
