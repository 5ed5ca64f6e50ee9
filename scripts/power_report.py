#!/usr/bin/env python3
"""power_report.py WORK EXTRA LOAD - the table of scripts/power_check.sh: for each gate, its
verdicts over the compares, the false regressions (A/A) or catches, and the wall time."""
import json
import os
import sys

ALPHA = 0.05  # compare.py's default significance level


def gbench_verdict(path):
    """The U test's verdict on the wall times, as compare.py colours it."""
    entries = json.load(open(path))
    pvalue = change = None
    for e in entries:
        if e.get("utest"):
            pvalue = e["utest"]["time_pvalue"]
        if e.get("aggregate_name") == "median":
            change = e["measurements"][0]["time"]
    if pvalue is None or change is None:
        return "error (no U test)"
    if pvalue >= ALPHA:
        return "pass"
    return "regression" if change > 0 else "improvement"


def verdict_file_verdict(path):
    rows = json.load(open(path))["rows"]
    verdicts = [r["verdict"] for r in rows]
    for v in ("regression", "inconclusive", "not compared", "improvement"):
        if v in verdicts:
            return v
    return verdicts[0] if verdicts else "error (no rows)"


def verdict(work, gate, i, code):
    paths = {
        "ab": os.path.join(work, "ab%d" % i, "verdict.json"),
        "baseline": os.path.join(work, "baseline%d" % i, "parts", "gatecheck", "verdict.json"),
        "gbench": os.path.join(work, "gbench%d.json" % i),
    }
    path = paths[gate]
    if not os.path.exists(path):
        return "error (exit %s)" % code
    return gbench_verdict(path) if gate == "gbench" else verdict_file_verdict(path)


def ab_mode(work):
    """The mode the first ab compare ran in, from its first line."""
    path = os.path.join(work, "ab1.log")
    head = open(path).readline() if os.path.exists(path) else ""
    return "duet" if " duet on CPUs " in head else "alternation"


def main():
    work, extra, load = sys.argv[1], float(sys.argv[2]), sys.argv[3] == "1"
    results = {}
    for line in open(os.path.join(work, "times")):
        gate, i, code, wall = line.split()
        results.setdefault(gate, []).append((verdict(work, gate, int(i), code), int(wall)))
    kind = "A/A" if extra == 0 else "+%g%% work" % extra
    where = "under load" if load else "idle"
    label = "false regressions" if extra == 0 else "caught"
    names = {"ab": "benchgate ab (%s)" % ab_mode(work), "baseline": "baseline gate (10-run baseline)",
             "gbench": "Google Benchmark + compare.py (U test)"}
    print("%s, %s" % (kind, where))
    for gate in ("ab", "baseline", "gbench"):
        if gate not in results:
            continue
        rows = results[gate]
        counts = {}
        for v, _ in rows:
            counts[v] = counts.get(v, 0) + 1
        walls = sorted(w for _, w in rows)
        hits = counts.get("regression", 0)
        print("  %-42s %s %d of %d; %s; wall median %d s, max %d s" % (
            names[gate] + ":", label, hits, len(rows),
            ", ".join("%s %d" % kv for kv in sorted(counts.items())),
            walls[len(walls) // 2], walls[-1]))


if __name__ == "__main__":
    main()
