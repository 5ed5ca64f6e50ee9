#!/usr/bin/env bash
# test_consumer.sh - a user's journey with an installed benchgate, from a project of its own
# (tests/consumer: zlib's compress2, a custom metric, instruction counts), run from its folder:
#   1. no baseline yet: ctest -L bench says Skipped (never Passed), the verdict table says
#      "not gated" and prints the capture command; CTest's own Test.xml (ctest -T Test) still
#      holds the figures, in bench.measurements (also after 3, gated);
#   2. that command, run as printed (with BENCHGATE_BASELINE_RUNS=1 from the environment),
#      captures the baseline; no re-configure; BENCHGATE_BASELINE_RUNS=many is refused;
#   3. ctest -L bench passes, the table says pass; --output-junit keeps its whole output;
#   4. -DZBENCH_SLOWER=ON (10% more work): ctest -L bench fails and shows the regression row,
#      also in $GITHUB_STEP_SUMMARY;
#   5. back: passes again;
#   6. the installed `benchgate list` finds the project's build/ from its folder and below;
#   7. pkg-config: benchgate-main links a bench with cc alone.
# MODE cpu-only configures the project with CMAKE_DISABLE_FIND_PACKAGE_CUDAToolkit=ON: no
# CUDA library may be linked into the benchmark.
#
# Usage: test_consumer.sh SOURCE_DIR BUILD_DIR [default|cpu-only]   Exit: 0 pass, 1 fail, 77 skip.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 SOURCE_DIR BUILD_DIR [default|cpu-only]" >&2
    exit 1
fi
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
mode=${3:-default}
case "$mode" in
default | cpu-only) ;;
*)
    echo "FAIL: unknown mode '$mode' (default or cpu-only)" >&2
    exit 1
    ;;
esac

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# expect LOG PATTERN DESCRIPTION: LOG must hold an extended regex match.
expect() {
    grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "$3 (no match for '$2' in $1)"; }
}

# refuse LOG PATTERN DESCRIPTION: LOG must not match.
refuse() {
    if grep -Eq -- "$2" "$1"; then
        cat "$1" >&2
        fail "$3 (found '$2' in $1)"
    fi
}

if ! printf '#include <zlib.h>\n' | "${CC:-cc}" -E - >/dev/null 2>&1; then
    echo "SKIP: zlib.h not found (install zlib1g-dev)"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-consumer.XXXXXX") || fail "mktemp failed"
tmp=$(cd "$tmp" && pwd -P)
trap '[ "${BG_KEEP_TMP:-0}" = 1 ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

unset BENCH_MEASURE BENCH_BASELINE BENCH_CONFIG BENCH_FILTER BENCHGATE_BUILD_DIR GITHUB_STEP_SUMMARY
export BENCH_REPETITIONS=1 BENCH_MIN_TIME=0.01 BENCH_MAX_TIME=0.05

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install $build failed"; }
cp -R "$src/tests/consumer" "$tmp/proj"
export PATH="$tmp/prefix/bin:$PATH"
cd "$tmp/proj" || fail "no $tmp/proj"

extra=()
[ "$mode" = cpu-only ] && extra=(-DCMAKE_DISABLE_FIND_PACKAGE_CUDAToolkit=ON)
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
configure() {
    cmake -S . -B build "${generator[@]+"${generator[@]}"}" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON \
        "${extra[@]+"${extra[@]}"}" "$@" >"$tmp/configure.log" 2>&1 ||
        { cat "$tmp/configure.log" >&2; fail "configuring the consumer failed"; }
    cmake --build build >"$tmp/build.log" 2>&1 ||
        { cat "$tmp/build.log" >&2; fail "building the consumer failed"; }
}
# gate LOG: ctest -L bench from the project's folder; @return its exit code
gate() {
    ctest --test-dir build -L bench --output-on-failure >"$1" 2>&1
}

configure
if [ "$mode" = cpu-only ]; then
    if command -v ldd >/dev/null 2>&1 && ldd build/bench_zlib | grep -Eq 'cudart|cuda_emu'; then
        fail "the CPU-only benchmark links a CUDA library: $(ldd build/bench_zlib)"
    fi
    expect "$tmp/configure.log" 'benchgate::cuda \(the GPU harness\) found: FALSE' "cpu-only configure"
fi

# 1. no baseline: visibly not gated
gate "$tmp/1.log" || fail "ctest without a baseline exited $? (a skip must not fail)"
expect "$tmp/1.log" 'bench\.zlib \.+\*\*\*Skipped' "no baseline: the test is Skipped"
refuse "$tmp/1.log" 'bench\.zlib \.+ +Passed' "no baseline: Passed"
expect "$tmp/1.log" '^not gated +zlib ' "no baseline: the table says not gated"
expect "$tmp/1.log" 'fail_on_no_baseline' "no baseline: the policy is printed"
capture=$(sed -n 's/^  capture: //p' "$tmp/1.log" | head -n 1)
[ -n "$capture" ] || fail "no capture command in the output: $(cat "$tmp/1.log")"
echo "capture command printed: $capture"

