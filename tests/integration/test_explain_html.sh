#!/usr/bin/env bash
# test_explain_html.sh - benchgate explain --format=html, read by headless Chromium. Two kept
# runs of bench_gatecheck under callgrind (as explain runs them), the head doing 50% more steps
# (BENCHGATE_EXTRA_WORK_PCT) and its hot function renamed in its profile to a hostile name
# (<script>, quotes, &): the page escapes it (no element of it), loads with no console message,
# draws one <rect> per function of the JSON, in the regression and the improvement colours, and
# its screenshot shows both. Then a real run (--base/--head) to stdout, and broken inputs (a bad
# --format, an --out in a missing folder: exit 2, nothing written), and compare's hint at
# explain after the head's instruction regression (none after a pass). --cache-sim: kept runs
# with the cache events give each function its cycles; functions with no change at all are left
# out before --top (a build against itself lists none, and says how many it left out). No line
# of explain's table (its hint without debug info included) is over 100 columns.
#
# usage: test_explain_html.sh BENCHGATE_CLI BUILD_DIR SOURCE_DIR
# Exit: 0 pass, 1 fail, 77 skipped (no valgrind; no chromium after the static checks).
set -u
cli=$1 build=$2 src=$3
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-explain-html.XXXXXX") || exit 1
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# narrow WHAT FILE...: no line of the files is over 100 columns (what a terminal shows: one a
# character, "µ" and "…" included)
narrow() {
    local what=$1 wide
    shift
    wide=$("$py" "$src/tests/integration/wide_lines.py" "$@")
    [ -z "$wide" ] || fail "$what: line(s) over 100 columns: $wide"
}
command -v valgrind >/dev/null 2>&1 || { echo "skip: valgrind not found (explain runs callgrind)"; exit 77; }
bench="$build/benches/bench_gatecheck"
[ -x "$bench" ] || fail "no $bench"

kept_run() { # kept_run DIR [ENV...]: the bench under callgrind with --keep-profile, as explain runs
    # it (with --cache-sim when BG_CACHE_SIM is set)
    local dir=$1
    shift
    env BENCHGATE_COUNTER=callgrind "$@" "$bench" --measure=instructions --keep-profile \
        --baseline=off --no-ui --repetitions=1 --format=json --output-dir="$dir" \
        ${BG_CACHE_SIM:+--cache-sim} >"$dir.log" 2>&1 || { cat "$dir.log"; fail "the kept run $dir failed"; }
}
kept_run "$tmp/base"
kept_run "$tmp/head" BENCHGATE_EXTRA_WORK_PCT=50
hostile='<script>alert("x")</script>&amp;'"'q"
for f in "$tmp"/head/callgrind/cg.out*; do
    sed 's/^\(c\{0,1\}fn=([0-9]*)\) spin_chain$/\1 <script>alert("x")<\/script>\&amp;'"'"'q/' \
        "$f" >"$f.new" || fail "cannot edit $f"
    mv "$f.new" "$f" || fail "cannot replace $f"
done
grep -qF "$hostile" "$tmp"/head/callgrind/cg.out* || fail "the profile edit found no spin_chain"

"$cli" explain --base-profile="$tmp/base" --head-profile="$tmp/head" --format=json \
    >"$tmp/explain.json" || fail "explain --format=json failed"
"$cli" explain --base-profile="$tmp/base" --head-profile="$tmp/head" >"$tmp/explain.txt" ||
    fail "explain (table) failed"
narrow "explain's table" "$tmp/explain.txt"
if "$py" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["functions"][0]["where"] != "?")' \
    "$tmp/explain.json"; then # a build without debug info (as the ci preset's): the hint
    grep -q '^hint: no debug info' "$tmp/explain.txt" || fail "no debug info, no hint: $(cat "$tmp/explain.txt")"
    grep -q 'RelWithDebInfo' "$tmp/explain.txt" || fail "the hint does not name RelWithDebInfo"
    echo "ok: explain's table and its debug-info hint fit 100 columns"
fi
n=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["functions"]))' "$tmp/explain.json")
[ "$n" -ge 2 ] || fail "explain shows $n function(s): $(cat "$tmp/explain.json")"
"$cli" explain --base-profile="$tmp/base" --head-profile="$tmp/head" --format=html \
    --out="$tmp/page.html" >"$tmp/out.txt" || fail "explain --format=html --out failed"
[ -s "$tmp/page.html" ] || fail "no page written"
[ ! -s "$tmp/out.txt" ] || fail "--out also wrote to stdout: $(cat "$tmp/out.txt")"
grep -qi '<script' "$tmp/page.html" && fail "the hostile name is an element in the page"
grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&#39;q' "$tmp/page.html" ||
    fail "the hostile name is not escaped as expected"
