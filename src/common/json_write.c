/* json_write.c - JSON values appended as text, the bytes cJSON prints for them: for writers of
 * large documents that do not build a tree first (export --format=gbench). */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

/* cJSON keeps the %.15g form of a number when it reads back within a relative DBL_EPSILON. */
static int close_enough(double a, double b) {
    double larger = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= larger * DBL_EPSILON;
}

static void append_int(bg__strbuf *sb, long v) {
    char digits[24], *p = digits + sizeof digits;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    bg__sb_append(sb, p, (size_t)(digits + sizeof digits - p));
}

void bg__sb_json_number(bg__strbuf *sb, double d) {
    if (!isfinite(d)) {
        bg__sb_append(sb, "null", 4);
        return;
    }
    int as_int = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
    if (d == (double)as_int && !(d == 0 && signbit(d))) { /* -0 prints as %g does: "-0" */
        append_int(sb, as_int);
        return;
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%1.15g", d);
    if (!close_enough(strtod(buf, NULL), d))
        n = snprintf(buf, sizeof buf, "%1.17g", d);
    bg__sb_append(sb, buf, (size_t)n);
}

static void append_escaped(bg__strbuf *sb, const char *s) {
    static const char hex[] = "0123456789abcdef";
    bg__sb_append(sb, "\"", 1);
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 32 && c != '"' && c != '\\')
            continue;
        bg__sb_append(sb, run, (size_t)(p - run));
        run = p + 1;
        const char *esc = c == '"'    ? "\\\""
                          : c == '\\' ? "\\\\"
                          : c == '\b' ? "\\b"
                          : c == '\f' ? "\\f"
                          : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t"
                                      : NULL;
        char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], '\0'};
        bg__sb_append(sb, esc ? esc : u, esc ? strlen(esc) : 6);
    }
    bg__sb_append(sb, run, strlen(run));
    bg__sb_append(sb, "\"", 1);
}

/* 1 when bg__utf8_clean could change s: a byte outside printable ASCII, tab and newline. */
static int may_need_cleaning(const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x7f || (c < 0x20 && c != '\t' && c != '\n'))
            return 1;
    }
    return 0;
}

void bg__sb_json_string(bg__strbuf *sb, const char *s) {
    if (!may_need_cleaning(s)) {
        append_escaped(sb, s);
        return;
    }
    char *copy = strdup(s);
    if (copy == NULL) {
        sb->failed = 1;
        return;
    }
    bg__utf8_clean(copy);
    append_escaped(sb, copy);
    free(copy);
}
