/* gb_flags.c - Google Benchmark's flags on every bench executable, so that a script written for a
 * Google Benchmark binary runs unchanged against a bench_*: --benchmark_filter, _repetitions,
 * _min_time (seconds: 0.5 or 0.5s; an iteration count, 100x, is refused: the iterations are
 * calibrated), _list_tests, _format and _out/_out_format (console: the table of a run; json:
 * the gbench export, results/gbench_write.c; csv: Google Benchmark's CSV). The first ones become
 * the flags of the run settings; the outputs are written after the run's own files. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "results/results.h"
#include "run/run.h"

#define PREFIX "--benchmark_"

enum { GB_NONE, GB_CONSOLE, GB_JSON, GB_CSV };

/* What the flags asked for (one bg_main per process). */
static struct {
    int stdout_format, out_format;
    char out_path[BG__PATH_MAX];
} gb;

static const char *value_of(const char *arg, const char *name) {
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

static bg_err format_of(const char *flag, const char *v, int *out, bg__error *err) {
    *out = strcmp(v, "console") == 0 ? GB_CONSOLE
           : strcmp(v, "json") == 0  ? GB_JSON
           : strcmp(v, "csv") == 0   ? GB_CSV
                                     : GB_NONE;
    BG_RETURN_IF(*out == GB_NONE, err, BG_EUSAGE,
                 "command line %s: '%s' is not console, json or csv", flag, v);
    return BG_OK;
}

/* --benchmark_min_time=X: seconds, "0.5" or "0.5s", into --min-time. */
static bg_err min_time(const char *v, char **out, bg__error *err) {
    size_t n = strlen(v);
    BG_RETURN_IF(n > 0 && v[n - 1] == 'x', err, BG_EUSAGE,
                 "command line --benchmark_min_time: '%s' is an iteration count, which benchgate "
                 "does not take (it calibrates the iterations per sample): give seconds, 0.5s",
                 v);
    BG_RETURN_IF(n == 0 || n > 64, err, BG_EUSAGE,
                 "command line --benchmark_min_time: '%s' is not a number of seconds", v);
    char buf[96];
    snprintf(buf, sizeof buf, "--min-time=%.*s", (int)(v[n - 1] == 's' ? n - 1 : n), v);
    *out = strdup(buf);
    return BG_OK;
}

/* One --benchmark_* flag: *out the run flag it becomes, or NULL when it only sets an output. */
static bg_err translate(const char *arg, char **out, bg__error *err) {
    const char *v;
    char buf[BG__PATH_MAX + 32];
    *out = NULL;
    if ((v = value_of(arg, PREFIX "filter")) != NULL) {
        BG_RETURN_IF(v[0] == '-', err, BG_EUSAGE,
                     "command line --benchmark_filter: a negative filter ('%.100s') is not "
                     "supported; write a regex of the names to run",
                     v);
        snprintf(buf, sizeof buf, "--filter=%s", v);
    } else if ((v = value_of(arg, PREFIX "repetitions")) != NULL) {
        snprintf(buf, sizeof buf, "--repetitions=%s", v);
    } else if ((v = value_of(arg, PREFIX "perf_counters")) != NULL) {
        snprintf(buf, sizeof buf, "--counters=%s", v); /* names in any case (common.h) */
    } else if ((v = value_of(arg, PREFIX "min_time")) != NULL) {
        return min_time(v, out, err);
    } else if (strcmp(arg, PREFIX "list_tests") == 0 ||
               (v = value_of(arg, PREFIX "list_tests")) != NULL) {
        if (v && strcmp(v, "false") == 0)
            return BG_OK;
        BG_RETURN_IF(v && strcmp(v, "true") != 0, err, BG_EUSAGE,
                     "command line --benchmark_list_tests: '%s' is not true or false", v);
        snprintf(buf, sizeof buf, "--list");
    } else if ((v = value_of(arg, PREFIX "format")) != NULL) {
        return format_of("--benchmark_format", v, &gb.stdout_format, err);
    } else if ((v = value_of(arg, PREFIX "out_format")) != NULL) {
        return format_of("--benchmark_out_format", v, &gb.out_format, err);
    } else if ((v = value_of(arg, PREFIX "out")) != NULL) {
        BG_RETURN_IF(v[0] == '\0' || strlen(v) >= sizeof gb.out_path, err, BG_EUSAGE,
                     "command line --benchmark_out: empty or too long");
        snprintf(gb.out_path, sizeof gb.out_path, "%s", v);
        return BG_OK;
    } else {
        return bg__set_error(err, BG_EUSAGE,
                             "command line %.100s: a Google Benchmark flag with no equivalent "
                             "here (see docs/from-google-benchmark.md for those there are)",
                             arg);
    }
    *out = strdup(buf);
    return BG_OK;
}

bg_err bg__gb_flags(int argc, char **argv, char ***out, bg__error *err) {
    memset(&gb, 0, sizeof gb);
    char **args = calloc((size_t)argc + 1, sizeof *args);
    BG_RETURN_IF(args == NULL, err, BG_ENOMEM, "out of memory");
    int k = 0;
    bg_err rc = BG_OK;
    for (int i = 0; i < argc && rc == BG_OK; i++) {
        char *flag = NULL;
        if (i == 0 || strncmp(argv[i], PREFIX, strlen(PREFIX)) != 0)
            flag = strdup(argv[i]);
        else if ((rc = translate(argv[i], &flag, err)) != BG_OK || flag == NULL)
            continue;
        if (flag == NULL)
            rc = bg__set_error(err, BG_ENOMEM, "out of memory");
        else
            args[k++] = flag;
    }
    if (rc == BG_OK && gb.out_path[0] && gb.out_format == GB_NONE)
        gb.out_format = GB_JSON; /* as Google Benchmark */
    BG_RETURN_IF(rc == BG_OK && gb.out_format != GB_NONE && !gb.out_path[0], err, BG_EUSAGE,
                 "command line --benchmark_out_format: needs --benchmark_out=FILE");
    if (rc != BG_OK) {
        bg__gb_flags_free(args);
        return rc;
    }
    *out = args;
    return BG_OK;
}

void bg__gb_flags_free(char **args) {
    for (char **p = args; p && *p; p++)
        free(*p);
    free(args);
}

int bg__gb_stdout_table(void) {
    return gb.stdout_format == GB_NONE || gb.stdout_format == GB_CONSOLE;
}

/* A CSV field, quoted as Google Benchmark's CSV reporter does. */
static void csv_text(bg__strbuf *sb, const char *text) {
    bg__sb_printf(sb, "\"");
    for (const char *p = text; *p; p++)
        bg__sb_printf(sb, *p == '"' ? "\"\"" : "%c", *p);
    bg__sb_printf(sb, "\",");
}

static void csv_number(bg__strbuf *sb, const cJSON *entry, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(entry, key);
    if (cJSON_IsNumber(v))
        bg__sb_printf(sb, "%.17g", v->valuedouble);
    bg__sb_printf(sb, ",");
}

/* Google Benchmark's CSV, from its JSON. */
static bg_err gbench_csv(const char *json, bg__strbuf *sb, bg__error *err) {
    cJSON *doc = cJSON_Parse(json);
    BG_RETURN_IF(doc == NULL, err, BG_ENOMEM, "out of memory writing the CSV");
    bg__sb_printf(sb, "name,iterations,real_time,cpu_time,time_unit,bytes_per_second,"
                      "items_per_second,label,error_occurred,error_message\n");
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks")) {
        int failed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "error_occurred"));
        csv_text(sb, bg__json_text(e, "name"));
        csv_number(sb, e, "iterations");
        csv_number(sb, e, "real_time");
        csv_number(sb, e, "cpu_time");
        bg__sb_printf(sb, "%s,", bg__json_text(e, "time_unit"));
        csv_number(sb, e, "bytes_per_second");
        csv_number(sb, e, "items_per_second");
        bg__sb_printf(sb, ",%s,", failed ? "true" : "");
        if (failed)
            csv_text(sb, bg__json_text(e, "error_message"));
        sb->len -= failed; /* no comma after the last field */
        bg__sb_printf(sb, "\n");
    }
    cJSON_Delete(doc);
    return BG_OK;
}

