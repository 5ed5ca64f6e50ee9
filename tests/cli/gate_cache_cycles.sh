#!/usr/bin/env bash
# gate_cache_cycles: with --cache-sim, instruction mode also records estimated_cycles (callgrind's
# simulated caches: instructions + 10 x first-level misses + 100 x last-level misses), gated like
# instructions. A walk through the same data in a shuffled order runs the same instructions and
# ruins locality: instructions pass, estimated_cycles is a regression (exit 1). Without
# --cache-sim there is no such metric. The two sequential runs write to paths of one length:
# the whole process runs through the simulated caches, and a longer path moves the heap by a
# line, which can cost one simulated miss (5 cycles in 1.9 million; instructions are exact).
command -v valgrind >/dev/null || { echo "valgrind not installed: the cache simulation needs it"; exit 77; }
W=("$BUILD/tests/test_cache_walk_bench" --measure=instructions --cache-sim --baseline=off --no-ui --history=off)
BENCHGATE_COUNTER=callgrind BENCHGATE_WALK=sequential "${W[@]}" --output-dir="$TMP/seq1" >/dev/null 2>&1 || exit 9
BENCHGATE_COUNTER=callgrind BENCHGATE_WALK=shuffled "${W[@]}" --output-dir="$TMP/shuf" >/dev/null 2>&1 || exit 9
BENCHGATE_COUNTER=callgrind BENCHGATE_WALK=sequential "${W[@]}" --output-dir="$TMP/seq2" >/dev/null 2>&1 || exit 9
"$BENCHGATE" compare "$TMP/seq1" "$TMP/shuf" | awk '$1 == "walk/cpu" {print $2, $NF}'
"$BENCHGATE" compare "$TMP/seq1" "$TMP/shuf" >/dev/null; echo "shuffled: exit $?"
"$BENCHGATE" compare "$TMP/seq1" "$TMP/seq2" >/dev/null; echo "sequential again: exit $?"
"$PY" - "$TMP" <<'PYEOF'
import json, sys
m = [json.load(open("%s/%s/result.json" % (sys.argv[1], r)))["benchmarks"][0]["metrics"] for r in ("seq1", "shuf", "seq2")]
print("same instructions: %s" % (m[0]["instructions"]["median"] == m[1]["instructions"]["median"]))
print("estimated cycles repeat exactly: %s" % (m[0]["estimated_cycles"]["median"] == m[2]["estimated_cycles"]["median"]))
print("shuffled costs more than twice the cycles: %s" % (m[1]["estimated_cycles"]["median"] > 2 * m[0]["estimated_cycles"]["median"]))
PYEOF
BENCHGATE_COUNTER=callgrind "$BUILD/tests/test_cache_walk_bench" --measure=instructions --baseline=off --no-ui --history=off --output-dir="$TMP/plain" >/dev/null 2>&1 || exit 9
grep -q estimated_cycles "$TMP/plain/result.json" && { echo "estimated_cycles without --cache-sim"; exit 9; }
exit 0
