#!/usr/bin/env bash
# history_symlink: a run history that is a symbolic link (planted by another user in a shared
# folder) is refused with exit 2 and never written through, by history, summary and start alike;
# so is a link planted as the database's -wal file. A new database is 0644 less the umask, and
# 0600 in a folder that others may write.
R="$SRC/fixtures/results/small"
umask 022
mkdir "$TMP/shared" && chmod 1777 "$TMP/shared"
printf 'private\n' >"$TMP/victim.sqlite" && chmod 600 "$TMP/victim.sqlite"
ln -s "$TMP/victim.sqlite" "$TMP/shared/h.sqlite"
"$BENCHGATE" history --db="$TMP/shared/h.sqlite" --record="$R"; echo "record through link: exit $?"
"$BENCHGATE" history --db="$TMP/shared/h.sqlite"; echo "list through link: exit $?"
"$BENCHGATE" summary --db="$TMP/shared/h.sqlite"; echo "summary through link: exit $?"
"$BENCHGATE" start --build-dir="$BUILD" --filter='^nothing$' --no-ui --output-dir="$TMP/run" \
    --history="$TMP/shared/h.sqlite"; echo "start with link: exit $?"
[ "$(cat "$TMP/victim.sqlite")" = private ] && echo "the linked file is untouched"
ln -s nowhere "$TMP/shared/dangling.sqlite"
"$BENCHGATE" history --db="$TMP/shared/dangling.sqlite" --record="$R"; echo "dangling link: exit $?"
[ -e "$TMP/nowhere" ] || [ -e "$TMP/shared/nowhere" ] || echo "nothing created at the link's target"
ln -s "$TMP/victim.sqlite" "$TMP/shared/w.sqlite-wal"
"$BENCHGATE" history --db="$TMP/shared/w.sqlite" --record="$R"; echo "linked wal: exit $?"
[ "$(cat "$TMP/victim.sqlite")" = private ] && echo "the linked file is still untouched"
"$BENCHGATE" history --db="$TMP/shared/new.sqlite" --record="$R" >/dev/null; echo "new in shared: exit $?"
"$BENCHGATE" history --db="$TMP/own/new.sqlite" --record="$R" >/dev/null; echo "new in own: exit $?"
(umask 077 && "$BENCHGATE" history --db="$TMP/priv/new.sqlite" --record="$R" >/dev/null)
echo "new with umask 077: exit $?"
for f in shared/new.sqlite own/new.sqlite priv/new.sqlite; do
    echo "$f mode $(stat -c %a "$TMP/$f")"
done
mkdir "$TMP/real" && ln -s "$TMP/real" "$TMP/folderlink"
"$BENCHGATE" history --db="$TMP/folderlink/h.sqlite" --record="$R" >/dev/null
echo "a linked folder is followed: exit $? $(ls "$TMP/real")"
