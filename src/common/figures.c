/* figures.c - figures for people: a value in its unit scaled to four digits ("148.5 ns",
 * "136.2 GB/s"), and text as Markdown that shows exactly that text (escaped, or as a code
 * span); and for files, the shortest text of a
 * number that reads back exactly. Reports, the gate's table and
 * benchgate verdicts print them alike. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

static const char *si_prefix(double *v) {
    static const char *const prefixes[] = {"", "k", "M", "G", "T", "P"};
    int i = 0;
    while (i < 5 && fabs(*v) >= 1000) {
        *v /= 1000;
        i++;
    }
    return prefixes[i];
}

/* v in unit for people; micro: the microsecond's symbol ("us" or "\xc2\xb5s"). */
static void human(double v, const char *unit, const char *micro, char *buf, size_t size) {
    const char *const times[] = {"ns", micro, "ms", "s"};
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return;
    }
    if (strcmp(unit, "ns") == 0) {
        int i = 0;
        while (i < 3 && fabs(v) >= 1000)
            v /= 1000, i++;
        snprintf(buf, size, "%.4g %s", v, times[i]);
        return;
    }
    int scaled = strcmp(unit, "B/s") == 0 || strcmp(unit, "items/s") == 0 ||
                 strcmp(unit, "FLOP/s") == 0 || strcmp(unit, "count") == 0 ||
                 strcmp(unit, "instr") == 0 || strcmp(unit, "cycles") == 0;
    const char *prefix = scaled ? si_prefix(&v) : "";
    const char *shown = strcmp(unit, "count") == 0 ? "" : unit;
    const char *space = prefix[0] || (shown[0] && strcmp(shown, "%") != 0) ? " " : "";
    snprintf(buf, size, "%.4g%s%s%s", v, space, prefix, shown);
}

/** v in unit for people: "148.5 ns", "5.77 us", "136.2 GB/s", "1.5 M" (4 digits). */
void bg__figure_human(double v, const char *unit, char *buf, size_t size) {
    human(v, unit, "us", buf, size);
}

/** bg__figure_human() with microseconds as UTF-8 "µs" (HTML and Markdown). */
void bg__figure_human_utf8(double v, const char *unit, char *buf, size_t size) {
    human(v, unit, "\xc2\xb5s", buf, size);
}

/* 1 for the ASCII punctuation that can be markup inside a line of GitHub's Markdown (emphasis,
 * code, links, HTML and entities, tables, strikethrough, math, emoji, mentions, a heading's
 * closing #, the escape itself); CommonMark reads a backslash before any of them as the
 * character. Left alone, never markup there: . , ; / % ' " ? = + - ( ) (a link's "(" needs a
 * "]", which is escaped). */
static int md_punct(unsigned char c) {
    return c != '\0' && strchr("\\`*_[]<>&!|~$#:@{}^", c) != NULL;
}

/** Appends text as Markdown that reads as exactly that text (a table cell's content or
 * prose): each character that could be markup backslash-escaped (| ` * _ [ ] < > & ! ~ $ # : @
 * { } ^ and the backslash), line breaks, tabs and other control characters as spaces. */
void bg__md_text(bg__strbuf *sb, const char *text) {
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            bg__sb_append(sb, " ", 1);
        else if (md_punct(*p))
            bg__sb_printf(sb, "\\%c", *p);
        else
            bg__sb_append(sb, (const char *)p, 1);
    }
}

/** The inside of a code span in a table cell: | escaped, line breaks as spaces (a backtick
 * in text still ends the span: bg__md_code writes the whole span safely). */
void bg__md_cell_text(bg__strbuf *sb, const char *text) {
    for (const char *p = text; *p; p++) {
        if (*p == '|')
            bg__sb_printf(sb, "\\|");
        else if (*p == '\n' || *p == '\r' || *p == '\t')
            bg__sb_printf(sb, " ");
        else
            bg__sb_printf(sb, "%c", *p);
    }
}

/* The longest run of backticks in text. */
static size_t longest_backtick_run(const char *text) {
    size_t longest = 0, run = 0;
    for (const char *p = text; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    return longest;
}

/** Appends text as one whole Markdown code span that shows exactly that text: fenced by one
 * backtick more than its longest run of them, padded with a space where it starts or ends with
 * a backtick or a space; in a table cell (table_cell 1) each | as \| (GFM reads it as |
 * there, inside code too); line breaks and control characters as spaces; nothing for "". */
void bg__md_code(bg__strbuf *sb, const char *text, int table_cell) {
    size_t fence = longest_backtick_run(text) + 1, len = strlen(text);
    if (len == 0)
        return;
    int pad = text[0] == '`' || text[len - 1] == '`' || text[0] == ' ' || text[len - 1] == ' ';
    for (size_t i = 0; i < fence; i++)
        bg__sb_append(sb, "`", 1);
    if (pad)
        bg__sb_append(sb, " ", 1);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            bg__sb_append(sb, " ", 1);
        else if (*p == '|' && table_cell)
            bg__sb_append(sb, "\\|", 2);
        else
            bg__sb_append(sb, (const char *)p, 1);
    }
    if (pad)
        bg__sb_append(sb, " ", 1);
    for (size_t i = 0; i < fence; i++)
        bg__sb_append(sb, "`", 1);
}

void bg__number_text(double v, char *buf, size_t size) {
    if (!isfinite(v)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}
