#!/usr/bin/env bash
# bisect_figures.sh BUILD_DIR - the figures of docs/bisect.md: benchgate bisect over the 32
# commits of the fixture project (tests/integration/bisect_fixture.sh: c20 slows
# checksum_rows() by 1/31, c17 does not compile), on an install of BUILD_DIR: wall time and
# builds; and, when benchgate has the explain verb, explain's cost as a ratio to one
# instruction-mode run of the same bench. Prints the machine (nproc, load) with them: on a
# shared machine the wall times move with the load, the builds do not.
# Exit: 0, or 1 with a message.
set -eu
build=$(cd "$1" && pwd -P)
here=$(cd "$(dirname "$0")/.." && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-bisect-figures.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gen=()
command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cli=$tmp/prefix/bin/benchgate
bash "$here/tests/integration/bisect_fixture.sh" "$tmp/repo" 32 20 17
cmake -S "$tmp/repo" -B "$tmp/repo/build" "${gen[@]+"${gen[@]}"}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/repo/build" >/dev/null
first=$(git -C "$tmp/repo" rev-list --max-parents=0 HEAD)
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) (shared: wall times move with the load)"
start=$(date +%s.%N)
"$cli" bisect --good="$first" --bad=HEAD --bench='^mix$' --build-dir="$tmp/repo/build" \
    --format=json >"$tmp/bisect.json" 2>/dev/null
end=$(date +%s.%N)
/usr/bin/python3 - "$tmp/bisect.json" "$start" "$end" <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
print("bisect over %d commits: first bad %s (%s), %d builds (ceil(log2 %d) + 2 = %d), "
      "%d skipped, wall %.1f s (%.1f s a build)" % (
          d["commits"], d["first_bad"][:12], d["first_bad_subject"], d["builds"], d["commits"],
          math.ceil(math.log2(d["commits"])) + 2, len(d["skipped"]), wall, wall / d["builds"]))
PY
if "$cli" explain --help >/dev/null 2>&1; then
    git -C "$tmp/repo" worktree add -q --detach "$tmp/base" "$first"
    cmake -S "$tmp/base" -B "$tmp/base/build" "${gen[@]+"${gen[@]}"}" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
    cmake --build "$tmp/base/build" >/dev/null
    s0=$(date +%s.%N)
    "$tmp/repo/build/bench_mix" --measure=instructions --baseline=off --no-ui --repetitions=1 \
        --output-dir="$tmp/one" >/dev/null 2>&1
    s1=$(date +%s.%N)
    "$cli" explain --base="$tmp/base/build" --head="$tmp/repo/build" --bench='^mix$' \
        --format=json >"$tmp/explain.json"
    s2=$(date +%s.%N)
    /usr/bin/python3 - "$s0" "$s1" "$s2" "$tmp/explain.json" <<'PY'
import json, sys
s0, s1, s2 = map(float, sys.argv[1:4])
d = json.load(open(sys.argv[4]))
top = d["functions"][0]
print("explain: %.2f s, one instruction-mode run %.2f s: %.1fx; top function %s, %.1f%% of "
      "the change" % (s2 - s1, s1 - s0, (s2 - s1) / (s1 - s0), top["function"], top["share_pct"]))
PY
fi
