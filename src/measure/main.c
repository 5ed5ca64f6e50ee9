/* main.c - bg_main: settings, instances, the run, the result files, the exit code. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "results/results.h"
#include "datasets/datasets.h"
#include "longrun/longrun.h"
#include "gate/gate.h"

extern char **environ;

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void init_identity(bg__run *run, int argc, char **argv) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(run->timestamp, sizeof run->timestamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(run->program, sizeof run->program, "%s", base_name(argv[0]));
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

static void print_dry_run(const bg__run *run) {
    printf("dry run: %zu instance(s), results would go to %s\n", run->inst_count, run->out_dir);
    for (size_t i = 0; i < run->inst_count; i++) {
        const bg__config *c = run->inst[i].cfg;
        printf("  %s  (repetitions %lld, min_time %gs, max_time %gs, measure %s)\n",
               run->inst[i].name, (long long)c->repetitions, c->min_time, c->max_time,
               bg__measure_names[c->measure]);
    }
}

static void free_run(bg__run *run) {
    for (size_t i = 0; i < run->inst_count; i++)
        free(run->inst[i].samples);
    free(run->inst);
    free(run->family_cfgs);
    bg__longrun_close(run);
    free(run->datasets);
    if (run->log)
        fclose(run->log);
    bg__settings_free(&run->settings);
}

static int usage_error(bg__run *run, const bg__error *err) {
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    bg__utf8_clean(msg); /* a message may quote what it refused */
    fprintf(stderr, "%s: error: %s\n", run->program[0] ? run->program : "benchgate", msg);
    free_run(run);
    return bg_err_exit_code(err->code);
}

/* BENCHGATE_COUNTER: how instructions are counted: auto (perf where the kernel allows it,
 * else callgrind), perf, or callgrind (the counts of a runner without perf, everywhere). */
static bg_err counter_choice(int *choice, bg__error *err) {
    static const char *const names[] = {"auto", "perf", "callgrind"};
    const char *v = getenv("BENCHGATE_COUNTER");
    *choice = 0;
    if (v == NULL || v[0] == '\0')
        return BG_OK;
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0)
            return *choice = i, BG_OK;
    return bg__set_error(err, BG_EUSAGE,
                         "BENCHGATE_COUNTER='%.64s': expected auto, perf or callgrind", v);
}

/* Instruction mode without perf_event_open (or with BENCHGATE_COUNTER=callgrind): the run
 * happens again under callgrind. */
static int needs_callgrind(const bg__run *run, int choice) {
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

static int measure_and_write(bg__run *run) {
    bg__error err = {0};
    if (bg__mkdirs(run->out_dir, &err) != BG_OK)
        return usage_error(run, &err);
    if (bg__longrun_open(run, &err) != BG_OK) /* the lock: one run per output directory */
        return usage_error(run, &err);
    bg__log(run, "%s: run %s, %zu instance(s), results in %s", run->program, run->run_id,
            run->inst_count, run->out_dir);
    int code = bg__run_all(run);
    int complete = !bg__longrun_interrupted(run); /* interrupted: a partial result */
    if (bg__write_results(run, complete, &err) != BG_OK)
        return usage_error(run, &err);
    bg__longrun_finish(run, complete);
    if (run->settings.global.formats & BG__FORMAT_CONSOLE)
        bg__console_table(run, stdout);
    if (getenv("BENCHGATE_CTEST") != NULL) /* set by bg_add_benchmark: CDash shows these */
        bg__ctest_measurements(run, stdout);
    fflush(stdout);
    bg__report_quality(run); /* noise target missed, high CV, many outliers: said */
    bg__log(run, "%s: results written to %s", run->program, run->out_dir);
    if (complete) /* a gated run ends with its verdict line */
        code = bg__gate(run, code);
    fflush(stdout);
    free_run(run);
    return code;
}

/* A flag of benchgate start only (telemetry, notifications) given to a bench executable:
 * refused rather than ignored, so that nobody believes a bench pushed or notified. */
static bg_err refuse_start_only(int argc, char **argv, bg__error *err) {
    for (int i = 1; i < argc; i++) {
        const bg__opt_info *o = bg__opt_start_only_flag(argv[i]);
        BG_RETURN_IF(o != NULL, err, BG_EUSAGE,
                     "command line: --%s: a setting of benchgate start, which acts on it after "
                     "the whole run; a bench executable does not (run it through benchgate start, "
                     "or leave the flag out)",
                     o->flag);
    }
    return BG_OK;
}

static int run_main(int argc, char **argv) {
    bg__run run;
    memset(&run, 0, sizeof run);
    snprintf(run.program, sizeof run.program, "%s", base_name(argc > 0 ? argv[0] : "bench"));
    run.started = bg__now_ns() / 1e9;
    bg__error err = {0};
    if (refuse_start_only(argc, argv, &err) != BG_OK ||
        bg__settings_load(&run.settings, argc, argv, environ, &err) != BG_OK)
        return usage_error(&run, &err);
    const bg__config *g = &run.settings.global;
    if (g->help || g->version) {
        if (g->help)
            bg__config_print_help(stdout, run.program);
        else
            printf("%s (benchgate %s)\n", run.program, bg_version_string());
        free_run(&run);
        return BG_EXIT_OK;
    }
    if (bg__expand_instances(&run, &err) != BG_OK)
        return usage_error(&run, &err);
    if (g->list) {
        for (size_t i = 0; i < run.inst_count; i++)
            printf("%s\n", run.inst[i].name);
        free_run(&run);
        return BG_EXIT_OK;
    }
    if (run.inst_count == 0) {
        bg__set_error(&err, BG_EUSAGE, "no benchmark instance matches --filter='%s' --device",
                      g->filter);
        return usage_error(&run, &err);
    }
    if (g->private_output)
        umask(077); /* everything this run creates: folders 0700, files 0600 */
    init_identity(&run, argc, argv);
    int counter;
    if (counter_choice(&counter, &err) != BG_OK)
        return usage_error(&run, &err);
    if (g->dry_run) {
        print_dry_run(&run);
        free_run(&run);
        return BG_EXIT_OK;
    }
    if (bg__datasets_prepare(&run, &err) != BG_OK) /* a bad dataset: nothing is measured */
        return usage_error(&run, &err);
    if (bg__profile_load(&run, &err) != BG_OK)
        return usage_error(&run, &err);
    if (needs_callgrind(&run, counter)) {
        int cache_sim = g->cache_sim;
        free_run(&run);
        return bg__callgrind_rerun(argc, argv, cache_sim);
    }
    return measure_and_write(&run);
}

/* Runs main on a stack at the same offset in a page in every process. argv and the
 * environment lie above the stack, so their length moves every frame below it: a loop's
 * locals then straddle cache lines, or alias by 4 KiB, differently from one output path or
 * user name to the next (Mytkowicz et al., "Producing wrong data without doing anything
 * obviously wrong!", 2009), and callgrind's simulated misses with them. */
__attribute__((noinline)) static int run_main_padded(int argc, char **argv, volatile char *pad) {
    pad[0] = 0;
    return run_main(argc, argv);
}

int bg_main(int argc, char **argv) {
    char here;
    volatile char pad[(uintptr_t)&here % 4096 + 64]; /* down to a fixed offset in a page */
    return run_main_padded(argc, argv, pad);
}
