/* strbuf.c - a growable string buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static int reserve(bg__strbuf *sb, size_t extra) {
    if (sb->failed)
        return -1;
    if (sb->len + extra + 1 <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *grown = realloc(sb->data, cap);
    if (grown == NULL) {
        sb->failed = 1;
        return -1;
    }
    sb->data = grown;
    sb->cap = cap;
    return 0;
}

void bg__sb_printf(bg__strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0 || reserve(sb, (size_t)need) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)need + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)need;
}

void bg__sb_csv_field(bg__strbuf *sb, const char *text, int last) {
    const char *sep = last ? "\n" : ",";
    if (strpbrk(text, ",\"\r\n") == NULL) {
        bg__sb_printf(sb, "%s%s", text, sep);
        return;
    }
    bg__sb_printf(sb, "\"");
    for (const char *p = text; *p; p++)
        bg__sb_printf(sb, *p == '"' ? "\"\"" : "%c", *p);
    bg__sb_printf(sb, "\"%s", sep);
}

void bg__sb_free(bg__strbuf *sb) {
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
    sb->failed = 0;
}
