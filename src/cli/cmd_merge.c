/* cmd_merge.c - benchgate merge: one run directory of the shards of a run (benchgate start
 * --shard=K/N on N runners, or BENCH_SHARD=K/N ctest); the checks and the merge are
 * bg_shards_merge (src/results/shard_merge.c). */
#include <stdio.h>
#include <string.h>

#include "benchgate/results.h"
#include "cli.h"
#include "flags.h"

typedef struct merge_opts {
    const char *output_dir;
} merge_opts;

static const cli_flag_def merge_flags[] = {
    CLI_FLAG_OUTPUT_DIR(merge_opts, output_dir,
                        "the merged run directory (required; it must not hold a run)"),
};

const cli_verb_def cli_merge_verb = {
    "merge",
    "--output-dir=DIR RUN_DIR...",
    "Merges the run directories of the N shards of one run (benchgate start\n"
    "--shard=K/N on N runners) into one, as a single run would have written it:\n"
    "result.json (valid under the schema, without run.shard), result.csv,\n"
    "samples.csv, summary.md, run.log and parts/<bench>/. Shards that overlap,\n"
    "a missing shard (named), or shards of different commits, machine classes or\n"
    "splits are refused (exit 2) and nothing is written.",
    merge_flags,
    CLI_COUNT(merge_flags),
    1,
    -1,
    NULL};

/* "benchgate merge --output-dir=DIR A B ...", for run.command_line. */
static void command_line(const merge_opts *o, const cli_words *w, char *buf, size_t size) {
    size_t len = (size_t)snprintf(buf, size, "benchgate merge --output-dir=%s", o->output_dir);
    for (int i = 0; i < w->count && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, " %s", w->word[i]);
}

int cmd_merge(int argc, char **argv) {
    merge_opts o = {0};
    cli_words w;
    int p = cli_parse(&cli_merge_verb, argc, argv, &o, &w);
    if (p != 0)
        return p == 1 ? 0 : 2;
    if (o.output_dir == NULL || o.output_dir[0] == '\0')
        return cli_usage_error("merge: give --output-dir=DIR, the merged run directory");
    char cmd[8192], err[1024];
    command_line(&o, &w, cmd, sizeof cmd);
    if (bg_shards_merge((char *const *)w.word, w.count, o.output_dir, cmd, err, sizeof err) !=
        BG_OK)
        return cli_usage_error("merge: %s", err);
    printf("benchgate: merged %d shard(s) into %s\n", w.count, o.output_dir);
    return 0;
}
