/* cmd_without.c - the verbs of an optional component this benchgate was built without
 * (-DBENCHGATE_HISTORY=OFF or -DBENCHGATE_NET=OFF): each one says so and exits 2. */
#include "cli.h"

/* @return 2, the message naming the verb, the component and the build option */
static int without(const char *verb, const char *component, const char *option) {
    return cli_usage_error("%s: this benchgate was built without benchgate::%s (-D%s=OFF); "
                           "build it with -D%s=ON for this verb",
                           verb, component, option, option);
}

#if !BG_CLI_HISTORY
int cmd_history(int argc, char **argv) {
    (void)argc, (void)argv;
    return without("history", "history", "BENCHGATE_HISTORY");
}
#endif

#if !BG_CLI_NET
int cmd_push(int argc, char **argv) {
    (void)argc, (void)argv;
    return without("push", "net", "BENCHGATE_NET");
}

int cmd_notify(int argc, char **argv) {
    (void)argc, (void)argv;
    return without("notify", "net", "BENCHGATE_NET");
}

int cmd_upload(int argc, char **argv) {
    (void)argc, (void)argv;
    return without("upload", "net", "BENCHGATE_NET");
}

int cmd_fetch(int argc, char **argv) {
    (void)argc, (void)argv;
    return without("fetch", "net", "BENCHGATE_NET");
}
#endif
