/* bisect_git.c - git for benchgate bisect, always git itself (bg_spawn): revisions, the range
 * between good and bad, commit subjects and dates, and the worktree of each probe. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/process.h"
#include "bisect/bisect.h"

#define GIT_ARGS 16

static void trim(char *s) {
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = '\0';
}

/* Runs git -C repo with the NULL-terminated arguments, its stdout into out (may be NULL),
 *  the last line kept, whitespace trimmed. @return git's exit code, -1 when it could not run */
static int git_run(const char *repo, char *out, size_t size, ...) {
    char *argv[GIT_ARGS + 4] = {"git", "-C", (char *)repo};
    int n = 3;
    va_list ap;
    va_start(ap, size);
    for (char *a = va_arg(ap, char *); a && n < GIT_ARGS; a = va_arg(ap, char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    char scratch[256];
    if (out == NULL)
        out = scratch, size = sizeof scratch;
    int rc = bg_spawn_capture(argv, out, size, 120);
    trim(out);
    return rc;
}

bg_err bg__git_toplevel(const char *dir, char *top, size_t tsize, char *prefix, size_t psize,
                        bg__error *err) {
    int rc = git_run(dir, top, tsize, "rev-parse", "--show-toplevel", (char *)NULL);
    BG_RETURN_IF(rc != 0 || top[0] == '\0', err, BG_EUSAGE,
                 "%s: not in a git repository (git rev-parse --show-toplevel failed); give "
                 "--source=DIR, the repository to bisect",
                 dir);
    if (git_run(dir, prefix, psize, "rev-parse", "--show-prefix", (char *)NULL) != 0)
        prefix[0] = '\0';
    return BG_OK;
}

bg_err bg__git_resolve(const char *repo, const char *name, const char *rev, char sha[41],
                       bg__error *err) {
    char spec[512], out[128];
    BG_RETURN_IF(rev == NULL || rev[0] == '\0' || rev[0] == '-', err, BG_EUSAGE,
                 "%s: needs a revision (a commit, a tag, a branch)", name);
    snprintf(spec, sizeof spec, "%.500s^{commit}", rev);
    int rc = git_run(repo, out, sizeof out, "rev-parse", "--verify", "--quiet", spec, (char *)NULL);
    BG_RETURN_IF(rc != 0 || strlen(out) != 40, err, BG_EUSAGE,
                 "%s=%.200s: not a commit of %s (git rev-parse --verify failed)", name, rev, repo);
    memcpy(sha, out, 41);
    return BG_OK;
}

/* Splits rev-list's output (one sha a line, oldest first) into commits. */
static size_t split_shas(char *text, bg__commit *list, size_t max) {
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(text, "\n", &save); t && n < max;
         t = strtok_r(NULL, "\n", &save))
        if (strlen(t) == 40)
            memcpy(list[n++].sha, t, 41);
    return n;
}

bg_err bg__git_range(const char *repo, const char *good, const char *bad, bg__commit **list,
                     size_t *n, bg__error *err) {
    BG_RETURN_IF(strcmp(good, bad) == 0, err, BG_EUSAGE,
                 "--good and --bad are the same commit (%.12s): nothing to bisect", good);
    int rc = git_run(repo, NULL, 0, "merge-base", "--is-ancestor", good, bad, (char *)NULL);
    BG_RETURN_IF(rc != 0, err, BG_EUSAGE,
                 "--good=%.12s is not an ancestor of --bad=%.12s: the good revision must come "
                 "before the bad one",
                 good, bad);
    size_t cap = 1 << 20;
    char *text = malloc(cap), range[100];
    BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory");
    snprintf(range, sizeof range, "%s..%s", good, bad);
    rc = git_run(repo, text, cap, "rev-list", "--reverse", "--ancestry-path", range, (char *)NULL);
    size_t max = cap / 41 + 1;
    *list = rc == 0 ? calloc(max, sizeof **list) : NULL;
    *n = *list ? split_shas(text, *list, max) : 0;
    free(text);
    BG_RETURN_IF(*list == NULL, err, BG_EUSAGE, "git rev-list %s failed in %s", range, repo);
    for (size_t i = 0; i < *n; i++)
        bg__git_describe(repo, (*list)[i].sha, &(*list)[i]);
    return BG_OK;
}

void bg__git_describe(const char *repo, const char *sha, bg__commit *c) {
    char out[512];
    if (c->sha != sha)
        snprintf(c->sha, sizeof c->sha, "%.40s", sha);
    c->subject[0] = c->date[0] = '\0';
    if (git_run(repo, out, sizeof out, "log", "-1", "--format=%cI%x09%s", sha, (char *)NULL) != 0)
        return;
    char *tab = strchr(out, '\t');
    if (tab == NULL)
        return;
    *tab = '\0';
    snprintf(c->date, sizeof c->date, "%.39s", out);
    snprintf(c->subject, sizeof c->subject, "%.159s", tab + 1);
    bg__utf8_clean(c->subject);
}

int bg__git_worktree_add(const char *repo, const char *path, const char *sha, const char *log) {
    char *argv[] = {"git",      "-C",      (char *)repo, "worktree",  "add",
                    "--detach", "--quiet", (char *)path, (char *)sha, NULL};
    return bg__bisect_spawn(argv, log, NULL) == 0 ? 0 : -1;
}

void bg__git_worktree_remove(const char *repo, const char *path) {
    git_run(repo, NULL, 0, "worktree", "remove", "--force", path, (char *)NULL);
    git_run(repo, NULL, 0, "worktree", "prune", (char *)NULL);
}
