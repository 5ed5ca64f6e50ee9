#!/usr/bin/env bash
# bench_list
"$BUILD/benches/bench_triad" --list
