/* fuzz_verb_flags.c - the benchgate command's own flag parsers, one per verb (src/cli/cmd_*.c:
 * static functions, reached through the small files in verb_flags/ that include their verb's
 * source). The input's first line names the verb, each further line is one argument. Only the
 * parsing runs, never the verb itself. The messages (usage errors on stderr, --help on stdout)
 * go to /dev/null. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int bg_fuzz_verb_history(int argc, char **argv);
int bg_fuzz_verb_export(int argc, char **argv);
int bg_fuzz_verb_report(int argc, char **argv);
int bg_fuzz_verb_verdicts(int argc, char **argv);
int bg_fuzz_verb_clean(int argc, char **argv);
int bg_fuzz_verb_compare(int argc, char **argv);
int bg_fuzz_verb_pause(int argc, char **argv);
int bg_fuzz_verb_verify(int argc, char **argv);
int bg_fuzz_verb_datasets(int argc, char **argv);
int bg_fuzz_verb_fetch(int argc, char **argv);
int bg_fuzz_verb_upload(int argc, char **argv);
int bg_fuzz_verb_baseline(int argc, char **argv);
int bg_fuzz_verb_summary(int argc, char **argv);
int bg_fuzz_verb_start(int argc, char **argv);

static const struct {
    const char *name;
    int (*parse)(int argc, char **argv);
} verbs[] = {
    {"history", bg_fuzz_verb_history},   {"export", bg_fuzz_verb_export},
    {"report", bg_fuzz_verb_report},     {"verdicts", bg_fuzz_verb_verdicts},
    {"clean", bg_fuzz_verb_clean},       {"compare", bg_fuzz_verb_compare},
    {"pause", bg_fuzz_verb_pause},       {"verify", bg_fuzz_verb_verify},
    {"datasets", bg_fuzz_verb_datasets}, {"fetch", bg_fuzz_verb_fetch},
    {"upload", bg_fuzz_verb_upload},     {"baseline", bg_fuzz_verb_baseline},
    {"summary", bg_fuzz_verb_summary},   {"start", bg_fuzz_verb_start},
    {"resume", bg_fuzz_verb_pause},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = bg_fuzz_text(data, size), *args[MAX_ARGS + 1];
    if (text == NULL)
        return 0;
    int argc = 0;
    for (char *save = NULL, *t = strtok_r(text, "\n", &save); t && argc < MAX_ARGS;
         t = strtok_r(NULL, "\n", &save))
        args[argc++] = t;
    args[argc] = NULL;
    for (size_t i = 0; argc > 0 && i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(args[0], verbs[i].name) == 0) {
            bg_fuzz_quiet();
            verbs[i].parse(argc, args);
            bg_fuzz_loud();
            break;
        }
    free(text);
    return 0;
}
