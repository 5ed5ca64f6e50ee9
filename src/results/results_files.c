/* results_files.c - result.csv, samples.csv, summary.md, the console table, and writing them. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "config/config.h"
#include "measure/measure.h"
#include "results/results.h"

static void csv_number(bg__strbuf *sb, int present, double v, int last) {
    if (present)
        bg__sb_printf(sb, "%.17g%s", v, last ? "\n" : ",");
    else
        bg__sb_printf(sb, "%s", last ? "\n" : ",");
}

static void results_csv(const bg__run *run, bg__strbuf *sb) {
    bg__sb_printf(sb, "benchmark,family,device,metric,status,unit,value,n,median,mean,stddev,min,"
                      "max,p95,p99,ci95_lo,ci95_hi,cv,message,benchmark_status,error_message\n");
    for (size_t i = 0; i < run->inst_count; i++) {
        const bg__instance *in = &run->inst[i];
        bg__metric_out out[BG__MAX_METRICS_OUT];
        size_t n = bg__instance_metrics(run, in, out);
        for (size_t k = 0; k < n; k++) {
            const bg__metric_out *m = &out[k];
            const bg__summary *s = &m->st;
            int st = m->has_stats;
            bg__sb_csv_field(sb, in->name, 0);
            bg__sb_csv_field(sb, in->def->name, 0);
            bg__sb_csv_field(sb, in->device, 0);
            bg__sb_csv_field(sb, m->name, 0);
            bg__sb_csv_field(sb, m->status, 0);
            bg__sb_csv_field(sb, m->unit, 0);
            csv_number(sb, st || m->has_value, st ? s->median : m->value, 0);
            csv_number(sb, st, (double)s->n, 0);
            csv_number(sb, st, s->median, 0);
            csv_number(sb, st, s->mean, 0);
            csv_number(sb, st, s->stddev, 0);
            csv_number(sb, st, s->min, 0);
            csv_number(sb, st, s->max, 0);
            csv_number(sb, st, s->p95, 0);
            csv_number(sb, st, s->p99, 0);
            csv_number(sb, st, s->ci95_lo, 0);
            csv_number(sb, st, s->ci95_hi, 0);
            csv_number(sb, st, s->cv, 0);
            bg__sb_csv_field(sb, m->message, 0);
            bg__sb_csv_field(sb, bg__status_name(in->status), 0);
            bg__sb_csv_field(sb, in->status == BG__STATUS_OK ? "" : in->message, 1);
        }
    }
}

static void samples_csv(const bg__run *run, bg__strbuf *sb) {
    bg__sb_printf(sb, "benchmark,repetition,sample,iterations,time_ns,cpu_time_ns,instructions\n");
    for (size_t i = 0; i < run->inst_count; i++) {
        const bg__instance *in = &run->inst[i];
        int instr = in->cfg->measure == BG__MEASURE_INSTRUCTIONS;
        for (size_t k = 0; k < in->sample_count; k++) {
            const bg__sample *s = &in->samples[k];
            bg__sb_csv_field(sb, in->name, 0);
            bg__sb_printf(sb, "%u,%zu,%llu,%.17g,%.17g,", s->repetition, k,
                          (unsigned long long)s->iterations, s->time_ns, s->cpu_ns);
            csv_number(sb, instr, s->instructions, 1);
        }
    }
}

/* Picks a readable unit for a time in ns. */
static void format_time(char *buf, size_t size, double ns) {
    if (ns < 1e3)
        snprintf(buf, size, "%.3g ns", ns);
    else if (ns < 1e6)
        snprintf(buf, size, "%.3g us", ns / 1e3);
    else if (ns < 1e9)
        snprintf(buf, size, "%.3g ms", ns / 1e6);
    else
        snprintf(buf, size, "%.3g s", ns / 1e9);
}

