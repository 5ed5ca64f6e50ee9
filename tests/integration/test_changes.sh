#!/usr/bin/env bash
# test_changes.sh BENCHGATE SOURCE_DIR - benchgate changes on a small seeded validation set
# (scripts/changes_synth.py --small: 36 series of 50-200 commits, recorded with benchgate history
# --record) scored by scripts/changes_score.py --check: the default method must reach F1 >= 0.9
# on steps of 3 noise standard deviations or more, at most 1 false change per 1,000 points
# without change, and F1 = 1 on exact series. Then the outputs: JSON valid against
# docs/schema/changes.schema.json (validate_json.py), a table of at most 100 columns with units
# and no e-notation, Markdown, --since (a commit, a date) and --fail-on=regression (exit 1 with
# a regression after --since, 0 without).
# Exit: 0 pass, 1 fail.
set -u
cli=$1 src=$2
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-changes.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}

"$py" "$src/scripts/changes_synth.py" --small --seed=7 --out="$tmp/set" || fail "changes_synth.py failed"
"$py" "$src/scripts/changes_score.py" --check "$cli" "$tmp/set" || fail "the targets are missed"
db=$tmp/set/history.sqlite

"$cli" changes --db="$db" --format=json >"$tmp/changes.json" || fail "changes --format=json failed"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" changes "$tmp/changes.json" ||
    fail "changes.json does not validate against changes.schema.json"
"$py" - "$tmp/changes.json" <<'PY' || fail "changes.json lacks changes of both kinds"
import json, sys
d = json.load(open(sys.argv[1]))
kinds = {c["kind"] for c in d["changes"]}
assert d["schema"] == "benchgate.changes/1" and kinds == {"regression", "improvement"}, kinds
assert any(c["exact"] for c in d["changes"]) and any(not c["exact"] for c in d["changes"])
PY

"$cli" changes --db="$db" >"$tmp/table.txt" || fail "changes (table) failed"
wide=$(awk 'length($0) > 100' "$tmp/table.txt" | wc -l)
[ "$wide" -eq 0 ] || fail "$wide line(s) of the table are over 100 columns"
# the figures of each change line: after its two commits and date (a sha may read 3e4)
awk '/^  / { $1 = $2 = $3 = $4 = ""; print }' "$tmp/table.txt" >"$tmp/figures.txt"
[ -s "$tmp/figures.txt" ] || fail "the table has no change line"
grep -Eq '[0-9][eE][-+]?[0-9]' "$tmp/figures.txt" && fail "the table has e-notation"
grep -Eq ' (ns|µs|ms|s|count) +-> ' "$tmp/table.txt" || fail "the table's figures have no unit"
grep -q 'regression' "$tmp/table.txt" || fail "the table names no regression"
"$cli" changes --db="$db" --format=md | grep -q '^| benchmark | metric | machine class |' ||
    fail "changes --format=md has no table"

# --since: the last commit reports nothing (a change needs a level of 3 commits after it); the
# first reports every change; a date before the set, every change too.
last=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["commits"][-1])' "$tmp/set/manifest.json")
first=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["commits"][0][:12])' "$tmp/set/manifest.json")
all=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["changes"]))' "$tmp/changes.json")
"$cli" changes --db="$db" --since="$last" --fail-on=regression --format=json >"$tmp/late.json" ||
    fail "--since=the last commit --fail-on=regression exited $? (no regression after it)"
n=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["changes"]))' "$tmp/late.json")
[ "$n" -eq 0 ] || fail "--since=the last commit reported $n change(s)"
for since in "$first" 2025-12-31; do
    "$cli" changes --db="$db" --since="$since" --format=json >"$tmp/early.json"
    n=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["changes"]))' "$tmp/early.json")
    [ "$n" -eq "$all" ] || fail "--since=$since reported $n change(s), not all $all"
done
"$cli" changes --db="$db" --fail-on=regression >/dev/null 2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 1 ] || fail "--fail-on=regression exited $rc with regressions (expected 1)"
grep -q 'regression(s) found' "$tmp/err.txt" || fail "--fail-on=regression said nothing"
echo "ok: benchgate changes on the seeded set"
