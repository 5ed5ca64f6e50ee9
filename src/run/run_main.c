/* run_main.c - bg_main: a bench executable from its flags to its exit code, on a stack at a
 * fixed offset in a page; the steps are in run_steps.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "system/system.h"
#include "datasets/datasets.h"
#include "run/run.h"

extern char **environ;

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int run_main(int argc, char **argv) {
    bg__run run;
    memset(&run, 0, sizeof run);
    snprintf(run.program, sizeof run.program, "%s", base_name(argc > 0 ? argv[0] : "bench"));
    run.started = bg__now_ns() / 1e9;
    bg__error err = {0};
    char **args = NULL; /* Google Benchmark's flags made ours */
    if (bg__gb_flags(argc, argv, &args, &err) != BG_OK)
        return bg__run_usage_error(&run, &err);
    int n = 0;
    while (args[n])
        n++;
    bg_err loaded = bg__settings_load(&run.settings, n, args, environ, &err);
    bg__gb_flags_free(args);
    if (loaded != BG_OK)
        return bg__run_usage_error(&run, &err);
    const bg__config *g = &run.settings.global;
    if (g->help || g->version) {
        if (g->help)
            bg__config_print_help(stdout, run.program);
        else
            printf("%s (benchgate %s)\n", run.program, bg_version_string());
        bg__run_free(&run);
        return BG_EXIT_OK;
    }
    if (bg__expand_instances(&run, &err) != BG_OK)
        return bg__run_usage_error(&run, &err);
    if (g->list) {
        for (size_t i = 0; i < run.inst_count; i++)
            printf("%s\n", run.inst[i].name);
        bg__run_free(&run);
        return BG_EXIT_OK;
    }
    if (run.inst_count == 0 && g->shard_count > 0) {
        printf("%s: not in shard %d/%d: no instance of this executable falls in it; skipped\n",
               run.program, g->shard_index, g->shard_count);
        bg__run_free(&run);
        return BG_EXIT_SKIP;
    }
    if (run.inst_count == 0) {
        static const char *const devices[] = {"all", "cpu", "cuda", "auto"};
        bg__set_error(&err, BG_EUSAGE,
                      "no benchmark instance matches --filter='%s' with --device=%s; run with "
                      "--list to see the instances there are.",
                      g->filter, devices[g->device]);
        return bg__run_usage_error(&run, &err);
    }
    if (g->private_output)
        umask(077); /* everything this run creates: folders 0700, files 0600 */
    bg__run_identity(&run, argc, argv);
    int counter;
    if (bg__run_counter_choice(&counter, &err) != BG_OK)
        return bg__run_usage_error(&run, &err);
    if (g->dry_run) {
        bg__run_print_dry(&run);
        bg__run_free(&run);
        return BG_EXIT_OK;
    }
    if (bg__datasets_prepare(&run, &err) != BG_OK) /* a bad dataset: nothing is measured */
        return bg__run_usage_error(&run, &err);
    if (bg__profile_load(&run.profile, &err) != BG_OK)
        return bg__run_usage_error(&run, &err);
    if (bg__run_needs_callgrind(&run, counter)) {
        int cache_sim = g->cache_sim;
        char keep[BG__PATH_MAX + 16] = "";
        if (g->keep_profile && g->output_dir[0])
            snprintf(keep, sizeof keep, "%s/callgrind", g->output_dir);
        bg__run_free(&run);
        return bg__callgrind_rerun(argc, argv, cache_sim, keep[0] ? keep : NULL);
    }
    return bg__run_measure_and_write(&run);
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
