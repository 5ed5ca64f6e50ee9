/* gbench_write.c - Google Benchmark's JSON, read by its compare.py and by
 * github-action-benchmark: `benchgate export --format=gbench` and gbench-aggregates
 * (report/export_gbench.c), and a bench executable's --benchmark_format=json and --benchmark_out
 * (run/gb_flags.c), one writer for both. */
#include <cjson/cJSON.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "results/results.h"

/* ---- gbench ----------------------------------------------------------------------------- */

static cJSON *gbench_context(const cJSON *doc) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system");
    cJSON *c = cJSON_CreateObject();
    double cpus = 1;
    char build[64];
    snprintf(build, sizeof build, "%s", bg__json_text(sys, "build_type"));
    for (char *p = build; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    const char *program = bg__json_text(run, "program");
    bg__json_finite(sys, "cpu_count", &cpus);
    cJSON_AddStringToObject(c, "date", bg__json_text(run, "timestamp"));
    cJSON_AddStringToObject(c, "host_name", bg__json_text(sys, "hostname"));
    cJSON_AddStringToObject(c, "executable", program[0] ? program : "benchgate");
    bg__json_number(c, "num_cpus", cpus);
    bg__json_number(c, "mhz_per_cpu", 0);
    cJSON_AddFalseToObject(c, "cpu_scaling_enabled");
    cJSON_AddArrayToObject(c, "caches");
    cJSON_AddArrayToObject(c, "load_avg");
    cJSON_AddStringToObject(c, "library_build_type", build);
    bg__json_number(c, "json_schema_version", 1);
    return c;
}

/** Per-repetition figures of one benchmark. */
typedef struct gb_reps {
    size_t n;
    double *real, *cpu, *bytes, *items; /**< n each; bytes/items NULL when not measured */
} gb_reps;

/* The metric's "repetition_medians" when present and all finite: their count, else 0. */
static size_t rep_medians(const cJSON *metric, double *out, size_t max) {
    const cJSON *list = bg__json_get(metric, "repetition_medians"), *v;
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (!cJSON_IsArray(list) || n == 0 || (out && n != max))
        return 0;
    size_t i = 0;
    cJSON_ArrayForEach(v, list) {
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 0)
            return 0;
        if (out)
            out[i] = v->valuedouble;
        i++;
    }
    return n;
}

/* bytes or items per second of each repetition, from the overall rate and the medians. */
static double *rep_rates(const cJSON *metrics, const char *name, const gb_reps *r, double *buf,
                         double median) {
    double rate;
    if (!bg__metric_figure(bg__json_get(metrics, name), &rate))
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        buf[i] = r->real[i] > 0 ? rate * median / r->real[i] : rate;
    return buf;
}

/* Fills r for an ok benchmark: 1, then r->real must be freed; 0 when it has no time to
 * export; -1 out of memory. */
static int gbench_reps(const cJSON *b, gb_reps *r) {
    const cJSON *metrics = bg__json_get(b, "metrics");
    const cJSON *time = bg__json_get(metrics, "time_ns"),
                *cpu = bg__json_get(metrics, "cpu_time_ns");
    double median, cpu_median;
    if (!bg__status_ok(b) || !bg__status_ok(time) || !bg__json_finite(time, "median", &median))
        return 0;
    size_t n = rep_medians(time, NULL, 0);
    r->n = n ? n : 1;
    r->real = malloc(4 * r->n * sizeof(double));
    if (r->real == NULL)
        return -1;
    r->cpu = r->real + r->n;
    if (n == 0)
        r->real[0] = median;
    else
        rep_medians(time, r->real, n);
    int has_cpu = bg__metric_figure(cpu, &cpu_median);
    if (rep_medians(cpu, r->cpu, r->n) == 0)
        for (size_t i = 0; i < r->n; i++)
            r->cpu[i] = has_cpu ? cpu_median : r->real[i];
    r->bytes = rep_rates(metrics, "bytes_per_second", r, r->cpu + r->n, median);
    r->items = rep_rates(metrics, "items_per_second", r, r->cpu + 2 * r->n, median);
    return 1;
}

/** Where a benchmark stands in the export: Google Benchmark's family and instance indexes. */
typedef struct gb_place {
    const cJSON *bench;
    int family_index, instance_index;
    int failed; /**< a failed benchmark: one entry with error_occurred */
} gb_place;

/** A benchmark's family and its position, for numbering the families. */
typedef struct family_key {
    const char *family;
    size_t pos;
} family_key;

