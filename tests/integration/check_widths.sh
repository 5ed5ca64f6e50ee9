#!/usr/bin/env bash
# check_widths.sh BUILD_DIR BENCHGATE [COLUMNS]
# What a person reads in a terminal: runs a bench (its progress lines and table), benchgate
# start, compare (a regression with notes and long names), summary, history, list, ab's
# --help, and --help of the command, of every verb and of a bench executable; fails naming the
# command and the line when a line passes the width (100, or the COLUMNS given), when a figure
# is in e-notation or reads nan, or when "us" and "µs" both appear.
set -u
BUILD=$1 BENCHGATE=$2
WIDTH=${3:-100}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bg-widths.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
if [ "${3:-}" != "" ]; then export COLUMNS="$WIDTH"; else unset COLUMNS; fi
export LC_ALL=C.UTF-8 NO_COLOR=1
unset BENCH_OUTPUT_DIR BENCH_CONFIG
OUT="$TMP/all.txt"
: >"$OUT"

# Runs a command, its stdout and stderr both kept under a header naming it (the exit code is
# not checked: a regression exits 1, a --help 0).
show() {
    {
        printf '@@@ %s\n' "$*"
        "$@" 2>&1 </dev/null
        printf '@@@ exit %s\n' "$?"
    } >>"$OUT"
}

bench="$BUILD/benches/bench_triad"
common=(--no-ui --min-time=0.01 --max-time=0.02 --repetitions=2 --baseline=off)
show "$bench" --help
show "$bench" --list
show "$bench" "${common[@]}" --filter='n=1024$' --output-dir="$TMP/a"
show "$bench" "${common[@]}" --filter='n=1024$' --measure=instructions --output-dir="$TMP/i"
show "$bench" "${common[@]}" --filter='no-such-instance'
show "$BENCHGATE" --help
verbs=$("$BENCHGATE" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p')
[ -n "$verbs" ] || { echo "FAIL: no verb found in benchgate --help"; exit 1; }
for verb in $verbs; do
    show "$BENCHGATE" "$verb" --help
done
show "$BENCHGATE" start --build-dir="$BUILD" "${common[@]}" --history=off \
    --filter='^(overhead/cpu|triad/cpu/n=1024)$' --output-dir="$TMP/s"
show "$BENCHGATE" list --build-dir="$BUILD"
show "$BENCHGATE" list --build-dir="$BUILD" --instances

# A regression of a long-named instance against a baseline from another machine class.
[ -f "$TMP/a/result.json" ] || { echo "FAIL: the bench run wrote no result"; cat "$OUT"; exit 1; }
"$PY" - "$TMP/a/result.json" "$TMP" <<'PY'
import json, sys
for name, factor in (("base", 1.0), ("slow", 3.0)):
    d = json.load(open(sys.argv[1]))
    for b in d["benchmarks"]:
        b["name"] = b["name"] + "/layout=interleaved/threads=16/schedule=dynamic,chunk=4096"
        for m in b["metrics"].values():
            for k in ("median", "mean", "min", "max", "p50", "p95", "p99", "value"):
                if isinstance(m.get(k), (int, float)):
                    m[k] = m[k] * factor
    if name == "base":
        d["run"]["machine_class"] = "a-much-longer-machine-class-name-of-a-ci-runner-x86_64"
    json.dump(d, open("%s/%s.json" % (sys.argv[2], name), "w"))
PY
show "$BENCHGATE" compare "$TMP/base.json" "$TMP/slow.json"
show "$BENCHGATE" compare "$TMP/base.json" "$TMP/slow.json" --all
show "$BENCHGATE" compare "$TMP/a" "$TMP/i"
show "$BENCHGATE" summary "$TMP/a" "$TMP/s" "$TMP/base.json"
show "$BENCHGATE" history import --db="$TMP/h.sqlite" "$TMP/s"
show "$BENCHGATE" history --db="$TMP/h.sqlite"

"$PY" - "$OUT" "$WIDTH" <<'PY'
import re, sys
path, width = sys.argv[1], int(sys.argv[2])
bad, command, micro, ascii_us = [], "", [], []
e_notation = re.compile(r"\b\d(\.\d+)?e[+-]\d")
nan = re.compile(r"\bnan\b", re.IGNORECASE)
us = re.compile(r"\d us\b")
for line in open(path, encoding="utf-8", errors="replace").read().split("\n"):
    if line.startswith("@@@ "):
        command = line[4:]
        continue
    if len(line) > width:
        bad.append("%s: a line of %d columns (over %d):\n    %s" % (command, len(line), width, line))
    if e_notation.search(line):
        bad.append("%s: e-notation: %s" % (command, line))
    if nan.search(line):
        bad.append("%s: nan: %s" % (command, line))
    if "\u00b5s" in line:
        micro.append(line)
    if us.search(line):
        ascii_us.append("%s: %s" % (command, line))
if micro and ascii_us:
    bad.append("both µs and us appear, e.g.: %s" % ascii_us[0])
for b in bad:
    print("FAIL " + b)
if bad:
    sys.exit(1)
print("ok: every line fits %d columns; no e-notation, no nan, one spelling of µs" % width)
PY
