/* cmd_list.c - benchgate list: the benchmarks of the build, or every instance. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "flags.h"

typedef struct list_opts {
    const char *build_dir;
    int instances;
} list_opts;

static const cli_flag_def list_flags[] = {
    CLI_FLAG_BUILD_DIR(list_opts, build_dir),
    {"instances", NULL, CLI_SWITCH, CLI_OFF(list_opts, instances), 0, 0, NULL, NULL,
     "also every instance of each (its --list)", NULL},
};

const cli_verb_def cli_list_verb = {"list",
                                    "",
                                    "Lists the bench executables of the build tree's manifest, "
                                    "one a line: name and\nexecutable.",
                                    list_flags,
                                    CLI_COUNT(list_flags),
                                    0,
                                    0,
                                    NULL};

int cmd_list(int argc, char **argv) {
    list_opts o = {0};
    int p = cli_parse(&cli_list_verb, argc, argv, &o, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    const char *build = o.build_dir;
    int instances = o.instances;
    cli_bench *list = NULL;
    int n = cli_read_manifest(cli_build_dir(build), &list);
    if (n < 0)
        return BG_EXIT_USAGE;
    int code = 0;
    for (int i = 0; i < n; i++) {
        printf("%s\t%s\n", list[i].name, list[i].exe);
        if (instances) {
            char *args[] = {list[i].exe, "--list", NULL};
            int rc = cli_spawn(args, NULL);
            code = rc != 0 ? 3 : code;
        }
    }
    free(list);
    if (fflush(stdout) != 0 || ferror(stdout))
        return cli_usage_error("list: cannot write the list (stdout)");
    return code;
}
