/* registry.c - benchmark families registered at load time by BG_BENCHMARK. */
#include <stdio.h>
#include <stdlib.h>

#include "measure/measure.h"

#define BG__MAX_FAMILIES 256

static const bg_benchmark_def *bg__families[BG__MAX_FAMILIES];
static size_t bg__family_count;

void bg_register(const bg_benchmark_def *def) {
    if (bg__family_count == BG__MAX_FAMILIES) {
        fprintf(stderr, "benchgate: more than %d benchmark families in one executable\n",
                BG__MAX_FAMILIES);
        abort();
    }
    bg__families[bg__family_count++] = def;
}

const bg_benchmark_def *const *bg__registered(size_t *count) {
    *count = bg__family_count;
    return bg__families;
}
