#!/usr/bin/env bash
# start_no_ui_plain: with --no-ui, and with stdout a pipe (no --no-ui), benchgate start draws
# nothing: stdout, stderr and run.log hold no control characters; the log is in both places.
Q=(--build-dir="$BUILD" "--filter=^(overhead/cpu|gatecheck/.*)\$" --min-time=0.01 --max-time=0.05 --repetitions=2 --baseline=off --history=off)
TERM=xterm-256color "$BENCHGATE" start "${Q[@]}" --no-ui --output-dir="$TMP/a" >"$TMP/a.out" 2>"$TMP/a.err" || exit 9
TERM=xterm-256color "$BENCHGATE" start "${Q[@]}" --output-dir="$TMP/b" 2>"$TMP/b.err" | cat >"$TMP/b.out"
[ "${PIPESTATUS[0]}" = 0 ] || exit 9
"$PY" - "$TMP" <<'PYEOF'
import os, sys
tmp = sys.argv[1]
for name in ("a.out", "a.err", "a/run.log", "b.out", "b.err", "b/run.log"):
    data = open(os.path.join(tmp, name), "rb").read()
    bad = sum(1 for c in data if (c < 32 and c not in (9, 10)) or c == 127)
    print("%s: %s" % (name, "no control characters" if bad == 0 and data else "%d control characters" % bad))
PYEOF
grep -c 'benchgate: running gatecheck' "$TMP/a.err" "$TMP/a/run.log" | sed "s#$TMP/##"
