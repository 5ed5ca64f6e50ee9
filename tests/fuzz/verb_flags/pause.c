/* pause.c - the flag parser of `benchgate pause` (src/cli/cmd_pause.c), for fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_pause.c"

int bg_fuzz_verb_pause(int argc, char **argv);

int bg_fuzz_verb_pause(int argc, char **argv) {
    pause_opts o;
    return parse_pause(argc, argv, &o); /* argv[0] "pause" or "resume" */
}
