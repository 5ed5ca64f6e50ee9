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

static void verdicts_help(void) {
    cli_help(
        "usage: benchgate verdicts [--build-dir=DIR] [--format=table|md] [--ctest] [--begin]\n"
        "                          [--measurements]\n\n"
        "Prints one table of the latest gate outcome of every benchmark of the build tree\n"
        "(DIR/bench-results/<name>/gate.json): regressions, improvements, inconclusive with\n"
        "the noise, passes, not gated, each with the rows that are not \"pass\".\n"
        "  --format=md  Markdown instead of the console table\n"
        "  --ctest      only the benchmarks that ran since --begin (what the CTest hook does);\n"
        "               the table also goes to $GITHUB_STEP_SUMMARY when set; exit 0\n"
        "  --begin      mark the start of a ctest run and exit\n"
        "  --measurements  print a <CTestMeasurement> for every ok metric of every bench\n"
        "               result (with --ctest: of this ctest run), gated or not: the\n"
        "               bench.measurements test, for Test.xml and CDash\n"
        "Exit: 1 when a benchmark failed its gate, 77 when one was not gated or\n"
        "inconclusive, 2 on a bad file, else 0.\n");
}

typedef struct verdicts_opts {
    const char *build, *format;
    int ctest, begin, measurements;
} verdicts_opts;

static int parse(verdicts_opts *o, int argc, char **argv) {
    memset(o, 0, sizeof *o);
    o->format = "table";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (cli_flag(a, "help", &v) || strcmp(a, "-h") == 0)
            return verdicts_help(), 1;
        if (cli_flag(a, "ctest", &v) && v == NULL)
            o->ctest = 1;
        else if (cli_flag(a, "begin", &v) && v == NULL)
            o->begin = 1;
        else if (cli_flag(a, "measurements", &v) && v == NULL)
            o->measurements = 1;
        else if (cli_flag(a, "build-dir", &v) && v && v[0])
            o->build = v;
        else if (cli_flag(a, "format", &v) && v &&
                 (strcmp(v, "table") == 0 || strcmp(v, "md") == 0))
            o->format = v;
        else
            return cli_usage_error("verdicts: unknown or malformed argument '%s' (see --help)", a);
    }
    return 0;
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
