/* mlp.c - the digits MLP: weights I/O, forward pass, predictions, and the CSV loader. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlp.h"

static const char MAGIC[8] = {'B', 'G', 'M', 'L', 'P', '1', 0, 0};

int mlp_alloc(mlp_model *m, int hidden) {
    memset(m, 0, sizeof *m);
    m->hidden = hidden;
    m->w1 = calloc((size_t)hidden * MLP_IN, sizeof(float));
    m->b1 = calloc((size_t)hidden, sizeof(float));
    m->w2 = calloc((size_t)MLP_OUT * hidden, sizeof(float));
    m->b2 = calloc(MLP_OUT, sizeof(float));
    if (m->w1 && m->b1 && m->w2 && m->b2)
        return 0;
    mlp_free(m);
    return -1;
}

void mlp_free(mlp_model *m) {
    free(m->w1);
    free(m->b1);
    free(m->w2);
    free(m->b2);
    memset(m, 0, sizeof *m);
}

static size_t counts(const mlp_model *m, size_t sizes[4]) {
    sizes[0] = (size_t)m->hidden * MLP_IN;
    sizes[1] = (size_t)m->hidden;
    sizes[2] = (size_t)MLP_OUT * m->hidden;
    sizes[3] = MLP_OUT;
    return 4;
}

int mlp_save(const char *path, const mlp_model *m) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    uint32_t dims[3] = {MLP_IN, (uint32_t)m->hidden, MLP_OUT};
    size_t sizes[4];
    float *parts[4] = {m->w1, m->b1, m->w2, m->b2};
    int ok = fwrite(MAGIC, 1, 8, f) == 8 && fwrite(dims, 4, 3, f) == 3;
    for (size_t i = 0; ok && i < counts(m, sizes); i++)
        ok = fwrite(parts[i], sizeof(float), sizes[i], f) == sizes[i];
    return fclose(f) == 0 && ok ? 0 : -1;
}

int mlp_load(const char *path, mlp_model *m, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    char magic[8];
    uint32_t dims[3];
    if (f == NULL)
        return snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno)), -1;
    int ok = fread(magic, 1, 8, f) == 8 && memcmp(magic, MAGIC, 8) == 0 &&
             fread(dims, 4, 3, f) == 3 && dims[0] == MLP_IN && dims[2] == MLP_OUT && dims[1] > 0 &&
             dims[1] <= 4096 && mlp_alloc(m, (int)dims[1]) == 0;
    size_t sizes[4];
    for (size_t i = 0; ok && i < counts(m, sizes); i++) {
        float *parts[4] = {m->w1, m->b1, m->w2, m->b2};
        ok = fread(parts[i], sizeof(float), sizes[i], f) == sizes[i];
    }
    ok = ok && fgetc(f) == EOF;
    fclose(f);
    if (!ok) {
        mlp_free(m);
        snprintf(err, errlen, "%s: not a 64-H-10 BGMLP1 weights file (bad header or size)", path);
        return -1;
    }
    return 0;
}

/* One dense layer: out[r][o] = act(b[o] + sum_i w[o][i] in[r][i]). */
static void dense(const float *in, size_t rows, int n_in, const float *w, const float *b, int n_out,
                  int relu, float *out) {
    for (size_t r = 0; r < rows; r++) {
        const float *x = in + r * (size_t)n_in;
        for (int o = 0; o < n_out; o++) {
            const float *wo = w + (size_t)o * n_in;
            float acc = b[o];
            for (int i = 0; i < n_in; i++)
                acc += wo[i] * x[i];
            out[r * (size_t)n_out + o] = relu && acc < 0 ? 0 : acc;
        }
    }
}

void mlp_forward(const mlp_model *m, const float *x, size_t batch, float *scratch, float *logits) {
    dense(x, batch, MLP_IN, m->w1, m->b1, m->hidden, 1, scratch);
    dense(scratch, batch, m->hidden, m->w2, m->b2, MLP_OUT, 0, logits);
}

void mlp_predict(const float *logits, size_t batch, int *labels) {
    for (size_t r = 0; r < batch; r++) {
        int best = 0;
        for (int o = 1; o < MLP_OUT; o++)
            if (logits[r * MLP_OUT + o] > logits[r * MLP_OUT + best])
                best = o;
        labels[r] = best;
    }
}

/* Parses one line "p0,...,p63,label"; @return 0 or -1. */
static int parse_row(char *line, float *x, int *y) {
    char *p = line;
    for (int i = 0; i <= MLP_IN; i++) {
        char *end = NULL;
        long v = strtol(p, &end, 10);
        int last = i == MLP_IN;
        if (end == p || v < 0 || v > (last ? 9 : 16) || *end != (last ? *end : ','))
            return -1;
        if (last && *end != '\0' && *end != '\n' && *end != '\r')
            return -1;
        if (last)
            *y = (int)v;
        else
            x[i] = (float)v / 16.0f;
        p = end + 1;
    }
    return 0;
}

int digits_load(const char *path, float **x, int **y, size_t *count, char *err, size_t errlen) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno)), -1;
    size_t n = 0, cap = 0;
    float *xs = NULL;
    int *ys = NULL, bad = 0;
    char line[1024];
    while (!bad && fgets(line, sizeof line, f)) {
        if (n == cap) {
            cap = cap ? 2 * cap : 512;
            float *gx = realloc(xs, cap * MLP_IN * sizeof *gx);
            int *gy = realloc(ys, cap * sizeof *gy);
            xs = gx ? gx : xs;
            ys = gy ? gy : ys;
            bad = gx == NULL || gy == NULL;
        }
        bad = bad || parse_row(line, xs + n * MLP_IN, ys + n) != 0;
        n += !bad;
    }
    fclose(f);
    if (bad || n == 0) {
        snprintf(err, errlen, "%s: line %zu: not 64 pixel values (0-16) and a label (0-9)", path,
                 n + 1);
        free(xs);
        free(ys);
        return -1;
    }
    *x = xs, *y = ys, *count = n;
    return 0;
}
