/* telemetry.c - a run's metrics in the Prometheus text exposition format, pushed to a
 * Pushgateway with libcurl (HTTP PUT to URL/metrics/job/JOB/instance/HOST/K/V...). */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <curl/curl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/integrations.h"
#include "benchgate/report.h"
#include "benchgate/version.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "report/report.h"
#include "net.h"

void bg_telemetry_opts_init(bg_telemetry_opts *o) {
    memset(o, 0, sizeof *o);
    o->job = "benchgate";
    o->timeout_s = 5.0;
    o->exit_code = -1;
}

static int ok_number(const cJSON *metric, const char *key, double *v) {
    const cJSON *n = bg__json_get(metric, key);
    if (strcmp(bg__json_text(metric, "status"), "ok") != 0 || !cJSON_IsNumber(n) ||
        !isfinite(n->valuedouble))
        return 0;
    *v = n->valuedouble;
    return 1;
}

/* ---- the exposition --------------------------------------------------------------------- */

/* A label value: \, " and line breaks escaped. */
static void label_value(bg__strbuf *sb, const char *v) {
    for (; *v; v++) {
        if (*v == '\\' || *v == '"')
            bg__sb_printf(sb, "\\%c", *v);
        else if (*v == '\n')
            bg__sb_printf(sb, "\\n");
        else
            bg__sb_printf(sb, "%c", *v);
    }
}

