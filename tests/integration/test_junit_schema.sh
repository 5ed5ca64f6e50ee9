#!/usr/bin/env bash
# test_junit_schema.sh BENCHGATE SOURCE_DIR - the JUnit export read by real consumers: xmllint
# against the Jenkins xUnit schema (tests/interop/junit-10.xsd, a copy of the one many CI servers
# validate with) and python3-junitparser, for a run with passes, failures, skipped benchmarks
# and bytes that are not UTF-8 in a message; and fixtures/results/hostile, whose failed benchmark
# (a wrong result, a message with markup, quotes and a newline) must be a <failure> carrying the
# message exactly, its skipped one a <skipped>, its ok one neither.
# Exit 0 pass, 1 fail, 77 skip (tool missing).
set -u
cli=$1 src=$2
command -v xmllint >/dev/null 2>&1 || { echo "SKIP: xmllint not installed (libxml2-utils)"; exit 77; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c "import junitparser" 2>/dev/null || { echo "SKIP: python3-junitparser not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-junit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
for fixture in mixed small hostile; do
    "$cli" export --format=junit --output="$tmp/$fixture.xml" "$src/fixtures/results/$fixture" ||
        { echo "FAIL: export of $fixture"; exit 1; }
    if xmllint --noout --schema "$src/tests/interop/junit-10.xsd" "$tmp/$fixture.xml" 2>"$tmp/$fixture.err"; then
        echo "ok: $fixture.xml is valid against junit-10.xsd"
    else
        echo "FAIL: $fixture.xml against junit-10.xsd:"; cat "$tmp/$fixture.err"; fail=1
    fi
done
"$py" - "$tmp/mixed.xml" <<'PY' || fail=1
import sys
from junitparser import JUnitXml, Failure, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
cases = [c for suite in xml for c in suite]
failed = sorted(c.name for c in cases if any(isinstance(r, Failure) for r in c.result))
skipped = sorted(c.name for c in cases if any(isinstance(r, Skipped) for r in c.result))
print("junitparser: %d cases, failed %s, skipped %s" % (len(cases), failed, skipped))
ok = len(cases) == 3 and failed == ["triad/cpu/n=1024", "triad/cpu/n=x1"] and skipped == ["triad/cuda/n=1024"]
print("ok: junitparser reads the cases" if ok else "FAIL: junitparser read something else")
sys.exit(0 if ok else 1)
PY
"$py" - "$tmp/hostile.xml" "$src/fixtures/results/hostile/result.json" <<'PY' || fail=1
import json, sys
from junitparser import JUnitXml, Failure, Skipped, Error
xml = JUnitXml.fromfile(sys.argv[1])
doc = json.load(open(sys.argv[2]))
cases = {c.name: c for suite in xml for c in suite}
want = {b["name"]: b for b in doc["benchmarks"]}
bad = []
if sorted(cases) != sorted(want):
    bad.append("cases %r, want %r" % (sorted(cases), sorted(want)))
for name, b in want.items():
    c = cases.get(name)
    if c is None:
        continue
    kinds = [type(r).__name__ for r in c.result]
    if b["status"] == "error":
        fails = [r for r in c.result if isinstance(r, (Failure, Error))]
        if not fails or fails[0].message != "error: " + b["error_message"] or \
                b["error_message"] not in (fails[0].text or ""):
            bad.append("%r: %s, not a failure with the message %r" % (name, kinds, b["error_message"]))
    elif b["status"] == "skipped":
        if kinds != ["Skipped"] or c.result[0].message != b["error_message"]:
            bad.append("%r: %s, not skipped with its message" % (name, kinds))
    elif kinds:
        bad.append("%r: ok, but %s" % (name, kinds))
suite = list(xml)[0]
if (suite.tests, suite.failures, suite.skipped) != (3, 1, 1):
    bad.append("suite counts tests=%d failures=%d skipped=%d, want 3, 1, 1" % (suite.tests, suite.failures, suite.skipped))
for b in bad:
    print("FAIL: hostile.xml: " + b)
if not bad:
    print("ok: hostile.xml: the failed benchmark is a failure with its message exactly, the "
          "skipped one skipped, the ok one passes (tests=3 failures=1 skipped=1)")
sys.exit(1 if bad else 0)
PY
exit $fail
