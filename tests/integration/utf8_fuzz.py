#!/usr/bin/env python3
"""utf8_fuzz.py BENCHGATE BUILD_DIR ROUNDS SEED - bytes that are not UTF-8, control characters
and terminal escapes, fed through every input a benchmark's strings come from, then through
every writer: no output holds them raw.

Each round draws three strings from the seed (invalid bytes, truncated and overlong sequences,
encoded surrogates, C0 controls, DEL, ESC sequences, quotes, <, &, |, backslashes, and valid
UTF-8 beside them) and runs tests/bytes_bench with them as a failure message
(BENCHGATE_FUZZ_MESSAGE), a metric's name and unit (BENCHGATE_FUZZ_METRIC, _UNIT) and an axis
value (--axis=tag=...), into an output folder whose name holds the third string too. Then every
writer reads that run: export (every format), compare (table, md, json), report --html, push
--print (a telemetry label with the string), summary. Every file written and every stdout and
stderr must be valid UTF-8 (strict: no surrogates, no overlongs) with no control character but
tab, newline and carriage return; JSON must parse strictly, the JUnit XML must parse, CSV must
have one width. A bench that refuses an input must say so (exit 2) in valid UTF-8 too.
Prints a line per round and "PASS" at the end; exit 1 with every problem otherwise.
"""
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PIECES = [b"\xe9", b"\xff", b"\xfe", b"\x80", b"\xbf", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98",
          b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x1b[31m",
          b"\x1b]0;title\x07", b"\x01", b"\x08", b"\x0b", b"\x0c", b"\x7f", b"\r", b"\n", b"\t",
          b'"', b"'", b"<", b">", b"&", b"|", b"\\", b"%s", b"%n", b" ", b"caf\xc3\xa9",
          "中文".encode(), "😀".encode(), b"plain", b"#", b"$", b"{", b"}"]
AXIS_FORBIDDEN = re.compile(rb"[,;=\n\r]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_axis_piece(piece):
    """Valid UTF-8, no control character, blank or axis syntax."""
    try:
        text = piece.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not re.search(r"[,;=/\s\x00-\x1f\x7f]", text)


CLEAN_AXIS_PIECES = [p for p in PIECES if clean_axis_piece(p)]


def draw(rng, forbid=None, pieces=PIECES):
    s = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
    if forbid is not None:
        s = forbid.sub(b"", s) or b"x\xff"
    return s


def check_text(label, data, problems):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append("%s: not UTF-8 (%s) near %r" % (label, e, data[max(0, e.start - 20):e.end + 20]))
        return None
    m = CONTROL.search(text)
    if m:
        problems.append("%s: a raw control character %r near %r" % (label, m.group(), text[max(0, m.start() - 30):m.end() + 30]))
    return text


def strict_constant(name):
    raise ValueError("not strict JSON: %s" % name)


def check_format(label, text, problems):
    try:
        if label.endswith(".json") or label.endswith("-json"):
            json.loads(text, parse_constant=strict_constant)
        elif label.endswith(".junit") or label.endswith(".xml"):
            ET.fromstring(text.encode("utf-8"))
        elif label.endswith(".csv"):
            widths = {len(row) for row in csv.reader(io.StringIO(text)) if row}
            if len(widths) > 1:
                problems.append("%s: rows of %s fields" % (label, sorted(widths)))
    except (ValueError, ET.ParseError) as e:
        problems.append("%s: does not parse: %s" % (label, e))


def run(argv, env, label, problems, outputs):
    p = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    outputs.append((label + " stdout", p.stdout))
    outputs.append((label + " stderr", p.stderr))
    if p.returncode < 0 or p.returncode > 3 and p.returncode != 77:
        problems.append("%s: exit %d: %r" % (label, p.returncode, p.stderr[-300:]))
    return p


def one_round(cli, build, work, rng, k):
    problems, outputs = [], []
    message, metric, unit = draw(rng), draw(rng), draw(rng)
    # Flags and paths that are not clean text are refused (exit 2, said cleanly); most rounds
    # give clean ones, so that the run is written and every writer reads its strings.
    dirty_flags = rng.random() < 0.25
    tag = draw(rng, AXIS_FORBIDDEN) if dirty_flags else draw(rng, pieces=CLEAN_AXIS_PIECES)
    out = os.path.join(work.encode(), b"run-%d" % k + (tag.replace(b"/", b"_") if dirty_flags else b""))
    env = dict(os.environ)
    env = {k2.encode(): v.encode() for k2, v in env.items()}
    env.update({b"BENCHGATE_FUZZ_MESSAGE": message, b"BENCHGATE_FUZZ_METRIC": metric,
                b"BENCHGATE_FUZZ_UNIT": unit})
    bench = os.path.join(build, "tests", "test_bytes_bench").encode()
    p = run([bench, b"--min-time=0.01", b"--max-time=0.02", b"--repetitions=1", b"--baseline=off",
             b"--no-ui", b"--axis=tag=" + tag, b"--output-dir=" + out],
            env, "bench", problems, outputs)
    result = os.path.join(out, b"result.json")
    if p.returncode == 2 or not os.path.exists(result):
        if p.returncode != 2:
            problems.append("bench: exit %d and no result.json" % p.returncode)
    else:
        c = cli.encode()
        for fmt in ("csv", "json", "md", "junit", "gbench", "gbench-aggregates", "custom-smaller",
                    "custom-bigger", "html"):
            dest = os.path.join(work.encode(), b"export-%d.%s" % (k, fmt.encode()))
            run([c, b"export", b"--format=" + fmt.encode(), b"--output=" + dest, out], env,
                "export " + fmt, problems, outputs)
        for fmt in ("table", "md", "json"):
            run([c, b"compare", out, out, b"--format=" + fmt.encode()], env, "compare-" + fmt,
                problems, outputs)
        run([c, b"report", b"--html", b"--output=" + os.path.join(work.encode(), b"report-%d.html" % k), out],
            env, "report", problems, outputs)
        run([c, b"push", out, b"--print", b"--telemetry-url=http://127.0.0.1:9",
             b"--telemetry-labels=site=" + tag], env, "push", problems, outputs)
        run([c, b"summary", out], env, "summary", problems, outputs)
        for name in sorted(os.listdir(out)):
            path = os.path.join(out, name)
            if os.path.isfile(path):
                outputs.append((name.decode("utf-8", "replace"), open(path, "rb").read()))
        for name in sorted(os.listdir(work.encode())):
            if name.endswith(b"-%d.html" % k) or re.match(rb"export-%d\." % k, name):
                outputs.append((name.decode(), open(os.path.join(work.encode(), name), "rb").read()))
    for label, data in outputs:
        text = check_text(label, data, problems)
        if text is not None and data:
            check_format(label, text, problems)
    shutil.rmtree(out, ignore_errors=True)
    return problems, len(outputs), p.returncode


def main():
    cli, build, rounds, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="bg-utf8-fuzz.")
    failed = 0
    try:
        for k in range(rounds):
            problems, checked, code = one_round(cli, build, work, rng, k)
            print("round %d: bench exit %d, %d outputs checked, %d problems" % (k + 1, code, checked, len(problems)))
            for pr in problems[:12]:
                print("  " + pr)
            failed += bool(problems)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("FAIL: %d of %d rounds wrote bytes that are not clean UTF-8" % (failed, rounds))
        return 1
    print("PASS: %d rounds, every output valid UTF-8 without raw control characters" % rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
