/* main.c - benchgate <verb>: dispatches to one file per verb. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/benchgate.h"
#include "benchgate/results.h"
#include "benchgate/settings.h"
#include "benchgate/terminal.h"
#include "cli.h"
#include "flags.h"

/* The table of a verb of an optional component, when this benchgate has it. */
#if BG_CLI_HISTORY
#define IF_HISTORY(def) def
#else
#define IF_HISTORY(def) NULL
#endif
#if BG_CLI_NET
#define IF_NET(def) def
#else
#define IF_NET(def) NULL
#endif

static const cli_verb verbs[] = {
    {"start", "run every benchmark of the build into one run directory", cmd_start,
     &cli_start_verb},
    {"run", "alias of start", cmd_start, &cli_run_verb},
    {"merge", "one run directory of the shards of a run (start --shard=K/N)", cmd_merge,
     &cli_merge_verb},
    {"list", "list the benchmarks of the build (--instances: every instance)", cmd_list,
     &cli_list_verb},
    {"compare", "compare two results: deltas, confidence intervals, verdicts", cmd_compare,
     &cli_compare_verb},
    {"ab", "A/B: run two builds' benches in pairs (a duet or alternately), judge head against base",
     cmd_ab, &cli_ab_verb},
    {"gpu", "the GPUs found (CUDA runtime, nvidia-smi), or why none", cmd_gpu, &cli_gpu_verb},
    {"calibrate", "measure this machine's ceilings (roofline) into its profile", cmd_calibrate,
     &cli_calibrate_verb},
    {"baseline", "capture a run as the baseline of this machine class", cmd_baseline,
     &cli_baseline_verb},
    {"verdicts", "one table of every bench test's gate outcome in the build tree", cmd_verdicts,
     &cli_verdicts_verb},
    {"export", "export a result as csv, json, md, junit, gbench or html", cmd_export,
     &cli_export_verb},
    {"summary", "aggregate metrics across runs and machines (--db: trends from the history)",
     cmd_summary, &cli_summary_verb},
    {"pause", "pause a running start after its current sample", cmd_pause, &cli_pause_verb},
    {"resume", "continue a paused run, or one that was stopped or killed", cmd_resume,
     &cli_resume_verb},
    {"history", "list the runs recorded in the run history (SQLite)", cmd_history,
     IF_HISTORY(&cli_history_verb)},
    {"changes", "change points over the run history: regressions and improvements by commit",
     cmd_changes, IF_HISTORY(&cli_changes_verb)},
    {"bisect", "the first commit that made a benchmark slower, built in git worktrees", cmd_bisect,
     &cli_bisect_verb},
    {"explain", "per-function instruction diff of two builds' bench, from callgrind", cmd_explain,
     &cli_explain_verb},
    {"publish", "the run history as a static site: plots over commits, change points", cmd_publish,
     IF_HISTORY(&cli_publish_verb)},
    {"report", "one run as a self-contained HTML report (--html)", cmd_report, &cli_report_verb},
    {"gate-foreign", "run a Google Benchmark, nvbench or hyperfine benchmark and gate its JSON",
     cmd_gate_foreign, &cli_gate_foreign_verb},
    {"push", "push a run's metrics to the telemetry Pushgateway", cmd_push, IF_NET(&cli_push_verb)},
    {"notify", "send a run's notifications: desktop, email, command", cmd_notify,
     IF_NET(&cli_notify_verb)},
    {"upload", "upload a run's results to a server over HTTPS, with retries", cmd_upload,
     IF_NET(&cli_upload_verb)},
    {"clean", "remove old intermediate results from bench/tmp (--older-than=30d)", cmd_clean,
     &cli_clean_verb},
    {"verify", "check dataset files: size, SHA-256, read-only (--dataset[=NAME])", cmd_verify,
     &cli_verify_verb},
    {"fetch", "download missing dataset files with retries and checksums", cmd_fetch,
     IF_NET(&cli_fetch_verb)},
    {"datasets", "list the datasets of the manifest, or write its index", cmd_datasets,
     &cli_datasets_verb},
};

