/* verdicts.c - the flag parser of `benchgate verdicts` (src/cli/cmd_verdicts.c), for
 * fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_verdicts.c"

int bg_fuzz_verb_verdicts(int argc, char **argv);

int bg_fuzz_verb_verdicts(int argc, char **argv) {
    verdicts_opts o;
    return parse(&o, argc, argv);
}
