/* results_merge.c - combines the run directories of several bench executables into one. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "config/config.h"
#include "results/results.h"

struct bg_merge {
    cJSON *root; /**< the merged document; NULL until the first part */
    bg__strbuf csv, samples, summary;
    bg__error err;
    int incomplete;    /**< 1: bg_merge_mark_incomplete() was called */
    double duration_s; /**< the whole run; < 0 = keep the first part's */
    cJSON *origin;     /**< benchmark name -> the part (bench executable) it came from */
    int conflict;      /**< 1: two parts had a benchmark of one name; nothing is written */
    int shard_index, shard_count; /**< run.shard: count > 0 set, 0 removed, -1 kept */
    char shard_plan[64];
};

bg_merge *bg_merge_create(void) {
    bg_merge *m = calloc(1, sizeof(bg_merge));
    if (m)
        m->duration_s = -1, m->shard_count = -1;
    return m;
}

/* Appends a CSV file without its header line (the first part's header is kept). */
static bg_err append_csv(bg__strbuf *dst, const char *path, bg__error *err) {
    char *text = bg__read_text(path, err);
    if (text == NULL)
        return err->code;
    const char *body = dst->len ? strchr(text, '\n') : text;
    if (body && dst->len)
        body++;
    if (body)
        bg__sb_printf(dst, "%s", body);
    free(text);
    return BG_OK;
}

/* Adds the dataset entries of src that dst lacks (the same file may be used by several parts). */
static void merge_datasets(cJSON *dst_doc, cJSON *src_doc) {
    cJSON *dst = cJSON_GetObjectItemCaseSensitive(dst_doc, "datasets");
    cJSON *src = cJSON_GetObjectItemCaseSensitive(src_doc, "datasets"), *item, *have;
    if (!cJSON_IsArray(dst) || !cJSON_IsArray(src))
        return;
    cJSON_ArrayForEach(item, src) {
        int dup = 0;
        cJSON_ArrayForEach(have, dst) dup |= cJSON_Compare(have, item, 1);
        if (!dup)
            cJSON_AddItemToArray(dst, cJSON_Duplicate(item, 1));
    }
}

/* Appends the complexity fits of src (each family is one part's) to dst's list. */
static void merge_complexity(cJSON *dst_doc, cJSON *src_doc) {
    cJSON *src = cJSON_DetachItemFromObjectCaseSensitive(src_doc, "complexity"), *item;
    if (src == NULL)
        return;
    cJSON *dst = cJSON_GetObjectItemCaseSensitive(dst_doc, "complexity");
    if (dst == NULL)
        cJSON_AddItemToObject(dst_doc, "complexity", dst = cJSON_CreateArray());
    while ((item = cJSON_DetachItemFromArray(src, 0)) != NULL)
        cJSON_AddItemToArray(dst, item);
    cJSON_Delete(src);
}

static void merge_into(bg_merge *m, cJSON *doc) {
    if (m->root == NULL) {
        m->root = doc;
        return;
    }
    merge_datasets(m->root, doc);
    merge_complexity(m->root, doc);
    cJSON *dst = cJSON_GetObjectItemCaseSensitive(m->root, "benchmarks");
    cJSON *src = cJSON_DetachItemFromObjectCaseSensitive(doc, "benchmarks");
    cJSON *item;
    while ((item = cJSON_DetachItemFromArray(src, 0)) != NULL)
        cJSON_AddItemToArray(dst, item);
    cJSON_Delete(src);
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "complete")))
        cJSON_ReplaceItemInObjectCaseSensitive(m->root, "complete", cJSON_CreateFalse());
    cJSON_Delete(doc);
}

/* The part's name for a message: the last component of its folder (parts/<bench>). */
static const char *part_name(const char *part_dir) {
    const char *slash = strrchr(part_dir, '/');
    return slash && slash[1] ? slash + 1 : part_dir;
}

/* Refuses a part with a benchmark that an earlier part has: the merged result.json would hold
 * the name twice, which every reader refuses (and the run would miss from the history). */
static bg_err claim_names(bg_merge *m, cJSON *doc, const char *part_dir) {
    if (m->origin == NULL && (m->origin = cJSON_CreateObject()) == NULL)
        return bg__set_error(&m->err, BG_ENOMEM, "out of memory merging %s", part_dir);
    const char *part = part_name(part_dir);
    cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        const char *name = bg__json_text(b, "name");
        cJSON *was = cJSON_GetObjectItemCaseSensitive(m->origin, name);
        if (was) {
            m->conflict = 1;
            return bg__set_error(&m->err, BG_EINPUT,
                                 "benchmark '%.200s' comes from two bench executables, %s and %s: "
                                 "benchmark names must be unique in a project (rename one "
                                 "family); nothing merged, their results stay in parts/",
                                 name, cJSON_GetStringValue(was), part);
        }
        cJSON_AddItemToObject(m->origin, name, cJSON_CreateString(part));
    }
    return BG_OK;
}

