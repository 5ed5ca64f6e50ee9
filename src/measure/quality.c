/* quality.c - how far an instance's time figures can be trusted: the noise target missed, a
 * high coefficient of variation, many outliers. Each becomes a warning in result.json
 * ("warnings") and on the console at the end of the run (nvbench warns the same way). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "measure/measure.h"

#define HIGH_CV 0.10       /* stddev / mean */
#define MANY_OUTLIERS 0.05 /* share of the samples outside Tukey's fences */

/* The spread of the instance's time per iteration (its time_ns samples). @return 0 or -1 */
static int time_spread(const bg__instance *in, bg__summary *st) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    for (size_t i = 0; v && i < in->sample_count; i++)
        v[i] = in->samples[i].time_ns;
    int rc = v ? bg__spread(v, in->sample_count, st) : -1;
    free(v);
    return rc;
}

size_t bg__quality_warnings(const bg__instance *in, char (*out)[BG__WARNING_LEN], size_t max) {
    size_t n = 0;
    bg__summary spread;
    if (in->status != BG__STATUS_OK || in->cfg->measure == BG__MEASURE_INSTRUCTIONS ||
        time_spread(in, &spread) != 0)
        return 0;
    if (n < max && in->reps_done > 0 && in->noise_met < in->reps_done)
        snprintf(out[n++], BG__WARNING_LEN,
                 "noise target %g%% missed in %d of %d repetition(s): the median is less sure "
                 "than asked (raise --max-time, or quiet the machine)",
                 in->cfg->max_noise, in->reps_done - in->noise_met, in->reps_done);
    const bg__summary *st = &spread;
    if (n < max && st->cv > HIGH_CV)
        snprintf(out[n++], BG__WARNING_LEN,
                 "high variation: CV %.1f%% over %zu samples (a noisy machine, or work that "
                 "changes from sample to sample)",
                 100 * st->cv, st->n);
    if (n < max && st->n >= 20 && (double)st->outliers > MANY_OUTLIERS * (double)st->n)
        snprintf(out[n++], BG__WARNING_LEN, "%zu of %zu samples are outliers (Tukey's fences)",
                 st->outliers, st->n);
    return n;
}

void bg__report_quality(bg__run *run) {
    char warnings[3][BG__WARNING_LEN];
    for (size_t i = 0; i < run->inst_count; i++) {
        size_t k = bg__quality_warnings(&run->inst[i], warnings, 3);
        for (size_t w = 0; w < k; w++)
            bg__log(run, "%s: warning: %s: %s", run->program, run->inst[i].name, warnings[w]);
    }
}
