/* verdicts.c - the combined verdict table of a build tree's gated bench tests (gate.json). */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/results.h"
#include "benchgate/compare.h"
#include "benchgate/verdicts.h"
#include "common/common.h"
#include "results/results.h"
#include "config/config.h"
#include "measure/measure.h"
#include "gate/gate.h"

#define MAX_BENCHES 4096
#define CONSOLE_ROWS 10 /* rows shown per benchmark on the console; all in verdict.md */

typedef struct entry {
    char name[128];
    cJSON *gate;        /**< its valid gate.json of the latest run, NULL when none */
    int shown;          /**< it is in this table (ran in this ctest run, or any without --ctest) */
    bg_outcome outcome; /**< from gate.json, or error when there is no valid one */
    int exit_code;      /**< the outcome's exit code under the gate.json's policy */
    char problem[512];  /**< why there is no verdict, or why the outcome became error */
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
    if (stamp_path(build_dir, path, sizeof path) != 0) {
        snprintf(errbuf, size, "%s: path too long", build_dir);
        return BG_EUSAGE;
    }
    if (bg__write_atomic(path, "ctest started\n", 14, &err) != BG_OK) {
        snprintf(errbuf, size, "%s", err.msg);
        return err.code;
    }
    return BG_OK;
}

/* 1 when path exists (of any kind) and was modified at or after *since (or since is NULL). */
static int fresh(const char *path, const struct timespec *since) {
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    if (since == NULL)
        return 1;
    return st.st_mtim.tv_sec > since->tv_sec ||
           (st.st_mtim.tv_sec == since->tv_sec && st.st_mtim.tv_nsec >= since->tv_nsec);
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* Adds the NAME.tsv names of build/benchgate/SUB to list. @return 0, or -1 when dir is absent */
static int add_names(const char *build, const char *sub, entry *list, int *n) {
    char dir[BG__PATH_MAX];
    snprintf(dir, sizeof dir, "%s/benchgate/%s", build, sub);
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && *n < MAX_BENCHES) {
        size_t len = strlen(e->d_name);
        if (len > 4 && len - 4 < sizeof list[*n].name && strcmp(e->d_name + len - 4, ".tsv") == 0)
            snprintf(list[*n].name, sizeof list[*n].name, "%.*s", (int)(len - 4), e->d_name), ++*n;
    }
    closedir(d);
    return 0;
}

/* The benchmark names of the manifest (NAME.tsv), and of the tests of other harnesses
 * (foreign.d: bg_add_gbench_test, bg_add_hyperfine_test). @return count, or -1 with the
 * message. */
static int read_names(const char *build, entry **out, char *errbuf, size_t size) {
    entry *list = calloc(MAX_BENCHES, sizeof *list);
    if (list == NULL) {
        snprintf(errbuf, size, "out of memory");
        return -1;
    }
    int n = 0;
    int own = add_names(build, "manifest.d", list, &n);
    int foreign = add_names(build, "foreign.d", list, &n);
    if (own != 0 && foreign != 0) {
        free(list);
        snprintf(errbuf, size,
                 "%s/benchgate/manifest.d: %s (not a build tree with "
                 "benchmarks?)",
                 build, strerror(ENOENT));
        return -1;
    }
    qsort(list, (size_t)n, sizeof *list, by_name);
    *out = list;
    return n;
}

/* 1 when CTest's list of the tests that failed in its last run (written before the post-test
 * hook) names bench.NAME: a crash, a kill or a timeout that left no verdict. */
static int ctest_failed(const char *build, const char *name, const struct timespec *since) {
    char path[BG__PATH_MAX + 64], want[160];
    snprintf(path, sizeof path, "%s/Testing/Temporary/LastTestsFailed.log", build);
    if (!fresh(path, since)) /* CTest leaves the list of an earlier run when none failed */
        return 0;
    snprintf(want, sizeof want, ":bench.%s", name);
    bg__error err = {0};
    char *text = bg__read_text(path, &err);
    int found = 0;
    for (char *line = text ? strtok(text, "\n") : NULL; line && !found; line = strtok(NULL, "\n")) {
        char *colon = strchr(line, ':');
        found = colon && strcmp(colon, want) == 0;
    }
    free(text);
    return found;
}

