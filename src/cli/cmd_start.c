/* cmd_start.c - benchgate start: every benchmark of the build into one run directory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/benchgate.h"
#include "benchgate/runlock.h"
#include "benchgate/settings.h"
#include "benchgate/results.h"
#include "flags.h"
#include "settings_list.h"
#include "start.h"

#define MAX_ARGS START_MAX_ARGS

#define OPT(field) CLI_OFF(start_opts, field)
static const cli_flag_def start_flags[] = {
    CLI_FLAG_BUILD_DIR(start_opts, build_dir),
    CLI_FLAG_OUTPUT_DIR(start_opts, output_dir,
                        "the run directory (default results/<run id>); it must not hold a run"),
    {"bench", "REGEX", CLI_REGEX, OPT(bench), 0, 0, NULL, NULL,
     "run only the bench executables whose name matches", NULL},
    {"resume", "RUN_DIR", CLI_TEXT, OPT(resume), 0, 0, NULL, NULL,
     "continue the run in RUN_DIR with the flags it started with (only --no-ui and\n"
     "--build-dir may be given with it)",
     NULL},
    {"dry-run", NULL, CLI_SWITCH, OPT(dry_run), 0, 0, NULL, NULL,
     "say what would run (each executable, its instances and part folder), run nothing", NULL},
    CLI_SETTINGS_HISTORY(CLI_SETTING_ROW) CLI_SETTINGS_TELEMETRY(CLI_SETTING_ROW)
        CLI_SETTINGS_NOTIFY(CLI_SETTING_ROW)};
#undef OPT

/* A run flag (--filter, --min-time, ..., and start's own settings, --history, --notify-*):
 * handed to every bench executable (and read by start_settings_load). @return 1 taken, 0 not
 * one (a flag of the table above, or a word), 2 (message printed) */
static int pass_flag(void *opts, const char *arg) {
    start_opts *o = opts;
    char name[128];
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
        return 0;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
    const cli_flag_def *f = cli_verb_flag(&cli_start_verb, name);
    if (f != NULL && f->kind != CLI_PASS)
        return 0;
    if (o->pass_count >= MAX_ARGS - 8)
        return cli_usage_error("start: '%.80s': too many run flags (at most %d)", arg,
                               MAX_ARGS - 8);
    o->pass[o->pass_count++] = (char *)arg;
    return 1;
}

#define START_ABOUT                                                                                \
    "Runs every bench executable listed in the build tree's manifest, each into\n"                 \
    "DIR/parts/<bench>, and merges them into DIR/result.json, result.csv, samples.csv\n"           \
    "and summary.md. Run flags (--filter, --min-time, --repetitions, ...) are passed\n"            \
    "to every executable; see any bench_* --help.\n\n"                                             \
    "On a terminal one progress line is redrawn each second (--no-ui and a\n"                      \
    "non-terminal stdout turn it off; NO_COLOR drops only its colour); the log goes\n"             \
    "to stderr and DIR/run.log.\n"                                                                 \
    "benchgate pause DIR / benchgate resume DIR pause and continue the run. --resume\n"            \
    "continues a run that was stopped or killed: complete parts are kept, the others\n"            \
    "continue from their checkpoint. The run is recorded in the run history (--history).\n"        \
    "Then its metrics are pushed to the telemetry Pushgateway and the notifications are\n"         \
    "sent, when configured (--telemetry-*, --notify-*; docs/integrations.md): a failure\n"         \
    "there is a warning and changes neither the results nor the exit code.\n\n"                    \
    "Its own settings (--history, --telemetry-*, --notify-*; bench.yaml run: history,\n"           \
    "telemetry:, notify:) are among the flags below; a bench executable refuses them."

const cli_verb_def cli_start_verb = {"start", "", START_ABOUT, start_flags, CLI_COUNT(start_flags),
                                     0,       0,  pass_flag};
const cli_verb_def cli_run_verb = {"run",
                                   "",
                                   "Alias of benchgate start.\n\n" START_ABOUT,
                                   start_flags,
                                   CLI_COUNT(start_flags),
                                   0,
                                   0,
                                   pass_flag};

/* argv[0] is "start" or "run". @return 0, -1 after --help, -2 (message printed) */
static int parse_opts(start_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    const cli_verb_def *verb = strcmp(argv[0], "run") == 0 ? &cli_run_verb : &cli_start_verb;
    int rc = cli_parse(verb, argc, argv, o, NULL);
    return rc == 0 ? 0 : rc == 1 ? -1 : -2;
}

