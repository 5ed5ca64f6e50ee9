/* bisect_print.c - the answer of benchgate bisect: the first bad commit (sha, subject, date),
 * the change it brings, the skipped commits (and the range they leave, if any), the table of
 * steps; or the same as JSON (benchgate.bisect/1, docs/schema/bisect.schema.json). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bisect/bisect.h"

/* Appends text as it is (bg__sb_puts adds a newline). */
static void put(bg__strbuf *sb, const char *text) {
    bg__sb_append(sb, text, strlen(text));
}

static const char *outcome_name(bg__step_outcome o) {
    return o == BG__STEP_GOOD ? "good" : o == BG__STEP_BAD ? "bad" : "skip";
}

static void percent(double v, char *buf, size_t size) {
    if (isfinite(v))
        snprintf(buf, size, "%+.2f%%", v);
    else
        snprintf(buf, size, "-");
}

/* Prints prefix, then text shortened to fit the line in BG__TERM_WIDTH columns (and in max
 * columns of its own), then a newline: a subject cut at its end ("…"), a log line (why) in its
 * middle, which keeps its last words. */
static void fit(FILE *out, const char *prefix, const char *text, size_t max, int middle) {
    size_t used = bg__text_width(prefix),
           room = used + 8 < BG__TERM_WIDTH ? BG__TERM_WIDTH - used : 8;
    int utf8 = bg__term_utf8();
    char cut[512];
    room = room < max ? room : max;
    if (middle || bg__text_width(text) <= room) {
        bg__text_shorten(text, room, utf8, cut, sizeof cut);
    } else { /* the characters that fit, then the ellipsis */
        size_t n = 0, cols = 0, keep = room - (utf8 ? 1 : 3);
        for (; text[n] && n + 8 < sizeof cut; n++) {
            if (((unsigned char)text[n] & 0xC0) != 0x80 && cols++ == keep)
                break;
        }
        snprintf(cut, sizeof cut, "%.*s%s", (int)n, text, utf8 ? "\xe2\x80\xa6" : "...");
    }
    fprintf(out, "%s%s\n", prefix, cut);
}

/* The skipped commits between the last good one and the first bad one: the range left. */
static int range_left(const bg_bisect *b) {
    for (long i = b->last_good + 1; i < b->first_bad; i++)
        if (bg__bisect_step_of(b, i))
            return 1;
    return 0;
}

void bg__bisect_progress(FILE *out, const bg__bisect_step *s, size_t number) {
    char change[32], secs[32], prefix[160];
    if (out == NULL)
        return;
    percent(s->change_pct, change, sizeof change);
    bg__figure_human(s->seconds, "s", secs, sizeof secs);
    snprintf(prefix, sizeof prefix, "bisect: step %zu: %.12s %-5s %-4s %9s  %8s  ", number,
             s->c.sha, s->role, outcome_name(s->outcome), change, secs);
    fit(out, prefix, s->c.subject, BG__TERM_WIDTH, 0);
    if (s->outcome == BG__STEP_SKIP && s->why[0])
        fit(out, "bisect:   skipped: ", s->why, BG__TERM_WIDTH, 1);
    fflush(out);
}

static void print_head(const bg_bisect *b, FILE *out) {
    const bg__commit *c = &b->commits[b->first_bad];
    const bg__bisect_step *s = bg__bisect_step_of(b, b->first_bad);
    char v[3][64], ch[2][32], line[320], bench[128];
    bg__figure_human(b->good_value, b->unit, v[0], sizeof v[0]);
    bg__figure_human(b->bad_value, b->unit, v[1], sizeof v[1]);
    bg__figure_human(s ? s->value : NAN, b->unit, v[2], sizeof v[2]);
    percent(s ? s->change_pct : NAN, ch[0], sizeof ch[0]);
    percent(b->threshold_pct, ch[1], sizeof ch[1]);
    snprintf(line, sizeof line, "first bad commit: %.12s %.25s  ", c->sha, c->date);
    fit(out, line, c->subject, BG__TERM_WIDTH, 0);
    bg__text_shorten(b->benchmark, 48, bg__term_utf8(), bench, sizeof bench);
    snprintf(line, sizeof line, "%s at good, %s at it (%s), %s at bad", v[0], v[2], ch[0], v[1]);
    /* the figures on a line of their own when the line would be too wide */
    fprintf(out, "  %s %.24s:%s%s\n", bench, b->metric,
            bg__text_width(bench) + strlen(b->metric) + bg__text_width(line) + 5 > BG__TERM_WIDTH
                ? "\n    "
                : " ",
            line);
    fprintf(out, "  a commit is bad from %s against good%s\n", ch[1],
            b->threshold_default ? " (half the change from good to bad)" : " (--threshold)");
    if (range_left(b)) {
        fprintf(out, "  skipped commits leave a range: the first bad commit is one of\n");
        for (long i = b->last_good + 1; i <= b->first_bad; i++)
            fprintf(out, "    %.12s  %.70s\n", b->commits[i].sha, b->commits[i].subject);
    }
}

