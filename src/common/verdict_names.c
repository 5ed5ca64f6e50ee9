/* verdict_names.c - the name of each verdict, one table for the gate (bg_verdict_name) and for
 * the writers of a comparison's rows (results/verdict_json.c), which stand below the gate. */
#include "benchgate/compare.h"
#include "common/common.h"

const char *bg__verdict_text(int v) {
    static const char *const names[BG_VERDICT_COUNT] = {
        [BG_VERDICT_PASS] = "pass",
        [BG_VERDICT_IMPROVEMENT] = "improvement",
        [BG_VERDICT_INCONCLUSIVE] = "inconclusive",
        [BG_VERDICT_REGRESSION] = "regression",
        [BG_VERDICT_NEW] = "new",
        [BG_VERDICT_GONE] = "gone",
        [BG_VERDICT_NOT_COMPARED] = "not compared",
        [BG_VERDICT_SKIPPED] = "skipped",
        [BG_VERDICT_ERROR] = "error",
    };
    return (unsigned)v < BG_VERDICT_COUNT ? names[v] : "unknown";
}
