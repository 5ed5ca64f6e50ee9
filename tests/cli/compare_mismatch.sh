#!/usr/bin/env bash
# compare_mismatch: results of other machine classes, or measured another way (time against
# instructions), are not compared silently: exit 2 naming both; --allow-class-mismatch compares
# across classes on purpose
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
for name, cls, measure in (("a", "class-a", "time"), ("b", "class-b", "time"), ("i", "class-a", "instructions")):
    d = json.load(open(src))
    d["system"]["machine_class"] = cls
    for b in d["benchmarks"]:
        b["measure"] = measure
    json.dump(d, open("%s/%s.json" % (tmp, name), "w"))
PY
"$BENCHGATE" compare "$TMP/a.json" "$TMP/b.json" >/dev/null
echo "classes differ: exit $?"
"$BENCHGATE" compare "$TMP/a.json" "$TMP/b.json" --allow-class-mismatch >/dev/null
echo "classes differ, allowed: exit $?"
"$BENCHGATE" compare "$TMP/a.json" "$TMP/i.json" --allow-class-mismatch >/dev/null
echo "time against instructions: exit $?"
