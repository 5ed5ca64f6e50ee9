#!/usr/bin/env python3
"""bench_graph.py - charts (PNG or SVG) from benchgate results, with matplotlib.

usage:
  scripts/bench_graph.py RESULT.csv|RUN_DIR [--out FILE] [--format png|svg] [--metric NAME]
  scripts/bench_graph.py --history RUN_DIR|RESULT.json... [--out FILE] [options]
  scripts/bench_graph.py --db results/history.sqlite [--last N] [--out FILE] [options]

Bars: one horizontal bar per benchmark of a result.csv (or RUN_DIR/result.csv): the median
of --metric (default: the run's own speed metric, time_ns, cpu_time_ns or instructions as the
run's --measure was; see below) with its 95% confidence interval as an error bar; columns read:
benchmark, metric, median, ci95_lo, ci95_hi (and status, unit, value when present).

History: one line per benchmark over the runs, the median of --metric in each with its 95% CI
as a band; from several run directories' result.json (--history), or from the run history
database that `benchgate start` records (--db, tables runs, benchmarks, metrics).

--metric NAME: any metric of the results (time_ns, instructions, bytes_per_second, ...).
Without it, the speed metric of the run's --measure: time_ns (time), cpu_time_ns (cpu) or
instructions (instructions), read from each benchmark's "measure" in result.json (beside a
result.csv), or from the history database's benchmarks.measure; a result.csv alone uses
time_ns, else instructions where only those rows were measured. Runs measured in several
ways need --metric.

Options: --filter REGEX keeps matching benchmarks; --title; --last N (history: the N newest
runs); --max-series N (default 12). The format comes from --format, else from the extension
of --out (default bench_graph.png). Time in ns is shown in ns, us, ms or s; a log scale is used
when the values span more than 50x. The file is written to a temporary name and renamed.

Needs python3-matplotlib (Agg backend, no display). Exit codes: 0 written, 2 bad usage or
bad input (the message names the file, line and column), 3 matplotlib is missing.
"""
import argparse
import csv
import datetime
import json
import math
import os
import re
import sqlite3
import sys
import tempfile


class BadInput(Exception):
    """Bad input; the message names the file (and line)."""


# ---- reading ----------------------------------------------------------------------------

def number(text, where, column):
    if text is None or text == "":
        return None
    try:
        v = float(text)
    except ValueError:
        raise BadInput("%s: %s '%s' is not a number" % (where, column, text)) from None
    if not math.isfinite(v):
        raise BadInput("%s: %s '%s' is not a finite number" % (where, column, text))
    return v


def read_csv(path, metric, pattern):
    """[(benchmark, median, lo, hi)], unit - the ok rows of metric."""
    try:
        f = open(path, newline="", encoding="utf-8")
    except OSError as e:
        raise BadInput("%s: cannot read: %s" % (path, e.strerror)) from None
    with f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in ("benchmark", "metric", "median", "ci95_lo", "ci95_hi")
                   if c not in header]
        if missing:
            raise BadInput("%s: not a benchgate result.csv: missing column(s) %s (has: %s)"
                           % (path, ", ".join(missing), ", ".join(header) or "nothing"))
        rows, unit = [], ""
        try:
            for r in reader:
                where = "%s:%d" % (path, reader.line_num)
                if None in r or any(v is None for v in r.values()):
                    raise BadInput("%s: wrong number of fields" % where)
                if r["metric"] != metric or r.get("status", "ok") != "ok":
                    continue
                if pattern and not re.search(pattern, r["benchmark"]):
                    continue
                median = number(r["median"], where, "median")
                if median is None:
                    median = number(r.get("value"), where, "value")
                if median is None:
                    continue
                lo = number(r["ci95_lo"], where, "ci95_lo")
                hi = number(r["ci95_hi"], where, "ci95_hi")
                rows.append((r["benchmark"], median, lo, hi))
                unit = r.get("unit") or unit
        except csv.Error as e:
            raise BadInput("%s:%d: %s" % (path, reader.line_num, e)) from None
    if not rows:
        raise BadInput("%s: no ok rows for metric %s%s" % (
            path, metric, " matching --filter" if pattern else ""))
    return rows, unit or ("ns" if metric.endswith("_ns") else "")


