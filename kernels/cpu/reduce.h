/* reduce.h - sum of a float array, and its reference. */
#ifndef KERNELS_CPU_REDUCE_H
#define KERNELS_CPU_REDUCE_H

#include <stddef.h>

/** @return the sum of x[0..n) accumulated in 8 float lanes (vectorisable). */
float reduce_sum(const float *x, size_t n);

/** @return the sum computed in long double, the reference. */
long double reduce_reference(const float *x, size_t n);

/** Fills x with reproducible values in [0, 1) from seed. */
void reduce_fill(float *x, size_t n, unsigned long long seed);

#endif /* KERNELS_CPU_REDUCE_H */
