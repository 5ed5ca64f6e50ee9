#!/usr/bin/env bash
# test_remote.sh MODE BENCHGATE BUILD_DIR SOURCE_DIR - distributed runs.
#
# MODE: ssh   - scripts/run_remote.sh against a real sshd started here on 127.0.0.1 (a host
#               key and a client key made by ssh-keygen, the current user's key authorized,
#               StrictModes no), with two host names for it (127.0.0.1 and localhost): both
#               run directories are collected under OUT/<host>/, each a complete result of the
#               selected benchmarks, and the summary covers both runs; a third host that does
#               not answer makes the exit 2 while the other two are still collected and
#               summarised. Skipped (77) without /usr/sbin/sshd.
#       slurm - scripts/slurm/benchgate.sbatch under a stand-in srun (two tasks on two
#               "nodes"): one run directory per task, SLURM_JOB_ID, SLURM_PROCID and
#               SLURM_NODELIST recorded in each result's system.env, and the summary.
# Exit: 0 pass, 1 fail, 77 skipped.
set -u
mode=$1 benchgate=$2 build=$3 src=$4
SSHD=${BG_SSHD:-/usr/sbin/sshd}

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bg-remote.XXXXXX") || exit 1
sshd_pid=""
cleanup() {
    [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL ($mode): $*"
    echo "--- stdout"; cat "$tmp/out" 2>/dev/null
    echo "--- stderr"; cat "$tmp/err" 2>/dev/null
    for f in "$tmp"/out.d/*/ssh.log "$tmp/sshd.log"; do
        [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }
    done
    exit 1
}
flags="--filter=^(overhead/cpu|triad/cpu/n=1024)$"
start_flags() { # the flags every run gets
    printf '%s\n' "--build-dir=$build" "$flags" --min-time=0.01 --max-time=0.02 --repetitions=1 \
        --baseline=off --history=off
}

check_runs() { # check_runs COUNT DIR...: complete results with the two benchmarks
    python3 - "$@" <<'EOF' || fail "the collected runs are not right"
import json, os, sys
count, dirs = int(sys.argv[1]), sys.argv[2:]
assert len(dirs) == count, dirs
for d in dirs:
    doc = json.load(open(os.path.join(d, "result.json")))
    names = sorted(b["name"] for b in doc["benchmarks"])
    assert doc["complete"] is True and names == ["overhead/cpu", "triad/cpu/n=1024"], (d, names)
    assert all(b["status"] == "ok" for b in doc["benchmarks"]), d
print("%d run(s) collected and complete" % count)
EOF
}

if [ "$mode" = slurm ]; then
    mkdir -p "$tmp/bin" "$tmp/repo"
    # srun: runs its command once per task with the variables SLURM sets for each.
    cat >"$tmp/bin/srun" <<'EOF'
#!/usr/bin/env bash
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do shift; done
code=0
for task in 0 1; do
    SLURM_PROCID=$task SLURM_NODEID=$task SLURMD_NODENAME="node$task" SLURM_NTASKS=2 "$@" || code=$?
done
exit $code
EOF
    chmod +x "$tmp/bin/srun"
    # shellcheck disable=SC2046 # one flag per line
    (cd "$tmp/repo" && PATH="$tmp/bin:$PATH" SLURM_JOB_ID=4242 SLURM_NODELIST="node[0-1]" \
        SLURM_SUBMIT_DIR="$tmp/repo" BENCHGATE="$benchgate" \
        bash "$src/scripts/slurm/benchgate.sbatch" $(start_flags)) >"$tmp/out" 2>"$tmp/err" ||
        fail "benchgate.sbatch exited $?"
    check_runs 2 "$tmp/repo/results/slurm-4242/node0-0" "$tmp/repo/results/slurm-4242/node1-1"
    python3 - "$tmp/repo/results/slurm-4242" <<'EOF' || fail "SLURM variables not recorded"
import json, os, sys
for task in (0, 1):
    env = json.load(open(os.path.join(sys.argv[1], "node%d-%d" % (task, task), "result.json")))["system"]["env"]
    assert env.get("SLURM_JOB_ID") == "4242" and env.get("SLURM_PROCID") == str(task), env
    assert env.get("SLURM_NODELIST") == "node[0-1]", env
print("SLURM_JOB_ID, SLURM_PROCID, SLURM_NODELIST recorded")
EOF
    grep -q "triad/cpu/n=1024" "$tmp/repo/results/slurm-4242/summary.txt" || fail "no summary"
    echo "ok ($mode)"
    exit 0
fi
[ "$mode" = ssh ] || fail "unknown mode"

[ -x "$SSHD" ] || { echo "skip: $SSHD not found (Debian package openssh-server)"; exit 77; }
command -v ssh >/dev/null 2>&1 || { echo "skip: no ssh client (openssh-client)"; exit 77; }
if [ ! -d /run/sshd ]; then # the privilege separation folder Debian's sshd wants
    mkdir -p /run/sshd 2>/dev/null || { echo "skip: /run/sshd is missing and cannot be made"; exit 77; }
fi
ssh-keygen -q -t ed25519 -N "" -f "$tmp/host_key" || fail "ssh-keygen (host)"
ssh-keygen -q -t ed25519 -N "" -f "$tmp/client_key" || fail "ssh-keygen (client)"
cp "$tmp/client_key.pub" "$tmp/authorized_keys"
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
user=$(id -un)
cat >"$tmp/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $tmp/host_key
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
AllowUsers $user
LogLevel ERROR
EOF
"$SSHD" -D -e -f "$tmp/sshd_config" -p "$port" 2>"$tmp/sshd.log" &
sshd_pid=$!
opts="-F /dev/null -p $port -i $tmp/client_key -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=$tmp/known_hosts -o LogLevel=ERROR"
up=0
for _ in $(seq 50); do
    # shellcheck disable=SC2086 # the options split into words
    if ssh $opts -o BatchMode=yes 127.0.0.1 true 2>/dev/null; then up=1 && break; fi
    sleep 0.2
done
[ "$up" = 1 ] || fail "sshd did not accept the key on port $port"

mkdir -p "$tmp/remote"
# shellcheck disable=SC2046 # one flag per line
BENCHGATE="$benchgate" bash "$src/scripts/run_remote.sh" --hosts=127.0.0.1,localhost \
    --ssh-opts="$opts" --jobs=2 --remote-dir="$tmp/remote" --remote-benchgate="$benchgate" \
    --out="$tmp/out.d" -- $(start_flags) >"$tmp/out" 2>"$tmp/err" || fail "run_remote.sh exited $?"
check_runs 2 "$tmp"/out.d/127.0.0.1/remote-* "$tmp"/out.d/localhost/remote-*
[ -s "$tmp/out.d/summary.md" ] || fail "no summary.md"
grep -q "triad/cpu/n=1024" "$tmp/out" || fail "the summary was not printed"
python3 - "$tmp/out.d/summary.md" <<'EOF' || fail "the summary does not cover both runs"
import sys
rows = [l for l in open(sys.argv[1]) if "triad/cpu/n=1024" in l or "overhead/cpu" in l]
assert len(rows) >= 2 and all("| 2 |" in r.replace("  ", " ") for r in rows), rows
print("summary: both benchmarks over 2 runs")
EOF

printf '# hosts\n127.0.0.1\nlocalhost  # the same sshd\n\n127.0.0.3\n' >"$tmp/hosts"
# shellcheck disable=SC2046 # one flag per line
BENCHGATE="$benchgate" bash "$src/scripts/run_remote.sh" --hosts="$tmp/hosts" \
    --ssh-opts="$opts" --remote-dir="$tmp/remote" --remote-benchgate="$benchgate" \
    --out="$tmp/out2" -- $(start_flags) >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 2 ] || fail "an unreachable host gave exit $rc, expected 2"
[ "$(cat "$tmp/out2/127.0.0.3/exit")" = 2 ] || fail "the unreachable host's exit is not 2"
grep -q "127.0.0.3: exit 255, nothing collected" "$tmp/err" || fail "no message for 127.0.0.3"
check_runs 2 "$tmp"/out2/127.0.0.1/remote-* "$tmp"/out2/localhost/remote-*
[ -s "$tmp/out2/summary.md" ] || fail "no summary of the hosts that answered"
BENCHGATE="$benchgate" bash "$src/scripts/run_remote.sh" --hosts="-oProxyCommand=x" >/dev/null 2>&1
[ $? = 2 ] || fail "a host name starting with - was accepted"
echo "ok ($mode)"
