#!/usr/bin/env bash
# gate_fails_closed: results the schema rejects are refused by compare, the gate and baseline
# (exit 2, the file and the place named), and a good baseline is never overwritten by one
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
def variant(name, change):
    d = json.load(open(src))
    change(d)
    json.dump(d, open("%s/%s.json" % (tmp, name), "w"))
def upper_ok(d): d["benchmarks"][0]["metrics"]["time_ns"]["status"] = "OK"
def null_median(d):
    m = d["benchmarks"][0]["metrics"]["time_ns"]; m["median"] = None; m.pop("value", None)
def duplicate(d): d["benchmarks"].append(dict(d["benchmarks"][0]))
variant("good", lambda d: None)
variant("upper_ok", upper_ok)
variant("null_median", null_median)
variant("duplicate", duplicate)
PY
sed 's/"median": *[0-9.e+-]*/"median": -1e400/' "$TMP/good.json" >"$TMP/huge.json"
head -c 200 "$TMP/good.json" >"$TMP/truncated.json"
for bad in upper_ok null_median duplicate huge truncated; do
    "$BENCHGATE" compare "$TMP/good.json" "$TMP/$bad.json" >/dev/null
    echo "compare $bad: exit $?"
done
"$BENCHGATE" compare "$TMP/good.json" "$TMP/good.json" --metric=tme_ns >/dev/null
echo "compare --metric=tme_ns: exit $?"
mkfifo "$TMP/fifo.json"
timeout 10 "$BENCHGATE" compare "$TMP/good.json" "$TMP/fifo.json" >/dev/null
echo "compare fifo: exit $?"
# baseline: a good one captured, then a broken run is refused and the file kept byte for byte
for name in good upper_ok; do mkdir -p "$TMP/run-$name" && cp "$TMP/$name.json" "$TMP/run-$name/result.json"; done
"$BENCHGATE" baseline --run="$TMP/run-good" --dir="$TMP/bl" --class=c1 >/dev/null
echo "baseline good: exit $?"
files=("$TMP"/bl/c1/*.json)
before=$(cksum <"${files[0]}")
"$BENCHGATE" baseline --run="$TMP/run-upper_ok" --dir="$TMP/bl" --class=c1 --force >/dev/null
echo "baseline upper_ok: exit $?"
after=$(cksum <"${files[0]}")
if [ "$before" = "$after" ]; then echo "baseline kept"; else echo "baseline CHANGED"; fi