/* The run id of the last run a bench's run.log announces ("... bench_x: run ID, ..."), or "". */
static void last_logged_run(const char *log, char *id, size_t size) {
    bg__error err = {0};
    char *text = bg__read_text(log, &err);
    const char *p = text, *last = NULL;
    while (p && (p = strstr(p, ": run ")) != NULL)
        last = p, p += 6;
    id[0] = '\0';
    if (last)
        snprintf(id, size, "%.*s", (int)strcspn(last + 6, ", \n"), last + 6);
    free(text);
}

/* The checks of a gate.json that `verdicts` relies on: the schema, an outcome it knows, and
 * the fields it reads of the types it reads. @return "" or the problem */
static const char *gate_problem(const cJSON *gate, bg_outcome *outcome) {
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(gate, "counts");
    if (strcmp(bg__json_text(gate, "schema"), "benchgate.gate/1") != 0)
        return "not a benchgate.gate/1 document";
    if (bg_outcome_parse(bg__json_text(gate, "outcome"), outcome) != 0)
        return "its outcome is none of pass, skipped, not gated, inconclusive, regression, error";
    if (!cJSON_IsObject(counts) || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(gate, "rows")))
        return "it has no counts object or no rows list";
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(gate, "run_id")) ||
        !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(gate, "reason")))
        return "it has no run_id or reason text";
    return "";
}

/* 1 when the gate.json is not of the bench's latest run: a later run (its run.log says) wrote
 * no verdict, or wrote a result.json after it. */
static int stale(const cJSON *gate, const char *gate_path, const char *log, const char *result) {
    char id[128];
    struct stat g, r;
    last_logged_run(log, id, sizeof id);
    if (id[0] && strcmp(id, bg__json_text(gate, "run_id")) != 0)
        return 1;
    return stat(gate_path, &g) == 0 && stat(result, &r) == 0 &&
           (r.st_mtim.tv_sec > g.st_mtim.tv_sec ||
            (r.st_mtim.tv_sec == g.st_mtim.tv_sec && r.st_mtim.tv_nsec > g.st_mtim.tv_nsec));
}

/* Marks e as an error without a verdict, with why. */
__attribute__((format(printf, 2, 3))) static void no_verdict(entry *e, const char *fmt, ...) {
    cJSON_Delete(e->gate);
    e->gate = NULL;
    e->outcome = BG_OUTCOME_ERROR;
    e->exit_code = BG_EXIT_FAILED;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->problem, sizeof e->problem, fmt, ap);
    va_end(ap);
}

/* How bad an exit code is: 0, then 77 (a skip), 1 (worse), 3 (failed). */
static int exit_rank(int code) {
    return code == BG_EXIT_OK ? 0 : code == BG_EXIT_SKIP ? 1 : code == BG_EXIT_REGRESSION ? 2 : 3;
}

/* Reads NAME's verdict: with --ctest, of a bench that ran in this ctest run (its run.log or
 * gate.json is fresh, or CTest lists it as failed); else of every bench of the manifest. A bench
 * without a readable, valid gate.json of its latest run is an error row ("no verdict"). */
