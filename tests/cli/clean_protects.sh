#!/usr/bin/env bash
# clean_protects: benchgate clean removes what is old in bench/tmp, but never follows a link out
# (its target survives), never touches ci/baselines, datasets or a read-only (0444) file, and
# keeps what is newer than the age.
mkdir -p bench/tmp/run_many-old/run-1 bench/tmp/new bench/tmp/ci/baselines/x bench/tmp/datasets outside
echo keep >outside/target.txt
echo old >bench/tmp/run_many-old/run-1/result.json
echo old >bench/tmp/run_many-old/summary.txt
echo new >bench/tmp/new/result.json
echo base >bench/tmp/ci/baselines/x/triad.json
echo data >bench/tmp/datasets/digits.csv
echo ro >bench/tmp/readonly.json && chmod 0444 bench/tmp/readonly.json
ln -s "$TMP/outside" bench/tmp/link-out
ln -s "$TMP/outside/target.txt" bench/tmp/link-file
find bench/tmp outside -exec touch -h -d '40 days ago' {} +
touch bench/tmp/new/result.json bench/tmp/new
"$BENCHGATE" clean --older-than=30d || exit 9
for p in bench/tmp/run_many-old bench/tmp/link-out bench/tmp/link-file; do [ -e "$p" ] || [ -L "$p" ] || echo "gone: $p"; done
for p in outside/target.txt bench/tmp/ci/baselines/x/triad.json bench/tmp/datasets/digits.csv bench/tmp/readonly.json bench/tmp/new/result.json; do [ -f "$p" ] && echo "kept: $p"; done
