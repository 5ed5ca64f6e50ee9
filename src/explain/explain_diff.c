/* explain_diff.c - benchgate explain: each side's bench run once under callgrind with
 * --keep-profile (BENCHGATE_COUNTER=callgrind: collection inside BG_LOOP only, as instruction
 * mode counts), or a kept run folder read; each function's cost scaled to instructions per
 * iteration (its share of the profile times the run's instructions median); the functions
 * sorted by the absolute change of their own cost, with their share of the total change; those
 * with no change at all (self, inclusive and cycles below half a unit per iteration) left out
 * before the top N is taken, and counted. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bisect/bisect.h"
#include "explain/explain.h"
#include "results/results.h"

/* Appends text as it is (bg__sb_puts adds a newline). */
static void put(bg__strbuf *sb, const char *text) {
    bg__sb_append(sb, text, strlen(text));
}

typedef struct fn_diff {
    const char *name, *file;
    long line;
    double self[2], incl[2], cycles[2];
} fn_diff;

/* The instructions per iteration of a run folder: the sum of its benchmarks' medians. */
static double run_instructions(const char *dir, bg__error *err) {
    char path[4096 + 32];
    cJSON *doc = NULL;
    snprintf(path, sizeof path, "%.4000s/result.json", dir);
    if (bg__load_result(path, &doc, err) != BG_OK)
        return -1;
    double total = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        const cJSON *m = bg__json_get(bg__json_get(b, "metrics"), "instructions");
        total += bg__json_number_or(m, "median", 0);
    }
    cJSON_Delete(doc);
    return total;
}

static bg_err run_side(const char *build, const char *regex, const char *out, int cache_sim,
                       bg__error *err) {
    bg__bench_exe b;
    int n = bg__bench_list(build, regex, &b, 1);
    BG_RETURN_IF(n <= 0, err, BG_EUSAGE, "--bench=%.200s: no bench of %.200s matches%s",
                 regex ? regex : "", build, n < 0 ? " (not a build tree with benchmarks)" : "");
    char outf[4096 + 16], log[4096 + 16];
    snprintf(outf, sizeof outf, "--output-dir=%.4000s", out);
    snprintf(log, sizeof log, "%.4000s.log", out);
    char *argv[] = {b.exe,
                    "--measure=instructions",
                    "--keep-profile",
                    "--baseline=off",
                    "--no-ui",
                    "--repetitions=1",
                    "--format=json",
                    outf,
                    cache_sim ? "--cache-sim" : NULL,
                    NULL};
    char *env[] = {"BENCHGATE_COUNTER=callgrind", NULL};
    int rc = bg__bisect_spawn(argv, log, env);
    char last[200];
    bg__log_last_line(log, last, sizeof last);
    BG_RETURN_IF(rc != 0, err, BG_ERUNTIME, "%s exited %d under callgrind: %s", b.exe, rc, last);
    return BG_OK;
}

/* Reads one side: the profile's functions and the run's instructions per iteration. */
static bg_err read_side(const char *dir, bg__profile_costs *p, double *instr, bg__error *err) {
    char cg[4096 + 16];
    snprintf(cg, sizeof cg, "%.4000s/callgrind", dir);
    BG_FORWARD_IF_ERROR(bg__profile_read(cg, p, err));
    *instr = run_instructions(dir, err);
    BG_RETURN_IF(*instr <= 0, err, BG_EINPUT, "%s: no instruction count in result.json%s%s", dir,
                 err->msg[0] ? ": " : "", err->msg);
    return BG_OK;
}

static fn_diff *find_diff(fn_diff *d, size_t *n, const bg__fn_cost *f) {
    for (size_t i = 0; i < *n; i++)
        if (strcmp(d[i].name, f->name) == 0)
            return &d[i];
    fn_diff *x = &d[(*n)++];
    memset(x, 0, sizeof *x);
    x->name = f->name, x->file = f->file, x->line = f->line;
    return x;
}

static int by_change(const void *a, const void *b) {
    const fn_diff *x = a, *y = b;
    double dx = fabs(x->self[1] - x->self[0]), dy = fabs(y->self[1] - y->self[0]);
    return dx < dy ? 1 : dx > dy ? -1 : strcmp(x->name, y->name);
}

/* Below half an instruction (or cycle) per iteration a change reads 0: the profiles' rounding. */
static int no_change(double base, double head) {
    return fabs(head - base) < 0.5;
}

/* A function whose self, inclusive and (with cycles) cycle figures all read unchanged. */
static int unchanged(const fn_diff *f, int cycles) {
    return no_change(f->self[0], f->self[1]) && no_change(f->incl[0], f->incl[1]) &&
           (!cycles || no_change(f->cycles[0], f->cycles[1]));
}

/* The functions of both profiles, largest change of their own cost first, those with no
 * change at all left out (*dropped: how many). */
