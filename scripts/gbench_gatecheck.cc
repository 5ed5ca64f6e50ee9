// gbench_gatecheck.cc - benches/gatecheck.c's kernel under Google Benchmark, for the side-by-side
// power figures of scripts/power_check.sh: the same spin chain of 4096 steps, and the same
// BENCHGATE_EXTRA_WORK_PCT knob (PCT% more steps per iteration), which can also be compiled in
// (-DEXTRA_WORK_PCT=5): compare.py runs only executables, not a wrapper that sets the variable.
// Build: gcc -O3 -c kernels/cpu/spin.c && g++ -O3 -Ikernels/cpu gbench_gatecheck.cc spin.o -lbenchmark -lpthread
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>

#ifndef EXTRA_WORK_PCT
#define EXTRA_WORK_PCT 0.0
#endif

extern "C" {
#include "spin.h"
}

static void BM_gatecheck(benchmark::State& state) {
    const char* extra = std::getenv("BENCHGATE_EXTRA_WORK_PCT");
    double pct = extra ? std::atof(extra) : (double)EXTRA_WORK_PCT;
    if (pct < 0 || pct > 1000) {
        state.SkipWithError("BENCHGATE_EXTRA_WORK_PCT: expected 0 to 1000");
        return;
    }
    uint64_t steps = (uint64_t)(4096.0 * (1.0 + pct / 100.0));
    uint64_t out = 0;
    for (auto _ : state) {
        out = spin_chain(42, steps);
        benchmark::DoNotOptimize(out);
    }
    if (out != spin_reference(42, steps)) state.SkipWithError("mismatch");
    state.SetItemsProcessed((int64_t)state.iterations() * (int64_t)steps);
}
BENCHMARK(BM_gatecheck);
BENCHMARK_MAIN();
