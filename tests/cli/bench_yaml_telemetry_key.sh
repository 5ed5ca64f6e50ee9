#!/usr/bin/env bash
# bench_yaml_telemetry_key: an unknown key in the telemetry section is an error with its line,
# from benchgate start, whose section it is (exit 2, no run directory); a bench executable run
# alone skips the command's sections (it neither pushes nor notifies)
printf "version: 1\ntelemetry:\n  url: http://127.0.0.1:9\n  uri: x\n" > bad.yaml || exit 9
"$BUILD/benches/bench_triad" --config=bad.yaml --list >/dev/null || {
    echo "the bench refused the command's section" >&2
    exit 9
}
"$BENCHGATE" start --build-dir="$BUILD" --config=bad.yaml --output-dir="$TMP/run" --dry-run
rc=$?
[ -e "$TMP/run" ] && { echo "a run directory was made" >&2; exit 9; }
exit $rc