# test_xml STEP: `ctest -T Test -L bench` writes a Test.xml in which bench.measurements passed
# and holds the bench's figures as CTest's <NamedMeasurement>s, gated or not.
test_xml() {
    rm -rf build/Testing
    ctest --test-dir build -T Test -L bench >"$tmp/$1.log" 2>&1
    xml=$(find build/Testing -name Test.xml | head -n 1)
    [ -n "$xml" ] || { cat "$tmp/$1.log" >&2; fail "$1: ctest -T Test wrote no Test.xml"; }
    /usr/bin/env python3 - "$xml" <<'PY' || fail "$1: Test.xml ($xml) lacks the figures"
import sys
import xml.etree.ElementTree as ET
tests = {t.findtext("Name"): t for t in ET.parse(sys.argv[1]).getroot().iter("Test")}
m = tests.get("bench.measurements")
if m is None or m.get("Status") != "passed":
    sys.exit("bench.measurements: %s" % (m.get("Status") if m is not None else "missing"))
names = [n.get("name") for n in m.iter("NamedMeasurement") if n.get("type") == "numeric/double"]
figures = [n for n in names if n.startswith("compress_chunks/")]
print("Test.xml: bench.zlib %s; bench.measurements holds %d figures, e.g. %s" % (
    tests["bench.zlib"].get("Status"), len(figures), figures[:2]))
sys.exit(0 if figures else "no compress_chunks/ figure among %s" % names[:8])
PY
}
test_xml 1b

# 2. the printed command, as a user pastes it; the number of runs from the environment
BENCHGATE_BASELINE_RUNS=1 eval "$capture" >"$tmp/2.log" 2>&1 ||
    { cat "$tmp/2.log" >&2; fail "the capture command failed: $capture"; }
expect "$tmp/2.log" 'BENCHGATE_BASELINE_RUNS=1 \(environment\)' "the runs from the environment"
if [ ! -d build/baseline-run/1 ] || [ -d build/baseline-run/2 ]; then
    fail "BENCHGATE_BASELINE_RUNS=1 did not make one run: $(ls build/baseline-run)"
fi
baseline=$(find ci/baselines -name zlib.json | head -n 1)
[ -n "$baseline" ] || fail "no ci/baselines/<class>/zlib.json after the capture"
echo "baseline captured: $baseline"
# a broken setting is refused by name, and the baseline stays as it was
sum=$(cksum <"$baseline")
if BENCHGATE_BASELINE_RUNS=many cmake --build build --target bench-baseline >"$tmp/2b.log" 2>&1; then
    fail "BENCHGATE_BASELINE_RUNS=many was accepted"
fi
expect "$tmp/2b.log" "BENCHGATE_BASELINE_RUNS='many' is not 1 to 32" \
    "a broken BENCHGATE_BASELINE_RUNS"
[ "$(cksum <"$baseline")" = "$sum" ] || fail "a refused capture changed $baseline"

# 3. gated, nothing worse
gate "$tmp/3.log" || { cat "$tmp/3.log" >&2; fail "ctest against its own baseline exited $?"; }
expect "$tmp/3.log" 'bench\.zlib \.+ +Passed' "with a baseline: Passed"
expect "$tmp/3.log" '^pass +zlib +instructions +[0-9]+/[0-9]+' "with a baseline: the table says pass"
expect "$tmp/3.log" '^verdict: 0 regressed, .*1 pass' "with a baseline: the totals"
test_xml 3b
# 3c. --output-junit keeps a passed test's whole output (CTest's default: 1024 bytes): the
# bench's, and the project's long_output test (3,003 bytes)
ctest --test-dir build -R '^(bench\.zlib|long_output)$' --output-junit "$tmp/junit.xml" >"$tmp/3c.log" 2>&1 ||
    { cat "$tmp/3c.log" >&2; fail "ctest --output-junit exited $?"; }
/usr/bin/env python3 - "$tmp/junit.xml" <<'PY' || fail "3c: the JUnit file ($tmp/junit.xml) cut the output"
import sys
import xml.etree.ElementTree as ET
cases = {c.get("name"): c.findtext("system-out") or "" for c in ET.parse(sys.argv[1]).getroot().iter("testcase")}
bench, long_out = cases["bench.zlib"], cases["long_output"]
print("JUnit: bench.zlib's output ends: %s; long_output: %d bytes" % (bench.strip().splitlines()[-1][:50], len(long_out)))
if "gate: pass" not in bench:
    sys.exit("bench.zlib: no gate line in %r" % bench[-300:])
if "exceeds the threshold" in long_out or len(long_out) < 3003 or "9end" not in long_out:
    sys.exit("long_output cut at %d bytes: %r" % (len(long_out), long_out[-200:]))
