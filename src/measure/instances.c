/* instances.c - expands each family's axes into instances and applies the filters. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"

#define BG__MAX_VALUES 64

typedef struct bg__axis {
    char name[64];
    char values[BG__MAX_VALUES][128];
    int count;
} bg__axis;

typedef struct bg__axes {
    bg__axis axis[BG__MAX_PARAMS];
    int count;
} bg__axes;

/* Parses "V1,V2,..." into ax->values. */
static bg_err parse_values(bg__axis *ax, const char *values, const char *family, bg__error *err) {
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", values);
    ax->count = 0;
    char *save = NULL;
    for (char *v = strtok_r(buf, ",", &save); v; v = strtok_r(NULL, ",", &save)) {
        BG_RETURN_IF(ax->count == BG__MAX_VALUES || strlen(v) >= sizeof ax->values[0], err,
                     BG_EUSAGE, "benchmark %s: axis %s: too many or too long values", family,
                     ax->name);
        strcpy(ax->values[ax->count++], v);
    }
    BG_RETURN_IF(ax->count == 0, err, BG_EUSAGE, "benchmark %s: axis %s has no values", family,
                 ax->name);
    return BG_OK;
}

/* Parses one "NAME=V1,V2" into ax. */
static bg_err parse_axis(bg__axis *ax, const char *spec, const char *family, bg__error *err) {
    const char *eq = strchr(spec, '=');
    BG_RETURN_IF(eq == NULL || eq == spec || (size_t)(eq - spec) >= sizeof ax->name, err, BG_EUSAGE,
                 "benchmark %s: axis '%s' is not NAME=VALUES", family, spec);
    snprintf(ax->name, sizeof ax->name, "%.*s", (int)(eq - spec), spec);
    return parse_values(ax, eq + 1, family, err);
}

static bg_err parse_axes(bg__axes *axes, const char *spec, const char *family, bg__error *err) {
    axes->count = 0;
    if (spec == NULL || spec[0] == '\0')
        return BG_OK;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *a = strtok_r(buf, ";", &save); a; a = strtok_r(NULL, ";", &save)) {
        BG_RETURN_IF(axes->count == BG__MAX_PARAMS, err, BG_EUSAGE,
                     "benchmark %s: more than %d axes", family, BG__MAX_PARAMS);
        BG_FORWARD_IF_ERROR(parse_axis(&axes->axis[axes->count++], a, family, err));
    }
    return BG_OK;
}

static bg__axis *find_axis(bg__axes *axes, const char *name) {
    for (int i = 0; i < axes->count; i++)
        if (strcmp(axes->axis[i].name, name) == 0)
            return &axes->axis[i];
    return NULL;
}

static int all_integers(const bg__axis *ax) {
    int64_t v;
    for (int i = 0; i < ax->count; i++)
        if (bg__parse_axis_int(ax->values[i], &v) != 0)
            return 0;
    return 1;
}

/* An override of an axis whose own values are all integers must be integers too: found now,
 * before a run directory is written, not when the benchmark reads it. */
static bg_err replace_axis(bg__axis *ax, const bg__axis *with, const char *family, bg__error *err) {
    int64_t v;
    if (all_integers(ax))
        for (int i = 0; i < with->count; i++)
            BG_RETURN_IF(bg__parse_axis_int(with->values[i], &v) != 0, err, BG_EUSAGE,
                         "benchmark %s: axis %s: '%s' is not a non-negative integer (suffixes "
                         "K, M, G, T), as its own values are",
                         family, ax->name, with->values[i]);
    *ax = *with;
    return BG_OK;
}

/* Applies --axis, --batch-size and --concurrency; marks which settings matched an axis. */
static bg_err apply_overrides(bg__axes *axes, const bg__config *cfg, const char *family,
                              int *axis_used, int *batch_used, int *conc_used, bg__error *err) {
    for (int i = 0; i < cfg->axis_count; i++) {
        bg__axis parsed;
        BG_FORWARD_IF_ERROR(parse_axis(&parsed, cfg->axis[i], family, err));
        bg__axis *ax = find_axis(axes, parsed.name);
        if (ax != NULL) {
            BG_FORWARD_IF_ERROR(replace_axis(ax, &parsed, family, err));
            axis_used[i] = 1;
        }
    }
    char num[32];
    bg__axis *ax = find_axis(axes, "batch_size");
    if (cfg->batch_size > 0 && ax) {
        snprintf(num, sizeof num, "%lld", (long long)cfg->batch_size);
        BG_FORWARD_IF_ERROR(parse_values(ax, num, family, err));
        *batch_used = 1;
    }
    ax = find_axis(axes, "concurrency");
    if (cfg->concurrency > 0 && ax) {
        snprintf(num, sizeof num, "%lld", (long long)cfg->concurrency);
        BG_FORWARD_IF_ERROR(parse_values(ax, num, family, err));
        *conc_used = 1;
    }
    return BG_OK;
}

