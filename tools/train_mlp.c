/* train_mlp.c - trains the digits MLP deterministically (seeded init and shuffling, plain SGD
 * with momentum on softmax cross-entropy) and writes the weights.
 * usage: train_mlp TRAIN.csv TEST.csv OUT.bin [hidden=64] [epochs=60] [seed=7] */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cpu/mlp.h"

typedef struct trainer {
    mlp_model m, grad, vel;
    float lr, momentum;
    uint64_t rng;
} trainer;

static double uniform(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return ((double)(*s >> 11) + 0.5) / 9007199254740992.0;
}

static float gauss(uint64_t *s) {
    double u1 = uniform(s), u2 = uniform(s);
    return (float)(sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2));
}

static void init(trainer *t) {
    for (int i = 0; i < t->m.hidden * MLP_IN; i++)
        t->m.w1[i] = gauss(&t->rng) * (float)sqrt(2.0 / MLP_IN);
    for (int i = 0; i < MLP_OUT * t->m.hidden; i++)
        t->m.w2[i] = gauss(&t->rng) * (float)sqrt(2.0 / t->m.hidden);
}

/* Backpropagates one sample into t->grad; h holds its hidden activations. */
static void backprop(trainer *t, const float *x, int y, const float *h, const float *logits) {
    float p[MLP_OUT], mx = logits[0], sum = 0;
    for (int o = 1; o < MLP_OUT; o++)
        mx = logits[o] > mx ? logits[o] : mx;
    for (int o = 0; o < MLP_OUT; o++)
        sum += p[o] = expf(logits[o] - mx);
    int hid = t->m.hidden;
    for (int o = 0; o < MLP_OUT; o++) {
        float d = p[o] / sum - (o == y);
        t->grad.b2[o] += d;
        for (int j = 0; j < hid; j++)
            t->grad.w2[o * hid + j] += d * h[j];
    }
    for (int j = 0; j < hid; j++) {
        if (h[j] <= 0)
            continue;
        float dh = 0;
        for (int o = 0; o < MLP_OUT; o++)
            dh += (p[o] / sum - (o == y)) * t->m.w2[o * hid + j];
        t->grad.b1[j] += dh;
        for (int i = 0; i < MLP_IN; i++)
            t->grad.w1[j * MLP_IN + i] += dh * x[i];
    }
}

static void update(float *w, float *g, float *v, size_t n, float lr, float mom, float scale) {
    for (size_t i = 0; i < n; i++) {
        v[i] = mom * v[i] - lr * g[i] * scale;
        w[i] += v[i];
        g[i] = 0;
    }
}

static void step(trainer *t, size_t batch) {
    size_t h = (size_t)t->m.hidden;
    float s = 1.0f / (float)batch;
    update(t->m.w1, t->grad.w1, t->vel.w1, h * MLP_IN, t->lr, t->momentum, s);
    update(t->m.b1, t->grad.b1, t->vel.b1, h, t->lr, t->momentum, s);
    update(t->m.w2, t->grad.w2, t->vel.w2, MLP_OUT * h, t->lr, t->momentum, s);
    update(t->m.b2, t->grad.b2, t->vel.b2, MLP_OUT, t->lr, t->momentum, s);
}

static void epoch(trainer *t, const float *x, const int *y, size_t n, size_t *order) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(uniform(&t->rng) * (double)i);
        size_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
    float h[4096], logits[MLP_OUT];
    const size_t batch = 16;
    for (size_t i = 0; i < n; i++) {
        const float *xi = x + order[i] * MLP_IN;
        mlp_forward(&t->m, xi, 1, h, logits);
        backprop(t, xi, y[order[i]], h, logits);
        if ((i + 1) % batch == 0 || i + 1 == n)
            step(t, (i + 1) % batch ? (i + 1) % batch : batch);
    }
}

static double accuracy(const mlp_model *m, const float *x, const int *y, size_t n) {
    float *h = malloc(n * (size_t)m->hidden * sizeof *h), *logits = malloc(n * MLP_OUT * 4);
    int *pred = malloc(n * sizeof *pred);
    size_t right = 0;
    if (h && logits && pred) {
        mlp_forward(m, x, n, h, logits);
        mlp_predict(logits, n, pred);
        for (size_t i = 0; i < n; i++)
            right += pred[i] == y[i];
    }
    free(h), free(logits), free(pred);
    return (double)right / (double)n;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: train_mlp TRAIN.csv TEST.csv OUT.bin [hidden] [epochs] [seed]\n");
        return 2;
    }
    int hidden = argc > 4 ? atoi(argv[4]) : 64, epochs = argc > 5 ? atoi(argv[5]) : 60;
    char err[512];
    float *xtr, *xte;
    int *ytr, *yte;
    size_t ntr, nte;
    if (hidden < 1 || hidden > 4096 || epochs < 1 ||
        digits_load(argv[1], &xtr, &ytr, &ntr, err, sizeof err) ||
        digits_load(argv[2], &xte, &yte, &nte, err, sizeof err)) {
        fprintf(stderr, "train_mlp: %s\n", hidden < 1 || epochs < 1 ? "bad hidden/epochs" : err);
        return 2;
    }
    trainer t = {.lr = 0.05f, .momentum = 0.9f, .rng = argc > 6 ? strtoull(argv[6], 0, 10) : 7};
    size_t *order = malloc(ntr * sizeof *order);
    if (!order || mlp_alloc(&t.m, hidden) || mlp_alloc(&t.grad, hidden) ||
        mlp_alloc(&t.vel, hidden))
        return fprintf(stderr, "train_mlp: out of memory\n"), 3;
    for (size_t i = 0; i < ntr; i++)
        order[i] = i;
    init(&t);
    for (int e = 0; e < epochs; e++)
        epoch(&t, xtr, ytr, ntr, order);
    printf("hidden %d, epochs %d: train accuracy %.4f (%zu), test accuracy %.4f (%zu)\n", hidden,
           epochs, accuracy(&t.m, xtr, ytr, ntr), ntr, accuracy(&t.m, xte, yte, nte), nte);
    if (mlp_save(argv[3], &t.m) != 0)
        return fprintf(stderr, "train_mlp: cannot write %s\n", argv[3]), 2;
    return 0;
}
