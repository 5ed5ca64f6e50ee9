/* net.c - libcurl helpers shared by the integrations: protocols, time limits, replies. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net.h"

size_t bg__reply_keep(char *data, size_t size, size_t n, void *reply) {
    bg__reply *r = reply;
    size_t len = size * n, room = sizeof r->text - 1 - r->len;
    size_t take = len < room ? len : room;
    memcpy(r->text + r->len, data, take);
    r->len += take;
    r->text[r->len] = '\0';
    return len;
}

void bg__curl_protocols(CURL *c, const char *protocols) {
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
#else
    long mask = 0;
    if (strstr(protocols, "http"))
        mask |= CURLPROTO_HTTP;
    if (strstr(protocols, "https"))
        mask |= CURLPROTO_HTTPS;
    if (strstr(protocols, "smtp"))
        mask |= CURLPROTO_SMTP;
    if (strstr(protocols, "smtps"))
        mask |= CURLPROTO_SMTPS;
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, mask);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, mask);
#endif
}

void bg__curl_timeouts(CURL *c, double timeout_s) {
    double connect = timeout_s < 10 ? timeout_s : 10;
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)ceil(connect * 1000));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)ceil(timeout_s * 1000));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

void bg__reply_line(const bg__reply *r, char *out, size_t size) {
    size_t n = 0;
    for (size_t i = 0; i < r->len && n + 1 < size && n < 200; i++) {
        unsigned char ch = (unsigned char)r->text[i];
        if (isspace(ch) && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = isprint(ch) ? (char)ch : ' ';
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

struct curl_slist *bg__bearer_header(struct curl_slist *list, const char *token) {
    if (token == NULL || token[0] == '\0')
        return list;
    size_t len = strlen(token) + 32;
    char *line = malloc(len);
    if (line == NULL)
        return list;
    snprintf(line, len, "Authorization: Bearer %s", token);
    struct curl_slist *grown = curl_slist_append(list, line);
    memset(line, 0, len);
    free(line);
    return grown ? grown : list;
}

void bg__sleep_s(double s) {
    if (!(s > 0))
        return;
    struct timespec ts = {(time_t)s, (long)((s - floor(s)) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

void bg__log_line(bg_log_fn log, void *arg, const char *fmt, ...) {
    if (log == NULL)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    log(arg, line);
}
