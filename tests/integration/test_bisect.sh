#!/usr/bin/env bash
# test_bisect.sh SOURCE_DIR BUILD_DIR - benchgate bisect as a user runs it: benchgate installed
# into a prefix, a project of its own (tests/integration/bisect_fixture.sh: 16 commits, c12
# makes checksum_rows() do 1/31 more work, c10 does not compile) built with
# find_package(benchgate). bisect must name c12 within ceil(log2 16) + 2 = 6 builds, report c10
# as skipped, write JSON valid against docs/schema/bisect.schema.json and a table of at most
# 100 columns, and leave no worktree nor folder behind. Broken inputs (a bad revision, good ==
# bad, no bench matching, not a git repository, a bad --threshold, good after bad) exit 2 with
# a message naming the input, nothing left behind. And --run under `git bisect run` (exit 0
# good, 1 bad, 125 skip) finds c12 too. --measure=time on an 8-commit fixture whose c6 doubles
# checksum_rows()'s work (c4 does not compile) names c6 and reports c4 skipped. explain of c0's
# build against c15's, and ab --explain of the two, rank checksum_rows first. No console line
# of bisect or explain (progress, answer, tables, hints) is over 100 columns.
# Exit: 0 pass, 1 fail, 77 skipped (no git, valgrind or cmake).
set -u
export COLUMNS=1000
src=$(cd "$1" && pwd -P) || exit 1
build=$(cd "$2" && pwd -P) || exit 1
py=/usr/bin/python3
[ -x "$py" ] || py=python3
for tool in git valgrind cmake; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: no $tool"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-bisect.XXXXXX") || exit 1
tmp=$(cd "$tmp" && pwd -P)
trap '[ "${BG_KEEP_TMP:-0}" = 1 ] || rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}
gen=()
command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    fail "cmake --install failed: $(tail -5 "$tmp/install.log")"
cli=$tmp/prefix/bin/benchgate
repo=$tmp/repo
bash "$src/tests/integration/bisect_fixture.sh" "$repo" 16 12 10 || fail "the fixture failed"
# bad's subject is longer than a line: the progress and the table shorten it to 100 columns
GIT_COMMITTER_DATE=2026-01-16T12:00:00Z git -C "$repo" commit -q --amend -m "c15: note, with a \
subject long enough to run past a line of 100 columns if bisect printed it all, as some do" ||
    fail "the fixture's long subject failed"
cmake -S "$repo" -B "$repo/build" "${gen[@]+"${gen[@]}"}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/configure.log" 2>&1 ||
    fail "configuring the fixture failed: $(tail -5 "$tmp/configure.log")"
sha_of() { git -C "$repo" log --format='%H %s' | awk -v s="$1:" '$2 == s { print $1 }'; }
c0=$(sha_of c0) c10=$(sha_of c10) c12=$(sha_of c12) c15=$(sha_of c15)
mkdir -p "$tmp/t"
export TMPDIR=$tmp/t

# nothing_left WHAT: no worktree beside the repository's own, no folder in TMPDIR
nothing_left() {
    n=$(git -C "${2:-$repo}" worktree list | wc -l)
    [ "$n" -eq 1 ] || fail "$1: worktrees left behind: $(git -C "${2:-$repo}" worktree list)"
    [ -z "$(ls -A "$tmp/t")" ] || fail "$1: left in TMPDIR: $(ls -A "$tmp/t")"
}
# narrow WHAT FILE...: no line of the files is over 100 columns (what a terminal shows: one a
# character, "µ" and "…" included)
narrow() {
    local what=$1 wide
    shift
    wide=$("$py" "$src/tests/integration/wide_lines.py" "$@")
    [ -z "$wide" ] || fail "$what: line(s) over 100 columns: $wide"
}

(cd "$repo" && "$cli" bisect --good="$c0" --bad="$c15" --bench='^mix$' --format=json \
    --build-dir=build) >"$tmp/bisect.json" 2>"$tmp/progress.txt" ||
    fail "bisect exited $?: $(cat "$tmp/progress.txt")"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" bisect "$tmp/bisect.json" ||
    fail "bisect.json does not validate against bisect.schema.json"
