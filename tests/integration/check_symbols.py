#!/usr/bin/env python3
"""check_symbols.py - the layering of src/ (docs/architecture.md), read from the objects a build
made rather than from their #include lines: a call, or a use of a variable, across folders that
ALLOWED (check_layering.py) does not allow is a breach, even when the declaration it goes
through sits in a header of the wrong folder (a header that declares another folder's functions
hides the tie from the include check; the symbols cannot hide it).

For every object file of the build tree's libraries (src/CMakeFiles/<target>.dir/<folder>/*.o,
src/<folder>/CMakeFiles/<target>.dir/*.o), `nm` gives the symbols it defines and those it needs.
Each defined symbol belongs to the folder of its object. An object of folder F that needs a
symbol defined in folder G, with G neither F nor in ALLOWED[F], is reported with the symbol and
both files. The command (cli/) may use only public functions (bg_...), never an internal bg__...
one. A folder of the core may not define a symbol another folder also defines. An internal
function (bg__...) of a library that no other object of the build needs (the libraries, the
tests, the tools, the benches) is reported too: a function used in its own file only is static.

usage: check_symbols.py SOURCE_DIR BUILD_DIR   Exit: 0 when every rule holds, 1 with each breach
       named, 77 when the build tree has no objects (not built) or nm is missing.
       check_symbols.py --self-test            plants a breach in scratch objects.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_layering import ALLOWED, CORE_FOLDERS  # noqa: E402

BESIDE = ("report", "history", "net", "cli", "cuda")
# Beside the core, a library stands on the core's public API (bg_...) and, for history/ and
# net/, on report/'s internals (docs/architecture.md).
BESIDE_ON = {"history": {"report"}, "net": {"report"}}


def folder_of(obj):
    """build/src/CMakeFiles/benchgate.dir/gate/compare.c.o is gate; build/src/net/CMakeFiles/
    benchgate_net.dir/net.c.o is net; the bench's default main (benchgate_main) is run."""
    parts = obj.replace(os.sep, "/").split("/")
    if "CMakeFiles" not in parts:
        return None
    i = parts.index("CMakeFiles")
    target = parts[i + 1] if i + 1 < len(parts) else ""
    if i >= 1 and parts[i - 1] in BESIDE:
        return parts[i - 1]
    if target == "benchgate_main.dir":
        return "run"  # main() of a bench executable, on top of the core
    rest = parts[i + 2:]
    return rest[0] if len(rest) > 1 and rest[0] in CORE_FOLDERS + ("cuda",) else None


def source_of(rel_obj):
    """build/src/CMakeFiles/benchgate.dir/gate/x.c.o -> src/gate/x.c; build/src/net/CMakeFiles/
    benchgate_net.dir/net.c.o -> src/net/net.c."""
    parts = rel_obj.replace(os.sep, "/").split("/")
    i = parts.index("CMakeFiles")
    return "/".join(parts[:i] + parts[i + 2:])[:-2]


def objects(build, source=None):
    """The object files of the libraries; with source, only those whose source file still
    exists (a file moved to another folder leaves its old object behind in the build tree)."""
    found = []
    src = os.path.join(build, "src")
    for root, _dirs, files in os.walk(src):
        for f in files:
            if f.endswith(".o"):
                path = os.path.join(root, f)
                rel_obj = os.path.relpath(path, build)
                if not folder_of(rel_obj):
                    continue
                if source and not os.path.exists(os.path.join(source, source_of(rel_obj))):
                    continue
                found.append(path)
    return sorted(found)


# Kept global on purpose: the CUDA library's anchor, which the linker keeps with -u (a user's
# link line names it, not an object).
KEPT_GLOBAL = {"bg__cuda_probe_anchor"}


def all_objects(build):
    """Every object file of the build tree (libraries, tests, tools, benches, plugins)."""
    found = []
    for root, _dirs, files in os.walk(build):
        found.extend(os.path.join(root, f) for f in files if f.endswith(".o"))
    return sorted(found)


def cuda_text(source):
    """The text of src/cuda's sources: a function only they call is used even when this build
    has no CUDA objects (no toolkit)."""
    text = []
    for root, _dirs, files in os.walk(os.path.join(source or "", "src", "cuda")):
        for f in files:
            if f.endswith((".c", ".cu", ".h", ".cuh")):
                with open(os.path.join(root, f), errors="replace") as inp:
                    text.append(inp.read())
    return "\n".join(text)


def file_local(build, source, owner, needs):
    """The internal functions of the libraries that no object other than their own needs; needs
    holds what the libraries' objects need (read once, by check), the others are read here."""
    read = {os.path.realpath(obj): undefined for _f, obj, undefined in needs}
    others = [obj for obj in all_objects(build) if os.path.realpath(obj) not in read]
    for obj, (_defined, undefined) in symbols_of(others).items():
        read[os.path.realpath(obj)] = undefined
    needed = {(name, obj) for obj, undefined in read.items() for name in undefined}
    used_by_other = {name for name, obj in needed if name in owner and
                     os.path.realpath(owner[name][1]) != obj}
    cuda = cuda_text(source)
    return ["%s is defined in %s and used only there: make it static" % (name, rel(where, build))
            for name, (_f, where) in sorted(owner.items())
            if name.startswith("bg__") and name not in used_by_other and name not in KEPT_GLOBAL
            and not re.search(r"\b%s\b" % re.escape(name), cuda)]


