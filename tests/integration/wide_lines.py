#!/usr/bin/python3
"""wide_lines.py FILE... - prints each line of the files over 100 columns (what a terminal
shows: one a character, "µ" and "…" included) as "FILE: WIDTH: LINE"; nothing when all fit."""
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f.read().splitlines():
            if len(line) > 100:
                print("%s: %d: %s" % (path, len(line), line))
