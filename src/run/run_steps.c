/* run_steps.c - the steps of a bench executable's run that bg_main takes in turn: who and
 * where the run is, a dry run, how instructions are counted, measuring and writing the result
 * files and the gate's verdict, and ending with a usage error. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/results.h"
#include "benchgate/terminal.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "results/results.h"
#include "datasets/datasets.h"
#include "longrun/longrun.h"
#include "gate/gate.h"
#include "run/run.h"

void bg__run_identity(bg__run *run, int argc, char **argv) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(run->timestamp, sizeof run->timestamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(run->run_id, sizeof run->run_id, "%s-%ld", stamp, (long)getpid());
    size_t len = 0;
    for (int i = 0; i < argc && len + 2 < sizeof run->command_line; i++) {
        int n = snprintf(run->command_line + len, sizeof run->command_line - len, "%s%s",
                         i ? " " : "", argv[i]);
        len += n > 0 ? (size_t)n : 0;
    }
    const char *dir = run->settings.global.output_dir;
    if (dir[0] != '\0')
        snprintf(run->out_dir, sizeof run->out_dir, "%s", dir);
    else
        snprintf(run->out_dir, sizeof run->out_dir, "results/%s", run->run_id);
}

void bg__run_print_dry(const bg__run *run) {
    printf("dry run: %zu instance(s), results would go to %s\n", run->inst_count, run->out_dir);
    for (size_t i = 0; i < run->inst_count; i++) {
        const bg__config *c = run->inst[i].cfg;
        printf("  %s  (repetitions %lld, min_time %gs, max_time %gs, measure %s)\n",
               run->inst[i].name, (long long)c->repetitions, c->min_time, c->max_time,
               bg__measure_names[c->measure]);
    }
}

void bg__run_free(bg__run *run) {
    for (size_t i = 0; i < run->inst_count; i++)
        free(run->inst[i].samples), free(run->inst[i].counter_values),
            bg__stats_free(&run->inst[i]);
    free(run->inst);
    free(run->family_cfgs);
    bg__longrun_close(run);
    free(run->datasets);
    if (run->log)
        fclose(run->log);
    bg__settings_free(&run->settings);
}

int bg__run_usage_error(bg__run *run, const bg__error *err) {
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    bg__utf8_clean(msg); /* a message may quote what it refused */
    char line[sizeof msg + sizeof run->program + 16];
    snprintf(line, sizeof line, "%s: error: %s", run->program[0] ? run->program : "benchgate", msg);
    bg_print_wrapped(stderr, line, "  ", 0);
    bg__run_free(run);
    return bg_err_exit_code(err->code);
}

/* BENCHGATE_COUNTER: how instructions are counted: auto (perf where the kernel allows it,
 * else callgrind), perf, or callgrind (the counts of a runner without perf, everywhere). */
bg_err bg__run_counter_choice(int *choice, bg__error *err) {
    static const char *const names[] = {"auto", "perf", "callgrind"};
    const char *v = getenv("BENCHGATE_COUNTER");
    *choice = 0;
    if (v == NULL || v[0] == '\0')
        return BG_OK;
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0) {
            *choice = i;
            return BG_OK;
        }
    return bg__set_error(err, BG_EUSAGE,
                         "BENCHGATE_COUNTER='%.64s': expected auto, perf or callgrind", v);
}

/* Instruction mode without perf_event_open (or with BENCHGATE_COUNTER=callgrind): the run
 * happens again under callgrind. */
int bg__run_needs_callgrind(const bg__run *run, int choice) {
    int wanted = 0;
    for (size_t i = 0; i < run->inst_count; i++)
        wanted |= run->inst[i].cfg->measure == BG__MEASURE_INSTRUCTIONS;
    if (!wanted || bg__callgrind_active() || choice == 1)
        return 0;
    if (choice == 2)
        return 1;
    int fd = bg__instr_open();
    if (fd >= 0)
        close(fd);
    return fd < 0;
}

/* A new run does not replace a finished one, as benchgate start refuses to: only --resume
 * goes into a folder with a complete result.json, and the folder of a bench's CTest test
 * (BENCHGATE_CTEST, bench-results/<bench> of the build tree), which each ctest run renews. */
static bg_err refuse_finished_dir(const bg__run *run, bg__error *err) {
    if (run->settings.global.resume || getenv("BENCHGATE_CTEST") != NULL ||
        !bg_result_is_complete(run->out_dir))
        return BG_OK;
    return bg__set_error(err, BG_EUSAGE,
                         "%s holds a finished run (%s/result.json); a new run would replace it: "
                         "choose another --output-dir, or remove it first",
                         run->out_dir, run->out_dir);
}

int bg__run_measure_and_write(bg__run *run) {
    bg__error err = {0};
    if (bg__mkdirs(run->out_dir, &err) != BG_OK)
        return bg__run_usage_error(run, &err);
    if (refuse_finished_dir(run, &err) != BG_OK ||
        bg__longrun_open(run, &err) != BG_OK) /* the lock: one run per output directory */
        return bg__run_usage_error(run, &err);
    bg__log(run, "%s: run %s, %zu instance(s), results in %s", run->program, run->run_id,
            run->inst_count, run->out_dir);
    int code = bg__run_all(run);
    int complete = !bg__longrun_interrupted(run); /* interrupted: a partial result */
    if (bg__write_results(run, complete, &err) != BG_OK)
        return bg__run_usage_error(run, &err);
    bg__longrun_finish(run, complete);
    if ((run->settings.global.formats & BG__FORMAT_CONSOLE) && bg__gb_stdout_table())
        bg__console_table(run, stdout);
    if (bg__gb_outputs(run, complete, &err) != BG_OK) /* --benchmark_format=json, _out */
        return bg__run_usage_error(run, &err);
    if (getenv("BENCHGATE_CTEST") != NULL) /* set by bg_add_benchmark: CDash shows these */
        bg__ctest_measurements(run, stdout);
    fflush(stdout);
    bg__report_quality(run); /* noise target missed, high CV, many outliers: said */
    bg__log(run, "%s: results written to %s", run->program, run->out_dir);
    if (complete) /* a gated run ends with its verdict line */
        code = bg__gate(run, code);
    code = bg__run_record(run, code); /* a bench's CTest test: into the run history */
    fflush(stdout);
    bg__run_free(run);
    return code;
}
