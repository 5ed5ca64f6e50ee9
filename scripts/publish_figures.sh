#!/usr/bin/env bash
# publish_figures.sh BENCHGATE [COMMITS] [BENCHES] - the figures of benchgate changes and
# publish at scale: a history of COMMITS commits x BENCHES benchmarks (default 1000 x 1000, one
# machine class; scripts/publish_store.py, direct SQL inserts), then the time of `changes`
# (target <= 5 s), of `publish` (<= 15 s), the site's size (<= 100 MB) and the time of the
# index loading in headless Chromium (its navigation to ready, <= 3 s; and the whole
# --dump-dom run, the browser's start included). Prints a Markdown table; exit 1 when a target
# is missed. The machine it ran on is printed (a shared one says so).
# With LOCATION (a PostgreSQL URL, the store's database, emptied first), the same history is
# copied there (history export | history import) and the figures are PostgreSQL's.
# Usage: scripts/publish_figures.sh BENCHGATE [COMMITS [BENCHES [LOCATION]]]
set -u
cli=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1") commits=${2:-1000} benches=${3:-1000} location=${4:-}
here=$(cd "$(dirname "$0")" && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-pubfig.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
now() { /usr/bin/python3 -c 'import time; print("%.3f" % time.monotonic())'; }
took() { /usr/bin/python3 -c 'import sys; print("%.2f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$2"; }

/usr/bin/python3 "$here/publish_store.py" "$cli" "$tmp/h.sqlite" --commits="$commits" \
    --benches="$benches" >/dev/null || exit 1
db=$tmp/h.sqlite
if [ -n "$location" ]; then
    "$cli" history export --db="$db" --format=jsonl >"$tmp/h.jsonl" || exit 1
    ti=$(now)
    "$cli" history import --db="$location" "$tmp/h.jsonl" >"$tmp/import.txt" || exit 1
    echo "copied into $location in $(took "$ti" "$(now)") s: $(head -1 "$tmp/import.txt")"
    rm -f "$tmp/h.jsonl"
    db=$location
fi
cd "$tmp" || exit 1 # outside any git checkout: commit-time order
t0=$(now)
"$cli" changes --db="$db" >"$tmp/changes.txt" || exit 1
t1=$(now)
"$cli" publish --db="$db" --out="$tmp/site" >"$tmp/publish.txt" || exit 1
t2=$(now)
bytes=$(du -sb "$tmp/site" | cut -f1)
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
load=n/a whole=n/a
if [ -n "$chrome" ]; then
    # the second load is timed (the first starts the browser's caches)
    for _ in 1 2; do
        t3=$(now)
        timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
            --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/site/index.html" >"$tmp/dom.html" 2>/dev/null
        t4=$(now)
    done
    grep -q 'data-ready="1"' "$tmp/dom.html" || { echo "the index did not load"; exit 1; }
    whole=$(took "$t3" "$t4")
    # the page's own time, from the start of its navigation to the table filtered and ready (what
    # a reader waits for; the whole run above adds the browser's start, about 1-2 s here)
    load=$(sed -n 's/.*data-ready-ms="\([0-9]*\)".*/\1/p' "$tmp/dom.html" | head -1)
    [ -n "$load" ] || { echo "the index did not say when it was ready"; exit 1; }
    load=$(/usr/bin/python3 -c 'import sys; print("%.2f" % (int(sys.argv[1]) / 1000))' "$load")
fi
tc=$(took "$t0" "$t1") tp=$(took "$t1" "$t2")
mb=$(/usr/bin/python3 -c 'import sys; print("%.1f" % (int(sys.argv[1]) / 1e6))' "$bytes")
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "history: $commits commits x $benches benchmarks ($(head -1 "$tmp/changes.txt" | cut -d: -f2 | sed 's/^ *//'))"
echo
echo "| figure | measured | target |"
echo "| --- | ---: | ---: |"
echo "| benchgate changes | $tc s | 5 s |"
echo "| benchgate publish | $tp s | 15 s |"
echo "| site size | $mb MB | 100 MB |"
echo "| index.html in headless Chromium: navigation to ready | $load s | 3 s |"
echo "| the same, the whole chromium --dump-dom run (its start included) | $whole s | |"
/usr/bin/python3 - "$tc" "$tp" "$mb" "$load" <<'PY'
import sys
tc, tp, mb, load = sys.argv[1:]
missed = [n for n, v, t in (("changes", tc, 5), ("publish", tp, 15), ("size", mb, 100),
                            ("index load", load, 3)) if v != "n/a" and float(v) > t]
if missed:
    sys.exit("missed: " + ", ".join(missed))
PY
