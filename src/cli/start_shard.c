/* start_shard.c - benchgate start --shard=K/N: the instances of every selected executable split
 * into N shards, the same split on every runner: balanced by the seconds each instance took
 * when it last ran (the run history), by count when the history has none; each executable then
 * runs its instances of shard K (a --filter of their names). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/report.h"
#include "start.h"

/** One instance to place: its executable, its name, what it is expected to take. */
typedef struct shard_item {
    int exe;
    const char *name;
    double seconds;
} shard_item;

static int parse_shard(const char *v, int *index, int *count) {
    char *end = NULL;
    long k = strtol(v, &end, 10), n = 0;
    if (end != v && *end == '/' && v[0] >= '0' && v[0] <= '9') {
        const char *rest = end + 1;
        n = strtol(rest, &end, 10);
        if (end == rest || *end != '\0' || rest[0] < '0' || rest[0] > '9')
            n = -1;
    } else {
        n = -1;
    }
    if (n < 1 || n > START_SHARD_MAX || k < 1 || k > n)
        return -1;
    *index = (int)k;
    *count = (int)n;
    return 0;
}

int start_shard_take(start_opts *o) {
    static char from_env[64];
    const char *value = NULL, *where = "--shard";
    for (int i = 0; i < o->pass_count; i++)
        if (strncmp(o->pass[i], "--shard=", 8) == 0 || strcmp(o->pass[i], "--shard") == 0)
            value = o->pass[i][7] == '=' ? o->pass[i] + 8 : "";
    const char *env = getenv("BENCH_SHARD");
    if (value == NULL && env && env[0] && o->pass_count < START_MAX_ARGS - 8) {
        value = env, where = "BENCH_SHARD";
        snprintf(from_env, sizeof from_env, "--shard=%.50s", env); /* saved for --resume */
        o->pass[o->pass_count++] = from_env;
    }
    unsetenv("BENCH_SHARD"); /* the executables run what start gives them */
    if (value == NULL)
        return 0;
    if (parse_shard(value, &o->shard_index, &o->shard_count) != 0)
        return cli_usage_error("start: %s='%s': not shard K of N (K/N, 1 <= K <= N <= %d, "
                               "e.g. 2/4); nothing was run",
                               where, value, START_SHARD_MAX);
    return 0;
}

/* The seconds of each benchmark when it last ran, from the history; NULL when there are none. */
static char *history_seconds(const char *history) {
    char *text = NULL, err[1024];
    if (history == NULL || history[0] == '\0' || strcmp(history, "off") == 0)
        return NULL;
#if BG_CLI_HISTORY
    if (bg_history_last_seconds(history, NULL, &text, err, sizeof err) != BG_OK) {
        fprintf(stderr,
                "benchgate: note: --shard: no times from the run history (%s): the "
                "shards are balanced by count\n",
                err);
        return NULL;
    }
#else
    (void)err;
#endif
    return text;
}

/* The seconds recorded for name, or -1. */
static double seconds_of(const char *table, const char *name) {
    size_t len = strlen(name);
    for (const char *p = table; p && *p;) {
        const char *tab = strchr(p, '\t'), *eol = strchr(p, '\n');
        if (tab == NULL || eol == NULL)
            break;
        if ((size_t)(tab - p) == len && strncmp(p, name, len) == 0)
            return strtod(tab + 1, NULL);
        p = eol + 1;
    }
    return -1;
}

/* Longest first; equal ones by name, then executable: the same order on every runner. */
static int by_seconds(const void *a, const void *b) {
    const shard_item *x = a, *y = b;
    if (x->seconds != y->seconds)
        return x->seconds > y->seconds ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : x->exe - y->exe;
}

/* Splits the names (one a line, in place) of every selected executable into items. */
static shard_item *collect(char **names, const int *count, int n, int *total) {
    int all = 0;
    for (int i = 0; i < n; i++)
        all += count[i];
    shard_item *items = calloc((size_t)(all ? all : 1), sizeof *items);
    *total = 0;
    for (int i = 0; items && i < n; i++) {
        char *save = NULL;
        for (char *t = count[i] > 0 && names[i] ? strtok_r(names[i], "\n", &save) : NULL;
             t && *total < all; t = strtok_r(NULL, "\n", &save))
            items[(*total)++] = (shard_item){i, t, 1};
    }
    return items;
}

