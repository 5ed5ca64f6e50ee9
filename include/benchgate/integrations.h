/*
 * integrations.h - a finished run sent elsewhere: its metrics pushed to a Prometheus
 * Pushgateway (telemetry), notifications (desktop, email over SMTP, a command hook), and the
 * upload of its results to a central server over HTTPS (docs/integrations.md).
 *
 * None of these ever changes a run directory: they only read result.json (and the files they
 * send). Their failures are reported through errbuf and the log callback; callers treat them
 * as warnings. Secrets (the upload token, SMTP and Pushgateway credentials) come from the
 * environment or the options and are never written to a log, a message or a command line.
 *
 * Ownership: the options and the strings they point to belong to the caller and are only read
 * during the call. Text returned in *out_text belongs to the caller (bg_text_free() of
 * report.h).
 */
#ifndef BENCHGATE_INTEGRATIONS_H
#define BENCHGATE_INTEGRATIONS_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdint.h>

#include "benchgate/errors.h"
#include "benchgate/log.h" /* bg_log_fn */

#ifdef __cplusplus
extern "C" {
#endif

/* A bg_log_fn (benchgate/log.h) receives one line of what an integration did. */

/* ---- the settings' values ------------------------------------------------------------------- */

/**
 * Checks a value of a telemetry or notify setting as benchgate start does (its bg_setting_def
 * check of settings.h): name "telemetry.url", "telemetry.job", "telemetry.labels", "notify.on",
 * "notify.smtp_url", "notify.from", "notify.to" or "notify.command" (another name: any value).
 * Every one but telemetry.job and notify.on may be "off" (or "none").
 * @return NULL when the value is good, else why not ("is not an http:// or https:// URL ...")
 */
BG_API const char *bg_integration_check(const char *name, const char *value);

/* ---- telemetry: Prometheus Pushgateway ---------------------------------------------------- */

/** Where and how to push. bg_telemetry_opts_init() sets the defaults given here. */
typedef struct bg_telemetry_opts {
    const char *url;    /**< the Pushgateway, http:// or https://, e.g. http://pgw:9091 */
    const char *job;    /**< the job of the grouping key (default "benchgate") */
    const char *labels; /**< more grouping labels "k=v,k=v" (NULL: none); "instance" replaces
                             the default instance, the run's hostname */
    double timeout_s;   /**< for the whole request (default 5) */
    int exit_code;      /**< the run's exit code, pushed as benchgate_run_exit_code; -1: not
                             pushed (default) */
    const char *token;  /**< sent as "Authorization: Bearer TOKEN" (NULL: none) */
} bg_telemetry_opts;

/** Sets the defaults. */
BG_API void bg_telemetry_opts_init(bg_telemetry_opts *o);

/**
 * The metrics of a run in the Prometheus text exposition format (version 0.0.4): the run
 * (info, duration, exit code, completeness, start time, benchmarks per status) and per
 * benchmark its status, duration, median time with its 95% CI (seconds), CPU time,
 * instructions, throughput, peak memory, accuracy and other metrics (docs/integrations.md).
 * @param result_path a result.json, or a run directory that holds one
 * @return BG_OK; BG_EINPUT for a missing or invalid result; BG_ENOMEM
 */
BG_API bg_err bg_telemetry_text(const char *result_path, const bg_telemetry_opts *o,
                                char **out_text, char *errbuf, size_t errlen);

/**
 * The grouping key URL: URL/metrics/job/JOB/instance/HOST/K/V..., each value that is not
 * plain ([A-Za-z0-9_.~-]) written as K@base64/URL-safe-base64.
 * @return BG_OK, or BG_EUSAGE for a bad URL, job or label list
 */
BG_API bg_err bg_telemetry_url(const bg_telemetry_opts *o, const char *hostname, char *out,
                               size_t size, char *errbuf, size_t errlen);

/**
 * Pushes bg_telemetry_text() with HTTP PUT to bg_telemetry_url(): the metrics of this grouping
 * key are replaced by the run's. One attempt, bounded by timeout_s. A token over a URL that
 * is not https:// is refused (BG_EUSAGE) before anything is sent.
 * @return BG_OK; BG_EINPUT for the result; BG_EUSAGE for bad options; BG_EIO when the push
 *         failed (the message names the URL and the HTTP status or network error)
 */
BG_API bg_err bg_telemetry_push(const char *result_path, const bg_telemetry_opts *o, char *errbuf,
                                size_t errlen);

/* ---- notifications ------------------------------------------------------------------------ */

/** What to notify and how. bg_notify_opts_init() sets the defaults given here. */
typedef struct bg_notify_opts {
    const char *on;        /**< "always" (default), "failure" (exit code not 0 or 77), "never" */
    int exit_code;         /**< the run's exit code (default 0) */
    int desktop;           /**< 1: notify-send, when it is on PATH */
    const char *smtp_url;  /**< smtp://host:port or smtps://host:port (NULL: no email) */
    const char *from;      /**< the sender's address */
    const char *to;        /**< recipients, comma-separated */
    const char *smtp_user; /**< SMTP login (NULL: none); with it, TLS is required */
    const char *smtp_password; /**< its password */
    const char *command;       /**< a hook: words as bg notify's command setting (NULL: none) */
    double timeout_s;          /**< per channel (default 30) */
    bg_log_fn log;             /**< what was sent and what failed (NULL: nothing) */
    void *log_arg;
} bg_notify_opts;

/** Sets the defaults. */
BG_API void bg_notify_opts_init(bg_notify_opts *o);

/**
 * The notification of a run: a one-line subject ("benchgate: ok: run ID on HOST (exit 0)")
 * and a plain-text body (status, counts, verdicts, then the Markdown tables of the run).
 * @param run_dir a run directory (or a result.json)
 * @return BG_OK; BG_EINPUT for a missing or invalid result; BG_ENOMEM
 */
BG_API bg_err bg_notify_message(const char *run_dir, int exit_code, char **subject, char **body,
                                char *errbuf, size_t errlen);

/**
 * Sends the notifications that o asks for, when o->on says so:
 * - desktop: `notify-send SUBJECT TEXT` (skipped with a log line when notify-send is missing);
 * - email: one message from o->from to every address of o->to through o->smtp_url
 *   (libcurl; STARTTLS when the server offers it, required with a login);
 * - command: the words of o->command executed directly (execvp, never a shell) with the body
 *   on stdin and BENCHGATE_RUN_DIR, BENCHGATE_RUN_ID, BENCHGATE_EXIT, BENCHGATE_STATUS and
 *   BENCHGATE_SUBJECT in its environment; killed after timeout_s.
 * Every channel is tried even when another failed.
 * @return BG_OK when every channel asked for worked; BG_EINPUT for the result; BG_EUSAGE for
 *         bad options; BG_EIO when a channel failed (errbuf names the last failure)
 */
BG_API bg_err bg_notify_run(const char *run_dir, const bg_notify_opts *o, char *errbuf,
                            size_t errlen);

/* ---- upload --------------------------------------------------------------------------------- */

/** How to upload. bg_upload_opts_init() sets the defaults given here. */
typedef struct bg_upload_opts {
    int attempts;       /**< tries in all (default 5) */
    double backoff_s;   /**< delay before the 2nd try; doubles each time (default 1) */
    double max_delay_s; /**< cap of a delay, also of a Retry-After (default 30) */
    double jitter;      /**< each delay is multiplied by 1 + U(-jitter, +jitter) (0.25) */
    double timeout_s;   /**< per attempt (default 120) */
    int insecure;       /**< 1: no TLS certificate check (the caller warns) */
    const char *cacert; /**< a CA bundle (PEM) to verify the server with (NULL: system's) */
    const char *token;  /**< sent as "Authorization: Bearer TOKEN" (NULL: none) */
    uint64_t seed;      /**< for the jitter (0: from the clock) */
    bg_log_fn log;      /**< one line per attempt and the outcome (NULL: nothing) */
    void *log_arg;
} bg_upload_opts;

/** Sets the defaults. */
BG_API void bg_upload_opts_init(bg_upload_opts *o);

/**
 * Uploads a run directory to url (https:// only) with one HTTP POST of multipart/form-data:
 * the fields run_id, machine_class and hostname, and the files result.json, result.csv and
 * summary.md (the last two when present), all read before the first attempt. Network errors,
 * HTTP 408, 429 and 5xx are retried after exponential backoff with jitter (a Retry-After is
 * honoured up to max_delay_s); other answers are final. Success is HTTP 2xx.
 * @return BG_OK; BG_EUSAGE for a URL that is not https:// or holds user:password@, or bad
 *         options; BG_EINPUT when the run has no valid result.json; BG_EIO when every attempt
 *         failed or the server refused (the message gives the HTTP status and the start of
 *         its answer, never the token)
 */
BG_API bg_err bg_upload_run(const char *url, const char *run_dir, const bg_upload_opts *o,
                            char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_INTEGRATIONS_H */