static int device_selected(const bg__config *cfg, const char *device) {
    switch (cfg->device) {
    case BG__DEVICE_CPU:
        return strcmp(device, "cpu") == 0;
    case BG__DEVICE_CUDA:
        return strcmp(device, "cuda") == 0;
    case BG__DEVICE_AUTO:
        return strcmp(device, bg__gpu_count() > 0 ? "cuda" : "cpu") == 0;
    default:
        return 1;
    }
}

/* Fills one instance from the axis point `idx` (one value index per axis). */
static bg_err make_instance(bg__instance *in, const bg_benchmark_def *def, const bg__config *cfg,
                            const bg__axes *axes, const int *idx, bg__error *err) {
    memset(in, 0, sizeof *in);
    in->def = def;
    in->cfg = cfg;
    in->peak_rss_mb = in->process_peak_rss_mb = -1;
    const char *device = def->device ? def->device : "cpu";
    char tail[BG__NAME_MAX + 2] = "";
    size_t tail_len = 0;
    for (int a = 0; a < axes->count; a++) {
        const char *name = axes->axis[a].name, *value = axes->axis[a].values[idx[a]];
        if (strcmp(name, "device") == 0) {
            device = value;
            continue;
        }
        bg__param *p = &in->params[in->param_count++];
        snprintf(p->name, sizeof p->name, "%s", name);
        snprintf(p->value, sizeof p->value, "%s", value);
        if (tail_len < sizeof tail)
            tail_len +=
                (size_t)snprintf(tail + tail_len, sizeof tail - tail_len, "/%s=%s", name, value);
    }
    BG_RETURN_IF(strcmp(device, "cpu") != 0 && strcmp(device, "cuda") != 0, err, BG_EUSAGE,
                 "benchmark %s: device '%s' is not cpu or cuda", def->name, device);
    strcpy(in->device, device); /* "cpu" or "cuda": fits */
    int len = snprintf(in->name, sizeof in->name, "%s/%s%s", def->name, in->device, tail);
    char why[96];
    BG_RETURN_IF(len < 0 || (size_t)len >= sizeof in->name || tail_len >= sizeof tail, err,
                 BG_EUSAGE, "benchmark %.60s...: the name is over the limit of %d bytes", def->name,
                 BG__NAME_MAX);
    BG_RETURN_IF(bg__name_problem(in->name, why, sizeof why), err, BG_EUSAGE,
                 "benchmark name '%.200s': %s", in->name, why);
    return BG_OK;
}

