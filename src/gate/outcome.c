/* outcome.c - one order of outcomes for every gate (error > regression > inconclusive >
 * not gated > skipped > pass) and the exit code of each (docs/gates.md). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/results.h"
#include "benchgate/compare.h"
#include "benchgate/errors.h"
#include "common/common.h"
#include "results/results.h"
#include "gate/gate.h"

static const char *const outcome_names[BG_OUTCOME_COUNT] = {
    [BG_OUTCOME_PASS] = "pass",
    [BG_OUTCOME_SKIPPED] = "skipped",
    [BG_OUTCOME_NOT_GATED] = "not gated",
    [BG_OUTCOME_INCONCLUSIVE] = "inconclusive",
    [BG_OUTCOME_REGRESSION] = "regression",
    [BG_OUTCOME_ERROR] = "error",
};

const char *bg_outcome_name(bg_outcome o) {
    return (unsigned)o < BG_OUTCOME_COUNT ? outcome_names[o] : "error";
}

int bg_outcome_parse(const char *name, bg_outcome *out) {
    for (int o = 0; name && o < BG_OUTCOME_COUNT; o++)
        if (strcmp(name, outcome_names[o]) == 0) {
            *out = (bg_outcome)o;
            return 0;
        }
    return -1;
}

bg_outcome bg_verdict_outcome(bg_verdict v) {
    switch (v) {
    case BG_VERDICT_PASS:
    case BG_VERDICT_IMPROVEMENT:
        return BG_OUTCOME_PASS;
    case BG_VERDICT_INCONCLUSIVE:
        return BG_OUTCOME_INCONCLUSIVE;
    case BG_VERDICT_REGRESSION:
        return BG_OUTCOME_REGRESSION;
    case BG_VERDICT_NEW:
    case BG_VERDICT_GONE:
    case BG_VERDICT_NOT_COMPARED:
        return BG_OUTCOME_NOT_GATED;
    case BG_VERDICT_SKIPPED:
        return BG_OUTCOME_SKIPPED;
    case BG_VERDICT_ERROR:
        break;
    }
    return BG_OUTCOME_ERROR;
}

bg_outcome bg_outcome_worst(bg_outcome a, bg_outcome b) {
    return a > b ? a : b;
}

int bg_outcome_exit_code(bg_outcome o, int fail_on_inconclusive, int fail_on_no_baseline) {
    switch (o) {
    case BG_OUTCOME_PASS:
        return BG_EXIT_OK;
    case BG_OUTCOME_SKIPPED:
        return BG_EXIT_SKIP;
    case BG_OUTCOME_NOT_GATED:
        return fail_on_no_baseline ? BG_EXIT_REGRESSION : BG_EXIT_SKIP;
    case BG_OUTCOME_INCONCLUSIVE:
        return fail_on_inconclusive ? BG_EXIT_REGRESSION : BG_EXIT_SKIP;
    case BG_OUTCOME_REGRESSION:
        return BG_EXIT_REGRESSION;
    case BG_OUTCOME_ERROR:
        break;
    }
    return BG_EXIT_FAILED;
}

int bg__gate_policy_exit(const cJSON *gate, bg_outcome outcome) {
    const cJSON *policy = bg__json_get(gate, "policy");
    return bg_outcome_exit_code(outcome, cJSON_IsTrue(bg__json_get(policy, "fail_on_inconclusive")),
                                cJSON_IsTrue(bg__json_get(policy, "fail_on_no_baseline")));
}

/* The exit of a gate.json, from its outcome and policy; -1 when unreadable or unknown. */
static int gate_file_exit(const char *path) {
    cJSON *gate = NULL;
    bg__error err = {0};
    if (bg__json_parse_file(path, &gate, &err) != BG_OK)
        return -1;
    bg_outcome o;
    int code = -1;
    if (strcmp(bg__json_text(gate, "schema"), "benchgate.gate/1") == 0 &&
        bg_outcome_parse(bg__json_text(gate, "outcome"), &o) == 0)
        code = bg__gate_policy_exit(gate, o);
    cJSON_Delete(gate);
    return code;
}

int bg_run_exit_code(const char *run_dir) {
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/gate.json", run_dir);
    int code = gate_file_exit(path);
    if (code >= 0)
        return code;
    snprintf(path, sizeof path, "%s/" BG_RESULT_FILE, run_dir);
    cJSON *doc = NULL;
    bg__error err = {0};
    if (bg__load_result(path, &doc, &err) != BG_OK)
        return -1;
    size_t n = 0, skipped = 0, failed = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        n++;
        skipped += strcmp(bg__json_text(b, "status"), "skipped") == 0;
        failed += strcmp(bg__json_text(b, "status"), "error") == 0;
    }
    cJSON_Delete(doc);
    return failed ? BG_EXIT_FAILED : skipped == n ? BG_EXIT_SKIP : BG_EXIT_OK;
}
