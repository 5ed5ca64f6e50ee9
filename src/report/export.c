/* export.c - one result.json re-written as CSV, JSON, Markdown, JUnit XML or Google Benchmark
 * JSON; also the reading and formatting helpers that summary.c shares. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/report.h"
#include "common/common.h"
#include "config/config.h"
#include "results/results.h"
#include "report/report.h"

/* ---- reading and checking a result ------------------------------------------------------ */

/* 1 when obj[key] is a finite number, stored in *v. */
static int is_ok(const cJSON *obj) {
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
    if (is_ok(bg__json_get(metrics, "instructions")))
        return "instructions";
    return "time_ns";
}

/** A metric's figure: its median (statistics) or its value; 1 when ok and finite. */
int bg__report_metric_value(const cJSON *metric, double *v) {
    if (!is_ok(metric))
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

/* ---- csv -------------------------------------------------------------------------------- */

/** What an export format reads. */
typedef struct export_ctx {
    const cJSON *doc;
    const cJSON *benchmarks;
    const char *path; /**< the result.json read */
} export_ctx;

/* A number as result.csv writes it (%.17g: the double itself), or an empty field. */
static void csv_number(bg__strbuf *sb, int present, double v) {
    char buf[40] = "";
    if (present)
        snprintf(buf, sizeof buf, "%.17g", v);
    bg__sb_csv_field(sb, buf, 0);
}

static void csv_key(bg__strbuf *sb, const cJSON *metric, const char *key) {
    double v = 0;
    int present =
        bg__json_finite(metric, key, &v); /* before v is read: argument order is unspecified */
    csv_number(sb, present, v);
}

/* One row, the columns and numbers of result.csv (bg__results_csv), from the JSON. */
static void csv_row(bg__strbuf *sb, const cJSON *b, const cJSON *metric) {
    static const char *const stats[] = {"median", "mean", "stddev", "min", "max", "p95", "p99"};
    bg__sb_csv_field(sb, bg__json_text(b, "name"), 0);
    bg__sb_csv_field(sb, bg__json_text(b, "family"), 0);
    bg__sb_csv_field(sb, bg__json_text(b, "device"), 0);
    bg__sb_csv_field(sb, metric->string, 0);
    bg__sb_csv_field(sb, bg__json_text(metric, "status"), 0);
    bg__sb_csv_field(sb, bg__json_text(metric, "unit"), 0);
    double median = 0, value = 0;
    int has_median = bg__json_finite(metric, "median", &median);
    int has_value = bg__json_finite(metric, "value", &value);
    csv_number(sb, has_median || has_value, has_median ? median : value);
    csv_key(sb, metric, "n");
    for (size_t i = 0; i < sizeof stats / sizeof *stats; i++)
        csv_key(sb, metric, stats[i]);
    const cJSON *ci = bg__json_get(metric, "ci95");
    for (int i = 0; i < 2; i++) {
        const cJSON *bound = cJSON_GetArrayItem(ci, i);
        csv_number(sb, cJSON_IsNumber(bound), cJSON_IsNumber(bound) ? bound->valuedouble : 0);
    }
    csv_key(sb, metric, "cv");
    bg__sb_csv_field(sb, bg__json_text(metric, "error_message"), 1);
}

static bg_err export_csv(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    (void)err;
    bg__sb_printf(sb, "benchmark,family,device,metric,status,unit,value,n,median,mean,stddev,min,"
                      "max,p95,p99,ci95_lo,ci95_hi,cv,message\n");
    const cJSON *b, *m;
    cJSON_ArrayForEach(b, x->benchmarks) {
        cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) csv_row(sb, b, m);
    }
    return BG_OK;
}

/* ---- json ------------------------------------------------------------------------------- */

static bg_err export_json(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    char *text = bg__json_print((cJSON *)x->doc, 1);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "%s: out of memory printing it", x->path);
    bg__sb_puts(sb, text);
    free(text);
    return BG_OK;
}

/* ---- markdown --------------------------------------------------------------------------- */

