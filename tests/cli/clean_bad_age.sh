#!/usr/bin/env bash
# clean_bad_age: an age that does not parse is bad usage (exit 2), and nothing is touched
mkdir -p bench/tmp && echo x >bench/tmp/a && touch -d '40 days ago' bench/tmp/a
"$BENCHGATE" clean --older-than=30days
rc=$?
[ -f bench/tmp/a ] && echo "nothing removed"
exit $rc
