/* complexity_check.c - the rules of result.json's optional "complexity" list (one fit per
 * family: family, fit, coefficient, rms_pct), applied to every document read, like the rest of
 * result_check.c: a broken entry is an input error naming the file and the key. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

static int finite_number(const cJSON *v) {
    return cJSON_IsNumber(v) && isfinite(v->valuedouble);
}

/* The problem of one entry, or NULL. */
static const char *entry_problem(const cJSON *e) {
    if (!cJSON_IsObject(e))
        return "is not an object";
    if (!cJSON_IsString(bg__json_get(e, "family")) || bg__json_text(e, "family")[0] == '\0')
        return "has no \"family\" string";
    if (bg__big_o_rank(bg__json_text(e, "fit")) < 0)
        return "has a \"fit\" that is not O(1), O(logN), O(N), O(NlogN), O(N^2) or O(N^3)";
    if (!finite_number(bg__json_get(e, "coefficient")))
        return "has no finite number \"coefficient\"";
    const cJSON *rms = bg__json_get(e, "rms_pct");
    if (!finite_number(rms) || rms->valuedouble < 0)
        return "has no number \"rms_pct\" of 0 or more";
    return NULL;
}

bg_err bg__check_complexity(const char *path, const cJSON *doc, bg__error *err) {
    const cJSON *list = bg__json_get(doc, "complexity"), *e;
    if (list == NULL)
        return BG_OK; /* a run without fits */
    BG_RETURN_IF(!cJSON_IsArray(list), err, BG_EINPUT, "%s: complexity: is not an array", path);
    int i = 0;
    cJSON_ArrayForEach(e, list) {
        const char *why = entry_problem(e);
        BG_RETURN_IF(why != NULL, err, BG_EINPUT, "%s: complexity[%d]: %s", path, i, why);
        i++;
    }
    return BG_OK;
}
