/* ab_pairs.c - what benchgate ab runs: the instances both builds have, one side of a pair. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ab.h"

/* The executable's argv: its CMake arguments, ab's defaults unless given, the run flags. */
static void build_argv(char **argv, char *store, const cli_bench *b, const ab_opts *o,
                       const char *const *extra, int extra_count) {
    static const char *const defaults[][2] = {{"--repetitions", "--repetitions=1"},
                                              {"--min-time", "--min-time=0.1"},
                                              {"--max-time", "--max-time=0.2"},
                                              {"--baseline", "--baseline=off"},
                                              {"--no-ui", "--no-ui"}};
    int n = 0;
    argv[n++] = (char *)b->exe;
    strcpy(store, b->args);
    for (char *save = NULL, *t = strtok_r(store, " ", &save); t && n < AB_MAX_ARGS;
         t = strtok_r(NULL, " ", &save))
        argv[n++] = t;
    for (size_t d = 0; d < sizeof defaults / sizeof *defaults; d++) {
        int given = 0;
        for (int i = 0; i < o->pass_count; i++)
            given |= cli_flag(o->pass[i], defaults[d][0] + 2, &(const char *){NULL});
        if (!given)
            argv[n++] = (char *)defaults[d][1];
    }
    for (int i = 0; i < o->pass_count && n < AB_MAX_ARGS + 8; i++)
        argv[n++] = (char *)o->pass[i];
    for (int i = 0; i < extra_count; i++)
        argv[n++] = (char *)extra[i];
    argv[n] = NULL;
}

/* Reads the instance names an executable lists with the run flags (and --filter). */
static int list_names(const ab_opts *o, const cli_bench *b, cli_names *names) {
    char *argv[AB_MAX_ARGS + 16], store[sizeof b->args], filter[CLI_PATH_MAX];
    snprintf(filter, sizeof filter, "--filter=%s", o->filter ? o->filter : "");
    const char *extra[] = {"--list", filter};
    build_argv(argv, store, b, o, extra, o->filter ? 2 : 1);
    int rc = cli_list_instances(argv, names);
    if (names->count > AB_MAX_INSTANCES)
        names->count = AB_MAX_INSTANCES;
    return rc == 0 ? 0 : cli_usage_error("ab: %s --list refused the flags (exit %d)", b->exe, rc);
}

static const cli_bench *bench_named(const cli_bench *list, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return &list[i];
    return NULL;
}

/* Appends the instances of one executable both sides list; notes those only one has. */
static int pair_instances(const ab_opts *o, const cli_bench *b, const cli_bench *h,
                          ab_instance **out, int *n) {
    cli_names nb = {0}, nh = {0};
    int rc = list_names(o, b, &nb);
    if (rc == 0)
        rc = list_names(o, h, &nh);
    for (int i = 0; rc == 0 && i < nb.count; i++) {
        if (!cli_names_has(&nh, nb.name[i])) {
            printf("benchgate ab: %s: in the base build only, not compared\n", nb.name[i]);
            continue;
        }
        ab_instance *grown = realloc(*out, (size_t)(*n + 1) * sizeof *grown);
        if (grown == NULL) {
            rc = cli_usage_error("ab: out of memory");
            break;
        }
        *out = grown;
        grown[*n].exe[0] = b, grown[*n].exe[1] = h;
        snprintf(grown[*n].name, sizeof grown[*n].name, "%s", nb.name[i]);
        (*n)++;
    }
    for (int i = 0; rc == 0 && i < nh.count; i++)
        if (!cli_names_has(&nb, nh.name[i]))
            printf("benchgate ab: %s: in the head build only, not compared\n", nh.name[i]);
    cli_names_free(&nb);
    cli_names_free(&nh);
    return rc;
}

int ab_instances(const ab_opts *o, const cli_bench *const list[2], const int count[2],
                 ab_instance **out) {
    int n = 0;
    *out = NULL;
    for (int i = 0; i < count[0]; i++) {
        const cli_bench *b = &list[0][i], *h = bench_named(list[1], count[1], b->name);
        if (!cli_bench_matches(o->bench, b->name))
            continue;
        if (h == NULL) {
            printf("benchgate ab: %s: in the base build only, not compared\n", b->name);
            continue;
        }
        if (pair_instances(o, b, h, out, &n) != 0) {
            free(*out);
            *out = NULL;
            return -1;
        }
    }
    for (int i = 0; i < count[1]; i++)
        if (cli_bench_matches(o->bench, list[1][i].name) &&
            !bench_named(list[0], count[0], list[1][i].name))
            printf("benchgate ab: %s: in the head build only, not compared\n", list[1][i].name);
    if (n == 0) {
        free(*out);
        *out = NULL;
        cli_usage_error("ab: no benchmark instance is in both builds (--bench, --filter)");
        return -1;
    }
    return n;
}

/* ^name$ with the regex characters of the name escaped. */
static void exact_filter(const char *name, char *out, size_t size) {
    size_t n = (size_t)snprintf(out, size, "--filter=^");
    for (const char *p = name; *p && n + 4 < size; p++) {
        if (strchr(".[]{}()\\*+?^$|", *p))
            out[n++] = '\\';
        out[n++] = *p;
    }
    snprintf(out + n, size - n, "$");
}

pid_t ab_start_side(const ab_opts *o, const ab_instance *in, int head, const char *dir, int cpu) {
    const cli_bench *b = in->exe[head];
    char *argv[AB_MAX_ARGS + 16], store[sizeof b->args], filter[1200], out[CLI_PATH_MAX + 16];
    char result[CLI_PATH_MAX + 32], log[CLI_PATH_MAX + 32];
    exact_filter(in->name, filter, sizeof filter);
    snprintf(out, sizeof out, "--output-dir=%s", dir);
    const char *extra[] = {filter, out};
    build_argv(argv, store, b, o, extra, 2);
    snprintf(result, sizeof result, "%s/result.json", dir);
    snprintf(log, sizeof log, "%s.stderr", dir);
    unlink(result);
    return cli_spawn_start(argv, "/dev/null", log, cpu);
}

int ab_end_side(const ab_instance *in, int head, const char *dir, pid_t pid) {
    char result[CLI_PATH_MAX + 32];
    int rc = cli_spawn_wait(pid);
    snprintf(result, sizeof result, "%s/result.json", dir);
    if (access(result, F_OK) == 0)
        return 0; /* a failed instance is in its result and judged as such */
    cli_usage_error("ab: the %s build's %s wrote no result for %s (exit %d: crashed or "
                    "killed?); what it said is in %s.stderr",
                    head ? "head" : "base", in->exe[head]->exe, in->name, rc, dir);
    return BG_EXIT_FAILED; /* a benchmark that failed, not a bad input: the rule's error */
}

int ab_run_side(const ab_opts *o, const ab_instance *in, int head, const char *dir) {
    return ab_end_side(in, head, dir, ab_start_side(o, in, head, dir, -1));
}
