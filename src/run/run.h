/* run.h - the run of a bench executable from start to end, bg_main's steps (internal). run/ is
 * the top of the core: it uses measure/, results/, datasets/, longrun/, gate/ and system/, and
 * nothing uses it but bg_main's callers. */
#ifndef BENCHGATE_RUN_INTERNAL_H
#define BENCHGATE_RUN_INTERNAL_H

#include "common/common.h"
#include "measure/measure.h"

/** Sets the run's time stamp, run id, command line and output directory. */
void bg__run_identity(bg__run *run, int argc, char **argv);

/** Prints what a dry run would do: the instances and where their results would go. */
void bg__run_print_dry(const bg__run *run);

/** Frees what the run holds (instances, settings, log, lock). */
void bg__run_free(bg__run *run);

/** Prints "PROGRAM: error: MESSAGE", frees the run. @return the exit code of err */
int bg__run_usage_error(bg__run *run, const bg__error *err);

/** Reads BENCHGATE_COUNTER: 0 auto, 1 perf, 2 callgrind; BG_EUSAGE for anything else. */
bg_err bg__run_counter_choice(int *choice, bg__error *err);

/** @return 1 when instruction mode must run again under callgrind (no perf_event_open, or
 *  BENCHGATE_COUNTER=callgrind) */
int bg__run_needs_callgrind(const bg__run *run, int choice);

/** Measures every instance, writes the result files, prints the tables, then the gate's
 *  verdict of a complete run; frees the run. @return the exit code */
int bg__run_measure_and_write(bg__run *run);

/** Under a bench's CTest test (BENCHGATE_RECORD_CLI, BENCHGATE_CTEST): records the run in the
 *  run history through the benchgate command (run_record.c). @return code, or 2 when the
 *  store was asked for explicitly (BENCH_HISTORY) and could not record */
int bg__run_record(const bg__run *run, int code);

/* gb_flags.c: Google Benchmark's --benchmark_* flags */
/** The arguments with each --benchmark_* flag made a run flag (or taken as an output request),
 *  NULL-terminated in *out (free with bg__gb_flags_free). @return BG_EUSAGE for a flag with no
 *  equivalent or a bad value */
bg_err bg__gb_flags(int argc, char **argv, char ***out, bg__error *err);
void bg__gb_flags_free(char **args);
/** @return 1 when stdout gets the console table (no --benchmark_format=json or csv) */
int bg__gb_stdout_table(void);
/** After the run's files: --benchmark_format's output on stdout, --benchmark_out's file. */
bg_err bg__gb_outputs(const bg__run *run, int complete, bg__error *err);

#endif /* BENCHGATE_RUN_INTERNAL_H */
