/* verdicts.c - the combined verdict table of a build tree's gated bench tests (gate.json). */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/verdicts.h"
#include "common/common.h"
#include "results/results.h"
#include "config/config.h"
#include "measure/measure.h"

#define MAX_BENCHES 4096
#define CONSOLE_ROWS 10 /* rows shown per benchmark on the console; all in verdict.md */

typedef struct entry {
    char name[128];
    cJSON *gate;    /**< its gate.json, NULL when none (or none from this ctest run) */
    int no_verdict; /**< it ran in this ctest run but wrote no gate.json (failed before) */
} entry;

typedef struct totals {
    int benches, regression, inconclusive, pass, not_gated, skipped, error, improvements;
    double noise;
} totals;

static int stamp_path(const char *build, char *out, size_t size) {
    int n = snprintf(out, size, "%s/benchgate/ctest.begin", build);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

bg_err bg_verdicts_begin(const char *build_dir, char *errbuf, size_t size) {
    char path[BG__PATH_MAX];
    bg__error err = {0};
    if (stamp_path(build_dir, path, sizeof path) != 0)
        return snprintf(errbuf, size, "%s: path too long", build_dir), BG_EUSAGE;
    if (bg__write_atomic(path, "ctest started\n", 14, &err) != BG_OK)
        return snprintf(errbuf, size, "%s", err.msg), err.code;
    return BG_OK;
}

/* 1 when path was modified at or after *since (or since is NULL). */
static int fresh(const char *path, const struct timespec *since) {
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    if (since == NULL)
        return 1;
    return st.st_mtim.tv_sec > since->tv_sec ||
           (st.st_mtim.tv_sec == since->tv_sec && st.st_mtim.tv_nsec >= since->tv_nsec);
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* The benchmark names of the manifest (NAME.tsv). @return count, or -1 with the message. */
static int read_names(const char *build, entry **out, char *errbuf, size_t size) {
    char dir[BG__PATH_MAX];
    snprintf(dir, sizeof dir, "%s/benchgate/manifest.d", build);
    DIR *d = opendir(dir);
    if (d == NULL)
        return snprintf(errbuf, size, "%s: %s (not a build tree with benchmarks?)", dir,
                        strerror(errno)),
               -1;
    entry *list = calloc(MAX_BENCHES, sizeof *list);
    int n = 0;
    struct dirent *e;
    while (list && (e = readdir(d)) != NULL && n < MAX_BENCHES) {
        size_t len = strlen(e->d_name);
        if (len > 4 && len - 4 < sizeof list[n].name && strcmp(e->d_name + len - 4, ".tsv") == 0)
            snprintf(list[n++].name, sizeof list[n].name, "%.*s", (int)(len - 4), e->d_name);
    }
    closedir(d);
    if (list == NULL)
        return snprintf(errbuf, size, "out of memory"), -1;
    qsort(list, (size_t)n, sizeof *list, by_name);
    *out = list;
    return n;
}

/* Reads NAME's gate.json when it is fresh; marks a run without one. */
static bg_err load_entry(const char *build, entry *e, const struct timespec *since, char *errbuf,
                         size_t size) {
    char path[BG__PATH_MAX + 256], log[BG__PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/bench-results/%s/gate.json", build, e->name);
    snprintf(log, sizeof log, "%s/bench-results/%s/run.log", build, e->name);
    if (!fresh(path, since)) {
        e->no_verdict = since != NULL && fresh(log, since);
        return BG_OK;
    }
    bg__error err = {0};
    if (bg__json_parse_file(path, &e->gate, &err) != BG_OK)
        return snprintf(errbuf, size, "%s", err.msg), BG_EINPUT;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(e->gate, "schema");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "benchgate.gate/1") != 0) {
        cJSON_Delete(e->gate);
        e->gate = NULL;
        return snprintf(errbuf, size, "%s: not a benchgate.gate/1 document", path), BG_EINPUT;
    }
    return BG_OK;
}

static double num(const cJSON *o, const char *key) {
    return bg__json_number_or(o, key, 0);
}

/* A member as an int in [lo, hi], else `otherwise` (casting a value out of range is undefined). */
static int int_num(const cJSON *o, const char *key, int lo, int hi, int otherwise) {
    double v = num(o, key);
    return v >= lo && v <= hi ? (int)v : otherwise;
}

static void count(const entry *e, totals *t) {
    const char *o = e->gate ? bg__json_text(e->gate, "outcome") : "error";
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(e->gate, "counts");
    t->benches++;
    t->improvements += int_num(c, "improvement", 0, 100000, 0); /* no overflow over MAX_BENCHES */
    if (strcmp(o, "regression") == 0) {
        t->regression++;
    } else if (strcmp(o, "inconclusive") == 0) {
        t->inconclusive++;
        double noise = num(e->gate, "max_noise_pct");
        t->noise = noise > t->noise ? noise : t->noise;
    } else if (strcmp(o, "not gated") == 0)
        t->not_gated++;
    else if (strcmp(o, "pass") == 0)
        t->pass++;
    else if (strcmp(o, "skipped") == 0)
        t->skipped++;
    else
        t->error++;
}

/* "3/4": the metrics that passed (or improved) of those with a verdict. */
static void ok_of(const cJSON *gate, char *buf, size_t size) {
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(gate, "counts");
    double ok = num(c, "pass") + num(c, "improvement");
    double all = ok + num(c, "regression") + num(c, "inconclusive") + num(c, "not gated");
    snprintf(buf, size, all > 0 ? "%.0f/%.0f" : "-", ok, all);
}

/* One compared row for people: "49.17 k instr -> 54.09 k instr (+10.00%, threshold 0.5%)". */
static void row_detail(const cJSON *r, char *buf, size_t size) {
    const char *v = bg__json_text(r, "verdict"), *unit = bg__json_text(r, "unit");
    if (strcmp(v, "new") == 0 || strcmp(v, "not compared") == 0 || strcmp(v, "gone") == 0) {
        snprintf(buf, size, "%s", bg__json_text(r, "note"));
        return;
    }
    char base[40], cur[40];
    bg__figure_human(num(r, "baseline"), unit, base, sizeof base);
    bg__figure_human(num(r, "current"), unit, cur, sizeof cur);
    int points = bg__metric_kind_of(bg__json_text(r, "metric")) == BG__METRIC_ACCURACY;
    snprintf(buf, size, "%s -> %s (%+.2f%s, thr %g%s%s%s)", base, cur, num(r, "change"),
             points ? " pt" : "%", num(r, "threshold"), points ? " pt" : "%",
             strcmp(v, "inconclusive") == 0 ? "; " : "",
             strcmp(v, "inconclusive") == 0 ? bg__json_text(r, "note") : "");
}

/* One line wrapped at a word to the terminal's width (continuation lines indented under the
 * text after the first `indent` columns), without trailing blanks. */
static void console_line(FILE *f, const char *text, size_t indent) {
    bg__strbuf sb = {0};
    char pad[64];
    snprintf(pad, sizeof pad, "%*s", (int)(indent < sizeof pad ? indent : sizeof pad - 1), "");
    bg__text_wrap(&sb, text, (size_t)bg__term_width(), pad, 0);
    fputs(sb.data && !sb.failed ? sb.data : text, f);
    if (sb.data == NULL || sb.failed)
        fputc('\n', f);
    bg__sb_free(&sb);
}

static void console_entry(FILE *f, const entry *e) {
    char line[1024], ok[32], detail[512];
    if (e->gate == NULL) {
        snprintf(line, sizeof line, "%-13s %-22s %s", "error", e->name,
                 "ran, but wrote no verdict (see the test's output)");
        console_line(f, line, 37);
        return;
    }
    ok_of(e->gate, ok, sizeof ok);
    const char *outcome = bg__json_text(e->gate, "outcome");
    char name[sizeof e->name];
    bg__text_shorten(e->name, 22, bg__term_utf8(), name, sizeof name);
    snprintf(line, sizeof line, "%-13s %-*s %-13s %-8s %s", outcome,
             22 + (int)(strlen(name) - bg__text_width(name)), name,
             bg__json_text(e->gate, "measure"), ok,
             strcmp(outcome, "pass") == 0 ? "" : bg__json_text(e->gate, "reason"));
    console_line(f, line, 60);
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(e->gate, "rows"), *r;
    int shown = 0, total = cJSON_GetArraySize(rows);
    cJSON_ArrayForEach(r, rows) {
        if (shown++ == CONSOLE_ROWS)
            break;
        row_detail(r, detail, sizeof detail);
        snprintf(line, sizeof line, "  %-12s %s %s: %s", bg__json_text(r, "verdict"),
                 bg__json_text(r, "benchmark"), bg__json_text(r, "metric"), detail);
        console_line(f, line, 15);
    }
    if (total > CONSOLE_ROWS)
        fprintf(f, "  ... and %d more: bench-results/%s/verdict.md\n", total - CONSOLE_ROWS,
                e->name);
    if (strcmp(outcome, "not gated") == 0 ||
        num(cJSON_GetObjectItemCaseSensitive(e->gate, "counts"), "improvement") > 0) {
        snprintf(line, sizeof line, "  capture: %s", bg__json_text(e->gate, "capture"));
        fprintf(f, "%s\n", line); /* a command is shown whole, even past the width */
    }
}

static void totals_text(const totals *t, int code, char *buf, size_t size) {
    char noise[64] = "";
    if (t->inconclusive > 0)
        snprintf(noise, sizeof noise, " (noise %.1f%%)", t->noise);
    snprintf(buf, size, "%d regressed, %d improved, %d inconclusive%s, %d pass, %d not gated",
             t->regression, t->improvements, t->inconclusive, noise, t->pass, t->not_gated);
    size_t len = strlen(buf);
    if (t->skipped)
        len += (size_t)snprintf(buf + len, size - len, ", %d skipped", t->skipped);
    if (t->error)
        len += (size_t)snprintf(buf + len, size - len, ", %d error(s)", t->error);
    snprintf(buf + len, size - len, " of %d; exit %d", t->benches, code);
}

static void print_console(FILE *f, const entry *list, int n, const totals *t, int code,
                          const char *build) {
    char line[512];
    fprintf(f, "\nbenchgate verdicts (%s/bench-results):\n", build);
    snprintf(line, sizeof line, "%-13s %-22s %-13s %-8s %s", "outcome", "benchmark", "measure",
             "ok", "why");
    console_line(f, line, 0);
    for (int i = 0; i < n; i++)
        if (list[i].gate || list[i].no_verdict)
            console_entry(f, &list[i]);
    char verdict[600];
    totals_text(t, code, line, sizeof line);
    snprintf(verdict, sizeof verdict, "verdict: %s", line);
    console_line(f, verdict, 9);
    if (t->inconclusive || t->not_gated)
        console_line(f,
                     "inconclusive and not gated are skips (77), not failures, unless bench.yaml "
                     "sets run: fail_on_inconclusive / fail_on_no_baseline: true (or "
                     "--fail-on-inconclusive, --fail-on-no-baseline)",
                     0);
}

static void md_entry(bg__strbuf *sb, const entry *e) {
    char ok[32], detail[512];
    if (e->gate == NULL) {
        bg__sb_printf(sb, "| error | `%s` | | | ran, but wrote no verdict |\n", e->name);
        return;
    }
    ok_of(e->gate, ok, sizeof ok);
    const char *outcome = bg__json_text(e->gate, "outcome");
    bg__sb_printf(sb, "| %s%s%s | `%s` | %s | %s | ", strcmp(outcome, "pass") ? "**" : "", outcome,
                  strcmp(outcome, "pass") ? "**" : "", e->name, bg__json_text(e->gate, "measure"),
                  ok);
    if (strcmp(outcome, "pass") != 0)
        bg__md_cell_text(sb, bg__json_text(e->gate, "reason"));
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(e->gate, "rows")) {
        row_detail(r, detail, sizeof detail);
        bg__sb_printf(sb, "<br>%s `", bg__json_text(r, "verdict"));
        bg__md_cell_text(sb, bg__json_text(r, "benchmark"));
        bg__sb_printf(sb, "` %s: ", bg__json_text(r, "metric"));
        bg__md_cell_text(sb, detail);
    }
    if (strcmp(outcome, "not gated") == 0) {
        bg__sb_printf(sb, "<br>capture: `");
        bg__md_cell_text(sb, bg__json_text(e->gate, "capture"));
        bg__sb_printf(sb, "`");
    }
    bg__sb_printf(sb, " |\n");
}