bg_err bg_merge_add(bg_merge *m, const char *part_dir) {
    char path[BG__PATH_MAX + 32];
    cJSON *doc = NULL;
    if (m->conflict)
        return BG_OK; /* the first clash is reported; bg_merge_write refuses */
    snprintf(path, sizeof path, "%s/" BG_RESULT_FILE, part_dir);
    BG_FORWARD_IF_ERROR(bg__load_result(path, &doc, &m->err));
    if (claim_names(m, doc, part_dir) != BG_OK) {
        cJSON_Delete(doc);
        return m->err.code;
    }
    snprintf(path, sizeof path, "%s/result.csv", part_dir);
    bg_err rc = append_csv(&m->csv, path, &m->err);
    snprintf(path, sizeof path, "%s/samples.csv", part_dir);
    if (rc == BG_OK)
        rc = append_csv(&m->samples, path, &m->err);
    if (rc != BG_OK) {
        cJSON_Delete(doc);
        return rc;
    }
    merge_into(m, doc);
    return BG_OK;
}

int bg_merge_count(const bg_merge *m) {
    return m->root ? cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m->root, "benchmarks"))
                   : 0;
}

/* run.shard as bg_merge_set_shard asked. */
static void stamp_shard(const bg_merge *m, cJSON *run) {
    if (m->shard_count < 0)
        return;
    cJSON_DeleteItemFromObjectCaseSensitive(run, "shard");
    if (m->shard_count == 0)
        return;
    cJSON *shard = cJSON_AddObjectToObject(run, "shard");
    cJSON_AddNumberToObject(shard, "index", m->shard_index);
    cJSON_AddNumberToObject(shard, "count", m->shard_count);
    if (m->shard_plan[0])
        cJSON_AddStringToObject(shard, "plan", m->shard_plan);
}

static void stamp_run(const bg_merge *m, cJSON *root, const char *run_id, const char *command_line,
                      double duration_s) {
    cJSON *run = cJSON_GetObjectItemCaseSensitive(root, "run");
    if (!cJSON_IsObject(run))
        return;
    stamp_shard(m, run);
    if (duration_s >= 0) {
        cJSON_DeleteItemFromObjectCaseSensitive(run, "duration_s");
        bg__json_number(run, "duration_s", duration_s);
    }
    cJSON_ReplaceItemInObjectCaseSensitive(run, "run_id", cJSON_CreateString(run_id));
    cJSON_ReplaceItemInObjectCaseSensitive(run, "command_line", cJSON_CreateString(command_line));
    cJSON_ReplaceItemInObjectCaseSensitive(run, "program", cJSON_CreateString("benchgate"));
}

static void summary_from(bg_merge *m, const char *run_id, const char *command_line) {
    bg__sb_printf(&m->summary,
                  "# benchgate run %s\n\n%s\n\n| benchmark | status | median ns |\n"
                  "| --- | --- | ---: |\n",
                  run_id, command_line);
    cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(m->root, "benchmarks")) {
        cJSON *time = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(b, "metrics"), "time_ns");
        cJSON *median = cJSON_GetObjectItemCaseSensitive(time, "median");
        char med[32] = "";
        if (cJSON_IsNumber(median))
            snprintf(med, sizeof med, "%.4g", median->valuedouble);
        bg__sb_printf(&m->summary, "| `%s` | %s | %s |\n",
                      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "name")),
                      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b, "status")), med);
    }
}

static bg_err write_part(bg_merge *m, const char *dir, const char *name, bg__strbuf *sb) {
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    BG_RETURN_IF(sb->failed, &m->err, BG_ENOMEM, "%s: out of memory", path);
    return bg__write_atomic(path, sb->data ? sb->data : "", sb->len, &m->err);
}

bg_err bg_merge_write(bg_merge *m, const char *out_dir, const char *run_id,
                      const char *command_line) {
    if (m->conflict)
        return m->err.code; /* the message of the part that clashed */
    BG_RETURN_IF(m->root == NULL, &m->err, BG_EINPUT, "nothing to merge: no result was added");
    stamp_run(m, m->root, run_id, command_line, m->duration_s);
    if (m->incomplete)
        cJSON_ReplaceItemInObjectCaseSensitive(m->root, "complete", cJSON_CreateFalse());
    char *text = bg__json_print(m->root, 1);
    BG_RETURN_IF(text == NULL, &m->err, BG_ENOMEM, "out of memory printing result.json");
    bg__strbuf json = {0};
    bg__sb_puts(&json, text);
    free(text);
    bg_err rc = write_part(m, out_dir, BG_RESULT_FILE, &json);
    bg__sb_free(&json);
    BG_FORWARD_IF_ERROR(rc);
    BG_FORWARD_IF_ERROR(write_part(m, out_dir, "result.csv", &m->csv));
    BG_FORWARD_IF_ERROR(write_part(m, out_dir, "samples.csv", &m->samples));
    summary_from(m, run_id, command_line);
    return write_part(m, out_dir, "summary.md", &m->summary);
}

void bg_merge_mark_incomplete(bg_merge *m) {
    m->incomplete = 1;
}

void bg_merge_set_shard(bg_merge *m, int index, int count, const char *plan) {
    m->shard_index = index;
    m->shard_count = count;
    snprintf(m->shard_plan, sizeof m->shard_plan, "%s", plan ? plan : "");
}

void bg_merge_set_duration(bg_merge *m, double seconds) {
    m->duration_s = seconds;
}

const char *bg_merge_error(const bg_merge *m) {
    return m->err.msg;
}

void bg_merge_free(bg_merge *m) {
    if (m == NULL)
        return;
    cJSON_Delete(m->root);
    cJSON_Delete(m->origin);
    bg__sb_free(&m->csv);
    bg__sb_free(&m->samples);
    bg__sb_free(&m->summary);
    free(m);
}
