/* control.c - pause and resume requests through DIR/control, and what the run reports back in
 * DIR/control.state. Both files are one short line, replaced atomically. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/runlock.h"
#include "common/common.h"
#include "config/config.h"

static int file_in(char *out, size_t size, const char *dir, const char *name) {
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Reads the first line of a small file; @return 0 or -1. */
static int read_line(const char *path, char *buf, size_t size) {
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    int ok = fgets(buf, (int)size, f) != NULL;
    fclose(f);
    if (!ok)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

static bg_err write_line(const char *dir, const char *name, const char *line, char *errbuf,
                         size_t errlen) {
    bg__error err = {BG_OK, ""};
    char path[BG__PATH_MAX + 32];
    if (file_in(path, sizeof path, dir, name) != 0)
        return bg__errbuf(&err, bg__set_error(&err, BG_EIO, "%s: path too long", dir), errbuf,
                          errlen);
    return bg__errbuf(&err, bg__write_atomic(path, line, strlen(line), &err), errbuf, errlen);
}

bg_err bg_control_request(const char *dir, bg_control what, char *errbuf, size_t errlen) {
    return write_line(dir, "control", what == BG_CONTROL_PAUSE ? "pause\n" : "run\n", errbuf,
                      errlen);
}

bg_control bg_control_read(const char *dir) {
    char path[BG__PATH_MAX + 32], line[64];
    if (file_in(path, sizeof path, dir, "control") != 0 || read_line(path, line, sizeof line) != 0)
        return BG_CONTROL_RUN;
    return strcmp(line, "pause") == 0 ? BG_CONTROL_PAUSE : BG_CONTROL_RUN;
}

bg_err bg_control_report(const char *dir, const char *state, const char *detail, char *errbuf,
                         size_t errlen) {
    char line[1024];
    int n = snprintf(line, sizeof line, "%s %ld %s\n", state, (long)getpid(),
                     detail && detail[0] ? detail : "-");
    if (n < 0 || (size_t)n >= sizeof line)
        snprintf(line, sizeof line, "%s %ld -\n", state, (long)getpid());
    for (char *p = line; *p && p[1]; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' '; /* one line, no control characters */
    return write_line(dir, "control.state", line, errbuf, errlen);
}

int bg_control_state(const char *dir, char *buf, size_t size) {
    char path[BG__PATH_MAX + 32];
    if (size == 0 || file_in(path, sizeof path, dir, "control.state") != 0)
        return -1;
    return read_line(path, buf, size);
}
