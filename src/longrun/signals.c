/* signals.c - SIGINT and SIGTERM during a run: the first one sets a flag that the runner checks
 * between samples (it stops scheduling and writes what it has); a second one ends the process. */
#include <signal.h>
#include <string.h>

#include "longrun/longrun.h"

static volatile sig_atomic_t received;
static struct sigaction saved_int, saved_term, saved_pipe;
static int installed;

static void on_signal(int sig) {
    if (received != 0) {
        signal(sig, SIG_DFL); /* the second signal: leave now */
        raise(sig);
        return;
    }
    received = sig;
}

void bg__signals_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    received = 0;
    sigaction(SIGINT, &sa, &saved_int);
    sigaction(SIGTERM, &sa, &saved_term);
    /* Under benchgate start, stderr is a pipe: a write after start died must not kill us
     * before the partial result is written. */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, &saved_pipe);
    installed = 1;
}

void bg__signals_restore(void) {
    if (!installed)
        return;
    sigaction(SIGINT, &saved_int, NULL);
    sigaction(SIGTERM, &saved_term, NULL);
    sigaction(SIGPIPE, &saved_pipe, NULL);
    installed = 0;
    received = 0;
}

int bg__signal_received(void) {
    return received;
}
