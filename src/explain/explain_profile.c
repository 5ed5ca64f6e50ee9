/* explain_profile.c - a callgrind profile per function (the format of valgrind's
 * docs/callgrind-format): "fl=" and "fn=" name the file and function of the cost lines that
 * follow, with name compression "(id) name" and "(id)"; a cost line is a position (a line,
 * "+N"/"-N" relative, "*" the same) and the events' costs in the order of "events:"; the cost
 * line after "calls=" is the inclusive cost of a call, the caller's inclusive and not its own. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain/explain.h"

#define IDS 65536

typedef struct reader {
    bg__profile_costs *p;
    long fn_of[IDS]; /**< this file's fn id -> index in p */
    char *file_of[IDS];
    const char *file; /**< the current fl= */
    long cur;         /**< the current function, or -1 */
    long line;
    int ir;            /**< the column of Ir in the cost lines */
    int ncols;         /**< the events' count (at most 16) */
    double weight[16]; /**< each event's weight in the cycle estimate */
    int after_calls;   /**< the next cost line is a call's */
} reader;

static long find_fn(bg__profile_costs *p, const char *name) {
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->fn[i].name, name) == 0)
            return (long)i;
    if (bg__grow((void **)&p->fn, &p->cap, p->n + 1, sizeof *p->fn, 256) != 0)
        return -1;
    bg__fn_cost *f = &p->fn[p->n];
    memset(f, 0, sizeof *f);
    f->name = strdup(name);
    return f->name ? (long)p->n++ : -1;
}

/* "(id) name" or "(id)" or "name": the id (-1 when none) and the name, NULL when only an id. */
static long compressed(char *text, char **name) {
    long id = -1;
    *name = text;
    if (text[0] == '(') {
        id = strtol(text + 1, name, 10);
        *name = strchr(*name, ')');
        *name = *name ? *name + 1 : text;
        while (**name == ' ')
            (*name)++;
    }
    if (**name == '\0')
        *name = NULL;
    return id >= 0 && id < IDS ? id : -1;
}

static void on_fl(reader *r, char *text) {
    char *name;
    long id = compressed(text, &name);
    if (name && id >= 0) {
        free(r->file_of[id]);
        r->file_of[id] = strdup(name);
    }
    r->file = name ? (id >= 0 ? r->file_of[id] : NULL) : (id >= 0 ? r->file_of[id] : NULL);
}

static void on_fn(reader *r, char *text) {
    char *name;
    long id = compressed(text, &name);
    r->cur = name ? find_fn(r->p, name) : id >= 0 ? r->fn_of[id] : -1;
    if (name && id >= 0)
        r->fn_of[id] = r->cur;
    if (r->cur >= 0 && r->p->fn[r->cur].file[0] == '\0' && r->file)
        snprintf(r->p->fn[r->cur].file, sizeof r->p->fn[r->cur].file, "%.511s", r->file);
}

/* "cfn=(id) name" (and "cfi="/"cfl=") define a name that a later "fn=(id)" uses. */
static void on_called(reader *r, char *text, int is_fn) {
    char *name;
    long id = compressed(text, &name);
    if (name == NULL || id < 0)
        return;
    if (is_fn) {
        r->fn_of[id] = find_fn(r->p, name);
    } else {
        free(r->file_of[id]);
        r->file_of[id] = strdup(name);
    }
}

static void on_cost(reader *r, char *text) {
    char *end;
    long line = r->line;
    if (text[0] == '*')
        end = text + 1;
    else if (text[0] == '+' || text[0] == '-')
        line += strtol(text, &end, 10);
    else
        line = strtol(text, &end, 10);
    r->line = line;
    double v = 0, cycles = 0;
    for (int i = 0; i < r->ncols; i++) {
        double x = strtod(end, &end);
        v = i == r->ir ? x : v;
        cycles += r->weight[i] * x;
    }
    int call = r->after_calls;
    r->after_calls = 0;
    if (r->cur < 0)
        return;
    bg__fn_cost *f = &r->p->fn[r->cur];
    f->inclusive += v;
    if (!call) {
        f->self += v, r->p->total += v, f->self_cycles += cycles;
        if (line > 0 && (f->line == 0 || line < f->line))
            f->line = line;
    }
}

