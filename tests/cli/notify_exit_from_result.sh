#!/usr/bin/env bash
# notify_exit_from_result: without --exit the notification's exit code comes from the result:
# 77 when every benchmark was skipped, 3 when one failed (it used to say 0)
"$PY" - "$SRC/fixtures/results/small/result.json" "$TMP" <<'PY'
import json, os, sys
src, tmp = sys.argv[1], sys.argv[2]
for name, status in (("skipped", "skipped"), ("failed", "error")):
    d = json.load(open(src))
    for b in d["benchmarks"]:
        b["status"] = status
        b["error_message"] = "no GPU" if status == "skipped" else "wrong result"
    os.makedirs("%s/%s" % (tmp, name))
    json.dump(d, open("%s/%s/result.json" % (tmp, name), "w"))
PY
# shellcheck disable=SC2016 # the hook expands it, not this script
printf '#!/bin/sh\necho "BENCHGATE_EXIT=$BENCHGATE_EXIT"\n' >"$TMP/hook" && chmod +x "$TMP/hook"
for run in skipped failed; do
    "$BENCHGATE" notify "$TMP/$run" --notify-command="$TMP/hook" --notify-on=always 2>&1 | grep -o 'BENCHGATE_EXIT=[0-9]*' | sed "s/^/$run: /"
done
"$BENCHGATE" notify "$TMP/skipped" --exit=0 --notify-command="$TMP/hook" --notify-on=always 2>&1 | grep -o 'BENCHGATE_EXIT=[0-9]*' | sed "s/^/--exit=0: /"
