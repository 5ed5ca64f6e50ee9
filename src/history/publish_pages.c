/* publish_pages.c - the pages of benchgate publish: the index (every benchmark and machine
 * class: a sparkline, the latest figure, the latest change; a filter box, the site's only
 * script), a page per benchmark (its plot, its changes) and the page of every change, newest
 * first. The report's style sheet and escaping (report/report.h); every text from the history
 * escaped. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/version.h"
#include "publish.h"
#include "report/report.h"

static const char *const site_css =
    "nav{margin:0 0 12px}nav a{margin-right:14px}a{color:#2f6fad}"
    ".plot .line{fill:none;stroke-width:2px;vector-effect:non-scaling-stroke}"
    ".plot .band{fill-opacity:.18;stroke:none}"
    ".hv rect{y:0;width:1px;height:1000px;fill:transparent}.hv rect:hover{fill:rgba(0,0,0,.1)}"
    ".cp{stroke-width:1.5px;stroke-dasharray:4 3;vector-effect:non-scaling-stroke}"
    ".cp.reg{stroke:#d64545}.cp.imp{stroke:#3f9b4f}"
    ".fig .log,.fig.islog .lin{display:none}.fig.islog .log{display:inline}"
    ".spark{width:120px;height:24px;display:block;background:#fafbfc}"
    ".spark polyline{fill:none;stroke:#4e79a7;stroke-width:1.5px;"
    "vector-effect:non-scaling-stroke}"
    ".legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;"
    "width:18px;height:4px;margin:0 5px 3px 0;vertical-align:middle}"
    "#q{font:inherit;padding:5px 8px;width:340px;max-width:100%;margin:4px 0 8px}";

/* A benchmark page's log-scale switch: the lines' y (linear, 0 at the top of 1000) redrawn on
 * the log scale of data-log, and back; the figure's class shows that scale's ticks. #log in
 * the address starts on the log scale. */
static const char *const log_js =
    "(function(){var c=document.getElementById('log'),f=document.querySelector('.fig'),"
    "p=f.querySelector('svg.plot'),a=p.getAttribute('data-lin').split(' ').map(Number),"
    "b=p.getAttribute('data-log').split(' ').map(Number),e=p.querySelectorAll('.band,.line');"
    "function y(v){if(!c.checked)return v;var x=a[0]+(1-v/1000)*(a[1]-a[0]);x=x>0?Math.log10(x)"
    ":b[0];return Math.round(1000*(1-(x-b[0])/(b[1]-b[0])))}function draw(){f.classList.toggle("
    "'islog',c.checked);for(var i=0;i<e.length;i++){var n=e[i],k=n.tagName==='path'?'d':"
    "'points';if(!n.lin)n.lin=n.getAttribute(k);n.setAttribute(k,n.lin.replace(/(\\d+)([ ,])"
    "(-?\\d+)/g,function(m,x,s,v){return x+s+y(+v)}))}}c.addEventListener('change',draw);"
    "if(location.hash==='#log')c.checked=true;draw();document.body.setAttribute('data-ready','1')})"
    "();";

/* The index's filter: rows whose data-k holds the text typed (or #q=TEXT in the address). */
static const char *const filter_js =
    "(function(){var f=document.getElementById('q'),n=document.getElementById('shown'),"
    "r=document.querySelectorAll('#series tbody tr');function apply(){var q=f.value."
    "toLowerCase(),c=0;for(var i=0;i<r.length;i++){var h=!q||r[i].getAttribute('data-k')."
    "indexOf(q)>=0;r[i].hidden=!h;c+=h?1:0}n.textContent=String(c)}f.addEventListener('input'"
    ",apply);if(location.hash.indexOf('#q=')===0)f.value=decodeURIComponent(location.hash."
    "slice(3));apply();document.body.setAttribute('data-ready-ms',String(Math.round(performance"
    ".now())));document.body.setAttribute('data-ready','1')})();";