static int by_family_then_pos(const void *a, const void *b) {
    const family_key *x = a, *y = b;
    int c = strcmp(x->family, y->family);
    return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/* Numbers the places as Google Benchmark does: families in order of first appearance, the
 * instances of each in order. A sort, not a search per benchmark: 10,000 families are as
 * quick as one. @return 0, or -1 out of memory */
static int number_families(gb_place *places, size_t n) {
    family_key *keys = malloc((n ? n : 1) * sizeof *keys);
    size_t *leader = malloc((n ? n : 1) * sizeof *leader);
    int *rank = malloc((n ? n : 1) * sizeof *rank);
    int rc = keys && leader && rank ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        keys[i] = (family_key){bg__json_text(places[i].bench, "family"), i};
    if (rc == 0)
        qsort(keys, n, sizeof *keys, by_family_then_pos);
    for (size_t i = 0, first = 0; rc == 0 && i < n; i++) {
        if (i == 0 || strcmp(keys[i].family, keys[first].family) != 0)
            first = i;
        leader[keys[i].pos] = keys[first].pos;
        places[keys[i].pos].instance_index = (int)(i - first);
    }
    int families = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (leader[i] == i)
            rank[i] = families++;
        places[i].family_index = rank[leader[i]];
    }
    free(keys);
    free(leader);
    free(rank);
    return rc;
}

/** One entry of the benchmarks array, written as cJSON prints it there: "{", each field on its
 * own line three tabs in, "}" two tabs in; entries after the first follow ", ". */
typedef struct gb_entry {
    bg__strbuf *sb;
    int fields;
} gb_entry;

static void entry_begin(gb_entry *e, bg__strbuf *sb, int *first) {
    e->sb = sb;
    e->fields = 0;
    bg__sb_append(sb, *first ? "{" : ", {", *first ? 1 : 3);
    *first = 0;
}

static void entry_key(gb_entry *e, const char *key) {
    int later = e->fields++ > 0;
    bg__sb_append(e->sb, ",\n\t\t\t\"" + !later, later ? 6 : 5);
    bg__sb_append(e->sb, key, strlen(key));
    bg__sb_append(e->sb, "\":\t", 3);
}

static void entry_text(gb_entry *e, const char *key, const char *text) {
    entry_key(e, key);
    bg__sb_json_string(e->sb, text);
}

static void entry_number(gb_entry *e, const char *key, double v) {
    entry_key(e, key);
    bg__sb_json_number(e->sb, v);
}

static void entry_end(gb_entry *e) {
    bg__sb_append(e->sb, "\n\t\t}", 4);
}

/* The threads that ran the benchmark at once: its parameter threads (.threads), else 1. */
static double bench_threads(const cJSON *b) {
    const char *text = bg__json_text(bg__json_get(b, "params"), "threads");
    char *end = NULL;
    long n = strtol(text, &end, 10);
    return end != text && *end == '\0' && n > 0 ? (double)n : 1;
}

static void gbench_entry(gb_entry *e, const gb_place *p, const char *suffix, size_t reps,
                         const char *run_type) {
    char name[600];
    const char *inst = bg__json_text(p->bench, "name");
    snprintf(name, sizeof name, "%s%s", inst, suffix);
    entry_text(e, "name", name);
    entry_number(e, "family_index", p->family_index);
    entry_number(e, "per_family_instance_index", p->instance_index);
    entry_text(e, "run_name", inst);
    entry_text(e, "run_type", run_type);
    entry_number(e, "repetitions", (double)reps);
}

/* A failed benchmark as Google Benchmark writes a run that failed (SkipWithError): one
 * iteration entry with error_occurred and error_message, and no timings (0), in both formats
 * (Google Benchmark reports failed runs with --benchmark_report_aggregates_only too). */
static void gbench_failed(bg__strbuf *sb, int *first, const gb_place *p) {
    bg__strbuf why = {0};
    bg__report_reason(p->bench, &why);
    gb_entry e;
    entry_begin(&e, sb, first);
    gbench_entry(&e, p, "", 1, "iteration");
    entry_number(&e, "repetition_index", 0);
    entry_number(&e, "threads", bench_threads(p->bench));
    entry_key(&e, "error_occurred");
    bg__sb_append(sb, "true", 4);
    entry_text(&e, "error_message", why.data ? why.data : "error");
    entry_number(&e, "iterations", 0);
    entry_number(&e, "real_time", 0);
    entry_number(&e, "cpu_time", 0);
    entry_text(&e, "time_unit", "ns");
    entry_end(&e);
    sb->failed |= why.failed;
    bg__sb_free(&why);
}

static void gbench_times(gb_entry *e, double real, double cpu, const gb_reps *r,
                         const double *rates) {
    entry_number(e, "real_time", real);
    entry_number(e, "cpu_time", cpu);
    entry_text(e, "time_unit", "ns");
    if (r->bytes)
        entry_number(e, "bytes_per_second", rates[0]);
    if (r->items)
        entry_number(e, "items_per_second", rates[1]);
}

