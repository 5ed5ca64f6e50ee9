/* clean.c - the flag parser of `benchgate clean` (src/cli/cmd_clean.c), for fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_clean.c"

int bg_fuzz_verb_clean(int argc, char **argv);

int bg_fuzz_verb_clean(int argc, char **argv) {
    clean_opts o;
    return parse_clean(argc, argv, &o);
}
