#!/usr/bin/env python3
"""fake_bench.py - a stand-in bench executable for the benchgate ab tests, with figures chosen
by the test: it answers --list with FAKE_NAMES, and otherwise writes OUTPUT_DIR/result.json from
the real result FAKE_TEMPLATE (written by a real bench of this build), its time figures scaled
by FAKE_SCALE times a wobble that changes with every call (counted in FAKE_COUNTER), so two
sides differ by FAKE_SCALE on average and by the wobble from pair to pair. FAKE_STATUS=failed
makes the instance fail; FAKE_EXIT=N exits N without a result."""
import fcntl
import json
import math
import os
import re
import sys

args = sys.argv[1:]
names = os.environ.get("FAKE_NAMES", "fake/cpu/n=1").split(",")
if "--list" in args:
    print("\n".join(names))
    sys.exit(0)
if os.environ.get("FAKE_EXIT"):
    sys.exit(int(os.environ["FAKE_EXIT"]))
out = next(a.split("=", 1)[1] for a in args if a.startswith("--output-dir="))
pattern = next(a.split("=", 1)[1] for a in args if a.startswith("--filter="))
name = next(n for n in names if re.search(pattern, n))
# The count of calls, under a lock: in a duet both sides run at once.
with open(os.environ["FAKE_COUNTER"], "a+") as counter:
    fcntl.flock(counter, fcntl.LOCK_EX)
    counter.seek(0)
    k = int(counter.read() or "0")
    counter.seek(0)
    counter.truncate()
    counter.write(str(k + 1))
factor = float(os.environ.get("FAKE_SCALE", "1")) * (1 + float(os.environ.get("FAKE_WOBBLE", "0.01")) * math.sin(1.7 * k))
doc = json.load(open(os.environ["FAKE_TEMPLATE"]))
bench = doc["benchmarks"][0]
bench["name"] = name
for metric in ("time_ns", "cpu_time_ns"):
    m = bench["metrics"][metric]
    for key in ("median", "mean", "stddev", "min", "max", "p50", "p95", "p99"):
        m[key] *= factor
    m["ci95"] = [v * factor for v in m["ci95"]]
    m["repetition_medians"] = [v * factor for v in m["repetition_medians"]]
if os.environ.get("FAKE_STATUS") == "error":
    bench["status"] = "error"
    bench["error_message"] = "the kernel said no"
    for m in bench["metrics"].values():
        if m.get("status") == "ok":
            m["status"] = "error"
            m["message"] = "the kernel said no"
doc["benchmarks"] = [bench]
os.makedirs(out, exist_ok=True)
json.dump(doc, open(os.path.join(out, "result.json"), "w"))
