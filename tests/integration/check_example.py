#!/usr/bin/env python3
"""check_example.py BUILD SOURCE - the sample result in the documentation cannot drift: it must
validate against the schema and have exactly the structure (every key path) of a fresh run's
result.json. Regenerate it with scripts/regen_example.sh."""
import json
import os
import subprocess
import sys
import tempfile


def paths(value, prefix=""):
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if prefix.endswith(".config") or prefix.endswith(".env"):
                out.add(prefix + "." + "*")
                continue
            out |= {prefix + "." + k} | paths(v, prefix + "." + k)
    elif isinstance(value, list):
        for v in value:
            out |= paths(v, prefix + "[]")
    return out


def main(build, source):
    sample = os.path.join(source, "docs", "examples", "result.json")
    schema = os.path.join(source, "docs", "schema", "result.schema.json")
    validator = os.path.join(source, "tests", "integration", "validate_result.py")
    r = subprocess.run([sys.executable, validator, schema, sample], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout + r.stderr)
        return r.returncode
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([os.path.join(build, "benches", "bench_triad"), "--filter=n=1024$",
                        "--repetitions=2", "--min-time=0.02", "--max-time=0.05", "--no-ui",
                        "--baseline=off", "--output-dir=" + tmp], check=True, capture_output=True)
        fresh = json.load(open(os.path.join(tmp, "result.json")))
    # what depends on the machine's noise: quality warnings, and a message on a metric that
    # was skipped (a roofline share above 100%, say); and on the machine: a roofline share's
    # ceiling exists only where ci/machines/ holds a profile of this CPU
    noisy = (".warnings[]", ".warnings", ".error_message")  # .warnings: only when there are some

    def kept(p):
        return not p.endswith(noisy) and ".ceiling" not in p

    old = {p for p in paths(json.load(open(sample))) if kept(p)}
    new = {p for p in paths(fresh) if kept(p)}
    if old != new:
        print("docs/examples/result.json has drifted from what the tool writes:")
        for p in sorted(new - old):
            print("  missing in the sample:", p)
        for p in sorted(old - new):
            print("  no longer written:", p)
        print("regenerate it: scripts/regen_example.sh", build)
        return 1
    print("ok: the sample validates and has the structure of a fresh run (%d key paths)" % len(new))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
