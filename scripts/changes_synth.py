#!/usr/bin/python3
"""changes_synth.py - a seeded validation set for `benchgate changes`.

Writes OUT/runs/NNNNN/result.json, one run a commit (benchgate.result/1, one benchmark per
series), and OUT/manifest.json with the true change points of every series. The series:
  step      1-3 steps of 1-30% at known commits, Gaussian noise of CV 0.5-10%, a few outliers
  nochange  noise alone (CV 0.5-10%)
  outlier   noise and single outliers of 5-20 noise standard deviations
  bimodal   noise that jumps to a second mode (3-6 standard deviations away) at random
  drift     a slow linear drift of 3-15% over the series, no step
  exact     instruction counts: no noise within a commit, steps of 0.05-10% (any is a change)
Series are 50 to 1,000 points long (each one the last N commits). Every figure is made from
--seed alone, so a set is the same on every machine.

usage: changes_synth.py --out=DIR [--seed=N] [--commits=N] [--per-kind=N] [--small]
"""
import argparse
import datetime
import hashlib
import json
import math
import os
import random
import sys

KINDS = ("step", "nochange", "outlier", "bimodal", "drift", "exact")


def sha_of(seed, i):
    return hashlib.sha1(("benchgate-synth-%d-%d" % (seed, i)).encode()).hexdigest()


def plan_steps(rng, n, count, min_gap=15, edge=10):
    """count change indices in [edge, n-edge), min_gap apart."""
    for _ in range(200):
        picks = sorted(rng.randrange(edge, n - edge) for _ in range(count))
        gaps = [b - a for a, b in zip([0] + picks, picks + [n])]
        if all(g >= min_gap for g in gaps):
            return picks
    return []


def make_series(rng, kind, n, index):
    """The series' values, each point's half CI and its true changes."""
    level = 10 ** rng.uniform(1, 6)  # 10 ns to 1 ms
    cv = rng.choice((0.005, 0.01, 0.02, 0.05, 0.1)) if kind != "exact" else 0.0
    sigma = level * cv
    steps = []
    if kind == "step":
        steps = plan_steps(rng, n, rng.randint(1, 3) if n >= 120 else 1)
    elif kind == "exact":
        level = float(rng.randint(10 ** 4, 10 ** 8))
        steps = plan_steps(rng, n, rng.randint(1, 3) if n >= 120 else 1, min_gap=10, edge=5)
    pcts = {}
    for s in steps:
        lo, hi = (1.0, 30.0) if kind == "step" else (0.05, 10.0)
        pcts[s] = rng.uniform(lo, hi) * rng.choice((-1, 1))
    values, cis, truth = [], [], []
    cur = level
    drift = rng.uniform(0.03, 0.15) * rng.choice((-1, 1)) if kind == "drift" else 0.0
    mode = rng.uniform(3, 6) * sigma
    for i in range(n):
        if i in pcts:
            before = cur
            cur = cur * (1 + pcts[i] / 100)
            truth.append({"index": i, "pct": round(pcts[i], 4),
                          "sigmas": round(abs(cur - before) / sigma, 3) if sigma else None})
        base = cur * (1 + drift * i / n)
        if kind == "exact":
            values.append(float(round(base)))
            cis.append(0.0)
            continue
        v = base + rng.gauss(0, sigma)
        if kind == "outlier" and rng.random() < 0.02:
            v = base + rng.choice((-1, 1)) * rng.uniform(5, 20) * sigma
        if kind == "step" and rng.random() < 0.01:
            v = base + rng.uniform(5, 10) * sigma
        if kind == "bimodal" and rng.random() < 0.3:
            v += mode
        values.append(max(v, level * 1e-3))
        cis.append(1.96 * sigma * rng.uniform(0.2, 1.0))
    return {"kind": kind, "name": "synth/%s/%03d" % (kind, index), "noise_cv": cv,
            "length": n}, values, cis, truth


