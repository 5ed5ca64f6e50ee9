/* components_probe.c - a program of the find_package test project that uses the optional
 * components: benchgate::history (the run history) and benchgate::net (the telemetry URL).
 * usage: components_probe MISSING_DB   Exit: 0 when both answered as documented, 1 otherwise. */
#include <benchgate/history.h>
#include <benchgate/integrations.h>
#include <benchgate/report.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    char err[1024] = "", net_err[1024] = "", url[512] = "";
    char *text = NULL;
    if (argc != 2)
        return fprintf(stderr, "usage: components_probe MISSING_DB\n"), 1;
    bg_err rc = bg_history_list(argv[1], 5, "table", &text, err, sizeof err);
    printf("history: %s\n", rc == BG_OK ? "a list" : err);
    bg_text_free(text);
    bg_telemetry_opts o;
    bg_telemetry_opts_init(&o);
    o.url = "https://pgw.example:9091";
    bg_err url_rc = bg_telemetry_url(&o, "host1", url, sizeof url, net_err, sizeof net_err);
    printf("net: %s\n", url_rc == BG_OK ? url : net_err);
    int history_ok = rc != BG_OK && strstr(err, argv[1]) != NULL; /* the missing file named */
    return history_ok && url_rc == BG_OK ? 0 : 1;
}