"$py" - "$tmp/bisect.json" "$c12" "$c10" <<'PY' || fail "the answer is wrong: $(cat "$tmp/bisect.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["first_bad"] == sys.argv[2], ("first_bad", d["first_bad"])
assert d["exact"] and d["candidates"] == [sys.argv[2]], d["candidates"]
assert d["builds"] <= 6, ("builds", d["builds"])
assert [s["sha"] for s in d["skipped"]] == [sys.argv[3]], d["skipped"]
assert "does not build" in d["skipped"][0]["why"], d["skipped"][0]["why"]
assert d["benchmark"] == "mix/cpu" and d["metric"] == "instructions"
assert 0.5 < d["change_pct"] < 3, d["change_pct"]
assert d["first_bad_subject"] == "c12: slow" and d["first_bad_date"].startswith("2026-01-13")
PY
grep -q "^bisect: step 6: " "$tmp/progress.txt" || fail "no progress line per step: $(cat "$tmp/progress.txt")"
narrow "bisect's progress" "$tmp/progress.txt"
echo "ok: bisect names c12 in $("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["builds"])' "$tmp/bisect.json") builds, c10 skipped"
nothing_left "bisect"

"$cli" bisect --good=HEAD~15 --bad=HEAD --bench=mix --build-dir="$repo/build" \
    --source="$repo" >"$tmp/table.txt" 2>/dev/null || fail "bisect (table) failed"
narrow "bisect's table" "$tmp/table.txt"
grep -q "^first bad commit: ${c12:0:12} .*c12: slow" "$tmp/table.txt" ||
    fail "the table names no first bad commit: $(cat "$tmp/table.txt")"
grep -q "^skipped ${c10:0:12}: does not build" "$tmp/table.txt" || fail "the table names no skipped commit"
grep -Eq '[0-9][eE][-+][0-9]' "$tmp/table.txt" && fail "the table has e-notation"
nothing_left "bisect --format=table"

# --measure=time: c6 of an 8-commit fixture doubles checksum_rows()'s work (about +60% of the
# bench's time, clear over a shared machine's noise), c4 does not build. The search probes c4
# (skipped), c5 (good), c6 (bad): 5 builds, each probe's A/B runs within --budget=5.
trepo=$tmp/trepo
bash "$src/tests/integration/bisect_fixture.sh" "$trepo" 8 6 4 62 || fail "the time fixture failed"
cmake -S "$trepo" -B "$trepo/build" "${gen[@]+"${gen[@]}"}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/tconfigure.log" 2>&1 ||
    fail "configuring the time fixture failed: $(tail -5 "$tmp/tconfigure.log")"
tsha() { git -C "$trepo" log --format='%H %s' | awk -v s="$1:" '$2 == s { print $1 }'; }
"$cli" bisect --good="$(tsha c0)" --bad="$(tsha c7)" --bench='^mix$' --measure=time --budget=5 \
    --format=json --build-dir="$trepo/build" >"$tmp/time.json" 2>"$tmp/tprogress.txt" ||
    fail "bisect --measure=time exited $?: $(cat "$tmp/tprogress.txt")"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" bisect "$tmp/time.json" ||
    fail "bisect --measure=time: the JSON does not validate against bisect.schema.json"
"$py" - "$tmp/time.json" "$(tsha c6)" "$(tsha c4)" <<'PY' ||
import json, sys
d = json.load(open(sys.argv[1]))
assert d["first_bad"] == sys.argv[2], ("first_bad", d["first_bad"], d["first_bad_subject"])
assert d["exact"] and d["candidates"] == [sys.argv[2]], d["candidates"]
assert d["measure"] == "time" and d["metric"] == "time_ns", (d["measure"], d["metric"])
assert [s["sha"] for s in d["skipped"]] == [sys.argv[3]], d["skipped"]
assert "does not build" in d["skipped"][0]["why"], d["skipped"][0]["why"]
assert d["change_pct"] > 30 and d["first_bad_change_pct"] > 30, (d["change_pct"], d["first_bad_change_pct"])
assert d["builds"] <= 6, ("builds", d["builds"])
print("ok: bisect --measure=time names c6 (%+.1f%%, good to bad %+.1f%%) in %d builds, c4 "
      "skipped, %.1f s" % (d["first_bad_change_pct"], d["change_pct"], d["builds"], d["wall_s"]))
PY
    fail "bisect --measure=time: the answer is wrong: $(cat "$tmp/time.json" "$tmp/tprogress.txt")"
grep -q "^bisect:   skipped: does not build" "$tmp/tprogress.txt" ||
    fail "bisect --measure=time: no progress line for the skipped c4: $(cat "$tmp/tprogress.txt")"
