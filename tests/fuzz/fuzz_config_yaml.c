/* fuzz_config_yaml.c - bench.yaml through libyaml and the settings validation. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    bg__settings st;
    bg__error err = {0};
    memset(&st, 0, sizeof st);
    bg__config_defaults(&st.global);
    if (bg__config_load_yaml_buffer(&st, data, size, "fuzz.yaml", &err) == BG_OK) {
        bg__config family;
        bg__settings_for_family(&st, "triad", &family, &err);
    } else if (err.msg[0] == '\0') {
        abort(); /* every failure names the problem */
    }
    bg__settings_free(&st);
    return 0;
}
