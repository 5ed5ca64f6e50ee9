#!/usr/bin/python3
"""gate_matrix.py BENCHGATE BENCH_EXE SEED - the gate fails closed: every result that is not a
clean measurement, through every verb that gates, gives the exit code of the rule, never 0.

It runs BENCH_EXE (bench_triad) once in instruction mode for a real good result, stores it as a
baseline with `benchgate baseline`, and writes variants of that result, each also 10x slower
where it has a median: broken files (truncated, NaN, 1e400, a BOM, duplicate keys, invalid
UTF-8), schema-invalid fields, failed, skipped and unmeasured metrics and benchmarks, empty,
renamed and gone benchmarks. The seed picks where a file is cut and the order they run in.
Each variant goes through
  compare   benchgate compare BASELINE VARIANT
  baseline  benchgate baseline --run=VARIANT_DIR --dir=STORE --force: refused (2), and the
            stored baseline byte-identical
  gate      BENCH_EXE --baseline=VARIANT (the variant as the baseline)
and each build tree with a bad gate.json (missing, a FIFO, a folder, unreadable, an unknown
outcome beside exit_code 0, stale, ...) through `benchgate verdicts`: an error row and exit 3.

The rule (docs/gates.md): 0 only when every gated metric of every benchmark of the baseline was
compared and none is worse; failed 3; regression 1; not compared (unmeasured, skipped, missing,
non-positive, new, gone, nothing to compare) 77; an invalid file 2. Prints one table of
variant x verb -> exit code (expected in brackets where it differs) and exits 1 on any
difference.
"""
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

FILTER = "--filter=^triad/cpu/n=1024$"
BENCH = "triad/cpu/n=1024"
SPEED = "instructions"
INVALID, FAILED, REGRESSED, NOT_COMPARED, PASS = 2, 3, 1, 77, 0
VERBS = ("compare", "baseline", "gate")


def slower(doc):
    """Every median (and its statistics) of every metric 10x larger: 10x slower."""
    for b in doc.get("benchmarks", []):
        for m in b.get("metrics", {}).values():
            if isinstance(m, dict) and isinstance(m.get("median"), (int, float)):
                for k in ("median", "mean", "min", "max", "p50", "p95", "p99", "stddev"):
                    if isinstance(m.get(k), (int, float)):
                        m[k] *= 10
                for k in ("ci95", "repetition_medians", "run_medians"):
                    if isinstance(m.get(k), list):
                        m[k] = [v * 10 for v in m[k]]
    return doc


def dump(doc):
    return json.dumps(doc, indent=1).encode()


def bench(doc):
    return doc["benchmarks"][0]


def speed(doc):
    return bench(doc)["metrics"][SPEED]


# ---- the variants: name -> (bytes of the file, {verb: expected exit}) ----------------------
# Every variant is refused by `baseline` (2). "gate" reads the variant as the baseline: a
# current-only flaw (a failed benchmark) is a baseline not measured there (77).