static void md_run_line(const cJSON *doc, bg__strbuf *sb) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system"),
                *git = bg__json_get(run, "git");
    double cpus = 0;
    bg__sb_printf(sb, "Run `%s` on `%s` (%s", bg__json_text(run, "run_id"),
                  bg__json_text(sys, "machine_class"), bg__json_text(sys, "cpu_model"));
    if (bg__json_finite(sys, "cpu_count", &cpus))
        bg__sb_printf(sb, ", %.0f CPUs", cpus);
    bg__sb_printf(sb, "), %s build, %s", bg__json_text(sys, "build_type"),
                  bg__json_text(run, "timestamp"));
    const char *sha = bg__json_text(git, "sha");
    if (sha[0])
        bg__sb_printf(sb, ", git `%.10s`%s", sha,
                      cJSON_IsTrue(bg__json_get(git, "dirty")) ? " (dirty)" : "");
    bg__sb_printf(sb, ".\n\n");
}

static void md_header(const export_ctx *x, bg__strbuf *sb) {
    int counts[3] = {0, 0, 0};
    const cJSON *b;
    cJSON_ArrayForEach(b, x->benchmarks) {
        const char *s = bg__json_text(b, "status");
        counts[strcmp(s, "ok") == 0 ? 0 : strcmp(s, "skipped") == 0 ? 1 : 2]++;
    }
    bg__sb_printf(sb, "## benchgate results\n\n");
    md_run_line(x->doc, sb);
    bg__sb_printf(sb, "%d benchmarks: %d ok, %d skipped, %d error.%s\n",
                  counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2],
                  cJSON_IsTrue(bg__json_get(x->doc, "complete")) ? ""
                                                                 : " **The run is incomplete.**");
}

static void md_throughput(const cJSON *metrics, bg__strbuf *sb) {
    static const char *const names[] = {"bytes_per_second", "items_per_second"};
    for (int i = 0; i < 2; i++) {
        const cJSON *m = bg__json_get(metrics, names[i]);
        double v;
        if (bg__report_metric_value(m, &v)) {
            char buf[64];
            bg__report_human(v, bg__json_text(m, "unit"), buf, sizeof buf);
            bg__sb_printf(sb, "%s", buf);
            return;
        }
    }
}

/* The median, ci95 and cv cells of the benchmark's primary metric. */
static void md_figures(const cJSON *b, bg__strbuf *sb) {
    const char *name = bg__report_primary(b);
    const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), name);
    double med, cv;
    char buf[64];
    if (!is_ok(m) || !bg__json_finite(m, "median", &med)) {
        bg__sb_printf(sb, " - | - | - |");
        return;
    }
    bg__report_human_utf8(med, bg__json_text(m, "unit"), buf, sizeof buf);
    bg__sb_printf(sb, " %s%s |", buf,
                  strcmp(name, "instructions") == 0  ? " instructions"
                  : strcmp(name, "cpu_time_ns") == 0 ? " (cpu)"
                                                     : "");
    const cJSON *ci = bg__json_get(m, "ci95");
    const cJSON *lo = cJSON_GetArrayItem(ci, 0), *hi = cJSON_GetArrayItem(ci, 1);
    if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi) && med != 0)
        bg__sb_printf(sb, " ±%.2f%% |", (hi->valuedouble - lo->valuedouble) / 2 / med * 100);
    else
        bg__sb_printf(sb, " - |");
    if (bg__json_finite(m, "cv", &cv))
        bg__sb_printf(sb, " %.2f%% |", cv * 100);
    else
        bg__sb_printf(sb, " - |");
}

static void md_row(const cJSON *b, bg__strbuf *sb) {
    bg__sb_printf(sb, "| `");
    bg__report_md_text(sb, bg__json_text(b, "name"));
    bg__sb_printf(sb, "` | %s", bg__json_text(b, "status"));
    if (!is_ok(b)) {
        bg__sb_printf(sb, ": ");
        bg__report_md_text(sb, bg__json_text(b, "error_message"));
    }
    bg__sb_printf(sb, " |");
    md_figures(b, sb);
    bg__sb_printf(sb, " ");
    if (is_ok(b))
        md_throughput(bg__json_get(b, "metrics"), sb);
    bg__sb_printf(sb, " |\n");
}

