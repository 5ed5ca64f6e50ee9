#!/usr/bin/env bash
# bench_yaml_telemetry_key: an unknown key in the telemetry section is an error with its line
printf "version: 1\ntelemetry:\n  url: http://127.0.0.1:9\n  uri: x\n" > bad.yaml && "$BUILD/benches/bench_triad" --config=bad.yaml --list
