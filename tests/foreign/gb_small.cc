// gb_small.cc - a small Google Benchmark program (libbenchmark-dev) whose real JSON the foreign
// tests read: repetitions, a counter, a rate, a label, a failed benchmark (GB_SMALL_FAIL=1), and
// a slower copy of one benchmark (GB_SMALL_SLOW=1) for a gate that must see a regression.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <vector>

static bool env_on(const char *name) {
    const char *v = std::getenv(name);
    return v != nullptr && std::strcmp(v, "1") == 0;
}

static void BM_Sum(benchmark::State &state) {
    std::vector<double> v(static_cast<size_t>(state.range(0)), 1.0);
    const int rounds = env_on("GB_SMALL_SLOW") ? 3 : 1;
    for (auto _ : state) {
        double s = 0;
        for (int r = 0; r < rounds; r++)
            for (double x : v)
                s += x;
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0) * 8);
    state.counters["elements"] = static_cast<double>(state.range(0));
    state.SetLabel("doubles");
}
BENCHMARK(BM_Sum)->Arg(4096)->Unit(benchmark::kMicrosecond);

static void BM_Check(benchmark::State &state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(state.iterations());
    if (env_on("GB_SMALL_FAIL"))
        state.SkipWithError("wrong result: 41 != 42");
}
BENCHMARK(BM_Check);

BENCHMARK_MAIN();
