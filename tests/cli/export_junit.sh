#!/usr/bin/env bash
# export_junit: errors and the "regression" verdict of verdict.json become failures, skipped
# benchmarks <skipped>; read by the real consumers: xmllint against the Jenkins xUnit schema
# (tests/interop/junit-10.xsd) and python3-junitparser, whose suite counts match the cases.
"$BENCHGATE" export --format=junit "$SRC/fixtures/results/mixed" >"$TMP/mixed.xml" || exit $?
cat "$TMP/mixed.xml"
"$BENCHGATE" export --format=junit --output="$TMP/small.xml" "$SRC/fixtures/results/small" || exit $?
for f in mixed small; do
    xmllint --noout --schema "$SRC/tests/interop/junit-10.xsd" "$TMP/$f.xml" || exit 9
done
"$PY" - "$TMP/mixed.xml" "$TMP/small.xml" <<'PYEOF'
import sys
from junitparser import JUnitXml, Failure, Skipped
for path in sys.argv[1:]:
    for suite in JUnitXml.fromfile(path):
        cases = list(suite)
        failed = sum(any(isinstance(r, Failure) for r in c.result) for c in cases)
        skipped = sum(any(isinstance(r, Skipped) for r in c.result) for c in cases)
        same = (suite.tests, suite.failures, suite.skipped) == (len(cases), failed, skipped)
        print("%s: tests=%d failures=%d skipped=%d, the counts match the cases: %s" % (
            path.rsplit("/", 1)[1], len(cases), failed, skipped, same))
PYEOF
