#!/usr/bin/env python3
"""gpu_table.py OUT_DIR - the table and the acceptance checks of scripts/gpu_check.sh.

Reads OUT_DIR/<run>/result.json and OUT_DIR/profile.json; prints kernel, size, time, achieved,
% of ceiling and error for every benchmark, then each check as PASS or FAIL (SKIP for the speed
checks when the results come from the CUDA emulator). Exit 1 if a check fails."""
import json
import os
import sys


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def value(bench, metric, key="value"):
    m = bench.get("metrics", {}).get(metric, {})
    return m.get(key) if m.get("status") == "ok" else None


def achieved(b):
    for metric, scale, unit in (("bytes_per_second", 1e9, "GB/s"), ("items_per_second", 1e6, "Msamples/s"),
                                ("flops_per_second", 1e12, "TFLOP/s")):
        v = value(b, metric)
        if v:
            return "%.2f %s" % (v / scale, unit)
    return ""


def error_of(b):
    for name, m in b.get("metrics", {}).items():
        if "tolerance" in m:
            return "%s=%.2g %s" % (name, m.get("value") or 0, m.get("status"))
    return ""


def table(runs):
    print("%-44s %-10s %12s %18s %9s  %s" % ("kernel", "run", "time", "achieved", "% peak", "error"))
    for run, doc in runs.items():
        for b in doc["benchmarks"]:
            t = value(b, "time_ns", "median")
            pct = value(b, "pct_of_peak_bandwidth") or value(b, "pct_of_peak_flops")
            print("%-44s %-10s %12s %18s %9s  %s" % (
                b["name"], run, "%.4g us" % (t / 1e3) if t else b["status"], achieved(b),
                "%.1f" % pct if pct else "", error_of(b) or (b.get("error_message") or "")[:40]))


def find(runs, run, name):
    for b in (runs.get(run) or {}).get("benchmarks", []):
        if b["name"] == name:
            return b
    return {}


def checks(runs, profile):
    ceil = (profile or {}).get("ceilings", {})
    res = []
    gpu = [b for r, d in runs.items() if not r.startswith("oom") for b in d["benchmarks"] if b["device"] == "cuda"]
    bad = [b["name"] for b in gpu if b["status"] != "ok"]
    res.append(("every GPU result correct (%d GPU benchmarks)" % len(gpu), bool(gpu) and not bad, ", ".join(bad[:4])))
    triad = value(find(runs, "triad_hot", "gpu_triad/cuda/n=256M"), "bytes_per_second")
    copy = ceil.get("gpu_copy_bps")
    res.append(("CUDA triad >= 90% of device-to-device copy", bool(triad and copy and triad >= 0.9 * copy),
                "%.3g / %.3g B/s = %.1f%%" % (triad or 0, copy or 0, 100 * (triad or 0) / (copy or 1))))
    tiled = value(find(runs, "sgemm_gpu", "gpu_sgemm/cuda/impl=tiled/n=4096"), "flops_per_second")
    cublas = value(find(runs, "sgemm_gpu", "gpu_sgemm/cuda/impl=cublas/n=4096"), "flops_per_second")
    res.append(("tiled SGEMM >= 60% of cuBLAS FP32 at 4096^3", bool(tiled and cublas and tiled >= 0.6 * cublas),
                "%.1f%%" % (100 * (tiled or 0) / (cublas or 1))))
    g = value(find(runs, "mlp_gpu", "mlp/cuda/batch_size=1024/concurrency=1"), "items_per_second")
    c = value(find(runs, "mlp_cpu", "mlp/cpu/batch_size=1024/concurrency=1"), "items_per_second")
    res.append(("MLP on GPU >= 10x the CPU's samples/s at batch 1024", bool(g and c and g >= 10 * c),
                "%.3g vs %.3g = %.1fx" % (g or 0, c or 0, (g or 0) / (c or 1))))
    hot = value(find(runs, "triad_hot", "gpu_triad/cuda/n=1M"), "time_ns", "median")
    cold = value(find(runs, "triad_cold", "gpu_triad/cuda/n=1M"), "time_ns", "median")
    res.append(("cold and hot differ for a kernel whose data fits in L2 (cold >= 1.1x hot)",
                bool(hot and cold and cold >= 1.1 * hot), "hot %.4g ns, cold %.4g ns" % (hot or 0, cold or 0)))
    doc = runs.get("triad_hot") or {}
    gpus = doc.get("system", {}).get("gpus") or [{}]
    want = "-".join("".join(c if c.isalnum() else " " for c in (gpus[0].get("name") or "").lower()).split())
    got = doc.get("system", {}).get("machine_class")
    res.append(("the machine class is the GPU model", bool(want) and got == want,
                "%s from '%s'" % (got, gpus[0].get("name"))))
    for run in ("oom_gpu", "oom_cpu"):
        doc = runs.get(run) or {"benchmarks": []}
        msgs = [b.get("error_message") or "" for b in doc["benchmarks"]]
        hit = [m for m in msgs if m.startswith("out of memory: asked")]
        others_ok = any(b["status"] == "ok" for b in doc["benchmarks"]) or run == "oom_gpu"
        res.append(("%s: an error metric and a logged message, the run goes on" % run, bool(hit) and others_ok,
                    hit[0][:70] if hit else "no out-of-memory error recorded"))
    return res


SPEED_CHECKS = ("CUDA triad", "tiled SGEMM", "MLP on GPU", "cold and hot")


def emulated(runs):
    """True when the results come from the CPU emulator (BENCHGATE_CUDA=EMULATE)."""
    for doc in runs.values():
        for gpu in doc.get("system", {}).get("gpus") or []:
            if "emulator" in (gpu.get("name") or ""):
                return True
    return False


def main(out):
    runs = {}
    for name in sorted(os.listdir(out)):
        doc = load(os.path.join(out, name, "result.json"))
        if doc:
            runs[name] = doc
    table(runs)
    print()
    emu = emulated(runs)
    if emu:
        print("(the CUDA emulator: correctness and out of memory are judged; speed is not)")
    failed = 0
    for what, ok, detail in checks(runs, load(os.path.join(out, "profile.json"))):
        if emu and what.startswith(SPEED_CHECKS):
            print("SKIP  %s  (not judged on the emulator)" % what)
            continue
        print("%s  %s  (%s)" % ("PASS" if ok else "FAIL", what, detail))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build-gpu/gpu-check"))
