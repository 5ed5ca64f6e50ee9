#!/usr/bin/env python3
"""test_workflow_git.py SOURCE_DIR - the workflows' steps that need git, run as written.

Every `run:` step of .github/workflows/*.yml and ci/templates/*.yml that needs a git checkout
(it runs scripts/ab_pr.sh, or pushes with git push) is run by bash -e, as the runner does, in
two trees:
  - a `git archive` copy of the tree, what actions/checkout leaves when git is missing (its
    REST API fallback: the files, no .git). The step must fail with the clear message, "not in
    a git checkout" (ab_pr.sh) or "no .git" (the capture's guard), before doing anything;
  - a real clone of a local bare repository holding the same tree (origin/main there, as
    fetch-depth: 0 gives). The step must get past that point: ab_pr.sh finds the merge base and
    adds its worktree (the head build is a stand-in cache whose generator does not exist, so it
    stops at configure: nothing is built), and the capture commits a new baseline file, pushes
    its branch to the local origin and calls gh (a stand-in that records its arguments).
${{ ... }} expressions are given fixed values; HOME is a temporary folder; no network is used.
Exit: 0 pass, 1 fail, 77 skipped (no git, no python3-yaml, or SOURCE_DIR not a git checkout).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("SKIP: python3-yaml not installed")
    sys.exit(77)

EXPRESSIONS = {"github.run_id": "4242", "inputs.mode": "instructions", "github.token": ""}
NO_GIT_MESSAGES = ("ab_pr.sh: not in a git checkout", "::error::no .git in")


def git(*args, cwd=None, check=True):
    r = subprocess.run(["git"] + list(args), cwd=cwd, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError("git %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout.strip()


def steps_needing_git(root):
    """[(workflow, step name, script)] of the run steps that run ab_pr.sh or git push."""
    found = []
    paths = sorted(glob.glob(os.path.join(root, ".github/workflows/*.yml")) +
                   glob.glob(os.path.join(root, "ci/templates/*.yml")))
    for path in paths:
        with open(path) as f:
            doc = yaml.safe_load(f)
        for job in doc["jobs"].values():
            for step in job["steps"]:
                run = step.get("run", "")
                if "scripts/ab_pr.sh" in run or "git push" in run:
                    script = re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}",
                                    lambda m: EXPRESSIONS.get(m.group(1), "x"), run)
                    found.append((os.path.relpath(path, root), step.get("name", "?"), script))
    return found


def run_step(script, tree, env):
    r = subprocess.run(["bash", "-e", "-c", script], cwd=tree, env=env, capture_output=True,
                       text=True, timeout=120)
    return r.returncode, r.stdout + r.stderr


def make_env(tmp):
    home, bindir = os.path.join(tmp, "home"), os.path.join(tmp, "bin")
    os.makedirs(home, exist_ok=True)
    os.makedirs(bindir, exist_ok=True)
    gh = os.path.join(bindir, "gh")
    with open(gh, "w") as f:
        f.write('#!/bin/sh\necho "$@" >>"%s/gh.calls"\n' % tmp)
    os.chmod(gh, 0o755)
    env = dict(os.environ, HOME=home, PATH=bindir + os.pathsep + os.environ["PATH"],
               GIT_CONFIG_NOSYSTEM="1", GITHUB_BASE_REF="main",
               GITHUB_STEP_SUMMARY=os.path.join(tmp, "summary.md"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    env.pop("BENCHGATE", None)
    return env


def trees(root, tmp, env):
    """(archive copy, clone): the tree as the REST fallback and as a real checkout give it."""
    tree_ish = git("stash", "create", cwd=root) or "HEAD"
    archive = os.path.join(tmp, "archive")
    os.makedirs(archive)
    tar = subprocess.run(["git", "archive", "--format=tar", tree_ish], cwd=root,
                         capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", archive], input=tar, check=True)
    origin = os.path.join(tmp, "origin.git")
    git("init", "-q", "--bare", "-b", "main", origin)
    seed = os.path.join(tmp, "seed")
    shutil.copytree(archive, seed)
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-q", "-m", "tree"),
                 ("push", "-q", origin, "main")):
        subprocess.run(["git"] + list(args), cwd=seed, env=env, check=True, capture_output=True)
    clone = os.path.join(tmp, "clone")
    subprocess.run(["git", "clone", "-q", origin, clone], env=env, check=True)
    return archive, clone, origin


def stand_in_build(tree):
    """A head build whose cache names a generator that does not exist: ab_pr.sh gets past git
    and stops at configuring the merge base, so nothing is built."""
    os.makedirs(os.path.join(tree, "build"), exist_ok=True)
    with open(os.path.join(tree, "build", "CMakeCache.txt"), "w") as f:
        f.write("CMAKE_HOME_DIRECTORY:INTERNAL=%s\nCMAKE_GENERATOR:INTERNAL=No Such Generator\n"
                % tree)


def check_archive(name, script, archive, env, problems):
    rc, out = run_step(script, archive, env)
    said = [m for m in NO_GIT_MESSAGES if m in out]
    if rc == 0 or not said:
        problems.append("%s: in a tree without .git: exit %d, no clear message:\n%s" % (name, rc, out))
        return
    print("archive copy, %s: exit %d: %s" % (name, rc, next(
        line for line in out.splitlines() if said[0] in line)))


def check_clone_ab(name, script, clone, env, problems):
    stand_in_build(clone)
    rc, out = run_step(script, clone, env)
    head = git("rev-parse", "--short", "HEAD", cwd=clone)
    want = "ab_pr.sh: base %s (merge base with origin/main), head %s" % (head, head)
    worktree = os.path.join(clone, "build-ab-base-src", ".git")
    if any(m in out for m in NO_GIT_MESSAGES) or want not in out or not os.path.exists(worktree) \
            or "the merge base does not configure" not in out:
        problems.append("%s: in a clone: exit %d, not past git:\n%s" % (name, rc, out))
        return
    print("clone, %s: exit %d: '%s', worktree added, stopped at configure (stand-in build)"
          % (name, rc, want))


def check_clone_push(name, script, clone, origin, env, problems):
    os.makedirs(os.path.join(clone, "ci", "baselines", "test-class"), exist_ok=True)
    with open(os.path.join(clone, "ci", "baselines", "test-class", "new.json"), "w") as f:
        f.write("{}\n")
    calls = os.path.join(os.path.dirname(clone), "gh.calls")
    if os.path.exists(calls):
        os.remove(calls)
    before = set(git("branch", "--list", "baselines/*", cwd=origin).split())
    rc, out = run_step(script, clone, env)
    new = sorted(set(git("branch", "--list", "baselines/*", cwd=origin).split()) - before)
    gh = open(calls).read() if os.path.exists(calls) else ""
    if rc != 0 or len(new) != 1 or "pr create" not in gh:
        problems.append("%s: in a clone: exit %d, new branches %r, gh %r:\n%s"
                        % (name, rc, new, gh, out))
        return
    pushed = git("show", "--stat", "--format=%s", new[0], cwd=origin)
    if "ci/baselines/test-class/new.json" not in pushed:
        problems.append("%s: the pushed branch lacks the new baseline:\n%s" % (name, pushed))
        return
    print("clone, %s: exit 0: pushed %s to origin with the new baseline; gh %s"
          % (name, new[0], gh.split("--body")[0].strip()))
    git("reset", "-q", "--hard", "origin/main", cwd=clone)
    git("checkout", "-q", "main", cwd=clone)


def main(root):
    if shutil.which("git") is None:
        print("SKIP: git not installed")
        return 77
    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True).returncode:
        print("SKIP: %s is not a git checkout: no tree to archive" % root)
        return 77
    found = steps_needing_git(root)
    problems = [] if len(found) >= 3 else ["found %d steps that need git, expected at least 3 "
                                           "(bench-ab, baseline-capture, bench-baseline)" % len(found)]
    tmp = tempfile.mkdtemp(prefix="bg-wf-git.")
    try:
        env = make_env(tmp)
        archive, clone, origin = trees(root, tmp, env)
        for wf, step, script in found:
            name = "%s: %s" % (wf, step)
            check_archive(name, script, archive, env, problems)
            if "scripts/ab_pr.sh" in script:
                check_clone_ab(name, script, clone, env, problems)
            else:
                check_clone_push(name, script, clone, origin, env, problems)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print("FAIL", p)
    if not problems:
        print("ok: %d workflow steps that need git fail clearly without .git and run in a clone"
              % len(found))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")))
