/* verdict_json.c - one row of a comparison as verdict.json holds it: compare --format=json,
 * gate.json, the verdict.json of a gated run and of benchgate ab, the two-run HTML page. */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "benchgate/compare.h"
#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

int bg__comparison_in_points(const bg_comparison *r) {
    return bg__metric_kind_of(r->metric) == BG__METRIC_ACCURACY;
}

struct cJSON *bg__comparison_json(const bg_comparison *r) {
    cJSON *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "benchmark", r->benchmark);
    cJSON_AddStringToObject(o, "metric", r->metric);
    cJSON_AddStringToObject(o, "unit", r->unit);
    bg__json_number(o, "baseline", r->baseline);
    bg__json_number(o, "current", r->current);
    cJSON_AddStringToObject(o, "change_unit", bg__comparison_in_points(r) ? "points" : "%");
    bg__json_number(o, "change", r->change);
    bg__json_number(o, bg__comparison_in_points(r) ? "change_points" : "change_pct", r->change);
    cJSON *ci = cJSON_AddArrayToObject(o, "change_ci"); /* a bound not known is null */
    cJSON_AddItemToArray(ci, isfinite(r->change_lo) ? cJSON_CreateNumber(r->change_lo)
                                                    : cJSON_CreateNull());
    cJSON_AddItemToArray(ci, isfinite(r->change_hi) ? cJSON_CreateNumber(r->change_hi)
                                                    : cJSON_CreateNull());
    bg__json_number(o, "noise_pct", r->noise_pct);
    bg__json_number(o, "threshold", r->threshold);
    cJSON_AddStringToObject(o, "verdict", bg__verdict_text((int)r->verdict));
    cJSON_AddStringToObject(o, "note", r->note);
    return o;
}
