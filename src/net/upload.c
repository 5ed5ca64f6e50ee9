/* upload.c - a run directory sent to a central server: one HTTPS POST of multipart/form-data
 * (libcurl mime), retried after network errors, 408, 429 and 5xx with exponential backoff and
 * jitter; the token goes in an Authorization header and nowhere else. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/results.h"
#include "benchgate/integrations.h"
#include "common/common.h"
#include "config/config.h"
#include "report/report.h"
#include "net.h"

void bg_upload_opts_init(bg_upload_opts *o) {
    memset(o, 0, sizeof *o);
    o->attempts = 5;
    o->backoff_s = 1.0;
    o->max_delay_s = 30.0;
    o->jitter = 0.25;
    o->timeout_s = 120.0;
}

/* ---- what is sent ------------------------------------------------------------------------- */

/** The files and fields of one upload, read once before the first attempt. */
typedef struct payload {
    char run_id[128], machine_class[256], hostname[256];
    char *file[3]; /**< result.json, result.csv, summary.md (NULL: absent) */
    size_t len[3];
} payload;

static const char *const file_names[] = {BG_RESULT_FILE, "result.csv", "summary.md"};
static const char *const file_types[] = {"application/json", "text/csv", "text/markdown"};

static bg_err read_payload(const char *run_dir, payload *p, bg__error *err) {
    char resolved[BG__PATH_MAX + 32], path[BG__PATH_MAX + 64];
    cJSON *doc = NULL;
    memset(p, 0, sizeof *p);
    BG_FORWARD_IF_ERROR(bg__report_load(run_dir, &doc, resolved, sizeof resolved, err));
    const cJSON *sys = cJSON_GetObjectItemCaseSensitive(doc, "system");
    snprintf(p->run_id, sizeof p->run_id, "%s",
             bg__json_text(cJSON_GetObjectItemCaseSensitive(doc, "run"), "run_id"));
    snprintf(p->machine_class, sizeof p->machine_class, "%s", bg__json_text(sys, "machine_class"));
    snprintf(p->hostname, sizeof p->hostname, "%s", bg__json_text(sys, "hostname"));
    cJSON_Delete(doc);
    const char *slash = strrchr(resolved, '/');
    int dir_len = slash ? (int)(slash - resolved) : 1;
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%.*s/%s", dir_len, slash ? resolved : ".", file_names[i]);
        if (i > 0 && access(path, F_OK) != 0)
            continue;
        p->file[i] = bg__read_text(path, err);
        if (p->file[i] == NULL)
            return err->code;
        p->len[i] = strlen(p->file[i]);
    }
    return BG_OK;
}

static void free_payload(payload *p) {
    for (int i = 0; i < 3; i++)
        free(p->file[i]);
}

static curl_mime *make_form(CURL *c, const payload *p) {
    curl_mime *form = curl_mime_init(c);
    const char *fields[][2] = {
        {"run_id", p->run_id}, {"machine_class", p->machine_class}, {"hostname", p->hostname}};
    for (size_t i = 0; form && i < 3; i++) {
        curl_mimepart *part = curl_mime_addpart(form);
        curl_mime_name(part, fields[i][0]);
        curl_mime_data(part, fields[i][1], CURL_ZERO_TERMINATED);
    }
    for (int i = 0; form && i < 3; i++) {
        if (p->file[i] == NULL)
            continue;
        curl_mimepart *part = curl_mime_addpart(form);
        curl_mime_name(part, file_names[i]);
        curl_mime_filename(part, file_names[i]);
        curl_mime_type(part, file_types[i]);
        curl_mime_data(part, p->file[i], p->len[i]);
    }
    return form;
}

/* ---- one attempt ---------------------------------------------------------------------------- */

/** What an attempt achieved. */
typedef enum outcome { SENT, RETRY, FINAL } outcome;

typedef struct attempt {
    long code;
    double retry_after; /**< seconds from a Retry-After header; < 0 none */
    bg__reply reply;
    char why[700];
} attempt;

static size_t on_header(char *data, size_t size, size_t n, void *arg) {
    attempt *a = arg;
    size_t len = size * n;
    if (len > 12 && strncasecmp(data, "retry-after:", 12) == 0)
        a->retry_after = atof(data + 12);
    return len;
}

static int transient(CURLcode rc) {
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
        return 1;
    default:
        return 0;
    }
}

static void set_transfer(CURL *c, const char *url, const bg_upload_opts *o, attempt *a,
                         char *cerr) {
    curl_easy_setopt(c, CURLOPT_URL, url);
    bg__curl_protocols(c, "https", "https");
    bg__curl_timeouts(c, o->timeout_s);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
    if (o->cacert)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "benchgate-upload");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bg__reply_keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a->reply);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
}

