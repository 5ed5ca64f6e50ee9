/* json_get.c - the accessors every reader of benchgate's JSON uses: a member, its text, its
 * number. Each takes NULL for a missing object and never fails. */
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
