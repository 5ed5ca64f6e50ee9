/* cache.c - results of instances whose inputs did not change, reused with --reuse. The key is
 * the SHA-256 of the bench executable, every file mapped into it (shared libraries: path, size,
 * modification time), its environment (but the variables that cannot change a measurement),
 * the instance name and parameters, the checksums of its dataset files, the machine class and
 * the settings that change a measurement. An entry (CACHE_DIR/ab/abcd....json) holds the
 * instance's state: samples, metrics and figures, checked as a result is when it is read. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "longrun/longrun.h"

#define CACHE_SCHEMA "benchgate.cache/1"

/* The executable's SHA-256, once per run; "-" when it cannot be read (no caching then). */
const char *bg__binary_sha(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr->bin_sha[0] == '\0') {
        bg__error err = {BG_OK, ""};
        if (bg__sha256_file("/proc/self/exe", lr->bin_sha, &err) != BG_OK)
            strcpy(lr->bin_sha, "-");
    }
    return lr->bin_sha;
}

extern char **environ;

/* The variables that cannot change a measurement: how benchgate start reaches its benches, the
 * cache and output settings themselves, the terminal and the session (docs/gates.md). */
static int env_ignored(const char *entry) {
    static const char *const names[] = {"BENCHGATE_PARENT_RUN_ID=",
                                        "BENCHGATE_CONTROL_DIR=",
                                        "BENCHGATE_UNDER_START=",
                                        "BENCHGATE_LOCK_WAIT=",
                                        "BENCHGATE_SUITE=",
                                        "BENCHGATE_CTEST=",
                                        "BENCH_OUTPUT_DIR=",
                                        "BENCH_REUSE=",
                                        "BENCH_NO_CACHE=",
                                        "BENCH_CACHE_DIR=",
                                        "BENCH_NO_UI=",
                                        "BENCH_FORMAT=",
                                        "CI=",
                                        "NO_COLOR=",
                                        "TERM=",
                                        "COLUMNS=",
                                        "LINES=",
                                        "PWD=",
                                        "OLDPWD=",
                                        "SHLVL=",
                                        "_=",
                                        "DISPLAY=",
                                        "SSH_CLIENT=",
                                        "SSH_CONNECTION=",
                                        "SSH_TTY=",
                                        "SSH_AUTH_SOCK=",
                                        "TMUX=",
                                        "TMUX_PANE=",
                                        "STY=",
                                        "WINDOWID=",
                                        "MAIL=",
                                        "LS_COLORS=",
                                        "XDG_SESSION_ID="};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strncmp(entry, names[i], strlen(names[i])) == 0)
            return 1;
    return 0;
}

static int by_text(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each line of list (sorted, each once) into sb. */
static void add_sorted(bg__strbuf *sb, char **list, size_t n) {
    qsort(list, n, sizeof *list, by_text);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(list[i], list[i - 1]) != 0)
            bg__sb_printf(sb, "%s\n", list[i]);
}

/* The environment but the ignored variables, sorted. */
static void add_environment(bg__strbuf *sb) {
    size_t n = 0;
    while (environ && environ[n])
        n++;
    char **list = malloc((n ? n : 1) * sizeof *list);
    size_t k = 0;
    for (size_t i = 0; list && i < n; i++)
        if (!env_ignored(environ[i]))
            list[k++] = environ[i];
    if (list == NULL)
        bg__sb_printf(sb, "?environment\n"); /* a key that is never the same: no reuse */
    else
        add_sorted(sb, list, k);
    free(list);
}

/* Every regular file mapped into the process (the executable, its shared libraries, the
 * plugins and libraries loaded so far): path, size and modification time, sorted. */
