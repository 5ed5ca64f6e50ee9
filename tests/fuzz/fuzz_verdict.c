/* fuzz_verdict.c - the verdict documents a gate writes and others read back: the input is
 * written as verdict.json beside a fixed result.json (read by `benchgate export --format=junit`
 * and the HTML report) and as a bench's gate.json in a build tree (read by `benchgate verdicts`:
 * bg_verdicts_print, console table and verdict.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/report.h"
#include "benchgate/verdicts.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char RESULT[] =
    "{\"schema\":\"benchgate.result/1\",\"complete\":true,"
    "\"run\":{\"run_id\":\"20261202-000000-1\",\"timestamp\":\"2026-12-02T00:00:00Z\"},"
    "\"system\":{\"hostname\":\"vm\",\"machine_class\":\"fuzz-2c\"},\"datasets\":[],"
    "\"benchmarks\":[{\"name\":\"triad/cpu/n=1024\",\"family\":\"triad\",\"device\":\"cpu\","
    "\"params\":{\"n\":\"1024\"},\"status\":\"ok\",\"measure\":\"time\",\"metrics\":{"
    "\"time_ns\":{\"status\":\"ok\",\"unit\":\"ns\",\"better\":\"lower\",\"n\":3,\"median\":12.5,"
    "\"ci95\":[12.0,13.0]},\"instructions\":{\"status\":\"skipped\",\"unit\":\"instr\"}}},"
    "{\"name\":\"sum/cpu\",\"family\":\"sum\",\"device\":\"cpu\",\"params\":{},\"status\":"
    "\"error\",\"error_message\":\"boom\",\"metrics\":{\"err\":{\"status\":\"ok\",\"unit\":\"\","
    "\"value\":0.5}}}]}\n";

static char result[512], verdict[512], gate[512], build[512];

static void setup(void) {
    const char *dir = bg_fuzz_tmpdir("verdict");
    char sub[512];
    const char *const dirs[] = {"run", "benchgate", "benchgate/manifest.d", "bench-results",
                                "bench-results/fuzz"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, dirs[i]);
        if (mkdir(sub, 0700) != 0)
            abort();
    }
    snprintf(build, sizeof build, "%s", dir);
    snprintf(result, sizeof result, "%s/run/result.json", dir);
    snprintf(verdict, sizeof verdict, "%s/run/verdict.json", dir);
    snprintf(gate, sizeof gate, "%s/bench-results/fuzz/gate.json", dir);
    snprintf(sub, sizeof sub, "%s/benchgate/manifest.d/fuzz.tsv", dir);
    if (bg_fuzz_write(result, (const uint8_t *)RESULT, sizeof RESULT - 1) != 0 ||
        bg_fuzz_write(sub, (const uint8_t *)"", 0) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static FILE *sink;
    if (sink == NULL) {
        setup();
        if ((sink = fopen("/dev/null", "w")) == NULL)
            abort();
    }
    if (bg_fuzz_write(verdict, data, size) != 0 || bg_fuzz_write(gate, data, size) != 0)
        return 0;
    char err[1024] = "", *text = NULL;
    const char *const formats[] = {"junit", "html"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        err[0] = '\0';
        if (bg_export(result, formats[i], &text, err, sizeof err) != BG_OK && err[0] == '\0')
            abort(); /* every failure names the problem */
        bg_text_free(text);
        text = NULL;
    }
    bg_verdicts_options opt = {build, 0};
    int code = -1;
    err[0] = '\0';
    if (bg_verdicts_print(&opt, sink, sink, &code, err, sizeof err) != BG_OK && err[0] == '\0')
        abort();
    unlink(verdict);
    unlink(gate);
    return 0;
}
