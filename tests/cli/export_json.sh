#!/usr/bin/env bash
# export_json: the checked document re-printed: strict JSON, the same content
"$BENCHGATE" export --format=json "$SRC/fixtures/results/mixed/result.json" >"$TMP/out.json" || exit $?
"$PY" - "$TMP/out.json" "$SRC/fixtures/results/mixed/result.json" <<'PYEOF'
import json, sys
def strict(name):
    raise ValueError("not strict JSON: " + name)
out = json.load(open(sys.argv[1]), parse_constant=strict)
print("schema=%s same=%s" % (out["schema"], out == json.load(open(sys.argv[2]))))
PYEOF
