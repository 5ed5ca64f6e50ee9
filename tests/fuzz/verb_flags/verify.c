/* verify.c - the flag parser of `benchgate verify` (src/cli/cmd_verify.c), for fuzz_verb_flags.c.
 */
#include "../../../src/cli/cmd_verify.c"

int bg_fuzz_verb_verify(int argc, char **argv);

int bg_fuzz_verb_verify(int argc, char **argv) {
    verify_opts o;
    return parse_verify(&o, argc, argv);
}