static void type_line(bg__strbuf *sb, const char *name, const char *help) {
    bg__sb_printf(sb, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void bench_labels(bg__strbuf *sb, const cJSON *b) {
    bg__sb_printf(sb, "{benchmark=\"");
    label_value(sb, bg__json_text(b, "name"));
    bg__sb_printf(sb, "\",family=\"");
    label_value(sb, bg__json_text(b, "family"));
    bg__sb_printf(sb, "\",device=\"");
    label_value(sb, bg__json_text(b, "device"));
    bg__sb_printf(sb, "\"");
}

static void sample(bg__strbuf *sb, double v) {
    bg__sb_printf(sb, "} %.17g\n", v);
}

/** One per-benchmark gauge: its name, help, and where its value comes from. */
typedef struct gauge {
    const char *name, *help;
    const char *metric; /**< the result metric */
    const char *field;  /**< "median", "value", "ci_lo", "ci_hi", "seconds", "ok" */
    double scale;       /**< multiplies the value (ns to s, MiB to bytes) */
} gauge;

static const gauge gauges[] = {
    {"benchgate_benchmark_ok", "1 when the benchmark ran and passed its checks, else 0", NULL, "ok",
     1},
    {"benchgate_benchmark_duration_seconds", "wall time spent on the benchmark", NULL, "seconds",
     1},
    {"benchgate_time_median_seconds", "median wall time per iteration", "time_ns", "median", 1e-9},
    {"benchgate_time_ci95_low_seconds", "95% CI of the median time, low end", "time_ns", "ci_lo",
     1e-9},
    {"benchgate_time_ci95_high_seconds", "95% CI of the median time, high end", "time_ns", "ci_hi",
     1e-9},
    {"benchgate_cpu_time_median_seconds", "median CPU time per iteration", "cpu_time_ns", "median",
     1e-9},
    {"benchgate_instructions_median", "median retired instructions per iteration", "instructions",
     "median", 1},
    {"benchgate_throughput_bytes_per_second", "bytes per second at the median time",
     "bytes_per_second", "value", 1},
    {"benchgate_throughput_items_per_second", "items per second at the median time",
     "items_per_second", "value", 1},
    {"benchgate_throughput_flops_per_second", "floating-point operations per second",
     "flops_per_second", "value", 1},
    {"benchgate_peak_rss_bytes", "peak resident memory", "peak_rss_mb", "value", 1048576.0},
    {"benchgate_peak_vram_bytes", "peak GPU memory", "peak_vram_mb", "value", 1048576.0},
};

static int gauge_value(const gauge *g, const cJSON *b, double *v) {
    const cJSON *m = g->metric ? bg__json_get(bg__json_get(b, "metrics"), g->metric) : NULL;
    const cJSON *ci = bg__json_get(m, "ci95");
    if (strcmp(g->field, "ok") == 0) {
        *v = strcmp(bg__json_text(b, "status"), "ok") == 0;
        return 1;
    }
    if (strcmp(g->field, "seconds") == 0) {
        const cJSON *seconds = bg__json_get(b, "seconds");
        if (!cJSON_IsNumber(seconds))
            return 0;
        *v = seconds->valuedouble;
        return 1;
    }
    if (strncmp(g->field, "ci_", 3) == 0) {
        const cJSON *end = cJSON_GetArrayItem(ci, strcmp(g->field, "ci_lo") ? 1 : 0);
        if (strcmp(bg__json_text(m, "status"), "ok") || !cJSON_IsNumber(end) ||
            !isfinite(end->valuedouble))
            return 0;
        *v = end->valuedouble * g->scale;
        return 1;
    }
    if (!ok_number(m, g->field, v))
        return 0;
    *v *= g->scale;
    return 1;
}

static void gauge_family(bg__strbuf *sb, const gauge *g, const cJSON *list) {
    const cJSON *b;
    int typed = 0;
    cJSON_ArrayForEach(b, list) {
        double v;
        if (!gauge_value(g, b, &v) || !isfinite(v))
            continue;
        if (!typed++)
            type_line(sb, g->name, g->help);
        bg__sb_printf(sb, "%s", g->name);
        bench_labels(sb, b);
        sample(sb, v);
    }
}

static int is_builtin(const char *name) {
    for (size_t i = 0; i < sizeof gauges / sizeof gauges[0]; i++)
        if (gauges[i].metric && strcmp(gauges[i].metric, name) == 0)
            return 1;
    return strcmp(name, "pct_of_peak_bandwidth") == 0 || strcmp(name, "pct_of_peak_flops") == 0;
}

/* accuracy*: benchgate_accuracy; other custom and plugin metrics: benchgate_metric_value. */
static void custom_family(bg__strbuf *sb, const cJSON *list, int accuracy) {
    const char *name = accuracy ? "benchgate_accuracy" : "benchgate_metric_value";
    const cJSON *b, *m;
    int typed = 0;
    cJSON_ArrayForEach(b, list) {
        cJSON_ArrayForEach(m, bg__json_get(b, "metrics")) {
            double v;
            int is_acc = bg__metric_kind_of(m->string) == BG__METRIC_ACCURACY;
            if (is_builtin(m->string) || is_acc != accuracy || !ok_number(m, "value", &v))
                continue;
            if (!typed++)
                type_line(sb, name,
                          accuracy ? "accuracy metrics of the benchmark"
                                   : "the benchmark's other metrics (custom, plugins)");
            bg__sb_printf(sb, "%s", name);
            bench_labels(sb, b);
            bg__sb_printf(sb, ",metric=\"");
            label_value(sb, m->string);
            bg__sb_printf(sb, "\",unit=\"");
            label_value(sb, bg__json_text(m, "unit"));
            bg__sb_printf(sb, "\"");
            sample(sb, v);
        }
    }
}

static void status_family(bg__strbuf *sb, const cJSON *list) {
    const cJSON *b;
    type_line(sb, "benchgate_benchmark_status", "the benchmark's status as a label (value 1)");
    cJSON_ArrayForEach(b, list) {
        bg__sb_printf(sb, "benchgate_benchmark_status");
        bench_labels(sb, b);
        bg__sb_printf(sb, ",status=\"");
        label_value(sb, bg__json_text(b, "status"));
        bg__sb_printf(sb, "\"");
        sample(sb, 1);
    }
}

static double epoch_of(const char *iso) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        return NAN;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (double)timegm(&tm);
}

static void run_info(bg__strbuf *sb, const cJSON *doc) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system");
    type_line(sb, "benchgate_run_info", "the run's identity (value 1)");
    bg__sb_printf(sb, "benchgate_run_info{run_id=\"");
    label_value(sb, bg__json_text(run, "run_id"));
    bg__sb_printf(sb, "\",machine_class=\"");
    label_value(sb, bg__json_text(sys, "machine_class"));
    bg__sb_printf(sb, "\",git_sha=\"");
    label_value(sb, bg__json_text(bg__json_get(run, "git"), "sha"));
    bg__sb_printf(sb, "\",benchgate_version=\"%s\"", bg_version_string());
    sample(sb, 1);
}

