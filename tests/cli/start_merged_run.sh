#!/usr/bin/env bash
# start_merged_run: the merged result of benchgate start says how long the whole run took (not
# its first part) and how it was started, with the flags it passed on
"$BENCHGATE" start --build-dir="$BUILD" --bench='^(overhead|gatecheck)$' --no-ui --min-time=0.01 \
    --max-time=0.05 --repetitions=1 --baseline=off --history=off --output-dir="$TMP/run" >/dev/null 2>&1
echo "exit $?"
"$PY" - "$TMP/run" <<'PY'
import glob, json, sys
run = sys.argv[1]
top = json.load(open(run + "/result.json"))["run"]
parts = [json.load(open(p))["run"]["duration_s"] for p in glob.glob(run + "/parts/*/result.json")]
print("parts:", len(parts))
print("whole run at least the sum of its parts:", top["duration_s"] >= sum(parts) > 0)
cl = top["command_line"]
print("command line has its flags:", all(f in cl for f in ("benchgate start", "--bench=^(overhead|gatecheck)$", "--min-time=0.01", "--repetitions=1")))
PY
