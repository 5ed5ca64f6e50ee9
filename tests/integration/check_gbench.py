#!/usr/bin/env python3
"""check_gbench.py - checks a `benchgate export --format=gbench` file the way its readers do.

Usage: check_gbench.py [--runs=N] [--aggregates=yes|no] FILE...

A quick structural check (Python 3 standard library only) of what three readers need; the
readers themselves run on the export in interop.github_action_benchmark (the action's own
parser, under node) and integration.gbench_compare_py (Google's compare.py). What it checks:
  - github-action-benchmark, tool `googlecpp`: maps every entry of "benchmarks" to
    name, value = real_time, unit = time_unit + "/iter", and an extra text built from iterations,
    cpu_time and threads; so every entry needs those, with time_unit one of ns, us, ms, s;
  - Bencher, adapter `cpp_google`: parses "context" (date, host_name, executable, num_cpus,
    mhz_per_cpu, cpu_scaling_enabled, caches, load_avg, library_build_type) and for each entry
    name, run_name, run_type, iterations, real_time, cpu_time, time_unit;
  - Google Benchmark's tools/compare.py: sorts by family_index, per_family_instance_index,
    run_type and repetition_index, groups entries by run_name and runs its U test over the
    real_time / cpu_time of the run_type == "iteration" entries; so each run_name needs at
    least one iteration entry, and its aggregates (name RUN_NAME_mean, _median, _stddev, _cv)
    must be the mean, median, sample standard deviation and stddev/mean of those values
    (within 1e-9 relative).
  - a failed benchmark is written as Google Benchmark writes a run that failed: one iteration
    entry with "error_occurred": true, a non-empty "error_message", times of 0 and no
    aggregates (fixtures/gbench/google_benchmark_error.json is Google Benchmark's own).
The file must be strict JSON (no NaN or Infinity).

--runs=N: expect N distinct run_names. --aggregates=yes: every run_name has the four
aggregates; no: none has any.
Prints "OK FILE: ..." per good file, or each problem as "FILE: entry[i] NAME: problem".
Exit status: 0 all good, 1 a problem, 2 usage.
"""
import json
import math
import statistics
import sys

TIME_UNITS = ("ns", "us", "ms", "s")
AGGREGATES = ("mean", "median", "stddev", "cv")
REL_TOL = 1e-9

CONTEXT_TYPES = {
    "date": str,
    "host_name": str,
    "executable": str,
    "num_cpus": int,
    "mhz_per_cpu": (int, float),
    "cpu_scaling_enabled": bool,
    "caches": list,
    "load_avg": list,
    "library_build_type": str,
}

ENTRY_TYPES = {
    "name": str,
    "run_name": str,
    "run_type": str,
    "iterations": int,
    "threads": int,
    "real_time": (int, float),
    "cpu_time": (int, float),
    "time_unit": str,
    "family_index": int,
    "per_family_instance_index": int,
    "repetitions": int,
}


def strict_constant(name):
    raise ValueError("not strict JSON: %s" % name)


def is_type(value, types):
    """isinstance, except that a bool is not a number."""
    if isinstance(value, bool) and types is not bool:
        return False
    return isinstance(value, types)


def check_context(doc, problems):
    context = doc.get("context")
    if not isinstance(context, dict):
        problems.append("context: missing or not an object")
        return
    for key, types in CONTEXT_TYPES.items():
        if not is_type(context.get(key), types):
            problems.append("context.%s: missing or of the wrong type" % key)
    for i, cache in enumerate(context.get("caches") or []):
        if not isinstance(cache, dict):
            problems.append("context.caches[%d]: not an object (Bencher reads objects)" % i)


def check_entry(i, entry, problems):
    """The fields every reader takes from one entry."""
    where = "entry[%d] %s" % (i, entry.get("name", "?"))
    for key, types in ENTRY_TYPES.items():
        if not is_type(entry.get(key), types):
            problems.append("%s: %s missing or of the wrong type" % (where, key))
    if entry.get("time_unit") not in TIME_UNITS:
        problems.append("%s: time_unit %r is not one of %s" % (where, entry.get("time_unit"),
                                                               ", ".join(TIME_UNITS)))
    run_type = entry.get("run_type")
    if run_type == "iteration":
        if "aggregate_name" in entry or entry.get("name") != entry.get("run_name"):
            problems.append("%s: an iteration entry is named after its run_name and has no "
                            "aggregate_name" % where)
        if not is_type(entry.get("repetition_index"), int):
            problems.append("%s: repetition_index missing" % where)
    elif run_type == "aggregate":
        agg = entry.get("aggregate_name")
        if agg not in AGGREGATES:
            problems.append("%s: aggregate_name %r is not one of %s" % (where, agg,
                                                                        AGGREGATES))
        elif entry.get("name") != "%s_%s" % (entry.get("run_name"), agg):
            problems.append("%s: an aggregate is named RUN_NAME_%s" % (where, agg))
        unit = "percentage" if agg == "cv" else "time"
        if entry.get("aggregate_unit") != unit:
            problems.append("%s: aggregate_unit should be %r" % (where, unit))
    else:
        problems.append("%s: run_type %r is neither iteration nor aggregate" % (where, run_type))


def close(actual, expected, scale):
    """Equal within REL_TOL relative; a zero (stddev of equal values) within REL_TOL * scale."""
    if expected == 0:
        return abs(actual) <= REL_TOL * scale
    return abs(actual - expected) <= REL_TOL * abs(expected)


def expected_aggregates(values):
    mean = statistics.mean(values)
    stddev = statistics.stdev(values)
    return {"mean": mean, "median": statistics.median(values), "stddev": stddev,
            "cv": stddev / mean if mean else 0.0}


