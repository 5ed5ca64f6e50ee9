/* fetch.c - the flag parser of `benchgate fetch` (src/cli/cmd_fetch.c), for fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_fetch.c"

int bg_fuzz_verb_fetch(int argc, char **argv);

int bg_fuzz_verb_fetch(int argc, char **argv) {
    fetch_args f;
    return parse_fetch(&f, argc, argv);
}
