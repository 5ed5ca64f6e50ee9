/*
 * verdicts.h - the combined verdict table of the gated bench tests of a build tree: what
 * `benchgate verdicts` prints at the end of every ctest run (through CTestCustom.cmake).
 *
 * Each gated bench test writes <build>/bench-results/<name>/gate.json (schema benchgate.gate/1);
 * this reads those of the benchmarks listed in <build>/benchgate/manifest.d.
 */
#ifndef BENCHGATE_VERDICTS_H
#define BENCHGATE_VERDICTS_H

#include "benchgate/api.h"

#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What to collect. Zero-initialised: every benchmark's latest outcome. */
typedef struct bg_verdicts_options {
    const char *build_dir; /**< the build tree (required) */
    int since_begin;       /**< 1: only outcomes written after the last bg_verdicts_begin() */
    int annotations;       /**< 1: the console table is followed by GitHub workflow commands, an
                                ::error per error or regression and a ::warning per inconclusive or
                                not-gated bench, at the line of its BG_BENCHMARK (docs/ci.md) */
} bg_verdicts_options;

/** Marks the start of a ctest run (<build>/benchgate/ctest.begin). @return BG_OK or BG_EIO */
BG_API bg_err bg_verdicts_begin(const char *build_dir, char *errbuf, size_t size);

/**
 * Prints the table: console text (at most 100 columns, people's units) to `console`, and the
 * same as Markdown to `markdown` (either may be NULL). Nothing is printed when no outcome
 * matched.
 * @param exit_code set to the combined exit code: 1 when a test failed the gate, 77 when one
 *        was not gated or inconclusive (and did not fail), else 0
 * @return BG_OK, or BG_EINPUT/BG_EUSAGE with the message in errbuf
 */
BG_API bg_err bg_verdicts_print(const bg_verdicts_options *opt, FILE *console, FILE *markdown,
                                int *exit_code, char *errbuf, size_t size);

/**
 * Prints a <CTestMeasurement> tag for the median (or value) of every ok metric of every
 * benchmark in the bench tests' result.json files (<build>/bench-results/<name>/), gated or
 * not: CTest drops the figures of a test it marks "not run" (exit 77, "not gated"), so the
 * bench.measurements test prints them all again for Test.xml and CDash.
 * @param count set to the number of result files read
 * @return BG_OK, or BG_EINPUT with the message (the file named) in errbuf
 */
BG_API bg_err bg_verdicts_measurements(const bg_verdicts_options *opt, FILE *out, int *count,
                                       char *errbuf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_VERDICTS_H */