int start_build_argv(char **argv, char *store, const cli_bench *b, const start_opts *o,
                     const char *extra, const char *extra2) {
    int n = 0;
    argv[n++] = (char *)b->exe;
    strcpy(store, b->args);
    for (char *save = NULL, *t = strtok_r(store, " ", &save); t && n < MAX_ARGS - 4;
         t = strtok_r(NULL, " ", &save))
        argv[n++] = t;
    for (int i = 0; i < o->pass_count; i++)
        if (!bg_settings_start_only(o->pass[i]) &&  /* start's own: history, telemetry, notify */
            strncmp(o->pass[i], "--shard", 7) != 0) /* and the shard, which it splits */
            argv[n++] = o->pass[i];
    if (extra)
        argv[n++] = (char *)extra;
    if (extra2)
        argv[n++] = (char *)extra2;
    argv[n] = NULL;
    return n;
}

/* Asks the executable for its instances with these flags: validates them, too. Notes which
 * suite-wide axis settings it has; all_names (for --shard), when not NULL, gets every name. */
static int count_instances(const cli_bench *b, const start_opts *o, int *count, start_axes *axes,
                           char **all_names) {
    char *argv[MAX_ARGS + 1], store[sizeof b->args];
    start_build_argv(argv, store, b, o, "--list", NULL);
    cli_names names;
    int rc = cli_list_instances(argv, &names);
    *count = names.count;
    if (rc == 0 && names.count > 0)
        start_axes_scan(axes, b->name, names.text);
    if (all_names) {
        free(*all_names);
        *all_names = names.text;
        names.text = NULL;
    }
    cli_names_free(&names);
    return rc;
}

/* --shard: the selected instances split, this shard's kept. @return 0, 77 when it has none, 2 */
static int plan_shard(const start_opts *o, char **names, int *sel, int n, start_shard_out *so) {
    if (o->shard_count == 0)
        return 0;
    if (start_shard_plan(o, names, sel, n, so->history, so->filters, so->plan) != 0)
        return BG_EXIT_USAGE;
    for (int i = 0; i < n; i++)
        if (sel[i] > 0)
            return 0;
    printf("benchgate: shard %d/%d: no instance falls in it (fewer instances than shards); "
           "nothing to run\n",
           o->shard_index, o->shard_count);
    return BG_EXIT_SKIP;
}

static int plan(const cli_bench *list, int *sel, int n, const start_opts *o, const char *out,
                start_shard_out *so) {
    int selected = 0;
    char why[1024];
    if (o->bench && bg_regex_check(o->bench, why, sizeof why) != BG_OK)
        return cli_usage_error("--bench: %s; nothing was run", why);
    start_axes axes;
    start_axes_collect(o, &axes);
    for (int i = 0; i < n; i++) {
        int count = 0;
        sel[i] = 0;
        if (!cli_bench_matches(o->bench, list[i].name))
            continue;
        int rc = count_instances(&list[i], o, &count, &axes, so->names ? &so->names[i] : NULL);
        if (rc != 0)
            return cli_usage_error("%s refused the flags (exit %d); nothing was run", list[i].name,
                                   rc);
        sel[i] = count;
        selected += count > 0;
    }
    if (selected == 0)
        return cli_usage_error("no benchmark matches (--bench / --filter select nothing)");
    int code = start_axes_report(&axes);
    if (code == 0)
        code = plan_shard(o, so->names, sel, n, so);
    for (int i = 0; code == 0 && o->dry_run && i < n; i++)
        if (sel[i] > 0)
            printf("would run %s (%d instance(s)) into %s/parts/%s\n", list[i].name, sel[i], out,
                   list[i].name);
    return code;
}

/* --resume=DIR: the executables, flags and run id of the run it continues. */
static int take_saved(start_opts *o, start_saved *s) {
    int no_ui = 0;
    for (int i = 0; i < o->pass_count; i++) {
        if (strcmp(o->pass[i], "--no-ui") != 0)
            return cli_usage_error("--resume continues a run with the flags it started with; "
                                   "'%s' cannot be given with it",
                                   o->pass[i]);
        no_ui = 1;
    }
    if (o->output_dir || o->bench)
        return cli_usage_error("--resume=DIR: DIR is the run directory; --output-dir and --bench "
                               "cannot be given with it");
    if (start_state_load(o->resume, s) != 0)
        return BG_EXIT_USAGE;
    o->output_dir = o->resume;
    if (o->build_dir == NULL && s->build_dir[0])
        o->build_dir = s->build_dir;
    o->bench = s->bench[0] ? s->bench : NULL;
    memcpy(o->pass, s->pass, (size_t)s->pass_count * sizeof *s->pass);
    o->pass_count = s->pass_count;
    if (no_ui)
        o->pass[o->pass_count++] = "--no-ui";
    return 0;
}

