/* plugin_host.h - running the metric plugins of a run (internal; include/benchgate/plugin.h
 * is the plugins' side). */
#ifndef BENCHGATE_PLUGIN_HOST_H
#define BENCHGATE_PLUGIN_HOST_H

struct bg__run;

/**
 * Runs every plugin of --plugin on every measured instance (status ok, samples taken), each
 * call in a child process with a time limit, and records the metrics they return; a plugin
 * that fails gives its metrics the status "error" with the reason. Never changes samples,
 * statuses or other metrics.
 */
void bg__plugins_apply(struct bg__run *run);

#endif /* BENCHGATE_PLUGIN_HOST_H */
