/* dataset_fetch.c - downloads with libcurl: a part file beside the target, retries with
 * exponential backoff and jitter, resume with Range, size and SHA-256 checks, 0444, rename. */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/common.h"
#include "config/config.h"
#include "datasets/datasets.h"
#include "net.h"

/** What one request achieved. */
typedef enum outcome {
    GOT_IT, /**< the part file is complete and its SHA-256 matches */
    RETRY,  /**< a transient failure: try again after a delay */
    DEAD,   /**< this URL will not work (404, bad certificate, ...): drop it */
    FATAL   /**< a local problem (cannot write the part file): stop */
} outcome;

/** One transfer into the part file. */
typedef struct transfer {
    CURL *curl;
    int fd;
    uint64_t resume_from;  /**< bytes asked to skip with Range; 0: the whole file */
    uint64_t pos;          /**< bytes in the part file */
    uint64_t expected;     /**< the manifest's size */
    long long range_start; /**< first byte of the Content-Range answered; -1: none */
    int started, overflow, bad_range, write_errno;
} transfer;

/** The download of one dataset. */
typedef struct fetcher {
    const bg_fetch_opts *o;
    const char *root;
    CURL *curl;
    uint64_t rng;
    char curl_err[CURL_ERROR_SIZE];
} fetcher;

static void say(const fetcher *f, bg_fetch_event kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An event of the fetch on its way to the caller's log. */
typedef struct event {
    const bg_fetch_opts *o;
    bg_fetch_event kind;
} event;

static void event_line(void *arg, const char *line) {
    const event *e = arg;
    e->o->log(e->o->log_arg, e->kind, line);
}

static void say(const fetcher *f, bg_fetch_event kind, const char *fmt, ...) {
    event e = {f->o, kind};
    va_list ap;
    va_start(ap, fmt);
    bg__vlog_line(f->o->log ? event_line : NULL, &e, 2048, fmt, ap);
    va_end(ap);
}

void bg_fetch_opts_init(bg_fetch_opts *o) {
    memset(o, 0, sizeof *o);
    o->attempts = 5;
    o->backoff_s = 1.0;
    o->max_delay_s = 30.0;
    o->jitter = 0.25;
    o->timeout_s = 300.0;
    o->max_redirects = 5;
}

/* ---- the body and the headers of a response -------------------------------------------- */

/* The first body bytes: a 206 must start where we asked; anything else restarts the file. */
static int begin_body(transfer *t) {
    t->started = 1;
    if (t->resume_from == 0)
        return 0;
    long code = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code == 206) {
        t->bad_range = t->range_start != (long long)t->resume_from;
        return t->bad_range ? -1 : 0;
    }
    if (ftruncate(t->fd, 0) != 0 || lseek(t->fd, 0, SEEK_SET) != 0) {
        t->write_errno = errno;
        return -1;
    }
    t->pos = t->resume_from = 0;
    return 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg) {
    transfer *t = arg;
    size_t len = size * n;
    if (!t->started && begin_body(t) != 0)
        return 0;
    if (t->pos + len > t->expected) {
        t->overflow = 1;
        return 0;
    }
    if (bg__write_all(t->fd, p, len) != 0) {
        t->write_errno = errno ? errno : EIO;
        return 0;
    }
    t->pos += len;
    return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg) {
    transfer *t = arg;
    size_t len = size * n;
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
    unsigned long long start;
    if (strncmp(line, "HTTP/", 5) == 0)
        t->range_start = -1; /* a new response (after a redirect) */
    else if (strncasecmp(line, "content-range:", 14) == 0 &&
             sscanf(line + 14, " bytes %llu-", &start) == 1)
        t->range_start = (long long)start;
    return len;
}

/* ---- one request ------------------------------------------------------------------------ */

static int is_http(const char *url) {
    return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

static void set_limits(const fetcher *f, CURL *c) {
    const bg_fetch_opts *o = f->o;
    long low_speed_time = o->timeout_s < 30 ? (long)ceil(o->timeout_s) : 30;
    bg__curl_timeouts(c, o->timeout_s); /* the connect limit of every client: at most 10 s */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L); /* bytes/s, over LOW_SPEED_TIME */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, low_speed_time > 0 ? low_speed_time : 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)o->max_redirects);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
}

static void setup(fetcher *f, transfer *t, const char *url) {
    CURL *c = f->curl;
    char agent[64], range[32];
    curl_easy_reset(c);
    snprintf(agent, sizeof agent, "benchgate/%s", bg_version_string());
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, agent);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, f->curl_err);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
    bg__curl_protocols(c, "http,https,file", "http,https");
    set_limits(f, c);
    if (t->resume_from > 0) {
        snprintf(range, sizeof range, "%llu-", (unsigned long long)t->resume_from);
        curl_easy_setopt(c, CURLOPT_RANGE, range);
    }
    f->curl_err[0] = '\0';
}