static int family_seen_before(const cJSON *list, const cJSON *upto, const char *family) {
    for (const cJSON *b = list->child; b != NULL && b != upto; b = b->next)
        if (strcmp(bg__json_text(b, "family"), family) == 0)
            return 1;
    return 0;
}

static bg_err export_md(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    (void)err;
    md_header(x, sb);
    const cJSON *first, *b;
    cJSON_ArrayForEach(first, x->benchmarks) {
        const char *family = bg__json_text(first, "family");
        if (family_seen_before(x->benchmarks, first, family))
            continue;
        bg__sb_printf(sb, "\n### ");
        bg__report_md_text(sb, family);
        bg__sb_printf(sb, "\n\n| benchmark | status | median | ci95 | cv | throughput |\n"
                          "| --- | --- | ---: | ---: | ---: | ---: |\n");
        cJSON_ArrayForEach(b, x->benchmarks) {
            if (strcmp(bg__json_text(b, "family"), family) == 0)
                md_row(b, sb);
        }
    }
    return BG_OK;
}

/* ---- junit ------------------------------------------------------------------------------ */

/* Appends s XML-escaped; in attributes line breaks and tabs become character references. */
static void xml_escaped(bg__strbuf *sb, const char *s, int attribute) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '&')
            bg__sb_printf(sb, "&amp;");
        else if (*p == '<')
            bg__sb_printf(sb, "&lt;");
        else if (*p == '>')
            bg__sb_printf(sb, "&gt;");
        else if (*p == '"')
            bg__sb_printf(sb, "&quot;");
        else if (*p == '\'')
            bg__sb_printf(sb, "&apos;");
        else if (*p == '\n' || *p == '\r' || *p == '\t')
            bg__sb_printf(sb, attribute ? "&#%d;" : "%c", *p);
        else
            bg__sb_printf(sb, "%c", *p < 0x20 ? '?' : *p); /* not allowed in XML 1.0 */
    }
}

static void xml_attr(bg__strbuf *sb, const char *s) {
    xml_escaped(sb, s, 1);
}

/* A row needs a benchmark and a verdict: regression, pass, improvement, inconclusive, new, gone
 * or "not compared" (only "regression" fails a testcase; others are reported). */
static bg_err check_verdict_row(const char *path, int i, const cJSON *row, bg__error *err) {
    BG_RETURN_IF(!cJSON_IsString(bg__json_get(row, "benchmark")) ||
                     !cJSON_IsString(bg__json_get(row, "verdict")),
                 err, BG_EINPUT, "%s: rows[%d]: needs the strings \"benchmark\" and \"verdict\"",
                 path, i);
    return BG_OK;
}

/* Reads verdict.json beside the result when there is one (*out stays NULL otherwise). */
static bg_err load_verdicts(const char *result_path, cJSON **out, bg__error *err) {
    char path[BG__PATH_MAX + 32];
    const char *slash = strrchr(result_path, '/');
    int dir_len = slash ? (int)(slash - result_path) + 1 : 0;
    snprintf(path, sizeof path, "%.*sverdict.json", dir_len, result_path);
    *out = NULL;
    if (access(path, F_OK) != 0)
        return BG_OK;
    BG_FORWARD_IF_ERROR(bg__json_parse_file(path, out, err));
    const cJSON *rows = bg__json_get(*out, "rows"), *row;
    bg_err rc = cJSON_IsArray(rows)
                    ? BG_OK
                    : bg__set_error(err, BG_EINPUT, "%s: \"rows\" missing or not an array", path);
    int i = 0;
    cJSON_ArrayForEach(row, rows) {
        if (rc == BG_OK)
            rc = check_verdict_row(path, i++, row, err);
    }
    if (rc != BG_OK)
        cJSON_Delete(*out), *out = NULL;
    return rc;
}

