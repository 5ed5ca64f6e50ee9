#!/usr/bin/env bash
# memcheck.sh BUILD_DIR - the unit suite and the fuzz corpus replays under valgrind memcheck:
# any memory error or leak (definite or indirect) fails.
set -u
build=${1:-build}
command -v valgrind >/dev/null 2>&1 || { echo "memcheck.sh: valgrind not found" >&2; exit 77; }
# shellcheck disable=SC2054 # the commas belong to valgrind options
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --track-origins=yes)
failed=0 count=0
check() { # name command...
    local name=$1
    shift
    if "${vg[@]}" "$@" >"$build/memcheck-$name.log" 2>&1; then
        echo "ok      $name"
    else
        echo "FAILED  $name (exit $?): $build/memcheck-$name.log"
        grep -E "==[0-9]+==" "$build/memcheck-$name.log" | head -20
        failed=1
    fi
    count=$((count + 1))
}
# Every test labelled unit (the cmocka suites and the fuzz corpus replays), as CTest runs it.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
list=$(ctest --test-dir "$build" -L unit --show-only=json-v1 | "$py" -c '
import json, sys
seen = set()
for t in json.load(sys.stdin)["tests"]:
    if tuple(t["command"]) not in seen:  # one run per program: every case at once
        seen.add(tuple(t["command"]))
        print("\t".join([t["name"].rsplit(".", 1)[0] if t["name"].count(".") > 1 else t["name"]] + t["command"]))')
while IFS=$(printf '\t') read -r name cmd args; do
    [ -n "$name" ] || continue
    # shellcheck disable=SC2086 # the arguments are paths without spaces
    check "$name" "$cmd" $args
done <<EOT
$list
EOT
echo "memcheck: $count programs, $([ $failed = 0 ] && echo "0 errors, 0 leaks" || echo "FAILURES")"
exit $failed
