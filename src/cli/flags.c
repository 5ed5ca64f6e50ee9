/* flags.c - a verb's arguments read by its flag table (flags.h): defaults, values, bounds,
 * choices, positional words, and --help written from the same table. */
#include "flags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/settings.h"
#include "benchgate/terminal.h"
#include "cli.h"

const cli_flag_def *cli_verb_flag(const cli_verb_def *verb, const char *name) {
    for (size_t i = 0; verb != NULL && i < verb->nflags; i++)
        if (strcmp(verb->flags[i].name, name) == 0)
            return &verb->flags[i];
    return NULL;
}

int cli_flag_takes_value(const cli_flag_def *f) {
    return f->kind != CLI_SWITCH && !(f->kind == CLI_PASS && f->meta == NULL);
}

int cli_verb_takes_value(const cli_verb_def *verb, const char *name) {
    const cli_flag_def *f = cli_verb_flag(verb, name);
    return f != NULL && cli_flag_takes_value(f);
}

void cli_bound_text(double x, char *out, size_t size) {
    snprintf(out, size, "%.10f", x); /* never e-notation: 0.000000001, 4294967295 */
    char *dot = strchr(out, '.');
    if (dot == NULL)
        return;
    char *end = out + strlen(out) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

static void *field(void *opts, const cli_flag_def *f) {
    return (char *)opts + f->offset;
}

/* 1 when value is one of the '|'-separated choices. */
static int is_choice(const char *choices, const char *value) {
    size_t n = strlen(value);
    for (const char *p = choices; p != NULL; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
        if (strncmp(p, value, n) == 0 && (p[n] == '|' || p[n] == '\0'))
            return 1;
    return 0;
}

/* "VERB: --format='xml': not one of table, md, json". @return 2 */
static int not_a_choice(const char *verb, const cli_flag_def *f, const char *v) {
    char list[256];
    size_t n = 0;
    for (const char *p = f->choices; *p != '\0' && n + 3 < sizeof list; p++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s", *p == '|' ? ", " : (char[]){*p, 0});
    return cli_usage_error("%s: --%s='%.80s': not one of %s", verb, f->name, v, list);
}

/* A number in [lo, hi] (a trailing % allowed). @return 0, or 2 (message printed) */
static int read_number(const char *verb, const cli_flag_def *f, const char *v, double *out) {
    char *end = NULL, lo[48], hi[48];
    double x = strtod(v, &end);
    cli_bound_text(f->lo, lo, sizeof lo);
    cli_bound_text(f->hi, hi, sizeof hi);
    int whole = f->kind == CLI_INT;
    if (end == v || (*end != '\0' && strcmp(end, "%") != 0) || !(x >= f->lo && x <= f->hi) ||
        (whole && (x != (double)(long)x || *end == '%')))
        return cli_usage_error("%s: --%s='%.80s': not a %snumber from %s to %s", verb, f->name, v,
                               whole ? "whole " : "", lo, hi);
    *out = x;
    return 0;
}

/* Stores the value v (NULL: none given) of flag f. @return 0, or 2 (message printed) */
static int store(const char *verb, const cli_flag_def *f, const char *v, void *opts) {
    if (f->kind == CLI_PASS) /* the verb's other hook hands these on before the table is asked */
        return 0;
    if (f->kind == CLI_SWITCH) {
        if (v != NULL)
            return cli_usage_error("%s: --%s takes no value ('--%s=%.80s')", verb, f->name, f->name,
                                   v);
        *(int *)field(opts, f) = 1;
        return 0;
    }
    if (v == NULL || v[0] == '\0')
        return cli_usage_error("%s: --%s needs a value (--%s=%s)", verb, f->name, f->name,
                               f->meta ? f->meta : "...");
    char why[512];
    double x = 0;
    switch (f->kind) {
    case CLI_CHOICE:
        if (!is_choice(f->choices, v))
            return not_a_choice(verb, f, v);
        break;
    case CLI_REGEX:
        if (bg_regex_check(v, why, sizeof why) != BG_OK)
            return cli_usage_error("%s: --%s: %s", verb, f->name, why);
        break;
    case CLI_NUMBER:
    case CLI_INT:
        if (read_number(verb, f, v, &x) != 0)
            return BG_EXIT_USAGE;
        if (f->kind == CLI_INT)
            *(int *)field(opts, f) = (int)x;
        else
            *(double *)field(opts, f) = x;
        return 0;
    case CLI_EACH:
        return f->each(opts, v);
    default:
        break;
    }
    *(const char **)field(opts, f) = v;
    return 0;
}

/* Sets every flag's default (a flag with none keeps the zero the caller's struct holds). */
static void set_defaults(const cli_verb_def *verb, void *opts) {
    for (size_t i = 0; i < verb->nflags; i++) {
        const cli_flag_def *f = &verb->flags[i];
        if (f->def == NULL || f->kind == CLI_EACH || f->kind == CLI_SWITCH || f->kind == CLI_PASS)
            continue;
        if (f->kind == CLI_NUMBER)
            *(double *)field(opts, f) = strtod(f->def, NULL);
        else if (f->kind == CLI_INT)
            *(int *)field(opts, f) = atoi(f->def);
        else
            *(const char **)field(opts, f) = f->def;
    }
}

/* A positional word. @return 0, or 2 (message printed) when the verb takes no more */
static int add_word(const cli_verb_def *verb, const char *a, cli_words *words) {
    int room = (int)(sizeof words->word / sizeof words->word[0]);
    int most = verb->max_args < 0 || verb->max_args > room ? room : verb->max_args;
    if (words == NULL || words->count >= most)
        return cli_usage_error("%s: '%.80s': unexpected argument (see benchgate %s --help)",
                               verb->name, a, verb->name);
    words->word[words->count++] = a;
    return 0;
}

/* One argument: a flag of the table, --help, the verb's own, or a positional word.
 * @return 0, 1 (help printed) or 2 (message printed) */
static int parse_one(const cli_verb_def *verb, const char *a, void *opts, cli_words *words) {
    if (strcmp(a, "--help") == 0) {
        cli_verb_help(verb);
        return 1;
    }
    if (verb->other != NULL) {
        int taken = verb->other(opts, a);
        if (taken != 0)
            return taken == 1 ? 0 : 2;
    }
    if (strncmp(a, "--", 2) == 0 && a[2] != '\0') {
        const char *eq = strchr(a, '=');
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(eq ? (size_t)(eq - a - 2) : strlen(a + 2)),
                 a + 2);
        const cli_flag_def *f = cli_verb_flag(verb, name);
        if (f == NULL)
            return cli_usage_error("%s: unknown flag '%s' (see benchgate %s --help)", verb->name, a,
                                   verb->name);
        return store(verb->name, f, eq ? eq + 1 : NULL, opts);
    }
    return add_word(verb, a, words);
}

int cli_parse(const cli_verb_def *verb, int argc, char **argv, void *opts, cli_words *words) {
    set_defaults(verb, opts);
    if (words != NULL)
        words->count = 0, words->dashdash = -1;
    for (int i = 1; i < argc; i++) {
        if (words != NULL && words->dashdash < 0 && strcmp(argv[i], "--") == 0) {
            words->dashdash = words->count;
            continue;
        }
        int rc = words != NULL && words->dashdash >= 0 ? add_word(verb, argv[i], words)
                                                       : parse_one(verb, argv[i], opts, words);
        if (rc != 0)
            return rc;
    }
    int have = words ? words->count : 0;
    if (have < verb->min_args)
        return cli_usage_error("%s: needs %s (see benchgate %s --help)", verb->name, verb->usage,
                               verb->name);
    return 0;
}

void cli_flag_words(const cli_flag_def *f, char *out, size_t size) {
    if (!cli_flag_takes_value(f))
        snprintf(out, size, "--%s", f->name);
    else
        snprintf(out, size, "--%s=%s", f->name, f->kind == CLI_CHOICE ? f->choices : f->meta);
}

void cli_flag_bounds(const cli_flag_def *f, char *out, size_t size) {
    out[0] = '\0';
    if (f->kind != CLI_NUMBER && f->kind != CLI_INT)
        return;
    char lo[48], hi[48];
    cli_bound_text(f->lo, lo, sizeof lo);
    cli_bound_text(f->hi, hi, sizeof hi);
    snprintf(out, size, " (%s to %s)", lo, hi);
}

/* A flag's entry: its words, then its help (continuation lines under it), then its default. */
static void print_flag(const cli_flag_def *f, char *text, size_t size, size_t *n) {
    char words[160], bounds[112];
    cli_flag_words(f, words, sizeof words);
    cli_flag_bounds(f, bounds, sizeof bounds);
    if (strlen(words) > 20) /* two blanks at least before the help: bg_print_reflowed's column */
        *n += (size_t)snprintf(text + *n, *n < size ? size - *n : 0, "  %s\n%24s", words, "");
    else
        *n += (size_t)snprintf(text + *n, *n < size ? size - *n : 0, "  %-22s", words);
    for (const char *p = f->help; *p != '\0' && *n < size; p++) {
        text[(*n)++] = *p;
        if (*p == '\n' && *n < size)
            *n += (size_t)snprintf(text + *n, size - *n, "%24s", "");
    }
    if (*n < size)
        *n += (size_t)snprintf(text + *n, size - *n, "%s", bounds);
    if (f->def != NULL && *n < size)
        *n += (size_t)snprintf(text + *n, size - *n, " (default %s)", f->def);
    if (*n < size)
        *n += (size_t)snprintf(text + *n, size - *n, "\n");
}

void cli_verb_help(const cli_verb_def *verb) {
    size_t size = 16384, n = 0;
    char *text = malloc(size);
    if (text == NULL)
        return;
    n += (size_t)snprintf(text, size, "usage: benchgate %s%s%s [flags]\n\n%s\n", verb->name,
                          verb->usage[0] ? " " : "", verb->usage, verb->about);
    if (verb->nflags > 0 && n < size)
        n += (size_t)snprintf(text + n, size - n, "\nflags:\n");
    for (size_t i = 0; i < verb->nflags && n < size; i++)
        print_flag(&verb->flags[i], text, size, &n);
    if (n >= size)
        text[size - 1] = '\0';
    cli_help("%s", text);
    free(text);
}