static void verdict_text(bg__strbuf *sb, const cJSON *row) {
    double pct;
    bg__sb_printf(sb, "%s: %s", bg__json_text(row, "verdict"), bg__json_text(row, "metric"));
    const char *v = bg__json_text(row, "verdict");
    int compared = strcmp(v, "not compared") && strcmp(v, "new") && strcmp(v, "gone");
    if (compared && bg__json_finite(row, "change_pct", &pct))
        bg__sb_printf(sb, " %+.2f%%", pct);
    else if (compared && bg__json_finite(row, "change_points", &pct))
        bg__sb_printf(sb, " %+.3g points", pct);
    if (bg__json_text(row, "note")[0])
        bg__sb_printf(sb, " (%s)", bg__json_text(row, "note"));
}

/* Why the benchmark fails, "; "-separated: its error (else its error metrics), regression
 * verdicts. */
static void failure_reasons(const cJSON *b, const cJSON *verdict_rows, bg__strbuf *why) {
    int failed = strcmp(bg__json_text(b, "status"), "error") == 0;
    if (failed)
        bg__sb_printf(why, "error: %s", bg__json_text(b, "error_message"));
    const cJSON *m, *row;
    cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) {
        if (!failed && strcmp(bg__json_text(m, "status"), "error") == 0)
            bg__sb_printf(why, "%s%s: %s", why->len ? "; " : "", m->string,
                          bg__json_text(m, "error_message"));
    }
    cJSON_ArrayForEach(row, verdict_rows) {
        if (strcmp(bg__json_text(row, "benchmark"), bg__json_text(b, "name")) == 0 &&
            strcmp(bg__json_text(row, "verdict"), "regression") == 0) {
            bg__sb_printf(why, "%s", why->len ? "; " : "");
            verdict_text(why, row);
        }
    }
}

/* <system-out>: the primary figure and every verdict on the benchmark. */
static void junit_output(const cJSON *b, const cJSON *verdict_rows, bg__strbuf *sb) {
    bg__strbuf out = {0};
    const char *name = bg__report_primary(b);
    const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), name), *row;
    double med, cv = 0;
    if (is_ok(m) && bg__json_finite(m, "median", &med)) {
        char buf[64];
        bg__report_human(med, bg__json_text(m, "unit"), buf, sizeof buf);
        bg__json_finite(m, "cv", &cv);
        bg__sb_printf(&out, "%s median %s, cv %.2f%%\n", name, buf, cv * 100);
    }
    cJSON_ArrayForEach(row, verdict_rows) {
        if (strcmp(bg__json_text(row, "benchmark"), bg__json_text(b, "name")) == 0) {
            verdict_text(&out, row);
            bg__sb_printf(&out, "\n");
        }
    }
    if (out.len) {
        bg__sb_printf(sb, "      <system-out>");
        xml_escaped(sb, out.data, 0);
        bg__sb_printf(sb, "</system-out>\n");
    }
    bg__sb_free(&out);
}

/** Totals of a JUnit suite. */
typedef struct junit_totals {
    int tests, failures, skipped;
    double seconds;
} junit_totals;

static void junit_case(const cJSON *b, const cJSON *verdict_rows, bg__strbuf *sb, junit_totals *t) {
    double seconds = 0;
    bg__json_finite(b, "seconds", &seconds);
    t->tests++;
    t->seconds += seconds;
    bg__sb_printf(sb, "    <testcase classname=\"");
    xml_attr(sb, bg__json_text(b, "family"));
    bg__sb_printf(sb, "\" name=\"");
    xml_attr(sb, bg__json_text(b, "name"));
    bg__sb_printf(sb, "\" time=\"%.3f\">\n", seconds);
    bg__strbuf why = {0};
    failure_reasons(b, verdict_rows, &why);
    if (why.len) {
        t->failures++;
        bg__sb_printf(sb, "      <failure message=\"");
        xml_attr(sb, why.data);
        bg__sb_printf(sb, "\" type=\"%s\"/>\n", is_ok(b) ? "regression" : "error");
    } else if (strcmp(bg__json_text(b, "status"), "skipped") == 0) {
        t->skipped++;
        bg__sb_printf(sb, "      <skipped message=\"");
        xml_attr(sb, bg__json_text(b, "error_message"));
        bg__sb_printf(sb, "\"/>\n");
    }
    bg__sb_free(&why);
    junit_output(b, verdict_rows, sb);
    bg__sb_printf(sb, "    </testcase>\n");
}

