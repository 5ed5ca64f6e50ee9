/* flags.h - the command's flag table: each verb describes its flags once (name, kind, bounds,
 * default, help), and parsing, `--help`, `--name VALUE` joining, the man page's section and the
 * shell completion all come from that description (flags.c, flags_doc.c). The flags several
 * verbs share (--threshold, --format, --db, --output-dir, --filter, --build-dir) are the
 * CLI_FLAG_* rows below, with one set of bounds, the bench executables' where they have one. */
#ifndef BENCHGATE_CLI_FLAGS_H
#define BENCHGATE_CLI_FLAGS_H

#include <stddef.h>
#include <stdio.h>

#include "benchgate/compare.h"

/** How a flag's value is read and where it goes (the field at offset in the verb's options). */
typedef enum cli_kind {
    CLI_SWITCH, /**< int: 1 when given; a value (--all=yes) is refused */
    CLI_TEXT,   /**< const char *: a value that is not empty */
    CLI_REGEX,  /**< const char *: a POSIX extended regex (bg_regex_check) */
    CLI_NUMBER, /**< double in [lo, hi]; a trailing % is allowed */
    CLI_INT,    /**< int in [lo, hi] */
    CLI_CHOICE, /**< const char *: one of choices ("table|md|json") */
    CLI_EACH,   /**< repeatable: each value goes to each(opts, value) */
    CLI_PASS    /**< handed on as given by the verb's other hook (start's settings, read by
                 *   bg_settings): a row for help, the man page and the completion only; meta
                 *   NULL for one without a value */
} cli_kind;

/** One flag of a verb. */
typedef struct cli_flag_def {
    const char *name; /**< "threshold": --threshold=PCT */
    const char *meta; /**< the value's word in help ("PCT"); NULL for a switch */
    cli_kind kind;
    size_t offset;       /**< where the value goes in the verb's options struct */
    double lo, hi;       /**< the bounds of a CLI_NUMBER or CLI_INT */
    const char *choices; /**< CLI_CHOICE: the values, '|'-separated */
    const char *def;     /**< the value when the flag is absent (NULL: none), shown in help */
    const char *help;    /**< --help's text for it; "\n" starts a continuation line */
    /** CLI_EACH: takes one value. @return 0, or 2 (message printed) */
    int (*each)(void *opts, const char *value);
} cli_flag_def;

/** A verb's arguments: its flags, its positional words and its help. */
typedef struct cli_verb_def {
    const char *name;  /**< "compare" */
    const char *usage; /**< what follows the verb in the usage line ("BASELINE CURRENT") */
    const char *about; /**< the paragraph(s) --help prints before the flags */
    const cli_flag_def *flags;
    size_t nflags;
    int min_args, max_args; /**< how many positional words (max_args -1: any number) */
    /** NULL, or the verb's own reading of an argument the table does not name (start passes
     *  run flags on to the bench executables). @return 1 taken, 0 not its, 2 (message printed) */
    int (*other)(void *opts, const char *arg);
} cli_verb_def;

/** The parsed positional words (pointers into argv). */
typedef struct cli_words {
    const char *word[64];
    int count;
    int dashdash; /**< how many words came before "--" (-1: no "--"); the rest followed it */
} cli_words;

/**
 * Parses argv[1..argc) by the verb's table into opts (defaults first), positional words into
 * words (NULL: the verb takes none); after "--" every argument is a word. Messages name the verb
 * and the flag: "compare:
 * --threshold=abc: not a number from 0 to 1000".
 * @return 0, 1 when --help was asked (help printed: the verb exits 0), or 2 (message printed)
 */
int cli_parse(const cli_verb_def *verb, int argc, char **argv, void *opts, cli_words *words);

/** "--name=META" (a switch: "--name"), as help, the man page and the completion show it. */
void cli_flag_words(const cli_flag_def *f, char *out, size_t size);
/** " (LO to HI)" for a CLI_NUMBER or CLI_INT, else "". */
void cli_flag_bounds(const cli_flag_def *f, char *out, size_t size);
/** A bound as a plain decimal, never e-notation (1000000, 0.000000001). */
void cli_bound_text(double x, char *out, size_t size);

/** Prints the verb's --help: the usage line, about, and one entry a flag, from its table. */
void cli_verb_help(const cli_verb_def *verb);

/** @return 1 when flag f takes a value (--name=VALUE). */
int cli_flag_takes_value(const cli_flag_def *f);

/** @return 1 when the verb has a flag called name (without "--") that takes a value. */
int cli_verb_takes_value(const cli_verb_def *verb, const char *name);

/** @return the verb's flag called name, or NULL. */
const cli_flag_def *cli_verb_flag(const cli_verb_def *verb, const char *name);

/** The table of every verb (main.c), for the documentation writers. */
const cli_verb_def *const *cli_verb_defs(size_t *count);

