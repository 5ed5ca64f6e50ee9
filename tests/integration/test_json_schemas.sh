#!/usr/bin/env bash
# test_json_schemas.sh - every JSON file benchgate writes for users, made by real runs, validates
# against its schema in docs/schema (JSON Schema draft 2020-12, python3-jsonschema), and one
# broken copy of each is rejected, so that no schema accepts anything:
#   verdict.json          benchgate compare --format=json (passes; new and gone rows), a gated
#                         run's verdict.json, benchgate ab's verdict.json
#   ab.json               benchgate ab (alternate mode, the same build on both sides)
#   gate.json             a run gated against a baseline it captured, one without a baseline
#                         ("not gated") and one with a corrupt baseline ("error")
#   summary               benchgate summary --format=json over three runs
#   history-summary       benchgate summary --db --format=json over the same runs recorded
#   history               benchgate history --format=json of that history (the run list)
# Every schema of docs/schema must have been used; they refer to each other by relative $refs
# ("verdict.schema.json#/$defs/row") resolved from a local registry, with no network (the
# validator runs in `unshare -rn` where it can, and fetches nothing anyway); a planted web
# address or missing file in a $ref is refused.
#   profile               benchgate calibrate --output (bench_calibrate on two instances, short
#                         times: a wrapper in a fake build folder), and ci/machines/*.json
#   result.json           the committed ci/baselines/*/*.json, a baseline captured from two runs
#                         (run_medians), runs that read a profile, and a GPU entry as nvidia-smi
#                         gives it (cuda_runtime null)
# Prints "OK NAME: FILE" per valid file and "rejected NAME: ..." per broken copy.
#
# Usage: test_json_schemas.sh SOURCE_DIR BUILD_DIR
# Exit: 0 pass, 1 fail, 77 skipped (python3-jsonschema missing).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
    exit 1
fi
src=$(cd "$1" && pwd) || exit 1
build=$(cd "$2" && pwd) || exit 1
schemas="$src/docs/schema"
validator="$src/tests/integration/validate_json.py"
cli="$build/src/cli/benchgate"
benches="$build/benches"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

py=${PYTHON:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "SKIP: $py not found"; exit 77; }
for f in "$validator" "$cli" "$benches/bench_overhead" "$benches/bench_gatecheck" \
    "$benches/bench_calibrate"; do
    [ -e "$f" ] || fail "missing $f (build first)"
done
for name in result verdict ab gate summary history-summary history changes profile; do
    [ -f "$schemas/$name.schema.json" ] || fail "missing $schemas/$name.schema.json"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-json-schemas.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
# Only the flags given here count: no bench.yaml of the current folder (nor its result cache
# under results/), no BENCH_* settings of the caller (BENCH_MEASURE=instructions in CI), no
# machine profile but the one made below.
cd "$tmp" || fail "cd $tmp failed"
for v in $(env | sed -n 's/^\(BENCH_[A-Za-z0-9_]*\)=.*/\1/p'); do
    unset "$v"
done
unset BENCHGATE_PROFILE

# The validator runs with no network where a network namespace can be made (unshare -rn), and
# its registry fetches nothing anyway: every $ref resolves within docs/schema.
offline=()
if command -v unshare >/dev/null 2>&1 && unshare -rn true 2>/dev/null; then
    offline=(unshare -rn)
fi
# validate NAME FILE...: each FILE against NAME.schema.json; a skip (77) ends the test.
validated=' '
validate() {
    validated="$validated$1 "
    "${offline[@]+"${offline[@]}"}" "$py" "$validator" "$schemas" "$@"
    rc=$?
    [ "$rc" -eq 77 ] && exit 77 # the validator said why
    [ "$rc" -eq 0 ] || fail "a real file does not validate against $1.schema.json (exit $rc)"
}

