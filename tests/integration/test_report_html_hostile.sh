#!/usr/bin/env bash
# test_report_html_hostile.sh BENCHGATE SOURCE_DIR - the HTML report of fixtures/results/hostile
# (one ok, one failed with a wrong result, one skipped; names, axis values and messages holding
# <script>, <b>, <i>, |, `, *, _, [x](y), & and a newline), alone and as run B of the page of
# two runs (A: the same benchmarks, all ok), loaded by headless Chromium: no console message
# (an error of a script would be one), no element from the text (the DOM holds no <script>,
# <i>, <a>, <img> or the message's <b>), every name and message shown as its text; the cards
# count 1 ok, 1 skipped, 1 error, and on the page of two only the ok benchmark as passed (the
# failed and the skipped one are shown as error and skipped in B, never as a pass).
# Set BG_REPORT_SCREENSHOT=FILE to keep a screenshot of the page of two runs.
# Exit 0 pass, 1 fail, 77 skipped (no chromium: apt-get install chromium).
set -u
benchgate=$1 src=$2
py=/usr/bin/python3
[ -x "$py" ] || py=python3
chrome=""
for c in chromium chromium-browser google-chrome; do
    command -v "$c" >/dev/null 2>&1 && chrome=$(command -v "$c") && break
done
[ -n "$chrome" ] || { echo "SKIP: chromium not found (Debian package chromium)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-hostile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}
mkdir "$tmp/a" "$tmp/b"
cp "$src/fixtures/results/hostile/result.json" "$tmp/b/" || exit 1
"$py" - "$tmp/b/result.json" "$tmp/a/result.json" <<'PY' || fail "cannot write run A"
import copy, json, sys
d = json.load(open(sys.argv[1]))
ok = d["benchmarks"][0]
for b in d["benchmarks"][1:]:
    n = copy.deepcopy(ok)
    n["name"], n["params"] = b["name"], b["params"]
    b.clear()
    b.update(n)
json.dump(d, open(sys.argv[2], "w"))
PY
"$benchgate" report --html --output="$tmp/one.html" "$tmp/b" >/dev/null || fail "report --html of one run"
"$benchgate" report --html --output="$tmp/two.html" "$tmp/a" "$tmp/b" >/dev/null || fail "report --html of two runs"
chrome_run() { # chrome_run ARGS...: headless, isolated profile, no network services
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --enable-logging=stderr --v=0 --user-data-dir="$profile" "$@"
}
for page in one two; do
    chrome_run --dump-dom "file://$tmp/$page.html" >"$tmp/$page.dom" 2>"$tmp/$page.log" ||
        fail "chromium --dump-dom of $page.html failed"
    if grep -F ':CONSOLE' "$tmp/$page.log"; then fail "$page.html: console messages (above)"; fi
done
"$py" - "$tmp" "$src/fixtures/results/hostile/result.json" <<'PY' || exit 1
import json, re, sys
from html.parser import HTMLParser
tmp, doc = sys.argv[1], json.load(open(sys.argv[2]))


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.bold = [], [], []
        self.in_b = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.in_b = tag == "b"

    def handle_endtag(self, tag):
        self.in_b = False

    def handle_data(self, data):
        self.text.append(data)
        if self.in_b:
            self.bold.append(data)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


bad = []
for page in ("one", "two"):
    d = Dom()
    d.feed(open("%s/%s.dom" % (tmp, page), encoding="utf-8").read())
    text = norm(" ".join(d.text))
    for tag in ("script", "i", "a", "img", "em", "iframe"):
        if tag in d.tags:
            bad.append("%s: a <%s> element reached the DOM" % (page, tag))
    if "bold" in d.bold:
        bad.append("%s: the message's <b>bold</b> became an element" % page)
    for b in doc["benchmarks"]:
        short = norm(b["name"].split("/", 1)[1])
        if short not in text:
            bad.append("%s: the name %r is not shown as text" % (page, short))
        if b["error_message"] and norm(b["error_message"]) not in text:
            bad.append("%s: the message %r is not shown as text" % (page, b["error_message"]))
    for card in ("1 ok", "1 skipped", "1 error"):
        if card not in text:
            bad.append("%s: no card %r" % (page, card))
    if page == "two":
        if "1 benchmark passed" not in text:
            bad.append("two: the passed card is not 1 (the ok benchmark alone)")
        for state in ("error in B", "skipped in B"):
            if state not in text:
                bad.append("two: the comparison table does not say %r" % state)
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: Chromium shows every hostile name and message as text, no element from them, no "
          "console message; cards 1 ok, 1 skipped, 1 error; page of two: 1 benchmark passed, "
          "the failed and skipped ones 'error in B' and 'skipped in B'")
sys.exit(1 if bad else 0)
PY
if [ -n "${BG_REPORT_SCREENSHOT:-}" ]; then
    chrome_run --screenshot="$BG_REPORT_SCREENSHOT" --window-size=1200,1400 "file://$tmp/two.html" \
        >/dev/null 2>&1 || fail "chromium --screenshot failed"
fi
