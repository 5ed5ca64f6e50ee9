/* start_integr.c - what benchgate start does once the run is merged: push its metrics to the
 * telemetry Pushgateway and send the notifications (docs/integrations.md). Both only read the
 * run directory; a failure is a warning in the log and never changes the exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integr.h"
#include "start.h"

static void to_ui(void *arg, const char *line) {
    ui_log(arg, "%s", line);
}

/* The manifest's --config=FILE of the first selected executable, as start_settings_load. */
static const char *manifest_config(const start_run *r, char *buf, size_t size) {
    for (int i = 0; i < r->n; i++) {
        const char *at = r->count[i] > 0 ? strstr(r->list[i].args, "--config=") : NULL;
        if (r->count[i] > 0) {
            if (at == NULL)
                return NULL;
            snprintf(buf, size, "%.*s", (int)strcspn(at, " "), at);
            return buf;
        }
    }
    return NULL;
}

void start_integrations(const start_run *r, start_ui *u, int code) {
    char *argv[START_MAX_ARGS + 2], config[CLI_PATH_MAX + 16];
    int argc = 0;
    argv[argc++] = "benchgate";
    if (manifest_config(r, config, sizeof config))
        argv[argc++] = config;
    for (int i = 0; i < r->o->pass_count; i++)
        argv[argc++] = r->o->pass[i];
    argv[argc] = NULL;
    cli_integr *s = calloc(1, sizeof *s);
    if (s == NULL || cli_integr_load(argc, argv, s, to_ui, u) != 0) {
        ui_log(u, "benchgate: warning: telemetry and notifications skipped (settings)");
        free(s);
        return;
    }
    cli_integr_after_run(s, r->out, code);
    free(s);
}
