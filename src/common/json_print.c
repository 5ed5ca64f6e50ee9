/* json_print.c - a cJSON document as text that every reader takes: each string and key made
 * valid UTF-8 without control characters first (bg__utf8_clean). */
#include <cjson/cJSON.h>
#include <stddef.h>

#include "common/common.h"

static void clean_strings(cJSON *node) {
    for (; node; node = node->next) {
        if (node->string)
            bg__utf8_clean(node->string);
        if (cJSON_IsString(node) && node->valuestring)
            bg__utf8_clean(node->valuestring);
        clean_strings(node->child);
    }
}

char *bg__json_print(cJSON *doc, int formatted) {
    if (doc == NULL)
        return NULL;
    clean_strings(doc->child);
    if (doc->string)
        bg__utf8_clean(doc->string);
    return bg__json_release_text(formatted ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc));
}
