# journal_kill.bash - sourced by the golden cases that kill a sweep mid-run (not a case itself).
# kill_at_entries N JOURNAL CMD...: runs CMD in the background (its stderr into $TMP/first.err),
# waits until JOURNAL (a checkpoint.jsonl) holds N complete entries, at most 8 s, then kills it
# with SIGKILL and reaps it.
journal_entries() { # JOURNAL: the complete entries it holds now
    local n
    n=$(grep -c '"reps":\[' "$1" 2>/dev/null)
    echo "${n:-0}"
}
kill_at_entries() {
    local want=$1 journal=$2 pid
    shift 2
    "$@" >/dev/null 2>"$TMP/first.err" &
    pid=$!
    for _ in $(seq 400); do
        [ "$(journal_entries "$journal")" -ge "$want" ] && break
        sleep 0.02
    done
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
}
