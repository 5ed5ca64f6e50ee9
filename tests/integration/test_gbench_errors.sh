#!/usr/bin/env bash
# test_gbench_errors.sh MODE BENCHGATE SOURCE_DIR - a failed benchmark in `benchgate export
# --format=gbench` (and gbench-aggregates) is read by the real readers exactly as they read
# Google Benchmark's own failed run (fixtures/gbench/google_benchmark_error.json, written by
# Google Benchmark 1.7.1 for a benchmark that called SkipWithError):
#   MODE compare: Google Benchmark's tools/compare.py (Debian libbenchmark-tools) shows the
#     failed entry as the same row as Google Benchmark's (the change and the four times), and
#     drops OVERALL_GEOMEAN for both alike (a failed run has no time, so no geomean);
#   MODE action: github-action-benchmark's parser (googlecpp, tests/interop/github-action-benchmark)
#     stores the failed entry as it stores Google Benchmark's (value, unit, cpu and threads).
# The export is of fixtures/results/hostile (one ok, one failed with a hostile message, one
# skipped): the failed entry must carry error_occurred true and the message, the skipped one
# must be absent. Exit 0 pass, 1 fail, 77 skipped (the reader is not installed).
set -u
mode=$1 benchgate=$2 src=$3
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/gbench_errors.XXXXXX")
trap 'rm -rf "$work"' EXIT
ref="$work/google_benchmark_error.json"
cp "$src/fixtures/gbench/google_benchmark_error.json" "$ref" || exit 1
for fmt in gbench gbench-aggregates; do
    "$benchgate" export --format=$fmt --output="$work/$fmt.json" "$src/fixtures/results/hostile" ||
        { echo "FAIL: export --format=$fmt"; exit 1; }
done
# The entries themselves, as Google Benchmark writes a failed run.
"$py" - "$work" "$ref" <<'PY' || exit 1
import json, sys
work, ref = sys.argv[1], sys.argv[2]
gb = [b for b in json.load(open(ref))["benchmarks"] if b.get("error_occurred")][0]
bad = []
for fmt in ("gbench", "gbench-aggregates"):
    entries = json.load(open("%s/%s.json" % (work, fmt)))["benchmarks"]
    failed = [b for b in entries if b.get("error_occurred") is True]
    names = [b["name"] for b in failed]
    if names != ["esc_*fam*/cpu/s=<script>alert(1)</script>"]:
        bad.append("%s: failed entries %r, want the one failed benchmark" % (fmt, names))
        continue
    f = failed[0]
    if not f["error_message"].startswith("wrong result: abs_err = 4095 (tolerance 0) | `rm -rf`") \
            or "\nsecond line" not in f["error_message"]:
        bad.append("%s: error_message %r" % (fmt, f["error_message"]))
    if set(gb) - set(f):
        bad.append("%s: fields of Google Benchmark's failed run missing: %s" % (fmt, sorted(set(gb) - set(f))))
    for k in ("run_type", "real_time", "cpu_time", "time_unit", "threads"):
        if f[k] != gb[k]:
            bad.append("%s: %s is %r, Google Benchmark writes %r" % (fmt, k, f[k], gb[k]))
    if any("s=*em*" in b["name"] for b in entries):
        bad.append("%s: the skipped benchmark is exported" % fmt)
    if any(b.get("error_occurred") is not True and "<script>" in b["name"] for b in entries):
        bad.append("%s: the failed benchmark also has an entry without error_occurred" % fmt)
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: the failed benchmark is one entry with error_occurred and error_message, as "
          "Google Benchmark writes it; the skipped one is left out")
sys.exit(1 if bad else 0)
PY

