/* roofline.c - each rate against the ceiling that bounds it: bandwidth against the memory level
 * (L1, L2, L3, DRAM) the benchmark's working set fits in, arithmetic against the peak rate. A
 * share above 100% means the ceiling is not this kernel's bound: it is never reported as ok. */
#include <stdio.h>
#include <string.h>

#include "measure/measure.h"

static const char *const LEVELS[] = {"L1", "L2", "L3", "DRAM"};
static const int CPU_LEVEL_CEILING[] = {BG__CEIL_CPU_BW_L1, BG__CEIL_CPU_BW_L2, BG__CEIL_CPU_BW_L3,
                                        BG__CEIL_CPU_BW};

static double working_set(const bg__instance *in) {
    if (in->working_set_bytes > 0)
        return in->working_set_bytes;
    if (in->alloc_mb > 0)
        return in->alloc_mb * 1048576.0;
    return in->bytes_per_iter;
}

/* The first cache level of one core that holds `bytes`; 3 (DRAM) when none does. */
static int level_of(const bg__run *run, double bytes) {
    for (int l = 0; l < 3; l++)
        if (run->profile.cache_bytes[l] > 0 && bytes <= run->profile.cache_bytes[l])
            return l;
    return 3;
}

static int has_rate(bg__metric_out *m, const bg__metric_out *rate) {
    if (!rate->has_value)
        bg__metric_unavailable(m, "skipped", "no rate to compare (bytes or FLOPs per iteration)");
    return rate->has_value;
}

/* The share of ceiling `c`, or the reason there is none. */
static void place(const bg__run *run, bg__metric_out *m, const bg__metric_out *rate, int c) {
    char why[sizeof m->message];
    m->ceiling_name = bg__ceiling_names[c];
    m->ceiling_value = run->profile.ceiling[c];
    if (!(run->profile.ceiling[c] > 0)) {
        snprintf(why, sizeof why,
                 "no %s ceiling in the machine profile %.300s (run benchgate calibrate)",
                 bg__ceiling_names[c], run->profile.path);
        m->ceiling_name = NULL;
        bg__metric_unavailable(m, "skipped", why);
        return;
    }
    double pct = 100.0 * rate->value / run->profile.ceiling[c];
    if (pct > 100.0) {
        snprintf(why, sizeof why,
                 "%.0f%% of the %s ceiling %s: above 100%%, so that ceiling does not bound this "
                 "kernel (re-run benchgate calibrate, or declare the working set with "
                 "bg_set_working_set)",
                 pct, m->level ? m->level : "peak", bg__ceiling_names[c]);
        bg__metric_unavailable(m, "skipped", why);
        return;
    }
    m->has_value = 1;
    m->value = pct;
}

void bg__roofline_bandwidth(const bg__run *run, const bg__instance *in, bg__metric_out *m,
                            const bg__metric_out *rate) {
    if (!has_rate(m, rate))
        return;
    m->working_set = working_set(in);
    if (strcmp(in->device, "cuda") == 0) { /* only device memory is calibrated on the GPU */
        m->level = "DRAM";
        place(run, m, rate, BG__CEIL_GPU_BW);
        return;
    }
    int l = level_of(run, m->working_set);
    m->level = LEVELS[l];
    place(run, m, rate, CPU_LEVEL_CEILING[l]);
}

void bg__roofline_flops(const bg__run *run, const bg__instance *in, bg__metric_out *m,
                        const bg__metric_out *rate) {
    if (!has_rate(m, rate))
        return;
    place(run, m, rate, strcmp(in->device, "cuda") == 0 ? BG__CEIL_GPU_FLOPS : BG__CEIL_CPU_FLOPS);
}
