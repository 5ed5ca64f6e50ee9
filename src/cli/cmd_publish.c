/* cmd_publish.c - benchgate publish: the run history as a static site (src/history/publish*.c).
 * The repository's URL for commit links: --repo-url, else GitHub Actions' (GITHUB_SERVER_URL
 * and GITHUB_REPOSITORY), else the one the runs' CI URL names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/publish.h"
#include "benchgate/report.h"
#include "cli.h"
#include "flags.h"

typedef struct publish_opts {
    bg_publish_options o;
    const char *db;
} publish_opts;

#define OPT(field) CLI_OFF(publish_opts, field)
static const cli_flag_def publish_flags[] = {
    CLI_FLAG_DB(publish_opts, db),
    {"out", "DIR", CLI_TEXT, OPT(o.out), 0, 0, NULL, NULL,
     "the site's folder: made, or replaced when a previous publish wrote it", NULL},
    CLI_FLAG_FILTER(publish_opts, o.filter, "only the benchmarks whose name matches"),
    {"machine-class", "CLASS", CLI_TEXT, OPT(o.machine_class), 0, 0, NULL, NULL,
     "only the series of this machine class", NULL},
    {"repo-url", "URL", CLI_TEXT, OPT(o.repo_url), 0, 0, NULL, NULL,
     "the repository (https://...) that commits link to (default: GitHub Actions'\n"
     "GITHUB_SERVER_URL/GITHUB_REPOSITORY, else the runs' recorded CI URL)",
     NULL},
    {"title", "TEXT", CLI_TEXT, OPT(o.title), 0, 0, NULL, "benchgate: benchmark history",
     "the site's title", NULL},
};
#undef OPT

const cli_verb_def cli_publish_verb = {
    "publish",
    "",
    "Writes the run history as a static site into --out: an index of every benchmark\n"
    "and machine class (a sparkline, the latest figure, the latest change, a filter\n"
    "box), a page per benchmark (its medians over commits with their CI band, the\n"
    "change points of benchgate changes marked, a log-scale switch) and the changes,\n"
    "newest first. Inline CSS, JS and SVG only: it works from file:// and on GitHub\n"
    "Pages. The site is written beside --out and then renamed into place; a folder\n"
    "that publish did not write is refused. DIR/last_commit.txt holds the newest\n"
    "commit, for the next changes --since.",
    publish_flags,
    CLI_COUNT(publish_flags),
    0,
    0,
    NULL};

/* GitHub Actions' repository: SERVER/OWNER/REPO. */
static const char *ci_repo_url(char *buf, size_t size) {
    const char *server = getenv("GITHUB_SERVER_URL"), *repo = getenv("GITHUB_REPOSITORY");
    if (server == NULL || repo == NULL || !server[0] || !repo[0])
        return NULL;
    snprintf(buf, size, "%s/%s", server, repo);
    return buf;
}

int cmd_publish(int argc, char **argv) {
    publish_opts c = {0};
    char db[CLI_PATH_MAX], err[1024], repo[1024];
    int p = cli_parse(&cli_publish_verb, argc, argv, &c, NULL);
    if (p != 0)
        return p == 1 ? 0 : 2;
    if (c.o.out == NULL)
        return cli_usage_error("publish: --out=DIR is required (the site's folder)");
    if (history_db(c.db, db, sizeof db) != 0)
        return BG_EXIT_USAGE;
    c.o.db = db;
    if (c.o.repo_url == NULL)
        c.o.repo_url = ci_repo_url(repo, sizeof repo);
    char *text = NULL;
    bg_err rc = bg_history_publish(&c.o, &text, err, sizeof err);
    if (rc != BG_OK)
        return cli_usage_error("%s", err);
    fputs(text, stdout);
    bg_text_free(text);
    return 0;
}
