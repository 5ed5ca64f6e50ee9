#!/usr/bin/env bash
# clean_dry_run: --dry-run lists what would go and removes nothing; --dir picks the folder
mkdir -p scratch/old && echo x >scratch/old/a.csv && echo y >scratch/b.csv
find scratch -exec touch -d '3 hours ago' {} +
"$BENCHGATE" clean --dir=scratch --older-than=2h --dry-run || exit 9
[ -f scratch/old/a.csv ] && [ -f scratch/b.csv ] && echo "nothing removed"
"$BENCHGATE" clean --dir=scratch --older-than=4h || exit 9
"$BENCHGATE" clean --dir=missing --older-than=90m
