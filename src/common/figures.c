/* figures.c - figures for people: a value in its unit scaled to four digits ("148.5 ns",
 * "136.2 GB/s"), and text as one Markdown table cell; and for files, the shortest text of a
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

/** Appends text as one Markdown table cell's content (| escaped, line breaks as spaces). */
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

void bg__number_text(double v, char *buf, size_t size) {
    if (!isfinite(v)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}