def load_result(arg):
    path = os.path.join(arg, "result.json") if os.path.isdir(arg) else arg
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, parse_constant=lambda c: (_ for _ in ()).throw(
                ValueError("non-standard number " + c)))
    except OSError as e:
        raise BadInput("%s: cannot read: %s" % (path, e.strerror)) from None
    except ValueError as e:
        raise BadInput("%s: not valid strict JSON: %s" % (path, e)) from None
    if not isinstance(doc, dict) or doc.get("schema") != "benchgate.result/1" \
            or not isinstance(doc.get("benchmarks"), list):
        raise BadInput("%s: not a benchgate.result/1 document" % path)
    return path, doc


def parse_time(text):
    try:
        return datetime.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
    except (TypeError, ValueError):
        return None


def history_from_runs(args_list, metric, pattern):
    """{benchmark: [(time, run_id, median, lo, hi)]}, unit."""
    series, unit = {}, ""
    for arg in args_list:
        path, doc = load_result(arg)
        run = doc.get("run") if isinstance(doc.get("run"), dict) else {}
        when = parse_time(run.get("timestamp", ""))
        if when is None:
            raise BadInput("%s: run.timestamp is missing or not ISO 8601" % path)
        for b in doc["benchmarks"]:
            m = b.get("metrics", {}).get(metric) if isinstance(b, dict) else None
            if not isinstance(m, dict) or m.get("status") != "ok":
                continue
            if pattern and not re.search(pattern, b.get("name", "")):
                continue
            v = m.get("median", m.get("value"))
            if not isinstance(v, (int, float)):
                continue
            ci = m.get("ci95") if isinstance(m.get("ci95"), list) else [None, None]
            series.setdefault(b["name"], []).append((when, run.get("run_id", ""), v, ci[0], ci[1]))
            unit = m.get("unit", unit)
    return series, unit


def history_from_db(path, metric, pattern, last):
    if not os.path.isfile(path):
        raise BadInput("%s: no such history database" % path)
    try:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"runs", "benchmarks", "metrics"} <= tables:
            raise BadInput("%s: not a benchgate history database (tables runs, benchmarks, "
                           "metrics)" % path)
        runs = [r[0] for r in db.execute(
            "SELECT id FROM runs ORDER BY timestamp DESC, id DESC" +
            (" LIMIT %d" % last if last else ""))]
        rows = db.execute(
            "SELECT r.id, r.run_id, r.timestamp, b.name, m.median, m.value, m.ci95_lo, "
            "m.ci95_hi, m.unit FROM runs r JOIN benchmarks b ON b.run = r.id "
            "JOIN metrics m ON m.benchmark = b.id WHERE m.name = ? AND m.status = 'ok' "
            "ORDER BY r.timestamp, r.id", (metric,)).fetchall()
        db.close()
    except sqlite3.Error as e:
        raise BadInput("%s: not a benchgate history database (%s)" % (path, e)) from None
    keep, series, unit = set(runs), {}, ""
    for rid, run_id, ts, name, median, value, lo, hi, u in rows:
        v = median if median is not None else value
        when = parse_time(ts)
        if rid not in keep or v is None or when is None:
            continue
        if pattern and not re.search(pattern, name):
            continue
        series.setdefault(name, []).append((when, run_id, v, lo, hi))
        unit = u or unit
    return series, unit


SPEED_METRIC = {"time": "time_ns", "cpu": "cpu_time_ns", "instructions": "instructions"}


def speed_metric(measures, where):
    """The speed metric of the runs whose benchmarks were measured as `measures` (a set)."""
    measures = {m for m in measures if m in SPEED_METRIC} or {"time"}
    if len(measures) > 1:
        raise BadInput("%s: benchmarks measured as %s: choose one with --metric (%s)" % (
            where, " and ".join(sorted(measures)),
            ", ".join(SPEED_METRIC[m] for m in sorted(measures))))
    return SPEED_METRIC[measures.pop()]


