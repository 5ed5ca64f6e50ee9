/* test_integrations.c - unit tests of the integrations' C parts: their settings (plugins,
 * and benchgate start's own: history, telemetry, notify, from src/cli/start_settings.c) from
 * flags and bench.yaml lists and mappings, the names a bench leaves to the command, command words,
 * URL and address checks, the Pushgateway grouping URL and exposition, HTML escaping and the SVG
 * chart, and the report and notification texts of a fixture run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "benchgate/integrations.h"
#include "benchgate/report.h"
#include "benchgate/settings.h"
#include "cli.h"
#include "common/common.h"
#include "config/config.h"
#include "net/net.h"
#include "report/report.h"

static void check_contains(const char *text, const char *part, const char *file, int line) {
    if (text == NULL || strstr(text, part) == NULL) {
        print_error("\"%s\" does not contain \"%s\"\n", text ? text : "(null)", part);
        _fail(file, line);
    }
}
#define assert_contains(text, part) check_contains((text), (part), __FILE__, __LINE__)
#define FIXTURE(name) BG_TEST_FIXTURES "/results/" name

static bg_err set(bg__config *c, bg__opt_id id, const char *v, bg__source src, bg__error *err) {
    return bg__config_set(c, id, v, src, "test", err);
}

/* The command's settings (src/cli/start_settings.c) from these flags, as benchgate start loads
 * them; err receives the message. */
static bg_err load_start(const char *a1, const char *a2, bg_settings **st, char *err, size_t n) {
    char *argv[] = {"benchgate", (char *)a1, (char *)a2, NULL};
    size_t count;
    const bg_setting_def *defs = cli_settings_defs(&count);
    return bg_settings_load_with(a1 ? (a2 ? 3 : 2) : 1, argv, defs, count, st, err, n);
}

static void check_value(const bg_settings *st, const char *key, const char *want, const char *file,
                        int line) {
    char v[1024] = "(unset)";
    if (bg_settings_get(st, key, v, sizeof v) != BG_OK || strcmp(v, want) != 0) {
        print_error("%s is \"%s\", not \"%s\"\n", key, v, want);
        _fail(file, line);
    }
}
#define assert_setting(st, key, want) check_value((st), (key), (want), __FILE__, __LINE__)

