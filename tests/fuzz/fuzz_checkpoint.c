/* fuzz_checkpoint.c - checkpoint.jsonl as --resume reads it back (bg__checkpoint_load): the
 * header's schema and identity check, then each entry's instance state and its done slots. The run
 * has two instances and three repetitions; "@ID@" in the input is replaced by the run's identity (a
 * SHA-256 no fuzzer would guess), so the restore paths are reached, not only the refusal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "longrun/longrun.h"
#include "fuzz_util.h"

#define INSTANCES 2
#define REPS 3

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static bg__run run;
static bg__longrun lr;
static bg__instance inst[INSTANCES];
static unsigned char done[INSTANCES * REPS];
static char identity[65], path[BG__PATH_MAX + 32];

/* Back to instances that never ran, as the runner makes them. */
static void reset(void) {
    for (int i = 0; i < INSTANCES; i++) {
        free(inst[i].samples);
        const bg__config *cfg = inst[i].cfg;
        memset(&inst[i], 0, sizeof inst[i]);
        inst[i].cfg = cfg;
        snprintf(inst[i].name, sizeof inst[i].name, "fuzz/cpu/n=%d", 1 << (10 * i));
        snprintf(inst[i].device, sizeof inst[i].device, "cpu");
        inst[i].peak_rss_mb = inst[i].process_peak_rss_mb = -1;
    }
    memset(done, 0, sizeof done);
}

static void release(void) {
    for (int i = 0; i < INSTANCES; i++)
        free(inst[i].samples), inst[i].samples = NULL;
    bg__settings_free(&run.settings);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    const char *dir = bg_fuzz_tmpdir("checkpoint");
    char *args[] = {"bench", NULL}, *envp[] = {NULL};
    bg__error err = {0};
    if (chdir(dir) != 0 || bg__settings_load(&run.settings, 1, args, envp, &err) != BG_OK)
        abort();
    snprintf(run.out_dir, sizeof run.out_dir, "%s", dir);
    snprintf(run.program, sizeof run.program, "fuzz_checkpoint");
    snprintf(run.run_id, sizeof run.run_id, "20261202-000000-1");
    snprintf(run.timestamp, sizeof run.timestamp, "2026-12-02T00:00:00Z");
    snprintf(lr.log_path, sizeof lr.log_path, "%s/run.log", dir);
    lr.log_max_bytes = 65536, lr.log_backups = 1;
    lr.done = done, lr.reps_cap = REPS;
    run.lr = &lr, run.inst = inst, run.inst_count = INSTANCES;
    for (int i = 0; i < INSTANCES; i++)
        inst[i].cfg = &run.settings.global;
    reset();
    atexit(release);
    /* the identity as checkpoint.c computes it ... */
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "%s\n", bg__binary_sha(&run));
    for (int i = 0; i < INSTANCES; i++) {
        bg__sb_printf(&sb, "%s\n", inst[i].name);
        bg__measure_settings(inst[i].cfg, &sb);
        bg__sb_printf(&sb, "\n");
    }
    bg__sha256_text(sb.data ? sb.data : "", sb.len, identity);
    bg__sb_free(&sb);
    /* ... checked: a checkpoint written by the library must be read back with its slot */
    snprintf(path, sizeof path, "%s/" BG__CHECKPOINT_FILE, dir);
    if (bg__checkpoint_open(&run, &err) != BG_OK)
        abort();
    done[REPS + 1] = 1;
    if (bg__checkpoint_append(&run, 1, 1, &err) != BG_OK)
        abort();
    bg__checkpoint_close(&run);
    reset();
    char *text = bg__read_text(path, &err);
    if (text == NULL || strstr(text, identity) == NULL || bg__checkpoint_load(&run) != 1 ||
        done[REPS + 1] != 1)
        abort(); /* the identity here no longer matches checkpoint.c's */
    free(text);
    reset();
    unlink(path);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (run.lr == NULL) /* replay without LLVMFuzzerInitialize */
        return 0;
    char *text = bg_fuzz_text(data, size);
    if (text == NULL)
        return 0;
    bg__strbuf sb = {0};
    const char *p = text;
    for (const char *at; (at = strstr(p, "@ID@")) != NULL; p = at + 4)
        bg__sb_printf(&sb, "%.*s%s", (int)(at - p), p, identity);
    bg__sb_printf(&sb, "%s", p);
    free(text);
    if (sb.failed || bg_fuzz_write(path, (const uint8_t *)(sb.data ? sb.data : ""), sb.len) != 0) {
        bg__sb_free(&sb);
        return 0;
    }
    bg__sb_free(&sb);
    bg_fuzz_quiet();
    size_t n = bg__checkpoint_load(&run);
    bg_fuzz_loud();
    if (n > INSTANCES * REPS)
        abort(); /* more slots done than the run has */
    for (int i = 0; i < INSTANCES; i++)
        if (inst[i].sample_count > 0 && inst[i].samples == NULL)
            abort();
    reset();
    unlink(path);
    return 0;
}
