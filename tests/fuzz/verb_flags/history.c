/* history.c - the flag parser of `benchgate history` (src/cli/cmd_history.c), for
 * fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_history.c"

int bg_fuzz_verb_history(int argc, char **argv);

int bg_fuzz_verb_history(int argc, char **argv) {
    history_opts o;
    return parse_history(argc, argv, &o);
}