static void junit_document(const export_ctx *x, const junit_totals *t, const char *cases,
                           bg__strbuf *sb) {
    const cJSON *run = bg__json_get(x->doc, "run"), *sys = bg__json_get(x->doc, "system");
    /* times with at most 3 decimals and no skipped on <testsuites>: the Jenkins xUnit schema
     * (junit-10.xsd) many CI servers validate against allows nothing else */
    char counts[160];
    snprintf(counts, sizeof counts, "tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\"",
             t->tests, t->failures, t->seconds);
    bg__sb_printf(sb,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<testsuites name=\"benchgate\" %s>\n  <testsuite name=\"benchgate\" %s "
                  "skipped=\"%d\" timestamp=\"",
                  counts, counts, t->skipped);
    xml_attr(sb, bg__json_text(run, "timestamp"));
    bg__sb_printf(sb, "\" hostname=\"");
    xml_attr(sb, bg__json_text(sys, "hostname"));
    bg__sb_printf(sb, "\">\n    <properties>\n      <property name=\"run_id\" value=\"");
    xml_attr(sb, bg__json_text(run, "run_id"));
    bg__sb_printf(sb, "\"/>\n      <property name=\"machine_class\" value=\"");
    xml_attr(sb, bg__json_text(sys, "machine_class"));
    bg__sb_printf(sb, "\"/>\n    </properties>\n%s  </testsuite>\n</testsuites>\n", cases);
}

static bg_err export_junit(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    cJSON *verdict = NULL;
    BG_FORWARD_IF_ERROR(load_verdicts(x->path, &verdict, err));
    const cJSON *rows = bg__json_get(verdict, "rows"), *b;
    bg__strbuf cases = {0};
    junit_totals t = {0, 0, 0, 0};
    cJSON_ArrayForEach(b, x->benchmarks) junit_case(b, rows, &cases, &t);
    junit_document(x, &t, cases.data ? cases.data : "", sb);
    sb->failed |= cases.failed;
    bg__sb_free(&cases);
    cJSON_Delete(verdict);
    return BG_OK;
}

/* ---- gbench ----------------------------------------------------------------------------- */

static cJSON *gbench_context(const cJSON *doc) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system");
    cJSON *c = cJSON_CreateObject();
    double cpus = 1;
    char build[64];
    snprintf(build, sizeof build, "%s", bg__json_text(sys, "build_type"));
    for (char *p = build; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    const char *program = bg__json_text(run, "program");
    bg__json_finite(sys, "cpu_count", &cpus);
    cJSON_AddStringToObject(c, "date", bg__json_text(run, "timestamp"));
    cJSON_AddStringToObject(c, "host_name", bg__json_text(sys, "hostname"));
    cJSON_AddStringToObject(c, "executable", program[0] ? program : "benchgate");
    bg__json_number(c, "num_cpus", cpus);
    bg__json_number(c, "mhz_per_cpu", 0);
    cJSON_AddFalseToObject(c, "cpu_scaling_enabled");
    cJSON_AddArrayToObject(c, "caches");
    cJSON_AddArrayToObject(c, "load_avg");
    cJSON_AddStringToObject(c, "library_build_type", build);
    bg__json_number(c, "json_schema_version", 1);
    return c;
}

/** Per-repetition figures of one benchmark. */
typedef struct gb_reps {
    size_t n;
    double *real, *cpu, *bytes, *items; /**< n each; bytes/items NULL when not measured */
} gb_reps;

/* The metric's "repetition_medians" when present and all finite: their count, else 0. */
static size_t rep_medians(const cJSON *metric, double *out, size_t max) {
    const cJSON *list = bg__json_get(metric, "repetition_medians"), *v;
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (!cJSON_IsArray(list) || n == 0 || (out && n != max))
        return 0;
    size_t i = 0;
    cJSON_ArrayForEach(v, list) {
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 0)
            return 0;
        if (out)
            out[i] = v->valuedouble;
        i++;
    }
    return n;
}

