/* cli.h - the benchgate command: shared helpers of the verbs (one file per verb). */
#ifndef BENCHGATE_CLI_H
#define BENCHGATE_CLI_H

#include <stddef.h>
#include <sys/types.h>

#include "benchgate/errors.h"

#define CLI_PATH_MAX 4096

/** A verb: its name, one line of help, its entry point (argv[0] is the verb), and its flag
 *  table (flags.h), from which the flags that take a value are known (`--name VALUE` may give
 *  them as well as `--name=VALUE`). */
struct cli_verb_def;
typedef struct cli_verb {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    const struct cli_verb_def *def; /**< its flag table (flags.h); NULL: a verb of a component
                                         this benchgate was built without (cmd_without.c) */
} cli_verb;

/** One benchmark executable listed in the build tree's manifest. */
typedef struct cli_bench {
    char name[128];
    char exe[CLI_PATH_MAX];
    char labels[256];
    char args[2048]; /**< the default arguments CMake gave it, space-separated */
} cli_bench;

/** Reads the .tsv entries under <build_dir>/benchgate/manifest.d, sorted by name. @return count, or
 * -1 (message printed). */
int cli_read_manifest(const char *build_dir, cli_bench **out);

/** The instance names a bench executable lists: text as it printed them ("a\nb\n"), and
 *  name[0..count) each line (the empty ones left out). */
typedef struct cli_names {
    char *text;
    char *lines; /**< a copy of text, split: what name[] points into */
    char **name;
    int count;
} cli_names;

/** Runs argv (a bench executable with --list, and the flags the run would get) and reads the
 *  names it printed into out (empty when it printed none; free with cli_names_free).
 *  @return the executable's exit code, as cli_spawn; -1 when its output could not be read */
int cli_list_instances(char *const argv[], cli_names *out);
void cli_names_free(cli_names *n);
/** @return 1 when name is one of n's. */
int cli_names_has(const cli_names *n, const char *name);
/** @return 1 when the bench's name matches --bench REGEX (NULL: every bench); 0 for a regex
 *  that does not compile (check it first with bg_regex_check, which says why). */
int cli_bench_matches(const char *regex, const char *name);

/** Resolves the build directory: the flag's value, else BENCHGATE_BUILD_DIR, else the nearest
 * build tree with benchmarks at or above the current folder (the folder or its build/), else
 * the tree this program was built in when it runs from there, else ./build. */
const char *cli_build_dir(const char *flag_value);

/**
 * Runs argv (argv[0] a path) and waits. When out_path is not NULL, stdout goes there.
 * @return the exit status, 128 + signal when killed, or -1 when it could not start
 */
int cli_spawn(char *const argv[], const char *out_path);

/** cli_spawn, with stderr to err_path as well when it is not NULL. */
int cli_spawn_to(char *const argv[], const char *out_path, const char *err_path);

/** Starts argv as cli_spawn_to does without waiting, pinned to CPU cpu when cpu >= 0 (a pin
 *  refused is a warning on its stderr). @return its pid, or -1 when it could not start */
pid_t cli_spawn_start(char *const argv[], const char *out_path, const char *err_path, int cpu);

/** Waits for a process cli_spawn_start started. @return as cli_spawn (-1 for pid -1) */
int cli_spawn_wait(pid_t pid);

/** Finds up to `want` CPUs this process may run on (Linux: its affinity mask) into cpus.
 *  @return how many were found (0 where the system does not tell) */
int cli_usable_cpus(int *cpus, int want);

/** Pins the calling process to one CPU. @return 0, or -1 with errno set */
int cli_pin_to_cpu(int cpu);

/** A run's id, the same form for every verb: UTC date-time and pid, 20261204-215321-27554. */
void cli_new_run_id(char *run_id, size_t size);

/** Makes a run folder and its missing parents (mode 0777 less the umask, as `mkdir -p`).
 *  @return 0, or -1 with errno set */
int cli_mkdirs(const char *path);

/** Prints "benchgate: error: ..." to stderr, wrapped at a word to bg_text_columns() (the
 *  continuation lines indented by two blanks). @return 2 */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** What a library call's outcome means for the command: 0 for BG_OK; else msg (the call's
 *  errbuf) printed as cli_usage_error prints it, and the exit code e stands for. */
int cli_bg_error(bg_err e, const char *msg);
/** Prints "benchgate: error: TEXT" to stderr, wrapped as cli_usage_error() wraps it. */
void cli_error_line(const char *text);
/** Prints a verb's help to stdout (printf's fmt), each line over bg_text_columns() re-flowed
 *  (bg_print_reflowed). */
void cli_help(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** @return 1 when arg is "--name" or "--name=...", storing the value (or NULL) in *value. */
int cli_flag(const char *arg, const char *name, const char **value);

int cmd_start(int argc, char **argv);
int cmd_ab(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_gate_foreign(int argc, char **argv);
int cmd_gpu(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_verdicts(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_pause(int argc, char **argv);
int cmd_resume(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_changes(int argc, char **argv);
int cmd_bisect(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_notify(int argc, char **argv);
int cmd_upload(int argc, char **argv);

struct bg_settings;
struct bg_setting_def;
/** The command's own settings (start_settings.c), count of them in *count. */
const struct bg_setting_def *cli_settings_defs(size_t *count);

/**
 * Loads the settings as a bench executable would from argv (run flags; --config; bench.yaml;
 * BENCH_*) and the command's own (start_settings.c: --history, --telemetry-*, --notify-*).
 * @return 0, or 2 (message printed)
 */
int cli_settings_load(int argc, char **argv, struct bg_settings **out);

/** @return 1 when a setting's value means none: NULL, "", "off" or "none". */
int cli_off(const char *value);

/** What a verb writes from a run (export, baseline) stays as private as the run: when asked
 *  (--private) or when the run's result.json (run, a run directory or a result file) is the
 *  user's alone (no group or other bit, as a --private run writes it), umask(077): every
 *  folder 0700, every file 0600. @return 1 when private, else 0 */
int cli_keep_private(const char *run, int asked);

/** The history database: flag_value, else the history setting. @return 0, or 2 (message printed) */
int history_db(const char *flag_value, char *out, size_t size);
/** The history that bench.yaml (config, else BENCH_CONFIG or ./bench.yaml) or BENCH_HISTORY
 *  names, "" when none does (the default does not count) or it is off. @return 0, or 2 */
int cli_history_configured(const char *config, char *out, size_t size);
int cmd_verify(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_datasets(int argc, char **argv);

/* Helpers of the dataset verbs (cmd_datasets.c). */
struct bg_manifest;
struct bg_manifest_dataset;
/** @return --root's value, else BENCH_DATASET_PATH, else the built-in dataset root. */
const char *cli_dataset_root(const char *flag_value);
/** Loads --manifest's file (default ROOT/datasets.yaml). @return 0, or 2 (message printed). */
int cli_load_manifest(const char *flag_value, const char *root, struct bg_manifest **out);
/** @return the dataset called name, or NULL after printing the datasets the manifest has. */
const struct bg_manifest_dataset *cli_find_dataset(const struct bg_manifest *m, const char *name);

#endif /* BENCHGATE_CLI_H */
