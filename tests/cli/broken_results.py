"""broken_results.py SOURCE.json OUT_DIR: writes OUT_DIR/NAME.json, one copy of SOURCE per way a
result file is not a clean measurement (issue 33), each broken in its first benchmark.
The golden cases baseline_refuses_*, gate_refuses_invalid_baseline feed them to benchgate."""
import copy
import json
import sys

src, out = sys.argv[1], sys.argv[2]
good = json.load(open(src, encoding="utf-8"))


def first(d):
    return d["benchmarks"][0]


def time_ns(d):
    return first(d)["metrics"]["time_ns"]


def set_error(d):
    first(d)["status"] = "error"
    first(d)["error_message"] = "kernel failed"


def set_skipped(d):
    first(d)["status"] = "skipped"
    first(d)["error_message"] = "no GPU"


def metric_skipped(d):
    m = time_ns(d)
    for k in list(m):
        if k not in ("unit", "better"):
            del m[k]
    m.update(status="skipped", value=None, error_message="not measured")


def no_time_metric(d):
    del first(d)["metrics"]["time_ns"]


SCHEMA_BROKEN = {
    "params_number": lambda d: first(d)["params"].update(n=-3),
    "device_tpu": lambda d: first(d).update(device="tpu"),
    "no_machine_class": lambda d: d["system"].pop("machine_class"),
    "machine_class_bad": lambda d: d["system"].update(machine_class="../x"),
    "median_negative": lambda d: time_ns(d).update(median=-5.0),
    "median_zero": lambda d: time_ns(d).update(median=0),
    "status_unknown": lambda d: first(d).update(status="passed"),
    "unit_missing": lambda d: time_ns(d).pop("unit"),
    "better_bad": lambda d: time_ns(d).update(better="up"),
    "measure_bad": lambda d: first(d).update(measure="wall"),
    "n_negative": lambda d: time_ns(d).update(n=-3),
    "name_empty": lambda d: first(d).update(name=""),
    "name_control": lambda d: first(d).update(name="a\u001b[31mb"),
    "ok_with_message": lambda d: first(d).update(error_message="odd"),
    "no_time_metric": no_time_metric,
    "extra_top_key": lambda d: d.update(extra=1),
}
NOT_MEASURED = {
    "incomplete": lambda d: d.update(complete=False),
    "error": set_error,
    "skipped": set_skipped,
    "metric_skipped": metric_skipped,
    "empty": lambda d: d.update(benchmarks=[]),
    "one_missing": lambda d: d["benchmarks"].pop(),
}


def write(name, doc):
    with open("%s/%s.json" % (out, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)


write("good", good)
for name, change in list(SCHEMA_BROKEN.items()) + list(NOT_MEASURED.items()):
    d = copy.deepcopy(good)
    change(d)
    write(name, d)
text = json.dumps(good, indent=1)
open("%s/bom.json" % out, "wb").write(b"\xef\xbb\xbf" + text.encode())
open("%s/duplicate_key.json" % out, "w").write(text.replace('"complete": true',
                                                           '"complete": true, "complete": false', 1))
open("%s/nan.json" % out, "w").write(text.replace('"median": ', '"median": NaN, "x": ', 1))
open("%s/huge.json" % out, "w").write(text.replace('"median": ', '"median": 1e400, "x": ', 1))
open("%s/truncated.json" % out, "w").write(text[: len(text) // 2])
print(" ".join(["bom", "duplicate_key", "nan", "huge", "truncated"] + list(SCHEMA_BROKEN)))
