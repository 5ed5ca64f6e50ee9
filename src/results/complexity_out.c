/* complexity_out.c - the families' complexity fits (measure/complexity.c) as result.json's
 * top-level "complexity" list, and their lines under the console table. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/common.h"
#include "measure/measure.h"
#include "results/results.h"

#define MAX_FITS 256

static cJSON *fit_json(const bg__fit *f) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "family", f->family);
    cJSON_AddStringToObject(o, "fit", bg__big_o_name(f->big_o));
    cJSON_AddNumberToObject(o, "coefficient", f->coefficient);
    cJSON_AddNumberToObject(o, "rms_pct", f->rms_pct);
    cJSON_AddStringToObject(o, "metric", f->metric);
    cJSON_AddNumberToObject(o, "points", (double)f->points);
    return o;
}

void bg__complexity_json(const bg__run *run, cJSON *root) {
    bg__fit *fits = calloc(MAX_FITS, sizeof *fits);
    size_t n = fits ? bg__complexity_fits(run, fits, MAX_FITS) : 0;
    cJSON *list = n ? cJSON_AddArrayToObject(root, "complexity") : NULL;
    for (size_t i = 0; i < n; i++) /* none: no family asked, or none had two points */
        cJSON_AddItemToArray(list, fit_json(&fits[i]));
    free(fits);
}

void bg__complexity_console(const bg__run *run, bg__strbuf *sb) {
    bg__fit *fits = calloc(MAX_FITS, sizeof *fits);
    size_t n = fits ? bg__complexity_fits(run, fits, MAX_FITS) : 0;
    for (size_t i = 0; i < n; i++) {
        const bg__fit *f = &fits[i];
        char coef[64];
        bg__figure_human(f->coefficient, f->metric[0] == 'i' ? "instr" : "ns", coef, sizeof coef);
        bg__sb_printf(sb, "%s%-32.64s %-9s %s x g(N), rms %.1f%% over %zu instances\n",
                      i == 0
                          ? f->metric[0] == 'i'
                                ? "\ncomplexity (the fit of instructions per iteration against N)\n"
                                : "\ncomplexity (the fit of time per iteration against N)\n"
                          : "",
                      f->family, bg__big_o_name(f->big_o), coef, f->rms_pct, f->points);
    }
    free(fits);
}
