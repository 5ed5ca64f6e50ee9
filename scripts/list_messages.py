#!/usr/bin/env python3
"""list_messages.py [--check DOC] SOURCE - every error and warning message benchgate can print.

Scans src/ for the calls that produce messages (bg__set_error, BG_RETURN_IF, cli_usage_error,
bg__end_instance, bg_fail, bg_skip, error/warning prints) and joins their format strings. Without
--check it prints a Markdown table for docs/troubleshooting.md; with --check it exits 1 naming
every message whose fixed text is missing from DOC."""
import glob
import os
import re
import sys

CALLS = re.compile(r"\b(bg__set_error|BG_RETURN_IF|cli_usage_error|bg__end_instance|bg_fail|bg_skip|"
                   r"bg__log|fprintf)\s*\(")
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
SPEC = re.compile(r"%[-+ #0]*\*?\d*(?:\.\*?\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]")


def call_text(src, start):
    depth, i = 0, start
    while i < len(src):
        c = src[i]
        if c == '"':
            i += 1
            while src[i] != '"':
                i += 2 if src[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return src[start:i]
        i += 1
    return src[start:]


def first_format(args):
    """The first run of adjacent string literals in the call's arguments."""
    m = LITERAL.search(args)
    if not m:
        return None
    out, pos = m.group(1), m.end()
    while True:
        n = LITERAL.match(args, pos + len(args[pos:]) - len(args[pos:].lstrip()))
        if not n:
            return out
        out += n.group(1)
        pos = n.end()


def messages(source):
    found = {}
    for path in sorted(glob.glob(os.path.join(source, "src", "**", "*.c"), recursive=True) +
                       glob.glob(os.path.join(source, "src", "**", "*.cu"), recursive=True)):
        src = open(path).read()
        for m in CALLS.finditer(src):
            args = call_text(src, m.end() - 1)
            fmt = first_format(args)
            if not fmt:
                continue
            if m.group(1) in ("fprintf", "bg__log") and not re.search(r"error|warning|refused", fmt):
                continue
            text = bytes(fmt, "utf-8").decode("unicode_escape").strip()
            shown = SPEC.sub("<…>", text).replace("\n", " ").strip()
            if len(re.sub(r"<…>|[^A-Za-z]", "", shown)) >= 6:
                found.setdefault(shown, os.path.relpath(path, source))
    return found


def key(shown):
    """The longest fixed fragment: what a reader searching for the message will type."""
    parts = [p.strip(" :;,.'()") for p in shown.split("<…>")]
    return max(parts, key=len)


def main(argv):
    check = argv[1] == "--check"
    source = argv[-1]
    msgs = messages(source)
    if not check:
        print("| message | from |\n| --- | --- |")
        for shown, where in sorted(msgs.items(), key=lambda kv: kv[0].lower()):
            print("| `%s` | %s |" % (shown.replace("|", "\\|").replace("`", "'"), where))
        return 0
    doc = open(argv[2]).read().replace("\\|", "|")  # table cells escape |
    missing = [s for s in msgs if key(s) not in doc]
    for s in sorted(missing):
        print("not in %s: %s   (search text: %r)" % (argv[2], s, key(s)))
    print("%d messages, %d documented, %d missing" % (len(msgs), len(msgs) - len(missing), len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
