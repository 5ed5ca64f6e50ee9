#!/usr/bin/env bash
# report_html_micro: times of microseconds read "µs" on the HTML page and in Markdown; the
# console keeps ASCII "us" (summary)
mkdir "$TMP/us" && "$PY" - "$SRC/fixtures/results/small/result.json" "$TMP/us/result.json" <<'PYEOF' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
for b in d["benchmarks"]:
    for m in b["metrics"].values():
        if m.get("unit") == "ns":
            for k in ("median", "mean", "min", "max", "stddev", "value"):
                if isinstance(m.get(k), (int, float)):
                    m[k] *= 1000
            if isinstance(m.get("ci95"), list):
                m["ci95"] = [x * 1000 for x in m["ci95"]]
json.dump(d, open(sys.argv[2], "w"))
PYEOF
"$BENCHGATE" report --html --output="$TMP/us.html" "$TMP/us" >/dev/null || exit 1
grep -E '[0-9] us[<"]|[0-9] us( |$)' "$TMP/us.html" && { echo "ASCII us on the page"; exit 1; }
grep -o '<td class="num">159 µs</td>' "$TMP/us.html" | head -1
grep -o '158.2 µs – 159.8 µs' "$TMP/us.html" | head -1
grep -o 'text-anchor="middle">100 µs</text>' "$TMP/us.html" | head -1
grep -o 'median 159 µs, 95% CI 158.2 µs to 159.8 µs' "$TMP/us.html" | head -1
"$BENCHGATE" export --format=md "$TMP/us" | grep -F 'triad/cpu/n=1024'
"$BENCHGATE" summary "$TMP/us" | grep -F 'triad/cpu/n=1024'
