/* compare.c - the flag parser of `benchgate compare` (src/cli/cmd_compare.c), for
 * fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_compare.c"

int bg_fuzz_verb_compare(int argc, char **argv);

int bg_fuzz_verb_compare(int argc, char **argv) {
    compare_opts o;
    return parse(&o, argc, argv);
}
