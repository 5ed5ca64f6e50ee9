/* bytes_bench.c - benchmarks whose strings hold bytes that are not UTF-8 and terminal escapes,
 * for tests/cli/export_broken_bytes and tests/integration/test_utf8_fuzz.sh: every output must
 * still be valid UTF-8. BENCHGATE_FUZZ_MESSAGE replaces broken_bytes' message;
 * BENCHGATE_FUZZ_METRIC and BENCHGATE_FUZZ_UNIT name labelled's own metric (its axis `tag`
 * takes any --axis value). */
#include <benchgate/benchgate.h>
#include <stdlib.h>

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v ? v : fallback;
}

static void broken_bytes(bg_state *s) {
    bg_fail(s, "kernel said: %s",
            env_or("BENCHGATE_FUZZ_MESSAGE", "caf\xe9 \xff \x1b[31mred\xe2\x82"));
}
BG_BENCHMARK(broken_bytes)

static void fine(bg_state *s) {
    BG_LOOP(s) {
        int x = 1;
        bg_do_not_optimize(&x);
    }
}
BG_BENCHMARK(fine)

static void labelled(bg_state *s) {
    BG_LOOP(s) {
        int x = 1;
        bg_do_not_optimize(&x);
    }
    bg_report_metric(s, env_or("BENCHGATE_FUZZ_METRIC", "score"),
                     env_or("BENCHGATE_FUZZ_UNIT", "points"), 42.0, BG_HIGHER_IS_BETTER);
}
BG_BENCHMARK(labelled, .axes = "tag=plain")
