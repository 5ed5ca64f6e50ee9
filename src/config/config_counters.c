/* config_counters.c - --counters=LIST: the performance counters read around BG_LOOP, by the
 * names of the table in common.h (any case; Google Benchmark's CYCLES or CACHE_MISSES too). */
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "config/config.h"

/* Why a list is refused, with the item named (the options are read on one thread). */
static char problem[768];

static const char *unknown(const char *name) {
    char known[400];
    bg__counter_known(known, sizeof known);
    snprintf(problem, sizeof problem, "names an unknown counter '%.64s' (known: %s)", name, known);
    return problem;
}

static const char *twice(const char *name) {
    snprintf(problem, sizeof problem, "names counter '%.64s' twice", name);
    return problem;
}

const char *bg__config_set_counters(bg__config *c, const char *text) {
    char buf[512];
    if (text[0] == '\0')
        return "is empty: name one counter or more (e.g. task-clock,cycles)";
    if (strlen(text) >= sizeof buf)
        return "is too long";
    size_t len = strlen(text);
    if (text[0] == ',' || text[len - 1] == ',' || strstr(text, ",,"))
        return "has an empty item";
    memcpy(buf, text, len + 1);
    unsigned bits = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int id = bg__counter_find(tok);
        if (id < 0)
            return unknown(tok);
        if (bits & (1u << id))
            return twice(tok);
        bits |= 1u << id;
    }
    c->counters = bits;
    return NULL;
}

void bg__config_format_counters(const bg__config *c, char *buf, size_t size) {
    buf[0] = '\0';
    for (int i = 0; i < BG__COUNTER_COUNT; i++)
        if (c->counters & (1u << i))
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? "," : "",
                     bg__counter_names[i]);
}
