/* bisect_bench.c - the bench executables of a probe: those of its manifest
 * (build/benchgate/manifest.d/NAME.tsv, written by bg_add_benchmark at configure time) whose
 * name matches --bench, built alone (cmake --build --target bench_NAME) and run. */
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bisect/bisect.h"

/* "name\texe\tlabels\targs": @return 0, or -1 when the line is not an entry */
static int parse_entry(char *line, bg__bench_exe *b) {
    char *field[4] = {line, NULL, NULL, NULL};
    for (int i = 1; i < 4; i++) {
        char *tab = field[i - 1] ? strchr(field[i - 1], '\t') : NULL;
        if (tab)
            *tab = '\0', field[i] = tab + 1;
    }
    if (field[1] == NULL)
        return -1;
    snprintf(b->name, sizeof b->name, "%.127s", field[0]);
    snprintf(b->exe, sizeof b->exe, "%.4095s", field[1]);
    snprintf(b->args, sizeof b->args, "%.2047s", field[3] ? field[3] : "");
    b->args[strcspn(b->args, "\r\n")] = '\0';
    return 0;
}

static int read_entry(const char *dir, const char *file, bg__bench_exe *b) {
    char path[BG__BISECT_PATH + 300], line[BG__BISECT_PATH + 2400];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    int rc = fgets(line, sizeof line, f) ? parse_entry(line, b) : -1;
    fclose(f);
    return rc;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const bg__bench_exe *)a)->name, ((const bg__bench_exe *)b)->name);
}

int bg__bench_list(const char *build_dir, const char *regex, bg__bench_exe *out, int max) {
    char dir[BG__BISECT_PATH + 40];
    snprintf(dir, sizeof dir, "%s/benchgate/manifest.d", build_dir);
    regex_t re;
    if (regcomp(&re, regex ? regex : "", REG_EXTENDED | REG_NOSUB) != 0)
        return -1;
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e = d ? readdir(d) : NULL; e && n < max; e = readdir(d)) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
            continue;
        if (read_entry(dir, e->d_name, &out[n]) == 0 && regexec(&re, out[n].name, 0, NULL, 0) == 0)
            n++;
    }
    regfree(&re);
    if (d == NULL)
        return -1;
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, by_name);
    return n;
}

int bg__bench_build(const char *build_dir, const bg__bench_exe *b, int n, const char *log) {
    char *argv[BG__BISECT_BENCHES + 8], target[BG__BISECT_BENCHES][160];
    int k = 0;
    argv[k++] = "cmake";
    argv[k++] = "--build";
    argv[k++] = (char *)build_dir;
    argv[k++] = "--target";
    for (int i = 0; i < n && i < BG__BISECT_BENCHES; i++) {
        snprintf(target[i], sizeof target[i], "bench_%s", b[i].name);
        argv[k++] = target[i];
    }
    argv[k] = NULL;
    return bg__bisect_spawn(argv, log, NULL) == 0 ? 0 : -1;
}

int bg__bench_run(const bg__bench_exe *b, const char *out_dir, int instructions, const char *log) {
    char args[sizeof b->args], out_flag[BG__BISECT_PATH + 16], *argv[96];
    int n = 0;
    snprintf(args, sizeof args, "%s", b->args);
    snprintf(out_flag, sizeof out_flag, "--output-dir=%s", out_dir);
    argv[n++] = (char *)b->exe;
    for (char *save = NULL, *t = strtok_r(args, " ", &save); t && n < 80;
         t = strtok_r(NULL, " ", &save))
        argv[n++] = t;
    argv[n++] = "--baseline=off";
    argv[n++] = "--no-ui";
    argv[n++] = "--format=json";
    argv[n++] = "--repetitions=1";
    argv[n++] = instructions ? "--measure=instructions" : "--measure=time";
    if (!instructions) { /* as benchgate ab runs each side */
        argv[n++] = "--min-time=0.1";
        argv[n++] = "--max-time=0.2";
    }
    argv[n++] = out_flag;
    argv[n] = NULL;
    return bg__bisect_spawn(argv, log, NULL);
}
