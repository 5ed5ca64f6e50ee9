#!/usr/bin/env bash
# bench_notify_bad_command: a bench executable refuses a setting of benchgate start (here a
# notify command) instead of ignoring it, and its --help leaves such flags out
if "$BUILD/benches/bench_triad" --help | grep -q -- '--notify-command'; then
    echo "bench --help lists --notify-command" >&2
    exit 9
fi
"$BUILD/benches/bench_triad" --notify-command="echo 'unclosed" --list
