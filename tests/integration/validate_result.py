#!/usr/bin/env python3
"""validate_result.py - checks benchgate result.json files against the schema, strictly.

Usage: validate_result.py SCHEMA RESULT.json [RESULT2.json ...]

Each file is parsed as strict JSON (NaN, Infinity, -Infinity, numbers that overflow a double and
duplicate keys are errors), validated against SCHEMA (JSON Schema draft 2020-12) and then checked
for what a schema cannot say:
  - a metric with status "ok" has statistics or a finite value;
  - min <= p50 <= p95 <= p99 <= max, min <= mean <= max and ci95[0] <= ci95[1];
  - ci95[0] <= median <= ci95[1] when the document is complete.

Prints "OK <file>: N benchmarks" per valid file, or each problem as "<file>: <json path>: ...".
Exit status: 0 all valid, 1 otherwise (invalid file, bad schema, usage), 77 python3-jsonschema
missing (or too old for draft 2020-12).
"""
import math
import sys

from system_python import require  # noqa: E402

jsonschema = require("jsonschema", "python3-jsonschema")

import json  # noqa: E402  (after the re-exec on purpose)

# Two values that should be equal may differ by rounding in the last bits of an interpolation.
REL_TOLERANCE = 1e-12


class StrictJSONError(ValueError):
    """A document that is JSON only to a lenient parser."""


def reject_constant(name):
    raise StrictJSONError("non-standard JSON constant %s" % name)


def finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError("number %s overflows a double" % text)
    return value


def no_duplicate_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise StrictJSONError("duplicate key %s" % json.dumps(key))
        obj[key] = value
    return obj


def load_strict(path):
    with open(path, "r", encoding="utf-8") as f:
        text = f.read()
    return json.loads(text, parse_constant=reject_constant, parse_float=finite_float,
                      object_pairs_hook=no_duplicate_keys)


def nonfinite_paths(value, parts=()):
    """JSON paths of the NaN/Infinity values of a leniently parsed document."""
    if isinstance(value, float) and not math.isfinite(value):
        yield json_path(parts)
    elif isinstance(value, dict):
        for key, item in value.items():
            for found in nonfinite_paths(item, parts + (key,)):
                yield found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            for found in nonfinite_paths(item, parts + (i,)):
                yield found


def locate_strict_error(path, error):
    """Names the JSON path of a non-finite number, which the strict parser cannot say."""
    try:
        with open(path, "r", encoding="utf-8") as f:
            lenient = json.load(f)
    except ValueError:
        return "$: not strict JSON: %s" % error
    where = list(nonfinite_paths(lenient))
    if not where:
        return "$: not strict JSON: %s" % error
    more = " (and %d more)" % (len(where) - 1) if len(where) > 1 else ""
    return "%s: not strict JSON: %s%s" % (where[0], error, more)


def json_path(parts):
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += "[%d]" % part
        elif part.replace("_", "a").isalnum():
            out += "." + part
        else:
            out += "[%s]" % json.dumps(part)
    return out


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def le(a, b):
    """a <= b, allowing for rounding in the last bits."""
    return a <= b + REL_TOLERANCE * max(abs(a), abs(b))


def check_order(where, metric, keys, problems):
    values = [metric.get(k) for k in keys]
    if not all(is_number(v) for v in values):
        return  # the schema reports the types
    for (ka, a), (kb, b) in zip(zip(keys, values), zip(keys[1:], values[1:])):
        if not le(a, b):
            problems.append("%s: %s (%r) > %s (%r)" % (where, ka, a, kb, b))


def check_metric(where, metric, complete, problems):
    if not isinstance(metric, dict):
        return
    has_stats = "median" in metric
    if metric.get("status") == "ok" and not has_stats:
        value = metric.get("value")
        if not (is_number(value) and math.isfinite(value)):
            problems.append("%s: status ok but neither statistics nor a finite value" % where)
    if not has_stats:
        return
    check_order(where, metric, ["min", "p50", "p95", "p99", "max"], problems)
    check_order(where, metric, ["min", "mean", "max"], problems)
    ci = metric.get("ci95")
    median = metric.get("median")
    if not (isinstance(ci, list) and len(ci) == 2 and all(is_number(v) for v in ci)):
        return
    if not le(ci[0], ci[1]):
        problems.append("%s.ci95: low %r > high %r" % (where, ci[0], ci[1]))
    elif complete and is_number(median) and not (le(ci[0], median) and le(median, ci[1])):
        problems.append("%s: median %r outside ci95 [%r, %r]" % (where, median, ci[0], ci[1]))


def semantic_problems(doc):
    problems = []
    complete = doc.get("complete") is True
    for i, bench in enumerate(doc.get("benchmarks") or []):
        metrics = bench.get("metrics") if isinstance(bench, dict) else None
        if not isinstance(metrics, dict):
            continue
        for name, metric in metrics.items():
            check_metric(json_path(["benchmarks", i, "metrics", name]), metric, complete,
                         problems)
    return problems


def schema_problems(validator, path):
    """@return the document (None when unreadable) and what strict reading and the schema say
    of it (validate_json.py uses this too)."""
    try:
        doc = load_strict(path)
    except (OSError, UnicodeDecodeError) as e:
        return None, ["cannot read: %s" % e]
    except StrictJSONError as e:
        return None, [locate_strict_error(path, e)]
    except ValueError as e:
        return None, ["$: not valid JSON: %s" % e]
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    return doc, ["%s: %s" % (json_path(e.absolute_path), e.message) for e in errors]


def validate_file(validator, path):
    """@return the list of problems of one file; empty when it is valid."""
    doc, problems = schema_problems(validator, path)
    if not problems and isinstance(doc, dict):
        problems = semantic_problems(doc)
    if not problems:
        print("OK %s: %d benchmarks" % (path, len(doc["benchmarks"])))
    return problems


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: %s SCHEMA RESULT.json [RESULT2.json ...]\n" % argv[0])
        return 1
    if not hasattr(jsonschema, "Draft202012Validator"):
        print("SKIP: python3-jsonschema is too old for draft 2020-12")
        return 77
    try:
        schema = load_strict(argv[1])
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("%s: unusable schema: %s\n" % (argv[1], e))
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in argv[2:]:
        problems = validate_file(validator, path)
        if problems:
            failed += 1
            print("INVALID %s: %d problem(s)" % (path, len(problems)))
            for p in problems[:50]:
                print("  %s: %s" % (path, p))
            if len(problems) > 50:
                print("  %s: ... and %d more" % (path, len(problems) - 50))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