def csv_speed_metric(path):
    """A result.csv's speed metric: from result.json beside it, else time_ns unless only
    instructions were measured."""
    beside = os.path.join(os.path.dirname(path) or ".", "result.json")
    if os.path.isfile(beside):
        _, doc = load_result(beside)
        return speed_metric({b.get("measure") for b in doc["benchmarks"] if isinstance(b, dict)},
                            beside)
    ok = set()
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r.get("status", "ok") == "ok":
                    ok.add(r.get("metric"))
    except (OSError, csv.Error, UnicodeDecodeError):
        return "time_ns"  # read_csv names the problem
    return "instructions" if "time_ns" not in ok and "instructions" in ok else "time_ns"


def runs_speed_metric(args_list):
    measures = set()
    for arg in args_list:
        path, doc = load_result(arg)
        measures |= {b.get("measure") for b in doc["benchmarks"] if isinstance(b, dict)}
    return speed_metric(measures, "the runs given")


def db_speed_metric(path, last):
    if not os.path.isfile(path):
        raise BadInput("%s: no such history database" % path)
    try:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        measures = {r[0] for r in db.execute(
            "SELECT DISTINCT b.measure FROM benchmarks b WHERE b.run IN (SELECT id FROM runs "
            "ORDER BY timestamp DESC, id DESC" + (" LIMIT %d)" % last if last else ")"))}
        db.close()
    except sqlite3.Error as e:
        raise BadInput("%s: not a benchgate history database (%s)" % (path, e)) from None
    return speed_metric(measures, path)


# ---- drawing ----------------------------------------------------------------------------

def time_scale(unit, values):
    """(divisor, shown unit) so that ns are shown in ns, us, ms or s."""
    if unit != "ns" or not values:
        return 1.0, unit
    top = max(abs(v) for v in values)
    for div, name in ((1e9, "s"), (1e6, "ms"), (1e3, "us")):
        if top >= div:
            return div, name
    return 1.0, "ns"


def wants_log(values):
    pos = [v for v in values if v and v > 0]
    return bool(pos) and max(pos) / min(pos) > 50


def draw_bars(plt, rows, unit, metric, title):
    div, shown = time_scale(unit, [r[1] for r in rows])
    names = [r[0] for r in rows]
    med = [r[1] / div for r in rows]
    lo = [max(0.0, (r[1] - r[2]) / div) if r[2] is not None else 0.0 for r in rows]
    hi = [max(0.0, (r[3] - r[1]) / div) if r[3] is not None else 0.0 for r in rows]
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.45 * len(rows)))
    y = list(range(len(rows)))
    ax.barh(y, med, xerr=[lo, hi], color="#4e79a7", ecolor="#1f2933", capsize=4)
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=8)
    ax.invert_yaxis()
    if wants_log(med):
        ax.set_xscale("log")
    ax.set_xlabel("median %s%s (error bars: 95%% CI)" % (metric, " [%s]" % shown if shown else ""))
    ax.set_title(title or "benchgate: median %s per benchmark" % metric)
    ax.grid(axis="x", color="#d9dde3")
    ax.set_axisbelow(True)
    fig.tight_layout()
    return fig


