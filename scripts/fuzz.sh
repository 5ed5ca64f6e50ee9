#!/usr/bin/env bash
# fuzz.sh - builds the libFuzzer targets with clang under ASan+UBSan and runs each one.
#
# usage: scripts/fuzz.sh [--time=SECONDS] [--runs=N] [--jobs=N] [TARGET...]
#   targets: config_yaml result_json cmdline manifest checkpoint profile dataset_index
#            verify_cache verdict history env verb_flags (default: all)
# Each target starts from its committed corpus (tests/fuzz/corpus/<target>, copied: the
# committed one is not changed) and runs until the time or the number of executions is spent.
# A crash leaves its input in build-fuzz/crashes/<target>/ and makes the script exit 1.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
time_s=60 runs=-1 jobs=1 targets=()
for arg in "$@"; do
    case $arg in
    --time=*) time_s=${arg#*=} ;;
    --runs=*) runs=${arg#*=} ;;
    --jobs=*) jobs=${arg#*=} ;;
    --help) sed -n '2,10p' "$0"; exit 0 ;;
    --*) echo "fuzz.sh: unknown flag '$arg'" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
    esac
done
case $jobs in '' | *[!0-9]* | 0) echo "fuzz.sh: --jobs=$jobs: a number of parallel fuzzers, 1 or more" >&2; exit 2 ;; esac
case $runs in -1) ;; '' | *[!0-9]*) echo "fuzz.sh: --runs=$runs: a number of executions" >&2; exit 2 ;; esac
case $time_s in '' | *[!0-9]*) echo "fuzz.sh: --time=$time_s: whole seconds" >&2; exit 2 ;; esac
[ ${#targets[@]} -gt 0 ] || targets=(config_yaml result_json cmdline manifest checkpoint profile
    dataset_index verify_cache verdict history env verb_flags)
command -v clang >/dev/null 2>&1 || { echo "fuzz.sh: clang not found (apt-get install clang)" >&2; exit 77; }
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBENCHGATE_FUZZ=ON \
    -DBENCHGATE_SANITIZE=address,undefined -DBENCHGATE_CUDA=OFF -DBENCHGATE_BUILD_BENCHES=OFF \
    >"$build.configure.log" 2>&1 || { tail -20 "$build.configure.log"; exit 1; }
failed=0
for t in "${targets[@]}"; do
    cmake --build "$build" --target "fuzz_$t" >/dev/null 2>&1 || { echo "fuzz.sh: cannot build fuzz_$t" >&2; exit 1; }
    corpus="$build/corpus/$t" crashes="$build/crashes/$t"
    mkdir -p "$corpus" "$crashes"
    cp "$root/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null
    log="$build/fuzz_$t.log"
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    started=$SECONDS
    (cd "$build" && "./tests/fuzz_$t" "$corpus" -max_total_time="$time_s" -runs="$runs" \
        "${parallel[@]+"${parallel[@]}"}" -rss_limit_mb=2048 -artifact_prefix="$crashes/" \
        -print_final_stats=1 >"$log" 2>&1)
    rc=$? seconds=$((SECONDS - started))
    [ "$jobs" -gt 1 ] && cat "$build"/fuzz-*.log >>"$log" 2>/dev/null && rm -f "$build"/fuzz-*.log
    execs=$(grep "stat::number_of_executed_units" "$log" | awk '{s += $2} END {print s}')
    rate=$(grep "stat::average_exec_per_sec" "$log" | awk '{s += $2} END {print s}')
    cov=$(grep -o 'cov: [0-9]*' "$log" | awk '{print $2}' | sort -n | tail -n 1)
    crashes_found=$(find "$crashes" -type f | wc -l | tr -d ' ')
    printf '%-13s exit %-3s %12s executions  %8s exec/s  coverage %6s  %s crash file(s)  %ss\n' \
        "$t" "$rc" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$crashes_found" "$seconds"
    [ "$rc" = 0 ] && [ "$crashes_found" = 0 ] || failed=1
done
exit $failed
