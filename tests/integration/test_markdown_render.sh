#!/usr/bin/env bash
# test_markdown_render.sh BENCHGATE SOURCE_DIR - the Markdown of `benchgate export --format=md`
# and `benchgate summary --format=md` on fixtures/results/hostile, rendered by cmark-gfm (the
# C library GitHub renders Markdown with; `-e table`): the names, axis values and messages,
# which hold | ` * _ [x](y) <script> <b> & and a newline, show as exactly their text (a newline
# as a space) and make no element: the only elements are those of the page's own layout (one
# <code> per name, run id, machine class and commit; one <strong>, the failed benchmark's
# "error"); the counts line says 1 ok, 1 skipped, 1 error.
# Exit 0 pass, 1 fail, 77 skipped (cmark-gfm not installed: apt-get install cmark-gfm).
set -u
benchgate=$1 src=$2
command -v cmark-gfm >/dev/null 2>&1 || { echo "SKIP: cmark-gfm not installed (apt-get install cmark-gfm)"; exit 77; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/bg-md.XXXXXX")
trap 'rm -rf "$work"' EXIT
fx="$src/fixtures/results/hostile"
"$benchgate" export --format=md --output="$work/export.md" "$fx" || { echo "FAIL: export --format=md"; exit 1; }
"$benchgate" summary --format=md "$fx" >"$work/summary.md" || { echo "FAIL: summary --format=md"; exit 1; }
for f in export summary; do
    cmark-gfm -e table "$work/$f.md" >"$work/$f.html" || { echo "FAIL: cmark-gfm on $f.md"; exit 1; }
done
"$py" - "$work" "$fx/result.json" <<'PY'
import json, sys
from html.parser import HTMLParser

work, doc = sys.argv[1], json.load(open(sys.argv[2]))
LAYOUT = {"h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "strong"}


class Page(HTMLParser):
    """The elements, the text of each <code> and of each table row's cells."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.codes, self.rows, self.text = [], [], [], []
        self.code = self.cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "code":
            self.code = []
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "code":
            self.codes.append("".join(self.code))
            self.code = None
        if tag in ("td", "th"):
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        self.text.append(data)
        for part in (self.code, self.cell):
            if part is not None:
                part.append(data)


def flat(text):
    return text.replace("\n", " ")


def page(name):
    p = Page()
    p.feed(open("%s/%s.html" % (work, name), encoding="utf-8").read())
    return p


bad = []
names = [flat(b["name"]) for b in doc["benchmarks"]]
for name in ("export", "summary"):
    p = page(name)
    extra = sorted(set(p.tags) - LAYOUT)
    if extra:
        bad.append("%s: elements from the text: %s" % (name, extra))
    cells = {r[0]: r for r in p.rows if r}
    for n in names:
        if n not in p.codes or n not in cells:
            bad.append("%s: the name %r is not shown as itself (codes %r)" % (name, n, p.codes))
    if name == "export":
        want_codes = len(names) + 3  # run id, machine class, commit
        if len(p.codes) != want_codes or p.tags.count("strong") != 1:
            bad.append("export: %d <code> (want %d), %d <strong> (want 1)" % (
                len(p.codes), want_codes, p.tags.count("strong")))
        for b in doc["benchmarks"]:
            status = cells.get(flat(b["name"]), ["", ""])[1]
            want = {"ok": "ok", "skipped": "skipped: ", "error": "error: "}[b["status"]]
            want += flat(b["error_message"] or "")
            if status != want:
                bad.append("export: %s shows %r, want %r" % (b["status"], status, want))
        if "3 benchmarks: 1 ok, 1 skipped, 1 error." not in "".join(p.text):
            bad.append("export: the counts line is not 1 ok, 1 skipped, 1 error")
        if "esc_*fam*" not in [t for t in p.text]:
            bad.append("export: the family heading is not esc_*fam*")
    else:
        runs = {flat(b["name"]): cells.get(flat(b["name"]), ["", "", ""])[2] for b in doc["benchmarks"]}
        if runs != {names[0]: "1", names[1]: "0 of 1", names[2]: "0 of 1"}:
            bad.append("summary: runs ok per benchmark %r" % runs)
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: cmark-gfm renders every name and message as its text, no element from them; "
          "export counts 1 ok, 1 skipped, 1 error; the failed one shows 'error: <its message>'")
sys.exit(1 if bad else 0)
PY