/* The sub-verbs ("VERB SUB"), each with its own table; the verb's function dispatches them. */
static const cli_verb_def *const subverbs[] = {
    IF_HISTORY(&cli_history_import_verb),
    IF_HISTORY(&cli_history_export_verb),
};

#define VERB_COUNT (sizeof verbs / sizeof verbs[0])

#define SUBVERB_COUNT (sizeof subverbs / sizeof subverbs[0])

/* The sub-verb "VERB SUB" of verb, or NULL. */
static const cli_verb_def *subverb(const char *verb, const char *sub) {
    size_t n = strlen(verb);
    for (size_t i = 0; sub != NULL && i < SUBVERB_COUNT; i++)
        if (subverbs[i] != NULL && strncmp(subverbs[i]->name, verb, n) == 0 &&
            subverbs[i]->name[n] == ' ' && strcmp(subverbs[i]->name + n + 1, sub) == 0)
            return subverbs[i];
    return NULL;
}

const cli_verb_def *const *cli_verb_defs(size_t *count) {
    static const cli_verb_def *defs[VERB_COUNT + SUBVERB_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < VERB_COUNT; i++) {
        if (verbs[i].def == NULL || (n > 0 && defs[n - 1] == verbs[i].def))
            continue;
        defs[n++] = verbs[i].def;
        size_t len = strlen(verbs[i].name);
        for (size_t k = 0; k < SUBVERB_COUNT; k++)
            if (subverbs[k] != NULL && strncmp(subverbs[k]->name, verbs[i].name, len) == 0 &&
                subverbs[k]->name[len] == ' ')
                defs[n++] = subverbs[k];
    }
    *count = n;
    return defs;
}

/* 1 when arg is exactly --NAME for a flag of the verb's table that takes a value. */
static int takes_value(const char *arg, const cli_verb_def *def) {
    if (strncmp(arg, "--", 2) != 0 || strchr(arg, '=') != NULL || arg[2] == '\0')
        return 0;
    return def != NULL && cli_verb_takes_value(def, arg + 2);
}

/* Turns "--name VALUE" into "--name=VALUE" for the flags that must have a value, in place;
 * @return the new argc, or -1 when out of memory. A value that starts with "--" is left alone
 * (the verb then says the flag needs a value). */
