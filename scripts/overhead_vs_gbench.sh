#!/usr/bin/env bash
# overhead_vs_gbench.sh - the harness's own cost per iteration next to Google Benchmark's: the
# empty loop of benches/overhead.c against the same loop in scripts/gbench_empty.cc, run in
# 5 interleaved rounds (the order flips each round), medians and their ratio.
#
# Usage: scripts/overhead_vs_gbench.sh [BUILD_DIR]   (default: build; bench_overhead built)
# Exit: 0 after reporting (it does not judge), 1 when a run fails, 77 when g++ or
# libbenchmark-dev (Google Benchmark) or python3 is missing.
set -u
export LC_ALL=C # printf reads "0.27" whatever the locale

rounds=5
build_dir=${1:-build}
script_dir=$(cd "$(dirname "$0")" && pwd -P)
python=${PYTHON:-python3}

fail() {
    echo "overhead_vs_gbench: $*" >&2
    exit 1
}
skip() {
    echo "SKIP: $*"
    exit 77
}

build_dir=$(cd "$build_dir" 2>/dev/null && pwd -P) || fail "no build directory ${1:-build}"
bench="$build_dir/benches/bench_overhead"
[ -x "$bench" ] || fail "$bench not found (build the benches first)"
command -v "$python" >/dev/null 2>&1 || skip "$python not found (needed to read the JSON)"
command -v "${CXX:-g++}" >/dev/null 2>&1 || skip "${CXX:-g++} not found"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-vs-gbench.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

gbench="$tmp/gbench_empty"
if ! "${CXX:-g++}" -O2 "$script_dir/gbench_empty.cc" -o "$gbench" -lbenchmark -lpthread \
    >"$tmp/gbench-build.log" 2>&1; then
    sed -n '1,5p' "$tmp/gbench-build.log"
    skip "Google Benchmark is not usable (install libbenchmark-dev): ${CXX:-g++} failed"
fi

# ns_per_iter KIND FILE: the ns per iteration in a benchgate result.json (KIND benchgate: the
# time_ns median) or a Google Benchmark JSON report (KIND gbench: benchmarks[0].real_time).
ns_per_iter() {
    "$python" - "$1" "$2" <<'EOF'
import json, sys
kind, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    d = json.load(f)
if kind == "benchgate":
    ns = d["benchmarks"][0]["metrics"]["time_ns"]["median"]
else:
    b = d["benchmarks"][0]
    ns = b["real_time"] * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
print(repr(float(ns)))
EOF
}

# benchgate_round N: ns per iteration of the harness's empty loop.
benchgate_round() {
    local out="$tmp/benchgate-$1"
    # From $tmp so that no bench.yaml of the current directory changes the budget; the
    # minimum time is the same 0.2 s that Google Benchmark gets.
    (cd "$tmp" && "$bench" --no-ui --format=json --repetitions=1 --min-time=0.2 \
        "--output-dir=$out") >"$out.log" 2>&1 || {
        cat "$out.log" >&2
        fail "bench_overhead failed in round $1"
    }
    ns_per_iter benchgate "$out/result.json" ||
        fail "no time_ns median in $out/result.json"
}

# gbench_round N: ns per iteration of Google Benchmark's empty loop (real time).
gbench_round() {
    local out="$tmp/gbench-$1.json"
    "$gbench" --benchmark_format=json --benchmark_min_time=0.2 >"$out" 2>"$out.log" || {
        cat "$out.log" >&2
        fail "gbench_empty failed in round $1"
    }
    ns_per_iter gbench "$out" ||
        fail "no benchmarks[0].real_time in $out"
}

bg_values=""
gb_values=""
printf '%-6s %16s %16s\n' round "benchgate ns" "gbench ns"
i=1
while [ "$i" -le "$rounds" ]; do
    if [ $((i % 2)) -eq 1 ]; then
        b=$(benchgate_round "$i") || exit 1
        g=$(gbench_round "$i") || exit 1
    else
        g=$(gbench_round "$i") || exit 1
        b=$(benchgate_round "$i") || exit 1
    fi
    printf '%-6s %16.4f %16.4f\n' "$i" "$b" "$g"
    bg_values="$bg_values $b"
    gb_values="$gb_values $g"
    i=$((i + 1))
done

"$python" - "$bg_values" "$gb_values" <<'EOF'
import statistics, sys
bg = statistics.median(float(v) for v in sys.argv[1].split())
gb = statistics.median(float(v) for v in sys.argv[2].split())
print("benchgate empty loop: %.2f ns/iter; Google Benchmark: %.2f ns/iter; ratio %.2f "
      "(<= 1 means benchgate's overhead is no higher)" % (bg, gb, bg / gb))
EOF
