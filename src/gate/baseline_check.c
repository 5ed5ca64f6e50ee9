/* baseline_check.c - what may become a baseline: a measurement, never less (docs/gates.md,
 * "What can become a baseline"). The run is a valid, complete result with a benchmark; none of
 * its benchmarks failed; nothing the stored baseline has ok is skipped or in error in it; and
 * it has every benchmark of the stored baseline, unless --drop names it. A regression is
 * bg_compare's to judge, and --force's to accept; none of this is. */
#include <cjson/cJSON.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/baseline.h"
#include "common/common.h"
#include "results/results.h"
#include "gate/gate.h"

/** What a check holds: the two documents, the drop pattern, and the message of a refusal. */
typedef struct check_ctx {
    const char *run_path;
    cJSON *run, *stored; /* stored NULL: a first baseline */
    regex_t drop;
    int has_drop;
    bg__error err;
} check_ctx;

__attribute__((format(printf, 2, 3))) static bg_err refuse(check_ctx *c, const char *fmt, ...) {
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return bg__set_error(&c->err, BG_EINPUT, "refused: %s: %s", c->run_path, why);
}

static const char *name_of(const cJSON *b) {
    return bg__json_text(b, "name");
}

static int dropped(const check_ctx *c, const cJSON *b) {
    return c->has_drop && regexec(&c->drop, name_of(b), 0, NULL, 0) == 0;
}

static const cJSON *find(const cJSON *doc, const char *name) {
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        if (strcmp(name_of(b), name) == 0)
            return b;
    }
    return NULL;
}

/* The name and the message of an entry, shortened and made safe for a message. */
static void shown(const char *text, char *out, size_t size) {
    bg__value_excerpt(text, out, size);
}

/* A metric of b that the stored baseline has ok and the run does not. */
static bg_err check_metrics(check_ctx *c, const cJSON *b, const cJSON *old) {
    const cJSON *m;
    char name[400], metric[400], why[400];
    cJSON_ArrayForEach(m, bg__json_get(old, "metrics")) {
        if (!bg__status_ok(m))
            continue;
        const cJSON *now = bg__json_get(bg__json_get(b, "metrics"), m->string);
        if (now != NULL && bg__status_ok(now))
            continue;
        shown(name_of(b), name, sizeof name);
        shown(m->string, metric, sizeof metric);
        shown(now ? bg__json_text(now, "error_message") : "", why, sizeof why);
        return refuse(c,
                      "benchmark '%s': metric %s is %s%s%s, but ok in the stored baseline: not a "
                      "measurement of it",
                      name, metric, now ? bg__json_text(now, "status") : "missing",
                      why[0] ? ": " : "", why);
    }
    return BG_OK;
}

/* Each benchmark the run keeps: not failed, and not less than the stored baseline has. */
static bg_err check_benchmark(check_ctx *c, const cJSON *b) {
    char name[400], why[400];
    shown(name_of(b), name, sizeof name);
    shown(bg__json_text(b, "error_message"), why, sizeof why);
    const char *status = bg__json_text(b, "status");
    if (strcmp(status, "error") == 0)
        return refuse(c,
                      "benchmark '%s' failed (status error: %s): a failed run is not a "
                      "measurement",
                      name, why);
    const cJSON *old = c->stored ? find(c->stored, name_of(b)) : NULL;
    if (old == NULL)
        return BG_OK; /* new: skipped may be kept (a GPU bench on a machine without one) */
    if (strcmp(status, "skipped") == 0 && bg__status_ok(old))
        return refuse(c,
                      "benchmark '%s' is skipped (%s), but ok in the stored baseline: not a "
                      "measurement of it",
                      name, why);
    return check_metrics(c, b, old);
}

