/* complexity_gate.c - the gate on a family's complexity class (result.json "complexity"):
 * a fit of a worse class than the baseline's (O(N) then O(N^2)) is a regression, a better one
 * an improvement, the same class a pass. Google Benchmark computes the fit and never gates on
 * it; a class that grew is what a size sweep is there to catch. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/compare.h"
#include "common/common.h"
#include "gate/gate.h"
#include "measure/measure.h"

static const cJSON *find_fit(const cJSON *list, const char *family) {
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
        if (strcmp(bg__json_text(e, "family"), family) == 0)
            return e;
    }
    return NULL;
}

static void judge_fit(bg_comparison *r, const cJSON *eb, const cJSON *ec) {
    const char *fb = bg__json_text(eb, "fit"), *fc = bg__json_text(ec, "fit");
    int rb = bg__big_o_rank(fb), rc = bg__big_o_rank(fc);
    r->baseline = bg__json_number_or(eb, "coefficient", NAN);
    r->current = bg__json_number_or(ec, "coefficient", NAN);
    r->change = r->change_lo = r->change_hi = r->noise_pct = r->threshold = NAN;
    snprintf(r->unit, sizeof r->unit, "%s", /* of the coefficients, shown beside the classes */
             strcmp(bg__json_text(ec, "metric"), "instructions") == 0 ? "count" : "ns");
    r->verdict = rc > rb   ? BG_VERDICT_REGRESSION
                 : rc < rb ? BG_VERDICT_IMPROVEMENT
                           : BG_VERDICT_PASS;
    if (rc == rb)
        snprintf(r->note, sizeof r->note, "complexity %s, as in the baseline", fc);
    else
        snprintf(r->note, sizeof r->note, "complexity %s, the baseline's %s: a %s class", fc, fb,
                 rc > rb ? "worse" : "better");
}

void bg__compare_complexity(bg_compare *c, const bg_compare_options *opt, const cJSON *base,
                            const cJSON *cur) {
    if (opt->metric && strcmp(opt->metric, "complexity") != 0)
        return; /* --metric asks for another metric alone */
    const cJSON *lb = bg__json_get(base, "complexity"), *ec;
    cJSON_ArrayForEach(ec, bg__json_get(cur, "complexity")) {
        const cJSON *eb = find_fit(lb, bg__json_text(ec, "family"));
        bg_comparison *r =
            eb ? bg__compare_add_row(c, bg__json_text(ec, "family"), "complexity") : NULL;
        if (r)
            judge_fit(r, eb, ec);
    }
}
