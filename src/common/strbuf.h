/* strbuf.h - a growable string buffer for building files in memory (internal). */
#ifndef BENCHGATE_STRBUF_H
#define BENCHGATE_STRBUF_H

#include <stddef.h>

/** A NUL-terminated growable buffer; `failed` is set once an allocation fails. */
typedef struct bg__strbuf {
    char *data;
    size_t len, cap;
    int failed;
} bg__strbuf;

/** Appends printf-style text. */
void bg__sb_printf(bg__strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Appends one CSV field, quoted when it holds a comma, quote or newline. */
void bg__sb_csv_field(bg__strbuf *sb, const char *text, int last);

/**
 * Makes s valid UTF-8 in place: each byte that does not belong to a well-formed sequence
 * (a stray continuation, a truncated, overlong or surrogate sequence, beyond U+10FFFF) becomes
 * '?', and so does each control character but tab and newline (an escape sequence must not
 * reach a terminal or a file). @return how many bytes were replaced
 */
size_t bg__utf8_clean(char *s);

/** @return the offset of the first byte of s that is not well-formed UTF-8, or (size_t)-1. */
size_t bg__utf8_invalid_at(const char *s);

/** Frees the buffer (accepts an empty one). */
void bg__sb_free(bg__strbuf *sb);

#endif /* BENCHGATE_STRBUF_H */
