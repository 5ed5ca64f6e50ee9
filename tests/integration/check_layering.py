#!/usr/bin/env python3
"""check_layering.py - the dependency rules of src/ (docs/architecture.md), read from the
#include lines and from the CMake link lines:

  - the core (src/ and its folders common/, config/, measure/, results/, longrun/,
    datasets/, gate/, report/, system/) includes no curl or SQLite header and nothing of src/history/,
    src/net/ or src/cli/, and its CMake target links neither libcurl nor SQLite;
  - src/history/ and src/net/ include the core's internal headers but not each other, nor cli/;
    only history/ includes <sqlite3.h>, only net/ includes <curl/...>;
  - src/cli/ includes only the public headers (benchgate/...) and its own headers.

usage: check_layering.py SOURCE_DIR   Exit: 0 when every rule holds, 1 with each breach named.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


BESIDE_THE_CORE = ("history", "net", "cli", "cuda")


def component(rel):
    """src/net/x.c is "net"; a file of the core (src/x.h, src/gate/x.c, ...) is "core"."""
    parts = rel.split("/")
    return parts[1] if len(parts) > 2 and parts[1] in BESIDE_THE_CORE else "core"


def breaches_of(rel, kind, header, src):
    comp = component(rel)
    where = os.path.dirname(os.path.join(src, rel))
    system = kind == "<"
    if system and header.startswith("curl/") and comp != "net":
        yield "includes <%s>: libcurl belongs to src/net/" % header
    if system and header == "sqlite3.h" and comp != "history":
        yield "includes <sqlite3.h>: SQLite belongs to src/history/"
    if system:
        return
    if header.startswith("benchgate/"):
        return
    local = os.path.normpath(os.path.join(where, header))
    target = os.path.relpath(local, src) if os.path.exists(local) else "src/" + header
    other = component(target) if target.startswith("src/") else "outside"
    if comp == "cli" and other != "cli":
        yield 'includes "%s": src/cli/ uses only the public headers and its own' % header
    elif comp == "core" and other != "core":
        yield 'includes "%s": the core includes nothing of src/%s/' % (header, other)
    elif comp in ("history", "net") and other not in ("core", comp):
        yield 'includes "%s": src/%s/ may include the core and itself, not src/%s/' % (
            header, comp, other)


def link_breaches(src):
    text = open(os.path.join(src, "src", "CMakeLists.txt")).read()
    for m in re.finditer(r"target_link_libraries\(\s*benchgate\s([^)]*)\)", text):
        for lib in ("CURL::", "SQLite::", "curl", "sqlite3"):
            if lib in m.group(1):
                yield "src/CMakeLists.txt: the core target links %s: %s" % (lib, m.group(0))


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src = os.path.abspath(argv[1])
    breaches, files = [], 0
    for root, _, names in os.walk(os.path.join(src, "src")):
        for name in sorted(names):
            if not name.endswith((".c", ".h")):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            files += 1
            text = open(os.path.join(src, rel), encoding="utf-8").read()
            for m in INCLUDE.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                for why in breaches_of(rel, m.group(1), m.group(2), src):
                    breaches.append("%s:%d: %s" % (rel, line, why))
    breaches.extend(link_breaches(src))
    for b in breaches:
        print(b)
    print("%d files checked, %d breach(es) of the layering rules" % (files, len(breaches)))
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
