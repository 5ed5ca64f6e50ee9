#!/usr/bin/env bash
# history_control_chars: an ANSI escape in a benchmark's name (or a machine class) from a result
# file is shown as \x1b by benchgate history and summary --db, never printed raw to a terminal
mkdir "$TMP/run"
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP/run/result.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["benchmarks"][0]["name"] = "evil\x1b[2J\x1b]0;owned\x07/cpu"
d["system"]["machine_class"] = "class\x1b[31m"
json.dump(d, open(sys.argv[2], "w"))
PY
"$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/run" >/dev/null; echo "record: exit $?"
"$BENCHGATE" history --db="$TMP/h.sqlite" >"$TMP/list.txt"; echo "history: exit $?"
"$BENCHGATE" summary --db="$TMP/h.sqlite" >"$TMP/trend.txt"; echo "summary --db: exit $?"
grep -c 'class\\x1b\[31m' "$TMP/list.txt"
grep -c 'evil\\x1b\[2J\\x1b\]0;owned\\x07/cpu' "$TMP/trend.txt"
esc=$(printf '\033')
bel=$(printf '\007')
echo "raw control characters: $(cat "$TMP/list.txt" "$TMP/trend.txt" | grep -c "[$esc$bel]")"
