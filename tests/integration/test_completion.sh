#!/usr/bin/env bash
# test_completion.sh COMPLETION_FILE - the bash completion benchgate writes from its flag table
# (help --completion=bash; installed as share/bash-completion/completions/benchgate): sourced
# in bash, it offers the verbs, a verb's flags (--name= for a flag with a value), the values of
# a --flag=CHOICE, and the sub-verbs of history.
set -u
file=$1
fail=0
[ -s "$file" ] || { echo "FAIL: $file is missing or empty"; exit 1; }
# shellcheck disable=SC1090 # the file under test, given at run time
. "$file" || { echo "FAIL: $file does not source"; exit 1; }
complete -p benchgate >/dev/null 2>&1 || { echo "FAIL: $file registers no completion for benchgate"; fail=1; }
# offers WORDS... - runs _benchgate on COMP_WORDS and checks COMPREPLY holds each WORD
offers() {
    local want
    _benchgate
    for want in "$@"; do
        case " ${COMPREPLY[*]-} " in
        *" $want "*) ;;
        *) echo "FAIL: '${COMP_WORDS[*]}' (word $COMP_CWORD) offers '${COMPREPLY[*]-}', not $want"; fail=1 ;;
        esac
    done
}
COMP_WORDS=(benchgate comp); COMP_CWORD=1; offers compare
COMP_WORDS=(benchgate ""); COMP_CWORD=1; offers start compare history help
COMP_WORDS=(benchgate compare --for); COMP_CWORD=2; offers --format=
[ "${#COMPREPLY[@]}" = 1 ] || { echo "FAIL: compare --for offers more than --format=: ${COMPREPLY[*]}"; fail=1; }
COMP_WORDS=(benchgate compare --format=); COMP_CWORD=2; offers --format=table --format=md --format=json
COMP_WORDS=(benchgate compare --all); COMP_CWORD=2; offers --all
COMP_WORDS=(benchgate ab --mode=d); COMP_CWORD=2; offers --mode=duet
COMP_WORDS=(benchgate start --hist); COMP_CWORD=2; offers --history=
COMP_WORDS=(benchgate history i); COMP_CWORD=2; offers import
COMP_WORDS=(benchgate history export --format=); COMP_CWORD=3; offers --format=jsonl
COMP_WORDS=(benchgate nosuchverb --); COMP_CWORD=2; offers --help
[ "$fail" = 0 ] && echo "PASS: $file completes verbs, flags, choices and sub-verbs"
exit "$fail"