def symbols_of(paths):
    """{path: (defined, undefined)}: the global symbols of each object file, read by one nm
    per 200 files (an nm per file: 25.6 s for this tree on the 2-core VM; batched: 0.6 s)."""
    found = {path: (set(), set()) for path in paths}
    for at in range(0, len(paths), 200):
        out = subprocess.run(["nm", "-A", "-P"] + paths[at:at + 200], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            path, _, rest = line.partition(": ")
            fields = rest.split()
            if path not in found or len(fields) < 2:
                continue
            defined, undefined = found[path]
            name, kind = fields[0], fields[1]
            if kind == "U":
                undefined.add(name)
            elif kind in "TDBRCGSV" and kind.isupper():
                defined.add(name)
    return found


def check(build, source=None):
    objs = objects(build, source)
    if not objs:
        return None
    owner, needs, problems = {}, [], []
    table = symbols_of(objs)
    for obj in objs:
        f = folder_of(os.path.relpath(obj, build))
        defined, undefined = table[obj]
        for name in defined:
            if name in owner and owner[name][0] != f and f in CORE_FOLDERS:
                problems.append("%s is defined in %s and in %s" % (name, owner[name][1], obj))
            owner.setdefault(name, (f, obj))
        needs.append((f, obj, undefined))
    for f, obj, undefined in needs:
        for name in sorted(undefined):
            if name not in owner:
                continue  # the C library, cJSON, libyaml, OpenSSL, ...
            g, where = owner[name]
            if f == "cli":
                if name.startswith("bg__"):
                    problems.append("%s (cli) uses %s, an internal function of %s/ (%s): the "
                                    "command calls only the public API" % (
                                        rel(obj, build), name, g, rel(where, build)))
                continue
            if g == f or g in ALLOWED.get(f, set()) or g in BESIDE_ON.get(f, set()):
                continue
            if f in BESIDE and name.startswith("bg_") and not name.startswith("bg__"):
                continue  # the public API of the core or of report/
            problems.append("%s (%s) uses %s, defined in %s (%s): %s -> %s is not in ALLOWED" % (
                rel(obj, build), f, name, rel(where, build), g, f, g))
    problems.extend(file_local(build, source, owner, needs))
    return problems, len(objs)


def rel(path, build):
    return os.path.relpath(path, build)


def self_test():
    if shutil.which("cc") is None or shutil.which("nm") is None:
        print("SKIP: no cc or nm for the self-test")
        return 77
    tmp = tempfile.mkdtemp(prefix="bg-symbols.")
    try:
        def obj(rel_path, code):
            path = os.path.join(tmp, rel_path)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".c", "w") as out:
                out.write(code)
            subprocess.run(["cc", "-c", "-o", path, path + ".c"], check=True)
        core = "src/CMakeFiles/benchgate.dir/"
        obj(core + "gate/verdict.c.o", "int bg__gate_thing(void) { return 1; }\n"
            "int bg__gate_alone(void) { return 2; }\nint bg__gate_used(void) { return 3; }\n")
        obj("tests/CMakeFiles/test_gate.dir/unit/test_gate.c.o",
            "int bg__gate_used(void);\nint main(void) { return bg__gate_used(); }\n")
        obj(core + "common/figures.c.o",
            "int bg__gate_thing(void);\nint bg__fig(void) { return bg__gate_thing(); }\n")
        obj("src/cli/CMakeFiles/benchgate_cli.dir/main.c.o",
            "int bg__fig(void);\nint main(void) { return bg__fig(); }\n")
        problems, _ = check(tmp)
        want = ["(common) uses bg__gate_thing", "(cli) uses bg__fig",
                "bg__gate_alone is defined in"]
        if any("bg__gate_used is defined" in p for p in problems):
            print("FAIL: bg__gate_used, which a test calls, was reported as file-local")
            return 1
        missing = [w for w in want if not any(w in p for p in problems)]
        if missing:
            print("FAIL: the self-test's planted breaches were not all reported: %s; got %s" % (
                missing, problems))
            return 1
        print("PASS: the three planted breaches were reported (common -> gate, cli -> bg__fig, "
              "a file-local bg__gate_alone)")
        return 0
    finally:
        shutil.rmtree(tmp)


def main(argv):
    if len(argv) == 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    if shutil.which("nm") is None:
        print("SKIP: nm not found (binutils)")
        return 77
    result = check(argv[2], argv[1])
    if result is None:
        print("SKIP: no object files under %s/src (build it first)" % argv[2])
        return 77
    problems, count = result
    for p in problems:
        print("breach: " + p)
    print("%d object files checked, %d breach(es) of the layering rules in their symbols" % (
        count, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
