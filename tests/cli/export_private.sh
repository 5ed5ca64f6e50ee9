#!/usr/bin/env bash
# export_private: export and baseline of a --private run keep it private (files 0600, folders
# 0700), and take --private themselves for a run that is not
umask 022
run() { "$BENCHGATE" start --build-dir="$BUILD" --bench='^gatecheck$' --no-ui --min-time=0.01 \
    --max-time=0.02 --repetitions=1 --baseline=off --history=off --output-dir="$1" "${@:2}" \
    >/dev/null 2>&1; }
run "$TMP/priv" --private || exit 9
run "$TMP/open" || exit 9
mode() { stat -c %a "$1"; }
"$BENCHGATE" export --format=md --output="$TMP/priv.md" "$TMP/priv" && echo "export of the private run: $(mode "$TMP/priv.md")"
"$BENCHGATE" export --format=csv --output="$TMP/open.csv" "$TMP/open" && echo "export of the other: $(mode "$TMP/open.csv")"
"$BENCHGATE" export --private --format=csv --output="$TMP/open2.csv" "$TMP/open" && echo "export --private: $(mode "$TMP/open2.csv")"
"$BENCHGATE" baseline --run="$TMP/priv" --dir="$TMP/bl" --class=c >/dev/null && echo "baseline of the private run: $(find "$TMP/bl" -type d ! -perm 700 | wc -l) folders and $(find "$TMP/bl" -type f ! -perm 600 | wc -l) files not private"
"$BENCHGATE" baseline --private --run="$TMP/open" --dir="$TMP/bl2" --class=c >/dev/null && echo "baseline --private: $(find "$TMP/bl2" -type d ! -perm 700 | wc -l) folders and $(find "$TMP/bl2" -type f ! -perm 600 | wc -l) files not private"
"$BENCHGATE" baseline --run="$TMP/open" --dir="$TMP/bl3" --class=c >/dev/null && echo "baseline of the other: $(mode "$TMP/bl3/c/gatecheck.json")"
