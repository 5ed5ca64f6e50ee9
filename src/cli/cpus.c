/* cpus.c - which CPUs benchgate may use, and pinning a process to one (benchgate ab --mode=duet
 * runs the two sides of a pair at once, one on each). */
#define _GNU_SOURCE
#include <errno.h>
#ifdef __linux__
#include <sched.h>
#endif

#include "cli.h"

int cli_usable_cpus(int *cpus, int want) {
    int found = 0;
#ifdef __linux__
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && found < want; cpu++)
        if (CPU_ISSET(cpu, &set))
            cpus[found++] = cpu;
#else
    (void)cpus, (void)want;
#endif
    return found;
}

int cli_pin_to_cpu(int cpu) {
#ifdef __linux__
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
#else
    (void)cpu;
    errno = ENOSYS;
    return -1;
#endif
}
