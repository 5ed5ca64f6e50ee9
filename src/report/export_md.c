/* export_md.c - export --format=md: a Markdown report of one run, a table per family. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"

/* ---- markdown --------------------------------------------------------------------------- */

/* Text of the result in prose, escaped (bg__md_text). */
static void md_prose_text(bg__strbuf *sb, const cJSON *obj, const char *key) {
    bg__md_text(sb, bg__json_text(obj, key));
}

static void md_run_line(const cJSON *doc, bg__strbuf *sb) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system"),
                *git = bg__json_get(run, "git");
    double cpus = 0;
    bg__sb_printf(sb, "Run ");
    bg__md_code(sb, bg__json_text(run, "run_id"), 0);
    bg__sb_printf(sb, " on ");
    bg__md_code(sb, bg__json_text(sys, "machine_class"), 0);
    bg__sb_printf(sb, " (");
    md_prose_text(sb, sys, "cpu_model");
    if (bg__json_finite(sys, "cpu_count", &cpus))
        bg__sb_printf(sb, ", %.0f CPUs", cpus);
    bg__sb_printf(sb, "), ");
    md_prose_text(sb, sys, "build_type");
    bg__sb_printf(sb, " build, ");
    md_prose_text(sb, run, "timestamp");
    char sha[11];
    snprintf(sha, sizeof sha, "%s", bg__json_text(git, "sha"));
    if (sha[0]) {
        bg__sb_printf(sb, ", git ");
        bg__md_code(sb, sha, 0);
        bg__sb_printf(sb, "%s", cJSON_IsTrue(bg__json_get(git, "dirty")) ? " (dirty)" : "");
    }
    bg__sb_printf(sb, ".\n\n");
}

/* Counted by bg__report_state: a benchmark that failed (or has a metric in error) is never ok. */
static void md_header(const bg__export_ctx *x, bg__strbuf *sb) {
    int counts[3] = {0, 0, 0};
    const cJSON *b;
    cJSON_ArrayForEach(b, x->benchmarks) counts[bg__report_state(b)]++;
    bg__sb_printf(sb, "## benchgate results\n\n");
    md_run_line(x->doc, sb);
    bg__sb_printf(
        sb, "%d benchmarks: %d ok, %d skipped, %d error.%s\n", counts[0] + counts[1] + counts[2],
        counts[BG__BENCH_OK], counts[BG__BENCH_SKIPPED], counts[BG__BENCH_FAILED],
        cJSON_IsTrue(bg__json_get(x->doc, "complete")) ? "" : " **The run is incomplete.**");
}

static void md_throughput(const cJSON *metrics, bg__strbuf *sb) {
    static const char *const names[] = {"bytes_per_second", "items_per_second"};
    for (int i = 0; i < 2; i++) {
        const cJSON *m = bg__json_get(metrics, names[i]);
        double v;
        if (bg__metric_figure(m, &v)) {
            char buf[64];
            bg__figure_human(v, bg__json_text(m, "unit"), buf, sizeof buf);
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
    if (!bg__status_ok(m) || !bg__json_finite(m, "median", &med)) {
        bg__sb_printf(sb, " - | - | - |");
        return;
    }
    bg__figure_human_utf8(med, bg__json_text(m, "unit"), buf, sizeof buf);
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

/* The benchmark, its state (error, skipped or ok: bg__report_state) with its reason, figures. */
static void md_row(const cJSON *b, bg__strbuf *sb) {
    bg__bench_state state = bg__report_state(b);
    bg__sb_printf(sb, "| ");
    bg__md_code(sb, bg__json_text(b, "name"), 1);
    bg__sb_printf(sb, " | %s",
                  state == BG__BENCH_FAILED ? "**error**" : bg__report_state_name(state));
    if (state != BG__BENCH_OK) {
        bg__strbuf why = {0};
        bg__report_reason(b, &why);
        bg__sb_printf(sb, ": ");
        bg__md_text(sb, why.data ? why.data : "");
        sb->failed |= why.failed;
        bg__sb_free(&why);
    }
    bg__sb_printf(sb, " |");
    md_figures(b, sb);
    bg__sb_printf(sb, " ");
    if (state == BG__BENCH_OK)
        md_throughput(bg__json_get(b, "metrics"), sb);
    bg__sb_printf(sb, " |\n");
}

static int family_seen_before(const cJSON *list, const cJSON *upto, const char *family) {
    for (const cJSON *b = list->child; b != NULL && b != upto; b = b->next)
        if (strcmp(bg__json_text(b, "family"), family) == 0)
            return 1;
    return 0;
}

bg_err bg__export_md(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    (void)err;
    md_header(x, sb);
    const cJSON *first, *b;
    cJSON_ArrayForEach(first, x->benchmarks) {
        const char *family = bg__json_text(first, "family");
        if (family_seen_before(x->benchmarks, first, family))
            continue;
        bg__sb_printf(sb, "\n### ");
        bg__md_text(sb, family);
        bg__sb_printf(sb, "\n\n| benchmark | status | median | ci95 | cv | throughput |\n"
                          "| --- | --- | ---: | ---: | ---: | ---: |\n");
        cJSON_ArrayForEach(b, x->benchmarks) {
            if (strcmp(bg__json_text(b, "family"), family) == 0)
                md_row(b, sb);
        }
    }
    return BG_OK;
}
