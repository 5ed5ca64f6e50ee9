/* notify.c - when a run finishes: a desktop notification (notify-send), an email through SMTP
 * (libcurl) and a command hook (execvp with the summary on stdin, never a shell). */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchgate/integrations.h"
#include "benchgate/process.h"
#include "benchgate/report.h"
#include "common/common.h"
#include "config/config.h"
#include "report/report.h"
#include "net.h"

void bg_notify_opts_init(bg_notify_opts *o) {
    memset(o, 0, sizeof *o);
    o->on = "always";
    o->timeout_s = 30.0;
}

/* ---- the message -------------------------------------------------------------------------- */

/** One word for an exit code. */
static const char *status_word(int code) {
    switch (code) {
    case 0:
        return "ok";
    case 1:
        return "REGRESSION";
    case 2:
        return "ERROR";
    case 3:
        return "FAILED";
    case 77:
        return "skipped";
    case 130:
    case 143:
        return "interrupted";
    default:
        return "FAILED";
    }
}

static void counts(bg__strbuf *sb, const cJSON *doc) {
    int n[3] = {0, 0, 0};
    static const char *const names[] = {"ok", "skipped", "error"};
    const cJSON *b;
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        for (int i = 0; i < 3; i++)
            n[i] += strcmp(bg__json_text(b, "status"), names[i]) == 0;
    }
    bg__sb_printf(sb, "benchmarks: %d (%d ok, %d skipped, %d error)\n",
                  cJSON_GetArraySize(bg__json_get(doc, "benchmarks")), n[0], n[1], n[2]);
    cJSON_ArrayForEach(b, bg__json_get(doc, "benchmarks")) {
        if (strcmp(bg__json_text(b, "status"), "error") == 0)
            bg__sb_printf(sb, "  error: %s: %s\n", bg__json_text(b, "name"),
                          bg__json_text(b, "error_message"));
    }
}

static void body_text(bg__strbuf *sb, const cJSON *doc, const char *path, int code) {
    const cJSON *run = bg__json_get(doc, "run"), *sys = bg__json_get(doc, "system"),
                *d = bg__json_get(run, "duration_s");
    bg__sb_printf(sb, "benchgate run %s on %s (%s)\n", bg__json_text(run, "run_id"),
                  bg__json_text(sys, "hostname"), bg__json_text(sys, "machine_class"));
    bg__sb_printf(sb, "status: %s (exit %d)%s\n", status_word(code), code,
                  cJSON_IsTrue(bg__json_get(doc, "complete")) ? "" : ", incomplete");
    bg__sb_printf(sb, "results: %s\nstarted: %s\n", path, bg__json_text(run, "timestamp"));
    if (cJSON_IsNumber(d))
        bg__sb_printf(sb, "duration: %.1f s\n", d->valuedouble);
    counts(sb, doc);
    char *md = NULL, err[512];
    if (bg_export(path, "md", &md, err, sizeof err) == BG_OK)
        bg__sb_printf(sb, "\n%s", md);
    bg_text_free(md);
}

bg_err bg_notify_message(const char *run_dir, int exit_code, char **subject, char **body,
                         char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    bg__strbuf s = {0}, b = {0};
    char path[BG__PATH_MAX + 32];
    cJSON *doc = NULL;
    *subject = *body = NULL;
    bg_err rc = bg__report_load(run_dir, &doc, path, sizeof path, &err);
    if (rc == BG_OK) {
        bg__sb_printf(&s, "benchgate: %s: run %s on %s (exit %d)", status_word(exit_code),
                      bg__json_text(bg__json_get(doc, "run"), "run_id"),
                      bg__json_text(bg__json_get(doc, "system"), "hostname"), exit_code);
        body_text(&b, doc, path, exit_code);
        if (s.failed || b.failed)
            rc = bg__set_error(&err, BG_ENOMEM, "out of memory building the notification");
    }
    cJSON_Delete(doc);
    for (char *p = s.data; p && *p; p++) /* one header line, whatever the names hold */
        *p = *p == '\r' || *p == '\n' ? ' ' : *p;
    if (rc == BG_OK)
        *subject = s.data, *body = b.data;
    else
        bg__sb_free(&s), bg__sb_free(&b);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    return rc;
}

/* ---- running a program (desktop, hook) ---------------------------------------------------- */

/* An unlinked temporary file holding text, positioned at its start (a child's stdin). */
static int text_fd(const char *text) {
    char path[] = "/tmp/benchgate-notify.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    unlink(path);
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n <= 0 && errno != EINTR) {
            close(fd);
            return -1;
        }
        done += n > 0 ? (size_t)n : 0;
    }
    if (lseek(fd, 0, SEEK_SET) == 0)
        return fd;
    close(fd);
    return -1;
}

/* Runs argv (PATH searched) with stdin from in_fd, stdout to stderr, env added and benchgate's
 * secrets removed. @return BG_OK when it exited 0; else BG_EIO with err */
