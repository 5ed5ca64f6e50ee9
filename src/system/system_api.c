/* system_api.c - the public face of sysinfo.c and the GPU probe. */
#include <cjson/cJSON.h>

#include "benchgate/system.h"
#include "system/system.h"

int bg_gpu_count(void) {
    return bg__gpu_count();
}

const char *bg_gpu_reason(void) {
    return bg__gpu_reason();
}

char *bg_system_json(void) {
    cJSON *sys = bg__system_json(0);
    char *text = sys ? bg__json_print(sys, 1) : NULL;
    cJSON_Delete(sys);
    return text;
}

void bg_machine_class(int instruction_mode, char *buf, size_t size) {
    bg__machine_class(buf, size, instruction_mode);
}
