#!/usr/bin/env bash
# compare_gpu_cpu.sh - the same benchmarks on the CPU and the GPU, side by side.
#
# usage: bench/compare_gpu_cpu.sh [--build-dir=DIR] [--out=DIR] [--bench=NAME]... [run flags]
#
# Runs each bench executable that has CPU and CUDA instances (default: mlp and reduce) once with
# --device=cpu and once with --device=cuda, prints a table (median time per device, speed-up,
# throughput), and checks with `benchgate compare --metric=accuracy --ignore-device` that both
# devices' accuracies agree. Without a GPU the CUDA side is reported as skipped, with the reason.
# Intermediate results go to bench/tmp/compare_gpu_cpu-<time> (see `benchgate clean`).
set -u
build=build out="bench/tmp/compare_gpu_cpu-$(date +%Y%m%d-%H%M%S)"
benches=() flags=()
for arg in "$@"; do
    case $arg in
    --build-dir=*) build=${arg#*=} ;;
    --out=*) out=${arg#*=} ;;
    --bench=*) benches+=("${arg#*=}") ;;
    --help) sed -n '2,11p' "$0"; exit 0 ;;
    --*) flags+=("$arg") ;;
    *) echo "compare_gpu_cpu.sh: unexpected argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#benches[@]} -gt 0 ] || benches=(mlp reduce)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
mkdir -p "$out" || exit 2
for b in "${benches[@]}"; do
    exe="$build/benches/bench_$b"
    [ -x "$exe" ] || { echo "compare_gpu_cpu.sh: $exe not found (build first)" >&2; exit 2; }
    for dev in cpu cuda; do
        "$exe" --no-ui --baseline=off --device="$dev" ${flags[@]+"${flags[@]}"} \
            --output-dir="$out/$b-$dev" >"$out/$b-$dev.log" 2>&1
        rc=$?
        case $rc in 0 | 77) ;; *) echo "compare_gpu_cpu.sh: $b on $dev failed (exit $rc): $out/$b-$dev.log" >&2 ;; esac
    done
done
"$py" - "$out" "${benches[@]}" <<'PY'
import json, os, sys
out, benches = sys.argv[1], sys.argv[2:]
def load(path):
    try:
        return json.load(open(path))["benchmarks"]
    except (OSError, ValueError, KeyError):
        return []
def key(name):
    parts = name.split("/")
    return "/".join(parts[:1] + parts[2:])
print("%-40s %14s %14s %9s  %s" % ("benchmark", "cpu median", "cuda median", "speed-up", "note"))
for b in benches:
    cpu = {key(x["name"]): x for x in load(os.path.join(out, b + "-cpu", "result.json"))}
    gpu = {key(x["name"]): x for x in load(os.path.join(out, b + "-cuda", "result.json"))}
    for k in sorted(set(cpu) | set(gpu)):
        c, g = cpu.get(k, {}), gpu.get(k, {})
        ct = c.get("metrics", {}).get("time_ns", {}).get("median")
        gt = g.get("metrics", {}).get("time_ns", {}).get("median")
        note = "" if g.get("status") == "ok" else (g.get("error_message") or "no CUDA instance")[:60]
        print("%-40s %14s %14s %9s  %s" % (k, "%.4g us" % (ct / 1e3) if ct else c.get("status", "-"),
              "%.4g us" % (gt / 1e3) if gt else g.get("status", "-"),
              "%.1fx" % (ct / gt) if ct and gt else "", note))
PY
for b in "${benches[@]}"; do
    if [ -f "$out/$b-cuda/result.json" ] && grep -qE '"accuracy":[[:space:]]*[{]' "$out/$b-cpu/result.json" 2>/dev/null; then
        echo "== accuracy, CPU vs GPU ($b)"
        "$build/src/cli/benchgate" compare "$out/$b-cpu" "$out/$b-cuda" --metric=accuracy --ignore-device --no-fail | tail -3
    fi
done
echo "results: $out"