# logged NAME CODES CMD...: runs CMD, its stdout in $tmp/NAME.out and its stderr in
# $tmp/NAME.err; an exit status not in the space-separated CODES fails the test (both shown).
logged() {
    out="$tmp/$1.out" codes=" $2 "
    shift 2
    "$@" >"$out" 2>"${out%.out}.err"
    rc=$?
    case $codes in
    *" $rc "*) ;;
    *)
        cat "$out" "${out%.out}.err" >&2
        fail "$* exited $rc (expected one of$codes)"
        ;;
    esac
}

# bench NAME DIR CODES FLAGS...: a short run of benches/bench_NAME into $tmp/DIR (no history)
# that exits with one of CODES and writes result.json.
quick="--repetitions=2 --min-time=0.02 --max-time=0.05 --no-ui --history=off"
bench() {
    name=$1 dir=$2 ok=$3
    shift 3
    # shellcheck disable=SC2086 # $quick is a list of flags
    logged "$dir" "$ok" "$benches/bench_$name" $quick "--output-dir=$tmp/$dir" "$@"
    [ -f "$tmp/$dir/result.json" ] || fail "bench_$name wrote no $tmp/$dir/result.json"
}

# broken NAME SRC STATEMENT: a copy of SRC changed by the Python STATEMENT on its document d
# must be rejected by NAME.schema.json (exit 1).
broken() {
    name=$1 from=$2 change=$3
    bad="$tmp/broken-$name.json"
    "$py" -c 'import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), indent=1)' "$from" "$bad" "$change" ||
        fail "could not make the broken copy of $from ($change)"
    "$py" "$validator" "$schemas" "$name" "$bad" >"$bad.out" 2>&1
    rc=$?
    [ "$rc" -eq 77 ] && exit 77
    if [ "$rc" -ne 1 ]; then
        cat "$bad.out" >&2
        fail "$name.schema.json accepted a broken copy ($change): exit $rc, expected 1"
    fi
    echo "rejected $name ($change): $(grep -m1 '^  ' "$bad.out" | sed "s#^ *$bad: ##")"
}

# ---- the committed files (first: a missing python3-jsonschema skips before any run) ----------

validate profile "$src"/ci/machines/*.json
validate result "$src"/ci/baselines/*/*.json

# ---- make the files -----------------------------------------------------------------------

# The profile: benchgate calibrate runs the bench_calibrate its build's tools.d names; here a
# wrapper that keeps two CPU instances with short times (the DRAM, L2, L3 and GPU ceilings stay
# null, as on a machine without them).
mkdir -p "$tmp/calbuild/benchgate/tools.d" || fail "mkdir failed"
cat >"$tmp/calbuild/calibrate.sh" <<EOF
#!/bin/sh
exec '$benches/bench_calibrate' "\$@" --repetitions=1 --min-time=0.01 --max-time=0.02 \
    '--filter=^ceiling_cpu_flops/|level=L1\$'
EOF
chmod +x "$tmp/calbuild/calibrate.sh" || fail "chmod failed"
printf 'calibrate\t%s\ttool\t\n' "$tmp/calbuild/calibrate.sh" \
    >"$tmp/calbuild/benchgate/tools.d/calibrate.tsv"
logged calibrate 0 "$cli" calibrate "--build-dir=$tmp/calbuild" "--output=$tmp/profile.json"
[ -f "$tmp/profile.json" ] || fail "benchgate calibrate wrote no $tmp/profile.json"

# Two runs that read that profile (run.profile.found), and one of another bench.
BENCHGATE_PROFILE="$tmp/profile.json" bench overhead a 0 --baseline=off
BENCHGATE_PROFILE="$tmp/profile.json" bench overhead b 0 --baseline=off
bench gatecheck gc 0 --baseline=off

# Comparisons: the same benchmark twice, and two different benchmarks (new, gone).
logged compare "0 1 77" "$cli" compare "$tmp/a" "$tmp/b" --format=json
cp "$tmp/compare.out" "$tmp/verdict.json"
logged compare-other "0 1 77" "$cli" compare "$tmp/a" "$tmp/gc" --format=json
cp "$tmp/compare-other.out" "$tmp/verdict-new-gone.json"

