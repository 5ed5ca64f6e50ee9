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

/* The blanks a help line starts with. */
static size_t lead_of(const char *line, size_t len) {
    size_t n = 0;
    while (n < len && line[n] == ' ')
        n++;
    return n;
}

/* The column a help line's continuation lines start at: after "usage: ", after an option's
 * column ("  --flag=X    what it does": where the text after two blanks starts), else the
 * line's own indentation. */
static size_t hang_of(const char *line, size_t len) {
    size_t lead = lead_of(line, len);
    if (len - lead >= 7 && strncmp(line + lead, "usage: ", 7) == 0)
        return lead + 7;
    for (size_t i = lead; i + 2 < len && i < lead + 40; i++)
        if (line[i] != ' ' && line[i + 1] == ' ' && line[i + 2] == ' ') {
            size_t j = i + 1;
            while (j < len && line[j] == ' ')
                j++;
            return j < len ? j : lead;
        }
    return lead;
}

/* The physical lines [first, end) of text that make one logical line: those after the first
 * that start at its hang column (a continuation of a usage line starts with "[" or "-"). */
static const char *logical_end(const char *first, size_t *hang) {
    const char *eol = strchr(first, '\n');
    size_t len = eol ? (size_t)(eol - first) : strlen(first);
    size_t lead = lead_of(first, len);
    int usage = len - lead >= 7 && strncmp(first + lead, "usage: ", 7) == 0;
    *hang = hang_of(first, len);
    const char *p = eol ? eol + 1 : first + len;
    while (*p && *p != '\n') {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t l = lead_of(p, n);
        if (l != *hang || l == n || (usage && p[l] != '[' && p[l] != '-') ||
            (*hang > lead && hang_of(p, n) != l))
            break;
        p = e ? e + 1 : p + n;
    }
    return p;
}

/* Appends a help text with each logical line (a paragraph, an option and its description,
 *  a usage line and its continuations) that has a line over width columns re-flowed at a word
 *  to width, its continuation lines at the column they started at; the others as they are. */
static void text_reflow(bg__strbuf *sb, const char *text, size_t width) {
    const char *p = text;
    while (*p) {
        if (*p == '\n') {
            bg__sb_append(sb, "\n", 1);
            p++;
            continue;
        }
        size_t hang;
        const char *end = logical_end(p, &hang);
        int too_long = 0;
        for (const char *q = p; q < end;) {
            const char *e = memchr(q, '\n', (size_t)(end - q));
            size_t n = e ? (size_t)(e - q) : (size_t)(end - q);
            char line[1024];
            snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), q);
            too_long |= bg__text_width(line) > width;
            q = e ? e + 1 : end;
        }
        if (!too_long) {
            bg__sb_append(sb, p, (size_t)(end - p));
            if (end > p && end[-1] != '\n')
                bg__sb_append(sb, "\n", 1);
            p = end;
            continue;
        }
        bg__strbuf joined = {0}; /* the physical lines as one, joined by a blank */
        for (const char *q = p; q < end;) {
            const char *e = memchr(q, '\n', (size_t)(end - q));
            size_t n = e ? (size_t)(e - q) : (size_t)(end - q);
            size_t skip = q == p ? 0 : lead_of(q, n);
            if (q != p)
                bg__sb_append(&joined, " ", 1);
            bg__sb_append(&joined, q + skip, n - skip);
            q = e ? e + 1 : end;
        }
        char indent[128];
        snprintf(indent, sizeof indent, "%*s", (int)(hang < 100 ? hang : 100), "");
        bg__text_wrap(sb, joined.data ? joined.data : "", width, indent, 0);
        bg__sb_free(&joined);
        p = end;
    }
}

void bg_print_reflowed(FILE *out, const char *text) {
    bg__strbuf sb = {0};
    text_reflow(&sb, text, (size_t)bg__term_width());
    fputs(sb.data && !sb.failed ? sb.data : text, out);
    bg__sb_free(&sb);
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