/* bytes or items per second of each repetition, from the overall rate and the medians. */
static double *rep_rates(const cJSON *metrics, const char *name, const gb_reps *r, double *buf,
                         double median) {
    double rate;
    if (!bg__report_metric_value(bg__json_get(metrics, name), &rate))
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        buf[i] = r->real[i] > 0 ? rate * median / r->real[i] : rate;
    return buf;
}

/* Fills r for an ok benchmark: 1, then r->real must be freed; 0 when it has no time to
 * export; -1 out of memory. */
static int gbench_reps(const cJSON *b, gb_reps *r) {
    const cJSON *metrics = bg__json_get(b, "metrics");
    const cJSON *time = bg__json_get(metrics, "time_ns"),
                *cpu = bg__json_get(metrics, "cpu_time_ns");
    double median, cpu_median;
    if (!is_ok(b) || !is_ok(time) || !bg__json_finite(time, "median", &median))
        return 0;
    size_t n = rep_medians(time, NULL, 0);
    r->n = n ? n : 1;
    r->real = malloc(4 * r->n * sizeof(double));
    if (r->real == NULL)
        return -1;
    r->cpu = r->real + r->n;
    if (n == 0)
        r->real[0] = median;
    else
        rep_medians(time, r->real, n);
    int has_cpu = bg__report_metric_value(cpu, &cpu_median);
    if (rep_medians(cpu, r->cpu, r->n) == 0)
        for (size_t i = 0; i < r->n; i++)
            r->cpu[i] = has_cpu ? cpu_median : r->real[i];
    r->bytes = rep_rates(metrics, "bytes_per_second", r, r->cpu + r->n, median);
    r->items = rep_rates(metrics, "items_per_second", r, r->cpu + 2 * r->n, median);
    return 1;
}

/** Where a benchmark stands in the export: Google Benchmark's family and instance indexes. */
typedef struct gb_place {
    const cJSON *bench;
    int family_index, instance_index;
} gb_place;

/** The families exported so far, in order of appearance, with their instance counts. */
typedef struct gb_families {
    const char **names;
    int *instances;
    int count;
} gb_families;

static void gbench_place(gb_families *f, const cJSON *b, gb_place *p) {
    const char *family = bg__json_text(b, "family");
    int i = 0;
    while (i < f->count && strcmp(f->names[i], family) != 0)
        i++;
    if (i == f->count)
        f->names[f->count++] = family;
    p->bench = b;
    p->family_index = i;
    p->instance_index = f->instances[i]++;
}

static cJSON *gbench_entry(const gb_place *p, const char *suffix, size_t reps) {
    char name[600];
    const char *inst = bg__json_text(p->bench, "name");
    snprintf(name, sizeof name, "%s%s", inst, suffix);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", name);
    bg__json_number(e, "family_index", p->family_index);
    bg__json_number(e, "per_family_instance_index", p->instance_index);
    cJSON_AddStringToObject(e, "run_name", inst);
    cJSON_AddStringToObject(e, "run_type", suffix[0] ? "aggregate" : "iteration");
    bg__json_number(e, "repetitions", (double)reps);
    return e;
}

static void gbench_times(cJSON *e, double real, double cpu, const gb_reps *r, const double *rates) {
    bg__json_number(e, "real_time", real);
    bg__json_number(e, "cpu_time", cpu);
    cJSON_AddStringToObject(e, "time_unit", "ns");
    if (r->bytes)
        bg__json_number(e, "bytes_per_second", rates[0]);
    if (r->items)
        bg__json_number(e, "items_per_second", rates[1]);
}

/* The iterations of one repetition, as Google Benchmark counts them: the iterations of one
 * sample times the samples of a repetition (time_ns.n over all repetitions). */
static double iterations_per_repetition(const cJSON *b, size_t reps) {
    double per_sample = 1, samples = (double)reps;
    bg__json_finite(b, "iterations_per_sample", &per_sample);
    bg__json_finite(bg__json_get(bg__json_get(b, "metrics"), "time_ns"), "n", &samples);
    return round(per_sample * samples / (double)(reps ? reps : 1));
}

