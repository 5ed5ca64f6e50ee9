/* bisect_build.c - a probe is configured as the user's build is: the generator, build type,
 * compilers, flags, CMAKE_PREFIX_PATH, benchgate_DIR and compiler launchers of its
 * CMakeCache.txt (ccache when it is on PATH and no launcher is set), then cmake -S -B. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/process.h"
#include "bisect/bisect.h"

/* The cache entries a probe is configured with. */
static const char *const carried[] = {"CMAKE_BUILD_TYPE",          "CMAKE_C_COMPILER",
                                      "CMAKE_CXX_COMPILER",        "CMAKE_C_FLAGS",
                                      "CMAKE_CXX_FLAGS",           "CMAKE_EXE_LINKER_FLAGS",
                                      "CMAKE_PREFIX_PATH",         "benchgate_DIR",
                                      "CMAKE_C_COMPILER_LAUNCHER", "CMAKE_CXX_COMPILER_LAUNCHER",
                                      "CMAKE_MAKE_PROGRAM"};

static int add_arg(bg__build_settings *s, const char *fmt, const char *a, const char *b) {
    size_t cap = sizeof s->args / sizeof s->args[0] - 1;
    if ((size_t)s->nargs >= cap)
        return -1;
    size_t len = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
    char *arg = malloc(len);
    if (arg == NULL)
        return -1;
    snprintf(arg, len, fmt, a, b ? b : "");
    s->args[s->nargs++] = arg;
    s->args[s->nargs] = NULL;
    return 0;
}

/* "NAME:TYPE=VALUE": a carried entry becomes -DNAME=VALUE; the generator and home are kept. */
static void take_line(bg__build_settings *s, char *line, int *launcher) {
    char *colon = strchr(line, ':'), *eq = colon ? strchr(colon, '=') : NULL;
    if (line[0] == '#' || line[0] == '/' || eq == NULL)
        return;
    *colon = '\0';
    const char *value = eq + 1;
    if (strcmp(line, "CMAKE_GENERATOR") == 0 && value[0])
        add_arg(s, "-G%s%s", value, NULL);
    if (strcmp(line, "CMAKE_HOME_DIRECTORY") == 0)
        snprintf(s->home, sizeof s->home, "%s", value);
    for (size_t i = 0; i < sizeof carried / sizeof *carried; i++)
        if (strcmp(line, carried[i]) == 0 && value[0] && !strstr(value, "NOTFOUND")) {
            add_arg(s, "-D%s=%s", line, value);
            if (strstr(line, "LAUNCHER")) {
                *launcher = 1;
                s->ccache |= strstr(value, "ccache") != NULL;
            }
        }
}

static int on_path(const char *program) {
    const char *path = getenv("PATH");
    char dir[BG__BISECT_PATH];
    for (const char *p = path ? path : ""; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(dir, sizeof dir, "%.*s/%s", (int)n, p, program);
        if (n > 0 && access(dir, X_OK) == 0)
            return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

bg_err bg__build_settings_read(const char *build_dir, bg__build_settings *s, bg__error *err) {
    char path[BG__BISECT_PATH + 32];
    memset(s, 0, sizeof *s);
    snprintf(path, sizeof path, "%s/CMakeCache.txt", build_dir);
    FILE *f = fopen(path, "r");
    BG_RETURN_IF(f == NULL, err, BG_EUSAGE,
                 "--build-dir=%s: not a CMake build tree (no CMakeCache.txt): the build whose "
                 "settings every probe is configured with",
                 build_dir);
    char line[8192];
    int launcher = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        take_line(s, line, &launcher);
    }
    fclose(f);
    if (!launcher && on_path("ccache")) {
        add_arg(s, "-DCMAKE_C_COMPILER_LAUNCHER=ccache%s%s", "", NULL);
        add_arg(s, "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache%s%s", "", NULL);
        s->ccache = 1;
    }
    BG_RETURN_IF(s->home[0] == '\0', err, BG_EUSAGE,
                 "%s: no CMAKE_HOME_DIRECTORY: the build tree's cache is incomplete", path);
    return BG_OK;
}

void bg__build_settings_free(bg__build_settings *s) {
    for (int i = 0; i < s->nargs; i++)
        free(s->args[i]);
    s->nargs = 0;
}

int bg__bisect_spawn(char *const argv[], const char *log, char *const *env) {
    int fd = log ? open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.search_path = 1;
    o.fd[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    o.fd[1] = o.fd[2] = fd;
    o.env = env;
    o.default_signals = 1;
    pid_t pid = bg_spawn(&o);
    int status = 0, waited = pid > 0 ? bg_spawn_wait(pid, 0, &status) : -2;
    if (fd >= 0)
        close(fd);
    if (o.fd[0] >= 0)
        close(o.fd[0]);
    return waited == 0 ? bg_spawn_exit_code(status) : -1;
}

void bg__log_last_line(const char *log, char *out, size_t size) {
    char *text = bg__read_text(log, NULL);
    out[0] = '\0';
    if (text == NULL)
        return;
    char *end = text + strlen(text);
    while (end > text && (end[-1] == '\n' || end[-1] == ' '))
        *--end = '\0';
    char *start = strrchr(text, '\n');
    snprintf(out, size, "%s", start ? start + 1 : text);
    bg__utf8_clean(out);
    free(text);
}

int bg__build_configure(const bg__build_settings *s, const char *src, const char *build,
                        const char *const *extra, size_t nextra, const char *log) {
    char *argv[sizeof s->args / sizeof s->args[0] + 72];
    int n = 0;
    argv[n++] = "cmake";
    argv[n++] = "-S";
    argv[n++] = (char *)src;
    argv[n++] = "-B";
    argv[n++] = (char *)build;
    for (int i = 0; i < s->nargs; i++)
        argv[n++] = s->args[i];
    for (size_t i = 0; i < nextra && i < 64; i++)
        argv[n++] = (char *)extra[i];
    argv[n] = NULL;
    return bg__bisect_spawn(argv, log, NULL) == 0 ? 0 : -1;
}
