/* triad.c - the STREAM triad kernel (independent of the harness). */
#include <math.h>

#include "triad.h"

void triad_cpu(double *restrict a, const double *restrict b, const double *restrict c,
               double scalar, size_t n) {
    for (size_t i = 0; i < n; i++)
        a[i] = b[i] + scalar * c[i];
}

void triad_fill(double *b, double *c, size_t n, unsigned long long seed) {
    unsigned long long x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (size_t i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        b[i] = (double)(x >> 11) / 9007199254740992.0;
        c[i] = (double)((x >> 3) & 0xffff) / 65536.0;
    }
}

double triad_check(const double *a, const double *b, const double *c, double scalar, size_t n) {
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        long double expect = (long double)b[i] + (long double)scalar * (long double)c[i];
        long double scale = fabsl(expect) > 1e-300L ? fabsl(expect) : 1e-300L;
        double err = (double)(fabsl((long double)a[i] - expect) / scale);
        if (isnan(err))
            return err;
        if (err > worst)
            worst = err;
    }
    return worst;
}