static void print_markdown(FILE *f, const entry *list, int n, const totals *t, int code) {
    bg__strbuf sb = {0};
    char line[512];
    totals_text(t, code, line, sizeof line);
    bg__sb_printf(&sb,
                  "### benchgate verdicts\n\n%s\n\n| outcome | benchmark | measure | ok | why |\n"
                  "|---|---|---|--:|---|\n",
                  line);
    for (int i = 0; i < n; i++)
        if (list[i].gate || list[i].no_verdict)
            md_entry(&sb, &list[i]);
    if (sb.data)
        fputs(sb.data, f);
    fflush(f);
    bg__sb_free(&sb);
}

static int combined_exit(const entry *list, int n) {
    int code = 0;
    for (int i = 0; i < n; i++) {
        if (!list[i].gate && !list[i].no_verdict)
            continue;
        int c = list[i].gate ? int_num(list[i].gate, "exit_code", 0, 255, BG_EXIT_USAGE)
                             : BG_EXIT_USAGE;
        if (c == BG_EXIT_USAGE || (c == BG_EXIT_REGRESSION && code != BG_EXIT_USAGE))
            code = c;
        else if (c == BG_EXIT_SKIP && code == 0)
            code = c;
    }
    return code;
}

/* With since_begin, the time of the last bg_verdicts_begin() into *ts: @return ts, or NULL
 * (every outcome counts) when not asked or never marked. */
