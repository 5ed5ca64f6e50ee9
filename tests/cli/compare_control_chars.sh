#!/usr/bin/env bash
# compare_control_chars: text from result files never reaches a terminal raw. A benchmark name
# with an ESC is refused (exit 2, the file, the key and the byte named); an error message with
# ANSI escapes is shown as \x1b by compare's table, a machine class with one is refused by
# the reader (shown as \x1b); a name with a backtick is one whole code span in compare's Markdown. No
# raw ESC in any output; an error row has no threshold (never nan%).
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
d = json.load(open(src))
d["benchmarks"][0]["name"] = "evil\x1b[31m/cpu"
json.dump(d, open(tmp + "/name.json", "w"))
d = json.load(open(src))
d["benchmarks"][0]["status"] = "error"
d["benchmarks"][0]["error_message"] = "crashed \x1b[2J\x1b[31mred"
json.dump(d, open(tmp + "/message.json", "w"))
d["system"]["machine_class"] = d["run"]["machine_class"] = "class\x1b[31m"
json.dump(d, open(tmp + "/class.json", "w"))
d = json.load(open(src))
d["benchmarks"][1]["name"] = "tick`tock/cpu"
json.dump(d, open(tmp + "/tick.json", "w"))
PY
small="$SRC/fixtures/results/small/result.json"
"$BENCHGATE" compare "$small" "$TMP/name.json" >"$TMP/name.out" 2>&1
echo "name with ESC: exit $?"
"$BENCHGATE" compare "$small" "$TMP/message.json" >"$TMP/message.out" 2>&1
echo "message with ESC: exit $?"
"$BENCHGATE" compare "$small" "$TMP/class.json" >"$TMP/class.out" 2>&1
echo "machine class with ESC: exit $?"
"$BENCHGATE" summary "$TMP/class.json" >"$TMP/summary.out" 2>&1
echo "summary: exit $?"
"$BENCHGATE" compare "$TMP/tick.json" "$TMP/tick.json" --format=md --all >"$TMP/md.out" 2>&1
echo "backtick md: exit $?"
grep -c 'nan' "$TMP/message.out" | sed 's/^/nan in the table: /'
# a message wrapped to the width goes on in lines indented by two blanks: joined back here
awk 'NR > 1 && /^  [^ ]/ { line = line " " substr($0, 3); next }
     NR > 1 { print line } { line = $0 } END { print line }' \
    "$TMP/name.out" "$TMP/message.out" "$TMP/class.out" "$TMP/summary.out"
grep -F 'tick`tock' "$TMP/md.out" | sed -n 1p
esc=$(printf '\033')
echo "raw ESC bytes: $(cat "$TMP"/*.out | grep -c "$esc")"