PY
# 4. a 10% slower build, in instructions: fails, the row names it
configure -DZBENCH_SLOWER=ON
summary="$tmp/step_summary.md"
if GITHUB_STEP_SUMMARY=$summary gate "$tmp/4.log"; then
    cat "$tmp/4.log" >&2
    fail "10% more work passed the gate"
fi
expect "$tmp/4.log" 'bench\.zlib \.+\*\*\*Failed' "10% more work: the test fails"
expect "$tmp/4.log" '^regression +zlib ' "10% more work: the table's outcome"
expect "$tmp/4.log" 'regression +compress_chunks/cpu/level=1 instructions: .*\(\+(9\.[5-9]|10\.[0-4])[0-9]*%' \
    "10% more work: the row with the change"
expect "$summary" '^### benchgate verdicts' "the step summary"
# shellcheck disable=SC2016 # backquotes of Markdown, not a command
expect "$summary" '\*\*regression\*\* \| `zlib`' "the step summary's regression row"

# 5. back to the baseline's code
configure -DZBENCH_SLOWER=OFF
gate "$tmp/5.log" || { cat "$tmp/5.log" >&2; fail "back to the old code: ctest exited $?"; }
expect "$tmp/5.log" '^pass +zlib ' "back to the old code: pass"

# 6. the installed command finds this project's build tree, not benchgate's own
benchgate list >"$tmp/6.log" 2>&1 || { cat "$tmp/6.log" >&2; fail "benchgate list failed"; }
expect "$tmp/6.log" '^zlib' "benchgate list in the project: its bench"
refuse "$tmp/6.log" '^triad' "benchgate list in the project: benchgate's own benches"
mkdir -p src/deeper
(cd src/deeper && benchgate list) >"$tmp/6b.log" 2>&1 ||
    fail "benchgate list from a subfolder failed: $(cat "$tmp/6b.log")"
expect "$tmp/6b.log" '^zlib' "benchgate list from a subfolder"

# 7. pkg-config: the main library's .pc
if command -v pkg-config >/dev/null 2>&1; then
    pcdir=$(dirname "$(find "$tmp/prefix" -name benchgate-main.pc | head -n 1)")
    flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs benchgate-main) ||
        fail "pkg-config --cflags --libs benchgate-main failed"
    read -r -a words <<<"$flags"
    "${CC:-cc}" zlib_bench.c -o "$tmp/pc_bench" "${words[@]}" -lz >"$tmp/7.log" 2>&1 ||
        { cat "$tmp/7.log" >&2; fail "cc zlib_bench.c \$(pkg-config --cflags --libs benchgate-main) -lz"; }
    "$tmp/pc_bench" --list >"$tmp/7b.log" 2>&1 || fail "the pkg-config build does not run"
    expect "$tmp/7b.log" '^compress_chunks/cpu/level=6$' "the pkg-config build lists its instances"
    if [ "$mode" = cpu-only ]; then
        case " $flags " in
        *cudart* | *cuda_emu*) fail "benchgate-main.pc names a CUDA library: $flags" ;;
        esac
    fi
fi
# 8. a pull request, A/B on one machine: the installed recipe builds the merge base in a git
#    worktree with the head build's compiler and flags and runs benchgate ab; 10% more work in
#    the pull request is a regression (exit 1), no change passes (exit 0)
recipe="$tmp/prefix/share/benchgate/ab_pr.sh"
[ -x "$recipe" ] || fail "ab_pr.sh is not installed at $recipe"
if [ "$mode" = default ] && command -v git >/dev/null 2>&1; then
    printf 'build*/\nci/\n' >.gitignore
    { git init -q -b main . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base; } ||
        fail "git init of the consumer failed"
    git checkout -q -b pr
    sed -i.orig 's/^#define CHUNKS 10$/#define CHUNKS 11/' zlib_bench.c && rm -f zlib_bench.c.orig
    git -c user.name=t -c user.email=t@t commit -qam "11 chunks" || fail "git commit failed"
    configure
    "$recipe" --base-ref=main -- --budget=120 --output-dir="$tmp/ab-slow" >"$tmp/8.log" 2>&1
    rc=$?
    [ "$rc" = 1 ] || { cat "$tmp/8.log" >&2; fail "A/B of 10% more work exited $rc, not 1"; }
    expect "$tmp/8.log" '^compress_chunks/cpu/level=1 +instructions .* regression' "A/B: the regression row"
    expect "$tmp/8.log" '\(merge base with main\)' "A/B: the merge base is named"
    git checkout -q main && configure
    "$recipe" --base-ref=main -- --budget=120 --output-dir="$tmp/ab-same" >"$tmp/8b.log" 2>&1 ||
        { cat "$tmp/8b.log" >&2; fail "A/B of the same code exited $?"; }
    expect "$tmp/8b.log" '^verdict: 0 regressed, 0 improved, 0 inconclusive, [1-9][0-9]* pass' "A/A: pass"
fi
echo "PASS: the consumer journey ($mode): not gated -> captured -> pass -> regression -> pass -> A/B"
