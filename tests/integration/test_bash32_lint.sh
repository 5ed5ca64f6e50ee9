#!/usr/bin/env bash
# test_bash32_lint.sh SOURCE_DIR - every shell script of the project parses (bash -n) and uses no
# feature newer than Bash 3.2 (macOS's /bin/bash): associative arrays, mapfile/readarray, case
# conversion, ;& and ;;&, &>>, |&, [[ -v ]], ${x@Q}, namerefs, negative array indices, coproc,
# wait -n, declare -g, globstar, lastpipe, {a..z..step}, $BASHPID, $EPOCHSECONDS.
set -u
src=$1
bash4='declare -A|local -A|declare -n|local -n|declare -g|mapfile|readarray|\$\{[A-Za-z_]+(,,?|\^\^?)\}|;;&|;&$|&>>|\|&|\[\[ -v |@[QEPAa]\}|\[-[0-9]+\]\}|(^|[;&|] *)coproc |wait -n|globstar|lastpipe|\{[a-z0-9]+\.\.[a-z0-9]+\.\.[0-9]+\}|BASHPID|EPOCH(SECONDS|REALTIME)'
count=0 status=0
while IFS= read -r f; do
    case $f in */test_bash32_lint.sh) continue ;; esac # the patterns themselves
    count=$((count + 1))
    bash -n "$f" || { echo "FAIL: $f does not parse"; status=1; }
    # comments may mention anything; code may not
    if grep -nE "$bash4" "$f" | grep -vE '^[0-9]+: *#'; then
        echo "FAIL: $f uses a feature newer than Bash 3.2 (above)"
        status=1
    fi
done <<EOF2
$(find "$src/scripts" "$src/bench" "$src/tests" "$src/.ci" -type f \( -name '*.sh' -o -name run \) | sort)
EOF2
[ "$count" -gt 10 ] || { echo "FAIL: only $count scripts found under $src"; exit 1; }
[ "$status" = 0 ] && echo "PASS: $count scripts parse and use nothing newer than Bash 3.2"
exit "$status"
