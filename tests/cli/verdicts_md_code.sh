#!/usr/bin/env bash
# verdicts_md_code: benchgate verdicts --format=md prints a name with a backtick, and the capture
# command that holds it, each as one whole code span; cmark-gfm renders each as one <code> with
# exactly that text, in one table cell (before, `NAME` ended at the name's own backtick)
export BENCHGATE_MACHINE_CLASS=ci-class
command -v cmark-gfm >/dev/null 2>&1 || { echo "SKIP: cmark-gfm not installed"; exit 77; }
name='tick`tock|x'
b="$TMP/b"
mkdir -p "$b/benchgate/manifest.d"
printf '%s\tx\tbench\t\n' "$name" >"$b/benchgate/manifest.d/$name.tsv"
"$BUILD/benches/bench_gatecheck" --no-ui --measure=instructions --baseline="$TMP/none" \
    --output-dir="$b/bench-results/$name" >/dev/null 2>&1
"$BENCHGATE" verdicts --build-dir="$b" --format=md >"$TMP/v.md"
echo "md: exit $?"
cmark-gfm -e table "$TMP/v.md" >"$TMP/v.html" || exit 9
"$PY" - "$TMP/v.html" "$name" "$TMP" <<'PY'
import html, re, sys
page, name, tmp = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
codes = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", page, re.S)]
capture = "benchgate baseline --run='%s/b/bench-results/%s' --dir='%s/none'" % (tmp, name, tmp)
print("name as one code span: %s" % (name in codes))
print("capture as one code span: %s" % (capture in codes))
rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
print("table rows: %d, cells in the entry's row: %d" % (len(rows), rows[-1].count("<td")))
PY
