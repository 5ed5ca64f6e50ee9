/* cmd_without.c - the verbs of an optional component this benchgate was built without
 * (-DBENCHGATE_HISTORY=OFF or -DBENCHGATE_NET=OFF): each one says so and exits 2. */
#include "cli.h"

/* @return 2, the message naming the verb, the component and the build option */
static int without(const char *verb, const char *component, const char *option) {
    return cli_usage_error("%s: this benchgate was built without benchgate::%s (-D%s=OFF); "
                           "build it with -D%s=ON for this verb",
                           verb, component, option, option);
}

/* The verb function FN of VERB, left out with COMPONENT (build option OPTION). */
#define BG_CLI_WITHOUT(fn, verb, component, option)                                                \
    int fn(int argc, char **argv) {                                                                \
        (void)argc, (void)argv;                                                                    \
        return without(verb, component, option);                                                   \
    }

#if !BG_CLI_HISTORY
BG_CLI_WITHOUT(cmd_history, "history", "history", "BENCHGATE_HISTORY")
BG_CLI_WITHOUT(cmd_changes, "changes", "history", "BENCHGATE_HISTORY")
BG_CLI_WITHOUT(cmd_publish, "publish", "history", "BENCHGATE_HISTORY")
#endif

#if !BG_CLI_NET
BG_CLI_WITHOUT(cmd_push, "push", "net", "BENCHGATE_NET")
BG_CLI_WITHOUT(cmd_notify, "notify", "net", "BENCHGATE_NET")
BG_CLI_WITHOUT(cmd_upload, "upload", "net", "BENCHGATE_NET")
BG_CLI_WITHOUT(cmd_fetch, "fetch", "net", "BENCHGATE_NET")
#endif