grep -Eqi '(src|href)="?(https?:)?//' "$tmp/page.html" && fail "the page fetches something"
rects=$(grep -o '<rect' "$tmp/page.html" | wc -l)
[ "$rects" -eq "$n" ] || fail "the page has $rects <rect>, the JSON $n functions"
echo "static checks ok: $n functions, $rects bars, hostile name escaped"

"$cli" explain --base="$build" --head="$build" --bench='^gatecheck$' --format=html >"$tmp/run.html" ||
    fail "explain --base --head --format=html failed"
grep -q '</html>' "$tmp/run.html" || fail "explain --format=html to stdout: no page"
"$cli" explain --base="$build" --head="$build" --bench='^gatecheck$' --cache-sim --top=1000 --format=json \
    >"$tmp/cycles.json" || fail "explain --cache-sim failed"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" explain "$tmp/cycles.json" ||
    fail "explain --cache-sim's JSON does not validate against explain.schema.json"
"$py" - "$tmp/cycles.json" <<'PY' || fail "explain --cache-sim: $(head -c 2000 "$tmp/cycles.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["functions"] == [], [f["function"] for f in d["functions"]]
assert d["unchanged"] >= 3, d["unchanged"]
print("cache-sim of a build against itself: no function listed, %d unchanged" % d["unchanged"])
PY
"$cli" explain --base="$build" --head="$build" --bench='^gatecheck$' --cache-sim --top=3 \
    >"$tmp/cycles.txt" || fail "explain --cache-sim (table) failed"
grep -q '^[0-9][0-9]* functions with no change (self, inclusive, cycles) not listed$' "$tmp/cycles.txt" ||
    fail "explain --cache-sim: no line of the unchanged functions: $(cat "$tmp/cycles.txt")"
grep -q '^function ' "$tmp/cycles.txt" && fail "explain --cache-sim: rows of unchanged functions: $(cat "$tmp/cycles.txt")"
BG_CACHE_SIM=1 kept_run "$tmp/cbase"
BG_CACHE_SIM=1 kept_run "$tmp/chead" BENCHGATE_EXTRA_WORK_PCT=50
"$cli" explain --base-profile="$tmp/cbase" --head-profile="$tmp/chead" --top=1000 --format=json \
    >"$tmp/cycles2.json" || fail "explain of the --cache-sim kept runs failed"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" explain "$tmp/cycles2.json" ||
    fail "explain of the --cache-sim kept runs does not validate against explain.schema.json"
"$cli" explain --base-profile="$tmp/cbase" --head-profile="$tmp/chead" --top=2 --format=json \
    >"$tmp/cycles3.json" || fail "explain --top=2 of the --cache-sim kept runs failed"
"$cli" explain --base-profile="$tmp/cbase" --head-profile="$tmp/chead" --top=1000 \
    >"$tmp/cycles2.txt" || fail "explain (table) of the --cache-sim kept runs failed"
narrow "explain --cache-sim's table" "$tmp/cycles2.txt" "$tmp/cycles.txt"
"$py" - "$tmp/cycles2.json" "$tmp/cycles3.json" "$tmp/cycles2.txt" <<'PY' ||
import json, sys
d = json.load(open(sys.argv[1]))
fns = d["functions"]
top = fns[0]
assert top["function"] == "spin_chain", top
assert top["self_cycles_base"] >= top["self_base"] > 0, top
assert top["self_cycles_head"] >= top["self_head"] > 0, top
for f in fns:  # every function listed changed in some column
    assert max(abs(f["self_change"]), abs(f["inclusive_change"]), abs(f["cycles_change"])) >= 0.5, f
two = json.load(open(sys.argv[2]))
assert [f["function"] for f in two["functions"]] == [f["function"] for f in fns[:2]], two
assert two["unchanged"] == d["unchanged"], (two["unchanged"], d["unchanged"])
text = open(sys.argv[3]).read()
if d["unchanged"]:
    line = "%d function%s with no change (self, inclusive, cycles) not listed" % (
        d["unchanged"], "" if d["unchanged"] == 1 else "s")
    assert line in text, (line, text)
print("cache-sim: %s %.0f instr, %.0f cycles per iteration; %d listed, %d unchanged left out"
      % (top["function"], top["self_base"], top["self_cycles_base"], len(fns), d["unchanged"]))
PY
    fail "explain of the --cache-sim kept runs: $(head -c 3000 "$tmp/cycles2.json")"
for bad in --format=svg "--out=$tmp/no/such/dir/page.html" --cache-sim=yes; do
    "$cli" explain --base-profile="$tmp/base" --head-profile="$tmp/head" --format=html "$bad" \
        >"$tmp/bad.out" 2>"$tmp/err.txt"
    rc=$?
    [ "$rc" -eq 2 ] || fail "explain $bad: exit $rc, not 2"
    grep -q '^benchgate: error: ' "$tmp/err.txt" || fail "explain $bad: $(cat "$tmp/err.txt")"
    [ ! -s "$tmp/bad.out" ] || fail "explain $bad wrote output"