narrow "bisect --measure=time's progress" "$tmp/tprogress.txt"
nothing_left "bisect --measure=time" "$trepo"

# --keep keeps the probes (worktrees and builds) and says where
c11=$(sha_of c11)
"$cli" bisect --good="$c11" --bad="$c12" --bench=mix --build-dir="$repo/build" --keep \
    >"$tmp/keep.txt" 2>&1 || fail "bisect --keep failed: $(cat "$tmp/keep.txt")"
kept=$(sed -n 's/^kept: //p' "$tmp/keep.txt")
{ [ -n "$kept" ] && [ -d "$kept" ]; } || fail "--keep printed no kept folder: $(cat "$tmp/keep.txt")"
n=$(git -C "$repo" worktree list | grep -c "$kept")
[ "$n" -eq 2 ] || fail "--keep kept $n worktrees, not 2 (good and bad)"
ls "$kept"/*/build/bench_mix >/dev/null 2>&1 || fail "--keep kept no build folder"
for w in "$kept"/*/src; do git -C "$repo" worktree remove --force "$w"; done
rm -rf "${tmp:?}/t/"*
echo "ok: --keep keeps 2 worktrees and their builds in $kept"

# broken inputs: exit 2, a message naming the input, nothing left behind
mkdir -p "$tmp/plain"
broken() {
    local what=$1 want=$2
    shift 2
    "$cli" bisect --build-dir="$repo/build" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"
    rc=$?
    [ "$rc" -eq 2 ] || fail "$what: exit $rc, not 2: $(cat "$tmp/err.txt")"
    grep -q "benchgate: error: .*$want" "$tmp/err.txt" || fail "$what: no '$want' in: $(cat "$tmp/err.txt")"
    nothing_left "$what"
    echo "ok: $what: exit 2, '$want'"
}
broken "a bad revision" "--good=nosuchrev: not a commit" --good=nosuchrev --bad=HEAD --bench=mix
broken "good == bad" "the same commit" --good=HEAD --bad="$c15" --bench=mix
broken "good after bad" "not an ancestor" --good=HEAD --bad=HEAD~3 --bench=mix
broken "no bench matching" "--bench=nomatch: no bench" --good=HEAD~3 --bad=HEAD --bench=nomatch
broken "not a git repository" "not in a git repository" --source="$tmp/plain" --good=HEAD~3 \
    --bad=HEAD --bench=mix
broken "--threshold=abc" "--threshold=.abc.: not a number" --good=HEAD~3 --bad=HEAD --bench=mix --threshold=abc
broken "--threshold=-1" "--threshold=.-1.: not a number from 0" --good=HEAD~3 --bad=HEAD --bench=mix --threshold=-1
broken "no --good" "needs --good" --bad=HEAD --bench=mix
broken "a bad --bench" "--bench" --good=HEAD~3 --bad=HEAD --bench='('
broken "not a build tree" "not a CMake build tree" --build-dir="$tmp/plain" --good=HEAD~3 \
    --bad=HEAD --bench=mix
broken "no change" "nothing to bisect" --good=HEAD~3 --bad=HEAD~2 --bench=mix
broken "a threshold above the change" "less than --threshold" --good="$c0" --bad="$c15" \
    --bench=mix --threshold=50
# the messages wrap at the terminal's width (COLUMNS=1000 above keeps each on one line for grep)
for args in "--good=nosuchrev --bad=HEAD --bench=mix" "--good=HEAD~3 --bad=HEAD --bench=nomatch" \
    "--good=$c0 --bad=$c15 --bench=mix --threshold=50"; do
    # shellcheck disable=SC2086 # the words of args are flags
    COLUMNS=100 "$cli" bisect --build-dir="$repo/build" $args >/dev/null 2>"$tmp/err.txt"
    grep -q '^benchgate: error: ' "$tmp/err.txt" || fail "bisect $args: no error: $(cat "$tmp/err.txt")"
    narrow "bisect $args: the message at COLUMNS=100" "$tmp/err.txt"
done
nothing_left "the messages at COLUMNS=100"

# --run under git bisect run: a baseline of c0, c10 skipped (125), c12 named
git -C "$repo" checkout -q "$c0"
cmake --build "$repo/build" >"$tmp/b0.log" 2>&1 || fail "building c0 failed"
"$repo/build/bench_mix" --measure=instructions --baseline=off --no-ui --repetitions=1 \
    --output-dir="$tmp/good" >"$tmp/good.log" 2>&1 || fail "the baseline run failed"
