#!/usr/bin/env bash
# compare_memory: peak memory regresses beyond 10% AND 2 MiB; smaller moves pass
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
for name, base, cur in (("small", 7.8, 8.6), ("large", 100.0, 130.0)):
    for side, rss in (("base", base), ("cur", cur)):
        d = json.load(open(src))
        for b in d["benchmarks"]:
            b["metrics"]["peak_rss_mb"] = {"status": "ok", "unit": "MiB", "better": "lower", "value": rss}
        json.dump(d, open("%s/%s-%s.json" % (tmp, name, side), "w"))
PY
"$BENCHGATE" compare "$TMP/small-base.json" "$TMP/small-cur.json" --metric=peak_rss_mb
echo "small: exit $?"
"$BENCHGATE" compare "$TMP/large-base.json" "$TMP/large-cur.json" --metric=peak_rss_mb
echo "large: exit $?"