/* Each item's expected seconds: the history's, else the mean of those it has (1 without). */
static int weigh(shard_item *items, int total, const char *table) {
    double sum = 0;
    int known = 0;
    for (int i = 0; i < total; i++) {
        items[i].seconds = table ? seconds_of(table, items[i].name) : -1;
        if (items[i].seconds >= 0)
            sum += items[i].seconds, known++;
    }
    for (int i = 0; i < total; i++)
        if (items[i].seconds < 0)
            items[i].seconds = known ? sum / known : 1;
    return known;
}

/* Appends name to the filter of its executable, its ERE characters escaped. */
static int add_name(char **filter, const char *name) {
    size_t have = *filter ? strlen(*filter) : 0, need = have + 2 * strlen(name) + 8;
    if (need > START_FILTER_MAX)
        return -1;
    char *grown = realloc(*filter, need);
    if (grown == NULL)
        return -1;
    *filter = grown;
    char *w = grown + have;
    if (have == 0)
        w += sprintf(w, "--filter=^(");
    else
        w[-2] = '|', w -= 1; /* drop the ")$" of the last one */
    for (const char *p = name; *p; p++) {
        if (strchr(".[]()*+?{}|^$\\", *p))
            *w++ = '\\';
        *w++ = *p;
    }
    strcpy(w, ")$");
    return 0;
}

/* A fingerprint of the split (FNV-1a of every name and its shard): merge compares them. */
static void fingerprint(const shard_item *items, const int *shard, int total, char *plan) {
    unsigned long long h = 14695981039346656037ull;
    for (int i = 0; i < total; i++) {
        for (const char *p = items[i].name; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ (unsigned)shard[i]) * 1099511628211ull;
    }
    snprintf(plan, START_PLAN_SIZE, "%016llx", h);
}

/* Places each item, longest first, in the shard with the least so far (the lowest on a tie). */
static void place(const shard_item *items, int total, int shards, int *shard) {
    double *load = calloc((size_t)shards, sizeof *load);
    for (int i = 0; load && i < total; i++) {
        int best = 0;
        for (int k = 1; k < shards; k++)
            best = load[k] < load[best] ? k : best;
        shard[i] = best;
        load[best] += items[i].seconds;
    }
    free(load);
}

int start_shard_plan(const start_opts *o, char **names, int *count, int n, const char *history,
                     char **filters, char *plan) {
    int total = 0;
    shard_item *items = collect(names, count, n, &total);
    int *shard = calloc((size_t)(total ? total : 1), sizeof *shard);
    char *table = history_seconds(history);
    int code = items && shard ? 0 : cli_usage_error("out of memory");
    int known = code == 0 ? weigh(items, total, table) : 0;
    if (code == 0) {
        qsort(items, (size_t)total, sizeof *items, by_seconds);
        place(items, total, o->shard_count, shard);
        fingerprint(items, shard, total, plan);
        for (int i = 0; i < n; i++)
            count[i] = 0;
    }
    for (int i = 0; code == 0 && i < total; i++) {
        if (shard[i] != o->shard_index - 1)
            continue;
        count[items[i].exe]++;
        if (add_name(&filters[items[i].exe], items[i].name) != 0)
            code = cli_usage_error("start: --shard: the instances of shard %d/%d of one bench "
                                   "executable do not fit its --filter (%d bytes): use more "
                                   "shards",
                                   o->shard_index, o->shard_count, START_FILTER_MAX);
    }
    int mine = 0;
    for (int i = 0; i < n; i++)
        mine += count[i];
    if (code == 0)
        printf("benchgate: shard %d/%d: %d of %d instance(s), balanced by %s (plan %s)\n",
               o->shard_index, o->shard_count, mine, total,
               known ? "the seconds of the run history" : "count", plan);
    bg_text_free(table);
    free(shard);
    free(items);
    return code;
}
