#!/usr/bin/env bash
# test_publish.sh MODE BENCHGATE SOURCE_DIR [BUILD_DIR] - benchgate publish (and changes' commit
# order), on the seeded set of scripts/changes_synth.py --small recorded in a history.
#   site     the site: publish_check.py (every page parses, every local href names a file,
#            nothing fetched, commit links to --repo-url only); last_commit.txt is the set's
#            newest commit; a second publish replaces the first. Then headless Chromium: every
#            page loads with no console message (the capture itself proven on a page with a
#            script error), the index's filter (#q=exact) hides all but the exact series, and
#            a benchmark page's screenshot shows its plot (ink, the line's colour #4e79a7, a
#            change point's red #d64545 or green #3f9b4f).
#   broken   exit 2 and nothing written for a missing db, an empty one, --out over a file, over
#            a folder publish did not write (left as it was), a bad --repo-url, a --filter that
#            matches nothing; a leftover OUT.tmp of publish's is replaced, one that is not is
#            refused.
#   order    an installed benchgate (cmake --install BUILD_DIR into a prefix) in a project's
#            git checkout of 24 commits, one run each, recorded in shuffled run order with a
#            step of 20% at commit 12 (exact instruction counts): changes orders by first
#            parent inside the checkout (one change, at commit 12), by commit time outside it,
#            by run time when no commit time was recorded; history import stores commit_time
#            and parent; publish from the prefix writes the site.
#   pg       changes and publish on a PostgreSQL history (BENCHGATE_TEST_PG; skip without):
#            the same changes and the same site pages as the SQLite history.
# Exit: 0 pass, 1 fail, 77 skipped (no chromium; no PostgreSQL server).
set -u
mode=$1 cli=$2 src=$3 build=${4:-}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-publish.XXXXXX") || exit 1
tmp=$(cd "$tmp" && pwd -P)
cleanup() {
    if [ -f "$tmp/pgname" ]; then
        psql "$BENCHGATE_TEST_PG" -qc "DROP DATABASE IF EXISTS $(cat "$tmp/pgname")" >/dev/null 2>&1
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL ($mode): $*"
    exit 1
}
repo=https://github.com/example/proj

make_set() { # the seeded set, recorded in $tmp/set/history.sqlite
    "$py" "$src/scripts/changes_synth.py" --small --seed=7 --out="$tmp/set" >/dev/null ||
        fail "changes_synth.py failed"
    "$cli" history import --db="$tmp/set/history.sqlite" "$tmp/set/runs" >"$tmp/import.log" 2>&1 ||
        { cat "$tmp/import.log"; fail "history import of the set failed"; }
}

find_chrome() {
    chrome=""
    for c in chromium chromium-browser google-chrome; do
        command -v "$c" >/dev/null 2>&1 && chrome=$(command -v "$c") && break
    done
    [ -n "$chrome" ] || { echo "skip: chromium not found (Debian package chromium); static checks passed"; exit 77; }
}

chrome_run() { # chrome_run ARGS...: headless, isolated profile, console messages to chrome.err
    local profile
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    : >"$tmp/chrome.err"
    timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --enable-logging=stderr --v=0 --user-data-dir="$profile" "$@" 2>"$tmp/chrome.err"
}

no_console() { # no_console PAGE: a page that logs nothing to the console
    if grep -E ':CONSOLE[:(]' "$tmp/chrome.err" >"$tmp/console.txt"; then
        cat "$tmp/console.txt"
        fail "$1 logged to the console"
    fi
}

