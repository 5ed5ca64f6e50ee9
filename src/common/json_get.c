/* json_get.c - the accessors every reader of benchgate's JSON uses: a member, its text, its
 * number (each takes NULL for a missing object and never fails); and the one writer of a
 * number that may not be finite (null then: strict JSON has no NaN). */
#include <cjson/cJSON.h>
#include <math.h>

#include "common/common.h"

const cJSON *bg__json_get(const cJSON *obj, const char *key) {
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const char *bg__json_text(const cJSON *obj, const char *key) {
    const char *s = cJSON_GetStringValue(bg__json_get(obj, key));
    return s ? s : "";
}

int bg__json_finite(const cJSON *obj, const char *key, double *v) {
    const cJSON *n = bg__json_get(obj, key);
    if (!cJSON_IsNumber(n) || !isfinite(n->valuedouble))
        return 0;
    *v = n->valuedouble;
    return 1;
}

double bg__json_number_or(const cJSON *obj, const char *key, double fallback) {
    const cJSON *n = bg__json_get(obj, key);
    return cJSON_IsNumber(n) ? n->valuedouble : fallback;
}

void bg__json_number(cJSON *obj, const char *key, double v) {
    if (isfinite(v))
        cJSON_AddNumberToObject(obj, key, v);
    else
        cJSON_AddNullToObject(obj, key);
}