/* One table row: name, status, median, CI half-width %, CV %, throughput. */
static void row_cells(const bg__run *run, const bg__instance *in, char cells[5][96]) {
    bg__metric_out out[BG__MAX_METRICS_OUT];
    size_t n = bg__instance_metrics(run, in, out);
    int primary = in->cfg->measure == BG__MEASURE_INSTRUCTIONS ? 2
                  : in->cfg->measure == BG__MEASURE_CPU        ? 1
                                                               : 0;
    const bg__metric_out *m = &out[primary];
    snprintf(cells[0], 96, "%s", bg__status_name(in->status));
    cells[1][0] = cells[2][0] = cells[3][0] = cells[4][0] = '\0';
    if (!m->has_stats)
        return;
    if (primary == 2) /* "7.345 M instr": no e-notation past a million */
        bg__figure_human(m->st.median, "instr", cells[1], 96);
    else
        format_time(cells[1], 96, m->st.median);
    double half = (m->st.ci95_hi - m->st.ci95_lo) / 2.0;
    snprintf(cells[2], 96, "%.2f%%", m->st.median > 0 ? 100.0 * half / m->st.median : 0.0);
    snprintf(cells[3], 96, "%.2f%%", 100.0 * m->st.cv);
    for (size_t k = 3; k < n && k < 6; k++)
        if (out[k].has_value) {
            double v = out[k].value;
            const char *scale = v >= 1e9 ? "G" : v >= 1e6 ? "M" : v >= 1e3 ? "k" : "";
            double div = v >= 1e9 ? 1e9 : v >= 1e6 ? 1e6 : v >= 1e3 ? 1e3 : 1;
            snprintf(cells[4], 96, "%.3g %s%s", v / div, scale, out[k].unit);
            break;
        }
}

/* The console table's benchmark column: 48 wide where the line fits the terminal's width
 * (bg__term_width), else what it leaves; 0 when that is under 16 columns: then each name is
 * on a line of its own, its figures under it. */
static size_t name_column(const bg__run *run) {
    size_t tail = strlen("throughput");
    for (size_t i = 0; i < run->inst_count; i++) {
        char cells[5][96];
        row_cells(run, &run->inst[i], cells);
        size_t n = bg__text_width(cells[4]) + (run->inst[i].reused_from[0] ? 9 : 0);
        tail = n > tail ? n : tail;
    }
    size_t rest = 1 + 8 + 1 + 12 + 1 + 9 + 1 + 8 + 1 + tail, width = (size_t)bg__term_width();
    if (width < rest + 16)
        return 0;
    return width - rest < 48 ? width - rest : 48;
}

/* Appends name padded to width columns and a blank; stacked (width 0): name on its own line,
 * the figures under it indented by two blanks. */
static void put_name(bg__strbuf *sb, const char *text, size_t width) {
    char name[4 * BG__NAME_MAX];
    size_t room = width ? width : (size_t)bg__term_width();
    bg__text_shorten(text, room, bg__term_utf8(), name, sizeof name);
    if (width == 0) {
        bg__sb_printf(sb, "%s\n  ", name);
        return;
    }
    size_t n = bg__text_width(name);
    bg__sb_printf(sb, "%s%*s ", name, (int)(n < width ? width - n : 0), "");
}

void bg__console_table(const bg__run *run, FILE *f) {
    size_t width = name_column(run);
    bg__strbuf sb = {0};
    bg__sb_printf(&sb, "\n");
    put_name(&sb, "benchmark", width);
    bg__sb_printf(&sb, "%-8s %12s %9s %8s %s\n", "status", "median", "ci95 +-", "cv", "throughput");
    for (size_t i = 0; i < run->inst_count; i++) {
        char cells[5][96];
        row_cells(run, &run->inst[i], cells);
        put_name(&sb, run->inst[i].name, width);
        bg__sb_printf(&sb, "%-8s %12s %9s %8s %s%s", cells[0], cells[1], cells[2], cells[3],
                      cells[4],
                      run->inst[i].reused_from[0] ? " (reused)" : ""); /* not measured here */
        while (sb.len > 0 && sb.data[sb.len - 1] == ' ')
            sb.len--;
        bg__sb_printf(&sb, "\n");
        if (run->inst[i].status != BG__STATUS_OK) {
            bg__sb_printf(&sb, "    ");
            bg__text_wrap(&sb, run->inst[i].message, (size_t)bg__term_width(), "    ", 4);
        }
    }
    bg__counters_console(run, &sb);   /* counters_out.c */
    bg__perf_console(run, &sb);       /* perf_out.c */
    bg__complexity_console(run, &sb); /* complexity_out.c */
    fputs(sb.data && !sb.failed ? sb.data : "out of memory\n", f);
    bg__sb_free(&sb);
    fflush(f);
}

