#!/usr/bin/env bash
# ab_head_fails: a head whose instance fails is an error row with the failure's message (exit 3,
# never a pass); a head that writes no result (crashed) stops ab with exit 3 naming the bench;
# instances one build lacks are named and not compared.
# shellcheck disable=SC1091 # sourced from the source tree, found at run time
. "$SRC/tests/cli/ab/fake_build.sh"
fake_build "$TMP/base" 1 FAKE_NAMES=fake/cpu/n=1,fake/cpu/n=2
fake_build "$TMP/failing" 1 FAKE_NAMES=fake/cpu/n=1,fake/cpu/n=3 FAKE_STATUS=error
fake_build "$TMP/crashing" 1 FAKE_EXIT=3
"$BENCHGATE" ab --base="$TMP/base" --head="$TMP/failing" --seed=1 --output-dir="$TMP/f"
echo "failing head: exit $?"
"$BENCHGATE" ab --base="$TMP/base" --head="$TMP/crashing" --seed=1 --output-dir="$TMP/c"
echo "crashing head: exit $?"
exit 0
