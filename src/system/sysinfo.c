/* sysinfo.c - what the run ran on: host, OS, CPU, memory, compiler, git, HPC variables. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchgate/process.h"
#include "system/system.h"

#ifndef BG_BUILD_TYPE
#define BG_BUILD_TYPE "unknown"
#endif

/* Runs argv without a shell and keeps the first line of its output; "" on failure. */
static void capture_line(char *const argv[], char *out, size_t size) {
    if (bg_spawn_capture(argv, out, size, 10) != 0)
        out[0] = '\0';
    out[strcspn(out, "\n")] = '\0';
}

static void cpuinfo_model(char *buf, size_t size) {
    snprintf(buf, size, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            colon += 1 + strspn(colon + 1, " \t");
            colon[strcspn(colon, "\n")] = '\0';
            snprintf(buf, size, "%s", colon);
            break;
        }
    }
    fclose(f);
}

static void os_name(char *buf, size_t size, const struct utsname *u) {
    snprintf(buf, size, "%s", u->sysname);
    FILE *f = fopen("/etc/os-release", "r");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "PRETTY_NAME=", 12) == 0) {
            char *v = line + 12 + (line[12] == '"');
            v[strcspn(v, "\"\n")] = '\0';
            snprintf(buf, size, "%s", v);
        }
    fclose(f);
}

/* A file-name-safe class: lower case, runs of other characters become one '-'. */
static void slug(char *out, size_t size, const char *in) {
    size_t n = 0;
    for (const char *p = in; *p && n + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c))
            out[n++] = (char)tolower(c);
        else if (n > 0 && out[n - 1] != '-')
            out[n++] = '-';
    }
    while (n > 0 && out[n - 1] == '-')
        n--;
    out[n] = '\0';
}

static const char *compiler_id(void) {
#if defined(__clang__)
    return "clang" BG__STR(__clang_major__);
#elif defined(__GNUC__)
    return "gcc" BG__STR(__GNUC__);
#else
    return "cc";
#endif
}

/* The model of the first GPU, when there is one. @return 1 if found */
/* The model of the first GPU, and how many the machine has (0: none known). */
static int gpu_model(char *buf, size_t size) {
    cJSON *gpus = bg__gpus_json();
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(gpus, 0), "name");
    int found = cJSON_IsString(name) && name->valuestring[0];
    if (found)
        snprintf(buf, size, "%s", name->valuestring);
    int count = found ? cJSON_GetArraySize(gpus) : 0;
    cJSON_Delete(gpus);
    return count;
}

void bg__machine_class(char *buf, size_t size, int instructions) {
    const char *env = getenv("BENCHGATE_MACHINE_CLASS");
    if (env && env[0]) {
        slug(buf, size, env);
        return;
    }
    char model[256], raw[320];
    int n = 0;
    struct utsname u;
    uname(&u);
    if (instructions) {
        snprintf(raw, sizeof raw, "%s %s %s instructions", u.machine, compiler_id(), BG_BUILD_TYPE);
    } else if ((n = gpu_model(model, sizeof model)) > 0) {
        snprintf(raw, sizeof raw, n > 1 ? "%s x%d" : "%s", model, n);
    } else {
        cpuinfo_model(model, sizeof model);
        snprintf(raw, sizeof raw, "%s %ldc", model, sysconf(_SC_NPROCESSORS_ONLN));
    }
    slug(buf, size, raw);
}

/* The first line of a small system file, or NULL when it cannot be read. */
static const char *first_line(const char *path, char *buf, size_t size) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    char *got = fgets(buf, (int)size, f);
    fclose(f);
    if (got == NULL)
        return NULL;
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

/* What disturbs timings: the frequency governor, turbo, and other load at the start. */
static void add_conditions(cJSON *s) {
    char buf[128];
    const char *gov =
        first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", buf, sizeof buf);
    if (gov)
        cJSON_AddStringToObject(s, "cpu_governor", gov);
    else
        cJSON_AddNullToObject(s, "cpu_governor");
    const char *no_turbo =
        first_line("/sys/devices/system/cpu/intel_pstate/no_turbo", buf, sizeof buf);
    const char *boost =
        no_turbo ? NULL : first_line("/sys/devices/system/cpu/cpufreq/boost", buf, sizeof buf);
    if (no_turbo || boost)
        cJSON_AddBoolToObject(s, "turbo", no_turbo ? no_turbo[0] == '0' : boost[0] == '1');
    else
        cJSON_AddNullToObject(s, "turbo");
    double load = -1;
    if (first_line("/proc/loadavg", buf, sizeof buf))
        load = atof(buf);
    if (load >= 0)
        cJSON_AddNumberToObject(s, "load_avg_1m", load);
    else
        cJSON_AddNullToObject(s, "load_avg_1m");
}

