/* summary.c - the flag parser of `benchgate summary` (src/cli/cmd_summary.c), for
 * fuzz_verb_flags.c. */
#include "../../../src/cli/cmd_summary.c"

int bg_fuzz_verb_summary(int argc, char **argv);

int bg_fuzz_verb_summary(int argc, char **argv) {
    const char *format = NULL, **runs = calloc((size_t)argc + 1, sizeof *runs);
    size_t count = 0;
    db_opts d = {0, 0, NULL, NULL};
    if (runs == NULL)
        return 3;
    int rc = parse_summary(argc, argv, &format, runs, &count, &d);
    if (count > (size_t)argc)
        abort(); /* more runs than arguments */
    free(runs);
    return rc;
}