def draw_history(plt, series, unit, metric, title, max_series):
    names = sorted(series)
    if len(names) > max_series:
        print("bench_graph.py: warning: %d benchmarks; drawing the first %d (use --filter or "
              "--max-series)" % (len(names), max_series), file=sys.stderr)
        names = names[:max_series]
    div, shown = time_scale(unit, [p[2] for n in names for p in series[n]])
    fig, ax = plt.subplots(figsize=(11, 5.5))
    for name in names:
        pts = sorted(series[name], key=lambda p: p[0])
        xs = [p[0] for p in pts]
        ys = [p[2] / div for p in pts]
        line, = ax.plot(xs, ys, marker="o", markersize=4, label=name)
        if all(p[3] is not None and p[4] is not None for p in pts):
            ax.fill_between(xs, [p[3] / div for p in pts], [p[4] / div for p in pts],
                            color=line.get_color(), alpha=0.15, linewidth=0)
    if wants_log([p[2] for n in names for p in series[n]]):
        ax.set_yscale("log")
    ax.set_ylabel("median %s%s" % (metric, " [%s]" % shown if shown else ""))
    ax.set_xlabel("run start (UTC)")
    ax.set_title(title or "benchgate: %s over %d run(s) (band: 95%% CI)"
                 % (metric, len({p[1] for n in names for p in series[n]})))
    ax.grid(color="#d9dde3")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def save_atomic(fig, out, fmt):
    folder = os.path.dirname(os.path.abspath(out))
    fd, tmp = tempfile.mkstemp(prefix=".bench_graph.", suffix="." + fmt, dir=folder)
    os.close(fd)
    try:
        fig.savefig(tmp, format=fmt, dpi=110)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# ---- main -------------------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("inputs", nargs="*", metavar="INPUT")
    ap.add_argument("--history", action="store_true", help="a time series over run dirs")
    ap.add_argument("--db", metavar="FILE", help="a time series from the history database")
    ap.add_argument("--out", default="bench_graph.png", metavar="FILE")
    ap.add_argument("--format", choices=("png", "svg"))
    ap.add_argument("--metric", help="default: the run's speed metric (time_ns, cpu_time_ns "
                    "or instructions, as it was measured)")
    ap.add_argument("--filter", metavar="REGEX")
    ap.add_argument("--title")
    ap.add_argument("--last", type=int, default=0, metavar="N")
    ap.add_argument("--max-series", type=int, default=12, metavar="N")
    args = ap.parse_args(argv)
    if args.db and (args.inputs or args.history):
        ap.error("--db reads the database only: give no INPUT and no --history")
    if not args.db and not args.inputs:
        ap.error("give RESULT.csv, --history RUN_DIR..., or --db FILE")
    if not args.db and not args.history and len(args.inputs) != 1:
        ap.error("bars are drawn from one result.csv (use --history for several runs)")
    if args.last < 0 or args.max_series < 1:
        ap.error("--last must be >= 0 and --max-series >= 1")
    if args.filter:
        try:
            re.compile(args.filter)
        except re.error as e:
            ap.error("--filter: %s" % e)
    ext = os.path.splitext(args.out)[1].lower().lstrip(".")
    args.format = args.format or (ext if ext in ("png", "svg") else "png")
    return args


def build(args, plt):
    if args.metric is None:
        if args.db:
            args.metric = db_speed_metric(args.db, args.last)
        elif args.history:
            args.metric = runs_speed_metric(args.inputs)
        else:
            src = args.inputs[0]
            args.metric = csv_speed_metric(os.path.join(src, "result.csv") if os.path.isdir(src)
                                           else src)
    if args.db:
        series, unit = history_from_db(args.db, args.metric, args.filter, args.last)
    elif args.history:
        series, unit = history_from_runs(args.inputs, args.metric, args.filter)
    else:
        src = args.inputs[0]
        path = os.path.join(src, "result.csv") if os.path.isdir(src) else src
        rows, unit = read_csv(path, args.metric, args.filter)
        return draw_bars(plt, rows, unit, args.metric, args.title), len(rows)
    if not series:
        raise BadInput("no ok values of metric %s in the runs given%s" % (
            args.metric, " matching --filter" if args.filter else ""))
    return draw_history(plt, series, unit, args.metric, args.title, args.max_series), len(series)


def main(argv):
    args = parse_args(argv)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench_graph.py: error: needs matplotlib (Debian/Ubuntu: apt-get install "
              "python3-matplotlib; then run it with /usr/bin/python3)", file=sys.stderr)
        return 3
    try:
        fig, count = build(args, plt)
        save_atomic(fig, args.out, args.format)
    except BadInput as e:
        print("bench_graph.py: error: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("bench_graph.py: error: %s: %s" % (args.out, e.strerror), file=sys.stderr)
        return 2
    print("bench_graph.py: wrote %s (%s, %d series of %s)" % (args.out, args.format, count,
                                                              args.metric))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
