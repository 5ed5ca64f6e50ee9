/* export_junit.c - export --format=junit: JUnit XML, one test case per benchmark, failures from
 * the gate's verdict.json next to the result. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

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

/* Why the benchmark fails, "; "-separated: its error (bg__report_reason: its message, else its
 * metrics in error), then its regression verdicts. */
static void failure_reasons(const cJSON *b, const cJSON *verdict_rows, bg__strbuf *why) {
    if (bg__report_state(b) == BG__BENCH_FAILED) {
        bg__sb_printf(why, "error: ");
        bg__report_reason(b, why);
    }
    const cJSON *row;
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
    if (bg__status_ok(m) && bg__json_finite(m, "median", &med)) {
        char buf[64];
        bg__figure_human(med, bg__json_text(m, "unit"), buf, sizeof buf);
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
        /* the reason in the message (what most CI views show) and as the text (the others) */
        bg__sb_printf(sb, "      <failure message=\"");
        xml_attr(sb, why.data);
        bg__sb_printf(sb, "\" type=\"%s\">",
                      bg__report_state(b) == BG__BENCH_FAILED ? "error" : "regression");
        xml_escaped(sb, why.data, 0);
        bg__sb_printf(sb, "</failure>\n");
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

static void junit_document(const bg__export_ctx *x, const junit_totals *t, const char *cases,
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

bg_err bg__export_junit(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
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