done
[ ! -e "$tmp/no" ] || fail "a broken --out left a folder"
echo "ok: broken --format and --out exit 2"

# The hint after an instruction-count regression: one line under 100 columns, only then.
"$cli" compare "$tmp/base" "$tmp/head" >"$tmp/compare.txt" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "compare of the 50% slower head: exit $rc, not 1: $(cat "$tmp/compare.txt")"
hint=$(grep '^hint: benchgate explain --base=' "$tmp/compare.txt")
[ -n "$hint" ] || fail "compare's regression has no explain hint: $(cat "$tmp/compare.txt")"
[ "${#hint}" -le 100 ] || fail "the hint is ${#hint} columns: $hint"
"$cli" compare "$tmp/base" "$tmp/base" >"$tmp/compare.txt" 2>&1 || fail "compare base base failed"
grep -q '^hint: benchgate explain' "$tmp/compare.txt" && fail "a pass printed the explain hint"
"$cli" compare --format=md "$tmp/base" "$tmp/head" >"$tmp/compare.md" 2>&1
grep -q 'benchgate explain' "$tmp/compare.md" && fail "the Markdown table has the console hint"
echo "ok: compare hints at explain after an instruction regression, not after a pass"

# ab --explain: the verdict, then explain's table of the two builds.
"$cli" ab --base="$build" --head="$build" --bench='^gatecheck$' --budget=60 --explain \
    --output-dir="$tmp/ab" --measure=instructions >"$tmp/ab.txt" 2>&1 ||
    fail "ab --explain of a build against itself did not pass: $(tail -20 "$tmp/ab.txt")"
grep -q '^verdict: ' "$tmp/ab.txt" || fail "ab --explain: no verdict: $(cat "$tmp/ab.txt")"
grep -q '^benchgate ab --explain: ' "$tmp/ab.txt" || fail "ab --explain: no explain heading"
# the same build on both sides: no function changed, none listed, the count said
grep -q '^[0-9][0-9]* functions* with no change (self, inclusive) not listed$' "$tmp/ab.txt" ||
    fail "ab --explain: no line of the unchanged functions: $(tail -20 "$tmp/ab.txt")"
grep -q '^spin_chain ' "$tmp/ab.txt" && fail "ab --explain: an unchanged spin_chain is listed: $(tail -20 "$tmp/ab.txt")"
sed -n '/^benchgate ab --explain: /,$p' "$tmp/ab.txt" >"$tmp/ab-explain.txt"
narrow "ab --explain's table" "$tmp/ab-explain.txt"
"$cli" ab --base="$build" --head="$build" --explain=yes >/dev/null 2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 2 ] || fail "ab --explain=yes: exit $rc, not 2: $(cat "$tmp/err.txt")"
echo "ok: ab --explain prints explain's table after the verdict"

chrome=""
for c in chromium chromium-browser google-chrome; do
    command -v "$c" >/dev/null 2>&1 && chrome=$(command -v "$c") && break
done
[ -n "$chrome" ] || { echo "skip: chromium not found (Debian package chromium); static checks passed"; exit 77; }
chrome_run() { # chrome_run ARGS...: headless, isolated profile, console messages to chrome.err
    local profile
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --enable-logging=stderr --v=0 --user-data-dir="$profile" "$@" 2>"$tmp/chrome.err"
}
printf '<!DOCTYPE html><html><body><script>nosuch();</script></body></html>\n' >"$tmp/bad.html"
chrome_run --dump-dom "file://$tmp/bad.html" >/dev/null
grep -q 'Uncaught ReferenceError' "$tmp/chrome.err" ||
    fail "the console capture does not see a script error (chromium's logging changed?)"
chrome_run --dump-dom "file://$tmp/page.html" >"$tmp/dom.html" || fail "chromium --dump-dom failed"
if grep -E ':CONSOLE[:(]' "$tmp/chrome.err"; then fail "the page logged to the console"; fi
grep -q '</html>' "$tmp/dom.html" || fail "the page did not load"
drawn=$(grep -o '<rect' "$tmp/dom.html" | wc -l)
[ "$drawn" -eq "$n" ] || fail "the DOM has $drawn <rect>, the JSON $n functions"
grep -q '<script' "$tmp/dom.html" && fail "the DOM has a script element"
grep -q 'class="regression"' "$tmp/dom.html" || fail "no regression bar"
grep -q 'class="improvement"' "$tmp/dom.html" || fail "no improvement bar"
shot=${BG_EXPLAIN_SCREENSHOT:-$tmp/explain.png}
chrome_run --screenshot="$shot" --window-size=1200,900 "file://$tmp/page.html" >/dev/null ||
    fail "chromium --screenshot failed"
"$py" "$src/tests/integration/png_stats.py" "$shot" --min-ink 2 --colour d64545:300 \
    --colour 2f7fbf:300 || fail "the bars are not drawn in both colours (screenshot)"
echo "ok: the page loads with no console message, $drawn bars drawn, both colours on screen"
