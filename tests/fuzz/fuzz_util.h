/* fuzz_util.h - what the fuzz targets share: a private temporary folder (mkdtemp, removed at
 * exit with everything in it), writing the input to a file there, the input as a C string, and
 * the library's messages on stdout and stderr sent to /dev/null while a target runs (a sanitizer's
 * report still goes to the real stderr). Static inline functions: each target includes it once. */
#ifndef BG_FUZZ_UTIL_H
#define BG_FUZZ_UTIL_H

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void __sanitizer_set_report_fd(void *fd) __attribute__((weak));

static char bg_fuzz_dir[64] __attribute__((unused));
static int bg_fuzz_saved_fd __attribute__((unused)) = -1;
static int bg_fuzz_saved_out __attribute__((unused)) = -1;
static int bg_fuzz_null_fd __attribute__((unused)) = -1;

/* Removes path and, for a folder, everything under it (symlinks are removed, not followed). */
static inline void bg_fuzz_remove(const char *path, int depth) {
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode) && depth < 16) {
        DIR *d = opendir(path);
        for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
            char child[1024];
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            bg_fuzz_remove(child, depth + 1);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static inline void bg_fuzz_cleanup(void) {
    if (bg_fuzz_dir[0])
        bg_fuzz_remove(bg_fuzz_dir, 0);
}

/* The private folder bg-fuzz-NAME.XXXXXX in /dev/shm (memory: the targets that write a file
 * per input run faster), else in /tmp; made on the first call, removed at exit. */
static inline const char *bg_fuzz_tmpdir(const char *name) {
    if (bg_fuzz_dir[0] == '\0') {
        snprintf(bg_fuzz_dir, sizeof bg_fuzz_dir, "/dev/shm/bg-fuzz-%s.XXXXXX", name);
        if (mkdtemp(bg_fuzz_dir) == NULL) {
            snprintf(bg_fuzz_dir, sizeof bg_fuzz_dir, "/tmp/bg-fuzz-%s.XXXXXX", name);
            if (mkdtemp(bg_fuzz_dir) == NULL)
                abort();
        }
        atexit(bg_fuzz_cleanup);
    }
    return bg_fuzz_dir;
}

/* Writes size bytes to path (replacing it). @return 0, or -1 */
static inline int bg_fuzz_write(const char *path, const uint8_t *data, size_t size) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t put = size ? fwrite(data, 1, size, f) : 0;
    return fclose(f) == 0 && put == size ? 0 : -1;
}

/* The input as a NUL-terminated copy (free it), or NULL. */
static inline char *bg_fuzz_text(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (text) {
        if (size)
            memcpy(text, data, size);
        text[size] = '\0';
    }
    return text;
}

/* stdout and stderr to /dev/null until bg_fuzz_loud(); sanitizer reports keep the real
 * stderr. */
static inline void bg_fuzz_quiet(void) {
    if (bg_fuzz_saved_fd < 0) {
        bg_fuzz_saved_fd = dup(2);
        bg_fuzz_saved_out = dup(1);
        bg_fuzz_null_fd = open("/dev/null", O_WRONLY);
        if (bg_fuzz_saved_fd < 0 || bg_fuzz_saved_out < 0 || bg_fuzz_null_fd < 0)
            abort();
        if (__sanitizer_set_report_fd)
            __sanitizer_set_report_fd((void *)(intptr_t)bg_fuzz_saved_fd);
    }
    fflush(stdout);
    fflush(stderr);
    dup2(bg_fuzz_null_fd, 1);
    dup2(bg_fuzz_null_fd, 2);
}

static inline void bg_fuzz_loud(void) {
    fflush(stdout);
    fflush(stderr);
    dup2(bg_fuzz_saved_out, 1);
    dup2(bg_fuzz_saved_fd, 2);
}

#endif /* BG_FUZZ_UTIL_H */
