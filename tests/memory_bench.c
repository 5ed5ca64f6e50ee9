/* memory_bench.c - benchmarks of known memory and working set, for tests/cli/bench_memory and
 * bench_roofline: the benchmark's peak (not the process's), what bg_alloc gave, and the memory
 * level a working set places a rate against. */
#include <benchgate/benchgate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Largest first: each smaller instance must report its own memory, not what the process held. */
static void mem_alloc(bg_state *s) {
    size_t bytes = (size_t)bg_axis_int(s, "mib") << 20;
    unsigned char *p = bg_alloc(s, bytes);
    BG_LOOP(s) {
        p[0]++;
        bg_do_not_optimize(p);
    }
}
BG_BENCHMARK(mem_alloc, .axes = "mib=96,8")

static void mem_malloc(bg_state *s) {
    size_t bytes = (size_t)bg_axis_int(s, "mib") << 20;
    unsigned char *p = malloc(bytes);
    if (p == NULL)
        bg_fail(s, "out of memory");
    memset(p, 1, bytes);
    BG_LOOP(s) {
        p[0]++;
        bg_do_not_optimize(p);
    }
    free(p);
}
BG_BENCHMARK(mem_malloc, .axes = "mib=24")

/* A 4 KiB working set read every iteration: an L1 rate. */
static void roof_l1(bg_state *s) {
    uint64_t *v = bg_alloc(s, 4096);
    for (size_t i = 0; i < 512; i++)
        v[i] = i;
    bg_set_working_set(s, 4096);
    bg_set_bytes_per_iter(s, 4096);
    bg_set_flops_per_iter(s, 512);
    BG_LOOP(s) {
        uint64_t sum = 0;
        for (size_t i = 0; i < 512; i++)
            sum += v[i];
        bg_do_not_optimize(&sum);
    }
}
BG_BENCHMARK(roof_l1)
