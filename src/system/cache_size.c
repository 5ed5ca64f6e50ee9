/* cache_size.c - the data caches of one core, for the roofline's memory levels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/system.h"

/* One line of a sysfs cache file, or "" when it cannot be read. */
static void read_line(const char *path, char *buf, size_t size) {
    FILE *f = fopen(path, "r");
    buf[0] = '\0';
    if (f && fgets(buf, (int)size, f))
        buf[strcspn(buf, "\n")] = '\0';
    if (f)
        fclose(f);
}

/* "32K", "1024K", "32M" in bytes; 0 when it is none of these. */
static size_t parse_size(const char *text) {
    char *end = NULL;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text)
        return 0;
    size_t scale = *end == 'K' ? 1024 : *end == 'M' ? 1024 * 1024 : *end == '\0' ? 1 : 0;
    return (size_t)v * scale;
}

static size_t sysfs_cache_size(int level) {
    char path[128], text[64];
    for (int index = 0; index < 16; index++) {
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", index);
        read_line(path, text, sizeof text);
        if (text[0] == '\0')
            return 0;
        if (atoi(text) != level)
            continue;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/type", index);
        read_line(path, text, sizeof text);
        if (strcmp(text, "Instruction") == 0)
            continue;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", index);
        read_line(path, text, sizeof text);
        return parse_size(text);
    }
    return 0;
}

size_t bg_cache_size(int level) {
    if (level < 1 || level > 3)
        return 0;
    size_t bytes = sysfs_cache_size(level);
#if defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE) &&                           \
    defined(_SC_LEVEL3_CACHE_SIZE)
    if (bytes == 0) {
        static const int names[] = {_SC_LEVEL1_DCACHE_SIZE, _SC_LEVEL2_CACHE_SIZE,
                                    _SC_LEVEL3_CACHE_SIZE};
        long v = sysconf(names[level - 1]);
        bytes = v > 0 ? (size_t)v : 0;
    }
#endif
    return bytes;
}
