#!/usr/bin/env bash
# test_power_scripts.sh SOURCE_DIR BUILD_DIR - the scripts behind the power figures of
# docs/gates.md: bad arguments are refused by name (exit 2); power_check.sh runs its three gates
# side by side and counts a 50% slowdown as caught by each; duet_probe.sh measures both modes.
set -u
src=$1 build=$2
scripts=$src/scripts
fail=0
work=$(mktemp -d "${TMPDIR:-/tmp}/power_scripts.XXXXXX")
trap 'rm -rf "$work"' EXIT

# refused SCRIPT ARG WORDS: SCRIPT ARG exits 2 and its message holds WORDS.
refused() {
    local script=$1 arg=$2 words=$3 rc
    bash "$scripts/$script" --build-dir="$build" "$arg" >"$work/out" 2>&1
    rc=$?
    if [ "$rc" != 2 ] || ! grep -qF -- "$words" "$work/out"; then
        echo "FAIL: $script $arg: exit $rc (want 2), said: $(cat "$work/out")"
        fail=1
    fi
}
refused power_check.sh --compares=0 "--compares: a positive integer"
refused power_check.sh --compares=ten "--compares: a positive integer"
refused power_check.sh --extra=-5 "--extra: a percentage"
refused power_check.sh --budget=0 "--budget: a positive number of seconds"
refused power_check.sh --gates=ab,hyperfine "--gates: ab, baseline, gbench (not 'hyperfine')"
refused power_check.sh --frobnicate "unknown argument '--frobnicate'"
refused power_check.sh --ab-mode=both "--ab-mode: auto, duet or alternate (not 'both')"
refused ab_check.sh --ab-mode=both "--ab-mode: auto, duet or alternate (not 'both')"
refused duet_probe.sh --pairs=1 "--pairs: an integer of 2 or more"
refused duet_probe.sh --extra=5% "--extra: a percentage"
refused duet_probe.sh --frobnicate "unknown argument '--frobnicate'"
refused ab_check.sh --compares=0 "--compares: a positive integer"
refused ab_check.sh --extra=x "--extra: a percentage"
refused aa_check.sh --mode=wall "--mode: time, cpu or instructions"
for script in power_check.sh duet_probe.sh ab_check.sh aa_check.sh; do
    bash "$scripts/$script" --build-dir="$work/nothing" >"$work/out" 2>&1
    rc=$?
    if [ "$rc" != 2 ] || ! grep -q "$work/nothing.* not found: build first" "$work/out"; then
        echo "FAIL: $script on an empty build folder: exit $rc, said: $(cat "$work/out")"
        fail=1
    fi
done

# One compare of each gate, the head doing 50% more work: every gate sees it.
gates=ab,baseline,gbench
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if [ ! -f /usr/share/benchmark/compare.py ] || ! "$py" -c 'import scipy' 2>/dev/null; then
    echo "note: compare.py or scipy missing (libbenchmark-tools, python3-scipy): the gbench gate is left out"
    gates=ab,baseline
fi
bash "$scripts/power_check.sh" --build-dir="$build" --compares=1 --extra=50 --gates="$gates" >"$work/power" 2>&1
rc=$?
cat "$work/power"
[ "$rc" = 0 ] || { echo "FAIL: power_check.sh exited $rc"; fail=1; }
grep -q '^+50% work, idle$' "$work/power" || { echo "FAIL: power_check.sh: no heading"; fail=1; }
grep -qE '^  benchgate ab \((duet|alternation)\): +caught 1 of 1; regression 1;' "$work/power" ||
    { echo "FAIL: power_check.sh: ab did not catch +50%"; fail=1; }
grep -qE '^  baseline gate \(10-run baseline\): +caught [01] of 1; (regression|inconclusive) 1;' "$work/power" ||
    { echo "FAIL: power_check.sh: the baseline gate gave no verdict"; fail=1; }
if [ "$gates" = ab,baseline,gbench ]; then
    grep -qE '^  Google Benchmark \+ compare.py \(U test\): +caught 1 of 1; regression 1;' "$work/power" ||
        { echo "FAIL: power_check.sh: compare.py did not catch +50%"; fail=1; }
fi

# Three pairs of each mode: both see about +50%.
if command -v taskset >/dev/null 2>&1 && [ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ]; then
    bash "$scripts/duet_probe.sh" --build-dir="$build" --pairs=3 --extra=50 >"$work/duet" 2>&1
    rc=$?
    cat "$work/duet"
    [ "$rc" = 0 ] || { echo "FAIL: duet_probe.sh exited $rc"; fail=1; }
    for mode in alternation duet; do
        grep -qE "^  $mode +change \+(3[0-9]|[4-6][0-9])\.[0-9]+%, 99% interval" "$work/duet" ||
            { echo "FAIL: duet_probe.sh: $mode did not see +30% to +70%"; fail=1; }
    done
else
    echo "note: no taskset or one CPU: duet_probe.sh is not run"
fi
[ "$fail" = 0 ] && echo "PASS: the power scripts refuse bad arguments and measure what they say"
exit "$fail"