/* The iterations of one repetition, as Google Benchmark counts them: the iterations of one
 * sample times the samples of a repetition (time_ns.n over all repetitions). */
static double iterations_per_repetition(const cJSON *b, size_t reps) {
    double per_sample = 1, samples = (double)reps;
    bg__json_finite(b, "iterations_per_sample", &per_sample);
    bg__json_finite(bg__json_get(bg__json_get(b, "metrics"), "time_ns"), "n", &samples);
    return round(per_sample * samples / (double)(reps ? reps : 1));
}

/* The benchmark's counters (bg_report_counter) as Google Benchmark writes user counters: a key
 * of the entry each, its figure (flags applied). */
static void gbench_counters(gb_entry *e, const cJSON *bench) {
    const cJSON *m;
    double v;
    cJSON_ArrayForEach(m, bg__json_get(bench, "metrics")) {
        if (bg__json_get(m, "counter") && m->string && bg__metric_figure(m, &v))
            entry_number(e, m->string, v);
    }
}

static void gbench_iterations(bg__strbuf *sb, int *first, const gb_place *p, const gb_reps *r) {
    double iterations = iterations_per_repetition(p->bench, r->n);
    for (size_t i = 0; i < r->n; i++) {
        gb_entry e;
        entry_begin(&e, sb, first);
        gbench_entry(&e, p, "", r->n, "iteration");
        entry_number(&e, "repetition_index", (double)i);
        entry_number(&e, "threads", bench_threads(p->bench));
        entry_number(&e, "iterations", iterations);
        double rates[2] = {r->bytes ? r->bytes[i] : 0, r->items ? r->items[i] : 0};
        gbench_times(&e, r->real[i], r->cpu[i], r, rates);
        gbench_counters(&e, p->bench);
        entry_end(&e);
    }
}

static double stat_mean(const double *v, size_t n) {
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    return sum / (double)n;
}

static double stat_median(const double *v, size_t n) {
    double *s = malloc(n * sizeof *s);
    if (s == NULL)
        return NAN;
    memcpy(s, v, n * sizeof *s);
    bg__sort_doubles(s, n);
    double m = bg__median_sorted(s, n);
    free(s);
    return m;
}

/* Sample standard deviation (n - 1), as Google Benchmark computes it. */
static double stat_stddev(const double *v, size_t n) {
    double mean = stat_mean(v, n), sq = 0;
    for (size_t i = 0; i < n; i++)
        sq += (v[i] - mean) * (v[i] - mean);
    return n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
}

static double stat_cv(const double *v, size_t n) {
    double mean = stat_mean(v, n);
    return mean != 0 ? stat_stddev(v, n) / mean : 0;
}

/* The _mean, _median, _stddev and _cv entries; none under two repetitions (as Google
 * Benchmark does). */
static void gbench_aggregates(bg__strbuf *sb, int *first, const gb_place *p, const gb_reps *r) {
    static const char *const names[] = {"mean", "median", "stddev", "cv"};
    double (*const fns[])(const double *, size_t) = {stat_mean, stat_median, stat_stddev, stat_cv};
    for (int k = 0; r->n >= 2 && k < 4; k++) {
        char suffix[16];
        snprintf(suffix, sizeof suffix, "_%s", names[k]);
        gb_entry e;
        entry_begin(&e, sb, first);
        gbench_entry(&e, p, suffix, r->n, "aggregate");
        entry_text(&e, "aggregate_name", names[k]);
        entry_text(&e, "aggregate_unit", k == 3 ? "percentage" : "time");
        entry_number(&e, "threads", bench_threads(p->bench));
        entry_number(&e, "iterations", (double)r->n);
        double rates[2] = {r->bytes ? fns[k](r->bytes, r->n) : 0,
                           r->items ? fns[k](r->items, r->n) : 0};
        gbench_times(&e, fns[k](r->real, r->n), fns[k](r->cpu, r->n), r, rates);
        entry_end(&e);
    }
}

/* One entry per benchmark, named after it: the medians over all samples (result.json's), for
 * github-action-benchmark and other readers that store every entry as a series. */
static void gbench_overall(bg__strbuf *sb, int *first, const gb_place *p, const gb_reps *r) {
    const cJSON *metrics = bg__json_get(p->bench, "metrics");
    double real = r->real[0], cpu = r->cpu[0], rates[2] = {0, 0};
    bg__json_finite(bg__json_get(metrics, "time_ns"), "median", &real);
    if (!bg__metric_figure(bg__json_get(metrics, "cpu_time_ns"), &cpu))
        cpu = real;
    bg__metric_figure(bg__json_get(metrics, "bytes_per_second"), &rates[0]);
    bg__metric_figure(bg__json_get(metrics, "items_per_second"), &rates[1]);
    gb_entry e;
    entry_begin(&e, sb, first);
    gbench_entry(&e, p, "", r->n, "aggregate");
    entry_text(&e, "aggregate_name", "median");
    entry_text(&e, "aggregate_unit", "time");
    entry_number(&e, "threads", bench_threads(p->bench));
    entry_number(&e, "iterations", iterations_per_repetition(p->bench, 1));
    gbench_times(&e, real, cpu, r, rates);
    gbench_counters(&e, p->bench);
    entry_end(&e);
}

