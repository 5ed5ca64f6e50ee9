/* report_table.c - figures of a series and aligned text tables, shared by the summaries over
 * run files (summary.c) and over the run history (history_report.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"

bg__series_figures bg__report_series_figures(const double *values, size_t n) {
    bg__series_figures f = {NAN, NAN, NAN, NAN, NAN};
    double *v = n ? malloc(n * sizeof *v) : NULL, sum = 0, sq = 0;
    if (v == NULL)
        return f;
    memcpy(v, values, n * sizeof *v);
    bg__sort_doubles(v, n);
    f.median = bg__median_sorted(v, n);
    f.min = v[0], f.max = v[n - 1];
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    double mean = sum / (double)n;
    for (size_t i = 0; i < n; i++)
        sq += (v[i] - mean) * (v[i] - mean);
    f.spread_pct = f.median != 0 ? (f.max - f.min) / fabs(f.median) * 100 : NAN;
    f.cv_pct = n > 1 && sum != 0 ? sqrt(sq / (double)(n - 1)) / fabs(mean) * 100 : NAN;
    free(v);
    return f;
}

int bg__report_text_width(const char *s) {
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void bg__report_table_line(bg__strbuf *sb, const char *cells, size_t cell_size, int cols,
                           const int *width, unsigned right_aligned) {
    for (int c = 0; c < cols; c++) {
        const char *cell = cells + (size_t)c * cell_size;
        int pad = width[c] - bg__report_text_width(cell);
        const char *sep = c + 1 < cols ? "  " : "\n";
        if (right_aligned & (1u << c))
            bg__sb_printf(sb, "%*s%s%s", pad, "", cell, sep);
        else
            bg__sb_printf(sb, "%s%*s%s", cell, c + 1 < cols ? pad : 0, "", sep);
    }
}

void bg__report_csv_series(bg__strbuf *sb, const char *bench, const char *family,
                           const char *metric, const char *unit, size_t runs, int seen) {
    bg__sb_csv_field(sb, bench, 0);
    bg__sb_csv_field(sb, family, 0);
    bg__sb_csv_field(sb, metric, 0);
    bg__sb_csv_field(sb, unit, 0);
    bg__sb_printf(sb, "%zu,%d,", runs, seen);
}

void bg__report_csv_number(bg__strbuf *sb, double v) {
    char buf[40];
    bg__number_text(v, buf, sizeof buf);
    bg__sb_printf(sb, "%s,", buf);
}
