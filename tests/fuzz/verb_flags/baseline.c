/* baseline.c - the flag parser of `benchgate baseline` (src/cli/cmd_baseline.c), for
 * fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_baseline.c"

int bg_fuzz_verb_baseline(int argc, char **argv);

int bg_fuzz_verb_baseline(int argc, char **argv) {
    baseline_opts o;
    return parse(&o, argc, argv);
}
