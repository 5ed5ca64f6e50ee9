#!/usr/bin/env bash
# archive_results: a dry run changes nothing; --apply archives only runs older than a year
mkdir -p "$TMP/results/old" "$TMP/results/new" "$TMP/results/notarun"
echo '{}' >"$TMP/results/old/result.json"
echo '{}' >"$TMP/results/new/result.json"
touch -d '2 years ago' "$TMP/results/old" "$TMP/results/notarun"
ln -s /etc "$TMP/results/link"
"$SRC/scripts/archive_results.sh" --results="$TMP/results" --to="$TMP/cold"
test -d "$TMP/results/old" && test ! -e "$TMP/cold" && echo "dry run: nothing changed"
"$SRC/scripts/archive_results.sh" --results="$TMP/results" --to="$TMP/cold" --apply
test ! -e "$TMP/results/old" && test -d "$TMP/results/new" && test -d "$TMP/results/notarun" && echo "old archived, new kept"
tar -tzf "$TMP/cold/old.tar.gz" | grep -q "old/result.json" && echo "archive holds old/result.json"
"$SRC/scripts/archive_results.sh" --older-than-days=soon
