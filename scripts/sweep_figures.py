#!/usr/bin/python3
"""sweep_figures.py - the cost of a large sweep: a family of tiny instances (tests/sweep_bench.c)
run at 200, 1,000 and 10,000 instances with --min-time=0.001 --max-time=0.002 --skip-warmup
--repetitions=1, as a new user would (every format, the result cache on). Prints one table:
instances, total seconds, milliseconds per instance, seconds spent after the last slot (the
results: cache entries, result.json, result.csv, samples.csv, summary.md, the console table), and
the ratio of 10,000 to 1,000. Targets (docs/long-runs.md#large-sweeps): <= 15 ms per instance at
1,000, 10,000 in <= 11x the time of 1,000, the results of 10,000 written in <= 2 s.

Usage: scripts/sweep_figures.py SWEEP_BENCH [COUNT...]   (SWEEP_BENCH: build/tests/test_sweep_bench;
       default counts 200 1000 10000)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

FLAGS = ["--min-time=0.001", "--max-time=0.002", "--skip-warmup", "--repetitions=1", "--no-ui"]


def factors(count, parts=3, most=64):
    """count as a product of `parts` whole numbers of at most `most` each, or None."""
    if parts == 1:
        return [count] if count <= most else None
    for first in range(min(count, most), 0, -1):
        if count % first == 0:
            rest = factors(count // first, parts - 1, most)
            if rest:
                return [first] + rest
    return None


def axes(count):
    """The --axis flags of count instances: the product of the axes i, j and k, each of at most
    64 values as lists (what every version of the bench accepts, so that one script measures
    before and after a change)."""
    sizes = factors(count)
    if sizes is None:
        sys.exit("sweep_figures: %d is not a product of three numbers up to 64" % count)
    return ["--axis=%s=%s" % (name, ",".join(str(v) for v in range(size)))
            for name, size in zip("ijk", sizes)]


def run(bench, count, work):
    """Runs the sweep; @return (total s, s after the last slot's line, exit code)."""
    out = os.path.join(work, "run-%d" % count)
    cmd = [bench] + FLAGS + ["--output-dir=" + out] + axes(count)
    start = time.monotonic()
    last_slot = None
    proc = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    mark = ("/%d] " % count).encode()
    for line in proc.stderr:
        if line.startswith(b"[") and mark in line:
            last_slot = time.monotonic()
    rc = proc.wait()
    end = time.monotonic()
    return end - start, end - (last_slot or end), rc


def main():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit(__doc__.split("\n\n")[-1].strip())
    bench = os.path.abspath(sys.argv[1])
    counts = [int(c) for c in sys.argv[2:]] or [200, 1000, 10000]
    work = tempfile.mkdtemp(prefix="bg-sweep.")
    rows = {}
    try:
        for count in counts:
            total, write, rc = run(bench, count, work)
            if rc not in (0, 77):
                sys.exit("sweep_figures: %d instances: the bench exited %d" % (count, rc))
            rows[count] = (total, write)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| instances | total s | ms per instance | results-write s | x of 1,000 |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for count in counts:
        total, write = rows[count]
        ratio = "%.1f" % (total / rows[1000][0]) if 1000 in rows else "-"
        print("| {:,} | {:.2f} | {:.2f} | {:.2f} | {} |".format(count, total, 1000 * total / count,
                                                            write, ratio))


if __name__ == "__main__":
    main()