/** benchgate help --man: the FLAGS OF THE VERBS section of benchgate(1), in roff. */
void cli_print_man_flags(FILE *out);
/** benchgate help --completion=bash: a bash completion script for every verb and flag. */
void cli_print_bash_completion(FILE *out);

/* The verbs' tables, one in each cmd_*.c; a sub-verb ("history import") has its own, named
 * "VERB SUB", listed after its verb (main.c's subverbs[]). */
extern const cli_verb_def cli_start_verb, cli_run_verb;
extern const cli_verb_def cli_merge_verb;
extern const cli_verb_def cli_list_verb;
extern const cli_verb_def cli_bisect_verb;
extern const cli_verb_def cli_explain_verb;
extern const cli_verb_def cli_compare_verb;
extern const cli_verb_def cli_ab_verb;
extern const cli_verb_def cli_gpu_verb;
extern const cli_verb_def cli_calibrate_verb;
extern const cli_verb_def cli_baseline_verb;
extern const cli_verb_def cli_verdicts_verb;
extern const cli_verb_def cli_export_verb;
extern const cli_verb_def cli_summary_verb;
extern const cli_verb_def cli_pause_verb, cli_resume_verb;
extern const cli_verb_def cli_history_verb, cli_history_import_verb, cli_history_export_verb;
extern const cli_verb_def cli_changes_verb;
extern const cli_verb_def cli_report_verb;
extern const cli_verb_def cli_gate_foreign_verb;
extern const cli_verb_def cli_push_verb;
extern const cli_verb_def cli_notify_verb;
extern const cli_verb_def cli_upload_verb;
extern const cli_verb_def cli_clean_verb;
extern const cli_verb_def cli_verify_verb;
extern const cli_verb_def cli_fetch_verb;
extern const cli_verb_def cli_datasets_verb;
extern const cli_verb_def cli_publish_verb;

#define CLI_OFF(type, field) offsetof(type, field)

/* The shared flags: one row each, the same bounds everywhere. */
#define CLI_FLAG_THRESHOLD(type, field, help)                                                      \
    {                                                                                              \
        "threshold", "PCT", CLI_NUMBER, CLI_OFF(type, field), 0, BG_THRESHOLD_MAX_PCT, NULL, NULL, \
            help, NULL                                                                             \
    }
#define CLI_FLAG_ALPHA(type, field)                                                                \
    {                                                                                              \
        "alpha", "A", CLI_NUMBER, CLI_OFF(type, field), BG_ALPHA_MIN, BG_ALPHA_MAX, NULL, NULL,    \
            "the family-wise false-alarm rate of the intervals (default 0.01)", NULL               \
    }
#define CLI_FLAG_FORMAT(type, field, choices, def)                                                 \
    {                                                                                              \
        "format", NULL, CLI_CHOICE, CLI_OFF(type, field), 0, 0, choices, def,                      \
            "the output's format", NULL                                                            \
    }
#define CLI_FLAG_DB(type, field)                                                                   \
    {                                                                                              \
        "db", "LOCATION", CLI_TEXT, CLI_OFF(type, field), 0, 0, NULL, NULL,                        \
            "the run history: a SQLite file or a postgresql:// URL (default: the history\n"        \
            "setting, results/history.sqlite)",                                                    \
            NULL                                                                                   \
    }
#define CLI_FLAG_OUTPUT_DIR(type, field, help)                                                     \
    { "output-dir", "DIR", CLI_TEXT, CLI_OFF(type, field), 0, 0, NULL, NULL, help, NULL }
#define CLI_FLAG_FILTER(type, field, help)                                                         \
    { "filter", "REGEX", CLI_REGEX, CLI_OFF(type, field), 0, 0, NULL, NULL, help, NULL }
#define CLI_FLAG_BUILD_DIR(type, field)                                                            \
    {                                                                                              \
        "build-dir", "DIR", CLI_TEXT, CLI_OFF(type, field), 0, 0, NULL, NULL,                      \
            "the build tree (default: BENCHGATE_BUILD_DIR, else the nearest one with benchmarks)", \
            NULL                                                                                   \
    }

/* --from: main.c reads it for every verb that reads results (bg_results_from) before the verb
 * parses; the row is here for help, the man page and the completion. */
#define CLI_FLAG_FROM(type, field)                                                                 \
    {                                                                                              \
        "from", NULL, CLI_CHOICE, CLI_OFF(type, field), 0, 0,                                      \
            "auto|benchgate|gbench|nvbench|hyperfine", NULL,                                       \
            "how every result file is read: another harness's JSON (default auto: by content)",    \
            NULL                                                                                   \
    }

#define CLI_COUNT(table) (sizeof(table) / sizeof((table)[0]))

#endif /* BENCHGATE_CLI_FLAGS_H */