static int name_selected(const bg__config *cfg, const char *name) {
    if (cfg->filter[0] == '\0')
        return 1;
    regex_t re;
    if (regcomp(&re, cfg->filter, REG_EXTENDED | REG_NOSUB) != 0)
        return 0; /* validated when the setting was read */
    int hit = regexec(&re, name, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

static bg_err push_instance(bg__run *run, const bg__instance *in, bg__error *err) {
    for (size_t i = 0; i < run->inst_count; i++)
        BG_RETURN_IF(strcmp(run->inst[i].name, in->name) == 0, err, BG_EUSAGE,
                     "benchmark '%.200s' is registered twice in this executable: two families "
                     "named '%.100s' (or the same axis values twice); names must be unique",
                     in->name, in->def->name);
    bg__instance *grown = realloc(run->inst, (run->inst_count + 1) * sizeof *grown);
    BG_RETURN_IF(grown == NULL, err, BG_ENOMEM, "out of memory listing instances");
    run->inst = grown;
    run->inst[run->inst_count++] = *in;
    return BG_OK;
}

/* Walks the cartesian product of the axes like an odometer. */
static bg_err expand_family(bg__run *run, const bg_benchmark_def *def, const bg__config *cfg,
                            const bg__axes *axes, bg__error *err) {
    int idx[BG__MAX_PARAMS] = {0};
    for (;;) {
        bg__instance in;
        BG_FORWARD_IF_ERROR(make_instance(&in, def, cfg, axes, idx, err));
        if (device_selected(cfg, in.device) && name_selected(cfg, in.name))
            BG_FORWARD_IF_ERROR(push_instance(run, &in, err));
        int a = axes->count - 1;
        while (a >= 0 && ++idx[a] == axes->axis[a].count)
            idx[a--] = 0;
        if (a < 0)
            return BG_OK;
    }
}

/* A suite-wide setting (bench.yaml, the environment, or `benchgate start`, which sets
 * BENCHGATE_SUITE=1 for its benches and says itself which benches skipped it) applies to the
 * benches that have the axis; only this executable's own flag is refused when none has it. */
static bg_err unused_setting(const bg__config *g, int opt, const char *problem, bg__error *err) {
    const char *suite = getenv("BENCHGATE_SUITE");
    int in_suite = suite && strcmp(suite, "1") == 0;
    BG_RETURN_IF(g->source[opt] == BG__SRC_FLAG && !in_suite, err, BG_EUSAGE, "%s", problem);
    if (!in_suite && !g->list)
        fprintf(stderr, "note: %s (set by %s): not applied here\n", problem,
                bg__source_name(g->source[opt]));
    return BG_OK;
}

static bg_err check_unused(const bg__config *g, const int *axis_used, int batch_used, int conc_used,
                           bg__error *err) {
    char problem[256];
    for (int i = 0; i < g->axis_count; i++) {
        if (axis_used[i])
            continue;
        snprintf(problem, sizeof problem,
                 "%s: axis '%.*s': no benchmark in this executable has that axis",
                 g->source[BG__OPT_AXIS] == BG__SRC_FLAG ? "command line --axis" : "axis",
                 (int)(strchr(g->axis[i], '=') - g->axis[i]), g->axis[i]);
        BG_FORWARD_IF_ERROR(unused_setting(g, BG__OPT_AXIS, problem, err));
    }
    if (g->batch_size > 0 && !batch_used)
        BG_FORWARD_IF_ERROR(unused_setting(
            g, BG__OPT_BATCH_SIZE,
            "--batch-size: no benchmark in this executable has a batch_size axis", err));
    if (g->concurrency > 0 && !conc_used)
        BG_FORWARD_IF_ERROR(unused_setting(
            g, BG__OPT_CONCURRENCY,
            "--concurrency: no benchmark in this executable has a concurrency axis", err));
    return BG_OK;
}

/* Levenshtein distance of two short names, capped at 3 (enough to tell a misspelling). */
static int edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 127 || lb > 127 || (la > lb ? la - lb : lb - la) > 2)
        return 3;
    int row[128];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb] < 3 ? row[lb] : 3;
}

/* A family under `benchmarks:` that is no family here but one or two edits from one is a
 * misspelling: its settings would be ignored. (Families of other executables are not known
 * here; each executable checks the names close to its own.) */
static bg_err check_family_names(const bg__settings *st, const bg_benchmark_def *const *defs,
                                 size_t n, bg__error *err) {
    for (size_t i = 0; i < st->override_count; i++) {
        const char *family = st->overrides[i].family, *close = NULL;
        int exact = 0;
        for (size_t f = 0; f < n && !exact; f++) {
            exact = strcmp(defs[f]->name, family) == 0;
            if (!exact && strlen(family) > 3 && edit_distance(defs[f]->name, family) <= 2)
                close = defs[f]->name;
        }
        BG_RETURN_IF(!exact && close, err, BG_ECONFIG,
                     "%s: benchmarks: '%s' is not a benchmark family; did you mean '%s'?",
                     st->overrides[i].where, family, close);
    }
    return BG_OK;
}

bg_err bg__expand_instances(bg__run *run, bg__error *err) {
    size_t n;
    const bg_benchmark_def *const *defs = bg__registered(&n);
    BG_FORWARD_IF_ERROR(check_family_names(&run->settings, defs, n, err));
    run->family_cfgs = calloc(n ? n : 1, sizeof *run->family_cfgs);
    BG_RETURN_IF(run->family_cfgs == NULL, err, BG_ENOMEM, "out of memory");
    int axis_used[BG__MAX_AXIS_SETTINGS] = {0}, batch_used = 0, conc_used = 0;
    for (size_t f = 0; f < n; f++) {
        bg__config *cfg = &run->family_cfgs[f];
        BG_FORWARD_IF_ERROR(bg__settings_for_family(&run->settings, defs[f]->name, cfg, err));
        bg__axes axes;
        char joined[1024]; /* the axes and .threads as an axis named threads (threads.c) */
        const char *spec = bg__family_axes(defs[f], joined, sizeof joined);
        BG_FORWARD_IF_ERROR(parse_axes(&axes, spec, defs[f]->name, err));
        BG_FORWARD_IF_ERROR(
            apply_overrides(&axes, cfg, defs[f]->name, axis_used, &batch_used, &conc_used, err));
        BG_FORWARD_IF_ERROR(expand_family(run, defs[f], cfg, &axes, err));
    }
    BG_FORWARD_IF_ERROR(check_unused(&run->settings.global, axis_used, batch_used, conc_used, err));
    BG_FORWARD_IF_ERROR(bg__check_complexity_defs(err));
    return bg__instances_threads(run, err);
}
