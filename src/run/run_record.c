/* run_record.c - a bench's CTest test records its run in the run history: bg_add_benchmark sets
 * BENCHGATE_RECORD_CLI to the benchgate command, which this step runs after the gate as
 * `benchgate history --record=OUT --ctest` (the history is the command's: SQLite and libpq
 * stay out of the core). The command decides: nothing when no history is configured, a failure
 * a warning unless BENCH_HISTORY asked for the store (its exit 2 then fails the test). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/process.h"
#include "common/common.h"
#include "config/config.h"
#include "run/run.h"

#define RECORD_TIMEOUT_S 300.0

int bg__run_record(const bg__run *run, int code) {
    const char *cli = getenv("BENCHGATE_RECORD_CLI");
    if (cli == NULL || cli[0] == '\0' || getenv("BENCHGATE_CTEST") == NULL)
        return code;
    char record[BG__PATH_MAX + 16], config[BG__PATH_MAX + 16];
    snprintf(record, sizeof record, "--record=%s", run->out_dir);
    snprintf(config, sizeof config, "--config=%s", run->settings.global.config_path);
    char *argv[] = {(char *)cli,
                    "history",
                    record,
                    "--ctest",
                    run->settings.global.config_path[0] ? config : NULL,
                    NULL};
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.keep_secrets = 1; /* the store's password file or PGPASSWORD, when it needs one */
    fflush(stdout);
    pid_t pid = bg_spawn(&o);
    int status = 0, rc = pid < 0 ? -1 : bg_spawn_wait(pid, RECORD_TIMEOUT_S, &status);
    int exit_code = rc == 0 ? bg_spawn_exit_code(status) : -1;
    if (exit_code == BG_EXIT_USAGE) /* the store was asked for (BENCH_HISTORY) and failed */
        return BG_EXIT_USAGE;
    if (exit_code != 0)
        fprintf(stderr,
                "%s: warning: the run was not recorded in the run history (%s exited "
                "%d)\n",
                run->program, cli, exit_code);
    return code;
}
