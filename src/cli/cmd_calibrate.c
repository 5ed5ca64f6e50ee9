/* cmd_calibrate.c - benchgate calibrate: measure this machine's ceilings into its profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/system.h"
#include "cli.h"
#include "flags.h"

static int find_tool(const char *build_dir, char *exe, size_t size) {
    char path[CLI_PATH_MAX + 64], line[CLI_PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/benchgate/tools.d/calibrate.tsv", build_dir);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return cli_usage_error("%s: not found; build the project first (bench_calibrate)", path);
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *exe_field = ok ? strchr(line, '\t') : NULL;
    char *end = exe_field ? strchr(exe_field + 1, '\t') : NULL;
    if (end == NULL || (size_t)(end - exe_field - 1) >= size)
        return cli_usage_error("%s: not a tool entry (name, exe, ...)", path);
    snprintf(exe, size, "%.*s", (int)(end - exe_field - 1), exe_field + 1);
    return 0;
}

static void print_file(const char *path) {
    FILE *f = fopen(path, "r");
    char buf[4096];
    size_t n;
    while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, stdout);
    if (f)
        fclose(f);
}

typedef struct calibrate_opts {
    const char *build_dir, *output;
} calibrate_opts;

static const cli_flag_def calibrate_flags[] = {
    CLI_FLAG_BUILD_DIR(calibrate_opts, build_dir),
    {"output", "FILE", CLI_TEXT, CLI_OFF(calibrate_opts, output), 0, 0, NULL, NULL,
     "the machine profile to write (default: BENCHGATE_PROFILE or\n"
     "ci/machines/<class>.json)",
     NULL},
};

const cli_verb_def cli_calibrate_verb = {
    "calibrate",
    "",
    "Measures CPU memory bandwidth and arithmetic rate, GPU copy bandwidth and cuBLAS SGEMM\n"
    "into the machine profile (default: BENCHGATE_PROFILE or ci/machines/<class>.json).\n"
    "Results then give pct_of_peak_bandwidth and pct_of_peak_flops.",
    calibrate_flags,
    CLI_COUNT(calibrate_flags),
    0,
    0,
    NULL};

int cmd_calibrate(int argc, char **argv) {
    calibrate_opts o = {0};
    char profile[CLI_PATH_MAX], exe[CLI_PATH_MAX];
    int p = cli_parse(&cli_calibrate_verb, argc, argv, &o, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    const char *build = o.build_dir, *output = o.output;
    if (find_tool(cli_build_dir(build), exe, sizeof exe) != 0)
        return BG_EXIT_USAGE;
    snprintf(profile, sizeof profile, "%s", output ? output : "");
    if (!output)
        bg_profile_path(profile, sizeof profile);
    char dir[] = "/tmp/benchgate-calibrate.XXXXXX", flag[64], result[64], err[1024];
    if (mkdtemp(dir) == NULL)
        return cli_usage_error("cannot create a temporary folder");
    snprintf(flag, sizeof flag, "--output-dir=%s", dir);
    char *args[] = {exe,
                    flag,
                    "--baseline=off",
                    "--no-ui",
                    "--format=json",
                    "--repetitions=3",
                    "--min-time=0.5",
                    NULL};
    int rc = cli_spawn(args, NULL);
    snprintf(result, sizeof result, "%s/result.json", dir);
    int code = rc == 0 || rc == 77 ? bg_profile_write(result, profile, err, sizeof err) : 3;
    if (code == 0) {
        printf("machine profile %s:\n", profile);
        print_file(profile);
    } else {
        fprintf(stderr, "benchgate: error: calibrate: %s\n", rc ? "bench_calibrate failed" : err);
    }
    char *rm[] = {"/bin/rm", "-rf", dir, NULL};
    cli_spawn(rm, NULL);
    return code == 0 ? 0 : code == 3 ? 3 : 2;
}