static void add_mapped_files(bg__strbuf *sb) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL) {
        bg__sb_printf(sb, "?maps\n");
        return;
    }
    char line[BG__PATH_MAX + 128], **list = NULL;
    size_t n = 0, cap = 0;
    while (fgets(line, sizeof line, f)) {
        char *path = strchr(line, '/'), entry[BG__PATH_MAX + 64];
        struct stat st;
        line[strcspn(line, "\n")] = '\0';
        if (path == NULL || strstr(path, " (deleted)") || stat(path, &st) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        snprintf(entry, sizeof entry, "%s:%lld:%lld.%09ld", path, (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
        if (bg__grow((void **)&list, &cap, n + 1, sizeof *list, 64) != 0)
            break;
        if ((list[n] = strdup(entry)) != NULL)
            n++;
    }
    fclose(f);
    add_sorted(sb, list, n);
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

/* The SHA-256 of the mapped files and the environment, once per run, before the schedule
 * (bg__cache_prepare): a library a benchmark loads later does not make store and restore
 * differ. */
static const char *loaded_sha(bg__run *run) {
    bg__longrun *lr = run->lr;
    if (lr->loaded_sha[0] == '\0') {
        bg__strbuf sb = {0};
        add_mapped_files(&sb);
        bg__sb_printf(&sb, "--\n");
        add_environment(&sb);
        bg__sha256_text(sb.data ? sb.data : "", sb.len, lr->loaded_sha);
        bg__sb_free(&sb);
    }
    return lr->loaded_sha;
}

void bg__cache_prepare(bg__run *run) {
    (void)loaded_sha(run);
}

static int cache_enabled(const bg__run *run) {
    const bg__config *g = &run->settings.global;
    return !g->no_cache && g->cache_dir[0] && strcmp(g->cache_dir, "off") != 0;
}

/* The machine class of the key, found once per run (it may ask nvidia-smi: a process per
 * instance of a sweep of thousands would be most of its cost). */
static const char *machine_class(bg__run *run, int instructions) {
    char *kept = run->lr->machine_class[instructions != 0];
    if (kept[0] == '\0')
        bg__machine_class(kept, sizeof run->lr->machine_class[0], instructions);
    return kept;
}

static void cache_key(bg__run *run, const bg__instance *in, char hex[65]) {
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "%s\n%s\n%s\n%s\n%s\n", CACHE_SCHEMA, bg__binary_sha(run), loaded_sha(run),
                  in->name, machine_class(run, in->cfg->measure == BG__MEASURE_INSTRUCTIONS));
    for (int i = 0; i < in->param_count; i++)
        bg__sb_printf(&sb, "%s=%s;", in->params[i].name, in->params[i].value);
    bg__sb_printf(&sb, "\n");
    for (size_t i = 0; i < run->dataset_count; i++)
        if (in->def->dataset && strcmp(run->datasets[i].name, in->def->dataset) == 0)
            bg__sb_printf(&sb, "%s@%ld:%s:%s;", run->datasets[i].name, run->datasets[i].version,
                          run->datasets[i].path, run->datasets[i].sha256);
    bg__sb_printf(&sb, "\n");
    bg__measure_settings(in->cfg, &sb);
    bg__sha256_text(sb.data ? sb.data : "", sb.len, hex);
    bg__sb_free(&sb);
}

static int entry_path(const bg__run *run, const char *key, char *dir, char *path, size_t size) {
    const char *root = run->settings.global.cache_dir;
    int a = snprintf(dir, size, "%s/%.2s", root, key);
    int b = snprintf(path, size, "%s/%.2s/%s.json", root, key, key);
    return a < 0 || b < 0 || (size_t)a >= size || (size_t)b >= size ? -1 : 0;
}

/* The folder of an entry (its key's first two hex digits), made once per run: a sweep stores
 * thousands of entries in 256 folders. @return 0, or -1 with err set */
static int entry_folder(bg__run *run, const char *key, const char *dir, bg__error *err) {
    unsigned long bucket = strtoul((char[3]){key[0], key[1], '\0'}, NULL, 16) & 0xff;
    unsigned char *made = &run->lr->cache_dirs[bucket / 8], bit = (unsigned char)(1u << bucket % 8);
    if (*made & bit)
        return 0;
    if (bg__mkdirs(dir, err) != BG_OK)
        return -1;
    *made |= bit;
    return 0;
}

static int finite_at_least(double v, double lo) {
    return isfinite(v) && v >= lo;
}

/* Why a restored state is not one this harness could have measured, as a result's figures are
 * checked when read: no sample, a sample with no iteration or a negative or non-finite figure,
 * a metric that is not finite, repetitions missing. NULL when it is sound. */
static const char *restored_problem(const bg__instance *in, char *buf, size_t size) {
    if (in->sample_count == 0)
        return "no sample";
    for (size_t i = 0; i < in->sample_count; i++) {
        const bg__sample *x = &in->samples[i];
        if (x->iterations == 0 || !finite_at_least(x->time_ns, 0) ||
            !finite_at_least(x->cpu_ns, 0) || !finite_at_least(x->instructions, 0) ||
            !finite_at_least(x->est_cycles, 0)) {
            snprintf(buf, size,
                     "sample %zu: %g ns, %g instructions per iteration over %llu "
                     "iteration(s)",
                     i + 1, x->time_ns, x->instructions, (unsigned long long)x->iterations);
            return buf;
        }
    }
    for (int i = 0; i < in->metric_count; i++)
        if (!isfinite(in->metrics[i].value)) {
            snprintf(buf, size, "metric %s: not a finite number", in->metrics[i].name);
            return buf;
        }
    if ((int64_t)in->reps_done < in->cfg->repetitions || !finite_at_least(in->seconds, 0)) {
        snprintf(buf, size, "%d of %lld repetition(s)", in->reps_done,
                 (long long)in->cfg->repetitions);
        return buf;
    }
    return NULL;
}

/* --reuse under CI (CI=true, as GitHub Actions and most CI services set it): an old measurement
 * would pass the gate, so only --reuse=force reuses there. */
static int reuse_wanted(const bg__run *run) {
    int reuse = run->settings.global.reuse;
    const char *ci = getenv("CI");
    int under_ci = ci && (strcmp(ci, "true") == 0 || strcmp(ci, "1") == 0);
    return reuse == BG__REUSE_FORCE || (reuse && !under_ci);
}

int bg__cache_reuse_refused_by_ci(const bg__run *run) {
    return run->settings.global.reuse == 1 && !reuse_wanted(run);
}

int bg__cache_restore(bg__run *run, bg__instance *in) {
    char key[65], dir[BG__PATH_MAX], path[BG__PATH_MAX];
    if (!reuse_wanted(run) || !cache_enabled(run) || strcmp(bg__binary_sha(run), "-") == 0 ||
        in->samples != NULL)
        return 0;
    cache_key(run, in, key);
    bg__error err = {BG_OK, ""};
    char *text =
        entry_path(run, key, dir, path, sizeof path) == 0 ? bg__read_text(path, &err) : NULL;
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "schema"));
    const char *from = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "run_id"));
    bg__instance saved = *in; /* a refused entry leaves the instance as it was */
    int hit = schema && strcmp(schema, CACHE_SCHEMA) == 0 && from &&
              bg__instance_state_restore(in, cJSON_GetObjectItemCaseSensitive(root, "state"),
                                         &err) == BG_OK &&
              in->status == BG__STATUS_OK;
    char why[192];
    if (hit && restored_problem(in, why, sizeof why)) {
        fprintf(stderr,
                "%s: warning: cache entry %s for %s is not valid (%s): not reused, "
                "measured again\n",
                run->program, path, in->name, why);
        hit = 0;
    }
    if (hit) {
        snprintf(in->reused_from, sizeof in->reused_from, "%s", from);
    } else if (root) {
        if (in->samples != saved.samples)
            free(in->samples);
        if (in->counter_values != saved.counter_values)
            free(in->counter_values);
        *in = saved;
    }
    cJSON_Delete(root);
    return hit;
}

