#!/usr/bin/env python3
"""check_workflows.py - the GitHub Actions workflows parse and do what docs/ci.md says."""
import glob
import os
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


def main(root):
    wf = {os.path.basename(p): load(p) for p in glob.glob(os.path.join(root, ".github/workflows/*.yml"))}
    problems = []
    need = {"bench-cpu.yml", "bench-gpu.yml", "baseline-capture.yml"}
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
        if "GITHUB_STEP_SUMMARY" not in runs(cpu):
            problems.append("bench-cpu.yml: no step summary")
    if "bench-gpu.yml" in wf:
        labels = wf["bench-gpu.yml"]["jobs"]["gate"]["runs-on"]
        if "gpu" not in labels or "self-hosted" not in labels:
            problems.append("bench-gpu.yml: not on a self-hosted gpu runner")
    if "baseline-capture.yml" in wf:
        cap = wf["baseline-capture.yml"]
        if "workflow_dispatch" not in cap["on"]:
            problems.append("baseline-capture.yml: not on demand")
        if "bench-baseline" not in runs(cap) or "gh pr create" not in runs(cap):
            problems.append("baseline-capture.yml: does not capture and open a pull request")
    # every shell command in the workflows is valid bash
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