static cJSON *env_json(void) {
    static const char *names[] = {
        "SLURM_JOB_ID",      "SLURM_NODELIST",          "SLURM_PROCID",
        "SLURM_NTASKS",      "SLURM_CPUS_PER_TASK",     "CUDA_VISIBLE_DEVICES",
        "OMP_NUM_THREADS",   "BENCHGATE_MACHINE_CLASS", "RUNNER_NAME",
        "GITHUB_SERVER_URL", "GITHUB_REPOSITORY",       "GITHUB_RUN_ID"};
    cJSON *env = cJSON_CreateObject();
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v)
            cJSON_AddStringToObject(env, names[i], v);
    }
    return env;
}

cJSON *bg__system_json(int instructions) {
    struct utsname u;
    uname(&u);
    char host[256] = "", buf[512];
    gethostname(host, sizeof host - 1);
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "hostname", host);
    os_name(buf, sizeof buf, &u);
    cJSON_AddStringToObject(s, "os", buf);
    cJSON_AddStringToObject(s, "kernel", u.release);
    cJSON_AddStringToObject(s, "arch", u.machine);
    cpuinfo_model(buf, sizeof buf);
    cJSON_AddStringToObject(s, "cpu_model", buf);
    cJSON_AddNumberToObject(s, "cpu_count", (double)sysconf(_SC_NPROCESSORS_ONLN));
    double ram = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    cJSON_AddNumberToObject(s, "ram_total_gb", ram / (1024.0 * 1024.0 * 1024.0));
    bg__machine_class(buf, sizeof buf, instructions);
    cJSON_AddStringToObject(s, "machine_class", buf);
#ifdef __VERSION__
    cJSON_AddStringToObject(s, "compiler", __VERSION__);
#else
    cJSON_AddStringToObject(s, "compiler", "unknown");
#endif
    cJSON_AddStringToObject(s, "build_type", BG_BUILD_TYPE);
    cJSON_AddItemToObject(s, "gpus", bg__gpus_json());
    add_conditions(s);
    cJSON_AddItemToObject(s, "env", env_json());
    return s;
}

/* The source folder of the benchmark, compiled into it by bg_add_benchmark (a generated
 * source); a program built otherwise has none (a weak reference, null). */
extern const char bg__bench_source_dir[] __attribute__((weak));

/* Where the benchmarked sources are: BENCHGATE_SOURCE_DIR, else the folder bg_add_benchmark
 * compiled in, else the current folder. */
static const char *source_dir(const char **from) {
    const char *env = getenv("BENCHGATE_SOURCE_DIR");
    if (env && env[0]) {
        *from = "BENCHGATE_SOURCE_DIR";
        return env;
    }
    if (bg__bench_source_dir && bg__bench_source_dir[0]) {
        *from = "the build (bg_add_benchmark)";
        return bg__bench_source_dir;
    }
    *from = "the current folder";
    return ".";
}

/* The commit's time (ISO 8601, the committer's) and first parent (null for a root commit): what
 * a team's history orders and links runs by. */
static void add_commit_facts(cJSON *g, const char *dir) {
    char when[64], parent[128];
    char *const time_argv[] = {"git", "-C",           (char *)dir, "show",
                               "-s",  "--format=%cI", "HEAD",      NULL};
    char *const parent_argv[] = {"git",      "-C", (char *)dir, "rev-parse",
                                 "--verify", "-q", "HEAD^1",    NULL};
    capture_line(time_argv, when, sizeof when);
    capture_line(parent_argv, parent, sizeof parent);
    if (when[0])
        cJSON_AddStringToObject(g, "commit_time", when);
    else
        cJSON_AddNullToObject(g, "commit_time");
    if (parent[0])
        cJSON_AddStringToObject(g, "parent", parent);
    else
        cJSON_AddNullToObject(g, "parent");
}

cJSON *bg__git_json(void) {
    const char *from = NULL, *dir = source_dir(&from);
    char sha[128], branch[256], dirty[256];
    char *const sha_argv[] = {"git", "-C", (char *)(dir ? dir : "."), "rev-parse", "HEAD", NULL};
    char *const br_argv[] = {"git",  "-C", (char *)(dir ? dir : "."), "rev-parse", "--abbrev-ref",
                             "HEAD", NULL};
    char *const st_argv[] = {"git",    "-C",          (char *)(dir ? dir : "."),
                             "status", "--porcelain", "--untracked-files=no",
                             NULL};
    capture_line(sha_argv, sha, sizeof sha);
    cJSON *g = cJSON_CreateObject();
    cJSON_AddStringToObject(g, "source_dir", dir);
    if (sha[0] == '\0') {
        char why[1200];
        snprintf(why, sizeof why, "%s (from %s) is not a git checkout, or git is not installed",
                 dir, from);
        cJSON_AddNullToObject(g, "sha");
        cJSON_AddNullToObject(g, "branch");
        cJSON_AddNullToObject(g, "dirty");
        cJSON_AddStringToObject(g, "unknown_reason", why);
        return g;
    }
    capture_line(br_argv, branch, sizeof branch);
    capture_line(st_argv, dirty, sizeof dirty);
    cJSON_AddStringToObject(g, "sha", sha);
    cJSON_AddStringToObject(g, "branch", branch);
    cJSON_AddBoolToObject(g, "dirty", dirty[0] != '\0');
    add_commit_facts(g, dir ? dir : ".");
    return g;
}
