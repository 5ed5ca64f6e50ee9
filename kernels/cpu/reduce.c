/* reduce.c - a lane-parallel float sum. */
#include "reduce.h"

float reduce_sum(const float *x, size_t n) {
    float lane[8] = {0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++)
            lane[k] += x[i + k];
    float total = 0;
    for (int k = 0; k < 8; k++)
        total += lane[k];
    for (; i < n; i++)
        total += x[i];
    return total;
}

long double reduce_reference(const float *x, size_t n) {
    long double total = 0;
    for (size_t i = 0; i < n; i++)
        total += x[i];
    return total;
}

void reduce_fill(float *x, size_t n, unsigned long long seed) {
    unsigned long long s = seed * 2862933555777941757ULL + 3037000493ULL;
    for (size_t i = 0; i < n; i++) {
        s = s * 2862933555777941757ULL + 3037000493ULL;
        x[i] = (float)(s >> 40) / 16777216.0f;
    }
}
