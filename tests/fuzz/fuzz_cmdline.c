/* fuzz_cmdline.c - the run flags: the input's lines are the arguments. --config is left out (it
 * names a file to read) and the working folder is an empty temporary one (no ./bench.yaml), removed
 * at exit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "config/config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    if (chdir(bg_fuzz_tmpdir("cmdline")) != 0) /* removed at exit */
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1), *args[65] = {"bench"};
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    int argc = 1;
    for (char *save = NULL, *t = strtok_r(text, "\n", &save); t && argc < 64;
         t = strtok_r(NULL, "\n", &save))
        if (strncmp(t, "--config", 8) != 0)
            args[argc++] = t;
    args[argc] = NULL;
    char *envp[] = {NULL};
    bg__settings st;
    bg__error err = {0};
    if (bg__settings_load(&st, argc, args, envp, &err) != BG_OK && err.msg[0] == '\0')
        abort(); /* every failure names the problem */
    bg__settings_free(&st);
    free(text);
    return 0;
}