# A baseline from two runs, a run gated against it, one with no baseline, one with a corrupt one.
logged baseline 0 "$cli" baseline "--run=$tmp/a" "--run=$tmp/b" "--dir=$tmp/baselines"
captured=$(find "$tmp/baselines" -name overhead.json) || fail "find failed"
[ -n "$captured" ] || fail "benchgate baseline wrote no overhead.json under $tmp/baselines"
bench overhead gated "0 1 77" "--baseline=$tmp/baselines"
mkdir -p "$tmp/empty" || fail "mkdir failed"
bench overhead ungated 77 "--baseline=$tmp/empty"
echo '{"schema": "benchgate.result/1"' >"$tmp/corrupt.json"
bench overhead gate-error 2 "--baseline=$tmp/corrupt.json"
for d in gated ungated gate-error; do
    [ -f "$tmp/$d/gate.json" ] || fail "the run with a baseline wrote no $tmp/$d/gate.json"
done
[ -f "$tmp/gated/verdict.json" ] || fail "the gated run wrote no $tmp/gated/verdict.json"

# Summaries: of the run files, and of the same runs recorded in a history.
logged summary 0 "$cli" summary --format=json "$tmp/a" "$tmp/b/result.json" "$tmp/gc"
cp "$tmp/summary.out" "$tmp/summary.json"
for d in a b gc; do
    logged "record-$d" 0 "$cli" history "--db=$tmp/history.sqlite" "--record=$tmp/$d"
done
logged history-summary 0 "$cli" summary "--db=$tmp/history.sqlite" --format=json
cp "$tmp/history-summary.out" "$tmp/history-summary.json"
logged history 0 "$cli" history "--db=$tmp/history.sqlite" --format=json
cp "$tmp/history.out" "$tmp/history.json"
logged changes 0 "$cli" changes "--db=$tmp/history.sqlite" --format=json
cp "$tmp/changes.out" "$tmp/changes.json"

# benchgate ab: the same build on both sides, alternating, a threshold wide enough to decide
# after the first 4 pairs (the verdict does not matter here, the files do).
logged ab "0 1 77" "$cli" ab "--base=$build" "--head=$build" '--bench=^gatecheck$' --seed=1 \
    --mode=alternate --threshold=50 --budget=30 --min-time=0.02 --max-time=0.05 \
    "--output-dir=$tmp/ab"
for f in ab.json verdict.json; do
    [ -f "$tmp/ab/$f" ] || fail "benchgate ab wrote no $tmp/ab/$f"
done

# system.gpus as a CPU-only executable records a GPU it sees through nvidia-smi (gpu_probe.c).
"$py" -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["system"]["gpus"] = [{"index": 0, "name": "NVIDIA H200", "compute_capability": "9.0",
                        "memory_total_mb": 143771, "driver": "570.86.15", "cuda_runtime": None}]
json.dump(d, open(sys.argv[2], "w"), indent=1)' "$tmp/a/result.json" "$tmp/smi-gpu.json" ||
    fail "could not write $tmp/smi-gpu.json"

# ---- validate -----------------------------------------------------------------------------

validate verdict "$tmp/verdict.json" "$tmp/verdict-new-gone.json" "$tmp/gated/verdict.json" \
    "$tmp/ab/verdict.json"
validate ab "$tmp/ab/ab.json"
validate gate "$tmp/gated/gate.json" "$tmp/ungated/gate.json" "$tmp/gate-error/gate.json"
validate summary "$tmp/summary.json"
validate history-summary "$tmp/history-summary.json"
validate history "$tmp/history.json"
validate changes "$tmp/changes.json"
validate profile "$tmp/profile.json"
validate result "$captured" "$tmp/a/result.json" "$tmp/gated/result.json" "$tmp/smi-gpu.json"

