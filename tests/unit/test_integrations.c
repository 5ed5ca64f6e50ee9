/* test_integrations.c - unit tests of the integrations' C parts: their settings (plugins,
 * telemetry, notify) from flags and bench.yaml lists and mappings, command words, URL and
 * address checks, the Pushgateway grouping URL and exposition, HTML escaping and the SVG chart,
 * and the report and notification texts of a fixture run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/integrations.h"
#include "benchgate/report.h"
#include "common/common.h"
#include "config/config.h"
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

/* ---- settings ------------------------------------------------------------------------------ */

static void test_defaults(void **unused) {
    (void)unused;
    bg__config c;
    bg__config_defaults(&c);
    assert_string_equal(c.telemetry_job, "benchgate");
    assert_true(c.telemetry_timeout == 5.0);
    assert_string_equal(c.notify_on, "always");
    assert_string_equal(c.plugins, "");
    assert_string_equal(c.telemetry_url, "");
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
        bg__opt_id id;
        const char *value, *why;
    } cases[] = {
        {BG__OPT_TELEMETRY_URL, "ftp://x", "is not an http:// or https:// URL"},
        {BG__OPT_TELEMETRY_URL, "http://user:pw@pgw:9091", "without user:password@"},
        {BG__OPT_TELEMETRY_URL, "http://", "is not an http:// or https:// URL"},
        {BG__OPT_TELEMETRY_JOB, "a/b", "'/'"},
        {BG__OPT_TELEMETRY_LABELS, "team", "NAME=VALUE"},
        {BG__OPT_TELEMETRY_LABELS, "9x=1", "label name"},
        {BG__OPT_TELEMETRY_LABELS, "job=x", "sets the label job"},
        {BG__OPT_TELEMETRY_LABELS, "a=1,", "ends with a comma"},
        {BG__OPT_TELEMETRY_TIMEOUT, "0", "out of range"},
        {BG__OPT_TELEMETRY_TIMEOUT, "5h", "unknown unit"},
        {BG__OPT_NOTIFY_ON, "sometimes", "always, failure, never"},
        {BG__OPT_NOTIFY_SMTP_URL, "http://mail", "smtp:// or smtps://"},
        {BG__OPT_NOTIFY_FROM, "nobody", "not an email address"},
        {BG__OPT_NOTIFY_TO, "a@b.c,,d@e.f", "empty address"},
        {BG__OPT_NOTIFY_TO, "a@b.c,x y@z", "not a plain email address"},
        {BG__OPT_NOTIFY_TO, "a@b.c\r\nBcc: x@y", "holds a control character (0x0d at offset 5)"},
        {BG__OPT_NOTIFY_FROM, "a\r\n@b.c", "holds a control character (0x0d at offset 1)"},
        {BG__OPT_NOTIFY_COMMAND, "echo 'open", "unclosed quote"},
        {BG__OPT_NOTIFY_COMMAND, "   ", "names no program"},
        {BG__OPT_NOTIFY_DESKTOP, "maybe", "not a boolean"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bg__config c;
        bg__error err = {0};
        bg__config_defaults(&c);
        assert_int_equal(set(&c, cases[i].id, cases[i].value, BG__SRC_FLAG, &err), BG_ECONFIG);
        assert_contains(err.msg, cases[i].why);
    }
}

static void test_good_values_and_off(void **unused) {
    (void)unused;
    bg__config c;
    bg__error err = {0};
    char buf[256];
    bg__config_defaults(&c);
    assert_int_equal(
        set(&c, BG__OPT_TELEMETRY_URL, "https://pgw.example:9091/", BG__SRC_YAML, &err), BG_OK);
    assert_int_equal(set(&c, BG__OPT_TELEMETRY_TIMEOUT, "500ms", BG__SRC_YAML, &err), BG_OK);
    assert_true(c.telemetry_timeout == 0.5);
    assert_int_equal(set(&c, BG__OPT_TELEMETRY_URL, "off", BG__SRC_FLAG, &err), BG_OK);
    assert_string_equal(c.telemetry_url, ""); /* a flag turns the file's push off */
    assert_int_equal(set(&c, BG__OPT_NOTIFY_TO, "a@b.c,d@e.f", BG__SRC_FLAG, &err), BG_OK);
    bg__config_format(&c, BG__OPT_NOTIFY_TO, buf, sizeof buf);
    assert_string_equal(buf, "a@b.c,d@e.f");
    assert_int_equal(set(&c, BG__OPT_NOTIFY_DESKTOP, "yes", BG__SRC_FLAG, &err), BG_OK);
    bg__config_format(&c, BG__OPT_NOTIFY_DESKTOP, buf, sizeof buf);
    assert_string_equal(buf, "1");
}

static void test_yaml_sections(void **unused) {
    (void)unused;
    static const char yaml[] = "version: 1\n"
                               "run:\n  plugins: [/p/a.so, /p/b.so]\n"
                               "telemetry:\n  url: http://127.0.0.1:9091\n"
                               "  labels: {team: perf, site: lab 1}\n  job: nightly\n"
                               "notify:\n  on: failure\n  desktop: true\n"
                               "  to: [a@example.test, b@example.test]\n"
                               "  command: [/bin/echo, \"it's\", two words, \"\"]\n";
    bg__settings st;
    bg__error err = {0};
    memset(&st, 0, sizeof st);
    bg__config_defaults(&st.global);
    assert_int_equal(bg__config_load_yaml_buffer(&st, yaml, strlen(yaml), "t.yaml", &err), BG_OK);
    const bg__config *c = &st.global;
    assert_string_equal(c->plugins, "/p/a.so:/p/b.so");
    assert_string_equal(c->telemetry_labels, "team=perf,site=lab 1");
    assert_string_equal(c->telemetry_job, "nightly");
    assert_string_equal(c->notify_on, "failure");
    assert_int_equal(c->notify_desktop, 1);
    assert_string_equal(c->notify_to, "a@example.test,b@example.test");
    char store[256], *argv[8];
    assert_int_equal(bg__split_words(c->notify_command, store, sizeof store, argv, 8), 4);
    assert_string_equal(argv[0], "/bin/echo");
    assert_string_equal(argv[1], "it's");
    assert_string_equal(argv[2], "two words");
    assert_string_equal(argv[3], "");
    assert_null(argv[4]);
    bg__settings_free(&st);
}

static void test_yaml_errors(void **unused) {
    (void)unused;
    static const struct {
        const char *yaml, *why;
    } cases[] = {
        {"telemetry:\n  uri: x\n", "2:3: unknown key 'uri' in section telemetry"},
        {"notify:\n  to: {a: b}\n", "to: expected a string or a list of strings"},
        {"telemetry:\n  labels: [a, b]\n", "labels: expected a mapping of label: value"},
        {"telemetry:\n  labels: {team: [x]}\n", "labels: each label must be name: value"},
        {"run:\n  plugins: [a.so, [b]]\n", "plugins: each item of the list"},
        {"benchmarks:\n  triad:\n    plugins: x.so\n", "cannot be set per benchmark"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bg__settings st;
        bg__error err = {0};
        memset(&st, 0, sizeof st);
        bg__config_defaults(&st.global);
        assert_int_equal(
            bg__config_load_yaml_buffer(&st, cases[i].yaml, strlen(cases[i].yaml), "t.yaml", &err),
            BG_ECONFIG);
        assert_contains(err.msg, cases[i].why);
        bg__settings_free(&st);
    }
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
    bg__figure_human(5770, "ns", buf, sizeof buf);
    assert_string_equal(buf, "5.77 us"); /* the console's ASCII */
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
