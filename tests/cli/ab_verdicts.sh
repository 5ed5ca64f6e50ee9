#!/usr/bin/env bash
# ab_verdicts: benchgate ab on two builds whose bench (a stand-in, tests/cli/ab/fake_bench.py)
# gives chosen figures, wobbling 1% from run to run: the same speed passes (exit 0) within the
# first looks, 5% slower is a regression (exit 1), 5% faster an improvement, 1% slower (with a
# 0.2% wobble) passes: significant, but its interval stays under the 2% threshold (the
# three-way rule); every pair's figures are in ab.json; the order within pairs is random. The
# same in a duet.
command -v taskset >/dev/null || { echo "taskset not installed (util-linux): cannot limit ab to one CPU"; exit 77; }
[ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ] || { echo "one CPU: a duet needs two"; exit 77; }
# shellcheck disable=SC1091 # sourced from the source tree, found at run time
. "$SRC/tests/cli/ab/fake_build.sh"
fake_build "$TMP/base" 1
fake_build "$TMP/same" 1
fake_build "$TMP/slow5" 1.05
fake_build "$TMP/fast5" 0.95
fake_build "$TMP/quiet" 1 FAKE_WOBBLE=0.002
fake_build "$TMP/slow1" 1.01 FAKE_WOBBLE=0.002
for head in same slow5 fast5 slow1; do
    base=base
    [ "$head" = slow1 ] && base=quiet # 0.2% wobble: a significant 1% whose interval stays below 2%
    "$BENCHGATE" ab --base="$TMP/$base" --head="$TMP/$head" --seed=7 --mode=alternate --output-dir="$TMP/ab-$head" >"$TMP/$head.out"
    echo "$head: exit $?; $(grep '^fake/' "$TMP/$head.out" | sed -E 's/.* ([a-z]+): ([0-9]+) pairs.*/\1 after \2 pairs/')"
done
grep -o 'threshold 2%, alternation, seed 7' "$TMP/same.out"
# A duet (both sides at once, one on each CPU; the default where two are usable): the same
# verdicts, and every pair says so. With one usable CPU, the default alternates.
for head in same slow5; do
    "$BENCHGATE" ab --base="$TMP/base" --head="$TMP/$head" --seed=7 --mode=duet --output-dir="$TMP/duet-$head" >"$TMP/duet-$head.out"
    echo "duet $head: exit $?; $(grep '^fake/' "$TMP/duet-$head.out" | sed -E 's/.* ([a-z]+): ([0-9]+) pairs.*/\1 after \2 pairs/')"
done
grep -oE 'duet on CPUs [0-9]+ and [0-9]+' "$TMP/duet-same.out" | sed -E 's/[0-9]+/N/g'
"$PY" -c 'import json, sys; p = json.load(open(sys.argv[1]))["benchmarks"][0]["pairs"]; print("duet pairs all both: %s" % all(x["first"] == "both" for x in p))' "$TMP/duet-slow5/ab.json"
taskset -c 0 "$BENCHGATE" ab --base="$TMP/base" --head="$TMP/same" --seed=7 --output-dir="$TMP/one-cpu" | grep -o 'threshold 2%, alternation'

grep -c '^verdict: ' "$TMP/same.out" | sed 's/^/verdict lines: /'
"$PY" - "$TMP/ab-slow5/ab.json" "$TMP/ab-slow5/verdict.json" <<'PYEOF'
import json, sys
ab = json.load(open(sys.argv[1]))
verdict = json.load(open(sys.argv[2]))
pairs = ab["benchmarks"][0]["pairs"]
print("schema %s, %d pairs recorded, all with both sides: %s" % (
    ab["schema"], len(pairs), all(p["base"] > 0 and p["head"] > 0 for p in pairs)))
print("both orders: %s" % (sorted(set(p["first"] for p in pairs)) == ["base", "head"]))
print("verdict.json: %s %s" % (verdict["rows"][0]["benchmark"], verdict["rows"][0]["verdict"]))
PYEOF
