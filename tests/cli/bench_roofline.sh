#!/usr/bin/env bash
# bench_roofline: a 4 KiB working set is placed against the L1 ceiling (recorded in the metric
# and the run's profile); a share above 100% is never reported as ok; a profile without the
# level's ceiling says so.
run() { # PROFILE_JSON OUT
    printf '%s' "$1" >"$TMP/profile.json"
    BENCHGATE_PROFILE="$TMP/profile.json" "$BUILD/tests/test_memory_bench" --no-ui \
        --min-time=0.01 --max-time=0.02 --repetitions=1 --filter='^roof_' --baseline=off \
        --output-dir="$TMP/$2" >/dev/null
    echo "$2: exit $?"
    "$PY" - "$TMP/$2/result.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print("profile found", doc["run"]["profile"]["found"])
m = doc["benchmarks"][0]["metrics"]["pct_of_peak_bandwidth"]
c = m.get("ceiling", {})
print("status", m["status"], "level", c.get("level"), "ceiling", c.get("name"),
      "set", c.get("working_set_bytes"), "value", "none" if m["value"] is None else
      ("<=100" if m["value"] <= 100 else ">100"))
print("why", m.get("error_message", ""))
PY
}
run '{"schema":"benchgate.profile/1","ceilings":{"cpu_bandwidth_bps":1e9,"cpu_flops":1e15,"cpu_bandwidth_l1_bps":1e15,"cpu_bandwidth_l2_bps":1e9},"cache_bytes":{"l1d":32768,"l2":524288,"l3":33554432}}' high
run '{"schema":"benchgate.profile/1","ceilings":{"cpu_bandwidth_bps":1e15,"cpu_flops":1e15,"cpu_bandwidth_l1_bps":1000},"cache_bytes":{"l1d":32768}}' low
run '{"schema":"benchgate.profile/1","ceilings":{"cpu_bandwidth_bps":1e15,"cpu_flops":1e15},"cache_bytes":{"l1d":32768}}' old
