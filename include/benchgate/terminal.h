/*
 * terminal.h - the progress line and what may be drawn on a terminal (width, colour,
 * NO_COLOR, TERM=dumb).
 *
 * Paths and texts passed in are only read during the call. Error messages go to the caller's
 * errbuf (errlen its size; errbuf may be NULL).
 */
#ifndef BENCHGATE_TERMINAL_H
#define BENCHGATE_TERMINAL_H

#include "benchgate/api.h"

#include <stddef.h>
#include <stdio.h>

#include "benchgate/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the progress line ------------------------------------------------------------------ */

/** What the progress line shows. */
typedef struct bg_progress {
    int index;        /**< the benchmark running: index of count (1-based) */
    int count;        /**< how many benchmarks the run has */
    const char *name; /**< what runs now (a bench executable or an instance) */
    double fraction;  /**< share of the whole run done, 0..1; < 0 when unknown */
    double elapsed_s; /**< wall time since the run started */
    double left_s;    /**< estimated time left; < 0 when unknown */
    int paused;       /**< 1: paused (benchgate pause) */
} bg_progress;

/**
 * Formats the progress line: "[2/6] triad [#####-----]  35%  0:12 elapsed  ~0:30 left".
 * It holds no newline and, without colour, no control character.
 * @param width  the terminal's width: the line is cut to width - 1 columns
 * @param colour 1: colours the bar with ANSI SGR codes
 * @return the length written to buf
 */
BG_API size_t bg_progress_format(const bg_progress *p, int width, int colour, char *buf,
                                 size_t size);

/**
 * @return 1 when a progress line may be drawn on fd: fd is a terminal, TERM is not "dumb"
 *         and no_ui is 0
 */
BG_API int bg_ui_enabled(int fd, int no_ui);

/** @return 1 when colour may be used on fd: bg_ui_enabled() and NO_COLOR is not set. */
BG_API int bg_colour_enabled(int fd, int no_ui);

/** @return the width of the terminal on fd, or 80. */
BG_API int bg_terminal_width(int fd);

/* ---- lines for people ------------------------------------------------------------------ */

/** @return the width lines for people fit: $COLUMNS when it is a number from 40 to 1000,
 *          else 100 (whatever the terminal: a log or a pipe reads the same). */
BG_API int bg_text_columns(void);

/**
 * Prints text to out wrapped at a word into lines of at most bg_text_columns() columns (a
 * word longer than a line is cut), each ending in a newline; the lines after the first start
 * with indent (NULL: none). A first line that starts further right: give its column as used.
 */
BG_API void bg_print_wrapped(FILE *out, const char *text, const char *indent, size_t used);

/**
 * Prints a help text to out: each paragraph, option (with its description) or usage line that
 * has a line over bg_text_columns() columns is re-flowed at a word to that width, its
 * continuation lines starting at the column they started at; the rest as it is.
 */
BG_API void bg_print_reflowed(FILE *out, const char *text);

/**
 * in made safe to print on a terminal (a name or text read from a result file): each control
 * character (tab, newline, ESC, DEL, C1) and each byte that is not UTF-8 becomes \xNN, so
 * that an ANSI escape in a benchmark's name is shown, not obeyed. out always ends with a NUL
 * (cut at size, never inside an escape). @return strlen(out)
 */
BG_API size_t bg_term_safe(const char *in, char *out, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* BENCHGATE_TERMINAL_H */
