/* complexity.c - the asymptotic complexity of a family (.complexity, bg_set_complexity_n), as
 * Google Benchmark's ComputeBigO: for each candidate curve g, the least-squares coefficient
 * of time = c * g(N) through the origin, and the RMS of the residuals relative to the mean
 * time; "auto" keeps the candidate with the lowest RMS. The figure fitted is the primary one of
 * the run (time, CPU time or instructions per iteration: the median of each instance). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/measure.h"

/* In order of growth: the gate calls a later class worse. */
static const struct {
    const char *word; /* .complexity's spelling */
    const char *name; /* the fit's, in result.json and on the console */
} big_o_names[BG__BIG_O_COUNT] = {
    {"1", "O(1)"},         {"logn", "O(logN)"}, {"n", "O(N)"},
    {"nlogn", "O(NlogN)"}, {"n2", "O(N^2)"},    {"n3", "O(N^3)"},
};

int bg__big_o_parse(const char *word) {
    if (strcmp(word, "auto") == 0)
        return BG__BIG_O_AUTO;
    for (int i = 0; i < BG__BIG_O_COUNT; i++)
        if (strcmp(word, big_o_names[i].word) == 0)
            return i;
    return -1;
}

const char *bg__big_o_name(int big_o) {
    return big_o >= 0 && big_o < BG__BIG_O_COUNT ? big_o_names[big_o].name : "?";
}

int bg__big_o_rank(const char *fit) {
    for (int i = 0; i < BG__BIG_O_COUNT; i++)
        if (strcmp(fit, big_o_names[i].name) == 0)
            return i;
    return -1;
}

static double curve(int big_o, double n) {
    switch (big_o) {
    case BG__BIG_O_1:
        return 1.0;
    case BG__BIG_O_LOGN:
        return log2(n);
    case BG__BIG_O_N:
        return n;
    case BG__BIG_O_NLOGN:
        return n * log2(n);
    case BG__BIG_O_N2:
        return n * n;
    default:
        return n * n * n;
    }
}

int bg__fit_curve(const double *n, const double *t, size_t count, int big_o, bg__fit *out) {
    double gg = 0, tg = 0, sum_t = 0;
    for (size_t i = 0; i < count; i++) {
        double g = curve(big_o, n[i]);
        gg += g * g;
        tg += t[i] * g;
        sum_t += t[i];
    }
    if (count < 2 || !(gg > 0) || !(sum_t > 0))
        return -1;
    double coef = tg / gg, ss = 0;
    for (size_t i = 0; i < count; i++) {
        double r = t[i] - coef * curve(big_o, n[i]);
        ss += r * r;
    }
    out->big_o = big_o;
    out->coefficient = coef;
    out->rms_pct = 100.0 * sqrt(ss / (double)count) / (sum_t / (double)count);
    out->points = count;
    return 0;
}

int bg__fit_best(const double *n, const double *t, size_t count, int wanted, bg__fit *out) {
    if (wanted != BG__BIG_O_AUTO)
        return bg__fit_curve(n, t, count, wanted, out);
    int found = -1;
    for (int big_o = 0; big_o < BG__BIG_O_COUNT; big_o++) {
        bg__fit f;
        if (bg__fit_curve(n, t, count, big_o, &f) == 0 && (found != 0 || f.rms_pct < out->rms_pct))
            *out = f, found = 0;
    }
    return found;
}

/* The median of the run's primary figure over in's samples, or NAN. */
static double primary_median(const bg__instance *in, bg__measure mode) {
    double *v = malloc((in->sample_count ? in->sample_count : 1) * sizeof *v);
    if (v == NULL)
        return NAN;
    for (size_t i = 0; i < in->sample_count; i++)
        v[i] = mode == BG__MEASURE_INSTRUCTIONS ? in->samples[i].instructions
               : mode == BG__MEASURE_CPU        ? in->samples[i].cpu_ns
                                                : in->samples[i].time_ns;
    bg__sort_doubles(v, in->sample_count);
    double m = in->sample_count ? bg__quantile_sorted(v, in->sample_count, 0.5) : NAN;
    free(v);
    return m;
}

static const char *primary_metric(bg__measure mode) {
    return mode == BG__MEASURE_INSTRUCTIONS ? "instructions"
           : mode == BG__MEASURE_CPU        ? "cpu_time_ns"
                                            : "time_ns";
}

/* The fit of the family of in (the instances from `first` on that share its definition and
 * ran ok with an N). @return 0, or -1 when fewer than two points */
static int fit_family(const bg__run *run, size_t first, int wanted, bg__fit *out) {
    const bg_benchmark_def *def = run->inst[first].def;
    double *n = malloc(run->inst_count * sizeof *n), *t = malloc(run->inst_count * sizeof *t);
    size_t k = 0;
    bg__measure mode = run->settings.global.measure;
    for (size_t i = first; n && t && i < run->inst_count; i++) {
        const bg__instance *in = &run->inst[i];
        double m = in->def == def && in->status == BG__STATUS_OK && in->complexity_n > 0
                       ? primary_median(in, mode)
                       : NAN;
        if (m > 0)
            n[k] = in->complexity_n, t[k++] = m;
    }
    int rc = n && t ? bg__fit_best(n, t, k, wanted, out) : -1;
    free(n);
    free(t);
    if (rc == 0) {
        snprintf(out->family, sizeof out->family, "%s", def->name);
        out->metric = primary_metric(mode);
    }
    return rc;
}

/* 1 when an instance before i has the same definition (its family was fitted already). */
static int seen_before(const bg__run *run, size_t i) {
    for (size_t j = 0; j < i; j++)
        if (run->inst[j].def == run->inst[i].def)
            return 1;
    return 0;
}

size_t bg__complexity_fits(const bg__run *run, bg__fit *out, size_t max) {
    size_t k = 0;
    for (size_t i = 0; i < run->inst_count && k < max; i++) {
        const char *word = run->inst[i].def->complexity;
        int wanted = word ? bg__big_o_parse(word) : -1;
        if (wanted >= 0 && !seen_before(run, i) && fit_family(run, i, wanted, &out[k]) == 0)
            k++;
    }
    return k;
}

bg_err bg__check_complexity_defs(bg__error *err) {
    size_t n;
    const bg_benchmark_def *const *defs = bg__registered(&n);
    for (size_t f = 0; f < n; f++) {
        const char *word = defs[f]->complexity;
        BG_RETURN_IF(word && bg__big_o_parse(word) < 0, err, BG_EUSAGE,
                     "benchmark %s: .complexity = \"%.40s\" is not auto, 1, logn, n, nlogn, n2 "
                     "or n3",
                     defs[f]->name, word);
    }
    return BG_OK;
}

void bg_set_complexity_n(bg_state *s, int64_t n) {
    s->inst->complexity_n = (double)n;
}
