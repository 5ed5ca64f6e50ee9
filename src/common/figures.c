/* figures.c - figures for people: a value in its unit scaled to at most four significant
 * digits, never in e-notation ("308 ns", "10.56 µs", "4,119 instr", "100 KiB", "79.8 GB/s",
 * "-" for a missing value), and text as Markdown that shows exactly that text (escaped, or as
 * a code span); and for files, the shortest text of a number that reads back exactly. Reports,
 * the gate's table and
 * benchgate verdicts print them alike. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

/* v (finite, |v| < 1e6) as an integer with thousands separators: "12,345". */
static void grouped(double v, char *buf, size_t size) {
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t n = strlen(digits), o = 0;
    char out[48];
    if (v < 0 && strcmp(digits, "0") != 0)
        out[o++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
}

/* A tiny or huge value as "1.2×10⁻¹⁵", "6.475×10⁸" ("1.2x10^-15" without UTF-8): never e-notation.
 */
static void powers_of_ten(double v, int utf8, char *buf, size_t size) {
    static const char *const sup[] = {
        "\xe2\x81\xb0", "\xc2\xb9",     "\xc2\xb2",     "\xc2\xb3",     "\xe2\x81\xb4",
        "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
    int e = (int)floor(log10(fabs(v)));
    double m = v / pow(10, e);
    if (fabs(m) >= 9.9995)
        m /= 10, e++;
    char mant[32], exp[64] = "", digits[16];
    snprintf(mant, sizeof mant, "%.3f", m);
    for (char *z = mant + strlen(mant) - 1; *z == '0' || *z == '.'; z--) {
        int dot = *z == '.';
        *z = '\0';
        if (dot)
            break;
    }
    if (!utf8) {
        snprintf(buf, size, "%sx10^%d", mant, e);
        return;
    }
    snprintf(digits, sizeof digits, "%d", e < 0 ? -e : e);
    if (e < 0)
        strcat(exp, "\xe2\x81\xbb");
    for (const char *d = digits; *d; d++)
        strcat(exp, sup[*d - '0']);
    snprintf(buf, size,
             "%s\xc3\x97"
             "10%s",
             mant, exp);
}

/* v with at most 4 significant digits, trailing zeros dropped: "308", "10.56", "0.01234",
 * "4,119", "123,456" (an integer below a million is shown whole), "6.475×10⁸"; never
 * e-notation. */
static void sig4(double v, int utf8, char *buf, size_t size) {
    double a = fabs(v);
    if (a == 0) {
        snprintf(buf, size, "0");
        return;
    }
    if (a >= 999.95 && a < 999999.5) {
        grouped(v, buf, size);
        return;
    }
    if (a < 0.0009995 || a >= 999999.5) {
        powers_of_ten(v, utf8, buf, size);
        return;
    }
    int decimals = 3 - (int)floor(log10(a));
    char text[48];
    snprintf(text, sizeof text, "%.*f", decimals < 0 ? 0 : decimals, v);
    if (strchr(text, '.')) {
        char *z = text + strlen(text) - 1;
        while (*z == '0')
            *z-- = '\0';
        if (*z == '.')
            *z = '\0';
    }
    snprintf(buf, size, "%s", text);
}

/* Divides *v by step while it shows 4 digits or more (and a prefix is left). */
static int scale(double *v, double step, double from, int last) {
    int i = 0;
    if (fabs(*v) < from)
        return 0;
    while (i < last && fabs(*v) >= step * 0.99995) {
        *v /= step;
        i++;
    }
    return i;
}

static int is_unit(const char *unit, const char *const *list) {
    for (; *list; list++)
        if (strcmp(unit, *list) == 0)
            return 1;
    return 0;
}

static void join(const char *number, const char *space, const char *unit, char *buf, size_t size) {
    snprintf(buf, size, "%s%s%s", number, unit[0] ? space : "", unit);
}

/* v in unit for people; utf8: "µs" (else "us"), and "×10⁻ⁿ" for tiny values. */
static void human(double v, const char *unit, int utf8, char *buf, size_t size) {
    static const char *const si[] = {"B/s", "items/s", "FLOP/s", "count", "instr", "cycles", NULL};
    static const char *const bytes[] = {"B", "MiB", NULL};
    char number[64], shown[48];
    unit = unit ? unit : "";
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return;
    }
    if (strcmp(unit, "ns") == 0 || strcmp(unit, "s") == 0) {
        const char *const times[] = {"ns", utf8 ? "\xc2\xb5s" : "us", "ms", "s"};
        v *= unit[0] == 's' ? 1e9 : 1;
        int i = fabs(v) < 0.0009995 ? 0 : scale(&v, 1000, 0, 3);
        sig4(v, utf8, number, sizeof number);
        join(number, " ", times[i], buf, size);
        return;
    }
    if (is_unit(unit, bytes)) {
        const char *const names[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        v *= unit[0] == 'M' ? 1048576.0 : 1;
        int i = scale(&v, 1024, 1024, 5);
        sig4(v, utf8, number, sizeof number);
        join(number, " ", names[i], buf, size);
        return;
    }
    if (is_unit(unit, si)) {
        const char *const prefixes[] = {"", "k", "M", "G", "T", "P"};
        int i = scale(&v, 1000, 10000, 5);
        sig4(v, utf8, number, sizeof number);
        const char *name = strcmp(unit, "count") == 0 ? "" : unit;
        int glued = strcmp(unit, "B/s") == 0 || strcmp(unit, "FLOP/s") == 0; /* "79.8 GB/s" */
        snprintf(shown, sizeof shown, "%s%s%s", prefixes[i], i && !glued && name[0] ? " " : "",
                 name);
        join(number, " ", shown, buf, size);
        return;
    }
    sig4(v, utf8, number, sizeof number);
    join(number, strcmp(unit, "%") == 0 ? "" : " ", unit, buf, size);
}

/** v in unit for people, for the terminal: "µs" where the locale reads UTF-8, else "us". */
void bg__figure_human(double v, const char *unit, char *buf, size_t size) {
    human(v, unit, bg__term_utf8(), buf, size);
}

/** bg__figure_human() with "µs" whatever the locale (HTML, Markdown: UTF-8 files). */
void bg__figure_human_utf8(double v, const char *unit, char *buf, size_t size) {
    human(v, unit, 1, buf, size);
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
