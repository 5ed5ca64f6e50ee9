/* shard_merge.c - one run directory of the N shards of a run (benchgate merge): every check
 * first (each a shard of one split, one plan, one commit, one machine class; none twice, none
 * missing, no benchmark in two), then the merge of result.json and its files and of parts/. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "results/results.h"

/** What the checks read of one shard. */
typedef struct shard_info {
    const char *dir;
    cJSON *doc;
    int index, count;
    const char *plan, *sha, *machine_class;
    double duration_s;
} shard_info;

static bg_err read_shard(shard_info *s, const char *dir, bg__error *err) {
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/result.json", dir);
    s->dir = dir;
    BG_FORWARD_IF_ERROR(bg__load_result(path, &s->doc, err));
    const cJSON *run = bg__json_get(s->doc, "run"), *shard = bg__json_get(run, "shard");
    BG_RETURN_IF(!cJSON_IsObject(shard), err, BG_EINPUT,
                 "%s: not the run of a shard (no run.shard: it ran without --shard=K/N); "
                 "nothing merged",
                 dir);
    s->index = (int)bg__json_number_or(shard, "index", 0);
    s->count = (int)bg__json_number_or(shard, "count", 0);
    BG_RETURN_IF(s->count < 1 || s->index < 1 || s->index > s->count, err, BG_EINPUT,
                 "%s: run.shard is not shard K of N (1 <= K <= N); nothing merged", dir);
    s->plan = bg__json_text(shard, "plan");
    s->sha = bg__json_text(bg__json_get(run, "git"), "sha");
    s->machine_class = bg__json_text(bg__json_get(s->doc, "system"), "machine_class");
    s->duration_s = bg__json_number_or(run, "duration_s", 0);
    return BG_OK;
}

static int same_text(const char *a, const char *b) {
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Each shard against the first: one split, one plan, one commit, one machine class. */
static bg_err check_alike(const shard_info *a, const shard_info *b, bg__error *err) {
    BG_RETURN_IF(a->count != b->count, err, BG_EINPUT,
                 "%s is shard %d/%d, %s shard %d/%d: shards of different splits; nothing merged",
                 a->dir, a->index, a->count, b->dir, b->index, b->count);
    BG_RETURN_IF(!same_text(a->plan, b->plan), err, BG_EINPUT,
                 "%s and %s were split by different plans (run.shard.plan; the history they "
                 "balanced by changed between them): run the shards again; nothing merged",
                 a->dir, b->dir);
    BG_RETURN_IF(!same_text(a->sha, b->sha), err, BG_EINPUT,
                 "%s ran commit %.12s, %s commit %.12s: shards of different commits; nothing "
                 "merged",
                 a->dir, a->sha ? a->sha : "(none)", b->dir, b->sha ? b->sha : "(none)");
    BG_RETURN_IF(!same_text(a->machine_class, b->machine_class), err, BG_EINPUT,
                 "%s ran on machine class %s, %s on %s: shards of different machine classes; "
                 "nothing merged",
                 a->dir, a->machine_class ? a->machine_class : "(none)", b->dir,
                 b->machine_class ? b->machine_class : "(none)");
    return BG_OK;
}

/* Every index once, none missing; sorts the shards by index. */
static bg_err check_indexes(shard_info *s, int n, bg__error *err) {
    int count = s[0].count;
    shard_info **by_index = calloc((size_t)count + 1, sizeof *by_index);
    BG_RETURN_IF(by_index == NULL, err, BG_ENOMEM, "out of memory");
    bg_err rc = BG_OK;
    for (int i = 0; i < n && rc == BG_OK; i++) {
        if (by_index[s[i].index])
            rc = bg__set_error(err, BG_EINPUT,
                               "%s and %s are both shard %d/%d: the shards overlap; nothing "
                               "merged",
                               by_index[s[i].index]->dir, s[i].dir, s[i].index, count);
        by_index[s[i].index] = &s[i];
    }
    bg__strbuf missing = {0};
    int gaps = 0;
    for (int k = 1; k <= count && rc == BG_OK; k++)
        if (by_index[k] == NULL)
            bg__sb_printf(&missing, "%s%d", gaps++ ? ", " : "", k);
    if (rc == BG_OK && gaps)
        rc = bg__set_error(err, BG_EINPUT,
                           "missing shard(s) %.200s of %d: give the run directory of every shard; "
                           "nothing merged",
                           missing.data ? missing.data : "", count);
    bg__sb_free(&missing);
    shard_info *sorted = rc == BG_OK ? malloc((size_t)n * sizeof *sorted) : NULL;
    for (int k = 1; sorted && k <= count; k++)
        sorted[k - 1] = *by_index[k];
    if (sorted)
        memcpy(s, sorted, (size_t)n * sizeof *s);
    free(sorted);
    free(by_index);
    return rc;
}

/* No benchmark in two shards. */
static bg_err check_names(const shard_info *s, int n, bg__error *err) {
    cJSON *seen = cJSON_CreateObject();
    BG_RETURN_IF(seen == NULL, err, BG_ENOMEM, "out of memory");
    bg_err rc = BG_OK;
    for (int i = 0; i < n && rc == BG_OK; i++) {
        const cJSON *b;
        cJSON_ArrayForEach(b, bg__json_get(s[i].doc, "benchmarks")) {
            const char *name = bg__json_text(b, "name");
            const cJSON *was = cJSON_GetObjectItemCaseSensitive(seen, name ? name : "");
            if (was) {
                rc = bg__set_error(err, BG_EINPUT,
                                   "benchmark '%.200s' is in shard %d (%s) and shard %d (%s): the "
                                   "shards overlap; nothing merged",
                                   name, (int)was->valuedouble, s[(int)was->valuedouble - 1].dir,
                                   s[i].index, s[i].dir);
                break;
            }
            cJSON_AddNumberToObject(seen, name ? name : "", s[i].index);
        }
    }
    cJSON_Delete(seen);
    return rc;
}

static bg_err refuse_used(const char *out, bg__error *err) {
    char path[BG__PATH_MAX + 32];
    struct stat st;
    snprintf(path, sizeof path, "%s/result.json", out);
    BG_RETURN_IF(lstat(path, &st) == 0, err, BG_EINPUT,
                 "%s holds a run (%s): choose another --output-dir; nothing merged", out, path);
    return BG_OK;
}

/* The names under DIR/parts/ (start's bench executables), added to the object names. */
static void part_names(const char *dir, cJSON *names) {
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/parts", dir);
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && !cJSON_HasObjectItem(names, e->d_name))
            cJSON_AddTrueToObject(names, e->d_name);
    if (d)
        closedir(d);
}

