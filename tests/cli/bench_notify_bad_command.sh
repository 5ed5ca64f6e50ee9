#!/usr/bin/env bash
# bench_notify_bad_command: a notify command with an unclosed quote is refused
"$BUILD/benches/bench_triad" --notify-command="echo 'unclosed" --list
