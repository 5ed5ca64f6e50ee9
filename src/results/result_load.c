/* result_load.c - reading a checked benchgate.result/1 document (result_check.c), one or two
 * at once. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "results/results.h"

bg_err bg__load_result(const char *path, cJSON **out, bg__error *err) {
    char *text = bg__read_text(path, err);
    if (text == NULL)
        return err->code;
    bg_err rc = bg__parse_result(text, path, out, err);
    free(text);
    return rc;
}

/** One result to load (or document to free) on a thread of its own. */
typedef struct load_job {
    const char *path;
    cJSON *doc;
    bg__error err;
} load_job;

static void *load_job_run(void *arg) {
    load_job *job = arg;
    if (job->path)
        bg__load_result(job->path, &job->doc, &job->err);
    else
        cJSON_Delete(job->doc);
    return NULL;
}

/* Runs both jobs, the second on a thread when one can be started (two cores: half the time). */
static void run_two(load_job jobs[2]) {
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, load_job_run, &jobs[1]) == 0;
    load_job_run(&jobs[0]);
    if (threaded)
        pthread_join(thread, NULL);
    else
        load_job_run(&jobs[1]);
}

bg_err bg__load_result_pair(const char *const path[2], cJSON *doc[2], bg__error *err) {
    load_job jobs[2] = {{path[0], NULL, {BG_OK, ""}}, {path[1], NULL, {BG_OK, ""}}};
    run_two(jobs);
    for (int i = 0; i < 2; i++)
        if (jobs[i].err.code != BG_OK) {
            *err = jobs[i].err; /* the first file's problem first */
            bg__json_delete_pair(jobs[0].doc, jobs[1].doc);
            return err->code;
        }
    doc[0] = jobs[0].doc, doc[1] = jobs[1].doc;
    return BG_OK;
}

void bg__json_delete_pair(cJSON *a, cJSON *b) {
    load_job jobs[2] = {{NULL, a, {BG_OK, ""}}, {NULL, b, {BG_OK, ""}}};
    run_two(jobs);
}

bg_err bg__parse_result(const char *text, const char *path, cJSON **out, bg__error *err) {
    cJSON *doc = NULL;
    BG_FORWARD_IF_ERROR(bg__json_parse_strict(text, path, &doc, err));
    BG_FORWARD_IF_ERROR(bg__foreign_convert(doc, path, &doc, err)); /* gbench, nvbench, ... */
    if (bg__check_result(path, doc, err) != BG_OK) {
        cJSON_Delete(doc);
        return err->code;
    }
    *out = doc;
    return BG_OK;
}