static void print_table(const bg_bisect *b, FILE *out) {
    char v[64], ch[32], secs[32], line[320];
    print_head(b, out);
    fprintf(out, "\nstep  commit        role   outcome  %12s  change    time      subject\n",
            b->metric);
    for (size_t i = 0; i < b->nsteps; i++) {
        const bg__bisect_step *s = &b->steps[i];
        bg__figure_human(s->value, b->unit, v, sizeof v);
        percent(s->change_pct, ch, sizeof ch);
        bg__figure_human(s->seconds, "s", secs, sizeof secs);
        snprintf(line, sizeof line, "%4zu  %.12s  %-5s  %-7s  %12s  %8s  %8s  ", i + 1, s->c.sha,
                 s->role, outcome_name(s->outcome), isfinite(s->value) ? v : "-", ch, secs);
        fit(out, line, s->c.subject, 28, 0);
    }
    for (size_t i = 0; i < b->nsteps; i++)
        if (b->steps[i].outcome == BG__STEP_SKIP) {
            snprintf(line, sizeof line, "skipped %.12s: ", b->steps[i].c.sha);
            fit(out, line, b->steps[i].why, BG__TERM_WIDTH, 1);
        }
    bg__figure_human(b->wall_s, "s", secs, sizeof secs);
    fprintf(out, "%d builds over %zu commits in %s (%s)\n", b->builds, b->ncommits + 1, secs,
            b->measure);
    if (b->kept[0])
        fprintf(out, "kept: %s\n", b->kept);
}

static void json_key(bg__strbuf *sb, const char *key, const char *text) {
    bg__sb_printf(sb, "\"%s\": ", key);
    if (text)
        bg__sb_json_string(sb, text);
    else
        put(sb, "null");
    put(sb, ", ");
}

static void json_num(bg__strbuf *sb, const char *key, double v) {
    bg__sb_printf(sb, "\"%s\": ", key);
    bg__sb_json_number(sb, v);
    put(sb, ", ");
}

static void json_step(bg__strbuf *sb, const bg__bisect_step *s, size_t n) {
    bg__sb_printf(sb, "    {\"step\": %zu, ", n);
    json_key(sb, "role", s->role);
    json_key(sb, "sha", s->c.sha);
    json_key(sb, "subject", s->c.subject);
    json_key(sb, "date", s->c.date);
    json_key(sb, "outcome", outcome_name(s->outcome));
    json_num(sb, "value", s->value);
    json_num(sb, "change_pct", s->change_pct);
    json_key(sb, "why", s->outcome == BG__STEP_SKIP ? s->why : NULL);
    bg__sb_printf(sb, "\"seconds\": ");
    bg__sb_json_number(sb, s->seconds);
    put(sb, "}");
}

static void json_candidates(bg__strbuf *sb, const bg_bisect *b) {
    put(sb, "\"candidates\": [");
    for (long i = b->last_good + 1, first = 1; i <= b->first_bad; i++) {
        if (i < b->first_bad && !bg__bisect_step_of(b, i))
            continue;
        put(sb, first ? "" : ", ");
        bg__sb_json_string(sb, b->commits[i].sha);
        first = 0;
    }
    put(sb, "],\n  \"skipped\": [");
    for (size_t i = 0, first = 1; i < b->nsteps; i++)
        if (b->steps[i].outcome == BG__STEP_SKIP) {
            bg__sb_printf(sb, "%s{", first ? "" : ", ");
            json_key(sb, "sha", b->steps[i].c.sha);
            json_key(sb, "subject", b->steps[i].c.subject);
            put(sb, "\"why\": ");
            bg__sb_json_string(sb, b->steps[i].why);
            put(sb, "}");
            first = 0;
        }
    put(sb, "],\n  ");
}

static void print_json(const bg_bisect *b, FILE *out) {
    bg__strbuf sb = {0};
    const bg__commit *c = &b->commits[b->first_bad];
    const bg__bisect_step *s = bg__bisect_step_of(b, b->first_bad);
    put(&sb, "{\"schema\": \"benchgate.bisect/1\",\n  ");
    json_key(&sb, "first_bad", c->sha);
    json_key(&sb, "first_bad_subject", c->subject);
    json_key(&sb, "first_bad_date", c->date);
    json_num(&sb, "first_bad_change_pct", s ? s->change_pct : NAN);
    bg__sb_printf(&sb, "\"exact\": %s,\n  ", range_left(b) ? "false" : "true");
    json_candidates(&sb, b);
    json_key(&sb, "good", b->good);
    json_key(&sb, "bad", b->bad);
    json_key(&sb, "bench", b->bench);
    json_key(&sb, "measure", b->measure);
    json_key(&sb, "benchmark", b->benchmark);
    json_key(&sb, "metric", b->metric);
    json_key(&sb, "unit", b->unit);
    json_num(&sb, "good_value", b->good_value);
    json_num(&sb, "bad_value", b->bad_value);
    json_num(&sb, "change_pct", b->change_pct);
    json_num(&sb, "threshold_pct", b->threshold_pct);
    bg__sb_printf(&sb, "\"threshold_default\": %s, \"commits\": %zu, \"builds\": %d, ",
                  b->threshold_default ? "true" : "false", b->ncommits + 1, b->builds);
    json_num(&sb, "wall_s", b->wall_s);
    json_key(&sb, "kept", b->kept[0] ? b->kept : NULL);
    put(&sb, "\n  \"steps\": [\n");
    for (size_t i = 0; i < b->nsteps; i++) {
        json_step(&sb, &b->steps[i], i + 1);
        put(&sb, i + 1 < b->nsteps ? ",\n" : "\n");
    }
    put(&sb, "  ]}\n");
    if (sb.data && !sb.failed)
        fputs(sb.data, out);
    bg__sb_free(&sb);
}

void bg_bisect_print(const bg_bisect *b, FILE *out, const char *format) {
    if (format && strcmp(format, "json") == 0)
        print_json(b, out);
    else
        print_table(b, out);
}
