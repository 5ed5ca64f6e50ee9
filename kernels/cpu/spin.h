/* spin.h - a dependent arithmetic chain: work proportional to n, nothing else. */
#ifndef KERNELS_CPU_SPIN_H
#define KERNELS_CPU_SPIN_H

#include <stdint.h>

/** Runs n steps of an xorshift chain from seed; @return the final state. */
uint64_t spin_chain(uint64_t seed, uint64_t n);

/** The same chain, computed step by step in a separate loop (the reference). */
uint64_t spin_reference(uint64_t seed, uint64_t n);

#endif /* KERNELS_CPU_SPIN_H */
