/* sgemm.h - single-precision C = A * B (row-major), naive and cache-blocked, and the check. */
#ifndef KERNELS_CPU_SGEMM_H
#define KERNELS_CPU_SGEMM_H

#include <stddef.h>

/** C[m x n] = A[m x k] * B[k x n], row-major, the textbook triple loop (i, j, p). */
void sgemm_naive(size_t m, size_t n, size_t k, const float *a, const float *b, float *c);

/** The same product, blocked for the caches (tiles of A, B and C stay in L1/L2). */
void sgemm_blocked(size_t m, size_t n, size_t k, const float *a, const float *b, float *c);

/**
 * @return the largest |C - ref| / (|A| |B| row-column norm bound), where ref is computed in
 *         double for a sample of `checks` entries chosen from seed (all entries when 0).
 */
double sgemm_check(size_t m, size_t n, size_t k, const float *a, const float *b, const float *c,
                   size_t checks, unsigned long long seed);

/** Fills x with reproducible values in [-1, 1). */
void sgemm_fill(float *x, size_t count, unsigned long long seed);

#endif /* KERNELS_CPU_SGEMM_H */
