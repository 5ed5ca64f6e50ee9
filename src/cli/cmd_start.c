/* cmd_start.c - benchgate start: every benchmark of the build into one run directory. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/benchgate.h"
#include "benchgate/results.h"
#include "cli.h"

#define MAX_ARGS 256

typedef struct start_opts {
    const char *build_dir, *output_dir, *bench;
    int dry_run;
    char *pass[MAX_ARGS]; /* flags handed to every bench executable */
    int pass_count;
} start_opts;

static void start_help(void) {
    printf("usage: benchgate start [--build-dir=DIR] [--output-dir=DIR] [--bench=REGEX] "
           "[--dry-run] [run flags]\n\n"
           "Runs every bench executable listed in the build tree's manifest, each into\n"
           "DIR/parts/<bench>, and merges them into DIR/result.json, result.csv, samples.csv\n"
           "and summary.md. Run flags (--filter, --min-time, --repetitions, ...) are passed\n"
           "to every executable; see any bench_* --help.\n");
}

/* Stores the value of --build-dir, --output-dir or --bench; 1 when arg was one of them. */
static int value_flag(start_opts *o, const char *arg, int *bad) {
    static const char *const names[] = {"build-dir", "output-dir", "bench"};
    const char **slots[] = {&o->build_dir, &o->output_dir, &o->bench};
    for (int i = 0; i < 3; i++) {
        const char *v = NULL;
        if (!cli_flag(arg, names[i], &v))
            continue;
        if (v == NULL || v[0] == '\0')
            *bad = cli_usage_error("--%s: needs a value (--%s=...)", names[i], names[i]);
        *slots[i] = v;
        return 1;
    }
    return 0;
}

static int parse_opts(start_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, *a = argv[i];
        int bad = 0;
        if (cli_flag(a, "help", &v))
            return start_help(), -1;
        if (value_flag(o, a, &bad)) {
            if (bad)
                return -2;
        } else if (cli_flag(a, "dry-run", &v)) {
            o->dry_run = 1;
        } else if (strncmp(a, "--", 2) == 0 && o->pass_count < MAX_ARGS - 8) {
            o->pass[o->pass_count++] = argv[i];
        } else {
            return cli_usage_error("'%s': unexpected argument (flags are --name=value)", a), -2;
        }
    }
    return 0;
}

/* Builds exe + default args + passed flags + extra (NULL-terminated) into argv. */
static int build_argv(char **argv, char *store, const cli_bench *b, const start_opts *o,
                      const char *extra) {
    int n = 0;
    argv[n++] = (char *)b->exe;
    strcpy(store, b->args);
    for (char *save = NULL, *t = strtok_r(store, " ", &save); t && n < MAX_ARGS - 4;
         t = strtok_r(NULL, " ", &save))
        argv[n++] = t;
    for (int i = 0; i < o->pass_count; i++)
        argv[n++] = o->pass[i];
    if (extra)
        argv[n++] = (char *)extra;
    argv[n] = NULL;
    return n;
}

/* Asks the executable for its instances with these flags: validates them, too. */
static int count_instances(const cli_bench *b, const start_opts *o, const char *tmp, int *count) {
    char *argv[MAX_ARGS + 1], store[sizeof b->args];
    build_argv(argv, store, b, o, "--list");
    int rc = cli_spawn(argv, tmp);
    *count = 0;
    FILE *f = fopen(tmp, "r");
    char line[1024];
    while (f && fgets(line, sizeof line, f))
        (*count)++;
    if (f)
        fclose(f);
    unlink(tmp);
    return rc;
}

