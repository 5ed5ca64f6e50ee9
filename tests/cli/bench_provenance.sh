#!/usr/bin/env bash
# bench_provenance: a bench run from another folder records the git state of its own sources
# (the folder bg_add_benchmark compiled in), not of the current folder; outside a checkout the
# reason is recorded
cd "$TMP" || exit 9
env -u BENCHGATE_SOURCE_DIR "$BUILD/benches/bench_gatecheck" --no-ui --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --output-dir="$TMP/r" >/dev/null 2>&1 || exit 9
"$PY" - "$TMP/r/result.json" "$SRC" <<'PY'
import json, os, subprocess, sys
g = json.load(open(sys.argv[1]))["run"]["git"]
src = os.path.realpath(sys.argv[2])
print("source_dir is the sources:", os.path.realpath(g["source_dir"]) == src)
try:
    head = subprocess.run(["git", "-C", src, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
except OSError:
    head = ""
print("sha is theirs:", (g["sha"] == head) if head else g["sha"] is None)
PY
mkdir "$TMP/nogit"
BENCHGATE_SOURCE_DIR="$TMP/nogit" "$BUILD/benches/bench_gatecheck" --no-ui --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --output-dir="$TMP/n" >/dev/null 2>&1 || exit 9
"$PY" -c 'import json,sys; g=json.load(open(sys.argv[1]))["run"]["git"]; print("not a checkout:", g["sha"] is None, "not a git checkout" in g["unknown_reason"])' "$TMP/n/result.json"