static struct timespec *begin_of(const bg_verdicts_options *opt, struct timespec *ts) {
    char stamp[BG__PATH_MAX];
    struct stat st;
    if (!opt->since_begin || stamp_path(opt->build_dir, stamp, sizeof stamp) != 0 ||
        stat(stamp, &st) != 0)
        return NULL;
    *ts = st.st_mtim;
    return ts;
}

bg_err bg_verdicts_print(const bg_verdicts_options *opt, FILE *console, FILE *markdown,
                         int *exit_code, char *errbuf, size_t size) {
    entry *list = NULL;
    struct timespec since_ts, *since = begin_of(opt, &since_ts);
    int n = read_names(opt->build_dir, &list, errbuf, size);
    if (n < 0)
        return BG_EINPUT;
    bg_err rc = BG_OK;
    totals t = {0};
    for (int i = 0; i < n && rc == BG_OK; i++) {
        rc = load_entry(opt->build_dir, &list[i], since, errbuf, size);
        if (list[i].gate || list[i].no_verdict)
            count(&list[i], &t);
    }
    *exit_code = combined_exit(list, n);
    if (rc == BG_OK && t.benches > 0) {
        if (console)
            print_console(console, list, n, &t, *exit_code, opt->build_dir);
        if (markdown)
            print_markdown(markdown, list, n, &t, *exit_code);
    }
    for (int i = 0; i < n; i++)
        cJSON_Delete(list[i].gate);
    free(list);
    return rc;
}

