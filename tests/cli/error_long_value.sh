#!/usr/bin/env bash
# error_long_value: a 2,000-character bad value in bench.yaml or a result file gets a message
# that names the file, line, key and problem in its first 200 characters and quotes at most 80
# bytes of the value (before, the value came first and the message was cut at 792 bytes, so the
# problem was never shown); a short bad value keeps "'VALUE' problem". The message is wrapped
# to the terminal's width: its lines are joined back here
long=$(printf 'x%.0s' $(seq 2000))
check() { # NAME FILE NEEDLE...: exit code, length and where each needle is
    "$PY" - "$@" <<'PY'
import sys
name, path, needles = sys.argv[1], sys.argv[2], sys.argv[3:]
messages = []  # a line wrapped to the terminal's width goes on in lines indented by two blanks
for line in open(path).read().rstrip("\n").splitlines():
    if line.startswith("  ") and messages:
        messages[-1] += " " + line.strip()
    else:
        messages.append(line)
first = messages[0] if messages else ""
where = ", ".join("%s in the first 200: %s" % (n, n in first[:200]) for n in needles)
print("%s: %d message(s), at most 300 characters: %s; %s" % (name, len(messages), len(first) <= 300, where))
PY
}
printf 'version: 1\nrun:\n  min_time: %s\n' "$long" >"$TMP/bench.yaml"
"$BUILD/benches/bench_triad" --config="$TMP/bench.yaml" --list 2>"$TMP/yaml.err"
echo "yaml run value: exit $?"
check yaml "$TMP/yaml.err" "bench.yaml:3:13" "min_time" "is not a duration"
printf 'version: 1\nbenchmarks:\n  triad:\n    repetitions: "%s"\n' "$long" >"$TMP/family.yaml"
"$BUILD/benches/bench_triad" --config="$TMP/family.yaml" --list 2>"$TMP/family.err"
echo "yaml family value: exit $?"
check family "$TMP/family.err" "family.yaml:4:18" "repetitions" "is not"
printf 'version: 1\nrun:\n  filter: "\\x1b%s"\n' "$long" >"$TMP/ctl.yaml"
"$BUILD/benches/bench_triad" --config="$TMP/ctl.yaml" --list 2>"$TMP/ctl.err"
echo "yaml control character: exit $?"
check control "$TMP/ctl.err" "ctl.yaml:3:11" "filter" "holds a control character"
printf 'version: 1\nrun:\n  min_time: soon\n' >"$TMP/short.yaml"
"$BUILD/benches/bench_triad" --config="$TMP/short.yaml" --list; echo "yaml short value: exit $?"
"$BENCHGATE" start --build-dir="$BUILD" --no-ui --min-time="$long" 2>"$TMP/flag.err"
echo "start flag: exit $?"
check flag "$TMP/flag.err" "command line --min-time" "min_time" "is not a duration"
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP/r.json" "$TMP/dup.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["benchmarks"][0]["status"] = "Q" * 2000
json.dump(d, open(sys.argv[2], "w"))
d = json.load(open(sys.argv[1]))
for b in d["benchmarks"]:
    b["name"] = "N" * 1000  # long, within the 1,024-byte limit of a name
json.dump(d, open(sys.argv[3], "w"))
PY
"$BENCHGATE" export "$TMP/r.json" >/dev/null 2>"$TMP/json.err"; echo "json status: exit $?"
check json "$TMP/json.err" "r.json: benchmarks[0].status" "is not ok, skipped or error"
"$BENCHGATE" export "$TMP/dup.json" >/dev/null 2>"$TMP/dup.err"; echo "json duplicate name: exit $?"
check duplicate "$TMP/dup.err" "dup.json: benchmarks" "appears more than once"
