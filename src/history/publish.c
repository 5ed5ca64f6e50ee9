/* publish.c - benchgate publish: the series of the history (changes_read.c) and their changes
 * by the default detector of benchgate changes (changes_find.c), grouped by benchmark, written
 * as a static site (publish_pages.c, publish_plot.c) into a scratch folder that then replaces
 * the previous site (publish_site.c). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/publish.h"
#include "benchgate/report.h"
#include "history.h"
#include "publish.h"
#include "report/report.h"

#define DEFAULT_TITLE "benchgate: benchmark history"

/* The repository of the newest run that recorded a GitHub Actions URL
 * (SERVER/OWNER/REPO/actions/runs/ID), "" when none did. */
static void repo_from_history(bg__site *site) {
    static const char *sql = "SELECT ci_url FROM runs WHERE ci_url IS NOT NULL ORDER BY timestamp"
                             " DESC, id DESC LIMIT 1";
    bg__error err = {BG_OK, ""};
    bg__store *s = bg__store_open(site->o->db, 0, &err);
    bg__rows *r = NULL;
    char url[1024] = "";
    if (s && s->ops->query(s, sql, NULL, 0, &r, &err) == BG_OK) {
        if (s->ops->next(r) == 1)
            snprintf(url, sizeof url, "%s", s->ops->text(r, 0));
        s->ops->rows_free(r);
    }
    bg__store_close(s);
    char *cut = strstr(url, "/actions/runs/");
    if (cut == NULL)
        return;
    *cut = '\0';
    if (bg__site_repo_url(url, site->repo, sizeof site->repo, &err) != BG_OK)
        site->repo[0] = '\0';
}

static uint64_t fnv1a(const char *s) {
    return bg__fnv1a_text(BG__FNV1A_SEED, s);
}

/* b/SLUG-HASH.html: the name's letters and digits (48 at most), and a hash of the whole name. */
static void page_file(const char *name, char *out, size_t size) {
    char slug[49];
    size_t k = 0;
    for (const char *p = name; *p && k < 48; p++)
        slug[k++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '-';
    slug[k] = '\0';
    snprintf(out, size, "b/%s-%016llx.html", slug, (unsigned long long)fnv1a(name));
}

static bg_err make_model(bg__site *site, bg__error *err) {
    bg__cparams p = bg__changes_defaults(BG__CM_STEPS);
    size_t n = site->list.count;
    site->series = calloc(n + 1, sizeof *site->series);
    site->benches = calloc(n + 1, sizeof *site->benches);
    BG_RETURN_IF(site->series == NULL || site->benches == NULL, err, BG_ENOMEM, "out of memory");
    bg__change **found = calloc(n + 1, sizeof *found);
    size_t *count = calloc(n + 1, sizeof *count);
    int bad = found == NULL || count == NULL ||
              bg__changes_find_all(&site->list, &p, NULL, found, count) != 0; /* every core */
    for (size_t i = 0; i < n; i++)
        site->series[i].changes = found ? found[i] : NULL,
        site->series[i].nchanges = count ? count[i] : 0;
    free(found), free(count);
    BG_RETURN_IF(bad, err, BG_ENOMEM, "out of memory finding the changes");
    for (size_t i = 0; i < n; i++) {
        bg__pseries *ps = &site->series[i];
        ps->s = &site->list.rows[i];
        site->nchanges += ps->nchanges;
        for (size_t k = 0; k < ps->nchanges; k++)
            site->regressions += ps->changes[k].regression;
        bg__pbench *b = site->nbenches ? &site->benches[site->nbenches - 1] : NULL;
        if (b == NULL || strcmp(b->name, ps->s->bench) != 0) {
            b = &site->benches[site->nbenches++];
            *b = (bg__pbench){ps->s->bench, i, 0, ""};
            page_file(b->name, b->file, sizeof b->file);
        }
        ps->colour = (int)b->count++;
    }
    site->nseries = n;
    return BG_OK;
}

/* The newest commit of the site (the highest place in commit order), one line. */
static bg_err write_last_commit(bg__site *site, bg__error *err) {
    const bg__cpoint *newest = NULL;
    for (size_t i = 0; i < site->nseries; i++) {
        const bg__cseries *s = site->series[i].s;
        if (s->n && (newest == NULL || s->pts[s->n - 1].key > newest->key))
            newest = &s->pts[s->n - 1];
    }
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "%s\n", newest ? newest->commit : "");
    bg_err rc = bg__site_write(site, BG_PUBLISH_LAST_COMMIT, &sb, err);
    bg__sb_free(&sb);
    return rc;
}

