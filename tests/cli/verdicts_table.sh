#!/usr/bin/env bash
# verdicts_table: the combined table of a build tree: a pass, a regression, a not gated; the
# combined exit code; Markdown; only what ran since --begin with --ctest
export BENCHGATE_MACHINE_CLASS=ci-class
b="$TMP/b"
mkdir -p "$b/benchgate/manifest.d" "$TMP/base"
for n in alpha beta gamma; do printf '%s\tx\tbench\t\n' "$n" >"$b/benchgate/manifest.d/$n.tsv"; done
g="$BUILD/benches/bench_gatecheck"
"$g" --no-ui --measure=instructions --baseline=off --output-dir="$TMP/first" >/dev/null 2>&1
"$BENCHGATE" baseline --run="$TMP/first" --dir="$TMP/base" >/dev/null 2>&1 || exit 9
mkdir -p "$TMP/base/ci-class" && cp "$TMP/base/ci-class/gatecheck.json" "$TMP/base/ci-class/alpha.json"
"$g" --no-ui --measure=instructions --baseline="$TMP/base/ci-class/gatecheck.json" \
    --output-dir="$b/bench-results/alpha" >/dev/null 2>&1
BENCHGATE_EXTRA_WORK_PCT=10 "$g" --no-ui --measure=instructions \
    --baseline="$TMP/base/ci-class/gatecheck.json" --output-dir="$b/bench-results/beta" >/dev/null 2>&1
"$g" --no-ui --measure=instructions --baseline="$TMP/none" --output-dir="$b/bench-results/gamma" >/dev/null 2>&1
"$BENCHGATE" verdicts --build-dir="$b"
echo "table: exit $?"
# shellcheck disable=SC2016 # backquotes of Markdown, not a command
"$BENCHGATE" verdicts --build-dir="$b" --format=md | grep -c '^| \*\*regression\*\* | `beta`'
"$BENCHGATE" verdicts --build-dir="$b" --begin
GITHUB_STEP_SUMMARY="$TMP/summary.md" "$BENCHGATE" verdicts --build-dir="$b" --ctest
echo "ctest, nothing ran since --begin: exit $? $(wc -c <"$TMP/summary.md" 2>/dev/null || echo none)"
