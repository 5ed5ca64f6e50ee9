/* term_text.c - text for a terminal: its width ($COLUMNS, else 100), whether it reads UTF-8
 * (the locale's variables), the columns a UTF-8 text takes, a long name shortened in the
 * middle, and a message wrapped at a word onto continuation lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "benchgate/terminal.h"
#include "common/common.h"

int bg__term_width(void) {
    const char *c = getenv("COLUMNS");
    char *end = NULL;
    long n = c && *c ? strtol(c, &end, 10) : 0;
    if (end && *end == '\0' && n >= BG__TERM_MIN_WIDTH && n <= 1000)
        return (int)n;
    return BG__TERM_WIDTH;
}

/* The first set of LC_ALL, LC_CTYPE and LANG names the character set (POSIX's order). */
int bg__term_utf8(void) {
    const char *const names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(names[i]);
        if (v == NULL || *v == '\0')
            continue;
        const char *dot = strchr(v, '.');
        if (dot == NULL)
            return 0;
        return strncasecmp(dot + 1, "UTF-8", 5) == 0 || strncasecmp(dot + 1, "utf8", 4) == 0;
    }
    return 0;
}

/* The bytes of the escape sequence at s ("\033[32m"), or 0. */
static size_t escape_len(const char *s) {
    if (s[0] != '\033' || s[1] != '[')
        return 0;
    size_t n = 2;
    while (s[n] && !(s[n] >= 0x40 && s[n] <= 0x7e))
        n++;
    return s[n] ? n + 1 : n;
}

static int continuation(unsigned char c) {
    return (c & 0xc0) == 0x80;
}

size_t bg__text_width(const char *s) {
    size_t w = 0;
    while (*s) {
        size_t esc = escape_len(s);
        if (esc) {
            s += esc;
            continue;
        }
        w += !continuation((unsigned char)*s);
        s++;
    }
    return w;
}

/* The byte offset after the first `cols` characters of s. */
static size_t bytes_of_columns(const char *s, size_t cols) {
    size_t i = 0;
    while (s[i] && cols > 0) {
        i++;
        while (continuation((unsigned char)s[i]))
            i++;
        cols--;
    }
    return i;
}

void bg__text_shorten(const char *s, size_t width, int utf8, char *buf, size_t size) {
    size_t w = bg__text_width(s);
    if (size == 0)
        return;
    if (w <= width || width < 5) {
        snprintf(buf, size, "%s", s);
        return;
    }
    const char *mark = utf8 ? "\xe2\x80\xa6" : "...";
    size_t mark_w = utf8 ? 1 : 3, keep = width - mark_w;
    size_t head = bytes_of_columns(s, (keep + 1) / 2);
    size_t tail = bytes_of_columns(s, w - keep / 2); /* the last keep/2 characters */
    snprintf(buf, size, "%.*s%s%s", (int)head, s, mark, s + tail);
}

/* Appends text[0..n) to sb, without trailing blanks, and a newline. */
static void put_line(bg__strbuf *sb, const char *text, size_t n) {
    while (n > 0 && text[n - 1] == ' ')
        n--;
    bg__sb_append(sb, text, n);
    bg__sb_append(sb, "\n", 1);
}

void bg__text_wrap(bg__strbuf *sb, const char *text, size_t width, const char *indent,
                   size_t used) {
    size_t indent_w = bg__text_width(indent);
    const char *p = text;
    int first = 1; /* its leading blanks are kept: an indented line stays indented */
    do {
        if (!first)
            bg__sb_printf(sb, "%s", indent);
        size_t taken = first ? used : indent_w;
        size_t room = width > taken + 10 ? width - taken : 10;
        size_t fits = bytes_of_columns(p, room), cut = fits;
        if (p[fits] != '\0' && p[fits] != ' ') { /* back to the last blank, if any */
            while (cut > 0 && p[cut - 1] != ' ')
                cut--;
            if (cut == 0)
                cut = fits; /* one word longer than the line: cut it */
        }
        const char *nl = memchr(p, '\n', cut);
        if (nl)
            cut = (size_t)(nl - p);
        put_line(sb, p, cut);
        p += cut;
        while (*p == ' ' || *p == '\n')
            p++;
        first = 0;
    } while (*p);
}

int bg_text_columns(void) {
    return bg__term_width();
}

void bg_print_wrapped(FILE *out, const char *text, const char *indent, size_t used) {
    bg__strbuf sb = {0};
    bg__text_wrap(&sb, text, (size_t)bg__term_width(), indent ? indent : "", used);
    fputs(sb.data && !sb.failed ? sb.data : text, out);
    if (sb.data == NULL || sb.failed)
        fputc('\n', out);
    bg__sb_free(&sb);
}