def variants(good, rng):
    out = {}

    def add(name, data, compare, gate, baseline=INVALID):
        out[name] = (data, {"compare": compare, "baseline": baseline, "gate": gate})

    def edit(name, fn, compare, gate, slow=True, baseline=INVALID):
        doc = copy.deepcopy(good)
        if slow:
            slower(doc)
        fn(doc)
        add(name, dump(doc), compare, gate, baseline)

    text = dump(slower(copy.deepcopy(good)))
    cut = rng.randint(len(text) // 4, len(text) - 2)
    add("truncated", text[:cut], INVALID, INVALID)
    add("truncated_at_1", text[:1], INVALID, INVALID)
    add("empty_file", b"", INVALID, INVALID)
    add("bom", b"\xef\xbb\xbf" + text, INVALID, INVALID)
    add("trailing_garbage", text + b"\n}", INVALID, INVALID)
    add("nul_byte", text[:cut] + b"\x00" + text[cut:], INVALID, INVALID)
    add("invalid_utf8", text.replace(BENCH.encode(), b"triad/cpu/n=1024\xff", 1), INVALID,
        INVALID)
    med = json.dumps(speed(slower(copy.deepcopy(good)))["median"]).encode()
    key = b'"median": ' + med
    for name, lit in (("nan_text", b"NaN"), ("infinity_text", b"Infinity"),
                      ("plus_1e400", b"1e400"), ("minus_1e400", b"-1e400")):
        assert key in text
        add(name, text.replace(key, b'"median": ' + lit, 1), INVALID, INVALID)
    dup = text.replace(b'"status": "ok"', b'"status": "error", "status": "ok"', 1)
    add("duplicate_key", dup, INVALID, INVALID)
    dup_name = text.replace(b'"name": "' + BENCH.encode() + b'"',
                            b'"name": "' + BENCH.encode() + b'", "name": "triad/cpu/n=7"', 1)
    add("duplicate_name_key", dup_name, INVALID, INVALID)
    add("top_level_array", b"[" + text + b"]", INVALID, INVALID)

    def set_speed(**kv):
        return lambda d: speed(d).update(kv)

    # figures that are no measurement: an ok count or time is above zero, or the file is invalid
    edit("median_zero", set_speed(median=0, p50=0, min=0), INVALID, INVALID)
    edit("median_minus_zero", set_speed(median=-0.0), INVALID, INVALID)
    edit("median_negative", set_speed(median=-5, p50=-5, min=-5), INVALID, INVALID)
    edit("median_null", set_speed(median=None), INVALID, INVALID)
    edit("median_string", set_speed(median=str(speed(good)["median"] * 10)), INVALID, INVALID)
    edit("n_zero", set_speed(n=0), INVALID, INVALID)
    edit("speed_missing", lambda d: bench(d)["metrics"].pop(SPEED), NOT_COMPARED, NOT_COMPARED)
    edit("metrics_empty", lambda d: bench(d).update(metrics={}), INVALID, INVALID)
    edit("metric_status_error",
         set_speed(status="error", error_message="counter overflowed"), FAILED, NOT_COMPARED)
    edit("metric_status_skipped",
         set_speed(status="skipped", error_message="not measured"), NOT_COMPARED, NOT_COMPARED)
    edit("metric_status_OK", set_speed(status="OK"), INVALID, INVALID)
    edit("metric_no_unit", lambda d: speed(d).pop("unit"), INVALID, INVALID)
    edit("bench_status_error",
         lambda d: bench(d).update(status="error", error_message="wrong result"), FAILED,
         NOT_COMPARED)
    edit("bench_status_error_no_message", lambda d: bench(d).update(status="error"), INVALID,
         INVALID)
    edit("bench_status_skipped",
         lambda d: bench(d).update(status="skipped", error_message="no GPU"), NOT_COMPARED,
         NOT_COMPARED)
    edit("bench_status_OK", lambda d: bench(d).update(status="OK"), INVALID, INVALID)
    edit("bench_ok_with_message", lambda d: bench(d).update(error_message="but it failed"),
         INVALID, INVALID)
    edit("benchmarks_empty", lambda d: d.update(benchmarks=[]), NOT_COMPARED, NOT_COMPARED)
    edit("benchmarks_null", lambda d: d.update(benchmarks=None), INVALID, INVALID)
    edit("bench_not_object", lambda d: d.update(benchmarks=[BENCH]), INVALID, INVALID)
    edit("name_empty", lambda d: bench(d).update(name=""), INVALID, INVALID)
    edit("name_control", lambda d: bench(d).update(name="triad/cpu/n=1024\x1b[2K\r"), INVALID,
         INVALID)
    edit("name_lone_surrogate", lambda d: bench(d).update(name="triad/cpu/n=\ud800"), INVALID,
         INVALID)
    edit("renamed", lambda d: bench(d).update(name="triad/cpu/n=1025"), NOT_COMPARED,
         NOT_COMPARED)
    edit("renamed_case", lambda d: bench(d).update(name="Triad/cpu/n=1024"), NOT_COMPARED,
         NOT_COMPARED)
    edit("duplicate_bench", lambda d: d["benchmarks"].append(copy.deepcopy(bench(d))), INVALID,
         INVALID)
    edit("params_n_negative", lambda d: bench(d)["params"].update(n=-3), INVALID, INVALID)
    edit("device_tpu", lambda d: bench(d).update(device="tpu"), INVALID, INVALID)
    edit("family_missing", lambda d: bench(d).pop("family"), INVALID, INVALID)
    edit("machine_class_missing", lambda d: d["system"].pop("machine_class"), INVALID, INVALID)
    edit("machine_class_bad", lambda d: d["system"].update(machine_class="Other Class/.."),
         INVALID, INVALID)
    edit("schema_wrong", lambda d: d.update(schema="benchgate.result/2"), INVALID, INVALID)
    edit("schema_missing", lambda d: d.pop("schema"), INVALID, INVALID)
    # a partial run, whatever it holds, is not measured whole: never a pass (10x slower: 1)
    edit("complete_false", lambda d: d.update(complete=False), REGRESSED, NOT_COMPARED)
    edit("complete_false_same_speed", lambda d: d.update(complete=False), NOT_COMPARED,
         NOT_COMPARED, slow=False)
    # a gated metric on one side only: not compared (as the current, beside the 10x: 1)
    accuracy = {"status": "ok", "unit": "ratio", "better": "higher", "value": 0.97}
    custom = {"status": "ok", "unit": "B", "better": "lower", "value": 100}
    # a metric more than the stored baseline: still a measurement, which --force may store (it
    # is 10x slower); as the baseline of a run without that metric, not compared
    edit("accuracy_one_side", lambda d: bench(d)["metrics"].update(accuracy=accuracy),
         REGRESSED, NOT_COMPARED, baseline=PASS)
    edit("custom_metric_one_side", lambda d: bench(d)["metrics"].update(bytes_moved=custom),
         REGRESSED, NOT_COMPARED, baseline=PASS)
    edit("bench_status_skipped_same_speed",
         lambda d: bench(d).update(status="skipped", error_message="no GPU"), NOT_COMPARED,
         NOT_COMPARED, slow=False)
    edit("complete_string", lambda d: d.update(complete="true"), INVALID, INVALID)
    edit("cpu_count_string", lambda d: d["system"].update(cpu_count="2"), INVALID, INVALID)
    edit("reused_string", lambda d: bench(d).update(reused="no"), INVALID, INVALID)
    edit("measure_time", lambda d: bench(d).update(measure="time"), INVALID, INVALID)
    edit("measure_bogus", lambda d: bench(d).update(measure="cycles"), INVALID, INVALID)
    edit("run_missing", lambda d: d.pop("run"), INVALID, INVALID)
    return out


# ---- running --------------------------------------------------------------------------------


def run(cmd, cwd=None, as_nobody=False):
    pre = None
    if as_nobody:
        def pre():
            os.setgid(65534)
            os.setuid(65534)
    env = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1")
    for k in ("BENCH_OUTPUT_DIR", "BENCH_CONFIG", "BENCH_BASELINE", "CI", "GITHUB_ACTIONS"):
        env.pop(k, None)
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, preexec_fn=pre, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def tree_bytes(top):
    """Every file under top with its bytes: a refused capture changes none of them."""
    got = {}
    for d, _, files in os.walk(top):
        for f in files:
            got[os.path.relpath(os.path.join(d, f), top)] = read(os.path.join(d, f))
    return got


SAID = {NOT_COMPARED: ("not compared", "gone", "new", "not gated", "skipped"),
        FAILED: ("error",)}


def check_said(code, output):
    """A non-zero outcome says what it is, in words."""
    words = SAID.get(code)
    return words is None or any(w in output for w in words)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    benchgate, exe, seed = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
    rng = random.Random(int(seed))
    work = tempfile.mkdtemp(prefix="bg-matrix.")
    os.chmod(work, 0o755)
    try:
        return matrix(benchgate, exe, rng, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_cmd(exe, out, baseline):
    return [exe, FILTER, "--measure=" + SPEED, "--no-ui", "--format=json,csv",
            "--baseline=" + baseline, "--output-dir=" + out]


def matrix(benchgate, exe, rng, work):
    problems = []
    good_dir = os.path.join(work, "good")
    code, text = run(bench_cmd(exe, good_dir, "off"), cwd=work)
    if code != 0:
        print(text)
        print("FAIL: the good run exited %d" % code)
        return 1
    good_path = os.path.join(good_dir, "result.json")
    good = json.loads(read(good_path))
    if speed(good).get("status") != "ok":
        print("SKIP: %s not measured here (%s)" % (SPEED, speed(good).get("error_message")))
        return 77
    store = os.path.join(work, "store")
    code, text = run([benchgate, "baseline", "--run=" + good_dir, "--dir=" + store], cwd=work)
    stored = tree_bytes(store)
    if code != 0 or len(stored) != 1:
        print(text)
        print("FAIL: capturing the good baseline exited %d (%d files)" % (code, len(stored)))
        return 1
    # controls: the good result passes every verb that can pass (else the matrix proves nothing)
    controls = {"compare": run([benchgate, "compare", good_path, good_path], cwd=work)[0],
                "gate": run(bench_cmd(exe, os.path.join(work, "gate-good"), good_path),
                            cwd=work)[0]}
    for verb, code in controls.items():
        if code != 0:
            problems.append("control: %s of the good result exited %d, not 0" % (verb, code))

    table = []
    all_variants = variants(good, rng)
    names = sorted(all_variants)
    rng.shuffle(names)
    for name in names:
        data, want = all_variants[name]
        vdir = os.path.join(work, "v", name)
        os.makedirs(vdir)
        vpath = os.path.join(vdir, "result.json")
        with open(vpath, "wb") as f:
            f.write(data)
        got = {}
        got["compare"], out_c = run([benchgate, "compare", good_path, vpath], cwd=work)
        got["baseline"], out_b = run([benchgate, "baseline", "--run=" + vdir, "--dir=" + store,
                                      "--force"], cwd=work)
        got["gate"], out_g = run(bench_cmd(exe, os.path.join(work, "g", name), vpath), cwd=work)
        outputs = {"compare": out_c, "baseline": out_b, "gate": out_g}
        if tree_bytes(store) != stored:
            if want["baseline"] != PASS:
                problems.append("%s: baseline: the stored baseline changed" % name)
            shutil.rmtree(store)
            for rel, content in stored.items():
                os.makedirs(os.path.dirname(os.path.join(store, rel)), exist_ok=True)
                with open(os.path.join(store, rel), "wb") as f:
                    f.write(content)
        for verb in VERBS:
            if got[verb] != want[verb]:
                last = outputs[verb].strip().splitlines()[-1:] or [""]
                problems.append("%s: %s exited %d, expected %d: %s" %
                                (name, verb, got[verb], want[verb], last[0][:200]))
            elif not check_said(got[verb], outputs[verb]):
                problems.append("%s: %s exited %d without saying why" % (name, verb, got[verb]))
        table.append((name, got, want))
    table += verdicts_matrix(benchgate, exe, work, store, problems)
    print_table(table)
    print("%d variants x %d verbs, %d build trees x verdicts, controls %s" %
          (len(all_variants), len(VERBS), sum(1 for t in table if "verdicts" in t[1]),
           ", ".join("%s=%d" % kv for kv in sorted(controls.items()))))
    if problems:
        print("\n%d problem(s):" % len(problems))
        for p in problems:
            print("  " + p)
        return 1
    print("PASS")
    return 0


def print_table(table):
    cols = ("compare", "baseline", "gate", "verdicts")
    print("%-38s %s" % ("variant", "".join("%-11s" % c for c in cols)))
    for name, got, want in table:
        cells = []
        for c in cols:
            if c not in got:
                cells.append("%-11s" % "-")
            elif got[c] == want[c]:
                cells.append("%-11d" % got[c])
            else:
                cells.append("%-11s" % ("%d [%d]" % (got[c], want[c])))
        print("%-38s %s" % (name, "".join(cells).rstrip()))


# ---- verdicts: a build tree whose gate.json is not a verdict ------------------------------


def verdicts_matrix(benchgate, exe, work, store, problems):
    rows = []
    root = os.path.join(work, "trees")
    bench_name = os.path.basename(exe)[len("bench_"):]

    def tree(name):
        build = os.path.join(root, name)
        res = os.path.join(build, "bench-results", bench_name)
        os.makedirs(os.path.join(build, "benchgate", "manifest.d"))
        with open(os.path.join(build, "benchgate", "manifest.d", bench_name + ".tsv"), "w") as f:
            f.write("%s\t%s\tbench\t\n" % (bench_name, exe))
        code, text = run(bench_cmd(exe, res, store), cwd=work)
        if code != 0:
            problems.append("verdicts %s: the bench's gate against the stored baseline exited "
                            "%d, not 0: %s" % (name, code, text.strip()[-200:]))
        for d, dirs, files in os.walk(build):
            os.chmod(d, 0o755)
            for f in files:
                os.chmod(os.path.join(d, f), 0o644)
        return build, os.path.join(res, "gate.json")

    def bogus(path):
        doc = json.loads(read(path))
        doc.update(outcome="bogus", exit_code=0)
        with open(path, "w") as f:
            json.dump(doc, f)

    def stale(path):
        log = os.path.join(os.path.dirname(path), "run.log")
        with open(log, "a") as f:
            f.write("2026-01-01T00:00:00Z bench_%s: run 29990101-000000-1, 1 instance(s)\n" %
                    bench_name)

    def newer_result(path):
        res = os.path.join(os.path.dirname(path), "result.json")
        st = os.stat(path)
        os.utime(res, ns=(st.st_atime_ns, st.st_mtime_ns + 5 * 10**9))

    def replace(path, content):
        os.remove(path)
        with open(path, "wb") as f:
            f.write(content)

    def pass_without_rows(path):
        doc = json.loads(read(path))
        doc.pop("rows", None)
        replace(path, json.dumps(doc).encode())

    def as_dir(path):
        os.remove(path)
        os.mkdir(path)

    nobody = os.geteuid() == 0
    cases = [
        ("gate.json missing", os.remove),
        ("gate.json FIFO", lambda p: (os.remove(p), os.mkfifo(p))),
        ("gate.json folder", as_dir),
        ("gate.json unreadable", lambda p: os.chmod(p, 0)),
        ("gate.json dangling link", lambda p: (os.remove(p), os.symlink(p + ".gone", p))),
        ("gate.json empty", lambda p: replace(p, b"")),
        ("gate.json truncated", lambda p: replace(p, read(p)[:40])),
        ("outcome bogus, exit_code 0", bogus),
        ("gate.json without rows", pass_without_rows),
        ("gate.json a result", lambda p: replace(p, read(os.path.join(os.path.dirname(p),
                                                                       "result.json")))),
        ("stale: a later run.log run", stale),
        ("stale: newer result.json", newer_result),
    ]
    build, _ = tree("clean")
    code, text = run([benchgate, "verdicts", "--build-dir=" + build], cwd=work, as_nobody=nobody)
    rows.append(("verdicts: clean tree", {"verdicts": code}, {"verdicts": PASS}))
    if code != 0:
        problems.append("verdicts: the clean tree exited %d, not 0: %s" % (code, text[-300:]))
    for i, (label, spoil) in enumerate(cases):
        build, gate = tree("t%d" % i)
        spoil(gate)
        code, text = run([benchgate, "verdicts", "--build-dir=" + build], cwd=work,
                         as_nobody=nobody)
        rows.append(("verdicts: " + label, {"verdicts": code}, {"verdicts": FAILED}))
        row = [ln for ln in text.splitlines() if ln.startswith("error") and bench_name in ln]
        if code != FAILED or not row:
            problems.append("verdicts %s: exit %d%s: %s" %
                            (label, code, "" if row else ", no error row", text.strip()[-300:]))
    return rows


if __name__ == "__main__":
    sys.exit(main())