/* The page's head (title, style, the site's script) and top line with the site's links. */
static void page_head(bg__strbuf *sb, const bg__site *site, const char *title, const char *root) {
    bg__sb_printf(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>");
    bg__html_text(sb, title);
    bg__sb_printf(sb, "</title>\n<style>%s%s</style>\n</head>\n<body>\n<main>\n<nav>",
                  bg__html_css(), site_css);
    bg__sb_printf(sb, "<a href=\"%sindex.html\">", root);
    bg__html_text(sb, site->title);
    bg__sb_printf(sb, "</a><a href=\"%schanges.html\">Changes</a></nav>\n<h1>", root);
    bg__html_text(sb, title);
    bg__sb_printf(sb, "</h1>\n");
}

/* The page's end. */
static void page_end(bg__strbuf *sb, const bg__site *site) {
    bg__sb_printf(sb,
                  "<footer>Made by benchgate %s publish from the run history (points in %s "
                  "order; changes by the detector of benchgate changes). Lines: medians; bands: "
                  "95%% confidence intervals of the median.</footer>\n</main>\n</body>\n</html>\n",
                  bg_version_string(), bg__changes_order_name(site->list.order));
}

static int is_sha(const char *s) {
    size_t n = strlen(s);
    return n >= 7 && strspn(s, "0123456789abcdef") == n;
}

/* A link to the commit (when the repository is known and commit is a sha), else the sha. */
static void page_commit(bg__strbuf *sb, const bg__site *site, const char *commit) {
    if (site->repo[0] && is_sha(commit)) {
        bg__sb_printf(sb, "<a href=\"");
        bg__html_text(sb, site->repo);
        bg__sb_printf(sb, "/commit/%s\"><code>%.10s</code></a>", commit, commit);
        return;
    }
    char shown[11];
    snprintf(shown, sizeof shown, "%s", commit);
    bg__sb_printf(sb, "<code>");
    bg__html_text(sb, is_sha(commit) ? shown : commit);
    bg__sb_printf(sb, "</code>");
}

static const char *point_date(const bg__cpoint *p) {
    return p->commit_time[0] ? p->commit_time : p->when;
}

static void change_cells(bg__strbuf *sb, const bg__site *site, const bg__change *x) {
    char before[64], after[64];
    bg__figure_human_utf8(x->before, x->s->unit, before, sizeof before);
    bg__figure_human_utf8(x->after, x->s->unit, after, sizeof after);
    bg__sb_printf(sb, "<td>");
    page_commit(sb, site, x->s->pts[x->at].commit);
    bg__sb_printf(sb, "</td><td>");
    page_commit(sb, site, x->s->pts[x->at - 1].commit);
    bg__sb_printf(sb,
                  "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td "
                  "class=\"num\">%+.2f%%</td><td>",
                  before, after, x->pct);
    bg__html_badge(sb, x->regression ? "regression" : "improvement");
    bg__sb_printf(sb, "</td>");
}

/* ---- the index ----------------------------------------------------------------------------- */

static void lower_text(bg__strbuf *sb, const char *text) {
    char buf[1024];
    size_t i = 0;
    for (; text[i] && i + 1 < sizeof buf; i++)
        buf[i] = (char)tolower((unsigned char)text[i]);
    buf[i] = '\0';
    bg__html_text(sb, buf);
}

static void index_row(bg__strbuf *sb, const bg__site *site, const bg__pbench *b,
                      const bg__pseries *ps) {
    const bg__cseries *s = ps->s;
    const bg__cpoint *last = &s->pts[s->n - 1];
    char fig[64];
    bg__figure_human_utf8(last->value, s->unit, fig, sizeof fig);
    bg__sb_printf(sb, "<tr data-k=\"");
    lower_text(sb, s->bench);
    bg__sb_printf(sb, " ");
    lower_text(sb, s->machine_class);
    bg__sb_printf(sb, "\"><td><a href=\"%s\"><code>", b->file);
    bg__html_text(sb, s->bench);
    bg__sb_printf(sb, "</code></a></td><td>");
    bg__html_text(sb, s->machine_class);
    bg__sb_printf(sb, "</td><td>");
    bg__plot_spark(sb, ps);
    bg__sb_printf(sb, "</td><td class=\"num\">%s<br><span class=\"msg\">%.10s</span></td><td>", fig,
                  point_date(last));
    if (ps->nchanges) {
        const bg__change *x = &ps->changes[ps->nchanges - 1];
        bg__html_badge(sb, x->regression ? "regression" : "improvement");
        bg__sb_printf(sb, " %+.2f%% at ", x->pct);
        page_commit(sb, site, s->pts[x->at].commit);
        bg__sb_printf(sb, " <span class=\"msg\">%.10s</span>", point_date(&s->pts[x->at]));
    } else {
        bg__sb_printf(sb, "<span class=\"msg\">none</span>");
    }
    bg__sb_printf(sb, "</td><td class=\"num\">%zu</td></tr>\n", s->n);
}

bg_err bg__page_index(bg__site *site, bg__error *err) {
    bg__strbuf sb = {0};
    page_head(&sb, site, site->title, "");
    bg__sb_printf(&sb,
                  "<p class=\"sub\">%zu benchmark(s), %zu series, %zu change(s) of which %d "
                  "regression(s). <a href=\"changes.html\">Every change, newest first</a>.</p>\n"
                  "<input id=\"q\" type=\"search\" placeholder=\"filter: benchmark or machine "
                  "class\" aria-label=\"filter\"> <span class=\"msg\"><span id=\"shown\">%zu"
                  "</span> shown</span>\n<table id=\"series\"><thead><tr><th>benchmark</th><th>"
                  "machine class</th><th>trend</th><th>latest</th><th>latest change</th><th>"
                  "points</th></tr></thead>\n<tbody>\n",
                  site->nbenches, site->nseries, site->nchanges, site->regressions, site->nseries);
    for (size_t i = 0; i < site->nbenches; i++)
        for (size_t j = 0; j < site->benches[i].count; j++)
            index_row(&sb, site, &site->benches[i], &site->series[site->benches[i].first + j]);
    bg__sb_printf(&sb, "</tbody></table>\n<script>%s</script>\n", filter_js);
    page_end(&sb, site);
    bg_err rc = bg__site_write(site, "index.html", &sb, err);
    bg__sb_free(&sb);
    return rc;
}

/* ---- a benchmark's page -------------------------------------------------------------------- */

static int by_commit_key(const void *a, const void *b) {
    const bg__pcommit *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->commit, y->commit);
}

