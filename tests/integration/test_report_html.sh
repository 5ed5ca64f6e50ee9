#!/usr/bin/env bash
# test_report_html.sh TOOL BENCHGATE SOURCE_DIR - the HTML report, rendered by headless Chromium.
#
# TOOL: "benchgate" (benchgate report --html) or "python" (bench/convert_to_html.py).
# Checked without a browser: one self-contained file (no script, no link, no src or href, no
# url(): only the SVG namespace names a URL), an inline SVG chart, the family table, and that
# text from the result (a benchmark named <script>..., an error message with & and quotes) is
# HTML-escaped. Then Chromium (--headless --dump-dom) must show the tables' text and no script
# element, and its screenshot must not be blank: enough non-white pixels and the red of the
# regression bar (the PNG read by matplotlib, in png_stats.py). With benchgate, the page of two runs
# (report --html A B) gets the same checks, and its screenshot must show both runs' bar colours.
# Set BG_REPORT_SCREENSHOT=FILE to keep the screenshot.
# Exit: 0 pass, 1 fail, 77 skipped (no python3; or no chromium: the static checks still ran).
set -u
tool=$1 benchgate=$2 src=$3

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-report.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL ($tool): $*"
    exit 1
}

# A run with a regression (fixtures/results/mixed) and one with hostile text.
cp -R "$src/fixtures/results/mixed" "$tmp/mixed"
mkdir "$tmp/evil"
python3 - "$src/fixtures/results/small/result.json" "$tmp/evil/result.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
b = d["benchmarks"][0]
b["name"] = b["family"] + '/<script>alert("x")</script>'
b["status"], b["error_message"] = "error", 'kernel said "no" & <b>stopped</b>'
d["system"]["hostname"] = "<img src=x onerror=alert(1)>"
json.dump(d, open(sys.argv[2], "w"))
EOF

render() { # render RUN_DIR OUT.html
    if [ "$tool" = benchgate ]; then
        "$benchgate" report --html --output="$2" "$1" >/dev/null
    else
        python3 "$src/bench/convert_to_html.py" "$1" -o "$2" >/dev/null
    fi || fail "cannot render $1"
}
render "$tmp/mixed" "$tmp/mixed.html"
render "$tmp/evil" "$tmp/evil.html"
pages="$tmp/mixed.html $tmp/evil.html"
if [ "$tool" = benchgate ]; then # two runs on one page: small (A) and mixed (B)
    "$benchgate" report --html --output="$tmp/pair.html" "$src/fixtures/results/small" \
        "$tmp/mixed" >/dev/null || fail "cannot render the page of two runs"
    pages="$pages $tmp/pair.html"
fi

# shellcheck disable=SC2086 # the pages' paths hold no space (mktemp)
python3 - $pages <<'EOF' || fail "the page is not self-contained"
import re, sys
from html.parser import HTMLParser

ALLOWED = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "br",
           "code", "span", "div", "b", "table", "tr", "th", "td", "section", "footer", "svg",
           "g", "text", "line", "rect", "path"}

class Check(HTMLParser):
    def handle_starttag(self, tag, attrs):
        assert tag in ALLOWED, "element <%s>" % tag
        for name, value in attrs:
            assert name not in ("src", "href", "xlink:href", "action") and \
                not name.startswith("on"), "attribute %s on <%s>" % (name, tag)
            assert "url(" not in (value or ""), "url() in %s" % name

for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    Check().feed(text)
    assert "@import" not in text and "url(" not in text, "CSS fetches something"
    urls = set(re.findall(r"https?://[^\"' <]*", text)) - {"http://www.w3.org/2000/svg"}
    assert not urls, "outside URLs: %s" % urls
print("self-contained: no script, no outside reference")
EOF
grep -q "<svg" "$tmp/mixed.html" || fail "no inline SVG chart"
grep -q "<table" "$tmp/mixed.html" || fail "no table"
grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$tmp/evil.html" ||
    fail "the benchmark name is not escaped"
grep -qF 'kernel said &quot;no&quot; &amp; &lt;b&gt;stopped&lt;/b&gt;' "$tmp/evil.html" ||
    fail "the error message is not escaped"
echo "static checks ok ($tool)"

chrome=""
for c in chromium chromium-browser google-chrome; do
    command -v "$c" >/dev/null 2>&1 && chrome=$(command -v "$c") && break
done
[ -n "$chrome" ] || { echo "skip: chromium not found (Debian package chromium); static checks passed"; exit 77; }

chrome_run() { # chrome_run ARGS...: headless, isolated profile, no network services
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>>"$tmp/chrome.err"
}
chrome_run --dump-dom "file://$tmp/mixed.html" >"$tmp/mixed.dom" || fail "chromium --dump-dom failed"
chrome_run --dump-dom "file://$tmp/evil.html" >"$tmp/evil.dom" || fail "chromium --dump-dom failed"
for text in "triad" "cpu/n=1024" "cpu/n=x1" "regression" "skipped" "95% CI of the median" \
    "151.4 ns" "amd-epyc-2c" "<svg" "axis 'n': 'x1' is not an integer"; do
    grep -qF "$text" "$tmp/mixed.dom" || fail "the rendered page lacks '$text'"
done
if [ "$tool" = benchgate ]; then
    chrome_run --dump-dom "file://$tmp/pair.html" >"$tmp/pair.dom" || fail "chromium --dump-dom failed"
    for text in "B compared with A" "A (baseline): 20261123-190750-19375" "-4.78%" "151.4 ns" \
        "benchmark improved" "Only in baseline A."; do
        grep -qF -- "$text" "$tmp/pair.dom" || fail "the rendered page of two runs lacks '$text'"
    done
fi
grep -qi "<script" "$tmp/evil.dom" && fail "a script element reached the DOM"
grep -qi "<img" "$tmp/evil.dom" && fail "an img element reached the DOM"
grep -qF '&lt;script&gt;alert("x")&lt;/script&gt;' "$tmp/evil.dom" || fail "hostile name not shown as text"

shot=${BG_REPORT_SCREENSHOT:-$tmp/report.png}
chrome_run --screenshot="$shot" --window-size=1200,1600 "file://$tmp/mixed.html" >/dev/null ||
    fail "chromium --screenshot failed"
python3 "$src/tests/integration/png_stats.py" "$shot" --min-ink 2 --colour d64545:2000 \
    --colour 3f9b4f:200 || fail "the screenshot is blank or lacks the chart and badges"
if [ "$tool" = benchgate ]; then # A's bars grey, B's blue
    chrome_run --screenshot="$tmp/pair.png" --window-size=1200,1600 "file://$tmp/pair.html" \
        >/dev/null || fail "chromium --screenshot failed"
    python3 "$src/tests/integration/png_stats.py" "$tmp/pair.png" --min-ink 2 \
        --colour 9aa5b1:2000 --colour 4e79a7:2000 || fail "the page of two runs lacks both runs' bars"
fi
echo "ok ($tool)"