def check_group(run_name, entries, problems):
    """compare.py's view of one run_name: iterations, then aggregates computed from them."""
    iterations = [e for e in entries if e.get("run_type") == "iteration"]
    aggregates = [e for e in entries if e.get("run_type") == "aggregate"]
    if not iterations:
        problems.append("%s: no run_type == \"iteration\" entry (compare.py's U test has "
                        "nothing to read)" % run_name)
        return
    indexes = sorted(e.get("repetition_index") for e in iterations)
    if indexes != list(range(len(iterations))):
        problems.append("%s: repetition_index values %s are not 0..%d" %
                        (run_name, indexes, len(iterations) - 1))
    for e in entries:
        if e.get("repetitions") != len(iterations):
            problems.append("%s: %s says repetitions=%s, there are %d iteration entries" %
                            (run_name, e.get("name"), e.get("repetitions"), len(iterations)))
    places = {(e.get("family_index"), e.get("per_family_instance_index")) for e in entries}
    if len(places) != 1:
        problems.append("%s: family_index/per_family_instance_index differ: %s" %
                        (run_name, sorted(places)))
    if aggregates and len(iterations) < 2:
        problems.append("%s: aggregates over fewer than two repetitions" % run_name)
        return
    for field in ("real_time", "cpu_time"):
        values = [e[field] for e in iterations]
        want = expected_aggregates(values) if aggregates else {}
        scale = max(abs(v) for v in values)
        for e in aggregates:
            name = e.get("aggregate_name")
            if name in want and not close(e[field], want[name], scale):
                problems.append("%s: %s %s is %r, the iterations give %r" %
                                (run_name, e.get("name"), field, e[field], want[name]))


def check_failed(run_name, entries, problems):
    """A failed run as Google Benchmark writes it (SkipWithError)."""
    if len(entries) != 1:
        problems.append("%s: a failed benchmark has %d entries, expected 1" % (run_name,
                                                                            len(entries)))
    for e in entries:
        if e.get("error_occurred") is not True or not isinstance(e.get("error_message"), str) \
                or not e["error_message"] or e.get("run_type") != "iteration":
            problems.append("%s: a failed entry needs run_type iteration, error_occurred true "
                            "and an error_message" % run_name)
        if e.get("real_time") != 0 or e.get("cpu_time") != 0:
            problems.append("%s: a failed entry has no time (0), as Google Benchmark's" % run_name)


def check_doc(doc, runs_wanted, aggregates_wanted):
    problems = []
    if not isinstance(doc, dict) or not isinstance(doc.get("benchmarks"), list):
        return ["root: not an object with a \"benchmarks\" array"], {}
    check_context(doc, problems)
    groups = {}
    for i, entry in enumerate(doc["benchmarks"]):
        if not isinstance(entry, dict):
            problems.append("entry[%d]: not an object" % i)
            continue
        check_entry(i, entry, problems)
        groups.setdefault(entry.get("run_name"), []).append(entry)
    for run_name, entries in groups.items():
        if any("error_occurred" in e for e in entries):
            check_failed(run_name, entries, problems)
            continue
        check_group(run_name, entries, problems)
        count = sum(1 for e in entries if e.get("run_type") == "aggregate")
        if aggregates_wanted == "yes" and count != len(AGGREGATES):
            problems.append("%s: %d aggregates, expected %d" % (run_name, count,
                                                              len(AGGREGATES)))
        if aggregates_wanted == "no" and count:
            problems.append("%s: %d aggregates, expected none" % (run_name, count))
    if runs_wanted is not None and len(groups) != runs_wanted:
        problems.append("%d run_names, expected %d" % (len(groups), runs_wanted))
    return problems, groups


def googlecpp_view(doc):
    """What github-action-benchmark would store: name, value, unit, extra."""
    return [{"name": b["name"], "value": b["real_time"], "unit": b["time_unit"] + "/iter",
             "extra": "iterations: %s\ncpu: %s %s\nthreads: %s" %
                      (b["iterations"], b["cpu_time"], b["time_unit"], b["threads"])}
            for b in doc["benchmarks"]]


def check_file(path, runs_wanted, aggregates_wanted):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, parse_constant=strict_constant)
    except (OSError, ValueError) as e:
        print("%s: %s" % (path, e))
        return False
    problems, groups = check_doc(doc, runs_wanted, aggregates_wanted)
    for p in problems:
        print("%s: %s" % (path, p))
    if problems:
        return False
    view = googlecpp_view(doc)
    aggregates = sum(1 for b in doc["benchmarks"] if b["run_type"] == "aggregate")
    failed = sum(1 for b in doc["benchmarks"] if b.get("error_occurred"))
    print("OK %s: %d entries (%d aggregates, %d failed), %d run_names, googlecpp reads %d "
          "values" % (path, len(doc["benchmarks"]), aggregates, failed, len(groups), len(view)))
    for run_name, entries in groups.items():
        reps = sum(1 for e in entries if e["run_type"] == "iteration")
        print("  %s: %d repetition(s)%s" % (run_name, reps,
                                             "" if reps >= 9 else
                                             " (compare.py's U test wants 9 or more)"))
    return True


def main(argv):
    runs_wanted, aggregates_wanted, files = None, None, []
    for arg in argv[1:]:
        if arg.startswith("--runs="):
            runs_wanted = int(arg.split("=", 1)[1])
        elif arg in ("--aggregates=yes", "--aggregates=no"):
            aggregates_wanted = arg.split("=", 1)[1]
        elif arg.startswith("--"):
            print(__doc__.split("\n\n")[1], file=sys.stderr)
            return 2
        else:
            files.append(arg)
    if not files:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    results = [check_file(f, runs_wanted, aggregates_wanted) for f in files]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
