/* export.c - the flag parser of `benchgate export` (src/cli/cmd_export.c), for fuzz_verb_flags.c.
 */
#include "../../../src/cli/cmd_export.c"

int bg_fuzz_verb_export(int argc, char **argv);

int bg_fuzz_verb_export(int argc, char **argv) {
    export_opts o;
    return parse_export(&o, argc, argv);
}
