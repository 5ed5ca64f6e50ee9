/* cmd_verdicts.c - benchgate verdicts: the combined verdict table of a build tree's bench tests.
 *
 * CTestCustom.cmake (written by bg_add_benchmark) runs `verdicts --begin` before and
 * `verdicts --ctest` after every ctest run, so that `ctest -L bench` ends with the table. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/verdicts.h"
#include "cli.h"
#include "flags.h"

typedef struct verdicts_opts {
    const char *build, *format;
    int ctest, begin, measurements;
} verdicts_opts;

#define OPT(field) CLI_OFF(verdicts_opts, field)
static const cli_flag_def verdicts_flags[] = {
    CLI_FLAG_BUILD_DIR(verdicts_opts, build),
    CLI_FLAG_FORMAT(verdicts_opts, format, "table|md", "table"),
    {"ctest", NULL, CLI_SWITCH, OPT(ctest), 0, 0, NULL, NULL,
     "only the benchmarks that ran since --begin (what the CTest hook does); the\n"
     "table also goes to $GITHUB_STEP_SUMMARY when set; exit 0",
     NULL},
    {"begin", NULL, CLI_SWITCH, OPT(begin), 0, 0, NULL, NULL,
     "mark the start of a ctest run and exit", NULL},
    {"measurements", NULL, CLI_SWITCH, OPT(measurements), 0, 0, NULL, NULL,
     "print a <CTestMeasurement> for every ok metric of every bench result (with\n"
     "--ctest: of this ctest run), gated or not: the bench.measurements test, for\n"
     "Test.xml and CDash",
     NULL},
};
#undef OPT

const cli_verb_def cli_verdicts_verb = {
    "verdicts",
    "",
    "Prints one table of the latest gate outcome of every benchmark of the build tree\n"
    "(DIR/bench-results/<name>/gate.json): regressions, improvements, inconclusive with\n"
    "the noise, passes, not gated, each with the rows that are not \"pass\".\n"
    "Exit: 1 when a benchmark failed its gate, 77 when one was not gated or\n"
    "inconclusive, 2 on a bad file, else 0.",
    verdicts_flags,
    CLI_COUNT(verdicts_flags),
    0,
    0,
    NULL};

/* @return 0 to go on, 1 after --help, 2 (message printed) */
static int parse(verdicts_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    return cli_parse(&cli_verdicts_verb, argc, argv, o, NULL);
}

/* The step summary of a GitHub Actions job, appended to. */
static FILE *step_summary(void) {
    const char *path = getenv("GITHUB_STEP_SUMMARY");
    if (path == NULL || path[0] == '\0')
        return NULL;
    /* never blocks (a FIFO without a reader would hang the open), follows no link, and takes
     * a regular file only: the runner's summary file is one */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    struct stat st;
    const char *why = fd < 0 && errno == ELOOP   ? "a symbolic link"
                      : fd < 0 && errno == ENXIO ? "not a regular file (a FIFO)"
                      : fd < 0                   ? strerror(errno)
                      : fstat(fd, &st) != 0      ? strerror(errno)
                      : !S_ISREG(st.st_mode)     ? "not a regular file"
                                                 : NULL;
    FILE *f = why == NULL && fcntl(fd, F_SETFL, O_APPEND) == 0 ? fdopen(fd, "a") : NULL;
    if (f == NULL) {
        fprintf(stderr,
                "benchgate: warning: GITHUB_STEP_SUMMARY=%s: %s; the table is not "
                "written there\n",
                path, why ? why : strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return f;
}

/* --measurements: the figures of every bench result, for CTest; exit 0 unless a file is bad. */
static int print_measurements(const bg_verdicts_options *opt) {
    char err[1024] = "";
    int count = 0;
    if (bg_verdicts_measurements(opt, stdout, &count, err, sizeof err) != BG_OK)
        return cli_usage_error("verdicts: %s", err);
    printf("benchgate: the figures of %d bench result(s), for CTest's Test.xml\n", count);
    return fflush(stdout) != 0 || ferror(stdout)
               ? cli_usage_error("verdicts: cannot write the measurements (stdout)")
               : 0;
}

int cmd_verdicts(int argc, char **argv) {
    verdicts_opts o;
    int rc = parse(&o, argc, argv);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    const char *build = cli_build_dir(o.build);
    char err[1024] = "";
    if (o.begin)
        return bg_verdicts_begin(build, err, sizeof err) == BG_OK ? 0 : cli_usage_error("%s", err);
    const char *gha = getenv("GITHUB_ACTIONS");
    bg_verdicts_options opt = {build, o.ctest, gha && strcmp(gha, "true") == 0};
    if (o.measurements)
        return print_measurements(&opt);
    int md = strcmp(o.format, "md") == 0, code = 0;
    FILE *summary = o.ctest ? step_summary() : NULL;
    bg_err e =
        bg_verdicts_print(&opt, md ? NULL : stdout, md ? stdout : summary, &code, err, sizeof err);
    if (summary && md) /* --ctest --format=md: the summary file too */
        bg_verdicts_print(&opt, NULL, summary, &code, err, sizeof err);
    if (summary)
        fclose(summary);
    if (e != BG_OK) {
        cli_usage_error("verdicts: %s", err);
        return o.ctest ? 0 : 2;
    }
    if (fflush(stdout) != 0 || ferror(stdout))
        return cli_usage_error("verdicts: cannot write the table (stdout)");
    return o.ctest ? 0 : code;
}