/* One merge of dir/sub (sub "" for the top) of every shard that has it, into out/sub. */
static bg_err merge_one(const shard_info *s, int n, const char *sub, const char *out,
                        const char *run_id, const char *command_line, bg__error *err) {
    bg_merge *m = bg_merge_create();
    BG_RETURN_IF(m == NULL, err, BG_ENOMEM, "out of memory");
    char dir[BG__PATH_MAX + 200], file[BG__PATH_MAX + 240];
    double longest = 0;
    bg_err rc = BG_OK;
    for (int i = 0; i < n && rc == BG_OK; i++) {
        snprintf(dir, sizeof dir, "%s%s%s", s[i].dir, sub[0] ? "/parts/" : "", sub);
        snprintf(file, sizeof file, "%s/result.json", dir);
        if (access(file, F_OK) != 0)
            continue; /* this executable had no instance in that shard */
        rc = bg_merge_add(m, dir);
        longest = s[i].duration_s > longest ? s[i].duration_s : longest;
    }
    snprintf(dir, sizeof dir, "%s%s%s", out, sub[0] ? "/parts/" : "", sub);
    bg_merge_set_shard(m, 0, 0, NULL); /* whole again */
    if (sub[0] == '\0')
        bg_merge_set_duration(m, longest); /* the shards ran side by side */
    if (rc == BG_OK && bg_merge_count(m) > 0)
        rc = bg__mkdirs(dir, err) == BG_OK ? bg_merge_write(m, dir, run_id, command_line)
                                           : err->code;
    if (rc != BG_OK && err->msg[0] == '\0')
        bg__set_error(err, rc, "%s", bg_merge_error(m));
    bg_merge_free(m);
    return rc;
}

static bg_err write_log(const shard_info *s, int n, const char *out, const char *run_id,
                        bg__error *err) {
    bg__strbuf log = {0};
    char path[BG__PATH_MAX + 32];
    bg__sb_printf(&log, "benchgate merge: run %s from %d shard(s)\n", run_id, n);
    for (int i = 0; i < n; i++)
        bg__sb_printf(&log, "shard %d/%d: %s (run %s)\n", s[i].index, s[i].count, s[i].dir,
                      bg__json_text(bg__json_get(s[i].doc, "run"), "run_id"));
    snprintf(path, sizeof path, "%s/run.log", out);
    bg_err rc = log.failed ? bg__set_error(err, BG_ENOMEM, "out of memory")
                           : bg__write_atomic(path, log.data, log.len, err);
    bg__sb_free(&log);
    return rc;
}

static bg_err merge_all(shard_info *s, int n, const char *out, const char *command_line,
                        bg__error *err) {
    char run_id[160];
    snprintf(run_id, sizeof run_id, "%.140s-merged",
             bg__json_text(bg__json_get(s[0].doc, "run"), "run_id"));
    BG_FORWARD_IF_ERROR(merge_one(s, n, "", out, run_id, command_line, err));
    cJSON *names = cJSON_CreateObject();
    BG_RETURN_IF(names == NULL, err, BG_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++)
        part_names(s[i].dir, names);
    bg_err rc = BG_OK;
    const cJSON *part;
    cJSON_ArrayForEach(part, names) {
        if (rc == BG_OK)
            rc = merge_one(s, n, part->string, out, run_id, command_line, err);
    }
    cJSON_Delete(names);
    return rc == BG_OK ? write_log(s, n, out, run_id, err) : rc;
}

static bg_err merge_shards(char *const *dirs, int n, const char *out, const char *command_line,
                           shard_info *s, bg__error *err) {
    BG_RETURN_IF(n < 1 || out == NULL || out[0] == '\0', err, BG_EUSAGE,
                 "give the output directory and the run directory of every shard");
    for (int i = 0; i < n; i++)
        BG_FORWARD_IF_ERROR(read_shard(&s[i], dirs[i], err));
    for (int i = 1; i < n; i++)
        BG_FORWARD_IF_ERROR(check_alike(&s[0], &s[i], err));
    BG_FORWARD_IF_ERROR(check_indexes(s, n, err));
    BG_FORWARD_IF_ERROR(check_names(s, n, err));
    BG_FORWARD_IF_ERROR(refuse_used(out, err));
    return merge_all(s, n, out, command_line, err);
}

bg_err bg_shards_merge(char *const *dirs, int n, const char *out_dir, const char *command_line,
                       char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    shard_info *s = calloc(n > 0 ? (size_t)n : 1, sizeof *s);
    bg_err rc =
        s ? merge_shards(dirs, n, out_dir, command_line ? command_line : "benchgate merge", s, &err)
          : bg__set_error(&err, BG_ENOMEM, "out of memory");
    for (int i = 0; s && i < n; i++)
        cJSON_Delete(s[i].doc);
    free(s);
    return bg__errbuf(&err, rc, errbuf, errlen);
}
