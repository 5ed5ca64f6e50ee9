#!/usr/bin/env bash
# gpu_check.sh - the whole GPU check in one call: build with CUDA, run the unit tests, find the
# GPU, calibrate, run the GPU benchmarks (hot and cold, out of memory, the MLP on CPU and GPU)
# and print a table with the acceptance checks last. Results go to $OUT (the device tool's
# folder) or BUILD_DIR/gpu-check.
# usage: scripts/gpu_check.sh [full|quick|emulate]
#   full (default): the sizes of the acceptance checks;  quick: shorter sampling;
#   emulate: no GPU needed: BENCHGATE_CUDA=EMULATE (the CPU emulator, emulator/), small sizes,
#   the same benchmarks, scripts and table; correctness and out of memory are judged, speed not.
set -u
mode=${1:-full}
case $mode in full | quick | emulate) ;; *) echo "gpu_check.sh: mode: full, quick or emulate (got '$mode')" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
deps=$root/.gpu-deps/root/usr
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
if [ "$mode" = emulate ]; then
    build=${BUILD_DIR:-$root/build-gpu-emu}
    args=(-G Ninja -DBENCHGATE_CUDA=EMULATE -DCMAKE_BUILD_TYPE=Release -DBENCHGATE_BUILD_TESTS=OFF)
else
    build=${BUILD_DIR:-$root/build-gpu}
    args=(-G Ninja -DBENCHGATE_CUDA=ON -DCMAKE_BUILD_TYPE=Release)
fi
out=${OUT:-$build/gpu-check}
mkdir -p "$out"
if [ ! -f /usr/include/cjson/cJSON.h ] && [ -d "$deps/include" ]; then
    echo "== using the libraries staged by scripts/gpu_deps.sh ($deps)"
    lib="$deps/lib/x86_64-linux-gnu"
    args+=("-DCMAKE_PREFIX_PATH=$deps" "-DCMAKE_INCLUDE_PATH=$deps/include" "-DCMAKE_LIBRARY_PATH=$lib")
    export LD_LIBRARY_PATH="$lib:${LD_LIBRARY_PATH:-}" PKG_CONFIG_PATH="$lib/pkgconfig"
fi
command -v ninja >/dev/null 2>&1 || args=("${args[@]:2}")
sampling=(--min-time=0.5 --max-time=3 --repetitions=3)
[ "$mode" = quick ] && sampling=(--min-time=0.1 --max-time=1 --repetitions=2)
[ "$mode" = emulate ] && sampling=(--min-time=0.01 --max-time=0.2 --repetitions=2)

echo "== GPU ($mode)"
if [ "$mode" = emulate ]; then
    echo "the CUDA emulator: kernels on host threads, no GPU (speed figures mean nothing)"
else
    nvidia-smi -L || echo "nvidia-smi failed"
fi
echo "== build"
cmake -S "$root" -B "$build" "${args[@]}" >"$out/configure.log" 2>&1 ||
    { tail -30 "$out/configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)" >"$out/build.log" 2>&1 || { grep -E "error" "$out/build.log" | head -30; exit 1; }
bg="$build/src/cli/benchgate"
"$bg" gpu | head -1
if [ "$mode" = emulate ]; then
    echo "== unit tests and calibrate: not on the emulator (the CPU test suite and CI cover the first)"
else
    echo "== unit tests"
    ctest --test-dir "$build" -L unit --output-on-failure 2>&1 | tail -4
    echo "== calibrate"
    "$bg" calibrate --build-dir="$build" --output="$out/profile.json" | tail -8
    export BENCHGATE_PROFILE="$out/profile.json"
fi
status=0
run() { # name executable [flags...]
    local name=$1 exe=$2 rc
    shift 2
    "$build/benches/bench_$exe" --no-ui --baseline=off "${sampling[@]}" --output-dir="$out/$name" "$@" \
        >"$out/$name.log" 2>&1
    rc=$?
    echo "$name: exit $rc"
    case $name in oom_*) [ "$rc" = 3 ] || status=1 ;; *) [ "$rc" = 0 ] || status=1 ;; esac
}
# small(full sizes, emulator sizes): the axis flags of a run
small() {
    if [ "$mode" = emulate ]; then echo "$2"; else echo "$1"; fi
}
echo "== benchmarks"
# shellcheck disable=SC2046 # small prints flags without spaces inside them
{
    run triad_hot gpu_triad $(small "" "--axis=n=65536,65537")
    run triad_cold gpu_triad --cold $(small "--filter=n=(1M|16M)$" "--axis=n=65536")
    run sgemm_gpu sgemm --filter=^gpu_sgemm/ $(small "" "--axis=n=128")
    run reduce reduce $(small "" "--axis=n=4099")
    run mlp_cpu mlp --device=cpu --filter=concurrency=1$ $(small "" "--axis=batch_size=32")
    run mlp_gpu mlp --device=cuda $(small "" "--axis=batch_size=1,32")
}
echo "== out of memory (an axis far too large: must be an error, not a crash)"
run oom_gpu gpu_triad --axis=n=64G --repetitions=1
run oom_cpu triad --axis=n=1024,4T --repetitions=1
grep -h "out of memory" "$out/oom_gpu.log" "$out/oom_cpu.log" | head -4
if [ "$mode" = emulate ]; then
    echo "== throttling (a stand-in NVML, emulator/nvml_emu.c): throttled samples are dropped"
    export BENCHGATE_NVML_LIBRARY="$build/emulator/libbg_nvml_emu.so"
    BG_NVML_EMU_THROTTLE_EVERY=0 run clocks_steady gpu_triad --axis=n=65536
    BG_NVML_EMU_THROTTLE_EVERY=3 run clocks_throttled gpu_triad --axis=n=65536
    unset BENCHGATE_NVML_LIBRARY
    "$py" - "$out" <<'PY' || status=1
import json, os, sys
out = sys.argv[1]
def metrics(name):
    b = json.load(open(os.path.join(out, name, "result.json")))["benchmarks"][0]
    return b["metrics"]
steady, hot = metrics("clocks_steady"), metrics("clocks_throttled")
log = open(os.path.join(out, "clocks_throttled.log")).read()
ok = (steady["sm_clock_mhz"]["value"] == 1980 and steady["throttled_samples"]["value"] == 0
      and hot["throttled_samples"]["value"] > 0 and "throttled sample(s) dropped" in log)
print("%s  throttled samples dropped (steady: %d MHz, 0 throttled; every 3rd reading throttled: "
      "%d dropped, %s)" % ("PASS" if ok else "FAIL", steady["sm_clock_mhz"]["value"],
                            hot["throttled_samples"]["value"], hot["time_ns"]["status"]))
sys.exit(0 if ok else 1)
PY
fi
"$py" "$root/scripts/gpu_table.py" "$out" || status=1
exit "$status"