/* The run in one of the formats, into sb (console: the table of the run). */
static bg_err render(const bg__run *run, int complete, int format, bg__strbuf *sb, bg__error *err) {
    if (format == GB_CONSOLE) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        BG_RETURN_IF(f == NULL, err, BG_ENOMEM, "out of memory");
        bg__console_table(run, f);
        fclose(f);
        bg__sb_append(sb, text, len);
        free(text);
        return BG_OK;
    }
    cJSON *doc = bg__run_json(run, complete);
    BG_RETURN_IF(doc == NULL, err, BG_ENOMEM, "out of memory");
    bg__strbuf json = {0};
    bg_err rc = bg__gbench_document(doc, 0, &json, err);
    cJSON_Delete(doc);
    if (rc == BG_OK && format == GB_CSV)
        rc = gbench_csv(json.data, sb, err);
    else if (rc == BG_OK)
        bg__sb_append(sb, json.data, json.len);
    bg__sb_free(&json);
    return rc;
}

bg_err bg__gb_outputs(const bg__run *run, int complete, bg__error *err) {
    bg__strbuf sb = {0};
    if (gb.stdout_format == GB_JSON || gb.stdout_format == GB_CSV) {
        BG_FORWARD_IF_ERROR(render(run, complete, gb.stdout_format, &sb, err));
        fwrite(sb.data ? sb.data : "", 1, sb.len, stdout);
        fflush(stdout);
        bg__sb_free(&sb);
    }
    if (gb.out_path[0] == '\0')
        return BG_OK;
    bg_err rc = render(run, complete, gb.out_format, &sb, err);
    if (rc == BG_OK)
        rc = bg__write_atomic(gb.out_path, sb.data ? sb.data : "", sb.len, err);
    bg__sb_free(&sb);
    return rc;
}