static void gbench_iterations(cJSON *list, const gb_place *p, const gb_reps *r) {
    double iterations = iterations_per_repetition(p->bench, r->n);
    for (size_t i = 0; i < r->n; i++) {
        cJSON *e = gbench_entry(p, "", r->n);
        bg__json_number(e, "repetition_index", (double)i);
        bg__json_number(e, "threads", 1);
        bg__json_number(e, "iterations", iterations);
        double rates[2] = {r->bytes ? r->bytes[i] : 0, r->items ? r->items[i] : 0};
        gbench_times(e, r->real[i], r->cpu[i], r, rates);
        cJSON_AddItemToArray(list, e);
    }
}

static double stat_mean(const double *v, size_t n) {
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    return sum / (double)n;
}

static double stat_median(const double *v, size_t n) {
    double *s = malloc(n * sizeof *s);
    if (s == NULL)
        return NAN;
    memcpy(s, v, n * sizeof *s);
    bg__sort_doubles(s, n);
    double m = bg__median_sorted(s, n);
    free(s);
    return m;
}

/* Sample standard deviation (n - 1), as Google Benchmark computes it. */
static double stat_stddev(const double *v, size_t n) {
    double mean = stat_mean(v, n), sq = 0;
    for (size_t i = 0; i < n; i++)
        sq += (v[i] - mean) * (v[i] - mean);
    return n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
}

static double stat_cv(const double *v, size_t n) {
    double mean = stat_mean(v, n);
    return mean != 0 ? stat_stddev(v, n) / mean : 0;
}

/* The _mean, _median, _stddev and _cv entries; none under two repetitions (as Google
 * Benchmark does). */
static void gbench_aggregates(cJSON *list, const gb_place *p, const gb_reps *r) {
    static const char *const names[] = {"mean", "median", "stddev", "cv"};
    double (*const fns[])(const double *, size_t) = {stat_mean, stat_median, stat_stddev, stat_cv};
    for (int k = 0; r->n >= 2 && k < 4; k++) {
        char suffix[16];
        snprintf(suffix, sizeof suffix, "_%s", names[k]);
        cJSON *e = gbench_entry(p, suffix, r->n);
        cJSON_AddStringToObject(e, "aggregate_name", names[k]);
        cJSON_AddStringToObject(e, "aggregate_unit", k == 3 ? "percentage" : "time");
        bg__json_number(e, "threads", 1);
        bg__json_number(e, "iterations", (double)r->n);
        double rates[2] = {r->bytes ? fns[k](r->bytes, r->n) : 0,
                           r->items ? fns[k](r->items, r->n) : 0};
        gbench_times(e, fns[k](r->real, r->n), fns[k](r->cpu, r->n), r, rates);
        cJSON_AddItemToArray(list, e);
    }
}

/* One entry per benchmark, named after it: the medians over all samples (result.json's), for
 * github-action-benchmark and other readers that store every entry as a series. */
static void gbench_overall(cJSON *list, const gb_place *p, const gb_reps *r) {
    const cJSON *metrics = bg__json_get(p->bench, "metrics");
    double real = r->real[0], cpu = r->cpu[0], rates[2] = {0, 0};
    bg__json_finite(bg__json_get(metrics, "time_ns"), "median", &real);
    if (!bg__report_metric_value(bg__json_get(metrics, "cpu_time_ns"), &cpu))
        cpu = real;
    bg__report_metric_value(bg__json_get(metrics, "bytes_per_second"), &rates[0]);
    bg__report_metric_value(bg__json_get(metrics, "items_per_second"), &rates[1]);
    cJSON *e = gbench_entry(p, "", r->n);
    cJSON_ReplaceItemInObjectCaseSensitive(e, "run_type", cJSON_CreateString("aggregate"));
    cJSON_AddStringToObject(e, "aggregate_name", "median");
    cJSON_AddStringToObject(e, "aggregate_unit", "time");
    bg__json_number(e, "threads", 1);
    bg__json_number(e, "iterations", iterations_per_repetition(p->bench, 1));
    gbench_times(e, real, cpu, r, rates);
    cJSON_AddItemToArray(list, e);
}

/* Appends the entries of each ok benchmark (every repetition and the aggregates, or with
 * overall_only one entry of the overall medians); BG_ENOMEM when memory runs out. */
