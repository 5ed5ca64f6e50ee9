#!/usr/bin/env bash
# history_errors: a missing database, run directories with --db, a bad --last, a bad regex
"$BENCHGATE" summary --db="$TMP/none.sqlite"; echo "missing db: exit $?"
"$BENCHGATE" summary --db="$TMP/none.sqlite" "$TMP"; echo "db and runs: exit $?"
"$BENCHGATE" summary --db --last=0; echo "bad last: exit $?"
"$BENCHGATE" summary --last=3 "$TMP"; echo "last without db: exit $?"
"$BENCHGATE" history --db="$TMP/none.sqlite"; echo "history missing db: exit $?"
"$BENCHGATE" history --db="$TMP/h.sqlite" --record="$TMP/nothing"; echo "record bad run: exit $?"
"$BENCHGATE" summary --db="$TMP/none.sqlite" --filter='t+++++++++++++++++++++++++'; echo "stacked quantifiers: exit $?"
"$BENCHGATE" summary --db="$TMP/none.sqlite" --filter='(a'; echo "bad regex: exit $?"
