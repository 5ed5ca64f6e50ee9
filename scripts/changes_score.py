#!/usr/bin/python3
"""changes_score.py - scores `benchgate changes` on a set from changes_synth.py.

Records every run of SET/runs in a new history (benchgate history --record, as a run of
benchgate start would be), runs `benchgate changes --format=json` with each method and counts,
per kind of series, the changes found within +-2 commits of a true one (one found change
matches at most one true one):
  steps >= 3 sd    precision, recall and F1 on the steps of at least 3 noise standard deviations
  steps < 3 sd     recall alone (a step smaller than the noise may be missed)
  no change        false changes per 1,000 points (noise alone, single outliers, bimodal noise)
  drift            false changes per 1,000 points on slow drifts (no target)
  exact            precision, recall and F1 on instruction counts
--check exits 1 unless the default method meets the targets: F1 >= 0.9 on steps >= 3 sd, at
most 1 false change per 1,000 points without change, F1 = 1 on exact series.

usage: changes_score.py BENCHGATE SET [--methods=steps,edivisive] [--check] [--md]
"""
import argparse
import json
import os
import subprocess
import sys
import time

TOLERANCE = 2
NO_CHANGE = ("nochange", "outlier", "bimodal")


def record(benchgate, set_dir, db):
    runs = sorted(os.listdir(os.path.join(set_dir, "runs")))
    for r in runs:
        p = subprocess.run([benchgate, "history", "--db=" + db,
                            "--record=" + os.path.join(set_dir, "runs", r)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.exit("changes_score.py: recording %s failed: %s" % (r, p.stderr.strip()))
    return len(runs)


def match(true_pos, found_pos):
    """Pairs of (true, found) within TOLERANCE, nearest first; each used once."""
    pairs = sorted((abs(t - f), t, f) for t in true_pos for f in found_pos
                   if abs(t - f) <= TOLERANCE)
    used_t, used_f, out = set(), set(), []
    for _, t, f in pairs:
        if t not in used_t and f not in used_f:
            used_t.add(t), used_f.add(f)
            out.append((t, f))
    return out


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.points = 0
        self.small_found = self.small_all = 0

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(manifest, doc):
    pos = {sha: i for i, sha in enumerate(manifest["commits"])}
    found = {}
    for c in doc["changes"]:
        found.setdefault(c["benchmark"], []).append(pos[c["commit"]])
    t = {k: Tally() for k in ("big", "none", "drift", "exact")}
    for s in manifest["series"]:
        f = found.get(s["name"], [])
        kind = s["kind"]
        if kind == "step":
            trues = [c["position"] for c in s["changes"]]
            pairs = match(trues, f)
            matched_t = {a for a, _ in pairs}
            matched_f = {b for _, b in pairs}
            for c in s["changes"]:
                if c["sigmas"] >= 3:
                    t["big"].tp += c["position"] in matched_t
                    t["big"].fn += c["position"] not in matched_t
                else:
                    t["big"].small_all += 1
                    t["big"].small_found += c["position"] in matched_t
            t["big"].fp += len([x for x in f if x not in matched_f])
            t["big"].points += s["length"]
        elif kind == "exact":
            pairs = match([c["position"] for c in s["changes"]], f)
            t["exact"].tp += len(pairs)
            t["exact"].fn += len(s["changes"]) - len(pairs)
            t["exact"].fp += len(f) - len(pairs)
            t["exact"].points += s["length"]
        else:
            key = "drift" if kind == "drift" else "none"
            t[key].fp += len(f)
            t[key].points += s["length"]
    return t


def run_method(benchgate, db, method):
    start = time.time()
    p = subprocess.run([benchgate, "changes", "--db=" + db, "--format=json",
                        "--method=" + method], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("changes_score.py: benchgate changes --method=%s exited %d: %s" % (
            method, p.returncode, p.stderr.strip()))
    return json.loads(p.stdout), time.time() - start


def table(rows, md):
    head = ("method", "steps>=3sd P", "R", "F1", "steps<3sd R", "no-change FP/1k",
            "drift FP/1k", "exact F1", "time")
    lines = []
    if md:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("| --- |" + " ---: |" * (len(head) - 1))
        for r in rows:
            lines.append("| " + " | ".join(r) + " |")
    else:
        w = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
        lines.append("  ".join(h.rjust(w[i]) if i else h.ljust(w[i]) for i, h in enumerate(head)))
        for r in rows:
            lines.append("  ".join(c.rjust(w[i]) if i else c.ljust(w[i]) for i, c in enumerate(r)))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("benchgate")
    ap.add_argument("set")
    ap.add_argument("--methods", default="steps,edivisive")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--md", action="store_true")
    a = ap.parse_args()
    manifest = json.load(open(os.path.join(a.set, "manifest.json")))
    db = os.path.join(a.set, "history.sqlite")
    if not os.path.exists(db):
        record(a.benchgate, a.set, db)
    rows, results = [], {}
    for method in a.methods.split(","):
        doc, secs = run_method(a.benchgate, db, method)
        t = score(manifest, doc)
        results[method] = t
        p, r, f = t["big"].prf()
        small = t["big"].small_found / t["big"].small_all if t["big"].small_all else 1.0
        rows.append((method, "%.3f" % p, "%.3f" % r, "%.3f" % f, "%.3f" % small,
                     "%.2f" % (1000 * t["none"].fp / max(t["none"].points, 1)),
                     "%.2f" % (1000 * t["drift"].fp / max(t["drift"].points, 1)),
                     "%.3f" % t["exact"].prf()[2], "%.1f s" % secs))
    points = sum(s["length"] for s in manifest["series"])
    print("changes_score.py: seed %d, %d series, %d points, %d commits" % (
        manifest["seed"], len(manifest["series"]), points, len(manifest["commits"])))
    print(table(rows, a.md))
    if a.check:
        method = a.methods.split(",")[0]
        t = results[method]
        f1 = t["big"].prf()[2]
        fp = 1000 * t["none"].fp / max(t["none"].points, 1)
        ef1 = t["exact"].prf()[2]
        bad = []
        if f1 < 0.9:
            bad.append("F1 %.3f < 0.9 on steps of 3 sd or more" % f1)
        if fp > 1.0:
            bad.append("%.2f false changes per 1,000 points without change (> 1)" % fp)
        if ef1 < 1.0:
            bad.append("F1 %.3f < 1 on exact series" % ef1)
        for b in bad:
            print("changes_score.py: %s: target missed: %s" % (method, b))
        if bad:
            sys.exit(1)
        print("changes_score.py: %s meets the targets" % method)


if __name__ == "__main__":
    main()
