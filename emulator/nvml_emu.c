/* nvml_emu.c - a stand-in for libnvidia-ml with the five calls the harness makes, for testing
 * throttle handling without a GPU (BENCHGATE_NVML_LIBRARY=.../libbg_nvml_emu.so). The SM clock
 * is 1980 MHz; with BG_NVML_EMU_THROTTLE_EVERY=K every K-th clock reading is throttled: 900 MHz
 * and the hardware-slowdown reason. */
#include <stdlib.h>

static unsigned long long readings;
static int throttled_now;

static int every(void) {
    const char *v = getenv("BG_NVML_EMU_THROTTLE_EVERY");
    return v ? atoi(v) : 0;
}

int nvmlInit_v2(void) {
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned index, void **device) {
    static int one_device;
    if (index != 0)
        return 2; /* NVML_ERROR_INVALID_ARGUMENT */
    *device = &one_device;
    return 0;
}

int nvmlDeviceGetClockInfo(void *device, int type, unsigned *mhz) {
    (void)device, (void)type;
    int k = every();
    throttled_now = k > 0 && ++readings % (unsigned long long)k == 0;
    *mhz = throttled_now ? 900 : 1980;
    return 0;
}

int nvmlDeviceGetMaxClockInfo(void *device, int type, unsigned *mhz) {
    (void)device, (void)type;
    *mhz = 1980;
    return 0;
}

int nvmlDeviceGetCurrentClocksEventReasons(void *device, unsigned long long *reasons) {
    (void)device;
    *reasons = throttled_now ? 0x8ULL : 0; /* HW slowdown */
    return 0;
}