static fn_diff *diff(const bg__profile_costs p[2], const double instr[2], int cycles, size_t *n,
                     size_t *dropped) {
    fn_diff *d = calloc(p[0].n + p[1].n + 1, sizeof *d);
    *n = 0;
    for (int s = 0; d && s < 2; s++)
        for (size_t i = 0; i < p[s].n; i++) {
            fn_diff *x = find_diff(d, n, &p[s].fn[i]);
            double scale = instr[s] / p[s].total;
            x->self[s] = p[s].fn[i].self * scale, x->incl[s] = p[s].fn[i].inclusive * scale;
            x->cycles[s] = p[s].fn[i].self_cycles * scale;
            if (x->line == 0)
                x->file = p[s].fn[i].file, x->line = p[s].fn[i].line;
        }
    if (d)
        qsort(d, *n, sizeof *d, by_change);
    size_t kept = 0;
    for (size_t i = 0; d && i < *n; i++)
        if (!unchanged(&d[i], cycles))
            d[kept++] = d[i];
    *dropped = d ? *n - kept : 0;
    *n = kept;
    return d;
}

static void where(const fn_diff *f, char *buf, size_t size) {
    const char *slash = strrchr(f->file ? f->file : "", '/');
    if (f->line > 0 && f->file && strcmp(f->file, "???") != 0)
        snprintf(buf, size, "%.60s:%ld", slash ? slash + 1 : f->file, f->line);
    else
        snprintf(buf, size, "?");
}

static void json_cycles(bg__strbuf *sb, const fn_diff *f) {
    put(sb, ", \"self_cycles_base\": ");
    bg__sb_json_number(sb, f->cycles[0]);
    put(sb, ", \"self_cycles_head\": ");
    bg__sb_json_number(sb, f->cycles[1]);
    put(sb, ", \"cycles_change\": ");
    bg__sb_json_number(sb, f->cycles[1] - f->cycles[0]);
}

static void print_json(FILE *out, const fn_diff *d, size_t n, size_t dropped, const double instr[2],
                       int cycles) {
    bg__strbuf sb = {0};
    char loc[128];
    put(&sb, "{\"schema\": \"benchgate.explain/1\", \"unit\": \"instructions per iteration\",");
    put(&sb, "\n  \"total_base\": ");
    bg__sb_json_number(&sb, instr[0]);
    put(&sb, ", \"total_head\": ");
    bg__sb_json_number(&sb, instr[1]);
    put(&sb, ", \"total_change\": ");
    bg__sb_json_number(&sb, instr[1] - instr[0]);
    bg__sb_printf(&sb, ", \"unchanged\": %zu", dropped);
    put(&sb, ",\n  \"functions\": [");
    for (size_t i = 0; i < n; i++) {
        where(&d[i], loc, sizeof loc);
        put(&sb, i ? ",\n    {\"function\": " : "\n    {\"function\": ");
        bg__sb_json_string(&sb, d[i].name);
        put(&sb, ", \"where\": ");
        bg__sb_json_string(&sb, loc);
        const char *keys[] = {"self_base", "self_head", "inclusive_base", "inclusive_head"};
        const double v[] = {d[i].self[0], d[i].self[1], d[i].incl[0], d[i].incl[1]};
        for (int k = 0; k < 4; k++) {
            bg__sb_printf(&sb, ", \"%s\": ", keys[k]);
            bg__sb_json_number(&sb, v[k]);
        }
        put(&sb, ", \"self_change\": ");
        bg__sb_json_number(&sb, d[i].self[1] - d[i].self[0]);
        put(&sb, ", \"inclusive_change\": ");
        bg__sb_json_number(&sb, d[i].incl[1] - d[i].incl[0]);
        put(&sb, ", \"share_pct\": ");
        double total = instr[1] - instr[0];
        bg__sb_json_number(&sb, total != 0 ? 100 * (d[i].self[1] - d[i].self[0]) / total : NAN);
        if (cycles)
            json_cycles(&sb, &d[i]);
        put(&sb, "}");
    }
    put(&sb, "\n  ]}\n");
    if (!sb.failed && sb.data)
        fputs(sb.data, out);
    bg__sb_free(&sb);
}

/* A figure per iteration; below half an instruction it reads 0 (the profiles' rounding). */
static void fig(double v, char *buf, size_t size) {
    bg__figure_human(no_change(0, v) ? 0 : v, "instr", buf, size);
}

