#!/usr/bin/env bash
# clean_refuses_baselines: --dir inside ci/baselines (or a datasets folder, or a link, or a folder
# under a link: a planted parent link) is refused, and the link's target keeps its old files
mkdir -p ci/baselines/m datasets/digits real/tmp && ln -s real link
echo old >real/tmp/result.json && touch -d '40 days ago' real/tmp/result.json real/tmp
"$BENCHGATE" clean --dir=ci/baselines/m --older-than=1d; echo "baselines: exit $?"
"$BENCHGATE" clean --dir=datasets/digits --older-than=1d; echo "datasets: exit $?"
"$BENCHGATE" clean --dir=link --older-than=1d; echo "link: exit $?"
"$BENCHGATE" clean --dir=link/tmp --older-than=1d; echo "under a link: exit $?"
[ -f real/tmp/result.json ] && echo "the target kept its files"
