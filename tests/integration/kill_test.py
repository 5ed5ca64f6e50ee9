#!/usr/bin/env python3
"""kill_test.py BUILD SOURCE [KILLS] - crash consistency under SIGKILL at random moments.

Each round starts `benchgate start` (gated against a baseline in a temporary folder), or every
fifth round `benchgate baseline --force` capturing over that baseline, and kills its whole
process group with SIGKILL after a random delay. After every kill: each result.json, verdict.json
and baseline present must parse as strict JSON and validate against the schema; the baseline
must be unchanged by gates and complete after a capture; no temporary file may be mistaken for a
result (*.tmp.* files are debris only). Prints a summary and exits 1 on any violation."""
import glob
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

FILTER = "^(overhead/cpu|gatecheck/.*|triad/cpu/n=1024)$"
QUICK = ["--min-time=0.02", "--max-time=0.1", "--repetitions=2", "--no-ui"]


def strict(path):
    def no_constants(name):
        raise ValueError("non-standard constant %s" % name)
    with open(path) as f:
        return json.load(f, parse_constant=no_constants)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def kill_after(cmd, delay, env):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, env=env)
    try:
        p.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        return True


def wait_quiet(work, limit=20.0):
    """Waits until no process works in `work` any more: a bench child of a killed start gets
    SIGTERM (parent death) and finishes its partial result on its own; checking before that
    would race with it."""
    end = time.time() + limit
    me = str(os.getpid())
    while time.time() < end:
        busy = False
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or pid == me:
                continue
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    busy = busy or work.encode() in f.read()
            except OSError:
                pass
        if not busy:
            return True
        time.sleep(0.05)
    return False


def check_tree(root, validator, schema, problems):
    files = [f for f in glob.glob(os.path.join(root, "**", "*.json"), recursive=True)
             if ".tmp." not in os.path.basename(f)]
    results = [f for f in files if os.path.basename(f) == "result.json"]
    for f in files:
        try:
            strict(f)
        except (OSError, ValueError) as e:
            problems.append("%s: not strict JSON (%s)" % (f, e))
    if results:
        r = subprocess.run([sys.executable, validator, schema] + results, capture_output=True, text=True)
        if r.returncode == 1:
            problems.append("schema: " + (r.stdout + r.stderr).strip().splitlines()[-1])
    return len(files)


def main(build, source, kills):
    cli = os.path.join(build, "src", "cli", "benchgate")
    validator = os.path.join(source, "tests", "integration", "validate_result.py")
    schema = os.path.join(source, "docs", "schema", "result.schema.json")
    work = tempfile.mkdtemp(prefix="bg-kill.")
    env = dict(os.environ, BENCHGATE_MACHINE_CLASS="kill-test")
    base_dir = os.path.join(work, "baselines")
    first = os.path.join(work, "first")
    subprocess.run([cli, "start", "--build-dir=" + build, "--filter=" + FILTER, "--baseline=off",
                    "--output-dir=" + first] + QUICK, check=True, capture_output=True, env=env)
    subprocess.run([cli, "baseline", "--run=" + first, "--dir=" + base_dir], check=True,
                   capture_output=True, env=env)
    baselines = sorted(glob.glob(os.path.join(base_dir, "*", "*.json")))
    before = {b: digest(b) for b in baselines}
    rng = random.Random(int(os.environ.get("KILL_SEED", "1")))
    problems, killed, checked = [], 0, 0
    for i in range(kills):
        run = os.path.join(work, "run%d" % i)
        capture = i % 5 == 4
        if capture:
            cmd = [cli, "baseline", "--run=" + first, "--dir=" + base_dir, "--force"]
        else:
            cmd = [cli, "start", "--build-dir=" + build, "--filter=" + FILTER,
                   "--baseline=" + base_dir, "--output-dir=" + run] + QUICK
        killed += kill_after(cmd, rng.uniform(0.05, 2.5), env)
        if not wait_quiet(work):
            problems.append("round %d: processes still running 20 s after the kill" % i)
        checked += check_tree(work, validator, schema, problems)
        for b in baselines:
            if not capture and digest(b) != before[b]:
                problems.append("round %d: a gate changed the baseline %s" % (i, b))
            before[b] = digest(b)
    subprocess.run(["rm", "-rf", work])
    print("kills: %d rounds, %d killed mid-run, %d JSON file checks, %d problem(s)" %
          (kills, killed, checked, len(problems)))
    for p in problems[:20]:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20))
