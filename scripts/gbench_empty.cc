// gbench_empty.cc - Google Benchmark's cost per iteration of an empty loop, the reference for
// benches/overhead.c (see overhead_vs_gbench.sh). Build: g++ -O2 gbench_empty.cc -lbenchmark -lpthread
#include <benchmark/benchmark.h>

static void BM_empty(benchmark::State& s) {
    for (auto _ : s) {
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_empty);
BENCHMARK_MAIN();