static void load_entry(const char *build, entry *e, const struct timespec *since) {
    char dir[BG__PATH_MAX + 160], path[BG__PATH_MAX + 192], log[BG__PATH_MAX + 192],
        result[BG__PATH_MAX + 192];
    snprintf(dir, sizeof dir, "%s/bench-results/%s", build, e->name);
    snprintf(path, sizeof path, "%s/gate.json", dir);
    snprintf(log, sizeof log, "%s/run.log", dir);
    snprintf(result, sizeof result, "%s/" BG_RESULT_FILE, dir);
    int failed = since != NULL && ctest_failed(build, e->name, since);
    e->shown = since == NULL || fresh(path, since) || fresh(log, since) || failed;
    if (!e->shown)
        return;
    if (since && !fresh(path, since)) {
        no_verdict(e,
                   "ran, but wrote no verdict: %s (crashed, killed or timed out? see the "
                   "test's output)",
                   failed ? "CTest reports it failed" : "no gate.json from this run");
        return;
    }
    bg__error err = {0};
    if (bg__json_parse_file(path, &e->gate, &err) != BG_OK) {
        no_verdict(e, "no verdict: %s", err.msg);
        return;
    }
    const char *problem = gate_problem(e->gate, &e->outcome);
    if (problem[0]) {
        no_verdict(e, "no verdict: %s: %s", path, problem);
    } else if (stale(e->gate, path, log, result)) {
        no_verdict(e,
                   "no verdict for its latest run: %s is of an earlier run (the latest "
                   "crashed or was killed?)",
                   "gate.json");
    } else if (failed && exit_rank(bg__gate_policy_exit(e->gate, e->outcome)) <
                             exit_rank(BG_EXIT_REGRESSION)) {
        e->outcome = BG_OUTCOME_ERROR;
        e->exit_code = BG_EXIT_FAILED;
        snprintf(e->problem, sizeof e->problem,
                 "CTest reports the test failed after its gate "
                 "said %s (killed or timed out?)",
                 bg__json_text(e->gate, "outcome"));
    } else
        e->exit_code = bg__gate_policy_exit(e->gate, e->outcome);
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
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(e->gate, "counts");
    t->benches++;
    t->improvements += int_num(c, "improvement", 0, 100000, 0); /* no overflow over MAX_BENCHES */
    switch (e->outcome) {
    case BG_OUTCOME_REGRESSION:
        t->regression++;
        break;
    case BG_OUTCOME_INCONCLUSIVE: {
        t->inconclusive++;
        double noise = num(e->gate, "max_noise_pct");
        t->noise = noise > t->noise ? noise : t->noise;
        break;
    }
    case BG_OUTCOME_NOT_GATED:
        t->not_gated++;
        break;
    case BG_OUTCOME_PASS:
        t->pass++;
        break;
    case BG_OUTCOME_SKIPPED:
        t->skipped++;
        break;
    case BG_OUTCOME_ERROR:
        t->error++;
        break;
    }
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
    if (strcmp(v, "new") == 0 || strcmp(v, "not compared") == 0 || strcmp(v, "gone") == 0 ||
        strcmp(v, "error") == 0) {
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

/* The why of a row: nothing for a pass, unless what passed was reused from the cache. */
static const char *entry_reason(const entry *e) {
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(e->gate, "counts");
    if (e->outcome == BG_OUTCOME_PASS && num(counts, "reused") <= 0)
        return "";
    return bg__json_text(e->gate, "reason"); /* "...; 2 of 3 reused from an earlier run" */
}

static void console_entry(FILE *f, const entry *e) {
    char line[1024], ok[32], detail[512];
    if (e->gate == NULL) {
        snprintf(line, sizeof line, "%-13s %-22s %s", "error", e->name, e->problem);
        console_line(f, line, 37);
        return;
    }
    ok_of(e->gate, ok, sizeof ok);
    const char *outcome = bg_outcome_name(e->outcome);
    char name[sizeof e->name];
    bg__text_shorten(e->name, 22, bg__term_utf8(), name, sizeof name);
    snprintf(line, sizeof line, "%-13s %-*s %-13s %-8s %s", outcome,
             22 + (int)(strlen(name) - bg__text_width(name)), name,
             bg__json_text(e->gate, "measure"), ok, e->problem[0] ? e->problem : entry_reason(e));
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
    if (e->outcome == BG_OUTCOME_NOT_GATED ||
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

/* The exit of the table in words: what a person should make of it. */
static const char *exit_words(int code) {
    switch (code) {
    case BG_EXIT_OK:
        return "exit 0: every benchmark was compared, and nothing got worse";
    case BG_EXIT_REGRESSION:
        return "exit 1: a benchmark got worse (or a policy in bench.yaml made a skip fail)";
    case BG_EXIT_SKIP:
        return "exit 77: nothing got worse, but not everything was compared (CTest: Skipped, "
               "not a failure)";
    default:
        return "exit 3: a benchmark failed or left no verdict: it was not measured";
    }
}

static void print_console(FILE *f, const entry *list, int n, const totals *t, int code,
                          const char *build) {
    char line[512];
    fprintf(f, "\nbenchgate verdicts (%s/bench-results):\n", build);
    snprintf(line, sizeof line, "%-13s %-22s %-13s %-8s %s", "outcome", "benchmark", "measure",
             "ok", "why");
    console_line(f, line, 0);
    for (int i = 0; i < n; i++)
        if (list[i].shown)
            console_entry(f, &list[i]);
    char verdict[600];
    totals_text(t, code, line, sizeof line);
    snprintf(verdict, sizeof verdict, "verdict: %s", line);
    console_line(f, verdict, 9);
    console_line(f, exit_words(code), 0);
    if (t->inconclusive || t->not_gated)
        console_line(f,
                     "inconclusive and not gated are skips (77), not failures, unless bench.yaml "
                     "sets run: fail_on_inconclusive / fail_on_no_baseline: true (or "
                     "--fail-on-inconclusive, --fail-on-no-baseline)",
                     0);
}

/* A name or the capture command from a gate.json as one code span (bg__md_code, whatever
 * backticks it holds), reasons and details as text (bg__md_text): a table cell each. */
static void md_entry(bg__strbuf *sb, const entry *e) {
    char ok[32], detail[512];
    if (e->gate == NULL) {
        bg__sb_printf(sb, "| **error** | ");
        bg__md_code(sb, e->name, 1);
        bg__sb_printf(sb, " | | | ");
        bg__md_text(sb, e->problem);
        bg__sb_printf(sb, " |\n");
        return;
    }
    ok_of(e->gate, ok, sizeof ok);
    const char *outcome = bg_outcome_name(e->outcome);
    int pass = e->outcome == BG_OUTCOME_PASS;
    bg__sb_printf(sb, "| %s%s%s | ", pass ? "" : "**", outcome, pass ? "" : "**");
    bg__md_code(sb, e->name, 1);
    bg__sb_printf(sb, " | %s | %s | ", bg__json_text(e->gate, "measure"), ok);
    if (!pass)
        bg__md_text(sb, e->problem[0] ? e->problem : bg__json_text(e->gate, "reason"));
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(e->gate, "rows")) {
        row_detail(r, detail, sizeof detail);
        bg__sb_printf(sb, "<br>%s ", bg__json_text(r, "verdict"));
        bg__md_code(sb, bg__json_text(r, "benchmark"), 1);
        bg__sb_printf(sb, " %s: ", bg__json_text(r, "metric"));
        bg__md_text(sb, detail);
    }
    if (e->outcome == BG_OUTCOME_NOT_GATED) {
        bg__sb_printf(sb, "<br>capture: ");
        bg__md_code(sb, bg__json_text(e->gate, "capture"), 1);
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
        if (list[i].shown)
            md_entry(&sb, &list[i]);
    bg__sb_printf(&sb, "\n%s\n", exit_words(code));
    if (sb.data)
        fputs(sb.data, f);
    fflush(f);
    bg__sb_free(&sb);
}

/* The outcome of a row's verdict by its name. @return 0, or -1 for an unknown name */
static int verdict_outcome_of_name(const char *name, bg_outcome *out) {
    for (int v = 0; v < BG_VERDICT_COUNT; v++)
        if (strcmp(name, bg_verdict_name((bg_verdict)v)) == 0) {
            *out = bg_verdict_outcome((bg_verdict)v);
            return 0;
        }
    return -1;
}

/* Writes text as a GitHub workflow command's message (or, property 1, a property's value):
 * %, CR and LF escaped, and : and , in a property. */
static void gh_text(FILE *f, const char *text, int property) {
    for (const char *p = text; *p; p++) {
        if (*p == '%' || *p == '\r' || *p == '\n' || (property && (*p == ':' || *p == ',')))
            fprintf(f, "%%%02X", (unsigned char)*p);
        else
            fputc(*p, f);
    }
}

/* A source path as GitHub wants it: relative to the checkout ($GITHUB_WORKSPACE). */
static const char *workspace_relative(const char *file) {
    const char *ws = getenv("GITHUB_WORKSPACE");
    size_t n = ws ? strlen(ws) : 0;
    if (n > 0 && strncmp(file, ws, n) == 0 && file[n] == '/')
        return file + n + 1;
    return file;
}

/* ::error or ::warning, with file and line when known, then the title and the message. */
static void annotation(FILE *f, const char *level, const cJSON *row, const char *bench,
                       const char *message) {
    const char *file = bg__json_text(row, "source_file");
    int line = int_num(row, "source_line", 1, 1 << 30, 0);
    fprintf(f, "::%s ", level);
    if (file[0] && line > 0) {
        fputs("file=", f);
        gh_text(f, workspace_relative(file), 1);
        fprintf(f, ",line=%d,", line);
    }
    fputs("title=", f);
    gh_text(f, "benchgate: ", 1);
    gh_text(f, bench, 1);
    fputs("::", f);
    gh_text(f, message, 0);
    fputc('\n', f);
}

/* The workflow commands of one bench: one per row that needs a look, else one for the bench. */
static void annotate_entry(FILE *f, const entry *e) {
    const char *level =
        e->outcome == BG_OUTCOME_ERROR || e->outcome == BG_OUTCOME_REGRESSION         ? "error"
        : e->outcome == BG_OUTCOME_INCONCLUSIVE || e->outcome == BG_OUTCOME_NOT_GATED ? "warning"
                                                                                      : NULL;
    if (level == NULL)
        return;
    char text[1024], detail[512];
    int done = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(e->gate, "rows")) {
        bg_outcome ro = BG_OUTCOME_PASS;
        verdict_outcome_of_name(bg__json_text(r, "verdict"), &ro);
        if (ro == BG_OUTCOME_PASS || ro == BG_OUTCOME_SKIPPED)
            continue;
        row_detail(r, detail, sizeof detail);
        snprintf(text, sizeof text, "%s %s %s: %s", bg__json_text(r, "verdict"),
                 bg__json_text(r, "benchmark"), bg__json_text(r, "metric"), detail);
        annotation(f, ro >= BG_OUTCOME_REGRESSION ? "error" : "warning", r, e->name, text);
        done++;
    }
    if (done == 0) {
        snprintf(text, sizeof text, "%s: %s", bg_outcome_name(e->outcome),
                 e->problem[0] ? e->problem : bg__json_text(e->gate, "reason"));
        annotation(f, level, NULL, e->name, text);
    }
}

/* The worst exit code of the benches shown, each from its outcome (never a field of a file). */
static int combined_exit(const entry *list, int n) {
    int code = BG_EXIT_OK;
    for (int i = 0; i < n; i++)
        if (list[i].shown && exit_rank(list[i].exit_code) > exit_rank(code))
            code = list[i].exit_code;
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
    for (int i = 0; i < n; i++) {
        load_entry(opt->build_dir, &list[i], since);
        if (list[i].shown)
            count(&list[i], &t);
    }
    *exit_code = combined_exit(list, n);
    if (rc == BG_OK && t.benches > 0) {
        if (console)
            print_console(console, list, n, &t, *exit_code, opt->build_dir);
        for (int i = 0; console && opt->annotations && i < n; i++)
            if (list[i].shown)
                annotate_entry(console, &list[i]);
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
        else if ((unsigned char)*p < 0x20 || *p == 0x7f)
            fputc(' ', out); /* not allowed in XML 1.0 */
        else
            fputc(*p, out);
    }
}

/* <CTestMeasurement> tags of one result.json: every ok metric's median (or value). */
static void measurements_of(const cJSON *doc, FILE *out) {
    const cJSON *b, *m;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        if (strcmp(bg__json_text(b, "status"), "error") == 0) { /* CDash shows the failure */
            fprintf(out, "<CTestMeasurement type=\"text/string\" name=\"");
            xml_attribute(out, bg__json_text(b, "name"));
            fprintf(out, " status\">%s: ", "error"); /* XML text, not a message */
            xml_attribute(out, bg__json_text(b, "error_message"));
            fprintf(out, "</CTestMeasurement>\n");
        }
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
        snprintf(path, sizeof path, "%s/bench-results/%s/" BG_RESULT_FILE, opt->build_dir,
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
