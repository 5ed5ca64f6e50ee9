#!/usr/bin/env python3
"""check_layering.py - the dependency rules of src/ (docs/architecture.md), read from the
#include lines and from the CMake link lines:

  - the core (src/ and its folders common/, config/, measure/, results/, longrun/,
    datasets/, gate/, system/, run/) includes no curl or SQLite header and nothing of src/report/,
    src/history/, src/net/ or src/cli/, and its CMake target links none of them, nor libcurl
    or SQLite;
  - src/report/ includes the core's internal headers and its own;
  - src/history/ and src/net/ include the core's and report/'s internal headers but not each
    other, nor cli/;
    only history/ includes <sqlite3.h>, only net/ includes <curl/...>;
  - src/cli/ includes only the public headers (benchgate/...) and its own headers;
  - every folder has one internal header named after it (src/gate/gate.h); another folder
    includes it by that path from src/ ("gate/gate.h"), never by a bare name or with "../",
    and includes no other file of that folder;
  - the folders of the core depend on each other only as ALLOWED says (today's graph, which
    has no cycle: that is checked too): a new dependency between two folders is a decision,
    made here and in docs/architecture.md.

usage: check_layering.py SOURCE_DIR    Exit: 0 when every rule holds, 1 with each breach named.
       check_layering.py --self-test   plants one breach of each rule in a scratch tree.
"""
import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
BESIDE_THE_CORE = ("report", "history", "net", "cli", "cuda")
CORE_FOLDERS = ("common", "config", "measure", "results", "longrun", "datasets", "gate",
                "system", "run", "bisect", "explain")
# Which folder's header each folder of the core may include (besides its own and the public
# headers). The core is one library; these are the edges it has, so that no new one comes in
# unseen. They form no cycle (check() says so if one comes back): common and system at the
# bottom, run at the top.
ALLOWED = {
    "common": set(),
    "config": {"common"},
    "measure": {"common", "config", "system"},
    "run": {"common", "config", "datasets", "gate", "longrun", "measure", "results", "system"},
    "system": {"common"},
    "results": {"common", "config", "datasets", "longrun", "measure", "system"},
    "datasets": {"common", "config", "measure"},
    "longrun": {"common", "config", "measure", "system"},
    "gate": {"common", "config", "measure", "results", "system"},
    # bisect drives git, cmake and the benches, and judges with gate/'s compare and A/B
    "bisect": {"common", "gate", "results"},
    # explain runs a build's bench as bisect does (its bench list and spawn) and reads results
    "explain": {"common", "bisect", "results"},
    "report": {"common", "config", "measure", "results"},  # beside the core, on it
    "history": set(CORE_FOLDERS),
    "net": set(CORE_FOLDERS),
    "cuda": {"measure", "system"},
}


def component(rel):
    """src/net/x.c is "net"; a file of the core (src/x.h, src/gate/x.c, ...) is "core"."""
    parts = rel.split("/")
    return parts[1] if len(parts) > 2 and parts[1] in BESIDE_THE_CORE else "core"


def folder(rel):
    parts = rel.split("/")
    return parts[1] if len(parts) > 2 else ""


def quoted_breaches(rel, header, src):
    comp, own = component(rel), folder(rel)
    if header.startswith("benchgate/"):
        return
    if "/" not in header:
        if not os.path.exists(os.path.join(src, "src", own, header)):
            yield 'includes "%s": no such file in src/%s/; another folder\'s header is ' \
                  'included as "FOLDER/FOLDER.h"' % (header, own)
        return
    if header.startswith(".") or header.count("/") != 1:
        yield 'includes "%s": an internal header is included as "FOLDER/FOLDER.h" from src/' % header
        return
    other, name = header.split("/")
    if name != other + ".h":
        yield 'includes "%s": src/%s/ is included through its one header "%s/%s.h"' % (
            header, other, other, other)
        return
    if comp == "cli":
        yield 'includes "%s": src/cli/ uses only the public headers and its own' % header
    elif comp == "core" and other in BESIDE_THE_CORE:
        yield 'includes "%s": the core includes nothing of src/%s/' % (header, other)
    elif comp == "report" and other in BESIDE_THE_CORE and other != comp:
        yield 'includes "%s": src/report/ may include the core and itself, not src/%s/' % (
            header, other)
    elif comp in ("history", "net") and other in BESIDE_THE_CORE and other not in (comp, "report"):
        yield 'includes "%s": src/%s/ may include the core, report/ and itself, not src/%s/' % (
            header, comp, other)
    elif other != own and other not in ALLOWED.get(own, set()) and other not in BESIDE_THE_CORE:
        yield 'includes "%s": src/%s/ does not depend on src/%s/ (ALLOWED in %s)' % (
            header, own, other, os.path.basename(__file__))


def breaches_of(rel, kind, header, src):
    comp = component(rel)
    if kind == "<":
        if header.startswith("curl/") and comp != "net":
            yield "includes <%s>: libcurl belongs to src/net/" % header
        if header == "sqlite3.h" and comp != "history":
            yield "includes <sqlite3.h>: SQLite belongs to src/history/"
        if header == "libpq-fe.h" and comp != "history":
            yield "includes <libpq-fe.h>: libpq belongs to src/history/"
        return
    for why in quoted_breaches(rel, header, src):
        yield why