static bg_err write_site(bg__site *site, bg__error *err) {
    BG_FORWARD_IF_ERROR(bg__site_begin(site, err));
    bg_err rc = bg__page_index(site, err);
    for (size_t i = 0; rc == BG_OK && i < site->nbenches; i++)
        rc = bg__page_bench(site, &site->benches[i], err);
    if (rc == BG_OK)
        rc = bg__page_changes(site, err);
    if (rc == BG_OK)
        rc = write_last_commit(site, err);
    if (rc == BG_OK)
        rc = bg__site_finish(site, err);
    if (rc != BG_OK)
        bg__site_abandon(site);
    return rc;
}

static bg_err publish(bg__site *site, bg__error *err) {
    const bg_publish_options *o = site->o;
    bg__changes_query q = {o->filter, NULL, o->machine_class};
    if (o->repo_url && o->repo_url[0])
        BG_FORWARD_IF_ERROR(bg__site_repo_url(o->repo_url, site->repo, sizeof site->repo, err));
    BG_RETURN_IF(o->out == NULL || o->out[0] == '\0', err, BG_EUSAGE,
                 "--out: no folder given (--out=DIR names the site's folder)");
    BG_FORWARD_IF_ERROR(bg__changes_read(o->db, &q, &site->list, err));
    BG_RETURN_IF(site->list.count == 0, err, BG_EINPUT,
                 "%s: nothing to publish: no benchmark figure in the history%s", o->db,
                 (o->filter && o->filter[0]) || (o->machine_class && o->machine_class[0])
                     ? " matches --filter and --machine-class"
                     : " (benchgate start or history import records runs there)");
    if (site->repo[0] == '\0')
        repo_from_history(site);
    BG_FORWARD_IF_ERROR(make_model(site, err));
    return write_site(site, err);
}

static void site_free(bg__site *site) {
    for (size_t i = 0; site->series && i < site->nseries; i++)
        free(site->series[i].changes);
    free(site->series), free(site->benches);
    bg__changes_list_free(&site->list);
}

bg_err bg_history_publish(const bg_publish_options *o, char **out_text, char *errbuf,
                          size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf sb = {0};
    if (out_text)
        *out_text = NULL;
    if (o == NULL || out_text == NULL)
        return bg__report_finish(bg__set_error(&err, BG_EUSAGE, "no options or no output"), &err,
                                 &sb, out_text, errbuf, errlen);
    bg__site *site = calloc(1, sizeof *site);
    if (site == NULL)
        return bg__report_finish(bg__set_error(&err, BG_ENOMEM, "out of memory"), &err, &sb,
                                 out_text, errbuf, errlen);
    site->o = o;
    site->title = o->title && o->title[0] ? o->title : DEFAULT_TITLE;
    bg_err rc = publish(site, &err);
    if (rc == BG_OK)
        bg__sb_printf(&sb,
                      "benchgate publish: %zu benchmark(s), %zu series, %zu change(s) (%d "
                      "regression(s)), %zu file(s), %.1f MB in %s\n",
                      site->nbenches, site->nseries, site->nchanges, site->regressions,
                      site->files + 1, (double)site->bytes / 1e6, o->out);
    site_free(site);
    free(site);
    return bg__report_finish(rc, &err, &sb, out_text, errbuf, errlen);
}
