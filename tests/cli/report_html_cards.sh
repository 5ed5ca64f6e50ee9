#!/usr/bin/env bash
# report_html_cards: the verdict cards count benchmarks, each once under its worst verdict; a
# benchmark with two regressed metric rows counts once, and the table still lists both rows;
# the failed triad/cpu/n=x1, whose peak_rss_mb row is a pass, is not counted as passed
cp -R "$SRC/fixtures/results/mixed" "$TMP/run" && "$PY" - "$TMP/run/verdict.json" <<'PYEOF' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["rows"]:
    if r["benchmark"] == "triad/cpu/n=1024":
        r["verdict"] = "regression"
json.dump(d, open(sys.argv[1], "w"))
PYEOF
"$BENCHGATE" report --html --output=- "$TMP/run" | grep -oE '<div class="card"><b>[0-9]+</b>[a-z ]+</div>|<span class="badge b-regression">regression</span> [a-z_]+ [^<]*|Verdict cards count benchmarks'