static outcome judge(CURLcode rc, attempt *a, const char *cerr) {
    char line[256];
    if (rc != CURLE_OK) {
        snprintf(a->why, sizeof a->why, "%s", cerr[0] ? cerr : curl_easy_strerror(rc));
        return transient(rc) ? RETRY : FINAL;
    }
    if (a->code >= 200 && a->code <= 299)
        return SENT;
    bg__reply_line(&a->reply, line, sizeof line);
    snprintf(a->why, sizeof a->why, "HTTP %ld%s%s", a->code, line[0] ? ": " : "", line);
    return a->code == 408 || a->code == 429 || a->code >= 500 ? RETRY : FINAL;
}

static outcome try_once(CURL *c, const char *url, const payload *p, struct curl_slist *headers,
                        const bg_upload_opts *o, attempt *a) {
    char cerr[CURL_ERROR_SIZE] = "";
    memset(a, 0, sizeof *a);
    a->retry_after = -1;
    curl_easy_reset(c);
    set_transfer(c, url, o, a, cerr);
    curl_mime *form = make_form(c, p);
    curl_easy_setopt(c, CURLOPT_MIMEPOST, form);
    if (headers)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->code);
    curl_mime_free(form);
    return judge(rc, a, cerr);
}

/* ---- retries -------------------------------------------------------------------------------- */

/* The delay after failed attempt k: the network clients' backoff; a Retry-After asks for at
 * least its seconds (capped too). */
static double delay_after(const bg_upload_opts *o, int k, double retry_after, uint64_t *rng) {
    const bg__backoff b = {o->backoff_s, o->max_delay_s, o->jitter};
    return bg__retry_delay(&b, k, retry_after, rng);
}

static bg_err check_opts(const char *url, const bg_upload_opts *o, bg__error *err) {
    BG_RETURN_IF(o == NULL, err, BG_EUSAGE, "upload: no options");
    BG_RETURN_IF(url == NULL || !bg__url_ok(url, "https"), err, BG_EUSAGE,
                 "upload: '%s' is not an https:// URL without user:password@ (the token comes "
                 "from BENCHGATE_UPLOAD_TOKEN)",
                 url ? url : "");
    BG_RETURN_IF(o->attempts < 1 || o->attempts > 100, err, BG_EUSAGE,
                 "upload: attempts %d is out of range (1 to 100)", o->attempts);
    BG_RETURN_IF(!(o->backoff_s >= 0) || !(o->max_delay_s >= 0) || !(o->jitter >= 0) ||
                     o->jitter > 1 || !(o->timeout_s > 0),
                 err, BG_EUSAGE, "upload: a delay, the jitter or the timeout is out of range");
    return BG_OK;
}

static bg_err send_with_retries(CURL *c, const char *url, const payload *p, const bg_upload_opts *o,
                                bg__error *err) {
    struct curl_slist *headers = bg__bearer_header(NULL, o->token);
    uint64_t rng = o->seed ? o->seed : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
    attempt a;
    bg_err rc = BG_EIO;
    for (int k = 0; k < o->attempts; k++) {
        outcome r = try_once(c, url, p, headers, o, &a);
        if (r == SENT) {
            bg__log_line(o->log, o->log_arg,
                         "benchgate: uploaded run %s to %s (HTTP %ld, attempt %d)", p->run_id, url,
                         a.code, k + 1);
            rc = BG_OK;
            break;
        }
        int last = r == FINAL || k + 1 == o->attempts;
        double d = last ? 0 : delay_after(o, k, a.retry_after, &rng);
        bg__log_line(o->log, o->log_arg, "benchgate: upload attempt %d of %d failed: %s%s", k + 1,
                     o->attempts, a.why, last ? "" : "; retrying");
        if (last) {
            bg__set_error(err, BG_EIO, "upload to %s failed after %d attempt(s): %s", url, k + 1,
                          a.why);
            break;
        }
        bg__sleep_s(d);
    }
    curl_slist_free_all(headers);
    return rc;
}

bg_err bg_upload_run(const char *url, const char *run_dir, const bg_upload_opts *o, char *errbuf,
                     size_t errlen) {
    bg__error err = {BG_OK, ""};
    payload p;
    memset(&p, 0, sizeof p);
    bg_err rc = check_opts(url, o, &err);
    if (rc == BG_OK)
        rc = read_payload(run_dir, &p, &err);
    if (rc == BG_OK && curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        rc = bg__set_error(&err, BG_EIO, "upload: cannot start libcurl");
    else if (rc == BG_OK) {
        CURL *c = curl_easy_init();
        rc = c ? send_with_retries(c, url, &p, o, &err)
               : bg__set_error(&err, BG_ENOMEM, "upload: cannot start libcurl");
        curl_easy_cleanup(c);
        curl_global_cleanup();
    }
    free_payload(&p);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    return rc;
}
