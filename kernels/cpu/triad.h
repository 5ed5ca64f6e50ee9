/* triad.h - the STREAM triad a[i] = b[i] + scalar * c[i], and its reference check. */
#ifndef KERNELS_CPU_TRIAD_H
#define KERNELS_CPU_TRIAD_H

#include <stddef.h>

/** a[i] = b[i] + scalar * c[i] for i in [0, n). */
void triad_cpu(double *restrict a, const double *restrict b, const double *restrict c,
               double scalar, size_t n);

/** Fills b and c with reproducible values from seed. */
void triad_fill(double *b, double *c, size_t n, unsigned long long seed);

/**
 * @return the largest relative error |a[i] - r| / max(|r|, 1e-300), where r = b[i] + scalar * c[i]
 *         is computed independently in long double (NaN if any a[i] is NaN).
 */
double triad_check(const double *a, const double *b, const double *c, double scalar, size_t n);

#endif /* KERNELS_CPU_TRIAD_H */
