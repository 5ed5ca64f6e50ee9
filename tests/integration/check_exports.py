#!/usr/bin/env python3
"""check_exports.py SOURCE_DIR BUILD_DIR: the installed libraries export the public API alone.

Installs BUILD_DIR into a temporary prefix (cmake --install), reads every library there with
readelf, and checks that the symbols a library leaves visible (GLOBAL or WEAK, defined, visibility
DEFAULT) are exactly functions the installed public headers declare with BG_API: no internal
bg__ function (bg__next_sample, which BG_LOOP expands to, is the one public bg__ name) and no
helper without the bg_ prefix shows, and every BG_API function is defined, visible, in one of
the installed libraries (those of components this build left out excepted: cuda.h without the
CUDA library).
--self-test: the readers on small inputs (a readelf line, a header line)."""
import glob
import os
import re
import subprocess
import sys
import tempfile

DECL = re.compile(r"^BG_API\b[^(]*?\b(bg_\w+|bg__next_sample)\s*\(", re.M)
# A function declared at the top of a public header without BG_API (it would stay hidden).
UNMARKED = re.compile(r"^(?!BG_API|typedef|static|#|/|\s|\}|extern)[A-Za-z_][\w \*]*?\b(bg_\w+)\s*\(",
                      re.M)
# The headers of an optional library and the library that must define their functions.
COMPONENT_HEADERS = {"cuda.h": "libbenchgate_cuda", "history.h": "libbenchgate_history",
                     "changes.h": "libbenchgate_history", "publish.h": "libbenchgate_history", "integrations.h": "libbenchgate_net"}


def declared(include_dir, unmarked=None):
    """{function: header} of every BG_API declaration under include_dir/benchgate; the
    functions declared without BG_API go to unmarked (a list) when given."""
    names = {}
    for path in sorted(glob.glob(os.path.join(include_dir, "benchgate", "*.h"))):
        with open(path, encoding="utf-8") as f:
            text = re.sub(r"(?m)^#define.*(\\\n.*)*", "", f.read())
        for m in DECL.finditer(text):
            names[m.group(1)] = os.path.basename(path)
        for m in UNMARKED.finditer(text) if unmarked is not None else ():
            unmarked.append("%s (%s)" % (m.group(1), os.path.basename(path)))
    return names


def visible_symbols(readelf_text):
    """The defined GLOBAL/WEAK symbols of DEFAULT visibility in readelf -sW's output."""
    out = set()
    for line in readelf_text.splitlines():
        cols = line.split()
        if len(cols) < 8 or not cols[0].endswith(":"):
            continue
        bind, vis, ndx, name = cols[4], cols[5], cols[6], cols[7]
        if bind in ("GLOBAL", "WEAK") and vis == "DEFAULT" and ndx != "UND" and cols[3] != "FILE":
            out.add(name.split("@")[0])
    return out


def self_test():
    line = "    12: 0000000000000040    42 FUNC    GLOBAL DEFAULT    1 bg_compare_create"
    hidden = "    13: 0000000000000080    10 FUNC    GLOBAL HIDDEN     1 bg__gate"
    undef = "    14: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT  UND bg__json_get"
    assert visible_symbols("\n".join([line, hidden, undef])) == {"bg_compare_create"}
    text = "BG_API const char *bg_version_string(void);\nint bg__x(void);\n"
    assert [m.group(1) for m in DECL.finditer(text)] == ["bg_version_string"]
    assert [m.group(1) for m in UNMARKED.finditer("int bg_x(void);\nBG_API int bg_y(void);\n")] \
        == ["bg_x"]
    print("self-test: ok")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    source, build = argv[1], argv[2]
    with tempfile.TemporaryDirectory(prefix="bg-exports.") as prefix:
        r = subprocess.run(["cmake", "--install", build, "--prefix", prefix],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout + r.stderr)
            print("FAIL: cmake --install failed")
            return 1
        libs = sorted(glob.glob(os.path.join(prefix, "lib*", "libbenchgate*.a")) +
                      glob.glob(os.path.join(prefix, "lib*", "libbenchgate*.so*")))
        if not libs:
            print("FAIL: no libbenchgate library installed under " + prefix)
            return 1
        unmarked = []
        api = declared(os.path.join(prefix, "include"), unmarked)
        for name in unmarked:
            print("FAIL: %s is declared without BG_API: it would not be exported" % name)
        exported = {}
        for lib in libs:
            text = subprocess.run(["readelf", "-sW", lib], capture_output=True, text=True,
                                  check=True).stdout
            exported[os.path.basename(lib).split(".")[0]] = visible_symbols(text)
        return judge(api, exported) or (1 if unmarked else 0)


def judge(api, exported):
    fail = 0
    for lib, names in sorted(exported.items()):
        extra = sorted(n for n in names if n not in api and n != "main")
        for name in extra:
            print(f"FAIL: {lib} exports {name}, which no public header declares with BG_API")
            fail = 1
        print(f"ok: {lib}: {len(names)} visible symbols, {len(extra)} outside the public API")
    everywhere = set().union(*exported.values())
    for name, header in sorted(api.items()):
        lib = COMPONENT_HEADERS.get(header)
        if name in everywhere or (lib is not None and lib not in exported):
            continue
        print(f"FAIL: {name} ({header}) is declared BG_API but no installed library exports it")
        fail = 1
    print(f"{len(api)} BG_API functions in the public headers")
    print("FAIL" if fail else "PASS")
    return fail


if __name__ == "__main__":
    sys.exit(main(sys.argv))
