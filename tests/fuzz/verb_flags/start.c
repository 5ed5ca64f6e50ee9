/* start.c - the flag parser of `benchgate start` (src/cli/cmd_start.c), for fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_start.c"

int bg_fuzz_verb_start(int argc, char **argv);

int bg_fuzz_verb_start(int argc, char **argv) {
    start_opts o;
    int rc = parse_opts(&o, argc, argv);
    if (rc == 0) { /* the suite-wide axis settings of the flags */
        static start_axes a;
        start_axes_collect(&o, &a);
        if (a.count < 0 || a.count > START_MAX_AXES)
            abort();
    }
    return rc;
}
