/* upload.c - the flag parser of `benchgate upload` (src/cli/cmd_upload.c), for fuzz_verb_flags.c.
 */
#include "../../../src/cli/cmd_upload.c"

int bg_fuzz_verb_upload(int argc, char **argv);

int bg_fuzz_verb_upload(int argc, char **argv) {
    upload_args a;
    return parse_upload(&a, argc, argv);
}
