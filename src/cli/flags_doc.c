/* flags_doc.c - the man page's section on the verbs' flags and the bash completion, written
 * from the flag table (flags.h) so that neither can fall behind the parsing. */
#include <stdio.h>
#include <string.h>

#include "flags.h"

/* Text for roff: a backslash doubled, a '-' as \-, a line's leading '.' or '\'' escaped. */
static void roff_text(FILE *out, const char *text) {
    int line_start = 1;
    for (const char *p = text; *p != '\0'; p++) {
        if (line_start && (*p == '.' || *p == '\''))
            fputs("\\&", out);
        if (*p == '\\')
            fputs("\\\\", out);
        else if (*p == '-')
            fputs("\\-", out);
        else if (*p == '\n')
            fputc(' ', out);
        else
            fputc(*p, out);
        line_start = 0;
    }
}

static void man_flag(FILE *out, const cli_flag_def *f) {
    fputs(".TP\n.B \"", out);
    char words[160], bounds[112];
    cli_flag_words(f, words, sizeof words);
    cli_flag_bounds(f, bounds, sizeof bounds);
    roff_text(out, words);
    fputs("\"\n", out);
    roff_text(out, f->help);
    roff_text(out, bounds);
    if (f->def != NULL) {
        fputs(" (default ", out);
        roff_text(out, f->def);
        fputc(')', out);
    }
    fputc('\n', out);
}

void cli_print_man_flags(FILE *out) {
    size_t count = 0;
    const cli_verb_def *const *defs = cli_verb_defs(&count);
    fputs(".SH FLAGS OF THE VERBS\n"
          "Written by \\fBbenchgate help \\-\\-man\\fR from the command's flag table.\n",
          out);
    for (size_t i = 0; i < count; i++) {
        fputs(".SS \"benchgate ", out);
        roff_text(out, defs[i]->name);
        if (defs[i]->usage[0] != '\0') {
            fputc(' ', out);
            roff_text(out, defs[i]->usage);
        }
        fputs("\"\n", out);
        if (i > 0 && defs[i]->flags == defs[i - 1]->flags) { /* an alias: run */
            fputs("The flags of\n.BR \"benchgate ", out);
            roff_text(out, defs[i - 1]->name);
            fputs("\" .\n", out);
            continue;
        }
        for (size_t k = 0; k < defs[i]->nflags; k++)
            man_flag(out, &defs[i]->flags[k]);
    }
}

/* The words completion offers after a verb: --name= for a flag with a value, else --name. */
static void verb_words(FILE *out, const cli_verb_def *d) {
    fputs("--help", out);
    for (size_t k = 0; k < d->nflags; k++)
        fprintf(out, " --%s%s", d->flags[k].name, cli_flag_takes_value(&d->flags[k]) ? "=" : "");
}

/* The values of each --flag=CHOICE, as case arms: "VERB:--flag=) words ;;". */
static void choice_arms(FILE *out, const cli_verb_def *d) {
    for (size_t k = 0; k < d->nflags; k++) {
        if (d->flags[k].kind != CLI_CHOICE)
            continue;
        fprintf(out, "    \"%s:--%s=\"*) values=\"", d->name, d->flags[k].name);
        for (const char *p = d->flags[k].choices; *p != '\0'; p++)
            fputc(*p == '|' ? ' ' : *p, out);
        fputs("\" ;;\n", out);
    }
}

/* A verb's sub-verbs ("history import"): offered as its first word, and their own flags once
 * one is given. */
static void sub_verbs(FILE *out, const cli_verb_def *const *defs, size_t count) {
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(defs[i]->name);
        int first = 1;
        for (size_t k = 0; k < count; k++) {
            const char *sub = defs[k]->name;
            if (strncmp(sub, defs[i]->name, n) != 0 || sub[n] != ' ')
                continue;
            if (first)
                fprintf(out, "  if [ \"$verb\" = %s ]; then\n    words=\"", defs[i]->name);
            fprintf(out, "%s%s", first ? "" : " ", sub + n + 1);
            first = 0;
        }
        if (first)
            continue;
        fputs("\"\n"
              "    if [ \"$COMP_CWORD\" -eq 2 ] && [ \"${cur#-}\" = \"$cur\" ]; then\n"
              "      COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
              "      return\n"
              "    fi\n"
              "    case \" $words \" in *\" ${COMP_WORDS[2]} \"*) verb=\"$verb ${COMP_WORDS[2]}\" "
              ";; esac\n"
              "  fi\n",
              out);
    }
}

void cli_print_bash_completion(FILE *out) {
    size_t count = 0;
    const cli_verb_def *const *defs = cli_verb_defs(&count);
    fputs("# bash completion for benchgate, written by `benchgate help --completion=bash`\n"
          "_benchgate() {\n"
          "  local cur verb words values\n"
          "  cur=${COMP_WORDS[COMP_CWORD]}\n"
          "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
          "    words=\"",
          out);
    for (size_t i = 0; i < count; i++)
        if (strchr(defs[i]->name, ' ') == NULL)
            fprintf(out, "%s%s", i ? " " : "", defs[i]->name);
    fputs(" help\"\n"
          "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
          "    return\n"
          "  fi\n"
          "  verb=${COMP_WORDS[1]}\n",
          out);
    sub_verbs(out, defs, count);
    fputs("  case \"$verb:$cur\" in\n", out);
    for (size_t i = 0; i < count; i++)
        choice_arms(out, defs[i]);
    fputs("    *) values=\"\" ;;\n"
          "  esac\n"
          "  if [ -n \"$values\" ]; then\n"
          "    local flag=${cur%%=*}\n"
          "    COMPREPLY=($(compgen -P \"$flag=\" -W \"$values\" -- \"${cur#*=}\"))\n"
          "    return\n"
          "  fi\n"
          "  case \"$verb\" in\n",
          out);
    for (size_t i = 0; i < count; i++) {
        fprintf(out, "    \"%s\") words=\"", defs[i]->name);
        verb_words(out, defs[i]);
        fputs("\" ;;\n", out);
    }
    fputs("    *) words=\"--help\" ;;\n"
          "  esac\n"
          "  case \"$cur\" in\n"
          "    -*) COMPREPLY=($(compgen -W \"$words\" -- \"$cur\")); compopt -o nospace "
          "2>/dev/null ;;\n"
          "    *) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
          "  esac\n"
          "}\n"
          "complete -F _benchgate benchgate\n",
          out);
}
