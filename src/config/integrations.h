/* integrations.h - the settings of plugins, telemetry and notifications, and helpers shared by
 * telemetry.c, notify.c, upload.c and plugin_host.c (internal). */
#ifndef BENCHGATE_INTEGRATIONS_INTERNAL_H
#define BENCHGATE_INTEGRATIONS_INTERNAL_H

#include <stddef.h>

#include "benchgate/integrations.h"
#include "config.h"

/** Sets the defaults of the integration settings (job "benchgate", timeout 5 s, on always). */
void bg__config_integration_defaults(bg__config *cfg);

/**
 * Sets integration option id from text (plugins, telemetry_*, notify_*).
 * @return NULL, or why the value is wrong ("is not an http:// or https:// URL")
 */
const char *bg__config_set_integration(bg__config *cfg, bg__opt_id id, const char *value,
                                       bg__source src);

/** Formats integration option id into buf; "" for any other option. */
void bg__config_format_integration(const bg__config *cfg, bg__opt_id id, char *buf, size_t size);

/** @return 1 for options whose YAML value may be a list or a mapping (plugins, labels, to,
 * command). */
int bg__opt_takes_list(bg__opt_id id);

struct yaml_document_s;
struct yaml_node_s;
/**
 * Turns a YAML sequence or mapping into the text form of option id: plugins joined by ':',
 * recipients by ',', labels as "k=v,k=v", command words quoted.
 * @return NULL, or why the node cannot be used
 */
const char *bg__yaml_join(struct yaml_document_s *doc, struct yaml_node_s *node, bg__opt_id id,
                          char *out, size_t size);

/**
 * Splits a command into words like a shell would split a simple command, without any expansion:
 * blanks separate words, '...' quotes literally, "..." quotes with \" and \\ escapes, and a
 * backslash outside quotes takes the next character literally.
 * @param store receives the words (NUL-separated); argv the pointers, NULL-terminated
 * @return the number of words, or -1 for an unclosed quote, too many words or no room
 */
int bg__split_words(const char *text, char *store, size_t size, char **argv, int max);

/**
 * Validates an email address as used in SMTP envelopes and headers: one '@', no blanks,
 * control characters, quotes, '<', '>', ',' or ';'. @return NULL or why not
 */
const char *bg__check_address(const char *addr);

/** @return 1 when url starts with one of the schemes ("http,https") and holds no user:password@. */
int bg__url_ok(const char *url, const char *schemes);

/** Formats one line and hands it to log (nothing when log is NULL; lines over 1 KiB are cut). */
void bg__log_line(bg_log_fn log, void *arg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* BENCHGATE_INTEGRATIONS_INTERNAL_H */