# The files are what they should be, not only valid.
# has FILE REGEX WHAT: FILE has a line matching REGEX, else the test fails saying WHAT.
has() {
    grep -q "$2" "$1" || fail "$1: $3"
}
has "$tmp/verdict-new-gone.json" '"verdict":[[:space:]]*"new"' "no new row"
has "$tmp/ungated/gate.json" '"outcome":[[:space:]]*"not gated"' "the outcome is not 'not gated'"
has "$tmp/gate-error/gate.json" '"outcome":[[:space:]]*"error"' "the outcome is not 'error'"
has "$captured" '"run_medians"' "a baseline of two runs without run_medians"
has "$tmp/a/result.json" '"found":[[:space:]]*true' "the run did not read the profile"

# ---- each schema rejects a broken copy ------------------------------------------------------

broken verdict "$tmp/verdict.json" 'd["rows"][0]["verdict"] = "passed"'
broken ab "$tmp/ab/ab.json" 'p = d["benchmarks"][0]["pairs"][0]; p["base"] = str(p["base"])'
broken gate "$tmp/gated/gate.json" 'del d["outcome"]'
broken summary "$tmp/summary.json" 'd["rows"][0]["runs"] = 1.5'
broken history-summary "$tmp/history-summary.json" 'd["generated_by"] = "no writer"'
broken history "$tmp/history.json" 'd["runs"][0]["ok"] = "3"'
broken history "$tmp/history.json" 'd["schema"] = "benchgate.history/2"'
broken verdict "$tmp/gated/verdict.json" 'del d["schema"]'

# ---- every schema of docs/schema was used above, and each refers to the others offline ------

for f in "$schemas"/*.schema.json; do
    name=$(basename "$f" .schema.json)
    case $validated in
    *" $name "*) continue ;;
    esac
    case $name in
    # a bisect and an explain need a git repository of commits to build: integration.bisect
    # validates their real output against these two (tests/integration/test_bisect.sh)
    bisect | explain) grep -q "validate_json.py.*\" $name " "$(dirname "$0")/test_bisect.sh" ||
        fail "$f: integration.bisect no longer validates a real $name file" ;;
    *) fail "$f: no real file was validated against it (add it above)" ;;
    esac
done
echo "every schema of docs/schema validated real files:$validated"
# shellcheck disable=SC2016 # the $refs and $defs are literal text
{
    grep -q '"\$ref": *"verdict.schema.json#/\$defs/row"' "$schemas/gate.schema.json" ||
        fail "gate.schema.json does not refer to verdict.schema.json's rows by a relative \$ref"
    # a planted web address, or a file that is not there, in a copy of the schemas: refused
    plant() { # plant WHAT REF MESSAGE
        rm -rf "$tmp/planted"
        cp -r "$schemas" "$tmp/planted" || fail "cannot copy $schemas"
        "$py" -c 'import sys
p = sys.argv[1]; s = open(p).read(); old = "\"verdict.schema.json#/$defs/row\""
assert old in s; open(p, "w").write(s.replace(old, "\"%s\"" % sys.argv[2]))' \
            "$tmp/planted/gate.schema.json" "$2" || fail "$1: the \$ref was not planted"
        "${offline[@]+"${offline[@]}"}" "$py" "$validator" "$tmp/planted" gate \
            "$tmp/gated/gate.json" >"$tmp/planted.out" 2>&1
        rc=$?
        if [ "$rc" != 1 ] || ! grep -qF "$3" "$tmp/planted.out"; then
            cat "$tmp/planted.out" >&2
            fail "$1: exit $rc, not refused with '$3'"
        fi
        echo "refused $1: $(grep -o "gate.schema.json: .*" "$tmp/planted.out" | head -n 1)"
    }
    plant "a web address" 'https://benchgate.dev/schema/verdict.schema.json#/$defs/row' \
        "is not relative"
    plant "a missing file" 'verdicts.schema.json#/$defs/row' "names no file of the schema folder"
}
broken profile "$tmp/profile.json" 'd["ceilings"]["cpu_flops"] = 0'
broken result "$captured" 'd["benchmarks"][0]["metrics"]["time_ns"]["run_medians"] = "1,2"'

echo "PASS: verdict, ab, gate, summary, history-summary, history, profile and result files match" \
    "their schemas"