/** One thread's share of the entries: places [from, to), printed into out. */
typedef struct gb_job {
    const gb_place *places;
    size_t from, to;
    int overall_only;
    bg__strbuf out;
} gb_job;

/* The entries of each place of the job (every repetition and the aggregates, or with
 * overall_only one entry of the overall medians); out.failed when memory runs out. */
static void *gbench_write(void *arg) {
    gb_job *job = arg;
    int first = 1;
    for (size_t i = job->from; i < job->to && !job->out.failed; i++) {
        gb_reps r = {0, NULL, NULL, NULL, NULL};
        if (job->places[i].failed) {
            gbench_failed(&job->out, &first, &job->places[i]);
        } else if (gbench_reps(job->places[i].bench, &r) < 0) {
            job->out.failed = 1;
        } else if (job->overall_only) {
            gbench_overall(&job->out, &first, &job->places[i], &r);
        } else {
            gbench_iterations(&job->out, &first, &job->places[i], &r);
            gbench_aggregates(&job->out, &first, &job->places[i], &r);
        }
        free(r.real);
    }
    return NULL;
}

/* The benchmarks to export, in order: the failed ones and the ok ones with a time (skipped
 * ones are left out); NULL out of memory. */
static gb_place *exported_places(const cJSON *benchmarks, size_t *n) {
    gb_place *places = malloc(((size_t)cJSON_GetArraySize(benchmarks) + 1) * sizeof *places);
    const cJSON *b;
    *n = 0;
    cJSON_ArrayForEach(b, benchmarks) {
        const cJSON *time = bg__json_get(bg__json_get(b, "metrics"), "time_ns");
        double median;
        bg__bench_state state = bg__report_state(b);
        if (places && (state == BG__BENCH_FAILED || (state == BG__BENCH_OK && bg__status_ok(time) &&
                                                     bg__json_finite(time, "median", &median))))
            places[(*n)++] = (gb_place){b, 0, 0, state == BG__BENCH_FAILED};
    }
    if (places && number_families(places, *n) != 0) {
        free(places);
        return NULL;
    }
    return places;
}

/* The entries in two halves, the second on a thread when one starts (two cores: half the
 * time of printing them, the most of an export), joined into sb. */
static void gbench_entries(const gb_place *places, size_t n, int overall_only, bg__strbuf *sb) {
    gb_job jobs[2] = {{places, 0, n / 2, overall_only, {0}}, {places, n / 2, n, overall_only, {0}}};
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, gbench_write, &jobs[1]) == 0;
    gbench_write(&jobs[0]);
    if (threaded)
        pthread_join(thread, NULL);
    else
        gbench_write(&jobs[1]);
    int both = jobs[0].out.len && jobs[1].out.len;
    for (int i = 0; i < 2; i++) {
        if (jobs[i].out.failed)
            sb->failed = 1;
        if (i == 1 && both)
            bg__sb_append(sb, ", ", 2);
        if (jobs[i].out.len)
            bg__sb_append(sb, jobs[i].out.data, jobs[i].out.len);
        bg__sb_free(&jobs[i].out);
    }
}

/* The document as cJSON_Print writes it: the context, then the entries where cJSON would
 * print the array's "[]" (the last three characters before the closing "\n}"). */
bg_err bg__gbench_document(const cJSON *doc, int overall_only, bg__strbuf *sb, bg__error *err) {
    size_t n = 0;
    gb_place *places = exported_places(bg__json_get(doc, "benchmarks"), &n);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "context", gbench_context(doc));
    cJSON *list = cJSON_AddArrayToObject(root, "benchmarks");
    char *head = places && list ? bg__json_print(root, 1) : NULL;
    cJSON_Delete(root);
    size_t len = head ? strlen(head) : 0;
    if (len > 4 && strcmp(head + len - 4, "[]\n}") == 0) {
        bg__sb_append(sb, head, len - 3);
        gbench_entries(places, n, overall_only, sb);
        bg__sb_append(sb, "]\n}\n", 4);
    } else {
        sb->failed = 1;
    }
    free(head);
    free(places);
    BG_RETURN_IF(sb->failed, err, BG_ENOMEM, "out of memory building the gbench export");
    return BG_OK;
}
