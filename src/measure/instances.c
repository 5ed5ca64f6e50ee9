/* instances.c - expands each family's axes into instances and applies the filters. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"

/* One axis: its name and its values, ranges expanded (config/axis_range.c), as many as the
 * limit of an axis (BG__AXIS_VALUES_MAX). */
typedef struct bg__axis {
    char name[64];
    bg__axis_values vals;
} bg__axis;

typedef struct bg__axes {
    bg__axis axis[BG__MAX_PARAMS];
    int count;
} bg__axes;

static void free_axes(bg__axes *axes) {
    for (int i = 0; i < axes->count; i++)
        bg__axis_values_free(&axes->axis[i].vals);
    axes->count = 0;
}

/* Parses "V1,V2,..." (and ranges) into ax's values. */
static bg_err parse_values(bg__axis *ax, const char *values, const char *family, bg__error *err) {
    bg__error why = {BG_OK, ""};
    bg__axis_values vals;
    BG_RETURN_IF(bg__axis_values_parse(values, &vals, &why) != BG_OK, err, BG_EUSAGE,
                 "benchmark %s: axis %s: %.255s", family, ax->name, why.msg);
    bg__axis_values_free(&ax->vals);
    ax->vals = vals;
    return BG_OK;
}

/* Parses one "NAME=V1,V2" into ax. */
static bg_err parse_axis(bg__axis *ax, const char *spec, size_t len, const char *family,
                         bg__error *err) {
    const char *eq = memchr(spec, '=', len);
    char shown[201];
    snprintf(shown, sizeof shown, "%.*s", (int)(len < 200 ? len : 200), spec);
    BG_RETURN_IF(eq == NULL || eq == spec || (size_t)(eq - spec) >= sizeof ax->name, err, BG_EUSAGE,
                 "benchmark %s: axis '%s' is not NAME=VALUES", family, shown);
    snprintf(ax->name, sizeof ax->name, "%.*s", (int)(eq - spec), spec);
    char *values = strndup(eq + 1, len - (size_t)(eq + 1 - spec));
    BG_RETURN_IF(values == NULL, err, BG_ENOMEM, "out of memory");
    bg_err rc = parse_values(ax, values, family, err);
    free(values);
    return rc;
}

