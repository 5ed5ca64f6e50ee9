#!/usr/bin/env python3
"""check_comma_returns.py SOURCE_DIR: no C source under src/ returns through the comma
operator (`return free(p), -1;`, `return *out = x, 0;`, `? fd : (close(fd), -1)`): the work is
its own statement and the return says only what it returns (docs/architecture.md).

Comments, strings and character constants are blanked first, so a comma in a message or in a
call's arguments is not one. Exit 0 when there is none, 1 with each named (file:line).
--self-test: the reader on small inputs."""
import os
import re
import sys


def blank(text):
    """text with comments, strings and character constants blanked (lines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
        elif text[i] in "\"'":
            j = i + 1
            while j < n and text[j] != text[i] and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i] + "_" * (j - i - 2) + text[j - 1])
        else:
            j = i + 1
            out.append(text[i])
        i = j
    return "".join(out)


def comma_returns(text):
    """The lines of the return statements with a comma operator in them: a comma at the top of
    the expression or right inside parentheses that group (not a call's, a brace's or a
    bracket's)."""
    t, lines = blank(text), []
    for m in re.finditer(r"\breturn\b", t):
        stack, j = [], m.end()  # per open bracket: 1 when a comma right inside is an operator
        while j < len(t) and not (t[j] == ";" and not stack):
            c = t[j]
            if c == "(":
                stack.append(0 if re.search(r"[\w\])]$", t[m.end():j].rstrip()) else 1)
            elif c in "[{":
                stack.append(0)
            elif c in ")]}":
                stack = stack[:-1]
            elif c == "," and (not stack or stack[-1]):
                lines.append(t.count("\n", 0, m.start()) + 1)
                break
            j += 1
    return lines


def self_test():
    cases = {
        "int f(void) { return free(p), -1; }": 1,
        "int f(void) { return x ? fd : (close(fd), -1); }": 1,
        'int f(void) { return g(a, b, "x, y"); }': 0,
        "int f(void) { return (int)h(a, b) + 'x' /* , */; }": 0,
        "int f(void) { return (bg__x){1, 2}.a; }": 0,
        "int f(void) { return (*(const fn *)p)(&x, sb, err); }": 0,
        "int f(void) { return e ? 0 : (g(a, b), h(c)); }": 1,
        "int f(void) {\n  if (e)\n    return *out = 1,\n           0;\n}": 1,
    }
    bad = [(code, want) for code, want in cases.items() if len(comma_returns(code)) != want]
    for code, want in bad:
        print("FAIL: %r: expected %d, got %s" % (code, want, comma_returns(code)))
    if not bad:
        print("PASS: %d cases read as expected" % len(cases))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) != 2:
        print("usage: check_comma_returns.py SOURCE_DIR | --self-test", file=sys.stderr)
        return 2
    found, files = [], 0
    for root, _dirs, names in os.walk(os.path.join(argv[1], "src")):
        for name in sorted(names):
            if name.endswith((".c", ".h", ".cu")):
                path = os.path.join(root, name)
                files += 1
                with open(path, errors="replace") as f:
                    found += ["%s:%d" % (os.path.relpath(path, argv[1]), line)
                              for line in comma_returns(f.read())]
    for where in found:
        print("comma return: %s (make the work its own statement)" % where)
    print("%d source files read, %d return(s) through the comma operator" % (files, len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
