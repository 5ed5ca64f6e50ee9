/* net.c - libcurl helpers shared by the integrations: protocols, time limits, replies. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
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

size_t bg__body_read(char *buf, size_t size, size_t n, void *body) {
    bg__body *b = body;
    size_t take = b->len - b->pos < size * n ? b->len - b->pos : size * n;
    memcpy(buf, b->data + b->pos, take);
    b->pos += take;
    return take;
}

#if LIBCURL_VERSION_NUM < 0x075500
/* The CURLPROTO_ mask of a list like "http,https,file" (libcurl before 7.85). */
static long protocol_mask(const char *list) {
    static const struct {
        const char *name;
        long bit;
    } known[] = {{"http", CURLPROTO_HTTP},
                 {"https", CURLPROTO_HTTPS},
                 {"smtp", CURLPROTO_SMTP},
                 {"smtps", CURLPROTO_SMTPS},
                 {"file", CURLPROTO_FILE}};
    long mask = 0;
    char copy[64];
    snprintf(copy, sizeof copy, "%s", list);
    for (char *save = NULL, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save))
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strcmp(w, known[i].name) == 0)
                mask |= known[i].bit;
    return mask;
}
#endif

void bg__curl_protocols(CURL *c, const char *protocols, const char *redirects) {
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, redirects);
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, protocol_mask(protocols));
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, protocol_mask(redirects));
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

/* A uniform number in [0, 1) from a 64-bit state (splitmix64; any seed, 0 included). */
static double uniform01(uint64_t *state) {
    return (double)(bg__rand64(state) >> 11) * 0x1.0p-53; /* the core's one splitmix64 */
}

double bg__retry_delay(const bg__backoff *b, int k, double at_least, uint64_t *rng) {
    double d = b->backoff_s * ldexp(1.0, k) * (1.0 + b->jitter * (2 * uniform01(rng) - 1));
    if (at_least > d)
        d = at_least;
    return d > b->max_delay_s ? b->max_delay_s : d;
}