static int retryable(CURLcode rc) {
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return 1;
    default:
        return 0;
    }
}

static outcome check_complete(const transfer *t, const bg_manifest_file *mf, const char *url,
                              const char *part, bg__error *err) {
    if (t->pos < mf->size) {
        bg__set_error(err, BG_EINPUT, "short body: got %llu of %llu bytes from %s",
                      (unsigned long long)t->pos, (unsigned long long)mf->size, url);
        return RETRY; /* the part stays: the next attempt resumes it */
    }
    char sha[65];
    if (bg__sha256_file(part, sha, err) != BG_OK)
        return FATAL;
    if (strcmp(sha, mf->sha256) == 0)
        return GOT_IT;
    bg__set_error(err, BG_EINPUT, "checksum mismatch: SHA-256 %s, expected %s (from %s)", sha,
                  mf->sha256, url);
    unlink(part);
    return RETRY;
}

static outcome classify(const fetcher *f, const transfer *t, CURLcode rc, long code,
                        const bg_manifest_file *mf, const char *url, const char *part,
                        bg__error *err) {
    if (t->write_errno) {
        bg__set_error(err, BG_EIO, "cannot write %s: %s", part, strerror(t->write_errno));
        return FATAL;
    }
    if (t->overflow || t->bad_range) {
        bg__set_error(err, BG_EINPUT, "%s (from %s)",
                      t->overflow ? "the body is larger than the manifest's size"
                                  : "the answer to a Range request starts at the wrong byte",
                      url);
        unlink(part);
        return RETRY;
    }
    if (rc == CURLE_HTTP_RETURNED_ERROR) {
        bg__set_error(err, BG_EINPUT, "HTTP %ld from %s", code, url);
        if (code == 416)
            unlink(part);
        return code >= 500 || code == 429 || code == 408 || code == 416 ? RETRY : DEAD;
    }
    if (rc != CURLE_OK) {
        bg__set_error(err, BG_EINPUT, "%s%s%s from %s", curl_easy_strerror(rc),
                      f->curl_err[0] ? ": " : "", f->curl_err, url);
        return retryable(rc) ? RETRY : DEAD;
    }
    return check_complete(t, mf, url, part, err);
}