static void run_figures(bg__strbuf *sb, const cJSON *doc, int exit_code) {
    const cJSON *run = bg__json_get(doc, "run"), *duration = bg__json_get(run, "duration_s");
    double start = epoch_of(bg__json_text(run, "timestamp"));
    if (cJSON_IsNumber(duration) && isfinite(duration->valuedouble)) {
        type_line(sb, "benchgate_run_duration_seconds", "wall time of the run");
        bg__sb_printf(sb, "benchgate_run_duration_seconds %.17g\n", duration->valuedouble);
    }
    if (isfinite(start)) {
        type_line(sb, "benchgate_run_timestamp_seconds", "when the run started (Unix time)");
        bg__sb_printf(sb, "benchgate_run_timestamp_seconds %.0f\n", start);
    }
    type_line(sb, "benchgate_run_complete", "1 when every benchmark of the run ran");
    bg__sb_printf(sb, "benchgate_run_complete %d\n", cJSON_IsTrue(bg__json_get(doc, "complete")));
    if (exit_code >= 0) {
        type_line(sb, "benchgate_run_exit_code", "the exit code of the run");
        bg__sb_printf(sb, "benchgate_run_exit_code %d\n", exit_code);
    }
}

static void run_counts(bg__strbuf *sb, const cJSON *doc) {
    static const char *const statuses[] = {"ok", "skipped", "error"};
    const cJSON *b;
    type_line(sb, "benchgate_run_benchmarks", "benchmarks of the run per status");
    for (int i = 0; i < 3; i++) {
        int n = 0;
        cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
            n += strcmp(bg__json_text(b, "status"), statuses[i]) == 0;
        }
        bg__sb_printf(sb, "benchgate_run_benchmarks{status=\"%s\"} %d\n", statuses[i], n);
    }
}

static void exposition(bg__strbuf *sb, const cJSON *doc, int exit_code) {
    const cJSON *list = bg__json_get(doc, "benchmarks");
    run_info(sb, doc);
    run_figures(sb, doc, exit_code);
    run_counts(sb, doc);
    status_family(sb, list);
    for (size_t i = 0; i < sizeof gauges / sizeof gauges[0]; i++)
        gauge_family(sb, &gauges[i], list);
    custom_family(sb, list, 1);
    custom_family(sb, list, 0);
}

static bg_err exposition_body(const cJSON *doc, const char *path, const void *opts, bg__strbuf *sb,
                              bg__error *err) {
    const bg_telemetry_opts *o = opts;
    (void)path, (void)err;
    exposition(sb, doc, o ? o->exit_code : -1);
    return BG_OK;
}

bg_err bg_telemetry_text(const char *result_path, const bg_telemetry_opts *o, char **out_text,
                         char *errbuf, size_t errlen) {
    return bg__report_text(result_path, exposition_body, o, out_text, errbuf, errlen);
}

/* ---- the grouping key and the push ------------------------------------------------------ */

static int plain(const char *v, size_t n) {
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)v[i]) || strchr("_.~-", v[i])))
            return 0;
    return 1;
}

/* URL-safe base64 with padding, as the Pushgateway reads after "name@base64". */
static void b64url(bg__strbuf *sb, const char *v, size_t n) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const unsigned char *p = (const unsigned char *)v;
    for (size_t i = 0; i < n; i += 3) {
        unsigned long w = (unsigned long)p[i] << 16;
        w |= i + 1 < n ? (unsigned long)p[i + 1] << 8 : 0;
        w |= i + 2 < n ? p[i + 2] : 0;
        bg__sb_printf(sb, "%c%c%c%c", abc[(w >> 18) & 63], abc[(w >> 12) & 63],
                      i + 1 < n ? abc[(w >> 6) & 63] : '=', i + 2 < n ? abc[w & 63] : '=');
    }
}

static void group_pair(bg__strbuf *sb, const char *name, size_t name_len, const char *v, size_t n) {
    if (plain(v, n)) {
        bg__sb_printf(sb, "/%.*s/%.*s", (int)name_len, name, (int)n, v);
        return;
    }
    bg__sb_printf(sb, "/%.*s@base64/", (int)name_len, name);
    b64url(sb, v, n);
}

static bg_err grouping_url(const bg_telemetry_opts *o, const char *host, bg__strbuf *sb,
                           bg__error *err) {
    BG_RETURN_IF(o == NULL || o->url == NULL || !bg__url_ok(o->url, "http,https"), err, BG_EUSAGE,
                 "telemetry: '%s' is not an http:// or https:// URL without "
                 "user:password@",
                 o && o->url ? o->url : "");
    const char *job = o->job && o->job[0] ? o->job : "benchgate";
    BG_RETURN_IF(strchr(job, '/') != NULL, err, BG_EUSAGE, "telemetry: job '%s' holds a '/'", job);
    size_t len = strlen(o->url);
    while (len > 0 && o->url[len - 1] == '/')
        len--;
    bg__sb_printf(sb, "%.*s/metrics", (int)len, o->url);
    group_pair(sb, "job", 3, job, strlen(job));
    const char *labels = o->labels ? o->labels : "";
    int own_instance = strncmp(labels, "instance=", 9) == 0 || strstr(labels, ",instance=");
    if (!own_instance && host[0])
        group_pair(sb, "instance", 8, host, strlen(host));
    for (const char *p = labels; *p;) {
        size_t item = strcspn(p, ","), name = strcspn(p, "=");
        BG_RETURN_IF(name >= item, err, BG_EUSAGE, "telemetry: labels '%s': not K=V,K=V", labels);
        group_pair(sb, p, name, p + name + 1, item - name - 1);
        p += item + (p[item] == ',');
    }
    return BG_OK;
}

