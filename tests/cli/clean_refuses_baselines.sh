#!/usr/bin/env bash
# clean_refuses_baselines: --dir inside ci/baselines (or a datasets folder, or a link) is refused
mkdir -p ci/baselines/m datasets/digits real && ln -s real link
"$BENCHGATE" clean --dir=ci/baselines/m --older-than=1d; echo "baselines: exit $?"
"$BENCHGATE" clean --dir=datasets/digits --older-than=1d; echo "datasets: exit $?"
"$BENCHGATE" clean --dir=link --older-than=1d; echo "link: exit $?"
