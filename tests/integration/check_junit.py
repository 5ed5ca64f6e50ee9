#!/usr/bin/env python3
"""check_junit.py - checks a `benchgate export --format=junit` file as CI test reporters read it.

Usage: check_junit.py [--tests=N] [--failures=N] [--skipped=N] [--errors=N]
                      [--failed=NAME]... [--skipped-case=NAME]... FILE

The file must parse with xml.etree (well-formed XML, everything escaped); the root is
<testsuites> holding <testsuite> elements; each testsuite's tests, failures, skipped and errors
attributes equal the counts of its <testcase> children (a testcase with <failure>, <skipped> or
<error>), and the root's attributes equal the sums; every testcase has a classname, a name and a
time in seconds (>= 0); every <failure> has a non-empty message. The options check the totals
and that the named testcases failed or were skipped.
Prints "OK FILE: tests=N failures=N skipped=N errors=N", or each problem as "FILE: problem".
Exit status: 0 good, 1 a problem, 2 usage.
"""
import sys
import xml.etree.ElementTree as ET

COUNTS = ("tests", "failures", "skipped", "errors")


def attr_int(elem, key, problems, where):
    try:
        value = int(elem.get(key, ""))
    except ValueError:
        problems.append("%s: %s=%r is not an integer" % (where, key, elem.get(key)))
        return None
    return value


def check_case(case, problems):
    where = "testcase %s" % case.get("name")
    for key in ("classname", "name"):
        if not case.get(key):
            problems.append("%s: no %s" % (where, key))
    try:
        if float(case.get("time", "")) < 0:
            problems.append("%s: negative time" % where)
    except ValueError:
        problems.append("%s: time=%r is not a number of seconds" % (where, case.get("time")))
    for failure in case.findall("failure"):
        if not failure.get("message"):
            problems.append("%s: a <failure> without a message" % where)


def count_suite(suite, problems):
    """Checks one testsuite; returns its counts from the testcases."""
    cases = suite.findall("testcase")
    counted = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
    }
    where = "testsuite %s" % suite.get("name")
    for key in COUNTS:
        said = attr_int(suite, key, problems, where)
        if said is not None and said != counted[key]:
            problems.append("%s: %s=%d but it holds %d" % (where, key, said, counted[key]))
    for case in cases:
        check_case(case, problems)
    return counted, cases


def check_tree(root, problems):
    """Returns the totals and the testcases by outcome."""
    totals = dict.fromkeys(COUNTS, 0)
    outcome = {}
    if root.tag != "testsuites":
        problems.append("root element is <%s>, not <testsuites>" % root.tag)
    suites = root.findall("testsuite")
    if not suites:
        problems.append("no <testsuite>")
    for suite in suites:
        counted, cases = count_suite(suite, problems)
        for key in COUNTS:
            totals[key] += counted[key]
        for c in cases:
            kind = ("failed" if c.find("failure") is not None else
                    "skipped" if c.find("skipped") is not None else "passed")
            outcome[c.get("name")] = kind
    for key in COUNTS:
        said = attr_int(root, key, problems, "testsuites")
        if said is not None and said != totals[key]:
            problems.append("testsuites: %s=%d but the suites hold %d" % (key, said, totals[key]))
    return totals, outcome


def parse_args(argv):
    want, failed, skipped, files = {}, [], [], []
    for arg in argv[1:]:
        key, _, value = arg[2:].partition("=")
        if arg.startswith("--") and key in COUNTS and value.isdigit():
            want[key] = int(value)
        elif arg.startswith("--failed="):
            failed.append(value)
        elif arg.startswith("--skipped-case="):
            skipped.append(value)
        elif arg.startswith("--"):
            return None
        else:
            files.append(arg)
    return (want, failed, skipped, files[0]) if len(files) == 1 else None


def main(argv):
    args = parse_args(argv)
    if args is None:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    want, failed, skipped, path = args
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print("%s: %s" % (path, e))
        return 1
    problems = []
    totals, outcome = check_tree(root, problems)
    for key, value in want.items():
        if totals[key] != value:
            problems.append("%s=%d, expected %d" % (key, totals[key], value))
    for name, kind in [(n, "failed") for n in failed] + [(n, "skipped") for n in skipped]:
        if outcome.get(name) != kind:
            problems.append("testcase %s: %s, expected %s" % (name, outcome.get(name, "absent"),
                                                              kind))
    for p in problems:
        print("%s: %s" % (path, p))
    if problems:
        return 1
    print("OK %s: %s" % (path, " ".join("%s=%d" % (k, totals[k]) for k in COUNTS)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