static bg_err gbench_list(const cJSON *benchmarks, cJSON *list, gb_families *fam,
                          int overall_only) {
    const cJSON *b;
    cJSON_ArrayForEach(b, benchmarks) {
        gb_reps r = {0, NULL, NULL, NULL, NULL};
        gb_place p;
        int got = gbench_reps(b, &r);
        if (got < 0)
            return BG_ENOMEM;
        if (got == 0)
            continue;
        gbench_place(fam, b, &p);
        if (overall_only) {
            gbench_overall(list, &p, &r);
        } else {
            gbench_iterations(list, &p, &r);
            gbench_aggregates(list, &p, &r);
        }
        free(r.real);
    }
    return BG_OK;
}

static bg_err gbench_document(const export_ctx *x, int overall_only, bg__strbuf *sb,
                              bg__error *err) {
    size_t total = (size_t)cJSON_GetArraySize(x->benchmarks) + 1;
    gb_families fam = {calloc(total, sizeof(char *)), calloc(total, sizeof(int)), 0};
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "context", gbench_context(x->doc));
    cJSON *list = cJSON_AddArrayToObject(root, "benchmarks");
    bg_err rc = fam.names && fam.instances && list
                    ? gbench_list(x->benchmarks, list, &fam, overall_only)
                    : BG_ENOMEM;
    char *text = rc == BG_OK ? bg__json_print(root, 1) : NULL;
    cJSON_Delete(root);
    free(fam.names);
    free(fam.instances);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory building the gbench export");
    bg__sb_puts(sb, text);
    free(text);
    return BG_OK;
}

static bg_err export_gbench(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return gbench_document(x, 0, sb, err);
}

/* Like --benchmark_report_aggregates_only, one entry per benchmark: its overall median. */
static bg_err export_gbench_aggregates(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return gbench_document(x, 1, sb, err);
}

static bg_err export_custom_smaller(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__export_custom_smaller(x->benchmarks, sb, err); /* export_custom.c */
}

static bg_err export_custom_bigger(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__export_custom_bigger(x->benchmarks, sb, err);
}

/* ---- the public entry points ------------------------------------------------------------ */

typedef bg_err (*export_fn)(const export_ctx *x, bg__strbuf *sb, bg__error *err);

static bg_err export_html(const export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__report_html_doc(x->doc, x->path, sb, err); /* report_html.c */
}

static const struct {
    const char *name;
    export_fn fn;
} formats[] = {
    {"csv", export_csv},
    {"json", export_json},
    {"md", export_md},
    {"junit", export_junit},
    {"gbench", export_gbench},
    {"gbench-aggregates", export_gbench_aggregates},
    {"custom-smaller", export_custom_smaller},
    {"custom-bigger", export_custom_bigger},
    {"html", export_html},
};

static export_fn find_format(const char *name) {
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(name, formats[i].name) == 0)
            return formats[i].fn;
    return NULL;
}

bg_err bg_export(const char *result_path, const char *format, char **out_text, char *errbuf,
                 size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    char path[BG__PATH_MAX + 32];
    cJSON *doc = NULL;
    export_fn fn = find_format(format);
    bg_err rc = out_text == NULL ? bg__set_error(&err, BG_EUSAGE, "no place for the output")
                : fn == NULL
                    ? bg__set_error(&err, BG_EUSAGE, "unknown export format '%s' (formats: %s)",
                                    format ? format : "", BG_EXPORT_FORMATS)
                    : bg__report_load(result_path, &doc, path, sizeof path, &err);
    if (out_text)
        *out_text = NULL;
    if (rc == BG_OK) {
        export_ctx x = {doc, bg__json_get(doc, "benchmarks"), path};
        rc = fn(&x, &sb, &err);
    }
    cJSON_Delete(doc);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}

bg_err bg_write_text_file(const char *path, const char *text, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg_err rc = path == NULL || path[0] == '\0' || text == NULL
                    ? bg__set_error(&err, BG_EUSAGE, "no output file name or no text")
                    : bg__write_atomic(path, text, strlen(text), &err);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    return rc;
}

void bg_text_free(char *text) {
    free(text);
}
