/* changes_report.c - benchgate changes: every series of the history through a detector
 * (changes_detect.c), the changes after --since as a table for a terminal (100 columns), JSON
 * (benchgate.changes/1, docs/schema/changes.schema.json) or Markdown. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/changes.h"
#include "benchgate/report.h"
#include "changes.h"
#include "report/report.h"

typedef struct changes {
    bg__change *rows;
    size_t count, cap;
    size_t points, series;
    int regressions;
    bg__corder order; /**< how the points were ordered */
} changes;

static int is_date(const char *s) {
    return strlen(s) >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-';
}

/* The first point reported: at or after --since (a date, or the first run of a commit). */
static size_t since_index(const bg__cseries *s, const char *since, const char *since_date) {
    if (since_date == NULL)
        return 0;
    size_t i = 0, len = strlen(since);
    if (!is_date(since))
        for (i = 0; i < s->n; i++)
            if (strncmp(s->pts[i].commit, since, len) == 0)
                return i;
    i = 0;
    while (i < s->n && strcmp(s->pts[i].when, since_date) < 0)
        i++;
    return i;
}

/* --since as a date: itself, or the time of the first run of the commit it names. */
static bg_err since_date(const bg__cseries_list *l, const char *since, char *out, size_t size,
                         bg__error *err) {
    if (is_date(since)) {
        snprintf(out, size, "%s", since);
        return BG_OK;
    }
    size_t len = strlen(since);
    BG_RETURN_IF(len < 4 || strspn(since, "0123456789abcdefABCDEF") != len, err, BG_EUSAGE,
                 "--since='%s': neither a commit (4 or more hex digits) nor a date (YYYY-MM-DD)",
                 since);
    out[0] = '\0';
    for (size_t i = 0; i < l->count; i++)
        for (size_t k = 0; k < l->rows[i].n; k++) {
            const bg__cpoint *p = &l->rows[i].pts[k];
            if (strncmp(p->commit, since, len) == 0 && (out[0] == '\0' || strcmp(p->when, out) < 0))
                snprintf(out, size, "%s", p->when);
        }
    BG_RETURN_IF(out[0] == '\0', err, BG_EUSAGE, "--since=%s: no run of that commit in the history",
                 since);
    return BG_OK;
}

