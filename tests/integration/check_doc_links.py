#!/usr/bin/env python3
"""check_doc_links.py SOURCE - every guide in docs/ is linked from docs/benchmark_toolkit.md, and
no relative link in README.md or docs/*.md points at a file that does not exist."""
import glob
import os
import re
import sys

LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


def main(source):
    docs = os.path.join(source, "docs")
    entry = open(os.path.join(docs, "benchmark_toolkit.md")).read()
    problems = []
    for path in sorted(glob.glob(os.path.join(docs, "*.md"))):
        name = os.path.basename(path)
        if name != "benchmark_toolkit.md" and "(%s)" % name not in entry and "(%s#" % name not in entry:
            problems.append("docs/%s is not linked from docs/benchmark_toolkit.md" % name)
    for path in [os.path.join(source, "README.md")] + sorted(glob.glob(os.path.join(docs, "*.md"))):
        for m in LINK.finditer(open(path).read()):
            target = m.group(1)
            if re.match(r"[a-z]+:", target):
                continue
            if not os.path.exists(os.path.join(os.path.dirname(path), target)):
                problems.append("%s: broken link %s" % (os.path.relpath(path, source), target))
    for p in problems:
        print("FAIL", p)
    print("%d problem(s)" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
