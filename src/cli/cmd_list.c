/* cmd_list.c - benchgate list: the benchmarks of the build, or every instance. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_list(int argc, char **argv) {
    const char *build = NULL, *v = NULL;
    int instances = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_flag(argv[i], "build-dir", &v) && v)
            build = v;
        else if (cli_flag(argv[i], "instances", &v))
            instances = 1;
        else if (cli_flag(argv[i], "help", &v))
            return cli_help("usage: benchgate list [--build-dir=DIR] [--instances]\n"), 0;
        else
            return cli_usage_error("list: unknown argument '%s'", argv[i]);
    }
    cli_bench *list = NULL;
    int n = cli_read_manifest(cli_build_dir(build), &list);
    if (n < 0)
        return 2;
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