/* The commits of the benchmark's series, in order, each once. */
static bg__pcommit *bench_axis(const bg__site *site, const bg__pbench *b, size_t *n) {
    size_t total = 0, k = 0;
    for (size_t j = b->first; j < b->first + b->count; j++)
        total += site->series[j].s->n;
    bg__pcommit *axis = malloc((total + 1) * sizeof *axis);
    if (axis == NULL)
        return NULL;
    for (size_t j = b->first; j < b->first + b->count; j++)
        for (size_t i = 0; i < site->series[j].s->n; i++) {
            const bg__cpoint *p = &site->series[j].s->pts[i];
            axis[k++] = (bg__pcommit){p->key, p->commit, point_date(p)};
        }
    if (b->count > 1)
        qsort(axis, k, sizeof *axis, by_commit_key);
    *n = 0;
    for (size_t i = 0; i < k; i++)
        if (*n == 0 || axis[*n - 1].key != axis[i].key ||
            strcmp(axis[*n - 1].commit, axis[i].commit) != 0)
            axis[(*n)++] = axis[i];
    return axis;
}

static void legend(bg__strbuf *sb, const bg__site *site, const bg__pbench *b) {
    bg__sb_printf(sb, "<p class=\"legend\">");
    for (size_t j = b->first; j < b->first + b->count; j++) {
        bg__sb_printf(sb, "<span><i style=\"background:%s\"></i>",
                      bg__plot_colour(site->series[j].colour));
        bg__html_text(sb, site->series[j].s->machine_class);
        bg__sb_printf(sb, "</span>");
    }
    bg__sb_printf(sb, "<span><i style=\"background:#d64545\"></i>regression</span><span><i "
                      "style=\"background:#3f9b4f\"></i>improvement</span></p>\n");
}

static void bench_changes(bg__strbuf *sb, const bg__site *site, const bg__pbench *b) {
    size_t count = 0;
    for (size_t j = b->first; j < b->first + b->count; j++)
        count += site->series[j].nchanges;
    bg__sb_printf(sb, "<h2>Changes</h2>\n");
    if (count == 0) {
        bg__sb_printf(sb, "<p>No change found.</p>\n");
        return;
    }
    bg__sb_printf(sb, "<table><tr><th>machine class</th><th>date</th><th>commit</th><th>previous"
                      "</th><th>before</th><th>after</th><th>change</th><th>kind</th></tr>\n");
    for (size_t j = b->first; j < b->first + b->count; j++)
        for (size_t k = site->series[j].nchanges; k-- > 0;) {
            const bg__change *x = &site->series[j].changes[k];
            bg__sb_printf(sb, "<tr><td>");
            bg__html_text(sb, x->s->machine_class);
            bg__sb_printf(sb, "</td><td>%.10s</td>", point_date(&x->s->pts[x->at]));
            change_cells(sb, site, x);
            bg__sb_printf(sb, "</tr>\n");
        }
    bg__sb_printf(sb, "</table>\n");
}

