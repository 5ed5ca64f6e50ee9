#!/usr/bin/env python3
"""convert_to_html.py - benchgate result files as one shareable, self-contained HTML report.

usage: bench/convert_to_html.py RESULT.json|RUN_DIR... -o FILE [--title=TEXT]

Each result (schema benchgate.result/1) becomes a section: its run and system, the counts of
statuses and verdicts, and per benchmark family an inline SVG bar chart of the medians with
their 95% confidence intervals and a table of figures, statuses and verdicts (from a
verdict.json beside the result, or the run's parts/*/verdict.json). Several results make
several sections of one page (e.g. two machines, or before and after).

The page has inline CSS and SVG only: no script, no external asset; every text from the
results is HTML-escaped. `benchgate report --html` makes the same page from C; this script is
for where benchgate is not built (results copied off a CI runner, a reviewer's laptop), with
the Python 3 standard library only. Both are tested against one set of cases
(tests/integration/test_report_html.sh runs each check with `benchgate report` and with this
script). The file is written to a temporary name and renamed.
Exit codes: 0 written, 2 bad usage or a bad result file (the message names it).
"""
import argparse
import glob
import html
import json
import math
import os
import sys
import tempfile

BUILTIN = ("time_ns", "cpu_time_ns", "instructions", "bytes_per_second", "flops_per_second",
           "items_per_second", "pct_of_peak_bandwidth", "pct_of_peak_flops", "peak_rss_mb",
           "peak_vram_mb")
RATES = ("bytes_per_second", "items_per_second", "flops_per_second", "peak_rss_mb",
         "peak_vram_mb")
CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;margin:0;
background:#f5f7fa}main{max-width:1180px;margin:0 auto;padding:24px}h1{font-size:24px;margin:0 0 4px}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #d9dde3;padding-bottom:4px}
h3{font-size:16px;margin:18px 0 6px}.sub{color:#52606d;margin:0 0 16px}
code{font:12px monospace;background:#eef1f5;padding:1px 4px;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 14px;
box-shadow:0 1px 2px rgba(0,0,0,.08)}th,td{padding:5px 8px;border-bottom:1px solid #e4e7eb;
text-align:left;vertical-align:top}th{background:#eef1f5;font-weight:600}
td:first-child code{white-space:nowrap;word-break:normal}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.kv th{width:190px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 4px}.card{background:#fff;
border-radius:6px;padding:10px 16px;min-width:110px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card b{display:block;font-size:22px}.badge{display:inline-block;padding:1px 7px;
border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:#7b8794;margin:1px 2px 1px 0}
.b-ok,.b-pass,.b-complete{background:#3f9b4f}.b-error,.b-regression,.b-incomplete{background:#d64545}
.b-improvement{background:#2f7fbf}.b-inconclusive{background:#c98a0b}.msg{color:#52606d;font-size:12px}
.chart{background:#fff;border-radius:6px;padding:8px;max-width:100%;height:auto;
box-shadow:0 1px 2px rgba(0,0,0,.08)}footer{color:#7b8794;font-size:12px;margin-top:30px}
"""


class BadInput(Exception):
    """A result that cannot be read; the message names the file."""


def esc(text):
    """HTML-escaped text; control characters other than newline and tab become spaces."""
    text = "" if text is None else str(text)
    text = "".join(c if c >= " " or c in "\n\t" else " " for c in text)
    return html.escape(text, quote=True)


def reject_constant(name):
    raise ValueError("non-standard number " + name)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, parse_constant=reject_constant)
    except OSError as e:
        raise BadInput("%s: cannot read: %s" % (path, e.strerror)) from None
    except ValueError as e:
        raise BadInput("%s: not valid strict JSON: %s" % (path, e)) from None


def load_result(arg):
    path = os.path.join(arg, "result.json") if os.path.isdir(arg) else arg
    doc = load_json(path)
    if not isinstance(doc, dict) or doc.get("schema") != "benchgate.result/1":
        raise BadInput("%s: not a benchgate.result/1 document (\"schema\" differs)" % path)
    if not isinstance(doc.get("benchmarks"), list):
        raise BadInput("%s: \"benchmarks\" missing or not an array" % path)
    for i, b in enumerate(doc["benchmarks"]):
        if not isinstance(b, dict) or not isinstance(b.get("metrics"), dict) \
                or not isinstance(b.get("name"), str):
            raise BadInput("%s: benchmarks[%d]: not a benchmark (name, metrics)" % (path, i))
    return path, doc


def load_verdicts(result_path):
    folder = os.path.dirname(os.path.abspath(result_path))
    files = [os.path.join(folder, "verdict.json")]
    if not os.path.exists(files[0]):
        files = sorted(glob.glob(os.path.join(folder, "parts", "*", "verdict.json")))
    rows = []
    for f in files:
        if not os.path.exists(f):
            continue
        doc = load_json(f)
        if not isinstance(doc, dict) or not isinstance(doc.get("rows"), list):
            raise BadInput("%s: not a verdict file (no \"rows\" array)" % f)
        rows += [r for r in doc["rows"] if isinstance(r, dict)
                 and isinstance(r.get("benchmark"), str) and isinstance(r.get("verdict"), str)]
    return rows


def finite(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def human(v, unit):
    """v for people, 4 significant digits: 151.4 ns, 5.77 us, 136.2 GB/s."""
    if not finite(v):
        return "-"
    if unit == "ns":
        for u in ("ns", "us", "ms"):
            if abs(v) < 1000:
                return "%.4g %s" % (v, u)
            v /= 1000
        return "%.4g s" % v
    if unit in ("B/s", "items/s", "FLOP/s", "count"):
        prefix = ""
        for p in ("k", "M", "G", "T", "P"):
            if abs(v) < 1000:
                break
            v /= 1000
            prefix = p
        shown = "" if unit == "count" else unit
        return ("%.4g %s%s" % (v, prefix, shown)).strip()
    return "%.4g%s%s" % (v, "" if unit in ("", "%") else " ", unit)


def primary(b):
    m = b.get("metrics", {})
    measure = b.get("measure")
    if measure == "instructions":
        return "instructions"
    if measure == "cpu" and "cpu_time_ns" in m:
        return "cpu_time_ns"
    if measure == "time":
        return "time_ns"
    if isinstance(m.get("instructions"), dict) and m["instructions"].get("status") == "ok":
        return "instructions"
    return "time_ns"


def figure(metric):
    """The median or value of an ok metric, else None."""
    if not isinstance(metric, dict) or metric.get("status") != "ok":
        return None
    for key in ("median", "value"):
        if finite(metric.get(key)):
            return metric[key]
    return None


def ci_of(metric):
    ci = metric.get("ci95") if isinstance(metric, dict) else None
    if isinstance(ci, list) and len(ci) == 2 and finite(ci[0]) and finite(ci[1]):
        return ci[0], ci[1]
    return None, None


def badge(text):
    cls = "".join(c for c in str(text).split(" ")[0] if "a" <= c <= "z")
    return '<span class="badge b-%s">%s</span>' % (cls, esc(text))


def short_name(b):
    name, fam = b.get("name", ""), b.get("family", "")
    return name[len(fam) + 1:] if fam and name.startswith(fam + "/") else name


# ---- the SVG chart ----------------------------------------------------------------------

def nice_step(top):
    raw = top / 5
    mag = 10 ** math.floor(math.log10(raw))
    f = raw / mag
    return (1 if f <= 1 else 2 if f <= 2 else 5 if f <= 5 else 10) * mag


def svg_chart(title, unit, bars):
    """bars: (label, value, lo, hi, verdict). Log scale when the values span > 50x."""
    width, row, top, right = 880.0, 26.0, 30.0, 120.0
    left = 16 + 7.3 * min(46, max(4, max(len(b[0]) for b in bars)))
    lows = [b[2] if finite(b[2]) and b[2] > 0 else b[1] for b in bars]
    highs = [max(b[1], b[3]) if finite(b[3]) else b[1] for b in bars]
    lo_pos, hi_max = min(v for v in lows if v > 0), max(highs)
    log = hi_max / lo_pos > 50
    if log:
        lo, hi = math.floor(math.log10(lo_pos)), math.ceil(math.log10(hi_max))
        hi += hi == lo
    else:
        step = nice_step(hi_max)
        lo, hi = 0.0, math.ceil(hi_max * 1.02 / step) * step

    def x(v):
        t = ((math.log10(v) if v > 0 else lo) - lo) / (hi - lo) if log else (v - lo) / (hi - lo)
        return left + min(1.0, max(0.0, t)) * (width - right - left)

    bottom = top + row * len(bars)
    height = bottom + 34
    out = ['<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="%.0f" height="%.0f" '
           'viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" font-family="sans-serif">'
           % (width, height, width, height, esc(title)),
           '<text x="0" y="16" font-size="13" font-weight="bold" fill="#1f2933">%s%s</text>'
           % (esc(title), " (log scale)" if log else "")]
    ticks = [10 ** e for e in range(int(lo), int(hi) + 1)] if log else \
        [i * nice_step(hi) for i in range(int(round(hi / nice_step(hi))) + 1)]
    for t in ticks:
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#d9dde3"/>'
                   '<text x="%.1f" y="%.1f" font-size="11" fill="#555" text-anchor="middle">%s'
                   '</text>' % (x(t), top - 4, x(t), bottom, x(t), bottom + 15,
                                esc(human(t, unit))))
    colours = {"regression": "#d64545", "improvement": "#3f9b4f"}
    for i, (label, v, lo_ci, hi_ci, verdict) in enumerate(bars):
        cy = top + row * (i + 0.5)
        end = max(x(v), x(hi_ci) if finite(hi_ci) else 0)
        tip = "%s: median %s" % (label, human(v, unit))
        if finite(lo_ci) and finite(hi_ci):
            tip += ", 95%% CI %s to %s" % (human(lo_ci, unit), human(hi_ci, unit))
        shown = label if len(label) <= 46 else label[:43] + "..."
        out.append('<g><title>%s</title><text x="%.1f" y="%.1f" font-size="12" '
                   'font-family="monospace" fill="#1f2933" text-anchor="end">%s</text>'
                   % (esc(tip), left - 8, cy + 4, esc(shown)))
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="16" rx="2" fill="%s"/>'
                   % (left, cy - 8, max(1.0, x(v) - left), colours.get(verdict, "#4e79a7")))
        if finite(lo_ci) and finite(hi_ci):
            a, z = x(lo_ci), x(hi_ci)
            out.append('<path d="M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f" '
                       'stroke="#1f2933" stroke-width="1.5" fill="none"/>'
                       % (a, cy, z, a, cy - 6, cy + 6, z, cy - 6, cy + 6))
        out.append('<text x="%.1f" y="%.1f" font-size="12" fill="#1f2933">%s</text></g>'
                   % (end + 6, cy + 4, esc(human(v, unit))))
    out.append("</svg>")
    return "\n".join(out)


# ---- the page ---------------------------------------------------------------------------

def kv_table(rows):
    out = ['<table class="kv">']
    for key, value, code in rows:
        if value in (None, ""):
            continue
        inner = "<code>%s</code>" % esc(value) if code else esc(value)
        out.append("<tr><th>%s</th><td>%s</td></tr>" % (esc(key), inner))
    out.append("</table>")
    return "\n".join(out)


def system_rows(sysinfo):
    keys = [("hostname", "host"), ("os", "operating system"), ("kernel", "kernel"),
            ("arch", "architecture"), ("cpu_model", "CPU"), ("machine_class", "machine class"),
            ("compiler", "compiler"), ("build_type", "build type")]
    rows = [(label, sysinfo.get(k), False) for k, label in keys if isinstance(sysinfo.get(k), str)]
    if finite(sysinfo.get("cpu_count")):
        rows.append(("CPU cores", "%d" % sysinfo["cpu_count"], False))
    if finite(sysinfo.get("ram_total_gb")):
        rows.append(("memory", "%.1f GB" % sysinfo["ram_total_gb"], False))
    gpus = sysinfo.get("gpus") if isinstance(sysinfo.get("gpus"), list) else []
    for g in gpus:
        if isinstance(g, dict):
            rows.append(("GPU", "%s (compute %s, %s MB, driver %s)" % (
                g.get("name", ""), g.get("compute_capability", ""),
                g.get("memory_total_mb", ""), g.get("driver", "")), False))
    if not gpus:
        rows.append(("GPU", "none", False))
    env = sysinfo.get("env") if isinstance(sysinfo.get("env"), dict) else {}
    rows += [(k, v, True) for k, v in sorted(env.items()) if isinstance(v, str)]
    return rows


def run_rows(run):
    git = run.get("git") if isinstance(run.get("git"), dict) else {}
    rows = [("run id", run.get("run_id"), True), ("started (UTC)", run.get("timestamp"), False)]
    if finite(run.get("duration_s")):
        rows.append(("duration", "%.1f s" % run["duration_s"], False))
    rows += [("command line", run.get("command_line"), True),
             ("benchgate", run.get("benchgate_version"), False)]
    if isinstance(git.get("sha"), str):
        rows.append(("git", "%s (%s%s)" % (git["sha"], git.get("branch") or "",
                                          ", uncommitted changes" if git.get("dirty") else ""),
                     True))
    return rows


def overview(doc, rows):
    benches = doc["benchmarks"]
    cards = [("benchmarks", len(benches))]
    cards += [(s, sum(1 for b in benches if b.get("status") == s))
              for s in ("ok", "skipped", "error")]
    if rows:
        cards += [(v, sum(1 for r in rows if r["verdict"] == v))
                  for v in ("regression", "improvement", "inconclusive", "pass")]
    out = '<div class="cards">' + "".join(
        '<div class="card"><b>%d</b>%s</div>' % (n, esc(k)) for k, n in cards) + "</div>"
    if not rows:
        out += ('<p class="msg">No verdict.json beside this result: it was not compared with a '
                'baseline.</p>')
    return out


def verdict_cell(rows, name):
    out = []
    for r in rows:
        if r["benchmark"] != name:
            continue
        text = " " + str(r.get("metric", ""))
        if finite(r.get("change_pct")):
            text += " %+.2f%%" % r["change_pct"]
        elif finite(r.get("change_points")):
            text += " %+.3g pt" % r["change_points"]
        out.append(badge(r["verdict"]) + esc(text))
    return "<br>".join(out) or '<span class="msg">no baseline verdict</span>'


def metric_line(name, m):
    v = figure(m)
    if v is not None:
        unit = m.get("unit", "")
        return "%s = %s" % (esc(name), esc(human(v, "" if unit == "error" else unit)))
    return '%s %s<span class="msg">%s</span>' % (esc(name), badge(m.get("status", "?")),
                                                 esc(m.get("error_message") or ""))


def bench_row(b, rows):
    metrics = b.get("metrics", {})
    m = metrics.get(primary(b), {})
    v = figure(m)
    lo, hi = ci_of(m)
    unit = m.get("unit", "") if isinstance(m, dict) else ""
    cells = ["<td><code>%s</code></td>" % esc(short_name(b))]
    status = badge(b.get("status", "?"))
    if b.get("error_message"):
        status += '<br><span class="msg">%s</span>' % esc(b["error_message"])
    cells.append("<td>%s</td>" % status)
    cells.append('<td class="num">%s</td>' % esc(human(v, unit)))
    ci = "%s – %s" % (human(lo, unit), human(hi, unit)) if v is not None and lo is not None \
        else "-"
    cells.append('<td class="num">%s</td>' % esc(ci))
    cv, n = (m.get("cv"), m.get("n")) if isinstance(m, dict) else (None, None)
    cells.append('<td class="num">%s</td>' % ("%.2f%%" % (cv * 100) if v is not None and
                                               finite(cv) else "-"))
    cells.append('<td class="num">%s</td>' % ("%d" % n if v is not None and finite(n) else "-"))
    rates = [metric_line(k, metrics[k]) for k in RATES
             if isinstance(metrics.get(k), dict) and metrics[k].get("status") == "ok"]
    others = [metric_line(k, mm) for k, mm in metrics.items()
              if k not in BUILTIN and isinstance(mm, dict)]
    cells.append("<td>%s</td>" % "<br>".join(rates))
    cells.append("<td>%s</td>" % "<br>".join(others))
    cells.append("<td>%s</td>" % verdict_cell(rows, b.get("name")))
    return "<tr>%s</tr>" % "".join(cells)


def family_section(doc, family, rows):
    benches = [b for b in doc["benchmarks"] if b.get("family", "") == family]
    bars, metric, unit = [], None, ""
    for b in benches:
        name = primary(b)
        m = b.get("metrics", {}).get(name)
        v = figure(m)
        if v is None or v <= 0 or (metric and name != metric):
            continue
        metric, unit = name, m.get("unit", "")
        verdict = next((r["verdict"] for r in rows if r["benchmark"] == b.get("name")
                        and r.get("metric") == name), "")
        bars.append((short_name(b), v) + ci_of(m) + (verdict,))
    out = ["<section><h3>%s</h3>" % esc(family or "(no family)")]
    if bars:
        out.append(svg_chart("%s: median %s with 95%% CI" % (family, metric), unit, bars))
    else:
        out.append('<p class="msg">No measured benchmark to chart.</p>')
    out.append("<table><tr><th>benchmark</th><th>status</th><th>median</th>"
               "<th>95% CI of the median</th><th>CV</th><th>samples</th>"
               "<th>throughput, memory</th><th>other metrics</th><th>verdict</th></tr>")
    out += [bench_row(b, rows) for b in benches]
    out.append("</table></section>")
    return "\n".join(out)


def run_section(path, doc, several):
    run = doc.get("run") if isinstance(doc.get("run"), dict) else {}
    sysinfo = doc.get("system") if isinstance(doc.get("system"), dict) else {}
    rows = load_verdicts(path)
    complete = "complete" if doc.get("complete") is True else "incomplete"
    out = ['<h2>Run <code>%s</code> %s</h2>' % (esc(run.get("run_id", "")), badge(complete))
           if several else "",
           '<p class="sub">%s &middot; %s &middot; %s &middot; <code>%s</code></p>'
           % (esc(run.get("timestamp", "")), esc(sysinfo.get("hostname", "")),
              esc(sysinfo.get("machine_class", "")), esc(path)),
           overview(doc, rows)]
    families = []
    for b in doc["benchmarks"]:
        if b.get("family", "") not in families:
            families.append(b.get("family", ""))
    out += [family_section(doc, f, rows) for f in families]
    if not families:
        out.append("<p>This run holds no benchmark.</p>")
    out += ["<h3>Run</h3>", kv_table(run_rows(run)), "<h3>System</h3>",
            kv_table(system_rows(sysinfo))]
    return "\n".join(out)


def page(results, title):
    several = len(results) > 1
    body = [run_section(p, d, several) for p, d in results]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>%s</title>" % esc(title), "<style>%s</style>" % CSS, "</head>", "<body>",
        "<main>", "<h1>%s</h1>" % esc(title)] + body + [
        "<footer>Made by bench/convert_to_html.py from %d result file(s). Bars: medians; "
        "whiskers: 95%% bootstrap confidence intervals of the median.</footer>" % len(results),
        "</main>", "</body>", "</html>", ""])


def write_atomic(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".convert_to_html.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", metavar="RESULT.json|RUN_DIR")
    ap.add_argument("-o", "--output", required=True, metavar="FILE")
    ap.add_argument("--title", default="benchgate report")
    args = ap.parse_args(argv)
    try:
        results = [load_result(r) for r in args.results]
        text = page(results, args.title)
        write_atomic(args.output, text)
    except BadInput as e:
        print("convert_to_html.py: error: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("convert_to_html.py: error: %s: %s" % (args.output, e.strerror), file=sys.stderr)
        return 2
    print("convert_to_html.py: wrote %s (%d result(s))" % (args.output, len(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