/* Opens the part file; @return bytes to resume from, or -1 (err set). */
static long long open_part(transfer *t, const char *part, const char *url, bg__error *err) {
    struct stat st;
    t->fd = open(part, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (t->fd < 0 || fstat(t->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        bg__set_error(err, BG_EIO, "cannot open %s: %s", part,
                      t->fd < 0 ? strerror(errno) : "not a file");
        return -1;
    }
    uint64_t have = (uint64_t)st.st_size;
    if (have >= t->expected || !is_http(url))
        have = 0; /* too long (or complete but unchecked): start again */
    if (ftruncate(t->fd, (off_t)have) != 0 || lseek(t->fd, (off_t)have, SEEK_SET) < 0) {
        bg__set_error(err, BG_EIO, "cannot write %s: %s", part, strerror(errno));
        return -1;
    }
    return (long long)have;
}

static outcome try_url(fetcher *f, const bg_manifest_file *mf, const char *url, const char *part,
                       bg__error *err) {
    transfer t;
    memset(&t, 0, sizeof t);
    t.curl = f->curl, t.expected = mf->size, t.range_start = -1;
    long long have = open_part(&t, part, url, err);
    if (have < 0) {
        if (t.fd >= 0)
            close(t.fd);
        return FATAL;
    }
    t.resume_from = t.pos = (uint64_t)have;
    setup(f, &t, url);
    CURLcode rc = curl_easy_perform(f->curl);
    long code = 0;
    curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &code);
    if (fsync(t.fd) != 0 && t.write_errno == 0 && errno != EINVAL)
        t.write_errno = errno;
    if (close(t.fd) != 0 && t.write_errno == 0)
        t.write_errno = errno;
    return classify(f, &t, rc, code, mf, url, part, err);
}

/* ---- retries ------------------------------------------------------------------------------ */

/* The delay after failed attempt k (0-based): the network clients' backoff (net.c). */
static double next_delay(fetcher *f, int k) {
    const bg__backoff b = {f->o->backoff_s, f->o->max_delay_s, f->o->jitter};
    return bg__retry_delay(&b, k, -1, &f->rng);
}

/** The URLs of one file: the mirror's first, then the manifest's. */
typedef struct url_list {
    const char *url[65];
    unsigned char dead[65];
    size_t n;
} url_list;

static outcome one_round(fetcher *f, const bg_manifest_file *mf, url_list *u, const char *part,
                         bg__error *err, const char **from) {
    outcome result = DEAD;
    for (size_t i = 0; i < u->n; i++) {
        if (u->dead[i])
            continue;
        outcome r = try_url(f, mf, u->url[i], part, err);
        if (r == GOT_IT)
            *from = u->url[i];
        if (r == GOT_IT || r == FATAL)
            return r;
        if (r == DEAD) {
            u->dead[i] = 1;
            say(f, BG_FETCH_WARN, "%s: %s (not retried)", mf->path, err->msg);
        } else {
            result = RETRY;
        }
    }
    return result;
}

static outcome download(fetcher *f, const bg_manifest_file *mf, url_list *u, const char *part,
                        bg__error *err, const char **from) {
    int attempts = f->o->attempts;
    for (int k = 0; k < attempts; k++) {
        outcome r = one_round(f, mf, u, part, err, from);
        if (r != RETRY)
            return r;
        if (k + 1 == attempts)
            break;
        double d = next_delay(f, k);
        say(f, BG_FETCH_RETRY, "%s: attempt %d of %d failed: %s; retrying in %.3f s", mf->path,
            k + 1, attempts, err->msg, d);
        bg__sleep_s(d);
    }
    return RETRY;
}

/* ---- one file ----------------------------------------------------------------------------- */

/* MIRROR/path, with every byte outside [A-Za-z0-9._~/-] percent-encoded. */
static const char *mirror_url(const char *mirror, const char *path, char *buf, size_t size) {
    size_t n =
        (size_t)snprintf(buf, size, "%s%s", mirror, mirror[strlen(mirror) - 1] == '/' ? "" : "/");
    for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < size; p++) {
        if (strchr("._~/-", *p) || (*p >= '0' && *p <= '9') ||
            ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            buf[n++] = (char)*p;
        else
            n += (size_t)snprintf(buf + n, size - n, "%%%02X", *p);
    }
    buf[n] = '\0';
    return buf;
}

static bg_err install(const char *part, const char *target, bg__error *err) {
    if (chmod(part, 0444) != 0 || rename(part, target) != 0) {
        bg__set_error(err, BG_EIO, "cannot move %s into place: %s", part, strerror(errno));
        unlink(part);
        return BG_EIO;
    }
    char dir[BG__PATH_MAX];
    snprintf(dir, sizeof dir, "%s", target);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* the rename itself is durable; an error here changes nothing */
        close(fd);
    }
    return BG_OK;
}

/* @return 1 when target is present and valid (made read-only if needed). */
static int already_there(fetcher *f, const bg_manifest_file *mf, const char *target,
                         const char *part) {
    struct stat st;
    if (stat(target, &st) != 0)
        return 0;
    char problem[1024];
    bg__hash_source how;
    bg__check_dataset_file(f->root, mf, NULL, BG__CHECK_IGNORE_MODE, problem, sizeof problem, &how);
    if (problem[0] != '\0') {
        say(f, BG_FETCH_WARN, "%s: present but invalid (%s): downloading it again", mf->path,
            problem);
        return 0;
    }
    int fixed = (st.st_mode & 0222) != 0 && chmod(target, 0444) == 0;
    unlink(part); /* a leftover of an interrupted download */
    say(f, BG_FETCH_FILE, "present %s (valid%s)", mf->path, fixed ? "; made read-only" : "");
    return 1;
}

static bg_err prepare_target(fetcher *f, const bg_manifest_file *mf, char *target, size_t size,
                             bg__error *err) {
    BG_FORWARD_IF_ERROR(bg__dataset_resolve(f->root, mf->path, target, size, err));
    char dir[BG__PATH_MAX];
    snprintf(dir, sizeof dir, "%s", target);
    *strrchr(dir, '/') = '\0';
    BG_FORWARD_IF_ERROR(bg__mkdirs(dir, err));
    return bg__dataset_resolve(f->root, mf->path, target, size, err);
}

