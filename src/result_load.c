/* result_load.c - reading a text file and a benchgate.result/1 document. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *bg__read_text(const char *path, bg__error *err) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        bg__set_error(err, BG_EINPUT, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    bg__strbuf sb = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bg__sb_printf(&sb, "%.*s", (int)n, chunk);
    fclose(f);
    if (sb.failed || memchr(sb.data ? sb.data : "", '\0', sb.len)) {
        bg__set_error(err, BG_EINPUT, "%s: unreadable (out of memory or binary data)", path);
        bg__sb_free(&sb);
        return NULL;
    }
    return sb.data ? sb.data : calloc(1, 1);
}

bg_err bg__load_result(const char *path, cJSON **out, bg__error *err) {
    char *text = bg__read_text(path, err);
    if (text == NULL)
        return err->code;
    bg_err rc = bg__parse_result(text, path, out, err);
    free(text);
    return rc;
}

bg_err bg__parse_result(const char *text, const char *path, cJSON **out, bg__error *err) {
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithOpts(text, &end, 1);
    if (doc == NULL) {
        long at = end ? (long)(end - text) : 0;
        return bg__set_error(err, BG_EINPUT, "%s: not valid JSON (near byte %ld)", path, at);
    }
    cJSON *schema = cJSON_GetObjectItemCaseSensitive(doc, "schema");
    cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "benchmarks");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "benchgate.result/1") != 0 ||
        !cJSON_IsArray(list)) {
        cJSON_Delete(doc);
        return bg__set_error(err, BG_EINPUT,
                             "%s: not a benchgate.result/1 document "
                             "(\"schema\" or \"benchmarks\" missing)",
                             path);
    }
    *out = doc;
    return BG_OK;
}

void bg__json_number(cJSON *obj, const char *key, double v) {
    if (isfinite(v))
        cJSON_AddNumberToObject(obj, key, v);
    else
        cJSON_AddNullToObject(obj, key);
}
