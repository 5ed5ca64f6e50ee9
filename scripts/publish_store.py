#!/usr/bin/python3
"""publish_store.py - a large synthetic run history for the figures of benchgate publish and
changes (scripts/publish_figures.sh): COMMITS runs (one a commit, one machine class) of
BENCHES benchmarks each, written by direct SQL inserts into a history that `benchgate history
import` created from one seed run (so the schema is benchgate's own). Every tenth benchmark has
a step of 5-20% at a random commit; the others are noise of CV 1%. Seeded: the same store on
every machine.

usage: publish_store.py BENCHGATE DB [--commits=N] [--benches=N] [--seed=N]
"""
import argparse
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile


def seed_run(benchgate, db):
    """A history with benchgate's schema: one run imported, then removed."""
    with tempfile.TemporaryDirectory() as tmp:
        m = {"n": 1, "median": 1.0, "mean": 1.0, "stddev": 0.0, "min": 1.0, "max": 1.0,
             "p50": 1.0, "p95": 1.0, "p99": 1.0, "ci95": [1.0, 1.0], "cv": 0.0, "outliers": 0,
             "repetition_medians": [1.0], "status": "ok", "unit": "ns", "better": "lower"}
        doc = {"schema": "benchgate.result/1", "complete": True,
               "run": {"run_id": "seed", "timestamp": "2020-01-01T00:00:00Z",
                       "command_line": "seed", "program": "benchgate",
                       "benchgate_version": "0.1.0", "git": {"sha": None, "branch": None,
                                                             "dirty": None},
                       "config": {}, "dry_run": False, "duration_s": 1.0},
               "system": {"hostname": "h", "os": "linux", "kernel": "0", "arch": "x86_64",
                          "cpu_model": "c", "cpu_count": 1, "ram_total_gb": 1.0,
                          "machine_class": "ci-x86", "compiler": "cc", "build_type": "Release",
                          "gpus": [], "env": {}},
               "datasets": [],
               "benchmarks": [{"name": "seed", "family": "seed", "device": "cpu", "params": {},
                               "status": "ok", "error_message": None,
                               "iterations_per_sample": 1, "seconds": 0.01, "measure": "time",
                               "thresholds": {"time": 5, "instructions": 0.5, "accuracy": 0.5,
                                              "memory": 10},
                               "metrics": {"time_ns": m}}]}
        path = os.path.join(tmp, "result.json")
        json.dump(doc, open(path, "w"))
        subprocess.run([benchgate, "history", "import", "--db=" + db, path], check=True,
                       stdout=subprocess.DEVNULL)
    c = sqlite3.connect(db)
    c.execute("PRAGMA foreign_keys = ON")
    c.execute("DELETE FROM runs")
    c.commit()
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("benchgate")
    ap.add_argument("db")
    ap.add_argument("--commits", type=int, default=1000)
    ap.add_argument("--benches", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if os.path.exists(a.db):
        sys.exit("publish_store.py: %s exists" % a.db)
    rng = random.Random(a.seed)
    c = seed_run(a.benchgate, a.db)
    levels = [10 ** rng.uniform(1, 6) for _ in range(a.benches)]
    steps = {b: (rng.randrange(a.commits // 10, a.commits - 20), rng.uniform(5, 20) *
                 rng.choice((-1, 1))) for b in range(0, a.benches, 10)}
    bid = 0
    for i in range(a.commits):
        sha = hashlib.sha1(b"publish-%d-%d" % (a.seed, i)).hexdigest()
        when = "2025-%02d-%02dT%02d:%02d:00Z" % (1 + i // 600 % 12, 1 + i // 24 % 25, i % 24,
                                                 i % 60)
        ctime = when.replace("Z", "+00:00")
        run = c.execute(
            "INSERT INTO runs (run_id, timestamp, machine_class, hostname, git_sha, git_branch,"
            " git_dirty, command_line, complete, result_path, recorded_at, duration_s,"
            " git_commit_time, git_parent) VALUES (?, ?, 'ci-x86', 'h', ?, 'main', 0, 'bench',"
            " 1, 'result.json', ?, 1.0, ?, NULL)",
            ("run-%05d" % i, when, sha, when, ctime)).lastrowid
        bench_rows, metric_rows = [], []
        for b in range(a.benches):
            bid += 1
            v = levels[b]
            if b in steps and i >= steps[b][0]:
                v *= 1 + steps[b][1] / 100
            v *= 1 + rng.gauss(0, 0.01)
            h = v * 0.004
            bench_rows.append((bid, run, "fam%02d/bench_%04d" % (b % 40, b), "fam%02d" % (b % 40)))
            metric_rows.append((bid, v, v, v, v * 0.01, v - h, v + h, v - h, v + h))
        c.executemany("INSERT INTO benchmarks (id, run, name, family, device, status, measure)"
                      " VALUES (?, ?, ?, ?, 'cpu', 'ok', 'time')", bench_rows)
        c.executemany("INSERT INTO metrics (benchmark, name, status, unit, better, value, n,"
                      " median, mean, stddev, min, max, ci95_lo, ci95_hi) VALUES (?, 'time_ns',"
                      " 'ok', 'ns', 'lower', ?, 30, ?, ?, ?, ?, ?, ?, ?)", metric_rows)
    c.commit()
    print("publish_store.py: %d commits x %d benchmarks, %d with a step, in %s"
          % (a.commits, a.benches, len(steps), a.db))


if __name__ == "__main__":
    main()
