/* report_probe.c - a program of the find_package test project on benchgate::report: exports
 * the result a benchmark of the project wrote, as CSV.
 * usage: report_probe RESULT   Exit: 0 when the export names the benchmark, 1 otherwise. */
#include <benchgate/report.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    char err[1024] = "";
    char *text = NULL;
    if (argc != 2)
        return fprintf(stderr, "usage: report_probe RESULT\n"), 1;
    if (bg_export(argv[1], "csv", &text, err, sizeof err) != BG_OK)
        return fprintf(stderr, "report_probe: %s\n", err), 1;
    int ok = strstr(text, "sum/cpu/n=1000") != NULL;
    printf("report: %s\n", ok ? "the export names sum/cpu/n=1000" : text);
    bg_text_free(text);
    return ok ? 0 : 1;
}
