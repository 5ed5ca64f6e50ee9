#!/usr/bin/env bash
# export_broken_bytes: a benchmark's message with bytes that are not UTF-8 and a terminal escape
# (bg_fail(s, "kernel said: %s", "caf\xe9 \xff \x1b[31mred...")) reaches no output raw: the
# result files, the console, and every export format are valid UTF-8 without escapes; the
# JUnit file passes the xUnit schema. A result file that is not UTF-8 is refused by name.
"$BUILD/tests/test_bytes_bench" --min-time=0.01 --max-time=0.02 --repetitions=1 --baseline=off \
    --no-ui --history=off --output-dir="$TMP/run" >"$TMP/console.txt" 2>&1
echo "bench: exit $?"
for f in csv json md junit gbench html; do
    "$BENCHGATE" export --format=$f --output="$TMP/export.$f" "$TMP/run" || echo "export $f failed"
done
"$PY" - "$TMP" <<'PYEOF'
import glob, json, os, sys
tmp = sys.argv[1]
files = sorted(glob.glob(tmp + "/run/*") + glob.glob(tmp + "/export.*") + [tmp + "/console.txt"])
bad = []
for path in files:
    if os.path.isdir(path):
        continue
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s: not UTF-8 (%s)" % (os.path.basename(path), e))
        continue
    if "\x1b" in text:
        bad.append("%s: holds an escape character" % os.path.basename(path))
print("%d files checked: %s" % (len(files), "all valid UTF-8 without escapes" if not bad else "; ".join(bad)))
doc = json.load(open(tmp + "/run/result.json"))
msg = [b["error_message"] for b in doc["benchmarks"] if b["name"] == "broken_bytes/cpu"][0]
print("message kept, bytes replaced: %s" % msg)
PYEOF
xmllint --noout --schema "$SRC/tests/interop/junit-10.xsd" "$TMP/export.junit" 2>/dev/null && echo "junit valid"
printf '{"schema": "caf\xe9"}' >"$TMP/latin1.json"
"$BENCHGATE" compare "$TMP/latin1.json" "$TMP/run/result.json"
echo "latin-1 result: exit $?"
exit 0