static bg_err fetch_file(fetcher *f, const bg_manifest_file *mf, bg__error *err) {
    char target[BG__PATH_MAX], part[BG__PATH_MAX + 8], mirror[BG__PATH_MAX];
    BG_FORWARD_IF_ERROR(prepare_target(f, mf, target, sizeof target, err));
    snprintf(part, sizeof part, "%s.part", target);
    if (already_there(f, mf, target, part))
        return BG_OK;
    url_list u;
    memset(&u, 0, sizeof u);
    if (f->o->mirror)
        u.url[u.n++] = mirror_url(f->o->mirror, mf->path, mirror, sizeof mirror);
    for (size_t i = 0; i < mf->url_count && u.n < 65; i++)
        u.url[u.n++] = mf->urls[i];
    BG_RETURN_IF(u.n == 0, err, BG_EINPUT,
                 "no URL to fetch it from (the manifest lists none: give --mirror=URL "
                 "or BENCH_DATASET_MIRROR)");
    const char *from = NULL;
    bg__error last = {BG_OK, ""};
    outcome r = download(f, mf, &u, part, &last, &from);
    if (r == GOT_IT && install(part, target, err) == BG_OK) {
        say(f, BG_FETCH_FILE, "fetched %s (%llu bytes, SHA-256 ok) from %s", mf->path,
            (unsigned long long)mf->size, from);
        return BG_OK;
    }
    unlink(part);
    if (r == RETRY)
        bg__set_error(err, BG_EINPUT, "failed after %d attempt(s): %s", f->o->attempts, last.msg);
    else if (r != GOT_IT)
        bg__set_error(err, BG_EINPUT, "%s", last.msg);
    return BG_EINPUT;
}

/* ---- the dataset ---------------------------------------------------------------------------- */

static bg_err check_opts(const bg_fetch_opts *o, bg__error *err) {
    BG_RETURN_IF(o->attempts < 1 || o->attempts > 100, err, BG_EUSAGE,
                 "attempts: %d is out of range (1 to 100)", o->attempts);
    BG_RETURN_IF(!(o->backoff_s >= 0 && o->backoff_s <= 3600), err, BG_EUSAGE,
                 "backoff: %g s is out of range (0 to 3600)", o->backoff_s);
    BG_RETURN_IF(!(o->max_delay_s >= 0 && o->max_delay_s <= 86400), err, BG_EUSAGE,
                 "max-delay: %g s is out of range (0 to 86400)", o->max_delay_s);
    BG_RETURN_IF(!(o->jitter >= 0 && o->jitter < 1), err, BG_EUSAGE,
                 "jitter: %g is out of range (0 to below 1)", o->jitter);
    BG_RETURN_IF(!(o->timeout_s > 0 && o->timeout_s <= 86400), err, BG_EUSAGE,
                 "timeout: %g s is out of range (above 0, up to 86400)", o->timeout_s);
    BG_RETURN_IF(o->max_redirects < 0 || o->max_redirects > 50, err, BG_EUSAGE,
                 "max_redirects: %d is out of range (0 to 50)", o->max_redirects);
    const char *m = o->mirror;
    BG_RETURN_IF(m && (m[0] == '\0' || strlen(m) > 2048 || strpbrk(m, " \t\r\n\"'") ||
                       (!is_http(m) && strncmp(m, "file://", 7) != 0)),
                 err, BG_EUSAGE, "mirror: '%s' is not an http://, https:// or file:// URL", m);
    return BG_OK;
}

static void fetch_all(fetcher *f, const bg_manifest_dataset *d, bg__strbuf *failures,
                      size_t *failed) {
    for (size_t i = 0; i < d->file_count; i++) {
        bg__error why = {BG_OK, ""};
        if (fetch_file(f, &d->files[i], &why) == BG_OK)
            continue;
        bg__sb_printf(failures, "%s%s: %s", (*failed)++ ? "; " : "", d->files[i].path, why.msg);
    }
}

bg_err bg_dataset_fetch(const bg_manifest_dataset *d, const bg_fetch_opts *o, char *errbuf,
                        size_t errlen) {
    bg__error err = {0};
    fetcher f;
    memset(&f, 0, sizeof f);
    f.o = o, f.root = o->root ? o->root : bg_dataset_default_root();
    if (check_opts(o, &err) != BG_OK || bg__mkdirs(f.root, &err) != BG_OK)
        return bg__errbuf(&err, err.code, errbuf, errlen);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || (f.curl = curl_easy_init()) == NULL) {
        bg__set_error(&err, BG_ENOMEM, "cannot start libcurl");
        return bg__errbuf(&err, err.code, errbuf, errlen);
    }
    f.rng = (uint64_t)bg__now_ns() ^ ((uint64_t)getpid() << 32);
    if (o->insecure)
        say(&f, BG_FETCH_WARN,
            "TLS certificate and host name verification is off "
            "(--insecure): only the SHA-256 protects the download");
    bg__strbuf failures = {0};
    size_t failed = 0;
    fetch_all(&f, d, &failures, &failed);
    curl_easy_cleanup(f.curl);
    curl_global_cleanup();
    if (failed)
        bg__set_error(&err, BG_EINPUT, "dataset '%s': %zu of %zu file(s) could not be fetched: %s",
                      d->name, failed, d->file_count, failures.data ? failures.data : "");
    bg__sb_free(&failures);
    return bg__errbuf(&err, err.code, errbuf, errlen);
}