/* Writes text as XML attribute text (&, < and " escaped). */
static void xml_attribute(FILE *out, const char *text) {
    for (const char *p = text; *p; p++) {
        if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '"')
            fputs("&quot;", out);
        else
            fputc(*p, out);
    }
}

/* <CTestMeasurement> tags of one result.json: every ok metric's median (or value). */
static void measurements_of(const cJSON *doc, FILE *out) {
    const cJSON *b, *m;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        if (strcmp(bg__json_text(b, "status"), "ok") != 0)
            continue;
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(b, "metrics")) {
            double v;
            if (!bg__metric_figure(m, &v)) /* an ok metric's median, else its value */
                continue;
            fprintf(out, "<CTestMeasurement type=\"numeric/double\" name=\"");
            xml_attribute(out, bg__json_text(b, "name"));
            fputc(' ', out);
            xml_attribute(out, m->string);
            char text[40]; /* the shortest text that reads back: 9232550, not 9.23255e+06 */
            bg__number_text(v, text, sizeof text);
            fprintf(out, "\">%s</CTestMeasurement>\n", text);
        }
    }
}

bg_err bg_verdicts_measurements(const bg_verdicts_options *opt, FILE *out, int *count, char *errbuf,
                                size_t size) {
    entry *list = NULL;
    struct timespec since_ts, *since = begin_of(opt, &since_ts);
    char path[BG__PATH_MAX + 256];
    int n = read_names(opt->build_dir, &list, errbuf, size);
    if (n < 0)
        return BG_EINPUT;
    bg_err rc = BG_OK;
    *count = 0;
    for (int i = 0; i < n && rc == BG_OK; i++) {
        snprintf(path, sizeof path, "%s/bench-results/%s/result.json", opt->build_dir,
                 list[i].name);
        if (access(path, F_OK) != 0 || !fresh(path, since))
            continue;
        cJSON *doc = NULL;
        bg__error err = {0};
        rc = bg__load_result(path, &doc, &err);
        if (rc != BG_OK) {
            snprintf(errbuf, size, "%s", err.msg);
            break;
        }
        measurements_of(doc, out);
        cJSON_Delete(doc);
        ++*count;
    }
    fflush(out);
    free(list);
    return rc;
}
