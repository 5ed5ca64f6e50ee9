#!/usr/bin/env bash
# bench_telemetry_bad_url: a bench executable checks the telemetry URL like every setting
"$BUILD/benches/bench_triad" --telemetry-url=ftp://pgw.example.test --list