static int join_values(int argc, char **argv, const cli_verb *verb) {
    const cli_verb_def *sub = subverb(verb->name, argc > 1 ? argv[1] : NULL);
    const cli_verb_def *def = sub != NULL ? sub : verb->def;
    int out = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) { /* a command's own arguments follow: left alone */
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        if (i + 1 < argc && takes_value(argv[i], def) && strncmp(argv[i + 1], "--", 2) != 0) {
            size_t size = strlen(argv[i]) + strlen(argv[i + 1]) + 2;
            char *joined = malloc(size); /* lives as long as the process */
            if (joined == NULL) {
                fprintf(stderr, "benchgate: error: out of memory\n");
                return -1;
            }
            snprintf(joined, size, "%s=%s", argv[i], argv[i + 1]);
            argv[out++] = joined;
            i++;
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

static void usage(FILE *f) {
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text,
                                "usage: benchgate <verb> [flags]   (benchgate <verb> --help for "
                                "its flags)\n\nverbs:\n");
    for (size_t i = 0; i < VERB_COUNT && n < sizeof text; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "  %-10s %s\n", verbs[i].name,
                              verbs[i].summary);
    if (n < sizeof text)
        snprintf(text + n, sizeof text - n,
                 "\nExit codes: 0 ok, 1 regression, 2 bad usage or input, 3 a benchmark "
                 "failed, 77 skipped.\n");
    bg_print_reflowed(f, text);
}

/* Every verb's output is checked once it returns: a write to standard output that failed (a
 * full disk, a closed descriptor) is exit 2, never a silent exit 0 with the output lost. A verb
 * that already failed with 2 has said why. @return the exit code */
static int stdout_checked(int rc) {
    errno = 0;
    int flushed = fflush(stdout) == 0;
    if (flushed && !ferror(stdout))
        return rc;
    if (rc != BG_EXIT_USAGE)
        fprintf(stderr, "benchgate: error: cannot write to standard output: %s\n",
                errno != 0 ? strerror(errno) : "a write failed");
    return rc == BG_EXIT_FAILED ? rc : BG_EXIT_USAGE;
}

/* --from=gbench|nvbench|hyperfine|benchgate|auto of the verbs that read results: how every
 * result file of this process is read (bg_results_from), taken out of argv.
 * @return the new argc, or -1 (message printed) for another format */
static int take_from(int argc, char **argv, const char *verb) {
    static const char *const readers[] = {"compare", "summary", "export", "report", "baseline"};
    int reads = 0, out = 1;
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
        reads |= strcmp(verb, readers[i]) == 0;
    for (int i = 1; i < argc; i++) {
        if (!reads || strncmp(argv[i], "--from=", 7) != 0) {
            argv[out++] = argv[i];
            continue;
        }
        if (bg_results_from(argv[i] + 7) != 0 || strcmp(argv[i] + 7, "auto") == 0) {
            if (strcmp(argv[i] + 7, "auto") == 0)
                continue;
            fprintf(stderr,
                    "benchgate: error: %s: --from=%s: not gbench, nvbench, hyperfine, "
                    "benchgate or auto\n",
                    verb, argv[i] + 7);
            return -1;
        }
    }
    argv[out] = NULL;
    return out;
}

/* benchgate help [VERB [SUB] | --man | --completion=bash]: the verbs, a verb's flags, the man
 * page's section on them, or the shell completion, all from the flag table. */
static int help_verb(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return BG_EXIT_OK;
    }
    if (strcmp(argv[1], "--man") == 0) {
        cli_print_man_flags(stdout);
        return BG_EXIT_OK;
    }
    if (strcmp(argv[1], "--completion=bash") == 0) {
        cli_print_bash_completion(stdout);
        return BG_EXIT_OK;
    }
    for (size_t i = 0; i < VERB_COUNT; i++)
        if (strcmp(argv[1], verbs[i].name) == 0) {
            static char verb_help[] = "--help";
            char *args[] = {argv[1], verb_help, NULL, NULL};
            if (argc > 2 && subverb(argv[1], argv[2]) != NULL) /* help history import */
                args[1] = argv[2], args[2] = verb_help;
            return verbs[i].run(args[2] ? 3 : 2, args);
        }
    return cli_usage_error("help: '%s': not a verb, --man or --completion=bash (see benchgate "
                           "--help)",
                           argv[1]);
}

static int run_verb(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return BG_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return help_verb(argc - 1, argv + 1);
    if (strcmp(argv[1], "--version") == 0) {
        printf("benchgate %s\n", bg_version_string());
        return BG_EXIT_OK;
    }
    char why[512];
    if (bg_args_check(argc, argv, why, sizeof why) != BG_OK) {
        cli_error_line(why);
        return BG_EXIT_USAGE;
    }
    static char help[] = "--help";
    for (int i = 2; i < argc; i++) /* -h is help for every verb, never a file name */
        if (strcmp(argv[i], "-h") == 0)
            argv[i] = help;
    for (size_t i = 0; i < VERB_COUNT; i++)
        if (strcmp(argv[1], verbs[i].name) == 0) {
            int n = join_values(argc - 1, argv + 1, &verbs[i]);
            n = n < 0 ? n : take_from(n, argv + 1, verbs[i].name);
            return n < 0 ? BG_EXIT_USAGE : verbs[i].run(n, argv + 1);
        }
    char unknown[600];
    snprintf(unknown, sizeof unknown, "unknown verb '%.500s'", argv[1]);
    cli_error_line(unknown);
    usage(stderr);
    return BG_EXIT_USAGE;
}

int main(int argc, char **argv) {
    bg_json_use_arenas(); /* no cJSON here but through the library's own calls */
    return stdout_checked(run_verb(argc, argv));
}
