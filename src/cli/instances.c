/* instances.c - what a bench executable says it would run: the instance names it prints with
 * --list (and the flags a run would get), read for benchgate start and benchgate ab; and a bench
 * chosen by --bench REGEX. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The whole of a small file, NUL-terminated; NULL when it cannot be read or memory runs out. */
static char *read_whole(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0, got = 1;
    while (f && got > 0) {
        if (len + 4096 + 1 > cap) {
            char *grown = realloc(text, cap = (len + 4096 + 1) * 2);
            if (grown == NULL)
                break;
            text = grown;
        }
        got = fread(text + len, 1, cap - len - 1, f);
        len += got;
    }
    int ok = f && got == 0 && !ferror(f);
    if (f)
        fclose(f);
    if (!ok) {
        free(text);
        return NULL;
    }
    text[len] = '\0';
    return text;
}

/* n->name[i] the lines of n->text (a copy split in place); the carriage returns dropped. */
static int split_lines(cli_names *n) {
    size_t len = strlen(n->text), lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += n->text[i] == '\n';
    n->lines = malloc(len + 1);
    n->name = malloc((lines + 1) * sizeof *n->name);
    if (n->lines == NULL || n->name == NULL)
        return -1;
    memcpy(n->lines, n->text, len + 1);
    char *save = NULL;
    for (char *t = strtok_r(n->lines, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        t[strcspn(t, "\r")] = '\0';
        if (t[0])
            n->name[n->count++] = t;
    }
    return 0;
}

int cli_list_instances(char *const argv[], cli_names *out) {
    memset(out, 0, sizeof *out);
    char tmp[CLI_PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/.benchgate-list.XXXXXX", P_tmpdir);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    close(fd);
    int rc = cli_spawn(argv, tmp);
    out->text = read_whole(tmp);
    unlink(tmp);
    if (out->text == NULL || split_lines(out) != 0) {
        cli_names_free(out);
        return rc != 0 ? rc : -1;
    }
    return rc;
}

void cli_names_free(cli_names *n) {
    free(n->text);
    free(n->lines);
    free(n->name);
    memset(n, 0, sizeof *n);
}

int cli_names_has(const cli_names *n, const char *name) {
    for (int i = 0; i < n->count; i++)
        if (strcmp(n->name[i], name) == 0)
            return 1;
    return 0;
}

int cli_bench_matches(const char *regex, const char *name) {
    if (regex == NULL)
        return 1;
    regex_t re;
    if (regcomp(&re, regex, REG_EXTENDED | REG_NOSUB) != 0)
        return 0; /* checked with bg_regex_check before, where a message can say why */
    int hit = regexec(&re, name, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}