void bg__ctest_measurements(const bg__run *run, FILE *f) {
    for (size_t i = 0; i < run->inst_count; i++) {
        bg__metric_out out[BG__MAX_METRICS_OUT];
        size_t n = bg__instance_metrics(run, &run->inst[i], out);
        for (size_t k = 0; k < n && k < 6; k++) {
            double v = out[k].has_stats ? out[k].st.median : out[k].value;
            if (strcmp(out[k].status, "ok") == 0 && (out[k].has_stats || out[k].has_value))
                fprintf(f,
                        "<CTestMeasurement type=\"numeric/double\" name=\"%s %s\">%.6g"
                        "</CTestMeasurement>\n",
                        run->inst[i].name, out[k].name, v);
        }
    }
    fflush(f);
}

static void summary_md(const bg__run *run, bg__strbuf *sb) {
    bg__sb_printf(sb, "# benchgate run %s\n\n%s\n\n", run->run_id, run->command_line);
    bg__sb_printf(sb, "| benchmark | status | median | ci95 ± | cv | throughput |\n");
    bg__sb_printf(sb, "| --- | --- | ---: | ---: | ---: | ---: |\n");
    for (size_t i = 0; i < run->inst_count; i++) {
        char cells[5][96];
        row_cells(run, &run->inst[i], cells);
        bg__sb_printf(sb, "| `%s` | %s | %s | %s | %s | %s |\n", run->inst[i].name, cells[0],
                      cells[1], cells[2], cells[3], cells[4]);
    }
}

static bg_err write_buffer(const bg__run *run, const char *name, bg__strbuf *sb, bg__error *err) {
    char path[BG__PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", run->out_dir, name);
    bg_err rc = sb->failed ? bg__set_error(err, BG_ENOMEM, "%s: out of memory", path)
                           : bg__write_atomic(path, sb->data ? sb->data : "", sb->len, err);
    bg__sb_free(sb);
    return rc;
}

bg_err bg__write_results(bg__run *run, int complete, bg__error *err) {
    unsigned formats = run->settings.global.formats;
    bg__strbuf sb = {0};
    for (size_t i = 0; i < run->inst_count; i++) /* once, for every writer (and the table) */
        bg__stats_keep(run, &run->inst[i]);
    if (formats & BG__FORMAT_JSON) {
        cJSON *root = bg__run_json(run, complete);
        char *text = root ? bg__json_print(root, 1) : NULL;
        cJSON_Delete(root);
        BG_RETURN_IF(text == NULL, err, BG_ENOMEM, "out of memory writing result.json");
        bg__sb_puts(&sb, text);
        free(text);
        BG_FORWARD_IF_ERROR(write_buffer(run, BG_RESULT_FILE, &sb, err));
    }
    if (formats & BG__FORMAT_CSV) {
        results_csv(run, &sb);
        BG_FORWARD_IF_ERROR(write_buffer(run, "result.csv", &sb, err));
        samples_csv(run, &sb);
        BG_FORWARD_IF_ERROR(write_buffer(run, "samples.csv", &sb, err));
    }
    summary_md(run, &sb);
    return write_buffer(run, "summary.md", &sb, err);
}
