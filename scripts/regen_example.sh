#!/usr/bin/env bash
# regen_example.sh [BUILD_DIR] - rewrites docs/examples/result.json from a real run, so the
# sample in the documentation is what the tool writes (tests/integration/check_example.py
# fails when they drift apart).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/benches/bench_triad" --filter='n=1024$' --repetitions=2 --min-time=0.05 --max-time=0.1 \
    --no-ui --baseline=off --output-dir="$tmp/run" >/dev/null 2>&1
cp "$tmp/run/result.json" "$root/docs/examples/result.json"
echo "wrote docs/examples/result.json"
