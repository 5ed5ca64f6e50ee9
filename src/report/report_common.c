/* report_common.c - what every report writer shares: reading a checked result, the metric a
 * benchmark is judged by, figures for people and for files, Markdown cells, handing the text
 * over. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

/* ---- reading and checking a result ------------------------------------------------------ */

/** 1 when obj's "status" is "ok". */
int bg__report_is_ok(const cJSON *obj) {
    return strcmp(bg__json_text(obj, "status"), "ok") == 0;
}

/* A run directory stands for the result.json inside it. */
static bg_err resolve_path(const char *path, char *out, size_t size, bg__error *err) {
    struct stat st;
    int is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    int n = snprintf(out, size, is_dir ? "%s/result.json" : "%s", path);
    BG_RETURN_IF(n < 0 || (size_t)n >= size, err, BG_EINPUT, "%s: path too long", path);
    return BG_OK;
}

/**
 * Loads and checks a result (a file or a run directory). The resolved file name goes to
 * resolved. Shared with summary.c. @return BG_OK or BG_EINPUT naming the file
 */
bg_err bg__report_load(const char *path, cJSON **doc, char *resolved, size_t size, bg__error *err) {
    BG_RETURN_IF(path == NULL || path[0] == '\0', err, BG_EUSAGE, "empty result path");
    BG_FORWARD_IF_ERROR(resolve_path(path, resolved, size, err));
    *doc = NULL;
    return bg__load_result(resolved, doc, err);
}

/* ---- shared formatting ------------------------------------------------------------------ */

/** The metric a benchmark is judged by: its "measure" (time, cpu, instructions); in older
 * files without one, instructions when measured, else time_ns. */
const char *bg__report_primary(const cJSON *bench) {
    const cJSON *metrics = bg__json_get(bench, "metrics");
    const char *measure = bg__json_text(bench, "measure");
    if (strcmp(measure, "instructions") == 0)
        return "instructions";
    if (strcmp(measure, "cpu") == 0 && bg__json_get(metrics, "cpu_time_ns"))
        return "cpu_time_ns";
    if (strcmp(measure, "time") == 0)
        return "time_ns";
    if (bg__report_is_ok(bg__json_get(metrics, "instructions")))
        return "instructions";
    return "time_ns";
}

/** A metric's figure: its median (statistics) or its value; 1 when ok and finite. */
int bg__report_metric_value(const cJSON *metric, double *v) {
    if (!bg__report_is_ok(metric))
        return 0;
    return bg__json_finite(metric, "median", v) || bg__json_finite(metric, "value", v);
}

/** The shortest text that reads back as exactly v ("" for NaN and infinities). */
void bg__report_number(double v, char *buf, size_t size) {
    if (!isfinite(v)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

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
void bg__report_human(double v, const char *unit, char *buf, size_t size) {
    human(v, unit, "us", buf, size);
}

/** bg__report_human() with microseconds as UTF-8 "µs" (HTML and Markdown). */
void bg__report_human_utf8(double v, const char *unit, char *buf, size_t size) {
    human(v, unit, "\xc2\xb5s", buf, size);
}

/** Appends text as one Markdown table cell's content (| escaped, line breaks as spaces). */
void bg__report_md_text(bg__strbuf *sb, const char *text) {
    for (const char *p = text; *p; p++) {
        if (*p == '|')
            bg__sb_printf(sb, "\\|");
        else if (*p == '\n' || *p == '\r' || *p == '\t')
            bg__sb_printf(sb, " ");
        else
            bg__sb_printf(sb, "%c", *p);
    }
}

/**
 * Hands sb over as *out_text on success; otherwise frees it and copies the message to errbuf.
 * Shared with summary.c.
 */
bg_err bg__report_finish(bg_err rc, bg__error *err, bg__strbuf *sb, char **out_text, char *errbuf,
                         size_t errlen) {
    if (rc == BG_OK && sb->failed)
        rc = bg__set_error(err, BG_ENOMEM, "out of memory building the output");
    if (rc == BG_OK && sb->data == NULL && (sb->data = calloc(1, 1)) == NULL)
        rc = bg__set_error(err, BG_ENOMEM, "out of memory building the output");
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err->msg);
    if (rc != BG_OK) {
        bg__sb_free(sb);
        return rc;
    }
    *out_text = sb->data;
    return BG_OK;
}