void bg__cache_store(bg__run *run, const bg__instance *in) {
    char key[65], dir[BG__PATH_MAX], path[BG__PATH_MAX];
    if (!cache_enabled(run) || in->reused_from[0] || in->status != BG__STATUS_OK ||
        in->reps_done < in->cfg->repetitions || strcmp(bg__binary_sha(run), "-") == 0)
        return;
    cache_key(run, in, key);
    bg__error err = {BG_OK, ""};
    if (entry_path(run, key, dir, path, sizeof path) != 0 || entry_folder(run, key, dir, &err)) {
        bg__log(run, "%s: cache: %s", run->program, err.msg);
        return;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", CACHE_SCHEMA);
    cJSON_AddStringToObject(root, "key", key);
    const char *parent = getenv("BENCHGATE_PARENT_RUN_ID"); /* the run of benchgate start */
    cJSON_AddStringToObject(root, "run_id", parent && parent[0] ? parent : run->run_id);
    cJSON_AddStringToObject(root, "timestamp", run->timestamp);
    cJSON_AddItemToObject(root, "state", bg__instance_state_json(in));
    char *text = bg__json_print(root, 0);
    cJSON_Delete(root);
    if (text == NULL || bg__write_replace(path, text, strlen(text), &err) != BG_OK)
        bg__log(run, "%s: cache: cannot store %s: %s", run->program, in->name,
                text ? err.msg : "out of memory");
    free(text);
}
