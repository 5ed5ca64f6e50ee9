/* name_bench.c - a bench for the tests whose one family is named, and whose work is sized, by
 * the environment: BG_TEST_FAMILY (default "named"), so a test can register a name over the
 * limit of 1024 bytes, one with a tab or one that is not valid UTF-8 (BG_BENCHMARK takes a C
 * identifier, which cannot: tests/cli/bench_name_limit); BG_TEST_WORK (default 100) steps per
 * iteration, an input the --reuse cache key must see (tests/cli/reuse_env_and_entries). */
#include <benchgate/benchgate.h>
#include <stdlib.h>

static void named(bg_state *s) {
    const char *work = getenv("BG_TEST_WORK");
    long steps = work ? atol(work) : 100;
    double x = 1;
    BG_LOOP(s) {
        for (long i = 0; i < steps; i++)
            x *= 1.0000001;
        bg_do_not_optimize(&x);
    }
}

static bg_benchmark_def def = {.name = "named", .fn = named};

__attribute__((constructor)) static void register_named(void) {
    const char *name = getenv("BG_TEST_FAMILY");
    if (name && name[0])
        def.name = name;
    bg_register(&def);
}
