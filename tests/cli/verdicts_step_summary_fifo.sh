#!/usr/bin/env bash
# verdicts_step_summary_fifo: a GITHUB_STEP_SUMMARY that is not a regular file (a FIFO without
# a reader, which used to hang verdicts --ctest forever, a FIFO with one, a device, a symbolic
# link) is skipped with a warning and the verdicts go on (exit 0); a regular file is written
b="$TMP/b"
mkdir -p "$b/benchgate/manifest.d" "$b/bench-results/alpha"
printf 'alpha\tx\tbench\t\n' >"$b/benchgate/manifest.d/alpha.tsv"
"$BENCHGATE" verdicts --build-dir="$b" --begin || exit 9
"$BUILD/benches/bench_gatecheck" --no-ui --measure=instructions --baseline="$TMP/none" \
    --output-dir="$b/bench-results/alpha" >/dev/null 2>&1
mkfifo "$TMP/fifo"
GITHUB_STEP_SUMMARY="$TMP/fifo" timeout 20 "$BENCHGATE" verdicts --build-dir="$b" --ctest >/dev/null
echo "FIFO without a reader: exit $?"
exec 3<>"$TMP/fifo" # this shell reads it now (the old code wrote into it, blocking once full)
GITHUB_STEP_SUMMARY="$TMP/fifo" timeout 20 "$BENCHGATE" verdicts --build-dir="$b" --ctest >/dev/null
echo "FIFO with a reader: exit $?"
exec 3>&-
GITHUB_STEP_SUMMARY=/dev/null timeout 20 "$BENCHGATE" verdicts --build-dir="$b" --ctest >/dev/null
echo "a device: exit $?"
: >"$TMP/real.md"
ln -s "$TMP/real.md" "$TMP/link.md"
GITHUB_STEP_SUMMARY="$TMP/link.md" timeout 20 "$BENCHGATE" verdicts --build-dir="$b" --ctest >/dev/null
echo "a symbolic link: exit $? $(wc -c <"$TMP/real.md") bytes written through it"
GITHUB_STEP_SUMMARY="$TMP/summary.md" timeout 20 "$BENCHGATE" verdicts --build-dir="$b" --ctest >/dev/null
echo "a regular file: exit $?"
grep -c 'alpha' "$TMP/summary.md"