static int bench_selected(const start_opts *o, const cli_bench *b) {
    if (o->bench == NULL)
        return 1;
    regex_t re;
    if (regcomp(&re, o->bench, REG_EXTENDED | REG_NOSUB) != 0)
        return 0;
    int hit = regexec(&re, b->name, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

static int mkdir_p(const char *path) {
    char buf[CLI_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Folds one executable's exit code into the run's: 2 > 3 > 1 > 0 > 77. */
static int worse(int run_code, int rc, int first) {
    static const int rank[] = {2, 3, 1, 0, 77};
    if (rc != 0 && rc != 1 && rc != 2 && rc != 3 && rc != 77)
        rc = 3; /* crashed or killed */
    if (first)
        return rc;
    for (int i = 0; i < 5; i++)
        if (run_code == rank[i] || rc == rank[i])
            return rank[i];
    return rc;
}

static int run_benches(const cli_bench *list, const int *sel, int n, const start_opts *o,
                       const char *out, bg_merge *merge) {
    int code = 0, first = 1;
    for (int i = 0; i < n; i++) {
        if (!sel[i])
            continue;
        char part[CLI_PATH_MAX + 160], flag[CLI_PATH_MAX + 200];
        snprintf(part, sizeof part, "%s/parts/%s", out, list[i].name);
        snprintf(flag, sizeof flag, "--output-dir=%s", part);
        char *argv[MAX_ARGS + 1], store[sizeof list[i].args];
        build_argv(argv, store, &list[i], o, flag);
        fprintf(stderr, "benchgate: running %s\n", list[i].name);
        int rc = cli_spawn(argv, NULL);
        if (rc == 0 || rc == 1 || rc == 3 || rc == 77) {
            if (bg_merge_add(merge, part) != BG_OK)
                fprintf(stderr, "benchgate: error: %s\n", bg_merge_error(merge)), rc = 3;
        }
        code = worse(code, rc, first);
        first = 0;
    }
    return code;
}

static int plan(const cli_bench *list, int *sel, int n, const start_opts *o, const char *out) {
    char tmp[CLI_PATH_MAX + 64];
    snprintf(tmp, sizeof tmp, "%s/.benchgate-list.%ld", P_tmpdir, (long)getpid());
    int selected = 0;
    for (int i = 0; i < n; i++) {
        int count = 0;
        sel[i] = 0;
        if (!bench_selected(o, &list[i]))
            continue;
        int rc = count_instances(&list[i], o, tmp, &count);
        if (rc != 0)
            return cli_usage_error("%s refused the flags (exit %d); nothing was run", list[i].name,
                                   rc);
        sel[i] = count > 0;
        selected += sel[i];
        if (o->dry_run && count > 0)
            printf("would run %s (%d instance(s)) into %s/parts/%s\n", list[i].name, count, out,
                   list[i].name);
    }
    if (selected == 0)
        return cli_usage_error("no benchmark matches (--bench / --filter select nothing)");
    return 0;
}

int cmd_start(int argc, char **argv) {
    start_opts o;
    int p = parse_opts(&o, argc, argv);
    if (p != 0)
        return p == -1 ? 0 : 2;
    cli_bench *list = NULL;
    int n = cli_read_manifest(cli_build_dir(o.build_dir), &list);
    if (n < 0)
        return 2;
    char run_id[64], out[CLI_PATH_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime_r(&now, &tm));
    snprintf(run_id, sizeof run_id, "%s-%ld", stamp, (long)getpid());
    snprintf(out, sizeof out, "%s", o.output_dir ? o.output_dir : "results/");
    if (!o.output_dir)
        snprintf(out, sizeof out, "results/%s", run_id);
    int *sel = calloc((size_t)(n ? n : 1), sizeof *sel);
    int code = sel ? plan(list, sel, n, &o, out) : 2;
    if (code == 0 && !o.dry_run) {
        bg_merge *merge = bg_merge_create();
        if (mkdir_p(out) != 0)
            code = cli_usage_error("%s: cannot create the run directory: %s", out, strerror(errno));
        else
            code = run_benches(list, sel, n, &o, out, merge);
        if (merge && bg_merge_count(merge) > 0 &&
            bg_merge_write(merge, out, run_id, "benchgate start") != BG_OK)
            code = cli_usage_error("%s", bg_merge_error(merge));
        else if (code != 2)
            printf("benchgate: run %s: results in %s (exit %d)\n", run_id, out, code);
        bg_merge_free(merge);
    }
    free(sel);
    free(list);
    return code;
}
