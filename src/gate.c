/* gate.c - after a run: compare with the baseline for this machine class, write the verdict. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/compare.h"
#include "internal.h"

/* bench_triad -> triad: the baseline file of one executable. */
static const char *bench_name(const bg__run *run) {
    const char *p = run->program;
    return strncmp(p, "bench_", 6) == 0 ? p + 6 : p;
}

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Writes the comparison next to the results as verdict.json and verdict.md. */
static void write_verdict(const bg__run *run, const bg_compare *cmp) {
    static const char *const names[] = {"verdict.json", "verdict.md"};
    static const char *const formats[] = {"json", "md"};
    for (int i = 0; i < 2; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (mem == NULL)
            continue;
        bg_compare_print(cmp, mem, formats[i]);
        fclose(mem);
        char path[BG__PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/%s", run->out_dir, names[i]);
        bg__error err = {0};
        if (bg__write_atomic(path, text, len, &err) != BG_OK)
            fprintf(stderr, "%s: warning: %s\n", run->program, err.msg);
        free(text);
    }
}

static int no_baseline(bg__run *run, const char *cls, const char *path, const char *dir) {
    bg__log(run, "%s: no baseline for machine class '%s' (%s: %s)", run->program, cls, path,
            strerror(ENOENT));
    bg__log(run,
            "  capture one: benchgate baseline --run=%s --dir=%s   (or: cmake --build "
            "<build> --target bench-baseline)",
            run->out_dir, dir);
    return BG_EXIT_SKIP;
}

static int judge(bg__run *run, const char *path) {
    const bg__config *g = &run->settings.global;
    bg_compare_options opt = {0};
    opt.threshold_pct = g->threshold > 0 ? g->threshold : 0;
    bg_compare *cmp = bg_compare_create(&opt);
    char current[BG__PATH_MAX + 32];
    snprintf(current, sizeof current, "%s/result.json", run->out_dir);
    if (cmp == NULL || bg_compare_files(cmp, path, current) != BG_OK) {
        fprintf(stderr, "%s: error: baseline: %s\n", run->program,
                cmp ? bg_compare_error(cmp) : "out of memory");
        bg_compare_free(cmp);
        return BG_EXIT_USAGE;
    }
    printf("\ngate: %s against %s\n", run->program, path);
    bg_compare_print(cmp, stdout, "table");
    write_verdict(run, cmp);
    size_t reg = bg_compare_tally(cmp, BG_VERDICT_REGRESSION);
    size_t inc = bg_compare_tally(cmp, BG_VERDICT_INCONCLUSIVE);
    size_t imp = bg_compare_tally(cmp, BG_VERDICT_IMPROVEMENT);
    bg__log(run, "%s: gate: %zu regression(s), %zu inconclusive, %zu improvement(s), %zu pass",
            run->program, reg, inc, imp, bg_compare_tally(cmp, BG_VERDICT_PASS));
    if (imp > 0 && reg == 0)
        bg__log(run, "  faster than the baseline: refresh it with benchgate baseline --run=%s",
                run->out_dir);
    int code = bg_compare_exit_code(cmp, g->fail_on_inconclusive);
    bg_compare_free(cmp);
    return code ? BG_EXIT_REGRESSION : BG_EXIT_OK;
}

int bg__gate(bg__run *run, int run_code) {
    const char *base = run->settings.global.baseline;
    if (base[0] == '\0' || strcmp(base, "off") == 0 || run_code == BG_EXIT_USAGE)
        return run_code;
    if (!(run->settings.global.formats & BG__FORMAT_JSON)) {
        fprintf(stderr, "%s: error: --baseline needs --format to include json\n", run->program);
        return BG_EXIT_USAGE;
    }
    char cls[256], path[BG__PATH_MAX + 512];
    bg__machine_class(cls, sizeof cls, run->settings.global.measure == BG__MEASURE_INSTRUCTIONS);
    int n = is_dir(base) ? snprintf(path, sizeof path, "%s/%s/%s.json", base, cls, bench_name(run))
                         : snprintf(path, sizeof path, "%s", base);
    if (n < 0 || (size_t)n >= sizeof path) {
        fprintf(stderr, "%s: error: --baseline: path too long\n", run->program);
        return BG_EXIT_USAGE;
    }
    struct stat st;
    int code = stat(path, &st) != 0 ? no_baseline(run, cls, path, base) : judge(run, path);
    if (run_code == BG_EXIT_FAILED || code == BG_EXIT_USAGE)
        return run_code == BG_EXIT_FAILED ? run_code : code;
    if (code == BG_EXIT_SKIP)
        return run_code == BG_EXIT_OK ? BG_EXIT_SKIP : run_code;
    return code == BG_EXIT_REGRESSION ? code : run_code;
}
