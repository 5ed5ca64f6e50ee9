/* net.h - what telemetry.c, notify.c and upload.c share about libcurl (internal). */
#ifndef BENCHGATE_NET_H
#define BENCHGATE_NET_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

#include "benchgate/integrations.h"
#include "common/common.h" /* bg__rand64: the one splitmix64 */

/** The start of a response body, kept for messages. */
typedef struct bg__reply {
    char text[512];
    size_t len;
} bg__reply;

/** A CURLOPT_WRITEFUNCTION that keeps the first bytes in a bg__reply and drops the rest. */
size_t bg__reply_keep(char *data, size_t size, size_t n, void *reply);

/** A request body sent from memory: CURLOPT_READFUNCTION bg__body_read, READDATA this. */
typedef struct bg__body {
    const char *data;
    size_t len, pos;
} bg__body;

/** A CURLOPT_READFUNCTION that hands out the rest of a bg__body. */
size_t bg__body_read(char *buf, size_t size, size_t n, void *body);

/** Limits c to these protocols ("http,https", "smtp,smtps", "http,https,file") and its
 *  redirects to those of the second list. */
void bg__curl_protocols(CURL *c, const char *protocols, const char *redirects);

/** Sets the whole-transfer time limit and a connect limit of at most 10 s (every client). */
void bg__curl_timeouts(CURL *c, double timeout_s);

/** Copies the reply as one line of printable text (at most 200 characters) into out. */
void bg__reply_line(const bg__reply *r, char *out, size_t size);

/**
 * Appends "Authorization: Bearer TOKEN" to list (token NULL or "": list unchanged). The
 * temporary copy is wiped; libcurl keeps its own. @return the list
 */
struct curl_slist *bg__bearer_header(struct curl_slist *list, const char *token);

/** The retry policy of every network client (upload, fetch). */
typedef struct bg__backoff {
    double backoff_s;   /**< the delay after the first failure */
    double max_delay_s; /**< no delay is longer */
    double jitter;      /**< each delay is scaled by 1 + jitter * U(-1, 1) */
} bg__backoff;

/** The delay after failed attempt k (0-based): backoff * 2^k * (1 + jitter * U(-1, 1)), at
 *  least at_least (a Retry-After; negative: none), at most max_delay. */
double bg__retry_delay(const bg__backoff *b, int k, double at_least, uint64_t *rng);

/** Sleeps s seconds (restarted after signals). */
void bg__sleep_s(double s);

/* ---- the checks of settings_check.c ---- */

/** @return 1 when url starts with one of the schemes ("http,https") and holds no user:password@. */
int bg__url_ok(const char *url, const char *schemes);

/**
 * Validates an email address as used in SMTP envelopes and headers: one '@', no blanks,
 * control characters, quotes, '<', '>', ',' or ';'. @return NULL or why not
 */
const char *bg__check_address(const char *addr);

/**
 * Splits a command into words like a shell would split a simple command, without any expansion:
 * blanks separate words, '...' quotes literally, "..." quotes with \" and \\ escapes, and a
 * backslash outside quotes takes the next character literally.
 * @param store receives the words (NUL-separated); argv the pointers, NULL-terminated
 * @return the number of words, or -1 for an unclosed quote, too many words or no room
 */
int bg__split_words(const char *text, char *store, size_t size, char **argv, int max);

#endif /* BENCHGATE_NET_H */
