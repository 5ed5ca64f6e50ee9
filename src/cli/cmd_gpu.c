/* cmd_gpu.c - benchgate gpu: which GPUs the CUDA runtime finds, or why none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/system.h"
#include "cli.h"

int cmd_gpu(int argc, char **argv) {
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (cli_flag(argv[i], "json", &v))
            json = 1;
        else if (cli_flag(argv[i], "help", &v))
            return cli_help("usage: benchgate gpu [--json]\n\nPrints the GPUs found and the "
                            "machine class; exit 0 when a GPU is usable, 77 when none is.\n"),
                   0;
        else
            return cli_usage_error("gpu: unknown argument '%s'", argv[i]);
    }
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
