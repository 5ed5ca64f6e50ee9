/* publish_site.c - the site's folder: written whole into OUT.tmp (the marker file first), then
 * put in OUT's place with two renames, so that a reader sees the old site or the new one and a
 * failure leaves the old one as it was. A folder publish did not write is never replaced. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "publish.h"

#define MARKER_TEXT "benchgate publish 1\n"

/* 0 when path does not exist, 1 a folder publish wrote, 2 a folder it did not, 3 not a folder. */
static int what_is(const char *path) {
    struct stat st;
    char marker[BG__PATH_MAX + 64];
    if (lstat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return 3;
    snprintf(marker, sizeof marker, "%s/%s", path, BG_PUBLISH_MARKER);
    return lstat(marker, &st) == 0 && S_ISREG(st.st_mode) ? 1 : 2;
}

static bg_err refuse(const char *path, int what, const char *flag, bg__error *err) {
    if (what == 3)
        return bg__set_error(err, BG_EUSAGE,
                             "%s=%s: not a folder (publish writes a site's folder there)", flag,
                             path);
    return bg__set_error(err, BG_EUSAGE,
                         "%s=%s: a folder publish did not write (no %s in it): refused, "
                         "nothing replaced; name a new folder or a previous site",
                         flag, path, BG_PUBLISH_MARKER);
}

static bg_err write_file(const char *path, const char *data, size_t len, bg__error *err) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot create: %s", path, strerror(errno));
    int bad = bg__write_all(fd, data, len) != 0;
    int saved = errno;
    bad |= close(fd) != 0;
    BG_RETURN_IF(bad, err, BG_EIO, "%s: cannot write: %s", path, strerror(bad ? saved : errno));
    return BG_OK;
}

bg_err bg__site_begin(bg__site *site, bg__error *err) {
    const char *out = site->o->out;
    BG_RETURN_IF(out == NULL || out[0] == '\0', err, BG_EUSAGE,
                 "--out: no folder given (--out=DIR names the site's folder)");
    BG_RETURN_IF(strlen(out) + 16 >= sizeof site->tmp, err, BG_EUSAGE, "--out=%.80s...: too long",
                 out);
    int what = what_is(out);
    if (what >= 2)
        return refuse(out, what, "--out", err);
    snprintf(site->tmp, sizeof site->tmp, "%s.tmp", out);
    what = what_is(site->tmp);
    if (what >= 2)
        return refuse(site->tmp, what, "--out (its scratch folder)", err);
    BG_RETURN_IF(what == 1 && bg__remove_tree(site->tmp) != 0, err, BG_EIO,
                 "%s: cannot remove the scratch folder of an earlier publish", site->tmp);
    BG_FORWARD_IF_ERROR(bg__mkdirs(site->tmp, err));
    char marker[BG__PATH_MAX + 64];
    snprintf(marker, sizeof marker, "%s/%s", site->tmp, BG_PUBLISH_MARKER);
    return write_file(marker, MARKER_TEXT, strlen(MARKER_TEXT), err);
}

bg_err bg__site_write(bg__site *site, const char *rel, const bg__strbuf *text, bg__error *err) {
    char path[BG__PATH_MAX + 128], dir[BG__PATH_MAX + 128];
    BG_RETURN_IF(text->failed, err, BG_ENOMEM, "out of memory writing %s", rel);
    snprintf(path, sizeof path, "%s/%s", site->tmp, rel);
    const char *slash = strrchr(rel, '/');
    if (slash) {
        snprintf(dir, sizeof dir, "%s/%.*s", site->tmp, (int)(slash - rel), rel);
        BG_FORWARD_IF_ERROR(bg__mkdirs(dir, err));
    }
    BG_FORWARD_IF_ERROR(write_file(path, text->data ? text->data : "", text->len, err));
    site->files++, site->bytes += text->len;
    return BG_OK;
}

bg_err bg__site_finish(bg__site *site, bg__error *err) {
    const char *out = site->o->out;
    char old[BG__PATH_MAX + 16];
    snprintf(old, sizeof old, "%s.old", out);
    int had = what_is(out) == 1;
    BG_RETURN_IF(what_is(old) == 1 && bg__remove_tree(old) != 0, err, BG_EIO,
                 "%s: cannot remove the site an earlier publish left", old);
    BG_RETURN_IF(had && rename(out, old) != 0, err, BG_EIO, "%s: cannot move aside: %s", out,
                 strerror(errno));
    if (rename(site->tmp, out) != 0) {
        int saved = errno;
        if (had)
            (void)rename(old, out);
        return bg__set_error(err, BG_EIO, "%s: cannot put the new site in place: %s", out,
                             strerror(saved));
    }
    if (had)
        (void)bg__remove_tree(old);
    return BG_OK;
}

void bg__site_abandon(bg__site *site) {
    if (site->tmp[0] && what_is(site->tmp) == 1)
        (void)bg__remove_tree(site->tmp);
}

static int url_char_ok(unsigned char c) {
    return c > 0x20 && c < 0x7f && !strchr("\"'<>\\`{}|^", c);
}

bg_err bg__site_repo_url(const char *url, char *out, size_t size, bg__error *err) {
    size_t n = strlen(url), scheme = strncmp(url, "https://", 8) == 0  ? 8
                                     : strncmp(url, "http://", 7) == 0 ? 7
                                                                       : 0;
    int ok = scheme && n > scheme && n < size;
    for (size_t i = 0; ok && i < n; i++)
        ok = url_char_ok((unsigned char)url[i]);
    ok = ok && url[scheme] != '/';
    char safe[256];
    bg__term_safe(url, safe, sizeof safe);
    BG_RETURN_IF(!ok, err, BG_EUSAGE,
                 "--repo-url=%s: not an http(s) URL of a repository without quotes, spaces or "
                 "control characters (https://github.com/OWNER/REPO)",
                 safe);
    while (n > scheme && url[n - 1] == '/')
        n--;
    snprintf(out, size, "%.*s", (int)n, url);
    return BG_OK;
}
