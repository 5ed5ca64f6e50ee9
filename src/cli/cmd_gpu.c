/* cmd_gpu.c - benchgate gpu: which GPUs the CUDA runtime finds, or why none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/system.h"
#include "cli.h"
#include "flags.h"

typedef struct gpu_opts {
    int json;
} gpu_opts;

static const cli_flag_def gpu_flags[] = {
    {"json", NULL, CLI_SWITCH, CLI_OFF(gpu_opts, json), 0, 0, NULL, NULL,
     "the system information as JSON (gpus, machine class, ...)", NULL},
};

const cli_verb_def cli_gpu_verb = {"gpu",
                                   "",
                                   "Prints the GPUs found and the machine class; exit 0 when a "
                                   "GPU is usable, 77 when none is.",
                                   gpu_flags,
                                   CLI_COUNT(gpu_flags),
                                   0,
                                   0,
                                   NULL};

int cmd_gpu(int argc, char **argv) {
    gpu_opts o = {0};
    int p = cli_parse(&cli_gpu_verb, argc, argv, &o, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    int json = o.json;
    char cls[256];
    bg_machine_class(0, cls, sizeof cls);
    char *sys = bg_system_json();
    if (json) {
        printf("%s\n", sys ? sys : "{}");
    } else if (bg_gpu_count() > 0) {
        printf("%d GPU(s) usable; machine class %s\n", bg_gpu_count(), cls);
        const char *gpus = sys ? strstr(sys, "\"gpus\"") : NULL;
        printf("%s\n", gpus ? gpus : "");
    } else {
        printf("no GPU: %s\nmachine class %s (GPU benchmarks are skipped with exit 77)\n",
               bg_gpu_reason(), cls);
    }
    free(sys);
    return bg_gpu_count() > 0 ? 0 : 77;
}
