/* report.c - the flag parser of `benchgate report` (src/cli/cmd_report.c), for fuzz_verb_flags.c.
 */
#include "../../../src/cli/cmd_report.c"

int bg_fuzz_verb_report(int argc, char **argv);

int bg_fuzz_verb_report(int argc, char **argv) {
    report_opts o;
    return parse_report(&o, argc, argv);
}
