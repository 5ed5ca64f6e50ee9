/* util.c - the build directory, the manifest, spawning bench executables, the run id and the
 * run folder. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/errors.h"
#include "benchgate/process.h"
#include "benchgate/terminal.h"
#include "cli.h"

#ifndef BG_CLI_BUILD_DIR
#define BG_CLI_BUILD_DIR "build"
#endif

/* fmt's text, formatted (malloc'd; NULL when out of memory). */
static char *vformat(const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    return text;
}

void cli_error_line(const char *text) {
    size_t need = 4 * strlen(text) + 32, n = (size_t)snprintf(NULL, 0, "benchgate: error: ");
    char *line = malloc(need);
    if (line == NULL) {
        fprintf(stderr, "benchgate: error: out of memory\n");
        return;
    }
    snprintf(line, need, "benchgate: error: ");
    for (const char *p = text; n + 1 < need;) { /* each line made safe: a name may hold an ESC */
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *part = strndup(p, len);
        if (part == NULL)
            break;
        n += bg_term_safe(part, line + n, need - n);
        free(part);
        if (nl == NULL || n + 2 >= need)
            break;
        line[n++] = '\n';
        line[n] = '\0';
        p = nl + 1;
    }
    bg_print_wrapped(stderr, line, "  ", 0);
    free(line);
}

int cli_usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(fmt, ap);
    va_end(ap);
    cli_error_line(text ? text : "out of memory");
    free(text);
    return BG_EXIT_USAGE;
}

int cli_bg_error(bg_err e, const char *msg) {
    if (e == BG_OK)
        return 0;
    cli_error_line(msg && msg[0] ? msg : bg_strerror(e));
    return bg_err_exit_code(e);
}

void cli_help(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(fmt, ap);
    va_end(ap);
    if (text == NULL) {
        fputs("benchgate: out of memory\n", stdout);
        return;
    }
    bg_print_reflowed(stdout, text);
    free(text);
}

void cli_new_run_id(char *run_id, size_t size) {
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime_r(&now, &tm));
    snprintf(run_id, size, "%s-%ld", stamp, (long)getpid());
}

int cli_mkdirs(const char *path) {
    char buf[CLI_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

int cli_flag(const char *arg, const char *name, const char **value) {
    size_t n = strlen(name);
    if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, n) != 0)
        return 0;
    if (arg[2 + n] == '\0') {
        *value = NULL;
        return 1;
    }
    if (arg[2 + n] == '=') {
        *value = arg + 3 + n;
        return 1;
    }
    return 0;
}

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* 1 when dir is a build tree with benchmarks (bg_add_benchmark wrote its manifest there). */
static int is_build_tree(const char *dir) {
    char path[CLI_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/benchgate/manifest.d", dir);
    return is_dir(path);
}

/* The nearest build tree at or above the current folder: the folder itself, or its build/. */
static const char *nearest_build_tree(void) {
    static char found[CLI_PATH_MAX + 8];
    char dir[CLI_PATH_MAX], candidate[CLI_PATH_MAX + 8];
    if (getcwd(dir, sizeof dir) == NULL)
        return NULL;
    for (;;) {
        snprintf(candidate, sizeof candidate, "%s", dir);
        if (is_build_tree(candidate)) {
            snprintf(found, sizeof found, "%s", candidate);
            return found;
        }
        snprintf(candidate, sizeof candidate, "%s/build", strcmp(dir, "/") ? dir : "");
        if (is_build_tree(candidate)) {
            snprintf(found, sizeof found, "%s", candidate);
            return found;
        }
        char *slash = strrchr(dir, '/');
        if (slash == NULL || strcmp(dir, "/") == 0)
            return NULL;
        slash == dir ? (void)(dir[1] = '\0') : (void)(*slash = '\0');
    }
}

/* 1 when this program lives inside the build tree it was built in (not an installed copy). */
static int running_from_own_build(void) {
    char exe[CLI_PATH_MAX], own[CLI_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || realpath(BG_CLI_BUILD_DIR, own) == NULL)
        return 0;
    exe[n] = '\0';
    size_t len = strlen(own);
    return strncmp(exe, own, len) == 0 && exe[len] == '/';
}

const char *cli_build_dir(const char *flag_value) {
    if (flag_value && flag_value[0])
        return flag_value;
    const char *env = getenv("BENCHGATE_BUILD_DIR");
    if (env && env[0])
        return env;
    const char *near = nearest_build_tree();
    if (near)
        return near;
    return running_from_own_build() ? BG_CLI_BUILD_DIR : "build";
}

static int copy_field(char *dst, size_t size, const char *src) {
    size_t n = strlen(src);
    if (n >= size)
        return -1;
    memcpy(dst, src, n + 1);
    return 0;
}

/* Parses "name\texe\tlabels\targs" (tabs separate; args may be empty). */
static int parse_entry(const char *path, cli_bench *b) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char line[8192];
    int ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    if (!ok)
        return -1;
    line[strcspn(line, "\n")] = '\0';
    char *fields[4] = {line, NULL, NULL, NULL};
    for (int i = 1; i < 4; i++) {
        char *tab = fields[i - 1] ? strchr(fields[i - 1], '\t') : NULL;
        if (tab)
            *tab = '\0', fields[i] = tab + 1;
    }
    if (!fields[1] || !fields[2] || !fields[3])
        return -1;
    if (copy_field(b->name, sizeof b->name, fields[0]) ||
        copy_field(b->exe, sizeof b->exe, fields[1]) ||
        copy_field(b->labels, sizeof b->labels, fields[2]) ||
        copy_field(b->args, sizeof b->args, fields[3]))
        return -1;
    return 0;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const cli_bench *)a)->name, ((const cli_bench *)b)->name);
}

