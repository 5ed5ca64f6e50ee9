/*
 * longrun.h - running long suites: kept for one release as a forwarding header. Its parts are
 * their own headers now; include the one you need:
 *   benchgate/runlock.h   the run directory lock, pause and resume requests
 *   benchgate/terminal.h  the progress line, terminal width and colour
 *   benchgate/log.h       rotating logs
 *   benchgate/settings.h  the effective run settings, the --filter check
 *   benchgate/clean.h     cleaning old intermediate results
 * Every name it declared keeps its meaning.
 */
#ifndef BENCHGATE_LONGRUN_H
#define BENCHGATE_LONGRUN_H

#include "benchgate/clean.h"
#include "benchgate/log.h"
#include "benchgate/runlock.h"
#include "benchgate/settings.h"
#include "benchgate/terminal.h"

#endif /* BENCHGATE_LONGRUN_H */
