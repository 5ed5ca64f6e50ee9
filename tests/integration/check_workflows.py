#!/usr/bin/env python3
"""check_workflows.py - the GitHub Actions workflows parse and do what docs/ci.md says."""
import glob
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("SKIP: python3-yaml not installed")
    sys.exit(77)


def load(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as True
    doc["on"] = doc.pop(True, doc.get("on"))
    return doc


def runs(doc):
    return "\n".join(step.get("run", "") for job in doc["jobs"].values() for step in job["steps"])


INSTALLS_GIT = re.compile(r"apt-get install[^\n]*\bgit\b")


def git_before_checkout(name, doc):
    """A job in a container must install git before actions/checkout: without git, checkout
    downloads a tarball through the REST API and leaves no .git (fetch-depth does nothing)."""
    problems = []
    for job_name, job in doc.get("jobs", {}).items():
        if not job.get("container"):
            continue
        steps = job.get("steps", [])
        checkout = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/checkout")]
        git = [i for i, s in enumerate(steps) if INSTALLS_GIT.search(s.get("run", ""))]
        if checkout and (not git or git[0] > checkout[0]):
            problems.append("%s: job %s runs in a container (%s) but installs no git before "
                            "actions/checkout (step %d): the checkout would leave no .git"
                            % (name, job_name, job["container"], checkout[0] + 1))
    return problems


def main(root):
    wf = {os.path.basename(p): load(p) for p in glob.glob(os.path.join(root, ".github/workflows/*.yml"))}
    templates = {"templates/" + os.path.basename(p): load(p)
                 for p in glob.glob(os.path.join(root, "ci/templates/*.yml"))}
    problems = []
    need = {"bench-cpu.yml", "bench-gpu.yml", "baseline-capture.yml", "bench-ab.yml"}
    problems += ["missing %s" % n for n in sorted(need - set(wf))]
    for name, doc in wf.items():
        for key in ("name", "on", "jobs"):
            if key not in doc:
                problems.append("%s: no '%s'" % (name, key))
        for job_name, job in doc.get("jobs", {}).items():
            if "runs-on" not in job or not job.get("steps"):
                problems.append("%s: job %s lacks runs-on or steps" % (name, job_name))
    if "bench-cpu.yml" in wf:
        cpu = wf["bench-cpu.yml"]
        if "ctest --preset gate" not in runs(cpu):
            problems.append("bench-cpu.yml: does not run the instruction gate")
        if "gcc12" not in open(os.path.join(root, ".github/workflows/bench-cpu.yml")).read() or \
                cpu["jobs"]["gate"].get("container") != "debian:bookworm":
            problems.append("bench-cpu.yml: not in the container of the committed baselines' class")
        classes = os.listdir(os.path.join(root, "ci/baselines"))
        if "x86-64-gcc12-release-instructions" not in classes:
            problems.append("bench-cpu.yml: ci/baselines has no x86-64-gcc12-release-instructions")
    if "bench-gpu.yml" in wf:
        labels = wf["bench-gpu.yml"]["jobs"]["gate"]["runs-on"]
        if "gpu" not in labels or "self-hosted" not in labels:
            problems.append("bench-gpu.yml: not on a self-hosted gpu runner")
    if "bench-ab.yml" in wf:
        ab = wf["bench-ab.yml"]
        if "pull_request" not in ab["on"] or "scripts/ab_pr.sh" not in runs(ab):
            problems.append("bench-ab.yml: does not run scripts/ab_pr.sh on pull requests")
        checkout = [s for s in ab["jobs"]["ab"]["steps"] if s.get("uses", "").startswith("actions/checkout")]
        if not checkout or checkout[0].get("with", {}).get("fetch-depth") != 0:
            problems.append("bench-ab.yml: the checkout lacks the history (fetch-depth: 0) for the merge base")
    if "baseline-capture.yml" in wf:
        cap = wf["baseline-capture.yml"]
        if "workflow_dispatch" not in cap["on"]:
            problems.append("baseline-capture.yml: not on demand")
        if "bench-baseline" not in runs(cap) or "gh pr create" not in runs(cap):
            problems.append("baseline-capture.yml: does not capture and open a pull request")
    need_t = {"templates/bench-gate.yml", "templates/bench-baseline.yml"}
    problems += ["missing ci/%s" % n for n in sorted(need_t - set(templates))]
    gate_t = templates.get("templates/bench-gate.yml")
    if gate_t and ("find_package" in runs(gate_t) or "ctest" not in runs(gate_t)):
        problems.append("ci/templates/bench-gate.yml: does not run ctest -L bench")
    base_t = templates.get("templates/bench-baseline.yml")
    if base_t and ("bench-baseline" not in runs(base_t) or "workflow_dispatch" not in base_t["on"]):
        problems.append("ci/templates/bench-baseline.yml: does not capture on demand")
    shards_t = templates.get("templates/bench-shards.yml")
    if shards_t is None:
        problems.append("missing ci/templates/bench-shards.yml")
    else:
        uses = [st.get("uses", "") for j in shards_t["jobs"].values() for st in j["steps"]]
        shard_job = shards_t["jobs"].get("shard", {})
        matrix = shard_job.get("strategy", {}).get("matrix", {}).get("shard", [])
        if len(matrix) < 2 or "--shard=" not in runs(shards_t):
            problems.append("ci/templates/bench-shards.yml: no matrix of shards running --shard")
        if not any(u.startswith("actions/upload-artifact") for u in uses) or \
                not any(u.startswith("actions/download-artifact") for u in uses):
            problems.append("ci/templates/bench-shards.yml: artifacts not uploaded and downloaded")
        for need in ("benchgate merge", "history import", "secrets.BENCHGATE_DB", "compare"):
            if need not in runs(shards_t) and need not in open(
                    os.path.join(root, "ci/templates/bench-shards.yml")).read():
                problems.append("ci/templates/bench-shards.yml: lacks %s" % need)
        if shards_t["on"].get("push", {}).get("branches") != ["main"]:
            problems.append("ci/templates/bench-shards.yml: not on main")
    main_t = templates.get("templates/benchgate-main.yml")
    if main_t is None:
        problems.append("missing ci/templates/benchgate-main.yml")
    else:
        text = runs(main_t)
        uses = [st.get("uses", "") for j in main_t["jobs"].values() for st in j["steps"]]
        for need in ("history import", "secrets.BENCHGATE_DB", "changes", "--fail-on=regression",
                     "--since=", "last_commit.txt", "benchgate publish"):
            if need not in text and need not in open(
                    os.path.join(root, "ci/templates/benchgate-main.yml")).read():
                problems.append("ci/templates/benchgate-main.yml: lacks %s" % need)
        for need in ("actions/upload-pages-artifact", "actions/deploy-pages"):
            if not any(u.startswith(need) for u in uses):
                problems.append("ci/templates/benchgate-main.yml: does not use %s" % need)
        if main_t["on"].get("push", {}).get("branches") != ["main"]:
            problems.append("ci/templates/benchgate-main.yml: not on main")
    # every shell command in the workflows is valid bash
    wf.update(templates)
    for name, doc in wf.items():
        problems += git_before_checkout(name, doc)
    for name, doc in wf.items():
        for job in doc["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    script = step["run"].replace("${{", "X").replace("}}", "X")
                    r = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
                    if r.returncode != 0:
                        problems.append("%s: step %r: %s" % (name, step.get("name"), r.stderr.strip()))
    for p in problems:
        print("FAIL", p)
    if not problems:
        print("ok: %d workflows" % len(wf))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
