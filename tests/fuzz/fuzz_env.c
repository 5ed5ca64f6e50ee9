/* fuzz_env.c - the run settings from the environment: each input line is one NAME=VALUE entry
 * of the environment a bench executable gets (BENCH_* settings, unknown BENCH_ names, lines
 * without '='), loaded as a run loads its settings (bg__settings_load: defaults, then the
 * environment). BENCH_CONFIG is left out (it names a file to read) and the working folder is an
 * empty temporary one (no ./bench.yaml). The BENCHGATE_* variables the library reads with
 * getenv and parses (BENCHGATE_MACHINE_CLASS, BENCHGATE_PROFILE, BENCH_DATASET_PATH) are set
 * with setenv, read through their functions, and unset again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/dataset.h"
#include "benchgate/system.h"
#include "common/common.h"
#include "config/config.h"
#include "system/system.h"
#include "fuzz_util.h"

#define MAX_VARS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const GETENV_NAMES[] = {"BENCHGATE_MACHINE_CLASS", "BENCHGATE_PROFILE",
                                           "BENCH_DATASET_PATH"};
#define GETENV_COUNT (sizeof GETENV_NAMES / sizeof GETENV_NAMES[0])

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    if (chdir(bg_fuzz_tmpdir("env")) != 0)
        abort();
    for (size_t i = 0; i < GETENV_COUNT; i++)
        unsetenv(GETENV_NAMES[i]);
    return 0;
}

/* The variables read with getenv: set from the lines, read, unset. */
static void getenv_readers(char **envp, int n) {
    int set = 0;
    for (int i = 0; i < n; i++)
        for (size_t k = 0; k < GETENV_COUNT; k++) {
            size_t len = strlen(GETENV_NAMES[k]);
            if (strncmp(envp[i], GETENV_NAMES[k], len) == 0 && envp[i][len] == '=')
                set |= setenv(GETENV_NAMES[k], envp[i] + len + 1, 1) == 0 ? 1 << k : 0;
        }
    char buf[BG__PATH_MAX];
    const char *v = getenv("BENCHGATE_MACHINE_CLASS");
    if (v && v[0]) { /* without it the class comes from the hardware (slow: nvidia-smi) */
        bg__machine_class(buf, sizeof buf, 0);
        if (strchr(buf, '/') || strchr(buf, '\n'))
            abort(); /* a machine class names baseline folders */
    }
    v = getenv("BENCHGATE_PROFILE");
    if (v && v[0])
        bg_profile_path(buf, sizeof buf);
    if (bg_dataset_default_root() == NULL)
        abort();
    for (size_t k = 0; k < GETENV_COUNT; k++)
        if (set & (1 << k))
            unsetenv(GETENV_NAMES[k]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = bg_fuzz_text(data, size), *envp[MAX_VARS + 1];
    if (text == NULL)
        return 0;
    int n = 0;
    for (char *save = NULL, *t = strtok_r(text, "\n", &save); t && n < MAX_VARS;
         t = strtok_r(NULL, "\n", &save))
        if (strncmp(t, "BENCH_CONFIG=", 13) != 0)
            envp[n++] = t;
    envp[n] = NULL;
    char *argv[] = {"bench", NULL};
    bg__settings st;
    bg__error err = {0};
    bg_fuzz_quiet(); /* unknown BENCH_ names are warned about on stderr */
    bg_err rc = bg__settings_load(&st, 1, argv, envp, &err);
    bg_fuzz_loud();
    if (rc != BG_OK && err.msg[0] == '\0')
        abort(); /* every failure names the problem */
    bg__settings_free(&st);
    getenv_readers(envp, n);
    free(text);
    return 0;
}
