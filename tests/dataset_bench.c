/* dataset_bench.c - benchmarks for the tests: tiny_sum reads the tiny dataset
 * (fixtures/datasets/tiny, declared with .dataset = "tiny"); plain reads nothing. The tests run
 * them to check that a dataset is verified before anything is measured, that result.json records
 * it, and that bg_dataset_file() refuses paths that leave the dataset root: --axis=file=escape
 * asks for "../escape.csv", file=absolute for "/etc/hostname", file=link for tiny-v1/link.csv
 * (a symlink the test makes). */
#include <benchgate/benchgate.h>
#include <stdio.h>
#include <string.h>

static const char *file_of(const char *axis) {
    static const char *const files[][2] = {
        {"values", "tiny-v1/values.csv"}, {"labels", "tiny-v1/labels.csv"},
        {"escape", "../escape.csv"},      {"absolute", "/etc/hostname"},
        {"link", "tiny-v1/link.csv"},     {"unlisted", "tiny-v1/evil.csv"},
        {"manifest", "datasets.yaml"},    {"folder", "tiny-v1"}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (strcmp(axis, files[i][0]) == 0)
            return files[i][1];
    return axis;
}

static void tiny_sum(bg_state *s) {
    const char *path = bg_dataset_file(s, file_of(bg_axis_str(s, "file")));
    FILE *f = fopen(path, "r");
    if (f == NULL)
        bg_fail(s, "cannot open %s", path);
    double v[64], sum = 0;
    size_t n = 0;
    while (n < 64 && fscanf(f, "%lf", &v[n]) == 1)
        n++;
    fclose(f);
    BG_LOOP(s) {
        sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += v[i];
        bg_do_not_optimize(&sum);
    }
    bg_report_metric(s, "sum", "count", sum, BG_NEITHER);
}
BG_BENCHMARK(tiny_sum, .axes = "file=values", .dataset = "tiny")

static void plain(bg_state *s) {
    double x = 1;
    BG_LOOP(s) {
        x *= 1.0000001;
        bg_do_not_optimize(&x);
    }
}
BG_BENCHMARK(plain)