case $mode in
site)
    make_set
    "$cli" publish --db="$tmp/set/history.sqlite" --out="$tmp/site" --repo-url="$repo/" \
        --title='Bench <history>' >"$tmp/out.txt" || fail "publish failed"
    grep -Eq '^benchgate publish: 36 benchmark\(s\), 36 series, [0-9]+ change\(s\)' "$tmp/out.txt" ||
        fail "publish's summary: $(cat "$tmp/out.txt")"
    "$py" "$src/tests/integration/publish_check.py" "$tmp/site" "$repo" || fail "the site's checks"
    grep -qF '<title>Bench &lt;history&gt;</title>' "$tmp/site/index.html" || fail "--title not escaped"
    newest=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["commits"][-1])' "$tmp/set/manifest.json")
    [ "$(cat "$tmp/site/last_commit.txt")" = "$newest" ] || fail "last_commit.txt is not $newest"
    [ ! -e "$tmp/site.tmp" ] || fail "the scratch folder is left"
    touch "$tmp/site/stale.html"
    "$cli" publish --db="$tmp/set/history.sqlite" --out="$tmp/site" >/dev/null || fail "publish over a site"
    [ ! -e "$tmp/site/stale.html" ] || fail "the second publish kept a file of the first"
    "$py" "$src/tests/integration/publish_check.py" "$tmp/site" || fail "the site without --repo-url"
    "$cli" publish --db="$tmp/set/history.sqlite" --out="$tmp/site" --repo-url="$repo" >/dev/null ||
        fail "publish over a site (3)"
    echo "static checks ok"

    find_chrome
    printf '<!DOCTYPE html><html><body><script>nosuch();</script></body></html>\n' >"$tmp/bad.html"
    chrome_run --dump-dom "file://$tmp/bad.html" >/dev/null
    grep -q 'Uncaught ReferenceError' "$tmp/chrome.err" ||
        fail "the console capture does not see a script error (chromium's logging changed?)"
    for page in "$tmp/site/index.html" "$tmp/site/changes.html" "$tmp"/site/b/*.html; do
        chrome_run --dump-dom "file://$page" >"$tmp/dom.html" || fail "chromium --dump-dom $page failed"
        no_console "$page"
        grep -q '</html>' "$tmp/dom.html" || fail "$page did not load"
    done
    chrome_run --dump-dom "file://$tmp/site/index.html#q=exact" >"$tmp/dom.html" || fail "dump-dom #q="
    no_console "index.html#q=exact"
    grep -q 'data-ready="1"' "$tmp/dom.html" || fail "the index's script did not run to its end"
    rows=$(grep -c '<tr data-k' "$tmp/dom.html")
    hidden=$(grep -c '<tr data-k="[^"]*" hidden' "$tmp/dom.html")
    shown=$(grep -c '<tr data-k="[^"]*exact[^"]*">' "$tmp/dom.html")
    { [ "$rows" -eq 36 ] && [ "$shown" -eq 6 ] && [ "$hidden" -eq 30 ]; } ||
        fail "the filter #q=exact shows $shown, hides $hidden of $rows rows (6, 30 of 36)"
    page=$(grep -l 'class="cp reg' "$tmp"/site/b/synth-step-*.html | head -1)
    [ -n "$page" ] || fail "no step benchmark's page marks a regression"
    shot=${BG_PUBLISH_SCREENSHOT:-$tmp/plot.png}
    chrome_run --screenshot="$shot" --window-size=1200,900 "file://$page" >/dev/null ||
        fail "chromium --screenshot failed"
    "$py" "$src/tests/integration/png_stats.py" "$shot" --min-ink 3 --colour 4e79a7:1500 \
        --colour d64545:40 || fail "the plot is not drawn (screenshot of $page)"
    chrome_run --screenshot="$tmp/log.png" --window-size=1200,900 "file://$page#log" >/dev/null ||
        fail "chromium --screenshot #log failed"
    no_console "$page#log"
    "$py" "$src/tests/integration/png_stats.py" "$tmp/log.png" --min-ink 3 --colour 4e79a7:1500 ||
        fail "the plot on the log scale is not drawn"
    cmp -s "$shot" "$tmp/log.png" && fail "the log scale draws the same picture as the linear one"
    chrome_run --dump-dom "file://$page#log" >"$tmp/dom.html" || fail "dump-dom #log"
    grep -q 'class="fig islog"' "$tmp/dom.html" || fail "the log switch did not switch"
    echo "ok: the site in Chromium"
    ;;
broken)
    make_set
    db=$tmp/set/history.sqlite
    expect2() { # expect2 WHAT ARGS...: exit 2, a message, no site and no scratch folder
        local what=$1
        shift
        "$cli" publish "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"
        local rc=$?
        [ "$rc" -eq 2 ] || fail "$what: exit $rc, not 2"
        grep -q '^benchgate: error: ' "$tmp/err.txt" || fail "$what: no message: $(cat "$tmp/err.txt")"
        { [ ! -e "$tmp/new" ] && [ ! -e "$tmp/new.tmp" ]; } || fail "$what: something was written"
    }
    expect2 "a missing db" --db="$tmp/none.sqlite" --out="$tmp/new"
    grep -q 'no run history yet' "$tmp/err.txt" || fail "missing db: $(cat "$tmp/err.txt")"
    : >"$tmp/empty.sqlite"
    expect2 "an empty db" --db="$tmp/empty.sqlite" --out="$tmp/new"
    grep -q 'nothing to publish' "$tmp/err.txt" || fail "empty db: $(cat "$tmp/err.txt")"
    expect2 "no --out" --db="$db"
    expect2 "a filter matching nothing" --db="$db" --out="$tmp/new" --filter='^nosuch$'
    grep -q 'matches --filter' "$tmp/err.txt" || fail "filter: $(cat "$tmp/err.txt")"
    expect2 "a bad filter" --db="$db" --out="$tmp/new" --filter='('
    for url in 'javascript:alert(1)' 'ftp://example.org/x' 'https://' 'https://x/"><script>' \
        'https://exa mple.org'; do
        expect2 "--repo-url=$url" --db="$db" --out="$tmp/new" --repo-url="$url"
        grep -q 'repo-url=.*not an http(s) URL' "$tmp/err.txt" || fail "--repo-url=$url: $(cat "$tmp/err.txt")"
    done
    expect2 "--repo-url with an escape" --db="$db" --out="$tmp/new" --repo-url="$(printf 'https://example.org/\033[2J')"
    grep -q "$(printf '\033')" "$tmp/err.txt" && fail "the message prints an escape sequence"
    echo keep >"$tmp/file"
    expect2 "--out over a file" --db="$db" --out="$tmp/file"
    grep -q 'not a folder' "$tmp/err.txt" || fail "--out over a file: $(cat "$tmp/err.txt")"
    [ "$(cat "$tmp/file")" = keep ] || fail "the file was changed"
    mkdir "$tmp/mine" && echo keep >"$tmp/mine/notes.txt"
    expect2 "--out over a folder of the user's" --db="$db" --out="$tmp/mine"
    grep -q 'a folder publish did not write' "$tmp/err.txt" || fail "other folder: $(cat "$tmp/err.txt")"
    { [ "$(ls -A "$tmp/mine")" = notes.txt ] && [ ! -e "$tmp/mine.tmp" ]; } || fail "the user's folder was touched"
    mkdir "$tmp/new.tmp" && echo keep >"$tmp/new.tmp/x"
    "$cli" publish --db="$db" --out="$tmp/new" >/dev/null 2>"$tmp/err.txt"
    { [ $? -eq 2 ] && [ ! -e "$tmp/new" ] && [ -f "$tmp/new.tmp/x" ]; } ||
        fail "a scratch folder publish did not write was not refused"
    rm -rf "$tmp/new.tmp" && mkdir "$tmp/new.tmp" && : >"$tmp/new.tmp/.benchgate-publish"
    "$cli" publish --db="$db" --out="$tmp/new" >/dev/null || fail "a leftover scratch folder of publish's"
    { [ -f "$tmp/new/index.html" ] && [ ! -e "$tmp/new.tmp" ]; } || fail "the leftover scratch folder stayed"
    echo "ok: broken inputs"
    ;;
order)
    [ -n "$build" ] || fail "order needs BUILD_DIR"
    command -v git >/dev/null || { echo "skip: no git"; exit 77; }
    cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
        { cat "$tmp/install.log"; fail "cmake --install $build failed"; }
    bg=$tmp/prefix/bin/benchgate
    { mkdir "$tmp/proj" && cd "$tmp/proj"; } || fail "no project folder"
    git init -q . && git config user.email t@example.org && git config user.name t
    for i in $(seq 0 23); do
        echo "$i" >f.txt && git add f.txt &&
            GIT_COMMITTER_DATE="2025-03-01T10:$(printf %02d "$i"):00+02:00" git commit -qm "c$i"
    done
    git log --first-parent --reverse --format='%H %cI %P' >"$tmp/commits.txt"
    "$py" - "$tmp/commits.txt" "$tmp/runs" "$tmp/runs_notime" <<'PY' || fail "cannot write the runs"
import json, os, random, sys
commits = [l.split() for l in open(sys.argv[1])]
order = list(range(len(commits)))
random.Random(3).shuffle(order)          # recorded in shuffled run order
for out, with_time in ((sys.argv[2], True), (sys.argv[3], False)):
    for run, i in enumerate(order):
        sha, when = commits[i][0], commits[i][1]
        parent = commits[i][2] if len(commits[i]) > 2 else None
        git = {"sha": sha, "branch": "main", "dirty": False}
        if with_time:
            git.update(commit_time=when, parent=parent)
        v = 1000000.0 if i < 12 else 1200000.0
        m = {"n": 5, "median": v, "mean": v, "stddev": 0.0, "min": v, "max": v, "p50": v,
             "p95": v, "p99": v, "ci95": [v, v], "cv": 0.0, "outliers": 0,
             "repetition_medians": [v], "status": "ok", "unit": "count", "better": "lower"}
        doc = {"schema": "benchgate.result/1", "complete": True,
               "run": {"run_id": "proj-%02d" % run, "timestamp": "2025-04-01T00:%02d:00Z" % run,
                       "command_line": "test", "program": "benchgate", "benchgate_version": "0.1.0",
                       "git": git, "config": {}, "dry_run": False, "duration_s": 1.0},
               "system": {"hostname": "h", "os": "linux", "kernel": "0", "arch": "x86_64",
                          "cpu_model": "c", "cpu_count": 1, "ram_total_gb": 1.0,
                          "machine_class": "ci-x86", "compiler": "cc", "build_type": "Release",
                          "gpus": [], "env": {}},
               "datasets": [],
               "benchmarks": [{"name": "proj/parse", "family": "proj", "device": "cpu",
                               "params": {}, "status": "ok", "error_message": None,
                               "iterations_per_sample": 1, "seconds": 0.01,
                               "measure": "instructions",
                               "thresholds": {"time": 5, "instructions": 0.5, "accuracy": 0.5,
                                              "memory": 10},
                               "metrics": {"time_ns": dict(m, unit="ns"), "instructions": m}}]}
        os.makedirs(os.path.join(out, "%02d" % run))
        json.dump(doc, open(os.path.join(out, "%02d" % run, "result.json"), "w"))
PY
    "$bg" history import --db="$tmp/h.sqlite" "$tmp/runs" >/dev/null 2>"$tmp/err.txt" ||
        fail "history import: $(cat "$tmp/err.txt")"
    "$bg" history import --db="$tmp/notime.sqlite" "$tmp/runs_notime" >/dev/null 2>"$tmp/err.txt" ||
        fail "history import (no commit time): $(cat "$tmp/err.txt")"
    "$py" - "$tmp/h.sqlite" "$tmp/commits.txt" <<'PY' || fail "import did not store commit_time and parent"
import sqlite3, sys
c = {l.split()[0]: l.split()[1:] for l in open(sys.argv[2])}
rows = sqlite3.connect(sys.argv[1]).execute("SELECT git_sha, git_commit_time, git_parent FROM runs").fetchall()
assert len(rows) == 24
for sha, when, parent in rows:
    assert when == c[sha][0], (sha, when)
    assert parent == (c[sha][1] if len(c[sha]) > 1 else None), (sha, parent)
PY
    step=$(sed -n 13p "$tmp/commits.txt" | cut -d' ' -f1)
    check_order() { # check_order DB WANT_ORDER WANT_CHANGES (run from the current folder)
        "$bg" changes --db="$1" --format=json >"$tmp/c.json" || fail "changes --db=$1 failed"
        "$py" - "$tmp/c.json" "$2" "$3" "$step" <<'PY' || fail "changes in $2 order (from $PWD)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["order"] == sys.argv[2], d["order"]
want = int(sys.argv[3])
assert len(d["changes"]) == want, d["changes"]
if want == 1:
    assert d["changes"][0]["commit"] == sys.argv[4] and d["changes"][0]["kind"] == "regression"
PY
    }
    check_order "$tmp/h.sqlite" first-parent 1
    (cd "$tmp" && check_order "$tmp/h.sqlite" commit-time 1) || exit 1
    (cd "$tmp" && "$bg" changes --db="$tmp/notime.sqlite" --format=json >"$tmp/c.json") || fail "changes (run time)"
    "$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["order"]=="run-time", d["order"]' \
        "$tmp/c.json" || fail "no commit time, outside the checkout: not run-time order"
    "$bg" publish --db="$tmp/h.sqlite" --out="$tmp/site" --repo-url=https://example.org/proj >/dev/null ||
        fail "the installed publish failed"
    "$py" "$src/tests/integration/publish_check.py" "$tmp/site" https://example.org/proj ||
        fail "the installed publish's site"
    grep -q "points in first-parent order" "$tmp/site/index.html" || fail "the site is not in first-parent order"
    grep -q "$step" "$tmp/site/changes.html" || fail "the site's changes lack the step at $step"
    [ "$(cat "$tmp/site/last_commit.txt")" = "$(git rev-parse HEAD)" ] || fail "last_commit.txt is not HEAD"
    echo "ok: commit order (first parent, commit time, run time) with an installed benchgate"
    ;;
pg)
    [ -n "${BENCHGATE_TEST_PG:-}" ] || { echo "skip: BENCHGATE_TEST_PG is not set (scripts/pg_cluster.sh start DIR)"; exit 77; }
    command -v psql >/dev/null || { echo "skip: psql is not installed (postgresql-client)"; exit 77; }
    psql "$BENCHGATE_TEST_PG" -qAtc 'SELECT 1' >/dev/null 2>&1 ||
        { echo "skip: no PostgreSQL server answers at $BENCHGATE_TEST_PG"; exit 77; }
    name="bg_publish_$$"
    psql "$BENCHGATE_TEST_PG" -qc "CREATE DATABASE $name" >/dev/null || fail "cannot create a database"
    echo "$name" >"$tmp/pgname"
    url="${BENCHGATE_TEST_PG%/*}/$name"
    make_set
    "$cli" history import --db="$url" "$tmp/set/runs" >/dev/null 2>"$tmp/err.txt" ||
        fail "history import into PostgreSQL: $(cat "$tmp/err.txt")"
    for f in json table; do
        "$cli" changes --db="$tmp/set/history.sqlite" --format=$f | grep -v '^history: \|"database"' >"$tmp/sqlite.$f"
        "$cli" changes --db="$url" --format=$f | grep -v '^history: \|"database"' >"$tmp/pg.$f" ||
            fail "changes --db=postgresql:// failed"
        cmp -s "$tmp/sqlite.$f" "$tmp/pg.$f" || { diff "$tmp/sqlite.$f" "$tmp/pg.$f" | head; fail "changes differ ($f)"; }
    done
    "$cli" publish --db="$tmp/set/history.sqlite" --out="$tmp/site-sqlite" >/dev/null || fail "publish (SQLite)"
    "$cli" publish --db="$url" --out="$tmp/site-pg" >/dev/null || fail "publish --db=postgresql:// failed"
    diff -r "$tmp/site-sqlite" "$tmp/site-pg" >/dev/null || fail "the sites of SQLite and PostgreSQL differ"
    echo "ok: changes and publish on PostgreSQL"
    ;;
*) fail "unknown mode" ;;
esac
