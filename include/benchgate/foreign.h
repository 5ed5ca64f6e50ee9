/*
 * foreign.h - gating what another harness measured: a Google Benchmark, nvbench or hyperfine
 * run, its JSON read as a benchgate.result/1 document, compared with the committed baseline of
 * this machine class, with gate.json written as a bench test of bg_add_benchmark writes it
 * (benchgate gate-foreign; bg_add_gbench_test and bg_add_hyperfine_test in BenchGate.cmake).
 */
#ifndef BENCHGATE_FOREIGN_H
#define BENCHGATE_FOREIGN_H

#include "benchgate/api.h"

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What to run and gate. Zero-initialised fields take the defaults. */
typedef struct bg_foreign_gate {
    const char *from; /**< "gbench", "nvbench" or "hyperfine" */
    const char *name; /**< the test's name: the baseline is BASELINE_DIR/<class>/NAME.json */
    const char *baseline_dir; /**< default "ci/baselines"; "off": convert only, no gate */
    const char *output_dir;   /**< where NAME's files go (created): the harness's own JSON
                                   (FROM.json), result.json, gate.json, verdict.json and .md */
    char *const *argv;        /**< the command, NULL-terminated: the flag that makes the harness
                                   write its JSON (--benchmark_out=FILE --benchmark_out_format=json,
                                   --json FILE, --export-json FILE) goes right after argv[0] */
    double threshold_pct;     /**< > 0: the speed threshold (percent) */
    int fail_on_inconclusive; /**< 1: inconclusive exits 1 */
    int fail_on_no_baseline;  /**< 1: no baseline exits 1 */
    double timeout_s;         /**< > 0: kill the command after this long */
} bg_foreign_gate;

/**
 * Runs g->argv, reads what it wrote, writes result.json and, unless baseline_dir is "off",
 * compares it with the baseline and writes gate.json (schema benchgate.gate/1), verdict.json and
 * verdict.md. Prints the rows that need a look and the verdict line.
 * @return the gate's exit code (docs/gates.md): 0 pass, 1 regression, 3 a benchmark failed or
 *         the command did (no JSON), 77 inconclusive, not gated or skipped, 2 bad input
 */
BG_API int bg_foreign_gate_run(const bg_foreign_gate *g);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_FOREIGN_H */
