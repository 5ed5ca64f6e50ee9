/* start_state.c - what benchgate start keeps in RUN_DIR/.benchgate-start so that
 * `benchgate start --resume=RUN_DIR` (or `benchgate resume`) runs the same executables with the
 * same flags, and the settings start reads for itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/history.h"
#include "benchgate/settings.h"
#include "benchgate/report.h"
#include "start.h"

#define STATE_FILE ".benchgate-start"
#define STATE_HEADER "benchgate-start 1"

static int has_newline(const char *s) {
    return s && strpbrk(s, "\r\n") != NULL;
}

int start_state_save(const char *out, const char *run_id, const start_opts *o) {
    char path[CLI_PATH_MAX + 32], err[1024];
    size_t size = 256 + strlen(run_id) + (o->build_dir ? strlen(o->build_dir) : 0) +
                  (o->bench ? strlen(o->bench) : 0);
    for (int i = 0; i < o->pass_count; i++)
        size += strlen(o->pass[i] ? o->pass[i] : "") + 8;
    char *text = malloc(size);
    if (text == NULL)
        return cli_usage_error("out of memory");
    int n = snprintf(text, size, "%s\nrun_id %s\nbuild_dir %s\nbench %s\n", STATE_HEADER, run_id,
                     o->build_dir ? o->build_dir : "", o->bench ? o->bench : "");
    int bad = n < 0 || (size_t)n >= size || has_newline(o->build_dir) || has_newline(o->bench);
    for (int i = 0; !bad && i < o->pass_count; i++) {
        const char *arg = o->pass[i] ? o->pass[i] : "";
        bad = has_newline(arg);
        n += snprintf(text + n, size - (size_t)n, "arg %s\n", arg);
    }
    snprintf(path, sizeof path, "%s/%s", out, STATE_FILE);
    int rc = bad ? cli_usage_error("a flag holds a line break; benchgate start cannot save it") : 0;
    if (rc == 0 && bg_write_text_file(path, text, err, sizeof err) != BG_OK)
        rc = cli_usage_error("%s", err);
    free(text);
    return rc;
}

/* Stores one "key value" line of the state file. @return 0, or -1 for a bad line */
static int take_line(start_saved *s, char *line, size_t *used) {
    char *sp = strchr(line, ' ');
    const char *value = sp ? sp + 1 : "";
    if (sp)
        *sp = '\0';
    if (strcmp(line, "run_id") == 0)
        return snprintf(s->run_id, sizeof s->run_id, "%s", value) >= (int)sizeof s->run_id;
    if (strcmp(line, "build_dir") == 0)
        return snprintf(s->build_dir, sizeof s->build_dir, "%s", value) >= (int)sizeof s->build_dir;
    if (strcmp(line, "bench") == 0)
        return snprintf(s->bench, sizeof s->bench, "%s", value) >= (int)sizeof s->bench;
    size_t len = strlen(value) + 1;
    if (strcmp(line, "arg") != 0 || s->pass_count == START_MAX_ARGS - 8 ||
        *used + len > sizeof s->args)
        return -1;
    memcpy(s->args + *used, value, len);
    s->pass[s->pass_count++] = s->args + *used;
    *used += len;
    return 0;
}

int start_state_load(const char *out, start_saved *s) {
    char path[CLI_PATH_MAX + 32], line[8192];
    memset(s, 0, sizeof *s);
    snprintf(path, sizeof path, "%s/%s", out, STATE_FILE);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return cli_usage_error("%s: not a run directory of benchgate start (no %s); nothing to "
                               "resume",
                               out, STATE_FILE);
    int bad = fgets(line, sizeof line, f) == NULL || strncmp(line, STATE_HEADER, 17) != 0;
    size_t used = 0;
    while (!bad && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        bad = take_line(s, line, &used) != 0;
    }
    fclose(f);
    if (bad || s->run_id[0] == '\0')
        return cli_usage_error("%s: unreadable (not written by this version of benchgate start)",
                               path);
    return 0;
}

/* The manifest's --config=FILE, so that start reads the same bench.yaml as the executables. */
static const char *manifest_config(const cli_bench *b, char *buf, size_t size) {
    const char *at = b ? strstr(b->args, "--config=") : NULL;
    if (at == NULL)
        return NULL;
    snprintf(buf, size, "%.*s", (int)strcspn(at, " "), at);
    return buf;
}

static double number(const bg_settings *st, const char *key) {
    char v[64] = "0";
    bg_settings_get(st, key, v, sizeof v);
    return atof(v);
}

/* A PostgreSQL history with a password in it is refused before anything runs, the value never
 * shown (the settings' own messages quote it). @return 0, or 2 after a message */
static int history_location_ok(const char *location) {
#if BG_CLI_HISTORY
    char why[600];
    if (strcmp(location, "off") != 0 && bg_history_check_location(location, why, sizeof why) != 0)
        return cli_usage_error("the run history (--history, history:, BENCH_HISTORY): %s", why);
#else
    (void)location;
#endif
    return 0;
}

int start_settings_load(const start_opts *o, const cli_bench *first, start_settings *set) {
    char *argv[START_MAX_ARGS + 2], config[CLI_PATH_MAX + 16];
    int argc = 0;
    argv[argc++] = "benchgate";
    if (manifest_config(first, config, sizeof config))
        argv[argc++] = config;
    for (int i = 0; i < o->pass_count; i++)
        argv[argc++] = o->pass[i];
    argv[argc] = NULL;
    bg_settings *st = NULL;
    if (cli_settings_load(argc, argv, &st) != 0)
        return BG_EXIT_USAGE;
    set->no_ui = number(st, "no_ui") != 0;
    set->log_max_bytes = (uint64_t)(number(st, "log_max_mb") * 1048576.0);
    set->log_backups = (int)number(st, "log_backups");
    bg_settings_get(st, "history", set->history, sizeof set->history);
    set->private_output = number(st, "private") != 0;
    set->instance_s =
        number(st, "repetitions") *
        (number(st, "warmup") + (number(st, "min_time") + number(st, "max_time")) / 2);
    bg_settings_free(st);
    return history_location_ok(set->history);
}
