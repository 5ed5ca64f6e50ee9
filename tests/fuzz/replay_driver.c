/* replay_driver.c - runs a fuzz target's committed corpus as an ordinary test: every file in
 * the folders (or every file) given is fed to LLVMFuzzerTestOneInput once. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return fprintf(stderr, "replay: cannot open %s\n", path), 1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    size_t got = buf ? fread(buf, 1, (size_t)(n > 0 ? n : 0), f) : 0;
    fclose(f);
    if (buf == NULL || got != (size_t)(n > 0 ? n : 0))
        return free(buf), fprintf(stderr, "replay: cannot read %s\n", path), 1;
    LLVMFuzzerTestOneInput(buf, got);
    free(buf);
    return 0;
}

static int replay(const char *path, int *count) {
    struct stat st;
    if (stat(path, &st) != 0)
        return fprintf(stderr, "replay: %s: no such file or folder\n", path), 1;
    if (!S_ISDIR(st.st_mode))
        return ++*count, replay_file(path);
    DIR *d = opendir(path);
    int bad = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        char child[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        bad |= replay(child, count);
    }
    if (d)
        closedir(d);
    return bad;
}

int main(int argc, char **argv) {
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int bad = 0, count = 0;
    for (int i = 1; i < argc; i++)
        bad |= replay(argv[i], &count);
    printf("replayed %d input(s)%s\n", count, bad ? " (some could not be read)" : "");
    return bad || count == 0;
}
