/* json_strict.c - strict JSON for every file benchgate reads (results, baselines, gate.json,
 * checkpoints, the cache): errors at line:column, no byte order mark, no key twice in an
 * object, every number finite (cJSON reads 1e999 as infinity). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

/* The JSON path of child c (the i-th of its parent) followed by inner: ".key..." or "[i]...". */
static void child_path(const cJSON *c, int i, const char *inner, char *where, size_t size) {
    if (c->string)
        snprintf(where, size, ".%s%s", c->string, inner);
    else
        snprintf(where, size, "[%d]%s", i, inner);
}

/* The JSON path of the first number under item that is not finite (cJSON reads 1e999 as
 * infinity), written to where; 0 when there is none. */
static int non_finite(const cJSON *item, char *where, size_t size) {
    if (cJSON_IsNumber(item))
        return !isfinite(item->valuedouble);
    int i = 0;
    for (const cJSON *c = item->child; c != NULL; c = c->next, i++) {
        if (cJSON_IsNumber(c) ? isfinite(c->valuedouble) : c->child == NULL)
            continue; /* the common case, without a path buffer */
        char inner[512];
        inner[0] = '\0';
        if (non_finite(c, inner, sizeof inner)) {
            child_path(c, i, inner, where, size);
            return 1;
        }
    }
    return 0;
}

/* Byte offset -> line:column (1-based), for messages people can follow. */
static void line_column(const char *text, size_t at, unsigned long *line, unsigned long *col) {
    *line = 1, *col = 1;
    for (size_t i = 0; i < at && text[i]; i++) {
        if (text[i] == '\n')
            ++*line, *col = 1;
        else
            ++*col;
    }
}

static int by_key(const void *a, const void *b) {
    return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* The first key of obj that appears twice, or NULL (a reader taking the first and another the
 * last would see two documents). Small objects pairwise, large ones sorted. */
static const char *twice_in(const cJSON *obj) {
    size_t n = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next)
        n++;
    if (n <= 32) {
        for (const cJSON *a = obj->child; a != NULL; a = a->next)
            for (const cJSON *b = a->next; b != NULL; b = b->next)
                if (a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0)
                    return a->string;
        return NULL;
    }
    const cJSON **keys = malloc(n * sizeof *keys);
    if (keys == NULL)
        return NULL;
    size_t k = 0;
    for (const cJSON *c = obj->child; c != NULL; c = c->next)
        keys[k++] = c;
    qsort(keys, n, sizeof *keys, by_key);
    const char *dup = NULL;
    for (size_t i = 1; i < n && dup == NULL; i++)
        if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
            dup = keys[i]->string;
    free(keys);
    return dup;
}

/* The JSON path of the first object under item with a duplicate key, the key in *key. */
static int duplicate_key(const cJSON *item, char *where, size_t size, const char **key) {
    if (cJSON_IsObject(item) && (*key = twice_in(item)) != NULL)
        return 1;
    int i = 0;
    for (const cJSON *c = item->child; c != NULL; c = c->next, i++) {
        if (c->child == NULL)
            continue;
        char inner[512] = "";
        if (duplicate_key(c, inner, sizeof inner, key)) {
            child_path(c, i, inner, where, size);
            return 1;
        }
    }
    return 0;
}

bg_err bg__json_parse_strict(const char *text, const char *path, cJSON **out, bg__error *err) {
    BG_RETURN_IF(strncmp(text, "\xEF\xBB\xBF", 3) == 0, err, BG_EINPUT,
                 "%s:1:1: starts with a byte order mark (U+FEFF): JSON is UTF-8 without one "
                 "(RFC 8259)",
                 path);
    size_t bad = bg__utf8_invalid_at(text);
    if (bad != (size_t)-1) {
        unsigned long line, col;
        line_column(text, bad, &line, &col);
        return bg__set_error(err, BG_EINPUT, "%s:%lu:%lu: not valid UTF-8 (byte 0x%02X)", path,
                             line, col, (unsigned)(unsigned char)text[bad]);
    }
    const char *end = NULL;
    struct bg__json_arena *arena = bg__json_arena_begin();
    cJSON *doc = cJSON_ParseWithOpts(text, &end, 1);
    bg__json_arena_end(arena);
    if (doc == NULL) {
        unsigned long line, col;
        size_t at = end ? (size_t)(end - text) : 0;
        line_column(text, at, &line, &col);
        return bg__set_error(err, BG_EINPUT, "%s:%lu:%lu: not valid JSON (byte %zu)", path, line,
                             col, at);
    }
    char where[512] = "";
    if (non_finite(doc, where, sizeof where)) {
        cJSON_Delete(doc);
        return bg__set_error(err, BG_EINPUT,
                             "%s: %s: a number out of range (strict JSON: finite numbers only)",
                             path, where[0] ? where : "(top)");
    }
    const char *key = NULL;
    where[0] = '\0';
    if (duplicate_key(doc, where, sizeof where, &key)) {
        char shown[400];
        bg__value_excerpt(key, shown, sizeof shown);
        cJSON_Delete(doc);
        return bg__set_error(err, BG_EINPUT, "%s: %s: the key '%s' appears more than once", path,
                             where[0] ? where : "(top)", shown);
    }
    *out = doc;
    return BG_OK;
}

bg_err bg__json_parse_file(const char *path, cJSON **out, bg__error *err) {
    char *text = bg__read_text(path, err);
    if (text == NULL)
        return err->code;
    bg_err rc = bg__json_parse_strict(text, path, out, err);
    free(text);
    return rc;
}
