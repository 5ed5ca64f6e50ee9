/* datasets.c - the flag parser of `benchgate datasets` (src/cli/cmd_datasets.c), for
 * fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_datasets.c"

int bg_fuzz_verb_datasets(int argc, char **argv);

int bg_fuzz_verb_datasets(int argc, char **argv) {
    datasets_opts o;
    return parse_datasets(&o, argc, argv);
}