def link_breaches(src):
    text = open(os.path.join(src, "src", "CMakeLists.txt")).read()
    for m in re.finditer(r"target_link_libraries\(\s*benchgate\s([^)]*)\)", text):
        for lib in ("CURL::", "SQLite::", "PostgreSQL::", "curl", "sqlite3",
                    "benchgate_report",
                    "benchgate_history", "benchgate_net"):
            if lib in m.group(1):
                yield "src/CMakeLists.txt: the core target links %s: %s" % (lib, m.group(0))
                break


def cycle_of(graph):
    """A cycle in graph (folder -> the folders it includes) as a list a, b, ..., a; or None."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt, node]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def check(src):
    breaches, files = [], 0
    for root, _, names in os.walk(os.path.join(src, "src")):
        for name in sorted(names):
            if not name.endswith((".c", ".h", ".cu")):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            files += 1
            text = open(os.path.join(src, rel), encoding="utf-8").read()
            for m in INCLUDE.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                for why in breaches_of(rel, m.group(1), m.group(2), src):
                    breaches.append("%s:%d: %s" % (rel, line, why))
    for f in CORE_FOLDERS + ("report", "history", "net"):
        if os.path.isdir(os.path.join(src, "src", f)) and \
                not os.path.exists(os.path.join(src, "src", f, f + ".h")):
            breaches.append("src/%s/: no internal header src/%s/%s.h" % (f, f, f))
    if os.path.exists(os.path.join(src, "src", "internal.h")):
        breaches.append("src/internal.h: the data model lives in src/measure/measure.h")
    breaches.extend(link_breaches(src))
    loop = cycle_of({f: ALLOWED[f] & set(CORE_FOLDERS) for f in CORE_FOLDERS if f in ALLOWED})
    if loop:
        breaches.append("ALLOWED: the core's folders include each other in a cycle: %s"
                        % " -> ".join(loop))
    return breaches, files


PLANTED = {  # file -> (text, the words its breach must be reported with)
    "src/gate/bad1.c": ('#include <curl/curl.h>\n', "libcurl belongs to src/net/"),
    "src/report/bad2.c": ('#include "net/net.h"\n', "src/report/ may include the core and itself"),
    "src/gate/bad9.c": ('#include "report/report.h"\n', "the core includes nothing of src/report/"),
    "src/common/bad3.c": ('#include "gate/gate.h"\n', "src/common/ does not depend on src/gate/"),
    "src/measure/bad4.c": ('#include "verdict.h"\n', 'no such file in src/measure/'),
    "src/measure/bad5.c": ('#include "gate/compare_rows.h"\n', 'through its one header "gate/gate.h"'),
    "src/cli/bad6.c": ('#include "common/common.h"\n', "src/cli/ uses only the public headers"),
    "src/net/bad7.c": ('#include "history/history.h"\n', "src/net/ may include the core, report/ and itself"),
    "src/history/bad8.c": ('#include "../common/common.h"\n', 'as "FOLDER/FOLDER.h" from src/'),
    "src/internal.h": ("", "the data model lives in src/measure/measure.h"),
}


def self_test():
    tmp = tempfile.mkdtemp(prefix="layering.")
    try:
        for f in CORE_FOLDERS + BESIDE_THE_CORE:
            os.makedirs(os.path.join(tmp, "src", f))
            if f != "cli" and f != "cuda":
                open(os.path.join(tmp, "src", f, f + ".h"), "w").close()
        open(os.path.join(tmp, "src", "CMakeLists.txt"), "w").write(
            "target_link_libraries(benchgate PRIVATE cjson CURL::libcurl)\n")
        for path, (text, _) in PLANTED.items():
            open(os.path.join(tmp, path), "w").write(text)
        os.remove(os.path.join(tmp, "src", "datasets", "datasets.h"))
        breaches, _ = check(tmp)
        expected = [(p, w) for p, (_, w) in PLANTED.items()]
        expected += [("src/datasets/", "no internal header"), ("src/CMakeLists.txt", "links CURL::")]
        missed = [e for e in expected if not any(b.startswith(e[0]) and e[1] in b for b in breaches)]
        for p, w in missed:
            print("FAIL: the planted breach in %s was not reported (%s)" % (p, w))
        if len(breaches) != len(expected):
            print("FAIL: %d breaches reported, %d planted:\n  %s" % (
                len(breaches), len(expected), "\n  ".join(breaches)))
            return 1
        if missed:
            return 1
        if cycle_of({"measure": {"longrun"}, "longrun": {"common", "measure"}}) is None or \
                cycle_of({"measure": {"common"}, "longrun": {"measure"}}) is not None:
            print("FAIL: a cycle of folders was not found, or one was found where there is none")
            return 1
        print("PASS: each of the %d planted breaches was reported, and a planted cycle"
              % len(expected))
        return 0
    finally:
        shutil.rmtree(tmp)


def main(argv):
    if len(argv) == 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    breaches, files = check(os.path.abspath(argv[1]))
    for b in breaches:
        print(b)
    print("%d files checked, %d breach(es) of the layering rules" % (files, len(breaches)))
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
