/* cache_walk_bench.c - the same instructions with good or ruined locality, for
 * tests/cli/gate_cache_cycles: a sum over 1 MiB of data through an index array that is in order,
 * or (BENCHGATE_WALK=shuffled) a random permutation. The loop runs the same instructions either
 * way; only the cache misses differ, which estimated_cycles (--cache-sim) sees. */
#include <benchgate/benchgate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WALK_N (1u << 18)

static void shuffle(uint32_t *perm, uint32_t n) {
    uint64_t x = 88172645463325252ull;
    for (uint32_t i = n - 1; i > 0; i--) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint32_t j = (uint32_t)(x % (i + 1)), t = perm[i];
        perm[i] = perm[j], perm[j] = t;
    }
}

static void walk(bg_state *s) {
    uint32_t *perm = bg_alloc(s, WALK_N * sizeof *perm);
    uint32_t *data = bg_alloc(s, WALK_N * sizeof *data);
    for (uint32_t i = 0; i < WALK_N; i++)
        perm[i] = i, data[i] = i * 2654435761u;
    const char *order = getenv("BENCHGATE_WALK");
    if (order && strcmp(order, "shuffled") == 0)
        shuffle(perm, WALK_N);
    else if (order && strcmp(order, "sequential") != 0)
        bg_fail(s, "BENCHGATE_WALK=%s: expected sequential or shuffled", order);
    BG_LOOP(s) {
        uint32_t sum = 0;
        for (uint32_t i = 0; i < WALK_N; i++)
            sum += data[perm[i]];
        bg_do_not_optimize(&sum);
    }
}
BG_BENCHMARK(walk)