static void on_events(reader *r, const char *text) {
    int col = 0;
    static const char *const l1[] = {"I1mr", "D1mr", "D1mw"}, *const ll[] = {"ILmr", "DLmr",
                                                                             "DLmw"};
    r->ir = 0;
    char copy[512];
    snprintf(copy, sizeof copy, "%.511s", text);
    for (char *save = NULL, *t = strtok_r(copy, " \t\n", &save); t;
         t = strtok_r(NULL, " \t\n", &save), col++) {
        if (col >= 16)
            break;
        r->weight[col] = strcmp(t, "Ir") == 0 ? 1 : 0;
        if (strcmp(t, "Ir") == 0)
            r->ir = col;
        for (int k = 0; k < 3; k++) {
            if (strcmp(t, l1[k]) == 0)
                r->weight[col] = 10, r->p->cache_sim = 1;
            if (strcmp(t, ll[k]) == 0)
                r->weight[col] = 100, r->p->cache_sim = 1;
        }
    }
    r->ncols = col;
}

static void on_line(reader *r, char *line) {
    line[strcspn(line, "\r\n")] = '\0';
    if (strncmp(line, "fl=", 3) == 0)
        on_fl(r, line + 3);
    else if (strncmp(line, "fn=", 3) == 0)
        on_fn(r, line + 3);
    else if (strncmp(line, "cfn=", 4) == 0)
        on_called(r, line + 4, 1);
    else if (strncmp(line, "cfi=", 4) == 0 || strncmp(line, "cfl=", 4) == 0)
        on_called(r, line + 4, 0);
    else if (strncmp(line, "fi=", 3) == 0 || strncmp(line, "fe=", 3) == 0)
        on_called(r, line + 3, 0);
    else if (strncmp(line, "events:", 7) == 0)
        on_events(r, line + 7);
    else if (strncmp(line, "calls=", 6) == 0)
        r->after_calls = 1;
    else if ((line[0] >= '0' && line[0] <= '9') || line[0] == '+' || line[0] == '-' ||
             line[0] == '*')
        on_cost(r, line);
}

static bg_err read_file(reader *r, const char *path, bg__error *err) {
    FILE *f = fopen(path, "r");
    BG_RETURN_IF(f == NULL, err, BG_EINPUT, "%s: cannot open the callgrind profile", path);
    char line[8192];
    for (long i = 0; i < IDS; i++)
        r->fn_of[i] = -1, free(r->file_of[i]), r->file_of[i] = NULL;
    r->file = NULL, r->cur = -1, r->line = 0, r->ir = 0, r->after_calls = 0;
    while (fgets(line, sizeof line, f))
        on_line(r, line);
    fclose(f);
    return BG_OK;
}

bg_err bg__profile_read(const char *dir, bg__profile_costs *p, bg__error *err) {
    DIR *d = opendir(dir);
    BG_RETURN_IF(d == NULL, err, BG_EINPUT,
                 "%s: no callgrind profile (a run with --measure=instructions --keep-profile "
                 "under callgrind writes one)",
                 dir);
    reader *r = calloc(1, sizeof *r);
    bg_err rc = r ? BG_OK : bg__set_error(err, BG_ENOMEM, "out of memory");
    char path[4096 + 300];
    int files = 0;
    memset(p, 0, sizeof *p);
    for (struct dirent *e = readdir(d); rc == BG_OK && e; e = readdir(d))
        if (strncmp(e->d_name, "cg.out", 6) == 0) {
            r->p = p;
            snprintf(path, sizeof path, "%.4000s/%.250s", dir, e->d_name);
            rc = read_file(r, path, err);
            files++;
        }
    closedir(d);
    for (long i = 0; r && i < IDS; i++)
        free(r->file_of[i]);
    free(r);
    BG_RETURN_IF(rc == BG_OK && (files == 0 || p->total <= 0), err, BG_EINPUT,
                 "%s: the callgrind profile holds no cost", dir);
    return rc;
}

void bg__profile_free(bg__profile_costs *p) {
    for (size_t i = 0; i < p->n; i++)
        free(p->fn[i].name);
    free(p->fn);
    memset(p, 0, sizeof *p);
}
