/* main.c - benchgate <verb>: dispatches to one file per verb. */
#include <stdio.h>
#include <string.h>

#include "benchgate/benchgate.h"
#include "cli.h"

static const cli_verb verbs[] = {
    {"start", "run every benchmark of the build into one run directory", cmd_start},
    {"run", "alias of start", cmd_start},
    {"list", "list the benchmarks of the build (--instances: every instance)", cmd_list},
    {"compare", "compare two results: deltas, confidence intervals, verdicts", cmd_compare},
    {"ab", "A/B: run two builds' benches alternately, judge head against base", cmd_ab},
    {"gpu", "the GPUs found (CUDA runtime, nvidia-smi), or why none", cmd_gpu},
    {"calibrate", "measure this machine's ceilings (roofline) into its profile", cmd_calibrate},
    {"baseline", "capture a run as the baseline of this machine class", cmd_baseline},
    {"verdicts", "one table of every bench test's gate outcome in the build tree", cmd_verdicts},
    {"export", "export a result as csv, json, md, junit, gbench or html", cmd_export},
    {"summary", "aggregate metrics across runs and machines (--db: trends from the history)",
     cmd_summary},
    {"pause", "pause a running start after its current sample", cmd_pause},
    {"resume", "continue a paused run, or one that was stopped or killed", cmd_resume},
    {"history", "list the runs recorded in the run history (SQLite)", cmd_history},
    {"report", "one run as a self-contained HTML report (--html)", cmd_report},
    {"push", "push a run's metrics to the telemetry Pushgateway", cmd_push},
    {"notify", "send a run's notifications: desktop, email, command", cmd_notify},
    {"upload", "upload a run's results to a server over HTTPS, with retries", cmd_upload},
    {"clean", "remove old intermediate results from bench/tmp (--older-than=30d)", cmd_clean},
    {"verify", "check dataset files: size, SHA-256, read-only (--dataset[=NAME])", cmd_verify},
    {"fetch", "download missing dataset files with retries and checksums", cmd_fetch},
    {"datasets", "list the datasets of the manifest, or write its index", cmd_datasets},
};

static void usage(FILE *f) {
    fprintf(f, "usage: benchgate <verb> [flags]   (benchgate <verb> --help for its flags)\n\n"
               "verbs:\n");
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(f, "\nExit codes: 0 ok, 1 regression, 2 bad usage or input, 3 a benchmark failed, "
               "77 skipped.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return BG_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return BG_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("benchgate %s\n", bg_version_string());
        return BG_EXIT_OK;
    }
    static char help[] = "--help";
    for (int i = 2; i < argc; i++) /* -h is help for every verb, never a file name */
        if (strcmp(argv[i], "-h") == 0)
            argv[i] = help;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].run(argc - 1, argv + 1);
    fprintf(stderr, "benchgate: error: unknown verb '%s'\n", argv[1]);
    usage(stderr);
    return BG_EXIT_USAGE;
}
