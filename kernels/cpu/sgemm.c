/* sgemm.c - naive and cache-blocked SGEMM, and an independent double-precision check. */
#include <math.h>
#include <string.h>

#include "sgemm.h"

void sgemm_naive(size_t m, size_t n, size_t k, const float *a, const float *b, float *c) {
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            float acc = 0;
            for (size_t p = 0; p < k; p++)
                acc += a[i * k + p] * b[p * n + j];
            c[i * n + j] = acc;
        }
}

enum { BM = 64, BN = 256, BK = 128 };

/* One tile: C[i0.., j0..] += A[i0.., p0..] * B[p0.., j0..], the inner loop running along rows
 * of B and C so that it vectorises. */
static void tile(size_t n, size_t k, const float *a, const float *b, float *c, size_t i0, size_t i1,
                 size_t j0, size_t j1, size_t p0, size_t p1) {
    for (size_t i = i0; i < i1; i++)
        for (size_t p = p0; p < p1; p++) {
            const float aip = a[i * k + p];
            const float *brow = b + p * n;
            float *crow = c + i * n;
            for (size_t j = j0; j < j1; j++)
                crow[j] += aip * brow[j];
        }
}

void sgemm_blocked(size_t m, size_t n, size_t k, const float *a, const float *b, float *c) {
    memset(c, 0, m * n * sizeof *c);
    for (size_t j0 = 0; j0 < n; j0 += BN)
        for (size_t p0 = 0; p0 < k; p0 += BK)
            for (size_t i0 = 0; i0 < m; i0 += BM)
                tile(n, k, a, b, c, i0, i0 + BM < m ? i0 + BM : m, j0, j0 + BN < n ? j0 + BN : n,
                     p0, p0 + BK < k ? p0 + BK : k);
}

/* Relative error of one entry against a double-precision dot product, scaled by sum |a||b|. */
static double entry_error(size_t n, size_t k, const float *a, const float *b, const float *c,
                          size_t i, size_t j) {
    double exact = 0, scale = 0;
    for (size_t p = 0; p < k; p++) {
        exact += (double)a[i * k + p] * (double)b[p * n + j];
        scale += fabs((double)a[i * k + p] * (double)b[p * n + j]);
    }
    double err = fabs((double)c[i * n + j] - exact) / (scale > 0 ? scale : 1);
    return isnan(c[i * n + j]) ? NAN : err;
}

double sgemm_check(size_t m, size_t n, size_t k, const float *a, const float *b, const float *c,
                   size_t checks, unsigned long long seed) {
    double worst = 0;
    size_t total = checks ? checks : m * n;
    for (size_t t = 0; t < total; t++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t idx = checks ? (size_t)(seed >> 17) % (m * n) : t;
        double e = entry_error(n, k, a, b, c, idx / n, idx % n);
        if (isnan(e))
            return e;
        worst = e > worst ? e : worst;
    }
    return worst;
}

void sgemm_fill(float *x, size_t count, unsigned long long seed) {
    for (size_t i = 0; i < count; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (float)((double)(seed >> 40) / 8388608.0 - 1.0);
    }
}