/* "A=...;B=..." (a family's .axes, any length) into axes; free_axes frees them, also on error. */
static bg_err parse_axes(bg__axes *axes, const char *spec, const char *family, bg__error *err) {
    memset(axes, 0, sizeof *axes);
    for (const char *a = spec; a && *a;) {
        size_t len = strcspn(a, ";");
        if (len > 0) {
            BG_RETURN_IF(axes->count == BG__MAX_PARAMS, err, BG_EUSAGE,
                         "benchmark %s: more than %d axes", family, BG__MAX_PARAMS);
            BG_FORWARD_IF_ERROR(parse_axis(&axes->axis[axes->count++], a, len, family, err));
        }
        a += len + (a[len] == ';');
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
    for (size_t i = 0; i < ax->vals.count; i++)
        if (bg__parse_axis_int(ax->vals.v[i], &v) != 0)
            return 0;
    return 1;
}

/* An override of an axis whose own values are all integers must be integers too: found now,
 * before a run directory is written, not when the benchmark reads it. Takes with's values. */
static bg_err replace_axis(bg__axis *ax, bg__axis *with, const char *family, bg__error *err) {
    int64_t v;
    if (all_integers(ax))
        for (size_t i = 0; i < with->vals.count; i++)
            BG_RETURN_IF(bg__parse_axis_int(with->vals.v[i], &v) != 0, err, BG_EUSAGE,
                         "benchmark %s: axis %s: '%s' is not a non-negative integer (suffixes "
                         "K, M, G, T), as its own values are",
                         family, ax->name, with->vals.v[i]);
    bg__axis_values_free(&ax->vals);
    ax->vals = with->vals;
    memset(&with->vals, 0, sizeof with->vals);
    return BG_OK;
}

/* Applies --axis, --batch-size and --concurrency; marks which settings matched an axis. */
static bg_err apply_overrides(bg__axes *axes, const bg__config *cfg, const char *family,
                              int *axis_used, int *batch_used, int *conc_used, bg__error *err) {
    for (int i = 0; i < cfg->axis_count; i++) {
        bg__axis parsed = {.name = ""};
        bg_err rc = parse_axis(&parsed, cfg->axis[i], strlen(cfg->axis[i]), family, err);
        bg__axis *ax = rc == BG_OK ? find_axis(axes, parsed.name) : NULL;
        if (ax != NULL && (rc = replace_axis(ax, &parsed, family, err)) == BG_OK)
            axis_used[i] = 1;
        bg__axis_values_free(&parsed.vals);
        BG_FORWARD_IF_ERROR(rc);
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
                            const bg__axes *axes, const size_t *idx, bg__error *err) {
    memset(in, 0, sizeof *in);
    in->def = def;
    in->cfg = cfg;
    in->peak_rss_mb = in->process_peak_rss_mb = -1;
    const char *device = def->device ? def->device : "cpu";
    char tail[BG__NAME_MAX + 2] = "";
    size_t tail_len = 0;
    for (int a = 0; a < axes->count; a++) {
        const char *name = axes->axis[a].name, *value = axes->axis[a].vals.v[idx[a]];
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

/* What the expansion of a run's families keeps: the capacity of run->inst, an open-addressed
 * set of the names so far (index + 1; 0 empty), so that a duplicate is found in constant time,
 * and the family's filter, compiled once. */
typedef struct expansion {
    size_t inst_cap;
    size_t *names, names_cap;
    regex_t filter;
    int has_filter;
} expansion;

static uint64_t name_hash64(const char *s) {
    return bg__fnv1a_text(BG__FNV1A_SEED, s);
}

/* The slot of name in the set: where it is, or the empty one where it would go. */
static size_t *name_slot(const expansion *x, const bg__run *run, const char *name) {
    size_t mask = x->names_cap - 1, k = (size_t)name_hash64(name) & mask;
    while (x->names[k] != 0 && strcmp(run->inst[x->names[k] - 1].name, name) != 0)
        k = (k + 1) & mask;
    return &x->names[k];
}

/* Doubles the set (kept at most half full), putting back the names of run->inst. */
static int grow_names(expansion *x, const bg__run *run) {
    size_t cap = x->names_cap ? x->names_cap * 2 : 256;
    free(x->names);
    x->names = calloc(cap, sizeof *x->names);
    x->names_cap = x->names ? cap : 0;
    for (size_t i = 0; x->names && i < run->inst_count; i++)
        *name_slot(x, run, run->inst[i].name) = i + 1;
    return x->names ? 0 : -1;
}

static int name_selected(const expansion *x, const char *name) {
    return !x->has_filter || regexec(&x->filter, name, 0, NULL, 0) == 0;
}

static bg_err push_instance(bg__run *run, expansion *x, const bg__instance *in, bg__error *err) {
    BG_RETURN_IF(2 * (run->inst_count + 1) > x->names_cap && grow_names(x, run) != 0, err,
                 BG_ENOMEM, "out of memory listing instances");
    size_t *slot = name_slot(x, run, in->name);
    BG_RETURN_IF(*slot != 0, err, BG_EUSAGE,
                 "benchmark '%.200s' is registered twice in this executable: two families "
                 "named '%.100s' (or the same axis values twice); names must be unique",
                 in->name, in->def->name);
    BG_RETURN_IF(bg__grow((void **)&run->inst, &x->inst_cap, run->inst_count + 1, sizeof *run->inst,
                          16) != 0,
                 err, BG_ENOMEM, "out of memory listing instances");
    run->inst[run->inst_count++] = *in;
    *slot = run->inst_count;
    return BG_OK;
}

/* The instances of a family, its axes' product, within the limit of BG__AXIS_VALUES_MAX. */
static bg_err check_product(const bg_benchmark_def *def, const bg__axes *axes, bg__error *err) {
    size_t product = 1;
    for (int a = 0; a < axes->count; a++) {
        size_t n = axes->axis[a].vals.count;
        BG_RETURN_IF(product > BG__AXIS_VALUES_MAX / n, err, BG_EUSAGE,
                     "benchmark %s: its axes make more than %s instances (the product of their "
                     "values); narrow a range or split the family",
                     def->name, BG__AXIS_VALUES_MAX_TEXT);
        product *= n;
    }
    return BG_OK;
}

/* Walks the cartesian product of the axes like an odometer. */
static bg_err expand_family(bg__run *run, expansion *x, const bg_benchmark_def *def,
                            const bg__config *cfg, const bg__axes *axes, bg__error *err) {
    BG_FORWARD_IF_ERROR(check_product(def, axes, err));
    size_t idx[BG__MAX_PARAMS] = {0};
    for (;;) {
        bg__instance in;
        BG_FORWARD_IF_ERROR(make_instance(&in, def, cfg, axes, idx, err));
        if (device_selected(cfg, in.device) && name_selected(x, in.name))
            BG_FORWARD_IF_ERROR(push_instance(run, x, &in, err));
        int a = axes->count - 1;
        while (a >= 0 && ++idx[a] == axes->axis[a].vals.count)
            idx[a--] = 0;
        if (a < 0)
            return BG_OK;
    }
}

/* One family: its settings, its axes with the overrides, its instances. */
static bg_err expand_one(bg__run *run, expansion *x, const bg_benchmark_def *def, bg__config *cfg,
                         int *axis_used, int *batch_used, int *conc_used, bg__error *err) {
    BG_FORWARD_IF_ERROR(bg__settings_for_family(&run->settings, def->name, cfg, err));
    x->has_filter =
        cfg->filter[0] && regcomp(&x->filter, cfg->filter, REG_EXTENDED | REG_NOSUB) == 0;
    bg__axes axes;
    char joined[8192]; /* the axes and .threads as an axis named threads (threads.c) */
    bg_err rc = parse_axes(&axes, bg__family_axes(def, joined, sizeof joined), def->name, err);
    if (rc == BG_OK)
        rc = apply_overrides(&axes, cfg, def->name, axis_used, batch_used, conc_used, err);
    if (rc == BG_OK)
        rc = expand_family(run, x, def, cfg, &axes, err);
    free_axes(&axes);
    if (x->has_filter)
        regfree(&x->filter);
    x->has_filter = 0;
    return rc;
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

/* FNV-1a of a name: where an executable's round of shards starts. */
static unsigned long name_hash(const char *s) {
    unsigned long h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* --shard=K/N: keeps instance i when (i + offset) mod N is K - 1, the offset from the name of
 * the first instance, so that executables of one instance each do not all land in shard 1.
 * The instances are in registration order, the same on every runner of one build. */
static void keep_shard(bg__run *run, const bg__config *g) {
    if (g->shard_count <= 0 || run->inst_count == 0)
        return;
    size_t offset = (size_t)(name_hash(run->inst[0].name) % (unsigned long)g->shard_count),
           kept = 0;
    for (size_t i = 0; i < run->inst_count; i++)
        if ((i + offset) % (size_t)g->shard_count == (size_t)(g->shard_index - 1))
            run->inst[kept++] = run->inst[i];
    run->inst_count = kept;
}

bg_err bg__expand_instances(bg__run *run, bg__error *err) {
    size_t n;
    const bg_benchmark_def *const *defs = bg__registered(&n);
    BG_FORWARD_IF_ERROR(check_family_names(&run->settings, defs, n, err));
    run->family_cfgs = calloc(n ? n : 1, sizeof *run->family_cfgs);
    BG_RETURN_IF(run->family_cfgs == NULL, err, BG_ENOMEM, "out of memory");
    int axis_used[BG__MAX_AXIS_SETTINGS] = {0}, batch_used = 0, conc_used = 0;
    expansion x = {0};
    bg_err rc = BG_OK;
    for (size_t f = 0; f < n && rc == BG_OK; f++)
        rc = expand_one(run, &x, defs[f], &run->family_cfgs[f], axis_used, &batch_used, &conc_used,
                        err);
    free(x.names);
    BG_FORWARD_IF_ERROR(rc);
    keep_shard(run, &run->settings.global);
    BG_FORWARD_IF_ERROR(check_unused(&run->settings.global, axis_used, batch_used, conc_used, err));
    BG_FORWARD_IF_ERROR(bg__check_complexity_defs(err));
    return bg__instances_threads(run, err);
}
