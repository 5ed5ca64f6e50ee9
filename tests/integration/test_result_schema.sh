#!/usr/bin/env bash
# test_result_schema.sh - the result.json of real runs validates against
# docs/schema/result.schema.json, and broken copies of it do not.
#
# Usage: test_result_schema.sh BUILD_DIR SOURCE_DIR
# Exit: 0 pass, 1 fail, 77 skipped (python3-jsonschema missing).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR SOURCE_DIR" >&2
    exit 1
fi
build_dir=$1
source_dir=$2
schema="$source_dir/docs/schema/result.schema.json"
validator="$source_dir/tests/integration/validate_result.py"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "SKIP: $python not found"
    exit 77
fi
for f in "$schema" "$validator"; do
    [ -f "$f" ] || fail "missing $f"
done
for b in bench_triad bench_overhead; do
    [ -x "$build_dir/benches/$b" ] || fail "missing $build_dir/benches/$b (build first)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-schema.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# run NAME ARGS...: runs benches/bench_NAME into $tmp/NAME; its log is shown on failure.
run() {
    name=$1
    shift
    if ! "$build_dir/benches/bench_$name" --no-ui --repetitions=2 --min-time=0.05 \
        --max-time=0.2 "--output-dir=$tmp/$name" "$@" >"$tmp/$name.log" 2>&1; then
        cat "$tmp/$name.log" >&2
        fail "bench_$name exited non-zero"
    fi
    [ -f "$tmp/$name/result.json" ] || fail "bench_$name wrote no $tmp/$name/result.json"
}

# validate FILE...: runs the validator; 77 (no jsonschema) ends the test as skipped.
validate() {
    "$python" "$validator" "$schema" "$@"
}

run triad '--filter=n=(1024|32768)$'
run overhead

validate "$tmp/triad/result.json" "$tmp/overhead/result.json"
rc=$?
[ "$rc" -eq 77 ] && exit 77 # the validator said why
[ "$rc" -eq 0 ] || fail "a real result.json does not validate (exit $rc)"

count=$(grep -c '"name":[[:space:]]*"triad/' "$tmp/triad/result.json")
[ "$count" -eq 2 ] || fail "expected 2 triad benchmarks (n=1024, n=32768), found $count"

# Negative cases: each broken copy must be rejected.
awk '!done && sub(/"median":[[:space:]]*[-+0-9.eE]+/, "\"median\": NaN") { done = 1 } { print }' \
    "$tmp/triad/result.json" >"$tmp/nan.json"
grep -q '"median": NaN' "$tmp/nan.json" || fail "could not inject NaN into the copy"
sed 's#"schema":[[:space:]]*"benchgate.result/1"#"schema": "benchgate.result/2"#' \
    "$tmp/triad/result.json" >"$tmp/schema.json"
grep -q 'benchgate.result/2' "$tmp/schema.json" || fail "could not change schema in the copy"

for bad in nan schema; do
    validate "$tmp/$bad.json" >"$tmp/$bad.out" 2>&1
    rc=$?
    if [ "$rc" -ne 1 ]; then
        cat "$tmp/$bad.out" >&2
        fail "the copy with a broken $bad was not rejected (exit $rc, expected 1)"
    fi
    echo "rejected as expected ($bad): $(grep -m1 -v '^INVALID' "$tmp/$bad.out" | sed 's/^ *//')"
done

echo "PASS: result.json of bench_triad and bench_overhead match the schema"
