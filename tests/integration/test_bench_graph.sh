#!/usr/bin/env bash
# test_bench_graph.sh BENCHGATE BUILD_DIR SOURCE_DIR - scripts/bench_graph.py.
#
# Two short `benchgate start` runs recorded in a history database, then: bars from a
# result.csv as PNG and as SVG, a time series from the two run directories and one from the
# database; each file must be a real PNG (signature, IHDR, decoded and not blank) or SVG (an
# <svg> root with drawn paths). Bad input exits 2 with a message naming the file: a CSV without
# the columns, a non-numeric median (with its line), a metric no row has, a file that is not a
# history database. Runs under /usr/bin/python3 (Debian's python3-matplotlib).
# Exit: 0 pass, 1 fail, 77 skipped (no matplotlib).
set -u
benchgate=$1 build=$2 src=$3
PY=${BG_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
graph="$src/scripts/bench_graph.py"

"$PY" -c "import matplotlib" 2>/dev/null ||
    { echo "skip: $PY has no matplotlib (Debian package python3-matplotlib)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-graph.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*"
    cat "$tmp/err" 2>/dev/null
    exit 1
}
cd "$tmp" || exit 1

for r in r1 r2; do
    "$benchgate" start --build-dir="$build" --filter='^(overhead/cpu|triad/cpu/n=(1024|32768))$' \
        --min-time=0.01 --max-time=0.02 --repetitions=2 --baseline=off --no-ui \
        --history="$tmp/history.sqlite" --output-dir="$tmp/$r" >/dev/null 2>"$tmp/err" ||
        fail "benchgate start ($r) exited $?"
    sleep 1 # distinct run start times
done

draw() { # draw OUT ARGS...: bench_graph.py must exit 0 and write OUT
    o=$1
    shift
    "$PY" "$graph" "$@" --out "$tmp/$o" >"$tmp/out" 2>"$tmp/err" || fail "$o: exit $?"
    grep -q "wrote $tmp/$o" "$tmp/out" || fail "$o: no 'wrote' line"
}
draw bars.png "$tmp/r1/result.csv"
draw bars.svg "$tmp/r1" --format svg --title 'triad & overhead <1>'
draw history.png --history "$tmp/r1" "$tmp/r2/result.json"
draw history_db.svg --db "$tmp/history.sqlite" --last 5 --filter '^triad'
draw cpu.png "$tmp/r2/result.csv" --metric cpu_time_ns
grep -q "series of time_ns)" "$tmp/out" && fail "--metric cpu_time_ns: drew $(cat "$tmp/out")"

# Without --metric, the run's own speed metric: time_ns for a time run, instructions for an
# instruction-mode run (its time_ns rows are skipped), from a run directory, a result.csv
# alone, several runs and the database alike.
default_metric() { # default_metric OUT WANT ARGS...
    o=$1 want=$2
    shift 2
    draw "$o" "$@"
    grep -q "series of $want)" "$tmp/out" || fail "$o: default metric not $want: $(cat "$tmp/out")"
}
default_metric time.png time_ns "$tmp/r1"
if "$benchgate" start --build-dir="$build" --filter='^(overhead/cpu|triad/cpu/n=1024)$' \
    --measure=instructions --repetitions=1 --baseline=off --no-ui \
    --history="$tmp/im.sqlite" --output-dir="$tmp/im" >/dev/null 2>"$tmp/err"; then
    mkdir "$tmp/alone" && cp "$tmp/im/result.csv" "$tmp/alone/"
    default_metric im_bars.png instructions "$tmp/im"
    default_metric im_csv.png instructions "$tmp/alone/result.csv"
    default_metric im_runs.svg instructions --history "$tmp/im"
    default_metric im_db.svg instructions --db "$tmp/im.sqlite"
    "$PY" "$graph" --history "$tmp/im" "$tmp/r1" --out "$tmp/never.png" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 2 ] || [ -e "$tmp/never.png" ] ||
        ! grep -qF "measured as instructions and time: choose one with --metric" "$tmp/err"; then
        fail "mixed measures: exit $rc, not refused"
    fi
    echo "default metric: time_ns for a time run, instructions for an instruction-mode run"
elif command -v valgrind >/dev/null; then
    fail "benchgate start --measure=instructions exited non-zero"
else
    echo "note: valgrind is not installed: only the time default is checked"
fi

"$PY" - "$tmp" "$src/tests/integration/png_stats.py" <<'EOF' || fail "a chart is not valid"
import os, subprocess, sys, xml.etree.ElementTree as ET
tmp, stats = sys.argv[1], sys.argv[2]
for name in ("bars.png", "history.png", "cpu.png"):
    path = os.path.join(tmp, name)
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", name
    assert len(data) > 5000, (name, len(data))
    subprocess.run([sys.executable, stats, path, "--min-ink", "2"], check=True)
for name in ("bars.svg", "history_db.svg"):
    root = ET.parse(os.path.join(tmp, name)).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", (name, root.tag)
    paths = root.findall(".//{http://www.w3.org/2000/svg}path")
    assert len(paths) > 20, (name, len(paths))
svg = open(os.path.join(tmp, "bars.svg")).read()
assert "&lt;1&gt;" in svg or "<1>" not in svg  # the title is text, escaped
print("charts valid: 3 PNG, 2 SVG")
EOF

refuse() { # refuse WHAT MESSAGE ARGS...: exit 2 and the message on stderr
    what=$1 msg=$2
    shift 2
    "$PY" "$graph" "$@" --out "$tmp/never.png" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || fail "$what: exit $rc, expected 2"
    grep -qF -- "$msg" "$tmp/err" || fail "$what: no '$msg' in the message"
    [ ! -e "$tmp/never.png" ] || fail "$what: a file was written"
}
printf 'name,value\nx,1\n' >"$tmp/nocols.csv"
refuse "missing columns" "nocols.csv: not a benchgate result.csv: missing column(s) benchmark, metric, median, ci95_lo, ci95_hi" "$tmp/nocols.csv"
head -n 1 "$tmp/r1/result.csv" >"$tmp/badnum.csv"
printf 'triad/cpu/n=1024,triad,cpu,time_ns,ok,ns,,5,fast,1,1,1,1,1,1,1,1,0,,ok,\n' >>"$tmp/badnum.csv"
refuse "a bad number" "badnum.csv:2: median 'fast' is not a number" "$tmp/badnum.csv"
refuse "an unknown metric" "no ok rows for metric nope" "$tmp/r1/result.csv" --metric nope
refuse "not a database" "not a benchgate history database" --db "$tmp/r1/result.csv"
refuse "a missing file" "cannot read" "$tmp/missing.csv"
echo "ok"