bg_err bg_telemetry_url(const bg_telemetry_opts *o, const char *hostname, char *out, size_t size,
                        char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    bg_err rc = grouping_url(o, hostname ? hostname : "", &sb, &err);
    if (rc == BG_OK && (sb.failed || sb.len >= size))
        rc = bg__set_error(&err, BG_EUSAGE, "telemetry: the grouping URL is too long");
    if (rc == BG_OK)
        snprintf(out, size, "%s", sb.data);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    bg__sb_free(&sb);
    return rc;
}

static bg_err put(const char *url, const char *body, const bg_telemetry_opts *o, bg__error *err) {
    CURL *c = curl_easy_init();
    BG_RETURN_IF(c == NULL, err, BG_ENOMEM, "telemetry: cannot start libcurl");
    char cerr[CURL_ERROR_SIZE] = "";
    bg__body src = {body, strlen(body), 0};
    bg__reply reply = {"", 0};
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: text/plain; version=0.0.4");
    h = bg__bearer_header(h, o->token);
    curl_easy_setopt(c, CURLOPT_URL, url);
    bg__curl_protocols(c, "http,https", "http,https");
    bg__curl_timeouts(c, o->timeout_s > 0 ? o->timeout_s : 5);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, bg__body_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &src);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)src.len);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bg__reply_keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    char line[256];
    bg__reply_line(&reply, line, sizeof line);
    BG_RETURN_IF(rc != CURLE_OK, err, BG_EIO, "telemetry: push to %s failed: %s", url,
                 cerr[0] ? cerr : curl_easy_strerror(rc));
    BG_RETURN_IF(code < 200 || code > 299, err, BG_EIO, "telemetry: push to %s: HTTP %ld%s%s", url,
                 code, line[0] ? ": " : "", line);
    return BG_OK;
}

/* A token goes over https:// only, as benchgate upload's: over plain http:// anyone on the path
 * reads it, so the push is refused before anything is sent. */
static bg_err token_over_tls(const bg_telemetry_opts *o, bg__error *err) {
    if (o == NULL || o->token == NULL || o->token[0] == '\0' || o->url == NULL ||
        strncmp(o->url, "https://", 8) == 0)
        return BG_OK;
    char shown[512]; /* without a query or fragment */
    snprintf(shown, sizeof shown, "%.*s", (int)strcspn(o->url, "?#"), o->url);
    return bg__set_error(err, BG_EUSAGE,
                         "telemetry: BENCHGATE_TELEMETRY_TOKEN over %s: refused, nothing sent "
                         "(in clear text; use https://)",
                         shown);
}

bg_err bg_telemetry_push(const char *result_path, const bg_telemetry_opts *o, char *errbuf,
                         size_t errlen) {
    bg__error err = {BG_OK, ""};
    char *body = NULL, path[BG__PATH_MAX + 32], msg[1024];
    cJSON *doc = NULL;
    bg__strbuf url = {0};
    bg_err rc = token_over_tls(o, &err);
    if (rc == BG_OK)
        rc = bg__report_load(result_path, &doc, path, sizeof path, &err);
    if (rc == BG_OK)
        rc = grouping_url(o, bg__json_text(bg__json_get(doc, "system"), "hostname"), &url, &err);
    cJSON_Delete(doc);
    if (rc == BG_OK && bg_telemetry_text(result_path, o, &body, msg, sizeof msg) != BG_OK)
        rc = bg__set_error(&err, BG_EINPUT, "%s", msg);
    if (rc == BG_OK && curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        rc = bg__set_error(&err, BG_EIO, "telemetry: cannot start libcurl");
    else if (rc == BG_OK) {
        rc = put(url.data, body, o, &err);
        curl_global_cleanup();
    }
    free(body);
    bg__sb_free(&url);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    return rc;
}