"$cli" bisect --run --bench=mix --build-dir="$repo/build" --baseline="$tmp/nosuch.json" 2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 128 ] || fail "--run with a missing --baseline exited $rc, not 128 (git bisect run stops)"
grep -q -- "--baseline=$tmp/nosuch.json" "$tmp/err.txt" || fail "--run: the missing baseline is not named"
git -C "$repo" bisect start "$c15" "$c0" >/dev/null 2>&1 || fail "git bisect start failed"
(cd "$repo" && git bisect run "$cli" bisect --run --bench=mix --build-dir="$repo/build" \
    --baseline="$tmp/good/result.json") >"$tmp/run.txt" 2>&1
grep -q "^$c12 is the first bad commit" "$tmp/run.txt" || fail "git bisect run did not find c12: $(tail -20 "$tmp/run.txt")"
git -C "$repo" bisect reset -q >/dev/null 2>&1
echo "ok: git bisect run with bisect --run names c12"
# explain: c0's build against c15's (the repository's own build, back at c15): checksum_rows
# first, at least 90% of the change; a kept profile read back gives the same; broken inputs
git -C "$repo" checkout -q "$c15"
cmake --build "$repo/build" >"$tmp/b15.log" 2>&1 || fail "building c15 failed"
git -C "$repo" worktree add -q --detach "$tmp/base" "$c0"
cmake -S "$tmp/base" -B "$tmp/base/build" "${gen[@]+"${gen[@]}"}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/base.log" 2>&1 || fail "configuring the base failed"
cmake --build "$tmp/base/build" >>"$tmp/base.log" 2>&1 || fail "building the base failed"
"$cli" explain --base="$tmp/base/build" --head="$repo/build" --bench='^mix$' --format=json \
    >"$tmp/explain.json" || fail "explain failed"
"$py" "$src/tests/integration/validate_json.py" "$src/docs/schema" explain "$tmp/explain.json" ||
    fail "explain.json does not validate against explain.schema.json"
"$py" - "$tmp/explain.json" <<'PY' || fail "explain ranks wrong: $(cat "$tmp/explain.json")"
import json, sys
d = json.load(open(sys.argv[1]))
top = d["functions"][0]
assert top["function"] == "checksum_rows", top
assert top["share_pct"] >= 90, top["share_pct"]
assert top["where"] == "work.c:5", top["where"]
PY
"$cli" explain --base="$tmp/base/build" --head="$repo/build" --bench='^mix$' >"$tmp/explain.txt"
narrow "explain's table" "$tmp/explain.txt"
grep -q '^checksum_rows .*work.c:5' "$tmp/explain.txt" || fail "explain's table: $(cat "$tmp/explain.txt")"
grep -q '^hint: no debug info' "$tmp/explain.txt" && fail "explain hints at debug info in a RelWithDebInfo build"
"$cli" explain --base="$tmp/base/build" --head="$repo/build" --bench='^mix$' --format=md \
    >"$tmp/explain.md" || fail "explain --format=md failed"
grep -qF "| \`checksum_rows\` | work.c:5 |" "$tmp/explain.md" ||
    fail "explain --format=md has no row of checksum_rows"
"$cli" explain --base="$tmp/base/build" --head="$repo/build" --bench='^mix$' --format=html \
    --out="$tmp/explain.html" || fail "explain --format=html failed"
grep -qF 'class="regression"' "$tmp/explain.html" || fail "explain --format=html: no regression bar"
grep -qF 'work.c:5' "$tmp/explain.html" || fail "explain --format=html: no checksum_rows at work.c:5"
[ "$(grep -o '<rect' "$tmp/explain.html" | wc -l)" -eq "$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["functions"]))' "$tmp/explain.json")" ] ||
    fail "explain --format=html: not one bar per function of the JSON"
BENCHGATE_COUNTER=callgrind "$tmp/base/build/bench_mix" --measure=instructions --keep-profile \
    --baseline=off --no-ui --repetitions=1 --output-dir="$tmp/kept" >"$tmp/kept.log" 2>&1 ||
    fail "a --keep-profile run failed"