if [ "$mode" = compare ]; then
    compare=${GBENCH_COMPARE:-/usr/share/benchmark/compare.py}
    [ -f "$compare" ] || { echo "SKIP: Google Benchmark's compare.py not found at $compare (apt-get install libbenchmark-tools)"; exit 77; }
    "$py" -c 'import scipy' 2>/dev/null || { echo "SKIP: compare.py needs scipy (apt-get install python3-scipy)"; exit 77; }
    for f in "$ref" "$work/gbench.json"; do
        out="$work/$(basename "$f").out"
        "$py" "$compare" --no-color benchmarks "$f" "$f" >"$out" 2>&1 ||
            { cat "$out"; echo "FAIL: compare.py exited non-zero on $f"; exit 1; }
    done
    cat "$work/gbench.json.out"
    "$py" - "$work/google_benchmark_error.json.out" "$work/gbench.json.out" <<'PY'
import sys
def row(path, name):
    lines = [l for l in open(path) if l.startswith(name + " ")]
    return lines[0][len(name):].split() if lines else None
def geomean(path):
    return any(l.startswith("OVERALL_GEOMEAN") for l in open(path))
gb, ours = row(sys.argv[1], "BM_failed"), row(sys.argv[2], "esc_*fam*/cpu/s=<script>alert(1)</script>")
ok_row = row(sys.argv[2], "esc_*fam*/cpu/s=a|b`c`[x](y)_median")
bad = []
if gb is None or ours is None or gb != ours:
    bad.append("compare.py shows the failed entry as %r, Google Benchmark's as %r" % (ours, gb))
if geomean(sys.argv[1]) != geomean(sys.argv[2]):
    bad.append("OVERALL_GEOMEAN: Google Benchmark's file %s, ours %s" % (geomean(sys.argv[1]), geomean(sys.argv[2])))
if ok_row is None:
    bad.append("compare.py lost the ok benchmark")
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: compare.py shows the failed entry as Google Benchmark's: %s; OVERALL_GEOMEAN %s in both"
          % (" ".join(gb), "present" if geomean(sys.argv[1]) else "absent"))
sys.exit(1 if bad else 0)
PY
    exit $?
fi

[ "$mode" = action ] || { echo "usage: test_gbench_errors.sh compare|action BENCHGATE SOURCE_DIR"; exit 2; }
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: node and npm are needed to run github-action-benchmark's parser"
    exit 77
fi
cp -r "$src/tests/interop/github-action-benchmark" "$work/gab" || exit 1
if ! (cd "$work/gab" && npm install --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
    sed -n '1,5p' "$work/npm.log"
    echo "SKIP: npm install of github-action-benchmark's packages failed (no registry?)"
    exit 77
fi
for f in "$ref" "$work/gbench.json" "$work/gbench-aggregates.json"; do
    (cd "$work/gab" && npx tsx extract_gbench.ts "$f" googlecpp) >"$f.out" 2>"$work/err" ||
        { cat "$work/err"; echo "FAIL: github-action-benchmark rejected $f"; exit 1; }
done
"$py" - "$ref.out" "$work/gbench.json.out" "$work/gbench-aggregates.json.out" <<'PY'
import json, sys
def entries(path):
    return [json.loads(l) for l in open(path)]
def stored(e):  # what the action keeps of an entry, but the iteration count
    return (e["value"], e["unit"], e["extra"].split("\n")[1:])
gb = [e for e in entries(sys.argv[1]) if e["name"] == "BM_failed"]
bad = []
if len(gb) != 1:
    bad.append("the action stored %d entries for Google Benchmark's failed run" % len(gb))
for path in sys.argv[2:]:
    ours = [e for e in entries(path) if e["name"] == "esc_*fam*/cpu/s=<script>alert(1)</script>"]
    if len(ours) != len(gb) or (gb and stored(ours[0]) != stored(gb[0])):
        bad.append("%s: the action stored %r, for Google Benchmark's failed run %r" % (path, ours, gb))
    if any("s=*em*" in e["name"] for e in entries(path)):
        bad.append("%s: the skipped benchmark was stored" % path)
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: github-action-benchmark stores the failed entry as Google Benchmark's: %s" % json.dumps(gb[0]))
sys.exit(1 if bad else 0)
PY