bg_err bg__page_bench(bg__site *site, const bg__pbench *b, bg__error *err) {
    size_t n = 0;
    bg__pcommit *axis = bench_axis(site, b, &n);
    BG_RETURN_IF(axis == NULL, err, BG_ENOMEM, "out of memory drawing %s", b->name);
    const bg__cseries *first = site->series[b->first].s;
    bg__strbuf sb = {0};
    page_head(&sb, site, b->name, "../");
    bg__sb_printf(&sb, "<p class=\"sub\">");
    bg__html_text(&sb, first->metric);
    bg__sb_printf(&sb, " (");
    bg__html_text(&sb, first->unit);
    bg__sb_printf(&sb,
                  ", %s is better) over %zu commit(s)</p>\n<input type=\"checkbox\" "
                  "id=\"log\"> <label for=\"log\">log scale</label>\n<div class=\"fig\">\n",
                  first->higher_better ? "higher" : "lower", n);
    legend(&sb, site, b);
    bg__plot_bench(&sb, site, b, axis, n);
    bg__sb_printf(&sb, "</div>\n<script>%s</script>\n", log_js);
    bench_changes(&sb, site, b);
    page_end(&sb, site);
    free(axis);
    bg_err rc = bg__site_write(site, b->file, &sb, err);
    bg__sb_free(&sb);
    return rc;
}

/* ---- the changes --------------------------------------------------------------------------- */

static int newest_first(const void *a, const void *b) {
    const bg__change *x = *(const bg__change *const *)a, *y = *(const bg__change *const *)b;
    long long kx = x->s->pts[x->at].key, ky = y->s->pts[y->at].key;
    if (kx != ky)
        return kx > ky ? -1 : 1;
    int c = strcmp(x->s->bench, y->s->bench);
    return c ? c : strcmp(x->s->machine_class, y->s->machine_class);
}

static const bg__pbench *bench_of(const bg__site *site, size_t series) {
    for (size_t i = 0; i < site->nbenches; i++)
        if (series < site->benches[i].first + site->benches[i].count)
            return &site->benches[i];
    return &site->benches[site->nbenches - 1];
}

static void changes_table(bg__strbuf *sb, const bg__site *site, const bg__change **all,
                          const size_t *owner, size_t n) {
    bg__sb_printf(sb, "<table><tr><th>date</th><th>benchmark</th><th>machine class</th><th>"
                      "commit</th><th>previous</th><th>before</th><th>after</th><th>change</th>"
                      "<th>kind</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        const bg__change *x = all[i];
        bg__sb_printf(sb, "<tr><td>%.10s</td><td><a href=\"%s\"><code>",
                      point_date(&x->s->pts[x->at]), bench_of(site, owner[i])->file);
        bg__html_text(sb, x->s->bench);
        bg__sb_printf(sb, "</code></a></td><td>");
        bg__html_text(sb, x->s->machine_class);
        bg__sb_printf(sb, "</td>");
        change_cells(sb, site, x);
        bg__sb_printf(sb, "</tr>\n");
    }
    bg__sb_printf(sb, "</table>\n");
}

bg_err bg__page_changes(bg__site *site, bg__error *err) {
    const bg__change **all = malloc((site->nchanges + 1) * sizeof *all);
    size_t *owner = malloc((site->nchanges + 1) * sizeof *owner), n = 0;
    if (all == NULL || owner == NULL) {
        free(all);
        free(owner);
        return bg__set_error(err, BG_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < site->nseries; j++)
        for (size_t k = 0; k < site->series[j].nchanges; k++)
            all[n++] = &site->series[j].changes[k];
    qsort(all, n, sizeof *all, newest_first);
    for (size_t i = 0; i < n; i++) /* the series of each, for its page's link */
        owner[i] = (size_t)(all[i]->s - site->list.rows);
    bg__strbuf sb = {0};
    page_head(&sb, site, "Changes", "");
    bg__sb_printf(&sb, "<p class=\"sub\">%zu change(s), %d regression(s), newest first.</p>\n", n,
                  site->regressions);
    if (n)
        changes_table(&sb, site, all, owner, n);
    page_end(&sb, site);
    free(all), free(owner);
    bg_err rc = bg__site_write(site, "changes.html", &sb, err);
    bg__sb_free(&sb);
    return rc;
}
