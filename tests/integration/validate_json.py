#!/usr/bin/env python3
"""validate_json.py - checks the JSON files benchgate writes against docs/schema, strictly.

Usage: validate_json.py SCHEMA_DIR NAME FILE [FILE ...]

NAME picks SCHEMA_DIR/NAME.schema.json: result, verdict, ab, gate, summary, history-summary,
history or profile. Every *.schema.json of SCHEMA_DIR is registered under its $id, so that one
schema can refer to another (gate.json's rows are verdict.json rows) by a relative reference,
"verdict.schema.json#/$defs/row": each $id is https://benchgate.dev/schema/FILE, so a relative
reference names a file of SCHEMA_DIR. Every $ref of every schema must be "#..." or such a file
name (a web address is an error), and nothing is ever fetched: a reference the local registry
does not hold fails ("not in the local registry"), with no network access.

Each file is parsed as strict JSON (NaN, Infinity, numbers that overflow a double and duplicate
keys are errors; see validate_result.py), validated against the schema (JSON Schema draft
2020-12) and then checked for what a schema cannot say:
  - result: what validate_result.py checks (ordered statistics, the median inside its CI);
  - verdict: the summary counts the rows' verdicts;
  - gate: the rows and the counts agree, "not gated" = new + gone + not compared;
  - ab: no benchmark has more pairs than the document;
  - summary, history-summary: runs <= runs_seen, min <= median <= max; history: one value per
    ok run, first and latest are the first and last value.

Prints "OK NAME: FILE" per valid file, or each problem as "  FILE: JSON-PATH: ...".
Exit status: 0 all valid, 1 otherwise (invalid file, bad schema, usage), 77 python3-jsonschema
missing (or too old for draft 2020-12).
"""
import glob
import os
import re
import sys

from system_python import require  # noqa: E402

jsonschema = require("jsonschema", "python3-jsonschema")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_result as vr  # noqa: E402  (after the re-exec on purpose)

VERDICTS = ["pass", "improvement", "inconclusive", "regression", "new", "gone", "not compared",
            "skipped", "error"]


def check_range(where, row, problems):
    """min <= median <= max when all three are numbers."""
    vr.check_order(where, row, ["min", "median", "max"], problems)


def verdict_problems(doc):
    problems = []
    tally = doc.get("summary", {})
    for v in VERDICTS:
        n = sum(1 for r in doc.get("rows", []) if r.get("verdict") == v)
        if tally.get(v) != n:
            problems.append("$.summary[%s]: %r, but %d row(s) say %s" % (v, tally.get(v), n, v))
    return problems


def gate_problems(doc):
    problems = []
    counts, rows = doc.get("counts", {}), doc.get("rows", [])
    for v in VERDICTS:
        if v in ("pass", "skipped"):
            continue
        n = sum(1 for r in rows if r.get("verdict") == v)
        if counts.get(v) != n:
            problems.append("$.counts[%s]: %r, but %d row(s) say %s" % (v, counts.get(v), n, v))
    unmatched = counts.get("new", 0) + counts.get("gone", 0) + counts.get("not compared", 0)
    if counts.get("not gated") != unmatched:
        problems.append("$.counts[\"not gated\"]: %r is not new + gone + not compared"
                        % counts.get("not gated"))
    return problems


def ab_problems(doc):
    problems = []
    for i, b in enumerate(doc.get("benchmarks", [])):
        if len(b.get("pairs", [])) > doc.get("pairs", 0):
            problems.append("$.benchmarks[%d].pairs: %d pairs, the document says %r"
                            % (i, len(b["pairs"]), doc.get("pairs")))
    return problems


def series_problems(doc, history):
    problems = []
    for i, r in enumerate(doc.get("rows", [])):
        where = "$.rows[%d]" % i
        if r.get("runs", 0) > r.get("runs_seen", 0):
            problems.append("%s: runs %r > runs_seen %r" % (where, r["runs"], r.get("runs_seen")))
        check_range(where, r, problems)
        if not history:
            continue
        values = [p.get("value") for p in r.get("values", [])]
        if len(values) != r.get("runs"):
            problems.append("%s: %d values for %r runs" % (where, len(values), r.get("runs")))
        elif values and (r.get("first") != values[0] or r.get("latest") != values[-1]):
            problems.append("%s: first/latest %r/%r are not the first/last value %r/%r"
                            % (where, r.get("first"), r.get("latest"), values[0], values[-1]))
    return problems


