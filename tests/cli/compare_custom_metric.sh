#!/usr/bin/env bash
# compare_custom_metric: a custom metric with a direction is gated in its direction, against its
# own threshold (thresholds.metrics) or the default (thresholds.metric); BG_NEITHER, checks and a
# time-like unit without its own threshold are not
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
def write(name, ratio, info, lat, named):
    d = json.load(open(src))
    for b in d["benchmarks"]:
        m = b["metrics"]
        m["compression_ratio"] = {"status": "ok", "unit": "ratio", "better": "higher", "value": ratio}
        m["info_only"] = {"status": "ok", "unit": "count", "better": "none", "value": info}
        m["lat_p50"] = {"status": "ok", "unit": "ns", "better": "lower", "value": lat}
        m["max_err"] = {"status": "ok", "unit": "", "better": "lower", "value": lat, "tolerance": 1e9}
        b["thresholds"]["metric"] = 1
        if named:
            b["thresholds"]["metrics"] = {"compression_ratio": 20}
    json.dump(d, open("%s/%s.json" % (tmp, name), "w"))
write("base", 4.0, 1, 100, False)
write("worse", 3.6, 9, 500, False)     # ratio -10%: regression at 1%
write("better", 4.4, 9, 500, False)    # +10%: improvement
write("named", 3.6, 9, 500, True)      # -10% within its own 20%: pass
PY
for cur in worse better named; do
    "$BENCHGATE" compare "$TMP/base.json" "$TMP/$cur.json" >"$TMP/$cur.out"
    echo "$cur: exit $?"
    grep -c 'compression_ratio' "$TMP/$cur.out" | sed "s/^/$cur: ratio rows /"
    grep -E 'compression_ratio.*(regression|improvement|pass)' "$TMP/$cur.out" | awk '{print "'"$cur"': " $NF}' | sort -u
    grep -cE 'info_only|lat_p50|max_err' "$TMP/$cur.out" | sed "s/^/$cur: ungated rows /"
done
