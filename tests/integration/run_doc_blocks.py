#!/usr/bin/env python3
"""run_doc_blocks.py BUILD SOURCE - runs every shell block marked <!-- runnable --> in README.md
and docs/*.md, as written, in a scratch copy of the repository's top level whose ./build is the
build under test. Fails naming the file and line of any block that fails."""
import glob
import os
import re
import subprocess
import sys
import tempfile

BLOCK = re.compile(r"<!-- runnable -->\s*\n```(?:sh|bash)\n(.*?)```", re.S)
HEAD_PIPE = re.compile(r"\|\s*head\b")


def blocks(path):
    text = open(path).read()
    for m in BLOCK.finditer(text):
        yield text.count("\n", 0, m.start()) + 2, m.group(1)


def workspace(build, source, tmp):
    for name in os.listdir(source):
        if name in ("build", "results") or name.startswith("build-"):
            continue
        os.symlink(os.path.join(source, name), os.path.join(tmp, name))
    os.symlink(os.path.abspath(build), os.path.join(tmp, "build"))


def main(build, source):
    files = [os.path.join(source, "README.md")] + sorted(glob.glob(os.path.join(source, "docs", "*.md")))
    failed = ran = 0
    with tempfile.TemporaryDirectory() as tmp:
        workspace(build, source, tmp)
        env = dict(os.environ, BENCHGATE_BUILD_DIR=os.path.join(tmp, "build"))
        for f in files:
            for line, code in blocks(f):
                ran += 1
                where = "%s:%d" % (os.path.relpath(f, source), line)
                if HEAD_PIPE.search(code):
                    failed += 1
                    print("FAIL %s: '| head' under pipefail kills the writer with SIGPIPE (exit 141)"
                          " when it has more to say; use 'sed -n 1,Np'" % where)
                    continue
                r = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", code], cwd=tmp, env=env,
                                   capture_output=True, text=True, timeout=600)
                if r.returncode != 0:
                    failed += 1
                    print("FAIL %s (exit %d)\n%s\n--- output\n%s%s" % (where, r.returncode, code,
                                                                       r.stdout[-2000:], r.stderr[-2000:]))
                else:
                    print("ok   %s" % where)
    print("%d runnable block(s), %d failed" % (ran, failed))
    return 1 if failed or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