SEMANTIC = {
    "result": vr.semantic_problems,
    "verdict": verdict_problems,
    "gate": gate_problems,
    "ab": ab_problems,
    "summary": lambda doc: series_problems(doc, False),
    "history-summary": lambda doc: series_problems(doc, True),
}


ID_BASE = "https://benchgate.dev/schema/"
RELATIVE_REF = re.compile(r"^([a-z0-9-]+\.schema\.json)?(#.*)?$")


def refs(node):
    """Every $ref value in a schema, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def ref_problems(file_name, schema, files):
    """@return why a schema's $id or $refs would need the network (empty when none)."""
    problems = []
    if schema.get("$id") != ID_BASE + file_name:
        problems.append("%s: $id %r is not %s%s" % (file_name, schema.get("$id"), ID_BASE,
                                                    file_name))
    for ref in refs(schema):
        m = RELATIVE_REF.match(ref) if isinstance(ref, str) else None
        if not m:
            problems.append("%s: $ref %r is not relative (\"#...\" or \"NAME.schema.json#...\")"
                            % (file_name, ref))
        elif m.group(1) and m.group(1) not in files:
            problems.append("%s: $ref %r names no file of the schema folder" % (file_name, ref))
    return problems


def refuse_fetch(uri):
    raise ValueError("$ref %s is not in the local registry (docs/schema): nothing is fetched"
                     % uri)


def make_validator(schema_dir, name):
    """@return the validator of NAME, with every schema of schema_dir resolvable by its $id and
    nothing fetched; raises ValueError when a $ref is not relative."""
    schemas, problems = {}, []
    paths = sorted(glob.glob(os.path.join(schema_dir, "*.schema.json")))
    files = {os.path.basename(p) for p in paths}
    for path in paths:
        schema = vr.load_strict(path)
        jsonschema.Draft202012Validator.check_schema(schema)
        problems += ref_problems(os.path.basename(path), schema, files)
        schemas[os.path.basename(path)[:-len(".schema.json")]] = schema
    if problems:
        raise ValueError("; ".join(problems))
    if name not in schemas:
        raise ValueError("no %s.schema.json in %s" % (name, schema_dir))
    schema = schemas[name]
    try:  # jsonschema >= 4.18 resolves through referencing; RefResolver is deprecated there
        from referencing import Registry, Resource
        registry = Registry(retrieve=refuse_fetch).with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values())
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:  # Debian bookworm's 4.10: a RefResolver whose handlers fetch nothing
        store = dict((s["$id"], s) for s in schemas.values())
        handlers = {scheme: refuse_fetch for scheme in ("http", "https", "file", "ftp")}
        resolver = jsonschema.RefResolver.from_schema(schema, store=store, handlers=handlers)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


def validate_file(validator, name, path):
    """@return the list of problems of one file; empty when it is valid."""
    doc, problems = vr.schema_problems(validator, path)
    if not problems and name in SEMANTIC:
        problems = SEMANTIC[name](doc)
    return problems


def main(argv):
    if len(argv) < 4 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: %s SCHEMA_DIR NAME FILE [FILE ...]\n" % argv[0])
        return 1
    if not hasattr(jsonschema, "Draft202012Validator"):
        print("SKIP: python3-jsonschema is too old for draft 2020-12")
        return 77
    name = argv[2]
    try:
        validator = make_validator(argv[1], name)
    except (OSError, ValueError, KeyError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("%s: unusable schema: %s\n" % (argv[1], e))
        return 1
    failed = 0
    for path in argv[3:]:
        problems = validate_file(validator, name, path)
        if not problems:
            print("OK %s: %s" % (name, path))
            continue
        failed += 1
        print("INVALID %s: %s: %d problem(s)" % (name, path, len(problems)))
        for p in problems[:50]:
            print("  %s: %s" % (path, p))
        if len(problems) > 50:
            print("  %s: ... and %d more" % (path, len(problems) - 50))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