ls "$tmp/kept/callgrind/cg.out".* >/dev/null 2>&1 || fail "--keep-profile kept no profile: $(cat "$tmp/kept.log"; ls -R "$tmp/kept")"
"$cli" explain --base-profile="$tmp/kept" --head="$repo/build" --bench='^mix$' --format=json |
    "$py" -c 'import json,sys; f=json.load(sys.stdin)["functions"][0]; assert f["function"] == "checksum_rows" and f["share_pct"] >= 90, f' ||
    fail "explain --base-profile does not give the same answer"
echo "ok: explain ranks checksum_rows first with >= 90% of the change; --base-profile reads a kept run"

# ab --explain of two different builds (c0 and c15): after the verdict, explain's table ranks
# the slowed checksum_rows first.
"$cli" ab --base="$tmp/base/build" --head="$repo/build" --bench='^mix$' --measure=instructions \
    --budget=60 --explain --output-dir="$tmp/ab" >"$tmp/ab.txt" 2>&1
rc=$?
[ "$rc" -le 1 ] || fail "ab --explain of c0 against c15 exited $rc: $(cat "$tmp/ab.txt")"
grep -q '^verdict: ' "$tmp/ab.txt" || fail "ab --explain: no verdict: $(cat "$tmp/ab.txt")"
sed -n '/^benchgate ab --explain: /,$p' "$tmp/ab.txt" >"$tmp/ab-explain.txt"
[ -s "$tmp/ab-explain.txt" ] || fail "ab --explain: no explain heading: $(cat "$tmp/ab.txt")"
first=$(awk 'f { print $1; exit } /^function +where /{ f = 1 }' "$tmp/ab-explain.txt")
[ "$first" = checksum_rows ] ||
    fail "ab --explain: the first function is '$first', not checksum_rows: $(cat "$tmp/ab-explain.txt")"
grep -q 'warning: ab --explain' "$tmp/ab.txt" && fail "ab --explain warned: $(cat "$tmp/ab.txt")"
narrow "ab --explain's table" "$tmp/ab-explain.txt"
echo "ok: ab --explain of c0 against c15 ranks checksum_rows first (ab exit $rc)"

# A build without debug info: functions by name (where ?), a hint to configure with
# RelWithDebInfo, wrapped to fit 100 columns.
for side in base repo; do
    s=$tmp/base
    [ "$side" = repo ] && s=$repo
    {
        cmake -S "$s" -B "$tmp/nodebug-$side" "${gen[@]+"${gen[@]}"}" -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/nodebug.log" 2>&1 &&
            cmake --build "$tmp/nodebug-$side" --target bench_mix >>"$tmp/nodebug.log" 2>&1
    } || fail "building $side without debug info failed: $(tail -5 "$tmp/nodebug.log")"
done
"$cli" explain --base="$tmp/nodebug-base" --head="$tmp/nodebug-repo" --bench='^mix$' \
    >"$tmp/nodebug.txt" || fail "explain of builds without debug info failed"
grep -q '^checksum_rows  *? ' "$tmp/nodebug.txt" || fail "explain without debug info: $(cat "$tmp/nodebug.txt")"
grep -q '^hint: no debug info' "$tmp/nodebug.txt" || fail "explain without debug info: no hint"
grep -q 'RelWithDebInfo' "$tmp/nodebug.txt" || fail "the hint does not name RelWithDebInfo"
"$cli" explain --base="$tmp/nodebug-base" --head="$tmp/nodebug-repo" --bench='^mix$' \
    --format=md >"$tmp/nodebug.md" || fail "explain --format=md without debug info failed"
narrow "explain without debug info" "$tmp/nodebug.txt" # (md is for a comment, not a terminal)
grep -q '^hint: no debug info' "$tmp/nodebug.md" || fail "explain --format=md without debug info: no hint"
echo "ok: explain without debug info: names, a hint within 100 columns"
for bad in "--bench=nomatch" "--base-profile=$tmp/plain" "--top=0"; do
    "$cli" explain --base="$tmp/base/build" --head="$repo/build" --bench=mix "$bad" \
        >/dev/null 2>"$tmp/err.txt"
    rc=$?
    [ "$rc" -eq 2 ] || fail "explain $bad: exit $rc, not 2"
    grep -q "benchgate: error: explain: " "$tmp/err.txt" || fail "explain $bad: $(cat "$tmp/err.txt")"
done
echo "ok: explain's broken inputs exit 2"
echo "PASS"