def metric(value, half_ci, exact, unit):
    return {"n": 1 if exact else 30, "median": value, "mean": value,
         "stddev": 0.0 if exact else half_ci / 1.96 * math.sqrt(30),
         "min": value if exact else value - half_ci, "max": value if exact else value + half_ci,
         "p50": value, "p95": value if exact else value + half_ci,
         "p99": value if exact else value + half_ci,
         "ci95": [value - half_ci, value + half_ci], "cv": 0.0, "outliers": 0,
         "repetition_medians": [value], "status": "ok",
         "unit": unit, "better": "lower"}


def benchmark(name, value, half_ci, exact):
    key = "instructions" if exact else "time_ns"
    return {"name": name, "family": "synth", "device": "cpu", "params": {}, "status": "ok",
            "error_message": None, "iterations_per_sample": 1, "seconds": 0.01,
            "measure": "instructions" if exact else "time",
            "thresholds": {"time": 5, "instructions": 0.5, "accuracy": 0.5, "memory": 10},
            "metrics": metrics_of(key, metric(value, half_ci, exact, "count" if exact else "ns"))}


def metrics_of(key, figures):
    """The metrics of one benchmark: time_ns always (skipped under callgrind, as a real
    instruction-mode run writes it)."""
    metrics = {key: figures}
    if key != "time_ns":
        metrics["time_ns"] = {"status": "skipped", "unit": "ns", "better": "lower",
                              "value": None, "error_message": "not measured: instructions were "
                              "counted under callgrind"}
    return metrics


def result(seed, i, sha, benches, machine_class):
    t = 1767225600 + i * 3600  # a commit an hour from 2026-01-01T00:00:00Z
    stamp = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    return {"schema": "benchgate.result/1", "complete": True,
            "run": {"run_id": "synth-%d-%05d" % (seed, i), "timestamp": stamp,
                    "command_line": "changes_synth.py", "program": "benchgate",
                    "benchgate_version": "0.1.0",
                    "git": {"sha": sha, "branch": "main", "dirty": False},
                    "config": {}, "dry_run": False, "duration_s": 1.0},
            "system": {"hostname": "synth", "os": "synthetic", "kernel": "0", "arch": "x86_64",
                       "cpu_model": "synthetic", "cpu_count": 1, "ram_total_gb": 1.0,
                       "machine_class": machine_class, "compiler": "none",
                       "build_type": "Release", "gpus": [], "env": {}},
            "datasets": [], "benchmarks": benches}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--commits", type=int, default=1000, help="commits (runs), 50 to 1000")
    ap.add_argument("--per-kind", type=int, default=12, help="series of each kind")
    ap.add_argument("--small", action="store_true", help="a quick set: 200 commits, 6 a kind")
    a = ap.parse_args()
    if a.small:
        a.commits, a.per_kind = 200, 6
    if not 50 <= a.commits <= 1000 or a.per_kind < 1:
        sys.exit("changes_synth.py: --commits is 50 to 1000 and --per-kind at least 1")
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit("changes_synth.py: %s is not empty: give a new folder" % a.out)
    rng = random.Random(a.seed)
    shas = [sha_of(a.seed, i) for i in range(a.commits)]
    series = []
    for kind in KINDS:
        for k in range(a.per_kind):
            n = rng.randint(50, a.commits) if k else a.commits
            info, values, cis, truth = make_series(rng, kind, n, k)
            info["first_commit"] = a.commits - n
            for t in truth:
                t["commit"] = shas[a.commits - n + t["index"]]
                t["position"] = a.commits - n + t["index"]
            info["changes"] = truth
            series.append((info, values, cis))
    for i, sha in enumerate(shas):
        benches = []
        for info, values, cis in series:
            k = i - info["first_commit"]
            if k >= 0:
                benches.append(benchmark(info["name"], values[k], cis[k], info["kind"] == "exact"))
        d = os.path.join(a.out, "runs", "%05d" % i)
        os.makedirs(d)
        with open(os.path.join(d, "result.json"), "w") as f:
            json.dump(result(a.seed, i, sha, benches, "synth-x86"), f)
    manifest = {"schema": "benchgate.changes-synth/1", "seed": a.seed, "commits": shas,
                "machine_class": "synth-x86", "series": [s[0] for s in series]}
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print("changes_synth.py: %d series, %d commits, %d points in %s" % (
        len(series), a.commits, sum(s[0]["length"] for s in series), a.out))


if __name__ == "__main__":
    main()
