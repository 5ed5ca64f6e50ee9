#!/usr/bin/env bash
# fuzz.sh - builds the libFuzzer targets with clang under ASan+UBSan and runs each one.
#
# usage: scripts/fuzz.sh [--time=SECONDS] [--runs=N] [--jobs=N] [TARGET...]
#   targets: config_yaml result_json cmdline manifest (default: all)
# Each target starts from its committed corpus (tests/fuzz/corpus/<target>, copied: the
# committed one is not changed) and runs until the time or the number of executions is spent.
# A crash leaves its input in build-fuzz/crashes/<target>/ and makes the script exit 1.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
time_s=60 runs=-1 targets=()
for arg in "$@"; do
    case $arg in
    --time=*) time_s=${arg#*=} ;;
    --runs=*) runs=${arg#*=} ;;
    --help) sed -n '2,9p' "$0"; exit 0 ;;
    --*) echo "fuzz.sh: unknown flag '$arg'" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(config_yaml result_json cmdline manifest)
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
    (cd "$build" && "./tests/fuzz_$t" "$corpus" -max_total_time="$time_s" -runs="$runs" \
        -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1)
    rc=$?
    execs=$(grep -m1 "stat::number_of_executed_units" "$log" | awk '{print $2}')
    rate=$(grep -m1 "stat::average_exec_per_sec" "$log" | awk '{print $2}')
    crashes_found=$(find "$crashes" -type f | wc -l | tr -d ' ')
    printf '%-12s exit %-3s %12s executions  %8s exec/s  %s crash file(s)\n' "$t" "$rc" "${execs:-?}" "${rate:-?}" "$crashes_found"
    [ "$rc" = 0 ] && [ "$crashes_found" = 0 ] || failed=1
done
exit $failed