static bg_err run_program(char *const argv[], int in_fd, char *const env[], double timeout_s,
                          bg__error *err) {
    bg_spawn_opts o;
    bg_spawn_init(&o, argv);
    o.search_path = 1;
    o.fd[0] = in_fd;
    o.fd[1] = 2;
    o.env = env;
    pid_t pid = bg_spawn(&o);
    BG_RETURN_IF(pid < 0, err, BG_EIO, "fork: %s", strerror(errno));
    int status = 0, rc = bg_spawn_wait(pid, timeout_s, &status);
    BG_RETURN_IF(rc == -1, err, BG_EIO, "%s did not finish within %.0f s (killed)", argv[0],
                 timeout_s);
    if (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return BG_OK;
    BG_RETURN_IF(rc == 0 && WIFSIGNALED(status), err, BG_EIO, "%s was killed by signal %d", argv[0],
                 WTERMSIG(status));
    return bg__set_error(err, BG_EIO, "%s exited with %d%s", argv[0], WEXITSTATUS(status),
                         WEXITSTATUS(status) == 127 ? " (not found?)" : "");
}

/* @return 1 when prog is an executable file on PATH. */
static int on_path(const char *prog) {
    const char *path = getenv("PATH");
    char dirs[4096], file[4200];
    snprintf(dirs, sizeof dirs, "%s", path ? path : "/usr/bin:/bin");
    char *save = NULL;
    for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        snprintf(file, sizeof file, "%s/%s", d, prog);
        if (access(file, X_OK) == 0)
            return 1;
    }
    return 0;
}

/* ---- the channels ------------------------------------------------------------------------- */

typedef struct message {
    const char *run_dir, *run_id, *subject, *body;
    int exit_code;
} message;

static bg_err desktop(const bg_notify_opts *o, const message *m, bg__error *err) {
    if (!on_path("notify-send")) {
        bg__log_line(o->log, o->log_arg,
                     "benchgate: desktop notification skipped: notify-send is not installed");
        return BG_OK;
    }
    char text[600];
    snprintf(text, sizeof text, "%.*s", (int)strcspn(m->body, "\n") + 1, m->body);
    snprintf(text + strlen(text), sizeof text - strlen(text), "results: %.400s", m->run_dir);
    char *argv[] = {"notify-send",
                    "--app-name=benchgate",
                    m->exit_code == 0 || m->exit_code == 77 ? "--urgency=normal"
                                                            : "--urgency=critical",
                    (char *)m->subject,
                    text,
                    NULL};
    bg_err rc = run_program(argv, -1, NULL, o->timeout_s, err);
    if (rc == BG_OK)
        bg__log_line(o->log, o->log_arg, "benchgate: desktop notification sent");
    return rc;
}

static bg_err hook(const bg_notify_opts *o, const message *m, bg__error *err) {
    char store[2048], *argv[64], env[5][1200];
    BG_RETURN_IF(bg__split_words(o->command, store, sizeof store, argv, 64) <= 0, err, BG_EIO,
                 "notify command: cannot split '%s' into words", o->command);
    snprintf(env[0], sizeof env[0], "BENCHGATE_RUN_DIR=%.1000s", m->run_dir);
    snprintf(env[1], sizeof env[1], "BENCHGATE_RUN_ID=%.100s", m->run_id);
    snprintf(env[2], sizeof env[2], "BENCHGATE_EXIT=%d", m->exit_code);
    snprintf(env[3], sizeof env[3], "BENCHGATE_STATUS=%s", status_word(m->exit_code));
    snprintf(env[4], sizeof env[4], "BENCHGATE_SUBJECT=%.1000s", m->subject);
    char *envp[] = {env[0], env[1], env[2], env[3], env[4], NULL};
    int fd = text_fd(m->body);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "notify command: cannot write its input: %s",
                 strerror(errno));
    bg_err rc = run_program(argv, fd, envp, o->timeout_s, err);
    close(fd);
    if (rc == BG_OK)
        bg__log_line(o->log, o->log_arg, "benchgate: notify command %s ran", argv[0]);
    return rc;
}

/* Headers and body with CRLF line ends (libcurl dot-stuffs the body). */
static void compose(bg__strbuf *sb, const bg_notify_opts *o, const message *m) {
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", gmtime_r(&now, &tm));
    bg__sb_printf(sb, "Date: %s\r\nFrom: <%s>\r\nTo: ", date, o->from);
    for (const char *p = o->to; *p;) {
        size_t n = strcspn(p, ",");
        bg__sb_printf(sb, "%s<%.*s>", p == o->to ? "" : ", ", (int)n, p);
        p += n + (p[n] == ',');
    }
    bg__sb_printf(sb,
                  "\r\nSubject: %s\r\nMessage-ID: <%s.%ld@benchgate>\r\nMIME-Version: 1.0\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
                  "8bit\r\n\r\n",
                  m->subject, m->run_id, (long)now);
    for (const char *p = m->body; *p; p++)
        bg__sb_printf(sb, *p == '\n' ? "\r\n" : "%c", *p);
}