/* A bench.yaml of this text, in a scratch file whose path is in path. */
static void write_yaml(const char *text, char *path, size_t size) {
    snprintf(path, size, "%s/bg-integrations-XXXXXX.yaml", P_tmpdir);
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

/* ---- settings ------------------------------------------------------------------------------ */

static void test_defaults(void **unused) {
    (void)unused;
    bg__config c;
    bg__config_defaults(&c);
    assert_string_equal(c.plugins, "");
    bg_settings *st = NULL;
    char err[1024];
    assert_int_equal(load_start(NULL, NULL, &st, err, sizeof err), BG_OK);
    assert_setting(st, "telemetry-job", "benchgate");
    assert_setting(st, "telemetry.timeout", "5");
    assert_setting(st, "notify.on", "always");
    assert_setting(st, "telemetry-url", "");
    assert_setting(st, "history", "results/history.sqlite");
    assert_setting(st, "notify-desktop", "0");
    bg_settings_free(st);
    /* Each "(default V)" of the command's --help says the default it has. */
    size_t count;
    const bg_setting_def *defs = cli_settings_defs(&count);
    for (size_t i = 0; i < count; i++) {
        const char *said = strstr(defs[i].help, "(default ");
        if (said == NULL)
            continue;
        char want[128];
        snprintf(want, sizeof want, "(default %s)",
                 defs[i].default_value ? defs[i].default_value : "");
        assert_string_equal(said, want);
    }
}

static void test_plugins_append_and_replace(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err = {0};
    bg__config_defaults(&c);
    assert_int_equal(set(&c, BG__OPT_PLUGIN, "/a.so", BG__SRC_YAML, &err), BG_OK);
    assert_int_equal(set(&c, BG__OPT_PLUGIN, "/b.so:/c.so", BG__SRC_YAML, &err), BG_OK);
    assert_string_equal(c.plugins, "/a.so:/b.so:/c.so");
    assert_int_equal(set(&c, BG__OPT_PLUGIN, "/d.so", BG__SRC_FLAG, &err), BG_OK);
    assert_string_equal(c.plugins, "/d.so"); /* a flag replaces the file's list */
    assert_int_equal(set(&c, BG__OPT_PLUGIN, "/e.so", BG__SRC_FLAG, &err), BG_OK);
    assert_string_equal(c.plugins, "/d.so:/e.so"); /* repeated flags add up */
    assert_int_equal(set(&c, BG__OPT_PLUGIN, "/f.so", BG__SRC_ENV, &err), BG_OK);
    assert_string_equal(c.plugins, "/d.so:/e.so"); /* lower precedence: ignored */
    assert_int_equal(set(&c, BG__OPT_PLUGIN, "/a.so::/b.so", BG__SRC_FLAG, &err), BG_ECONFIG);
    assert_contains(err.msg, "has an empty path");
}

static void test_bad_values(void **unused) {
    (void)unused;
    static const struct {
        const char *flag, *why;
    } cases[] = {
        {"--telemetry-url=ftp://x", "is not an http:// or https:// URL"},
        {"--telemetry-url=http://user:pw@pgw:9091", "without user:password@"},
        {"--telemetry-url=http://", "is not an http:// or https:// URL"},
        {"--telemetry-job=a/b", "'/'"},
        {"--telemetry-job=off", "cannot be off"},
        {"--telemetry-labels=team", "NAME=VALUE"},
        {"--telemetry-labels=9x=1", "label name"},
        {"--telemetry-labels=job=x", "sets the label job"},
        {"--telemetry-labels=a=1,", "ends with a comma"},
        {"--telemetry-timeout=0", "out of range"},
        {"--telemetry-timeout=5h", "unknown unit"},
        {"--notify-on=sometimes", "always, failure, never"},
        {"--notify-smtp-url=http://mail", "smtp:// or smtps://"},
        {"--notify-from=nobody", "not an email address"},
        {"--notify-to=a@b.c,,d@e.f", "empty address"},
        {"--notify-to=a@b.c,x y@z", "not a plain email address"},
        {"--notify-to=a@b.c\r\nBcc: x@y", "holds a control character (0x0d at offset 17)"},
        {"--notify-from=a\r\n@b.c", "holds a control character (0x0d at offset 15)"},
        {"--notify-command=echo 'open", "unclosed quote"},
        {"--notify-command=   ", "names no program"},
        {"--notify-desktop=maybe", "not a boolean"},
        {"--history=", "history: value is empty"},
        {"--telemetry-urll=http://x", "--telemetry-urll: unknown flag"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bg_settings *st = NULL;
        char err[1024] = "";
        assert_int_equal(load_start(cases[i].flag, NULL, &st, err, sizeof err), BG_EUSAGE);
        assert_null(st);
        assert_contains(err, "command line");
        assert_contains(err, cases[i].why);
    }
}

static void test_good_values_and_off(void **unused) {
    (void)unused;
    bg_settings *st = NULL;
    char err[1024];
    assert_int_equal(
        load_start("--telemetry-timeout=500ms", "--notify-desktop", &st, err, sizeof err), BG_OK);
    assert_setting(st, "telemetry-timeout", "0.5");
    assert_setting(st, "notify-desktop", "1");
    bg_settings_free(st);
    assert_int_equal(
        load_start("--telemetry-url=off", "--notify-to=a@b.c,d@e.f", &st, err, sizeof err), BG_OK);
    assert_setting(st, "telemetry.url", "off"); /* a flag turns the file's push off */
    assert_setting(st, "notify.to", "a@b.c,d@e.f");
    assert_setting(st, "min_time", "0.2"); /* the run settings are there too */
    bg_settings_free(st);
    assert_int_equal(load_start("--notify-desktop=no", "--history=off", &st, err, sizeof err),
                     BG_OK);
    assert_setting(st, "notify-desktop", "0");
    assert_setting(st, "history", "off");
    bg_settings_free(st);
}

static void test_yaml_sections(void **unused) {
    (void)unused;
    static const char yaml[] = "version: 1\n"
                               "run:\n  plugins: [/p/a.so, /p/b.so]\n  history: h.sqlite\n"
                               "telemetry:\n  url: http://127.0.0.1:9091\n"
                               "  labels: {team: perf, site: lab 1}\n  job: nightly\n"
                               "notify:\n  on: failure\n  desktop: true\n"
                               "  to: [a@example.test, b@example.test]\n"
                               "  command: [/bin/echo, \"it's\", two words, \"\"]\n";
    char path[256], flag[300], err[1024];
    write_yaml(yaml, path, sizeof path);
    snprintf(flag, sizeof flag, "--config=%s", path);
    bg_settings *st = NULL;
    assert_int_equal(load_start(flag, "--notify-on=always", &st, err, sizeof err), BG_OK);
    assert_setting(st, "plugins", "/p/a.so:/p/b.so");
    assert_setting(st, "history", "h.sqlite");
    assert_setting(st, "telemetry.labels", "team=perf,site=lab 1");
    assert_setting(st, "telemetry.job", "nightly");
    assert_setting(st, "notify.on", "always"); /* the flag beats the file */
    assert_setting(st, "notify.desktop", "1");
    assert_setting(st, "notify.to", "a@example.test,b@example.test");
    char command[512], store[256], *argv[8];
    assert_int_equal(bg_settings_get(st, "notify.command", command, sizeof command), BG_OK);
    assert_int_equal(bg__split_words(command, store, sizeof store, argv, 8), 4);
    assert_string_equal(argv[0], "/bin/echo");
    assert_string_equal(argv[1], "it's");
    assert_string_equal(argv[2], "two words");
    assert_string_equal(argv[3], "");
    assert_null(argv[4]);
    bg_settings_free(st);
    /* A bench executable skips the command's sections and keys; it does not refuse them. */
    char *bench_argv[] = {"bench", flag, NULL};
    assert_int_equal(bg_settings_load(2, bench_argv, &st, err, sizeof err), BG_OK);
    assert_setting(st, "plugins", "/p/a.so:/p/b.so");
    assert_int_equal(bg_settings_get(st, "history", command, sizeof command), BG_EUSAGE);
    bg_settings_free(st);
    unlink(path);
}

static void test_yaml_errors(void **unused) {
    (void)unused;
    static const struct {
        const char *yaml, *why;
    } cases[] = {
        {"telemetry:\n  uri: x\n", "2:3: unknown key 'uri' in section telemetry"},
        {"notify:\n  to: {a: b}\n", "2:7: to: expected a string or a list of strings"},
        {"notify:\n  from: \"a\\r@b.c\"\n", "notify.from: 'a\\x0d@b.c' holds a control character"},
        {"telemetry:\n  labels: [a, b]\n", "labels: expected a mapping of label: value"},
        {"telemetry:\n  labels: {team: [x]}\n", "labels: each label must be name: value"},
        {"telemetry:\n  url: ftp://x\n", "2:8: telemetry.url: 'ftp://x' is not an http://"},
        {"notify:\n  on: [always]\n", "on: expected a single value"},
        {"run:\n  plugins: [a.so, [b]]\n", "plugins: each item of the list"},
        {"benchmarks:\n  triad:\n    plugins: x.so\n", "cannot be set per benchmark"},
        {"benchmarks:\n  triad:\n    history: x\n", "cannot be set per benchmark"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256], flag[300], err[1024] = "";
        write_yaml(cases[i].yaml, path, sizeof path);
        snprintf(flag, sizeof flag, "--config=%s", path);
        bg_settings *st = NULL;
        assert_int_equal(load_start(flag, NULL, &st, err, sizeof err), BG_ECONFIG);
        assert_contains(err, path);
        assert_contains(err, cases[i].why);
        unlink(path);
    }
}

/* The names the core leaves to the command: a bench executable refuses their flags and skips
 * their variables; a program's table outside them, or with a bad default, is refused. */
static void test_command_names(void **unused) {
    (void)unused;
    assert_true(bg_settings_start_only("--telemetry-url=x"));
    assert_true(bg_settings_start_only("--notify-desktop"));
    assert_true(bg_settings_start_only("--history=off"));
    assert_false(bg_settings_start_only("--historyx"));
    assert_false(bg_settings_start_only("--telemetry"));
    assert_false(bg_settings_start_only("--min-time=1"));
    assert_true(bg__command_env("BENCH_TELEMETRY_URL"));
    assert_true(bg__command_env("BENCH_HISTORY"));
    assert_false(bg__command_env("BENCH_HISTORYX"));
    assert_false(bg__command_env("BENCH_telemetry_url"));
    bg_settings *st = NULL;
    char err[1024] = "";
    char *argv[] = {"bench", "--history=h.sqlite", NULL};
    assert_int_equal(bg_settings_load(2, argv, &st, err, sizeof err), BG_EUSAGE);
    assert_contains(err, "--history: a setting of benchgate start");
    char *off[] = {"bench", "--history=off", "--telemetry-url=off", NULL}; /* what it does */
    assert_int_equal(bg_settings_load(3, off, &st, err, sizeof err), BG_OK);
    bg_settings_free(st);
    static const bg_setting_def outside[] = {
        {.flag = "color", .section = "run", .key = "color", .help = "x"}};
    assert_int_equal(bg_settings_load_with(1, argv, outside, 1, &st, err, sizeof err), BG_EUSAGE);
    assert_contains(err, "program setting --color (run.color): not a name");
    static const bg_setting_def bad_default[] = {{.flag = "notify-wait",
                                                  .section = "notify",
                                                  .key = "wait",
                                                  .default_value = "soon",
                                                  .kind = BG_SETTING_SECONDS,
                                                  .lo = 1,
                                                  .hi = 2,
                                                  .help = "x"}};
    assert_int_equal(bg_settings_load_with(1, argv, bad_default, 1, &st, err, sizeof err),
                     BG_EUSAGE);
    assert_contains(err, "program setting --notify-wait: its default 'soon' is not a duration");
    assert_null(st);
}

/* ---- words, URLs, addresses ------------------------------------------------------------------ */

static void test_split_words(void **unused) {
    (void)unused;
    char store[256], *argv[8];
    assert_int_equal(
        bg__split_words("a \"b c\" 'd\"e' f\\ g \"h\\\"i\" $(x)", store, sizeof store, argv, 8), 6);
    assert_string_equal(argv[0], "a");
    assert_string_equal(argv[1], "b c");
    assert_string_equal(argv[2], "d\"e");
    assert_string_equal(argv[3], "f g");
    assert_string_equal(argv[4], "h\"i");
    assert_string_equal(argv[5], "$(x)"); /* no expansion of any kind */
    assert_int_equal(bg__split_words("'it'\\''s'", store, sizeof store, argv, 8), 1);
    assert_string_equal(argv[0], "it's");
    assert_int_equal(bg__split_words("a \"b", store, sizeof store, argv, 8), -1);
    assert_int_equal(bg__split_words("a b c d", store, sizeof store, argv, 3), -1);
    assert_int_equal(bg__split_words("", store, sizeof store, argv, 3), 0);
    assert_int_equal(bg__split_words("abcdef", store, 4, argv, 3), -1);
}

static void test_url_and_address(void **unused) {
    (void)unused;
    assert_true(bg__url_ok("https://h/x", "https"));
    assert_true(bg__url_ok("http://h:1/x?q=a@b", "http,https")); /* @ after the host is fine */
    assert_false(bg__url_ok("https://u:p@h/x", "https"));
    assert_false(bg__url_ok("http://h/x", "https"));
    assert_false(bg__url_ok("https://h/a b", "https"));
    assert_false(bg__url_ok("https:///x", "https"));
    assert_false(bg__url_ok("smtpx://h", "smtp,smtps"));
    assert_null(bg__check_address("bench@example.test"));
    assert_non_null(bg__check_address("a@b@c"));
    assert_non_null(bg__check_address("<a@b>"));
    assert_non_null(bg__check_address("@b"));
}

/* ---- telemetry ----------------------------------------------------------------------------- */

static void test_grouping_url(void **unused) {
    (void)unused;
    bg_telemetry_opts o;
    char url[512], err[256];
    bg_telemetry_opts_init(&o);
    o.url = "http://pgw:9091/";
    o.labels = "team=perf,site=lab 1,path=a/b";
    assert_int_equal(bg_telemetry_url(&o, "vm-1", url, sizeof url, err, sizeof err), BG_OK);
    assert_string_equal(url, "http://pgw:9091/metrics/job/benchgate/instance/vm-1/team/perf"
                             "/site@base64/bGFiIDE=/path@base64/YS9i");
    o.labels = "instance=ci-7";
    assert_int_equal(bg_telemetry_url(&o, "vm-1", url, sizeof url, err, sizeof err), BG_OK);
    assert_string_equal(url, "http://pgw:9091/metrics/job/benchgate/instance/ci-7");
    o.url = "ftp://pgw";
    assert_int_equal(bg_telemetry_url(&o, "vm", url, sizeof url, err, sizeof err), BG_EUSAGE);
    assert_contains(err, "is not an http:// or https:// URL");
}

static void test_exposition(void **unused) {
    (void)unused;
    bg_telemetry_opts o;
    char *text = NULL, err[512];
    bg_telemetry_opts_init(&o);
    o.exit_code = 1;
    assert_int_equal(bg_telemetry_text(FIXTURE("mixed"), &o, &text, err, sizeof err), BG_OK);
    assert_contains(text, "# TYPE benchgate_time_median_seconds gauge\n");
    assert_contains(text, "benchgate_time_median_seconds{benchmark=\"triad/cpu/n=1024\","
                          "family=\"triad\",device=\"cpu\"} 1.5141526323774845e-07\n");
    assert_contains(text, "benchgate_benchmark_ok{benchmark=\"triad/cpu/n=x1\",family=\"triad\","
                          "device=\"cpu\"} 0\n");
    assert_contains(text, "benchgate_benchmark_status{benchmark=\"triad/cuda/n=1024\","
                          "family=\"triad\",device=\"cuda\",status=\"skipped\"} 1\n");
    assert_contains(text, "benchgate_run_exit_code 1\n");
    assert_contains(text, "benchgate_run_benchmarks{status=\"error\"} 1\n");
    assert_contains(text, "metric=\"max_rel_err\",unit=\"error\"}");
    assert_null(strstr(text, "nan"));
    bg_text_free(text);
    assert_int_equal(bg_telemetry_text(FIXTURE("missing"), &o, &text, err, sizeof err), BG_EINPUT);
    assert_null(text);
}

/* ---- HTML ---------------------------------------------------------------------------------- */

static void test_html_escape(void **unused) {
    (void)unused;
    bg__strbuf sb = {0};
    bg__html_text(&sb, "<a href=\"x\">'&'</a>\x01\n");
    assert_string_equal(sb.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; \n");
    bg__sb_free(&sb);
}

static void test_svg_chart(void **unused) {
    (void)unused;
    bg__chart_bar bars[] = {{"n=1024", 150, 140, 160, "ok"},
                            {"n=<big>", 5e6, 4.9e6, 5.2e6, "regression"},
                            {"n=no-ci", 2e3, NAN, NAN, ""}};
    bg__strbuf sb = {0};
    bg__svg_bar_chart(&sb, &(bg__chart){"t & t", "ns", bars, 3});
    assert_contains(sb.data, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    assert_contains(sb.data, "t &amp; t (log scale)</text>");
    assert_contains(sb.data, "n=&lt;big&gt;");
    assert_contains(sb.data, "fill=\"#d64545\""); /* the regression's bar */
    assert_contains(sb.data, "5 ms");
    assert_contains(sb.data, "</svg>");
    size_t whiskers = 0;
    for (const char *p = sb.data; (p = strstr(p, "<path")) != NULL; p++)
        whiskers++;
    assert_int_equal(whiskers, 2); /* none for the bar without a CI */
    bg__sb_free(&sb);
    bg__chart_bar one[] = {{"x", 10, 9, 11, "ok"}, {"y", 20, 19, 21, "ok"}};
    bg__svg_bar_chart(&sb, &(bg__chart){"linear", "count", one, 2});
    assert_null(strstr(sb.data, "log scale"));
    bg__sb_free(&sb);
}

static void test_human_micro(void **unused) {
    (void)unused;
    char buf[64];
    setenv("LC_ALL", "C", 1); /* a console that is not UTF-8: ASCII */
    bg__figure_human(5770, "ns", buf, sizeof buf);
    assert_string_equal(buf, "5.77 us");
    setenv("LC_ALL", "C.UTF-8", 1);
    bg__figure_human(5770, "ns", buf, sizeof buf);
    assert_string_equal(buf, "5.77 \xc2\xb5s");
    unsetenv("LC_ALL");
    bg__figure_human_utf8(5770, "ns", buf, sizeof buf);
    assert_string_equal(buf, "5.77 \xc2\xb5s"); /* HTML and Markdown */
    bg__figure_human_utf8(148.5, "ns", buf, sizeof buf);
    assert_string_equal(buf, "148.5 ns");
    bg__figure_human_utf8(2.5e9, "ns", buf, sizeof buf);
    assert_string_equal(buf, "2.5 s");
}

static void test_svg_pair_chart(void **unused) {
    (void)unused;
    static const char *const names[2] = {"A (baseline): r1", "B: r2"};
    bg__chart_bar bars[] = {{"n=1", 100, 95, 105, ""},
                            {"n=1", 150, 140, 160, "regression"},
                            {"n=2", 200, NAN, NAN, ""},
                            {"n=2", NAN, NAN, NAN, "new"}};
    bg__strbuf sb = {0};
    bg__svg_bar_chart(&sb, &(bg__chart){"pair", "ns", bars, 4, 2, names});
    assert_contains(sb.data, "class=\"chart\" width=\"100%\"");
    assert_contains(sb.data, ">A (baseline): r1</text>"); /* the legend */
    assert_contains(sb.data, ">B: r2</text>");
    assert_contains(sb.data, "<title>B: r2: n=1: median 150 ns, 95% CI 140 ns to 160 ns "
                             "(regression)</title>");
    assert_contains(sb.data, "no figure"); /* n=2 has none in B */
    size_t labels = 0, a = 0, b = 0;
    for (const char *p = sb.data; (p = strstr(p, "text-anchor=\"end\"")) != NULL; p++)
        labels++;
    for (const char *p = sb.data; (p = strstr(p, "fill=\"#9aa5b1\"")) != NULL; p++)
        a++;
    for (const char *p = sb.data; (p = strstr(p, "fill=\"#4e79a7\"")) != NULL; p++)
        b++;
    assert_int_equal(labels, 2);             /* one label per pair */
    assert_int_equal(a, 3);                  /* the swatch and two bars of A */
    assert_int_equal(b, 2);                  /* the swatch and one bar of B */
    assert_null(strstr(sb.data, "#d64545")); /* the run's colour, whatever its verdict */
    bg__sb_free(&sb);
}

static void test_report_html(void **unused) {
    (void)unused;
    char *html = NULL, err[512];
    assert_int_equal(bg_report_html(FIXTURE("mixed"), &html, err, sizeof err), BG_OK);
    assert_contains(html, "<!DOCTYPE html>");
    assert_contains(html, "<h2>triad</h2>");
    assert_contains(html, "<span class=\"badge b-regression\">regression</span> time_ns "
                          "+1758.27%");
    assert_contains(html, "axis &#39;n&#39;: &#39;x1&#39; is not an integer");
    assert_contains(html, "<svg");
    assert_null(strstr(html, "<script"));
    bg_text_free(html);
    char *same = NULL;
    assert_int_equal(bg_export(FIXTURE("mixed"), "html", &same, err, sizeof err), BG_OK);
    assert_contains(same, "<h2>triad</h2>");
    bg_text_free(same);
    assert_int_equal(bg_report_html(FIXTURE("nowhere"), &html, err, sizeof err), BG_EINPUT);
    assert_null(html);
}

static void test_report_html_pair(void **unused) {
    (void)unused;
    char *html = NULL, err[512];
    assert_int_equal(
        bg_report_html_pair(FIXTURE("small"), FIXTURE("mixed"), &html, err, sizeof err), BG_OK);
    assert_contains(html, "run B <code>20261123-190751-19428</code>");
    assert_contains(html, "compared with baseline A <code>20261123-190750-19375</code>");
    assert_contains(html, "<td class=\"num\">159 ns</td><td class=\"num\">151.4 ns</td>"
                          "<td class=\"num\">-4.78%</td>");
    assert_contains(html, "<h2>overhead</h2>\n<p class=\"msg\">Only in baseline A.</p>");
    assert_null(strstr(html, "<script"));
    bg_text_free(html);
    assert_int_equal(
        bg_report_html_pair(FIXTURE("small"), FIXTURE("nowhere"), &html, err, sizeof err),
        BG_EINPUT);
    assert_null(html);
    assert_contains(err, "nowhere");
    assert_int_equal(bg_report_html_pair(FIXTURE("mixed/verdict.json"), FIXTURE("mixed"), &html,
                                         err, sizeof err),
                     BG_EINPUT);
    assert_contains(err, "verdict.json: not a benchgate.result/1 document");
}

static void test_notify_message(void **unused) {
    (void)unused;
    char *subject = NULL, *body = NULL, err[512];
    assert_int_equal(bg_notify_message(FIXTURE("mixed"), 1, &subject, &body, err, sizeof err),
                     BG_OK);
    assert_string_equal(subject, "benchgate: REGRESSION: run 20261123-190751-19428 on vm (exit 1)");
    assert_contains(body, "status: REGRESSION (exit 1)");
    assert_contains(body, "benchmarks: 3 (1 ok, 1 skipped, 1 error)");
    assert_contains(body, "error: triad/cpu/n=x1: axis 'n': 'x1' is not an integer");
    free(subject);
    free(body);
    bg_notify_opts o;
    bg_notify_opts_init(&o);
    o.on = "failure";
    o.exit_code = 0;
    o.command = "/nonexistent/hook";
    assert_int_equal(bg_notify_run(FIXTURE("mixed"), &o, err, sizeof err), BG_OK); /* not sent */
    o.exit_code = 3;
    assert_int_equal(bg_notify_run(FIXTURE("mixed"), &o, err, sizeof err), BG_EIO);
    assert_contains(err, "command notification failed: /nonexistent/hook exited with 127");
}

static void test_upload_refuses(void **unused) {
    (void)unused;
    bg_upload_opts o;
    char err[512];
    bg_upload_opts_init(&o);
    assert_int_equal(bg_upload_run("http://h/x", FIXTURE("small"), &o, err, sizeof err), BG_EUSAGE);
    assert_contains(err, "is not an https:// URL");
    assert_int_equal(bg_upload_run("https://u:p@h/x", FIXTURE("small"), &o, err, sizeof err),
                     BG_EUSAGE);
    o.attempts = 0;
    assert_int_equal(bg_upload_run("https://h/x", FIXTURE("small"), &o, err, sizeof err),
                     BG_EUSAGE);
    bg_upload_opts_init(&o);
    assert_int_equal(bg_upload_run("https://h/x", FIXTURE("nowhere"), &o, err, sizeof err),
                     BG_EINPUT);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_plugins_append_and_replace),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_good_values_and_off),
        cmocka_unit_test(test_yaml_sections),
        cmocka_unit_test(test_yaml_errors),
        cmocka_unit_test(test_command_names),
        cmocka_unit_test(test_split_words),
        cmocka_unit_test(test_url_and_address),
        cmocka_unit_test(test_grouping_url),
        cmocka_unit_test(test_exposition),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_svg_chart),
        cmocka_unit_test(test_report_html),
        cmocka_unit_test(test_notify_message),
        cmocka_unit_test(test_upload_refuses),
        /* one case a line: tests/CMakeLists.txt registers only the first case of a line */
        cmocka_unit_test(test_human_micro),    /* µs on the page */
        cmocka_unit_test(test_svg_pair_chart), /* two runs' bars */
        cmocka_unit_test(test_report_html_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