static int add_changes(changes *c, const bg__change *x, size_t n) {
    if (bg__grow((void **)&c->rows, &c->cap, c->count + n, sizeof *c->rows, 32) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        c->regressions += x[i].regression, c->rows[c->count++] = x[i];
    return 0;
}

static void p_text(const bg__change *x, char *buf, size_t size) {
    if (x->exact)
        snprintf(buf, size, "exact");
    else if (x->p < 0.001)
        snprintf(buf, size, "p<0.001");
    else
        snprintf(buf, size, "p=%.3f", x->p);
}

static void short_sha(const char *commit, char *buf, size_t size) {
    char safe[64];
    bg__term_safe(commit, safe, sizeof safe);
    snprintf(buf, size, "%.10s", safe);
}

/* text padded with spaces to width columns (a unit such as µs is one column, two bytes). */
static void padded(char *out, size_t size, const char *text, int width, int right) {
    int pad = width - bg__report_text_width(text);
    pad = pad > 0 ? pad : 0;
    if (right)
        snprintf(out, size, "%*s%s", pad, "", text);
    else
        snprintf(out, size, "%s%*s", text, pad, "");
}

/* A series' name line, cut to 100 columns; its changes below it, one a line. */
static void write_table(const changes *c, const char *db, const char *method, bg__strbuf *sb) {
    bg__sb_printf(sb,
                  "benchgate changes: %zu change(s), %d regression(s) in %zu series, %zu "
                  "point(s) (%s)\n",
                  c->count, c->regressions, c->series, c->points, method);
    char safe_db[1024];
    bg__term_safe(db, safe_db, sizeof safe_db);
    bg__sb_printf(sb, "history: %.90s\npoints in %s order\n", safe_db,
                  bg__changes_order_name(c->order));
    const bg__cseries *last = NULL;
    for (size_t i = 0; i < c->count; i++) {
        const bg__change *x = &c->rows[i];
        char name[1200], bench[600], mc[200], sha[16], prev[16], pv[16];
        if (x->s != last) {
            bg__term_safe(x->s->bench, bench, sizeof bench);
            bg__term_safe(x->s->machine_class, mc, sizeof mc);
            snprintf(name, sizeof name, "%s  %s  [%s]", bench, x->s->metric, mc);
            bg__sb_printf(sb, "\n%.100s\n", name);
            last = x->s;
        }
        short_sha(x->s->pts[x->at].commit, sha, sizeof sha);
        short_sha(x->s->pts[x->at - 1].commit, prev, sizeof prev);
        char fb[64], fa[64], pb[80], pa[80];
        bg__figure_human(x->before, x->s->unit, fb, sizeof fb);
        bg__figure_human(x->after, x->s->unit, fa, sizeof fa);
        padded(pb, sizeof pb, fb, 11, 1);
        padded(pa, sizeof pa, fa, 11, 0);
        p_text(x, pv, sizeof pv);
        bg__sb_printf(sb, "  %-10s after %-10s %.10s %s -> %s %+8.2f%% %-8s %s\n", sha, prev,
                      x->s->pts[x->at].when, pb, pa, x->pct, pv,
                      x->regression ? "regression" : "improvement");
    }
    if (c->series == 0)
        bg__sb_printf(sb, "\nno series matches (--filter, --metric, --machine-class)\n");
    else if (c->count == 0)
        bg__sb_printf(sb, "\nno change found\n");
}

static void md_cell(bg__strbuf *sb, const char *text) {
    bg__sb_printf(sb, " ");
    bg__md_text(sb, text);
    bg__sb_printf(sb, " |");
}

static void write_md(const changes *c, bg__strbuf *sb) {
    bg__sb_printf(sb, "## benchgate changes\n\n%zu change(s), %d regression(s) in %zu series\n\n",
                  c->count, c->regressions, c->series);
    if (c->count == 0)
        return;
    bg__sb_printf(sb, "| benchmark | metric | machine class | commit | previous | before | after "
                      "| change | significance | kind |\n| --- | --- | --- | --- | --- | ---: | "
                      "---: | ---: | --- | --- |\n");
    for (size_t i = 0; i < c->count; i++) {
        const bg__change *x = &c->rows[i];
        char b[64], a[64], pct[32], pv[16], sha[16], prev[16];
        bg__figure_human_utf8(x->before, x->s->unit, b, sizeof b);
        bg__figure_human_utf8(x->after, x->s->unit, a, sizeof a);
        snprintf(pct, sizeof pct, "%+.2f%%", x->pct);
        snprintf(sha, sizeof sha, "%.10s", x->s->pts[x->at].commit);
        snprintf(prev, sizeof prev, "%.10s", x->s->pts[x->at - 1].commit);
        p_text(x, pv, sizeof pv);
        bg__sb_printf(sb, "|");
        const char *cells[] = {x->s->bench,
                               x->s->metric,
                               x->s->machine_class,
                               sha,
                               prev,
                               b,
                               a,
                               pct,
                               pv,
                               x->regression ? "regression" : "improvement"};
        for (int k = 0; k < 10; k++)
            md_cell(sb, cells[k]);
        bg__sb_printf(sb, "\n");
    }
}

static cJSON *change_json(const bg__change *x) {
    cJSON *o = cJSON_CreateObject();
    const bg__cseries *s = x->s;
    cJSON_AddStringToObject(o, "benchmark", s->bench);
    cJSON_AddStringToObject(o, "metric", s->metric);
    cJSON_AddStringToObject(o, "machine_class", s->machine_class);
    cJSON_AddStringToObject(o, "unit", s->unit);
    cJSON_AddStringToObject(o, "commit", s->pts[x->at].commit);
    cJSON_AddStringToObject(o, "previous_commit", s->pts[x->at - 1].commit);
    cJSON_AddStringToObject(o, "timestamp", s->pts[x->at].when);
    cJSON_AddNumberToObject(o, "index", (double)x->at);
    bg__json_number(o, "before", x->before);
    bg__json_number(o, "after", x->after);
    bg__json_number(o, "change_pct", x->pct);
    cJSON_AddNumberToObject(o, "p_value", x->p);
    cJSON_AddBoolToObject(o, "exact", x->exact);
    cJSON_AddStringToObject(o, "kind", x->regression ? "regression" : "improvement");
    return o;
}

static bg_err write_json(const changes *c, const bg_changes_options *o, const char *method,
                         bg__strbuf *sb, bg__error *err) {
    cJSON *root = cJSON_CreateObject(), *rows;
    cJSON_AddStringToObject(root, "schema", "benchgate.changes/1");
    cJSON_AddStringToObject(root, "database", o->db);
    cJSON_AddStringToObject(root, "method", method);
    cJSON_AddStringToObject(root, "order", bg__changes_order_name(c->order));
    if (o->since && o->since[0])
        cJSON_AddStringToObject(root, "since", o->since);
    cJSON_AddNumberToObject(root, "series", (double)c->series);
    cJSON_AddNumberToObject(root, "points", (double)c->points);
    cJSON_AddNumberToObject(root, "regressions", c->regressions);
    cJSON_AddItemToObject(root, "changes", rows = cJSON_CreateArray());
    for (size_t i = 0; i < c->count; i++)
        cJSON_AddItemToArray(rows, change_json(&c->rows[i]));
    char *text = bg__json_print(root, 1);
    cJSON_Delete(root);
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory printing the changes");
    bg__sb_printf(sb, "%s\n", text);
    free(text);
    return BG_OK;
}

static bg_err check_options(const bg_changes_options *o, const char **format, bg__cmethod *m,
                            bg__error *err) {
    *format = o->format && o->format[0] ? o->format : "table";
    const char *method = o->method && o->method[0] ? o->method : "steps";
    BG_RETURN_IF(strcmp(*format, "table") && strcmp(*format, "json") && strcmp(*format, "md"), err,
                 BG_EUSAGE, "--format='%s': not a format of changes (formats: %s)", *format,
                 BG_CHANGES_FORMATS);
    BG_RETURN_IF(strcmp(method, "steps") && strcmp(method, "edivisive"), err, BG_EUSAGE,
                 "--method='%s': not a method of changes (methods: %s)", method,
                 BG_CHANGES_METHODS);
    *m = strcmp(method, "edivisive") == 0 ? BG__CM_EDIVISIVE : BG__CM_STEPS;
    return BG_OK;
}

static bg_err find_all(const bg_changes_options *o, bg__cmethod m, bg__cseries_list *l, changes *c,
                       bg__error *err) {
    bg__changes_query q = {o->filter, o->metric, o->machine_class};
    char date[64];
    BG_FORWARD_IF_ERROR(bg__changes_read(o->db, &q, l, err));
    c->order = l->order;
    if (o->since && o->since[0])
        BG_FORWARD_IF_ERROR(since_date(l, o->since, date, sizeof date, err));
    bg__cparams p = bg__changes_defaults(m);
    size_t *from = calloc(l->count + 1, sizeof *from), *count = calloc(l->count + 1, sizeof *count);
    bg__change **found = calloc(l->count + 1, sizeof *found);
    int bad = from == NULL || count == NULL || found == NULL;
    for (size_t i = 0; !bad && i < l->count; i++) {
        c->series++, c->points += l->rows[i].n;
        from[i] = since_index(&l->rows[i], o->since, o->since && o->since[0] ? date : NULL);
        from[i] = from[i] > 0 ? from[i] : 1;
    }
    bad = bad || bg__changes_find_all(l, &p, from, found, count) != 0; /* on every core */
    for (size_t i = 0; !bad && i < l->count; i++)
        bad = add_changes(c, found[i], count[i]) != 0;
    for (size_t i = 0; found && i < l->count; i++)
        free(found[i]);
    free(from), free(count), free(found);
    BG_RETURN_IF(bad, err, BG_ENOMEM, "out of memory finding the changes");
    return BG_OK;
}

bg_err bg_history_changes(const bg_changes_options *o, char **out_text, int *regressions,
                          char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    bg__cseries_list l = {NULL, 0, 0, BG__ORDER_RUN_TIME};
    changes c = {NULL, 0, 0, 0, 0, 0, BG__ORDER_RUN_TIME};
    const char *format = "table";
    bg__cmethod m = BG__CM_STEPS;
    if (out_text)
        *out_text = NULL;
    bg_err rc = o && out_text ? check_options(o, &format, &m, &err)
                              : bg__set_error(&err, BG_EUSAGE, "no options or no output");
    if (rc == BG_OK)
        rc = find_all(o, m, &l, &c, &err);
    const char *method = m == BG__CM_EDIVISIVE ? "edivisive" : "steps";
    if (rc == BG_OK && strcmp(format, "json") == 0)
        rc = write_json(&c, o, method, &sb, &err);
    else if (rc == BG_OK && strcmp(format, "md") == 0)
        write_md(&c, &sb);
    else if (rc == BG_OK)
        write_table(&c, o->db, method, &sb);
    if (regressions)
        *regressions = rc == BG_OK ? c.regressions : 0;
    free(c.rows);
    bg__changes_list_free(&l);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}
