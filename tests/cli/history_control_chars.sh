#!/usr/bin/env bash
# history_control_chars: a result whose machine class holds an ANSI escape is refused when it is
# recorded (exit 2, the escape shown as \x1b in the message); one planted in the database by
# other means is shown as \x1b by benchgate history, never printed raw to a terminal
mkdir "$TMP/run" "$TMP/bad"
cp "$SRC/fixtures/results/small/result.json" "$TMP/run/result.json"
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP/bad/result.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["system"]["machine_class"] = "class\x1b[31m"
json.dump(d, open(sys.argv[2], "w"))
PY
"$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/bad" >/dev/null 2>"$TMP/bad.err"
echo "record of the escape: exit $?"
echo "escaped in the message: $(grep -c 'class\\x1b\[31m' "$TMP/bad.err")"
"$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/run" >/dev/null; echo "record: exit $?"
"$PY" - "$TMP/h.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("update runs set machine_class = ?, hostname = ?", ("class\x1b[31m", "h\x1b]0;owned\x07"))
c.commit()
PY
"$BENCHGATE" history --db="$TMP/h.sqlite" >"$TMP/list.txt"; echo "history: exit $?"
echo "escaped in the list: $(grep -c 'class\\x1b\[31m' "$TMP/list.txt")"
esc=$(printf '\033')
bel=$(printf '\007')
echo "raw control characters: $(cat "$TMP/list.txt" "$TMP/bad.err" | grep -c "[$esc$bel]")"