int cli_read_manifest(const char *build_dir, cli_bench **out) {
    char dir[CLI_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/benchgate/manifest.d", build_dir);
    DIR *d = opendir(dir);
    if (d == NULL) {
        cli_usage_error("%s: no benchmark manifest (%s); configure and build first, or "
                        "pass --build-dir=DIR",
                        dir, strerror(errno));
        return -1;
    }
    cli_bench *list = NULL;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
            continue;
        cli_bench *grown = realloc(list, (size_t)(n + 1) * sizeof *grown);
        if (grown == NULL)
            break;
        list = grown;
        char path[CLI_PATH_MAX + 256];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (parse_entry(path, &list[n]) != 0) {
            closedir(d);
            free(list);
            cli_usage_error("%s: not a manifest entry (name, exe, labels, args)", path);
            return -1;
        }
        n++;
    }
    closedir(d);
    qsort(list, (size_t)n, sizeof *list, by_name);
    *out = list;
    return n;
}

typedef struct pin_arg {
    int cpu;
    const char *prog;
} pin_arg;

/* In the child: onto its CPU, or a warning. */
static void pin_child(void *arg) {
    const pin_arg *p = arg;
    if (p->cpu >= 0 && cli_pin_to_cpu(p->cpu) != 0)
        fprintf(stderr, "benchgate: warning: cannot pin %s to CPU %d: %s\n", p->prog, p->cpu,
                strerror(errno));
}

pid_t cli_spawn_start(char *const argv[], const char *out_path, const char *err_path, int cpu) {
    pin_arg pin = {cpu, argv[0]};
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.out_path = out_path;
    o.err_path = err_path;
    o.in_child = pin_child;
    o.hook_arg = &pin;
    return bg_spawn(&o);
}

int cli_spawn_wait(pid_t pid) {
    int status = 0;
    return bg_spawn_wait(pid, 0, &status) == 0 ? bg_spawn_exit_code(status) : -1;
}

int cli_spawn_to(char *const argv[], const char *out_path, const char *err_path) {
    return cli_spawn_wait(cli_spawn_start(argv, out_path, err_path, -1));
}

int cli_spawn(char *const argv[], const char *out_path) {
    return cli_spawn_to(argv, out_path, NULL);
}

int cli_keep_private(const char *run, int asked) {
    char path[CLI_PATH_MAX + 16];
    struct stat st;
    snprintf(path, sizeof path, "%s", run);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(path, sizeof path, "%s/result.json", run);
    int private_run = stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) == 0;
    if (asked || private_run)
        umask(077);
    return asked || private_run;
}
