/* strbuf.c - growable arrays and a growable string buffer. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

int bg__grow(void **p, size_t *cap, size_t need, size_t size, size_t first) {
    if (need <= *cap)
        return 0;
    size_t c = *cap ? (*cap <= SIZE_MAX / 2 ? *cap * 2 : SIZE_MAX) : (first ? first : 1);
    while (c < need && c <= SIZE_MAX / 2)
        c *= 2;
    if (c < need || c > SIZE_MAX / size)
        return -1;
    void *g = realloc(*p, c * size);
    if (g == NULL)
        return -1;
    *p = g, *cap = c;
    return 0;
}

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
    BG__ASSERT(sb != NULL && fmt != NULL);
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

void bg__sb_append(bg__strbuf *sb, const char *text, size_t n) {
    BG__ASSERT(sb != NULL && (text != NULL || n == 0));
    if (reserve(sb, n) != 0)
        return;
    memcpy(sb->data + sb->len, text, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void bg__sb_puts(bg__strbuf *sb, const char *text) {
    bg__sb_append(sb, text, strlen(text));
    bg__sb_append(sb, "\n", 1);
}

void bg__sb_csv_field(bg__strbuf *sb, const char *text, int last) {
    const char *sep = last ? "\n" : ",";
    if (strpbrk(text, ",\"\r\n") == NULL) {
        bg__sb_append(sb, text, strlen(text));
        bg__sb_append(sb, sep, 1);
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

/* The length of the well-formed UTF-8 sequence at p (1 to 4), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *p) {
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] >= 0xc2 && p[0] <= 0xdf   ? 2
               : p[0] >= 0xe0 && p[0] <= 0xef ? 3
               : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4
                                              : 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) || /* overlong, surrogate */
        (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))   /* overlong, > U+10FFFF */
        return 0;
    return n;
}

size_t bg__utf8_sequence(const char *p) {
    return utf8_sequence((const unsigned char *)p);
}

/* The control characters clean text may hold: tab and newline. */
static int bad_control(unsigned char c) {
    return (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n';
}

size_t bg__utf8_clean(char *s) {
    size_t replaced = 0;
    for (unsigned char *p = (unsigned char *)s; p && *p;) {
        size_t n = utf8_sequence(p);
        int control = n == 1 && bad_control(*p);
        if (n == 0 || control) {
            *p++ = '?';
            replaced++;
        } else {
            p += n;
        }
    }
    return replaced;
}

/* The length of the ASCII run at the start of s[0..len), eight bytes at a time. */
static size_t ascii_run(const char *s, size_t len) {
    size_t i = 0;
    for (uint64_t w; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    return i;
}

size_t bg__utf8_invalid_at(const char *s) {
    size_t len = strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t at = (size_t)(p - (const unsigned char *)s), run = ascii_run(s + at, len - at);
        if (run > 0) { /* most of a JSON file: no sequence to check */
            p += run;
            continue;
        }
        size_t n = utf8_sequence(p);
        if (n == 0)
            return (size_t)(p - (const unsigned char *)s);
        p += n;
    }
    return (size_t)-1;
}

const char *bg__text_problem(const char *s, char *buf, size_t size) {
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_sequence(p), at = (size_t)(p - (const unsigned char *)s);
        if (n == 0 || (n == 1 && bad_control(*p))) {
            snprintf(buf, size,
                     n == 0 ? "is not valid UTF-8 (byte 0x%02x at offset %zu)"
                            : "holds a control character (0x%02x at offset %zu)",
                     *p, at);
            return buf;
        }
        p += n;
    }
    return NULL;
}

const char *bg__name_problem(const char *name, char *buf, size_t size) {
    size_t len = strlen(name);
    if (len == 0) {
        snprintf(buf, size, "is empty");
        return buf;
    }
    if (len > BG__NAME_MAX) {
        snprintf(buf, size, "is %zu bytes long, over the limit of %d", len, BG__NAME_MAX);
        return buf;
    }
    if (bg__text_problem(name, buf, size))
        return buf;
    const char *tab = strpbrk(name, "\t\n");
    if (tab)
        snprintf(buf, size, "holds a control character (0x%02x at offset %zu)", *tab,
                 (size_t)(tab - name));
    return tab ? buf : NULL;
}

void bg__text_escape(const char *s, char *out, size_t size) {
    BG__ASSERT(s != NULL && out != NULL && size > 0);
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && k + 5 < size;) {
        size_t n = utf8_sequence(p);
        if (n == 0 || (n == 1 && bad_control(*p))) {
            k += (size_t)snprintf(out + k, size - k, "\\x%02x", *p++);
            continue;
        }
        if (k + n >= size)
            break;
        memcpy(out + k, p, n);
        k += n, p += n;
    }
    if (size > 0)
        out[k < size ? k : size - 1] = '\0';
}
