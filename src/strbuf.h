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

/** Frees the buffer (accepts an empty one). */
void bg__sb_free(bg__strbuf *sb);

#endif /* BENCHGATE_STRBUF_H */
