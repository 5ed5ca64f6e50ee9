#!/usr/bin/env bash
# gpu_check.sh - the whole GPU check in one call: build with CUDA, run the unit tests, find the
# GPU, calibrate, run the GPU benchmarks (hot and cold, out of memory, the MLP on CPU and GPU)
# and print a table with the acceptance checks last. Results go to $OUT (the device tool's
# folder) or build-gpu/gpu-check.
# usage: scripts/gpu_check.sh [quick]     (quick: shorter sampling)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-gpu}
out=${OUT:-$build/gpu-check}
deps=$root/.gpu-deps/root/usr
py=python3
mkdir -p "$out"
args=(-G Ninja -DBENCHGATE_CUDA=ON -DCMAKE_BUILD_TYPE=Release)
if [ ! -f /usr/include/cjson/cJSON.h ] && [ -d "$deps/include" ]; then
    echo "== using the libraries staged by scripts/gpu_deps.sh ($deps)"
    lib="$deps/lib/x86_64-linux-gnu"
    args+=("-DCMAKE_PREFIX_PATH=$deps" "-DCMAKE_INCLUDE_PATH=$deps/include" "-DCMAKE_LIBRARY_PATH=$lib")
    export LD_LIBRARY_PATH="$lib:${LD_LIBRARY_PATH:-}" PKG_CONFIG_PATH="$lib/pkgconfig"
fi
command -v ninja >/dev/null 2>&1 || args=("${args[@]:2}")
quick=(--min-time=0.5 --max-time=3 --repetitions=3)
[ "${1:-}" = quick ] && quick=(--min-time=0.1 --max-time=1 --repetitions=2)

echo "== GPU"
nvidia-smi -L || echo "nvidia-smi failed"
echo "== build"
cmake -S "$root" -B "$build" "${args[@]}" >"$out/configure.log" 2>&1 ||
    { tail -30 "$out/configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)" >"$out/build.log" 2>&1 || { grep -E "error" "$out/build.log" | head -30; exit 1; }
bg="$build/src/cli/benchgate"
"$bg" gpu
echo "== unit tests"
ctest --test-dir "$build" -L unit --output-on-failure 2>&1 | tail -4
echo "== calibrate"
"$bg" calibrate --build-dir="$build" --output="$out/profile.json" | tail -8
export BENCHGATE_PROFILE="$out/profile.json"
run() { # name bench [flags...]
    local name=$1 bench=$2
    shift 2
    "$build/benches/bench_$bench" --no-ui --baseline=off "${quick[@]}" --output-dir="$out/$name" "$@" \
        >"$out/$name.log" 2>&1
    echo "$name: exit $?"
}
echo "== benchmarks"
run triad_hot gpu_triad
run triad_cold gpu_triad --cold --filter='n=(1M|16M)$'
run sgemm_gpu gpu_sgemm
run reduce reduce
run mlp_cpu mlp --device=cpu --filter='concurrency=1$'
run mlp_gpu mlp --device=cuda
echo "== out of memory (an axis far too large: must be an error, not a crash)"
run oom_gpu gpu_triad --axis=n=64G --repetitions=1
run oom_cpu triad --axis=n=1024,4T --repetitions=1
grep -h "out of memory" "$out/oom_gpu.log" "$out/oom_cpu.log" | head -4
"$py" "$root/scripts/gpu_table.py" "$out"