static const cli_bench *first_selected(const cli_bench *list, const int *count, int n) {
    for (int i = 0; i < n; i++)
        if (count[i] > 0)
            return &list[i];
    return NULL;
}

/* A new run does not go into a folder that holds another run, finished or not: it would replace
 * that run's result.json. @return 0, or 2 (message printed) */
static int refuse_used_dir(const char *out) {
    static const char *const marks[] = {"result.json", ".benchgate-start", "parts"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        char path[CLI_PATH_MAX + 32];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", out, marks[i]);
        if (lstat(path, &st) != 0)
            continue;
        if (bg_result_is_complete(out))
            return cli_usage_error("%s holds a finished run (%s); a new run would replace it: "
                                   "choose another --output-dir, or remove it first",
                                   out, path);
        return cli_usage_error("%s holds another run (%s): continue it with benchgate resume "
                               "%s, or choose another --output-dir",
                               out, path, out);
    }
    return 0;
}

/* Locks the run directory, saves what --resume needs, runs. */
static int execute(const start_opts *o, const cli_bench *list, const int *count, int n,
                   const char *out, const char *run_id, const start_shard_out *so) {
    start_run r = {list, count, n, o, "", "", {0, 0, 0, "", 0, 0}, so->filters, ""};
    snprintf(r.plan, sizeof r.plan, "%s", so->plan);
    snprintf(r.out, sizeof r.out, "%s", out);
    snprintf(r.run_id, sizeof r.run_id, "%s", run_id);
    if (start_settings_load(o, first_selected(list, count, n), &r.set) != 0)
        return BG_EXIT_USAGE;
    if (r.set.private_output) /* the run directory, its files, the history: this user only */
        umask(077);
    if (cli_mkdirs(out) != 0)
        return cli_usage_error("%s: cannot create the run directory: %s", out, strerror(errno));
    bg_run_lock *lock = NULL;
    char err[1024];
    if (bg_run_lock_acquire(out, 0, &lock, err, sizeof err) != BG_OK)
        return cli_usage_error("%s", err); /* another start writes there: touch nothing */
    int code = o->resume ? 0 : refuse_used_dir(out);
    if (code == 0 && !o->resume)
        code = start_state_save(out, run_id, o);
    if (code == 0)
        code = start_execute(&r);
    bg_run_lock_release(lock);
    return code;
}

int cmd_start(int argc, char **argv) {
    start_opts o;
    int p = parse_opts(&o, argc, argv);
    if (p != 0)
        return p == -1 ? 0 : 2;
    setenv("BENCHGATE_SUITE", "1",
           1); /* its benches apply suite-wide axes they have (start_axes.c) */
    start_saved *saved = o.resume ? calloc(1, sizeof *saved) : NULL;
    if (o.resume && (saved == NULL || take_saved(&o, saved) != 0)) {
        free(saved);
        return BG_EXIT_USAGE;
    }
    if (start_shard_take(&o) != 0) {
        free(saved);
        return BG_EXIT_USAGE;
    }
    cli_bench *list = NULL;
    int n = cli_read_manifest(cli_build_dir(o.build_dir), &list);
    if (n < 0) {
        free(saved);
        return BG_EXIT_USAGE;
    }
    char run_id[64], out[CLI_PATH_MAX];
    if (saved)
        snprintf(run_id, sizeof run_id, "%s", saved->run_id);
    else
        cli_new_run_id(run_id, sizeof run_id);
    if (o.output_dir)
        snprintf(out, sizeof out, "%s", o.output_dir);
    else
        snprintf(out, sizeof out, "results/%s", run_id);
    start_settings checked; /* start's own settings (--notify-*, ...): refused now, not after */
    int *count = calloc((size_t)(n ? n : 1), sizeof *count);
    start_shard_out so = {calloc((size_t)(n ? n : 1), sizeof(char *)),
                          calloc((size_t)(n ? n : 1), sizeof(char *)), "", ""};
    int code = start_settings_load(&o, n > 0 ? &list[0] : NULL, &checked) != 0 ? 2
               : count && so.names && so.filters                               ? 0
                                                 : cli_usage_error("out of memory");
    snprintf(so.history, sizeof so.history, "%s", checked.history);
    if (code == 0)
        code = plan(list, count, n, &o, out, &so);
    if (code == 0 && !o.dry_run)
        code = execute(&o, list, count, n, out, run_id, &so);
    for (int i = 0; i < n && so.names && so.filters; i++)
        free(so.names[i]), free(so.filters[i]);
    free(so.names);
    free(so.filters);
    free(count);
    free(list);
    free(saved);
    return code;
}