/* The benchmarks of the stored baseline that the run lacks and --drop does not name. */
static bg_err check_missing(check_ctx *c) {
    const cJSON *b, *first = NULL;
    int missing = 0;
    cJSON_ArrayForEach(b, bg__json_get(c->stored, "benchmarks")) {
        if (!dropped(c, b) && find(c->run, name_of(b)) == NULL && missing++ == 0)
            first = b;
    }
    if (missing == 0)
        return BG_OK;
    char name[400];
    shown(name_of(first), name, sizeof name);
    return refuse(c,
                  "benchmark '%s'%s of the stored baseline %s missing from the run; to remove "
                  "%s from the baseline, name %s with --drop=REGEX",
                  name, missing > 1 ? " and others" : "", missing > 1 ? "are" : "is",
                  missing > 1 ? "them" : "it", missing > 1 ? "them" : "it");
}

/* Says on report which benchmarks --drop leaves out of the new baseline. */
static void report_drops(const check_ctx *c, FILE *report, const char *drop) {
    const cJSON *docs[2] = {c->stored, c->run}, *b;
    for (int d = 0; report && d < 2; d++)
        cJSON_ArrayForEach(b, bg__json_get(docs[d], "benchmarks")) {
            if (!dropped(c, b) || (d == 1 && c->stored && find(c->stored, name_of(b))))
                continue;
            char name[400];
            shown(name_of(b), name, sizeof name);
            fprintf(report, "dropped      %s (--drop=%s)\n", name, drop);
        }
}

static bg_err check_run(check_ctx *c, const char *drop, FILE *report) {
    if (!cJSON_IsTrue(bg__json_get(c->run, "complete")))
        return refuse(c, "incomplete (\"complete\": false): an interrupted run is not a "
                         "measurement");
    int kept = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(c->run, "benchmarks")) {
        if (dropped(c, b))
            continue;
        kept++;
        BG_FORWARD_IF_ERROR(check_benchmark(c, b));
    }
    if (kept == 0)
        return refuse(c, "no benchmark%s: an empty baseline would leave every gate not gated",
                      c->has_drop ? " left after --drop" : "");
    if (c->stored)
        BG_FORWARD_IF_ERROR(check_missing(c));
    report_drops(c, report, drop);
    return BG_OK;
}

/* Compiles drop into *re. @return 1 compiled, 0 none given, -1 not a regex (err set) */
static int compile_drop(const char *drop, regex_t *re, bg__error *err) {
    if (drop == NULL || drop[0] == '\0')
        return 0;
    if (regcomp(re, drop, REG_EXTENDED | REG_NOSUB) == 0)
        return 1;
    bg__set_error(err, BG_EUSAGE, "--drop: '%s' is not an extended regular expression", drop);
    return -1;
}

bg_err bg_baseline_check(const char *stored_path, const char *run_path, const char *drop,
                         FILE *report, char *errbuf, size_t errlen) {
    check_ctx c;
    memset(&c, 0, sizeof c);
    c.run_path = run_path;
    c.has_drop = compile_drop(drop, &c.drop, &c.err);
    if (c.has_drop >= 0 && bg__load_result(run_path, &c.run, &c.err) == BG_OK &&
        (stored_path == NULL || bg__load_result(stored_path, &c.stored, &c.err) == BG_OK))
        check_run(&c, drop, report);
    cJSON_Delete(c.run);
    cJSON_Delete(c.stored);
    if (c.has_drop > 0)
        regfree(&c.drop);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", c.err.msg);
    return c.err.code;
}

/* Removes the benchmarks of doc that drop matches. */
static void remove_dropped(cJSON *doc, const regex_t *re) {
    cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "benchmarks");
    for (cJSON *b = list ? list->child : NULL, *next; b != NULL; b = next) {
        next = b->next;
        if (regexec(re, name_of(b), 0, NULL, 0) == 0)
            cJSON_Delete(cJSON_DetachItemViaPointer(list, b));
    }
}

bg_err bg__baseline_drop(cJSON *doc, const char *drop, bg__error *err) {
    regex_t re;
    int has = compile_drop(drop, &re, err);
    if (has > 0) {
        remove_dropped(doc, &re);
        regfree(&re);
    }
    return has < 0 ? err->code : BG_OK;
}
