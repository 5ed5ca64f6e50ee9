#!/usr/bin/env bash
# ab_pr.sh - A/B of a pull request on one machine: builds the merge base of HEAD and a base
# branch in a git worktree, with the compiler, build type and flags of the head build, then
# runs `benchgate ab` on the two builds. Its exit code is ab's (0 nothing got worse, 1 a
# regression, 77 could not tell, 2 bad input).
#
# usage: scripts/ab_pr.sh [--base-ref=REF] [--head-build=DIR] [--base-build=DIR] [-- AB FLAGS]
#   --base-ref    the branch the pull request goes into (default origin/main, else main)
#   --head-build  the configured and built head tree (default build)
#   --base-build  where the merge base is built (default HEAD_BUILD-ab-base)
#   after --, flags for benchgate ab (--bench=, --budget=, --threshold=, run flags)
# It works in any project that uses benchgate: run it from the project's git checkout.
# benchgate is $BENCHGATE, else HEAD_BUILD/src/cli/benchgate when there is one, else on PATH.
set -u
base_ref='' head_build=build base_build='' ab_flags=()
while [ $# -gt 0 ]; do
    case $1 in
    --base-ref=*) base_ref=${1#*=} ;;
    --head-build=*) head_build=${1#*=} ;;
    --base-build=*) base_build=${1#*=} ;;
    --help) sed -n '2,14p' "$0"; exit 0 ;;
    --) shift; ab_flags=("$@"); break ;;
    *) echo "ab_pr.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
die() { echo "ab_pr.sh: $*" >&2; exit 2; }
git rev-parse --git-dir >/dev/null 2>&1 || die "not in a git checkout (no .git in $PWD; in CI: install git before actions/checkout, which without it leaves no .git)"
cache="$head_build/CMakeCache.txt"
[ -f "$cache" ] || die "$head_build is not a configured build tree ($cache missing): configure and build the head first"
head_build=$(cd "$head_build" && pwd)
[ -n "$base_build" ] || base_build="$head_build-ab-base"
if [ -z "$base_ref" ]; then
    base_ref=origin/main
    git rev-parse --verify -q "$base_ref" >/dev/null || base_ref=main
fi
git rev-parse --verify -q "$base_ref^{commit}" >/dev/null || die "--base-ref=$base_ref: no such commit (fetch it first: git fetch origin main)"
base=$(git merge-base HEAD "$base_ref") || die "no merge base of HEAD and $base_ref"
cached() { sed -n "s/^$1:[A-Z]*=//p" "$cache" | head -n 1; }
src=$(cached CMAKE_HOME_DIRECTORY)
top=$(git rev-parse --show-toplevel)
sub=${src#"$top"}
sub=${sub#/}
tree="$base_build-src"
echo "ab_pr.sh: base $(git rev-parse --short "$base") (merge base with $base_ref), head $(git rev-parse --short HEAD)"
if [ -d "$tree" ]; then
    git -C "$tree" checkout -q --detach "$base" || die "$tree: cannot check out $base"
else
    git worktree add -q --detach "$tree" "$base" || die "cannot add a worktree at $tree"
fi
conf=(-S "$tree/$sub" -B "$base_build" -G "$(cached CMAKE_GENERATOR)")
for var in CMAKE_BUILD_TYPE CMAKE_C_COMPILER CMAKE_CXX_COMPILER CMAKE_C_FLAGS CMAKE_CXX_FLAGS \
    CMAKE_CUDA_COMPILER CMAKE_CUDA_ARCHITECTURES CMAKE_PREFIX_PATH benchgate_DIR; do
    value=$(cached "$var")
    [ -n "$value" ] && conf+=("-D$var=$value")
done
cmake "${conf[@]}" >"$base_build.configure.log" 2>&1 || { tail -20 "$base_build.configure.log"; die "the merge base does not configure (log: $base_build.configure.log)"; }
cmake --build "$base_build" >"$base_build.build.log" 2>&1 || { tail -20 "$base_build.build.log"; die "the merge base does not build (log: $base_build.build.log)"; }
cli=${BENCHGATE:-}
[ -n "$cli" ] || { [ -x "$head_build/src/cli/benchgate" ] && cli="$head_build/src/cli/benchgate"; }
[ -n "$cli" ] || cli=benchgate
"$cli" ab --base="$base_build" --head="$head_build" "${ab_flags[@]+"${ab_flags[@]}"}"