static void print_rows(FILE *out, const fn_diff *d, size_t n, const double instr[2], int md) {
    char loc[128], v[4][48], name[48];
    double total = instr[1] - instr[0];
    bg__figure_human(instr[0], "instr", v[0], sizeof v[0]);
    bg__figure_human(instr[1], "instr", v[1], sizeof v[1]);
    fprintf(out, "%sinstructions per iteration: %s -> %s (%+.2f%%)\n\n", md ? "**explain**: " : "",
            v[0], v[1], 100 * total / instr[0]);
    if (n == 0)
        return; /* no table without a row */
    fprintf(out,
            md ? "| function | where | self base | self head | change | share | inclusive change "
                 "|\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
               : "%-28s %-18s %13s %13s %13s %7s\n",
            "function", "where", "self base", "self head", "change", "share");
    for (size_t i = 0; i < n; i++) {
        where(&d[i], loc, sizeof loc);
        bg__text_shorten(d[i].name, 28, 0, name, sizeof name);
        fig(d[i].self[0], v[0], sizeof v[0]);
        fig(d[i].self[1], v[1], sizeof v[1]);
        fig(d[i].self[1] - d[i].self[0], v[2], sizeof v[2]);
        fig(d[i].incl[1] - d[i].incl[0], v[3], sizeof v[3]);
        double share = total != 0 ? 100 * (d[i].self[1] - d[i].self[0]) / total : 0;
        char pct[32]; /* no decimal from 1000%: a small total change, the row stays in width */
        snprintf(pct, sizeof pct, fabs(share) < 999.95 ? "%.1f%%" : "%.0f%%", share);
        if (md)
            fprintf(out, "| `%s` | %s | %s | %s | %s | %s | %s |\n", name, loc, v[0], v[1], v[2],
                    pct, v[3]);
        else
            fprintf(out, "%-28s %-18.18s %13s %13s %13s %7s\n", name, loc, v[0], v[1], v[2], pct);
    }
}

static void print_diff(FILE *out, const bg_explain_options *o, const fn_diff *d, size_t n,
                       size_t dropped, const double instr[2], int cycles) {
    size_t top = (size_t)(o->top > 0 ? o->top : 10);
    int md = o->format && strcmp(o->format, "md") == 0;
    n = n < top ? n : top;
    if (o->format && strcmp(o->format, "json") == 0) {
        print_json(out, d, n, dropped, instr, cycles);
        return;
    }
    print_rows(out, d, n, instr, md);
    if (md && (dropped > 0 || (n > 0 && d[0].line == 0)))
        fputs("\n", out); /* a line right after a Markdown table would be one of its rows */
    if (dropped > 0)
        fprintf(out, "%zu function%s with no change (self, inclusive%s) not listed\n", dropped,
                dropped == 1 ? "" : "s", cycles ? ", cycles" : "");
    if (n > 0 && d[0].line == 0)
        fprintf(out, "hint: no debug info: functions by symbol name only; for file:line,\n"
                     "      configure with -DCMAKE_BUILD_TYPE=RelWithDebInfo\n");
}

static bg_err prepare(const bg_explain_options *o, char *tmp, char side[2][4096], bg__error *err) {
    const char *given[2] = {o->base_profile, o->head_profile}, *build[2] = {o->base, o->head};
    for (int s = 0; s < 2; s++) {
        BG_RETURN_IF(given[s] == NULL && build[s] == NULL, err, BG_EUSAGE,
                     "needs --base=BUILD_DIR (or --base-profile=RUN_DIR) and --head=BUILD_DIR "
                     "(or --head-profile=RUN_DIR)");
        if (given[s]) {
            snprintf(side[s], 4096, "%.4000s", given[s]);
            continue;
        }
        if (strstr(tmp, "XXXXXX") && mkdtemp(tmp) == NULL)
            return bg__set_error(err, BG_EIO, "cannot make a temporary folder");
        snprintf(side[s], 4096, "%.4000s/%s", tmp, s ? "head" : "base");
        BG_FORWARD_IF_ERROR(run_side(build[s], o->bench, side[s], o->cache_sim, err));
    }
    return BG_OK;
}

bg_err bg_explain_run(const bg_explain_options *o, FILE *out, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    char fresh[] = "/tmp/benchgate-explain.XXXXXX", side[2][4096];
    bg__profile_costs p[2] = {{0}, {0}};
    double instr[2] = {0, 0};
    bg_err rc = prepare(o, fresh, side, &err);
    for (int s = 0; rc == BG_OK && s < 2; s++)
        rc = read_side(side[s], &p[s], &instr[s], &err);
    if (rc == BG_OK) {
        size_t n = 0, dropped = 0;
        int cycles = p[0].cache_sim && p[1].cache_sim;
        fn_diff *d = diff(p, instr, cycles, &n, &dropped);
        if (d)
            print_diff(out, o, d, n, dropped, instr, cycles);
        free(d);
    }
    if (strstr(fresh, "XXXXXX") == NULL)
        bg__remove_tree(fresh);
    bg__profile_free(&p[0]);
    bg__profile_free(&p[1]);
    return bg__errbuf(&err, rc, errbuf, errlen);
}