static struct curl_slist *recipients(const char *to) {
    struct curl_slist *list = NULL;
    char addr[300];
    for (const char *p = to; *p;) {
        size_t n = strcspn(p, ",");
        snprintf(addr, sizeof addr, "<%.*s>", (int)(n < 290 ? n : 290), p);
        list = curl_slist_append(list, addr);
        p += n + (p[n] == ',');
    }
    return list;
}

static bg_err check_mail_opts(const bg_notify_opts *o, bg__error *err) {
    int smtp = bg__url_ok(o->smtp_url, "smtp,smtps");
    BG_RETURN_IF(!smtp, err, BG_EUSAGE, "email: '%s' is not an smtp:// or smtps:// URL",
                 o->smtp_url);
    BG_RETURN_IF(o->from == NULL || bg__check_address(o->from), err, BG_EUSAGE,
                 "email: the sender '%s' is not an address (notify from)", o->from ? o->from : "");
    BG_RETURN_IF(o->to == NULL || o->to[0] == '\0', err, BG_EUSAGE,
                 "email: no recipient (notify to)");
    return BG_OK;
}

static bg_err send_mail(CURL *c, const bg_notify_opts *o, const char *text, bg__error *err) {
    char cerr[CURL_ERROR_SIZE] = "", from[300];
    bg__body src = {text, strlen(text), 0};
    struct curl_slist *rcpt = recipients(o->to);
    snprintf(from, sizeof from, "<%.290s>", o->from);
    curl_easy_setopt(c, CURLOPT_URL, o->smtp_url);
    bg__curl_protocols(c, "smtp,smtps", "smtp,smtps");
    bg__curl_timeouts(c, o->timeout_s);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, bg__body_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &src);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    int login = o->smtp_user && o->smtp_user[0];
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(login ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (login) {
        curl_easy_setopt(c, CURLOPT_USERNAME, o->smtp_user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, o->smtp_password ? o->smtp_password : "");
    }
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK)
        return BG_OK;
    return bg__set_error(err, BG_EIO, "email through %s failed: %s", o->smtp_url,
                         cerr[0] ? cerr : curl_easy_strerror(rc));
}

static bg_err email(const bg_notify_opts *o, const message *m, bg__error *err) {
    BG_FORWARD_IF_ERROR(check_mail_opts(o, err));
    bg__strbuf text = {0};
    compose(&text, o, m);
    CURL *c = text.failed || curl_global_init(CURL_GLOBAL_DEFAULT) ? NULL : curl_easy_init();
    bg_err rc = c ? send_mail(c, o, text.data, err)
                  : bg__set_error(err, BG_EIO, "email: cannot start libcurl");
    if (c) {
        curl_easy_cleanup(c);
        curl_global_cleanup();
    }
    bg__sb_free(&text);
    if (rc == BG_OK)
        bg__log_line(o->log, o->log_arg, "benchgate: email sent to %s", o->to);
    return rc;
}

/* ---- all of them -------------------------------------------------------------------------- */

static int wanted(const bg_notify_opts *o) {
    const char *on = o->on ? o->on : "always";
    if (strcmp(on, "never") == 0)
        return 0;
    return strcmp(on, "failure") != 0 || (o->exit_code != 0 && o->exit_code != 77);
}

typedef bg_err (*channel_fn)(const bg_notify_opts *o, const message *m, bg__error *err);

static bg_err send_all(const bg_notify_opts *o, const message *m, bg__error *err) {
    struct {
        int on;
        channel_fn fn;
        const char *name;
    } channels[] = {{o->desktop, desktop, "desktop"},
                    {o->smtp_url && o->smtp_url[0], email, "email"},
                    {o->command && o->command[0], hook, "command"}};
    bg_err rc = BG_OK;
    for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++) {
        bg__error why = {BG_OK, ""};
        if (!channels[i].on || channels[i].fn(o, m, &why) == BG_OK)
            continue;
        bg__log_line(o->log, o->log_arg, "benchgate: warning: %s notification failed: %s",
                     channels[i].name, why.msg);
        rc = bg__set_error(err, BG_EIO, "%s notification failed: %s", channels[i].name, why.msg);
    }
    return rc;
}

bg_err bg_notify_run(const char *run_dir, const bg_notify_opts *o, char *errbuf, size_t errlen) {
    bg__error err = {BG_OK, ""};
    char *subject = NULL, *body = NULL, msg[1024], run_id[128] = "";
    bg_err rc = BG_OK;
    if (o == NULL)
        rc = bg__set_error(&err, BG_EUSAGE, "notify: no options");
    else if (wanted(o) &&
             bg_notify_message(run_dir, o->exit_code, &subject, &body, msg, sizeof msg) != BG_OK)
        rc = bg__set_error(&err, BG_EINPUT, "%s", msg);
    if (rc == BG_OK && subject) {
        const char *at = strstr(subject, ": run ");
        snprintf(run_id, sizeof run_id, "%.*s", at ? (int)strcspn(at + 6, " ") : 0,
                 at ? at + 6 : "");
        message m = {run_dir, run_id, subject, body, o->exit_code};
        rc = send_all(o, &m, &err);
    }
    free(subject);
    free(body);
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", rc == BG_OK ? "" : err.msg);
    return rc;
}
