/* export_gbench.c - export --format=gbench and gbench-aggregates: Google Benchmark's JSON, by
 * the writer in the core (results/gbench_write.c) that bench executables use for
 * --benchmark_format=json too. */
#include "common/common.h"
#include "results/results.h"
#include "report/report.h"

bg_err bg__export_gbench(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__gbench_document(x->doc, 0, sb, err);
}

/* Like --benchmark_report_aggregates_only, one entry per benchmark: its overall median. */
bg_err bg__export_gbench_aggregates(const bg__export_ctx *x, bg__strbuf *sb, bg__error *err) {
    return bg__gbench_document(x->doc, 1, sb, err);
}
